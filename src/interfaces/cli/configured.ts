import { type Command, InvalidArgumentError, Option } from 'commander';
import { loadConfig, type LoadedConfig } from '../../composition/config/load.js';
import type { CommandLineSettings } from '../../composition/config/overrides.js';
import { openConfiguration, type OpenedConfiguration } from '../../composition/config/runtime.js';
import { Library } from '../../Library.js';
import type { CliContext } from './CliContext.js';

/** The flags of every command that opens the configured library. */
export interface StoreFlags extends CommandLineSettings {
  readonly config?: string;
}

/** Adds `--config`, `--database-url` and `--pglite`: flags override the environment, which overrides the file. */
export function withStoreOptions(command: Command): Command {
  return command
    .addOption(new Option('--config <file>', 'configuration file (default: ./shelfmark.config.json when present)'))
    .addOption(new Option('--database-url <url>', 'store: a PostgreSQL server (postgres://…)'))
    .addOption(new Option('--pglite <dir>', 'store: embedded PostgreSQL persisted in this directory'));
}

export function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new InvalidArgumentError('a port is a whole number from 0 to 65535');
  return n;
}

export function loadFor(context: CliContext, flags: StoreFlags): LoadedConfig {
  const settings: CommandLineSettings = {
    ...(flags.databaseUrl === undefined ? {} : { databaseUrl: flags.databaseUrl }),
    ...(flags.pglite === undefined ? {} : { pglite: flags.pglite }),
    ...(flags.host === undefined ? {} : { host: flags.host }),
    ...(flags.port === undefined ? {} : { port: flags.port }),
    ...(flags.policy === undefined ? {} : { policy: flags.policy }),
  };
  return loadConfig({ ...(flags.config === undefined ? {} : { file: flags.config }), cwd: context.cwd, env: context.env, flags: settings });
}

export interface ConfiguredLibrary {
  readonly loaded: LoadedConfig;
  readonly opened: OpenedConfiguration;
  readonly library: Library;
}

/** Loads the configuration, opens what it names and creates the library: the path every command takes to its store. */
export async function openLibrary(context: CliContext, flags: StoreFlags, options: { readonly verifySmtp?: boolean } = {}): Promise<ConfiguredLibrary> {
  const loaded = loadFor(context, flags);
  const opened = await openConfiguration(loaded, { ...(context.clock ? { clock: context.clock } : {}), ...options });
  return { loaded, opened, library: (context.createLibrary ?? ((options) => Library.create(options)))(opened.library) };
}
