import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { LendingDesk } from '../desk/LendingDesk.js';

/** A line that is not `["method", arg, …]` with the method's arguments. */
class MalformedLine extends Error {}

/** One request's arguments, read by position and checked by type. */
class Arguments {
  constructor(
    private readonly method: string,
    private readonly values: readonly unknown[],
  ) {}

  text(index: number, name: string): string {
    const value = this.values[index];
    if (typeof value !== 'string') throw new MalformedLine(`${this.method}: argument ${index + 1} (${name}) must be a string`);
    return value;
  }

  number(index: number, name: string): number {
    const value = this.values[index];
    if (typeof value !== 'number') throw new MalformedLine(`${this.method}: argument ${index + 1} (${name}) must be a number`);
    return value;
  }
}

interface DeskMethod {
  readonly arity: number;
  call(desk: LendingDesk, args: Arguments): Promise<unknown>;
}

/** The desk's methods, by name, with their argument lists. */
const DESK_METHODS: Readonly<Record<string, DeskMethod>> = {
  addBook: { arity: 3, call: (d, a) => d.addBook(a.text(0, 'title'), a.text(1, 'author'), a.number(2, 'copies')) },
  registerUser: { arity: 2, call: (d, a) => d.registerUser(a.text(0, 'userId'), a.text(1, 'name')) },
  unregisterUser: { arity: 1, call: (d, a) => d.unregisterUser(a.text(0, 'userId')) },
  requestBorrow: { arity: 3, call: (d, a) => d.requestBorrow(a.text(0, 'userId'), a.text(1, 'bookId'), a.number(2, 'requestDay')) },
  returnBook: { arity: 3, call: (d, a) => d.returnBook(a.text(0, 'userId'), a.text(1, 'bookId'), a.number(2, 'returnDay')) },
  usersHavingBook: { arity: 1, call: (d, a) => d.usersHavingBook(a.text(0, 'bookId')) },
  booksIssuedToUser: { arity: 1, call: (d, a) => d.booksIssuedToUser(a.text(0, 'userId')) },
};

export const DESK_METHOD_NAMES = Object.keys(DESK_METHODS);

/** Answers JSON-lines requests against one LendingDesk; counts the lines it could not answer. */
export class JsonLinesDesk {
  private failedLines = 0;

  constructor(private readonly desk: LendingDesk = new LendingDesk()) {}

  get failures(): number {
    return this.failedLines;
  }

  /** The JSON answer to one line; null for a blank line. */
  async answer(line: string): Promise<string | null> {
    if (line.trim() === '') return null;
    try {
      const [name, ...values] = JsonLinesDesk.parse(line);
      const method = Object.hasOwn(DESK_METHODS, name) ? DESK_METHODS[name] : undefined;
      if (!method) throw new MalformedLine(`unknown method "${name}"; known: ${DESK_METHOD_NAMES.join(', ')}`);
      if (values.length !== method.arity) throw new MalformedLine(`${name} takes ${method.arity} arguments, got ${values.length}`);
      return JSON.stringify(await method.call(this.desk, new Arguments(name, values)));
    } catch (error) {
      this.failedLines += 1;
      return JSON.stringify({ error: error instanceof Error ? error.message : String(error) });
    }
  }

  /** Reads every line of `input`, writing one answer line per request line to `output`. */
  async run(input: Readable, output: Writable): Promise<void> {
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      const answer = await this.answer(line);
      if (answer !== null) output.write(`${answer}\n`);
    }
  }

  private static parse(line: string): [string, ...unknown[]] {
    let request: unknown;
    try {
      request = JSON.parse(line);
    } catch {
      throw new MalformedLine('not JSON: expected ["method", arg, …]');
    }
    if (!Array.isArray(request) || typeof request[0] !== 'string') throw new MalformedLine('expected a JSON array ["method", arg, …]');
    return request as [string, ...unknown[]];
  }
}
