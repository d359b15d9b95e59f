import { ComposedTexts } from './StatementTexts.js';

/** Batch, append and check texts by what they are made of (see StatementTexts). */
const texts = new ComposedTexts();
const checkedTexts = new ComposedTexts();

/** A write of one row by its own statement: an INSERT, an UPDATE or a DELETE with parameters from `$1`. */
export interface RowWrite {
  /** The row it writes, `table:key`: no two writes of one batch touch the same row. */
  readonly row: string;
  readonly text: string;
  readonly params: readonly unknown[];
  /**
   * For a write that must change exactly one row (key in `$1`): the optimistic UPDATE or DELETE of an aggregate root,
   * or a child's upsert. Changing none raises a serialization failure in the database (migration 007) instead of
   * passing unseen.
   */
  readonly expectsRowOf?: string;
  /** For a root's INSERT or optimistic UPDATE that the batch's other rows of its table and columns may share. */
  readonly shared?: SharedRow;
}

/**
 * A row's part in the one statement that writes every row of its table and columns in a batch (the catalogue records
 * of an import, their copies, their queues): `many` is that statement, which reads the rows from a JSON array in `$1`
 * (one element each, `fields`), so a batch costs the database one statement per table, not one per row. A row alone
 * in its batch goes by its own text. An optimistic UPDATE shared so must change every row it was given (see `take`).
 */
export interface SharedRow {
  readonly many: string;
  /** The row's element of that array, made only if the row does not go alone (a checkout's rows never need it). */
  readonly fields: () => string;
}

/**
 * A row appended to a log (audit, outbox): appends to one table share one INSERT, in the order made. A row alone goes
 * as one VALUES row; more go as one JSON array in `$1`, so a batch of any size is one parameter (a statement takes at
 * most 65,535) and one statement text.
 */
export interface Append {
  readonly row: string;
  readonly append: {
    readonly table: string;
    readonly columns: readonly string[];
    readonly values: readonly unknown[];
    /** The columns whose values are JSON texts (json or jsonb columns): a JSON array carries them as JSON, not as strings. */
    readonly jsonColumns?: readonly string[];
    /** e.g. `ON CONFLICT (idempotency_key) DO NOTHING` */
    readonly onConflict?: string;
  };
}

export type PendingWrite = RowWrite | Append;

export interface Statement {
  readonly text: string;
  readonly params: readonly unknown[];
}

interface Clause {
  text: string;
  params: unknown[];
  readonly expectsRowOf?: string;
  /** A shared statement's rows so far (see SharedRow); it is sent as `many` once it holds more than one. */
  readonly shared?: { readonly many: string; readonly rows: (() => string)[] };
}

/**
 * The writes a transaction makes between two reads, sent as one statement: each write becomes a data-modifying
 * `WITH` clause of a single query, and the query's select list checks the optimistic versions. A checkout's copy,
 * loan, member and audit row so cost the database one statement, not four.
 *
 * The clauses of one statement share its snapshot and do not see each other's rows, PostgreSQL lets a statement
 * change a row once, and it runs the clauses in an order of its own. So a batch never holds two writes of one row
 * (`holds` lets the caller send the batch first), a read always sends the batch before it (the read must see the
 * writes), and rows whose order matters, the appends to a log, go into one INSERT with one VALUES row each, in the
 * order they were made. Foreign keys are checked at the end of the statement, when every clause has run.
 */
export class WriteBatch {
  private clauses: Clause[] = [];
  /** The clause appending to each log table, with its VALUES rows so far. */
  private readonly appends = new Map<string, Log>();
  /** The clause of each shared statement (SharedRow), by its text. */
  private readonly shared = new Map<string, Clause>();
  private readonly rows = new Set<string>();

  get isEmpty(): boolean {
    return this.clauses.length === 0;
  }

  holds(row: string): boolean {
    return this.rows.has(row);
  }

  add(write: PendingWrite): void {
    if (this.rows.has(write.row)) throw new Error(`a write batch holds ${write.row} already; send it first`);
    this.rows.add(write.row);
    if ('append' in write) this.addAppend(write.append);
    else if (write.shared === undefined) this.clauses.push(clauseOf(write));
    else this.addShared(write, write.shared);
  }

  /** The batch as one statement, leaving the batch empty; null when there is nothing to send. */
  take(): Statement | null {
    // A log's statement is made once, for the rows it ends with, not again at every row appended.
    for (const log of this.appends.values()) {
      if (log.rows.length === 1) {
        log.clause.text = valuesText(log);
        log.clause.params = [...(log.rows[0] ?? [])];
      } else {
        log.clause.text = texts.text(['APPEND_MANY', log.key], () => appendMany(log.append));
        log.clause.params = [`[${log.rows.map((values) => elementOf(log.append, values)).join(',')}]`];
      }
    }
    for (const clause of this.shared.values()) {
      if (clause.shared === undefined || clause.shared.rows.length < 2) continue;
      clause.text = clause.shared.many;
      clause.params = [`[${clause.shared.rows.map((fields) => fields()).join(',')}]`];
    }
    const clauses = this.clauses;
    this.clauses = [];
    this.appends.clear();
    this.shared.clear();
    this.rows.clear();
    const [only] = clauses;
    if (only === undefined) return null;
    if (clauses.length === 1) {
      const table = only.expectsRowOf;
      return { text: table === undefined ? only.text : checkedTexts.text([only.text], () => checked(only, table)), params: only.params };
    }
    // A clause's text fixes its parameters and whether it must change a row, so the texts alone key the batch.
    const parts: string[] = [];
    const params: unknown[] = [];
    for (const clause of clauses) {
      parts.push(clause.text);
      params.push(...clause.params);
    }
    return { text: texts.text(parts, () => combined(clauses)), params };
  }

