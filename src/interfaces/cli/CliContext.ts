import type { Clock } from '../../domain/shared/Clock.js';
import type { Library, LibraryOptions } from '../../Library.js';

/**
 * What the commands read from the world, given once to `buildProgram`: the environment, the working
 * directory, the output streams and how a library is created. The installed entry point passes the
 * process's own; a test entry point may pass a clock it controls.
 */
export interface CliContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** The clock every rule reads; absent: the system clock. */
  readonly clock?: Clock;
  /** Creates the library from the options the configuration gave. Absent: `Library.create`. */
  readonly createLibrary?: (options: LibraryOptions) => Library;
}

export function processContext(overrides: Partial<CliContext> = {}): CliContext {
  return {
    env: process.env,
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    ...overrides,
  };
}
