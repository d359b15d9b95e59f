import { spawn } from 'node:child_process';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';
import { runCli as runProgram } from '../../src/interfaces/cli/program.js';

/** What one run of the command line left behind: its exit code and everything it wrote. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `shelfmark …args` in this process through the same `runCli` the bin calls: stdin fed from `stdin`, stdout
 * and stderr captured (whether a command writes through its context or to the process streams), NO_COLOR set, and
 * the exit code the run would have ended with (process.exitCode is restored afterwards).
 * Runs must not overlap: they share the process's streams.
 */
export async function runCli(args: readonly string[], stdin = '', env: Readonly<Record<string, string>> = {}): Promise<CliRun> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const capture = (into: string[]) => (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
    const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    done?.();
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture(stdout));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture(stderr));
  // The commands read process.stdin as a plain readable stream; a stream of the given text stands in for it.
  const fed: NodeJS.ReadableStream = Readable.from([stdin]);
  const input = vi.spyOn(process, 'stdin', 'get').mockReturnValue(fed as never);
  const saved = { NO_COLOR: process.env.NO_COLOR, FORCE_COLOR: process.env.FORCE_COLOR };
  const exitCode = process.exitCode;
  process.env.NO_COLOR = '1';
  process.env.FORCE_COLOR = '0';
  process.exitCode = undefined;
  let code: number;
  try {
    code = await runProgram(['node', 'shelfmark', ...args], { env: { ...process.env, ...env } });
  } finally {
    out.mockRestore();
    err.mockRestore();
    input.mockRestore();
    restoreEnv(saved);
    process.exitCode = exitCode;
  }
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}

function restoreEnv(saved: Readonly<Record<string, string | undefined>>): void {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) Reflect.deleteProperty(process.env, name);
    else process.env[name] = value;
  }
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Runs the real bin entry (src/interfaces/cli/main.ts under tsx) as a child process and waits for it to exit,
 * however long a busy machine makes that take: no timer here, only the test's own timeout as a backstop.
 */
export function spawnCli(args: readonly string[], stdin = ''): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/interfaces/cli/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      resolve({ code: code ?? (signal === null ? 1 : 128), stdout, stderr });
    });
    child.stdin.end(stdin);
  });
}