  private addShared(write: RowWrite, { many, fields }: SharedRow): void {
    const clause = this.shared.get(many);
    if (clause?.shared === undefined) {
      const first: Clause = { ...clauseOf(write), shared: { many, rows: [fields] } };
      this.shared.set(many, first);
      this.clauses.push(first);
    } else clause.shared.rows.push(fields);
  }

  private addAppend(append: Append['append']): void {
    const conflict = append.onConflict ?? '';
    const key = texts.text(['APPEND', append.table, conflict, ...append.columns], () => `${append.table} (${append.columns.join(', ')}) ${conflict}`);
    let log = this.appends.get(key);
    if (log === undefined) {
      log = { key, append, clause: { text: '', params: [] }, rows: [] };
      this.appends.set(key, log);
      this.clauses.push(log.clause);
    }
    log.rows.push(append.values);
  }
}

function clauseOf(write: RowWrite): Clause {
  return { text: write.text, params: [...write.params], ...(write.expectsRowOf === undefined ? {} : { expectsRowOf: write.expectsRowOf }) };
}

/** Whether the clause is sent as the statement of many rows, whose JSON array is its one parameter. */
const isMany = (clause: Clause): boolean => clause.shared !== undefined && clause.shared.rows.length > 1;

/** The rows appended to one log table in a batch: its clause's text and parameters are made when the batch is taken. */
interface Log {
  readonly key: string;
  readonly append: Append['append'];
  readonly clause: Clause;
  readonly rows: (readonly unknown[])[];
}

function valuesText({ key, append }: Log): string {
  return texts.text(['VALUES', key], () => {
    const conflict = append.onConflict === undefined ? '' : ` ${append.onConflict}`;
    return `INSERT INTO ${append.table} (${append.columns.join(', ')}) VALUES ${tuple(append.values.length, 0)}${conflict}`;
  });
}

/** Many rows of a log from the JSON array in `$1`, inserted in the array's order (a log's `position` follows it). */
function appendMany(append: Append['append']): string {
  const columns = append.columns.join(', ');
  const rows = `json_populate_recordset(NULL::${append.table}, $1::json) WITH ORDINALITY AS appended`;
  return `INSERT INTO ${append.table} (${columns}) SELECT ${columns} FROM ${rows} ORDER BY appended.ordinality${append.onConflict === undefined ? '' : ` ${append.onConflict}`}`;
}

/** One appended row as an element of the JSON array. */
const elementOf = (append: Append['append'], values: readonly unknown[]): string =>
  jsonElement(append.columns.map((column, i) => [column, values[i]]), append.jsonColumns ?? []);

/**
 * A row as an element of the JSON array a many-row statement reads with `json_populate_recordset`: its columns by
 * name, a missing value as null, and the value of a JSON column (a JSON text already) spliced in as it is, not
 * parsed and written again.
 */
export function jsonElement(columns: readonly (readonly [string, unknown])[], jsonColumns: readonly string[]): string {
  const members = columns.map(([column, value]) => {
    const json = typeof value === 'string' && jsonColumns.includes(column) ? value : JSON.stringify(value ?? null);
    return `${JSON.stringify(column)}:${json}`;
  });
  return `{${members.join(',')}}`;
}

/** The clauses of a batch as one statement: each a data-modifying `WITH` clause, the select list checking versions. */
function combined(clauses: readonly Clause[]): string {
  const parts: string[] = [];
  const checks: string[] = [];
  let offset = 0;
  clauses.forEach((clause, i) => {
    const text = offset === 0 ? clause.text : renumber(clause.text, offset);
    parts.push(`w${i} AS (${text}${clause.expectsRowOf === undefined ? '' : ' RETURNING 1'})`);
    if (clause.expectsRowOf !== undefined) checks.push(expectation(`(SELECT count(*) FROM w${i})`, clause, clause.expectsRowOf, offset + 1));
    offset += clause.params.length;
  });
  return `WITH ${parts.join(', ')} SELECT ${checks.length > 0 ? checks.join(', ') : 'true'}`;
}

/** `($k+1, …, $k+n)` */
function tuple(n: number, offset: number): string {
  return `(${Array.from({ length: n }, (_, i) => `$${offset + i + 1}`).join(', ')})`;
}

function checked(clause: Clause, table: string): string {
  return `WITH changed AS (${clause.text} RETURNING 1) SELECT ${expectation('count(*)', clause, table, 1)} FROM changed`;
}

/** One row changed, the one keyed by the clause's first parameter; or, for many rows, every row of the JSON array there. */
function expectation(count: string, clause: Clause, table: string, firstParam: number): string {
  return isMany(clause)
    ? `expect_rows(${count}, json_array_length($${firstParam}::json), '${table}')`
    : `expect_one_row(${count}, '${table} ' || $${firstParam}::text)`;
}

/** Statement texts shifted so far, by offset: the store's statements are few, so this stays small. */
const shifted = new Map<number, Map<string, string>>();
const MAX_SHIFTED = 2000;

/** Shifts every `$n` placeholder by `offset` (the statements are ours: no `$` appears but in placeholders). */
export function renumber(text: string, offset: number): string {
  let byText = shifted.get(offset);
  if (!byText) shifted.set(offset, (byText = new Map<string, string>()));
  let result = byText.get(text);
  if (result === undefined) {
    result = text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
    if (byText.size < MAX_SHIFTED) byText.set(text, result);
  }
  return result;
}
