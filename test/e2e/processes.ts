import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ENTRY = 'test/support/shelfmark-at.ts';

/** A `shelfmark` process on the test's clock file, with only the environment given (no DATABASE_URL leaking in). */
export class ShelfmarkProcess {
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;
  private readonly watchers: { readonly pattern: RegExp; readonly resolve: (match: RegExpMatchArray) => void }[] = [];

  constructor(clockFile: string, args: readonly string[], env: Record<string, string> = {}) {
    this.child = spawn(process.execPath, ['--import', 'tsx', ENTRY, clockFile, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
      for (const w of [...this.watchers]) {
        const match = this.stderr.match(w.pattern);
        if (match) {
          this.watchers.splice(this.watchers.indexOf(w), 1);
          w.resolve(match);
        }
      }
    });
    this.exited = once(this.child, 'exit').then(([code]) => code as number | null);
  }

  /** The first stderr line matching `pattern`, seen already or when it comes; rejects if the process ends first. */
  line(pattern: RegExp): Promise<RegExpMatchArray> {
    const seen = this.stderr.match(pattern);
    if (seen) return Promise.resolve(seen);
    return Promise.race([
      new Promise<RegExpMatchArray>((resolve) => this.watchers.push({ pattern, resolve })),
      this.exited.then((code) => Promise.reject(new Error(`shelfmark exited with ${String(code)} before printing ${String(pattern)}:\n${this.stderr}`))),
    ]);
  }

  /** SIGKILL: the process dies at once, with no chance to finish or record anything; resolves with the signal once it is gone. */
  async kill(): Promise<NodeJS.Signals | null> {
    this.child.kill('SIGKILL');
    await this.exited;
    return this.child.signalCode;
  }

  /** SIGTERM, then the exit code once it has stopped. */
  async stop(): Promise<number | null> {
    this.child.kill('SIGTERM');
    return this.exited;
  }
}

/** A finished command: its exit code and output. */
export async function shelfmarkRun(clockFile: string, args: readonly string[], env: Record<string, string> = {}): Promise<ShelfmarkProcess & { code: number | null }> {
  const run = new ShelfmarkProcess(clockFile, args, env);
  const code = await run.exited;
  return Object.assign(run, { code });
}

/** A JSON request to a serving shelfmark. */
export async function api(base: string, method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text === '' ? null : (JSON.parse(text) as unknown) };
}
