import { spawn } from 'node:child_process';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { vi } from 'vitest';
import type { CommandModule } from '../../src/interfaces/cli/CommandModule.js';
import * as demo from '../../src/interfaces/cli/commands/demo.js';
import * as desk from '../../src/interfaces/cli/commands/desk.js';
import * as importCommand from '../../src/interfaces/cli/commands/import.js';
import * as jobs from '../../src/interfaces/cli/commands/jobs.js';
import * as search from '../../src/interfaces/cli/commands/search.js';
import * as serve from '../../src/interfaces/cli/commands/serve.js';

/** What one run of the command line left behind: its exit code and everything it wrote. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The commands of src/interfaces/cli/main.ts, in its order. */
const COMMANDS: readonly CommandModule[] = [desk, demo, serve, importCommand, search, jobs];

/** The program main.ts builds: the same commands, the same error handling; exits become thrown CommanderErrors. */
export function cliProgram(commands: readonly CommandModule[] = COMMANDS): Command {
  const program = new Command('shelfmark')
    .description('A lending-library engine: catalog, copies, members, loans, FIFO holds, fines and notices.')
    .showHelpAfterError()
    .exitOverride();
  for (const command of commands) command.register(program);
  return program;
}

/**
 * Runs `shelfmark …args` in this process, as main.ts would: stdin fed from `stdin`, stdout and stderr captured,
 * NO_COLOR set, and the exit code the run would have ended with (process.exitCode is restored afterwards).
 * Runs must not overlap: they share the process's streams.
 */
export async function runCli(args: readonly string[], stdin = '', program: Command = cliProgram()): Promise<CliRun> {
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
  const env = { NO_COLOR: process.env.NO_COLOR, FORCE_COLOR: process.env.FORCE_COLOR };
  const exitCode = process.exitCode;
  process.env.NO_COLOR = '1';
  process.env.FORCE_COLOR = '0';
  process.exitCode = undefined;
  let code: number;
  try {
    await program.parseAsync(['node', 'shelfmark', ...args]);
    code = exitCodeSet();
  } catch (error) {
    if (error instanceof CommanderError) code = error.exitCode;
    else {
      stderr.push(`shelfmark: ${error instanceof Error ? error.message : String(error)}\n`);
      code = 1;
    }
  } finally {
    out.mockRestore();
    err.mockRestore();
    input.mockRestore();
    restoreEnv(env);
    process.exitCode = exitCode;
  }
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}

/** The exit code an action asked for through process.exitCode (0 when it set none). */
function exitCodeSet(): number {
  const code: unknown = process.exitCode;
  return code === undefined || code === null ? 0 : Number(code);
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
