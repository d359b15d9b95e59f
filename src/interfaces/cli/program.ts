import { Command, CommanderError } from 'commander';
import { ConfigError, type ConfigErrorCode } from '../../composition/config/ConfigError.js';
import { processContext, type CliContext } from './CliContext.js';
import type { CommandModule } from './CommandModule.js';
import { packageVersion } from './version.js';

/** One command of the program: its name, the line the program's help lists it with, and its module, loaded only to run it. */
interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  readonly load: () => Promise<CommandModule>;
}

/**
 * Every command lives in ./commands/<name>.ts and exports `register(program, context)`: one row here per command.
 * A run loads the one module it names (and none for `--help` alone), so a command pays only for what it uses:
 * `shelfmark desk` never loads the HTTP server, `shelfmark --help` not even the engine.
 */
const COMMANDS: readonly CommandEntry[] = [
  { name: 'desk', summary: 'the lending desk API over JSON lines on stdin', load: () => import('./commands/desk.js') },
  { name: 'demo', summary: 'a lending story on an in-memory library, as a timeline', load: () => import('./commands/demo.js') },
  { name: 'serve', summary: 'serve the HTTP API and the counter page; deliver notices and run the jobs', load: () => import('./commands/serve.js') },
  { name: 'sip2', summary: 'serve SIP2 to self-check kiosks and sorters; manage their logins', load: () => import('./commands/sip2.js') },
  { name: 'import', summary: 'import a catalogue file into the configured store', load: () => import('./commands/import.js') },
  { name: 'export', summary: "write the configured store's catalogue as MARC 21 (ISO 2709 or MARCXML)", load: () => import('./commands/export.js') },
  { name: 'search', summary: "search the configured store's catalogue, or a books.csv", load: () => import('./commands/search.js') },
  { name: 'jobs', summary: 'run the scheduled jobs once on the configured store', load: () => import('./commands/jobs.js') },
  { name: 'migrate', summary: 'apply pending database migrations (--status: list them)', load: () => import('./commands/migrate.js') },
  { name: 'config', summary: 'inspect the configuration', load: () => import('./commands/config.js') },
];

/** The command a command line runs (`shelfmark help <name>` counts as <name>), if it names one of ours. */
function commandNamed(argv: readonly string[]): CommandEntry | undefined {
  const words = argv.slice(2).filter((word) => !word.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  return COMMANDS.find((entry) => entry.name === name);
}

/** Exit code per start-up failure: 2 for the configuration and its keys (a usage error), 1 for a service that is down. */
const EXIT_CODES: Readonly<Record<ConfigErrorCode, number>> = {
  CONFIG_UNREADABLE: 2,
  CONFIG_INVALID: 2,
  SECRET_UNAVAILABLE: 2,
  STORE_UNREACHABLE: 1,
  SMTP_UNVERIFIED: 1,
};

/**
 * The `shelfmark` program for one command line, over the given context (the process's own by default): the command
 * the line names is registered whole from its module; the others only by name and summary, for the program's help.
 */
export async function buildProgram(argv: readonly string[], overrides: Partial<CliContext> = {}): Promise<Command> {
  const context = processContext(overrides);
  const program = new Command('shelfmark')
    .description('A lending-library engine: catalog, copies, members, loans, FIFO holds, fines and notices.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .configureOutput({ writeOut: context.stdout, writeErr: context.stderr })
    .showHelpAfterError()
    .exitOverride();
  const wanted = commandNamed(argv);
  for (const entry of COMMANDS) {
    if (entry === wanted) (await entry.load()).register(program, context);
    else program.command(entry.name);
    program.commands.find((command) => command.name() === entry.name)?.summary(entry.summary);
  }
  return program;
}

/** Runs one command line; returns the exit code. A ConfigError is one line on stderr naming the cause. */
export async function runCli(argv: readonly string[], overrides: Partial<CliContext> = {}): Promise<number> {
  const context = processContext(overrides);
  try {
    const program = await buildProgram(argv, context);
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
