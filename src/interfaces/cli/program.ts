import { Command, CommanderError } from 'commander';
import { ConfigError, type ConfigErrorCode } from '../../composition/config/ConfigError.js';
import { processContext, type CliContext } from './CliContext.js';
import type { CommandModule } from './CommandModule.js';
import * as configCommand from './commands/config.js';
import * as demo from './commands/demo.js';
import * as desk from './commands/desk.js';
import * as importCommand from './commands/import.js';
import * as jobs from './commands/jobs.js';
import * as migrate from './commands/migrate.js';
import * as search from './commands/search.js';
import * as serve from './commands/serve.js';
import * as sip2 from './commands/sip2.js';
import { packageVersion } from './version.js';

/** Every command lives in ./commands/<name>.ts and exports `register(program, context)`: one line here per command. */
const COMMANDS: readonly CommandModule[] = [desk, demo, serve, sip2, importCommand, search, jobs, migrate, configCommand];

/** Exit code per start-up failure: 2 for the configuration and its keys (a usage error), 1 for a service that is down. */
const EXIT_CODES: Readonly<Record<ConfigErrorCode, number>> = {
  CONFIG_UNREADABLE: 2,
  CONFIG_INVALID: 2,
  SECRET_UNAVAILABLE: 2,
  STORE_UNREACHABLE: 1,
  SMTP_UNVERIFIED: 1,
};

/** The `shelfmark` program over the given context (the process's own by default). */
export function buildProgram(overrides: Partial<CliContext> = {}): Command {
  const context = processContext(overrides);
  const program = new Command('shelfmark')
    .description('A lending-library engine: catalog, copies, members, loans, FIFO holds, fines and notices.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .configureOutput({ writeOut: context.stdout, writeErr: context.stderr })
    .showHelpAfterError()
    .exitOverride();
  for (const command of COMMANDS) command.register(program, context);
  return program;
}

/** Runs one command line; returns the exit code. A ConfigError is one line on stderr naming the cause. */
export async function runCli(argv: readonly string[], overrides: Partial<CliContext> = {}): Promise<number> {
  const context = processContext(overrides);
  const program = buildProgram(context);
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (ConfigError.is(error)) {
      context.stderr(`shelfmark: ${error.message}\n`);
      return EXIT_CODES[error.code];
    }
    context.stderr(`shelfmark: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
