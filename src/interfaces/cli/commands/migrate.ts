import type { Command } from 'commander';
import { ConfigError } from '../../../composition/config/ConfigError.js';
import { sourceOf } from '../../../composition/config/load.js';
import { describeStore, storeFrom } from '../../../composition/config/runtime.js';
import { bundledMigrations, migrate, migrationStatus } from '../../../infrastructure/sql/Migrator.js';
import { SqlStore } from '../../../infrastructure/sql/SqlStore.js';
import { processContext, type CliContext } from '../CliContext.js';
import { loadFor, withStoreOptions, type StoreFlags } from '../configured.js';

interface MigrateOptions extends StoreFlags {
  readonly status?: boolean;
  readonly json?: boolean;
}

/**
 * `shelfmark migrate`: applies the migrations the configured database has not seen yet, in one
 * transaction, and lists them; `--status` lists applied and pending migrations and changes nothing.
 */
export function register(program: Command, context: CliContext = processContext()): void {
  withStoreOptions(program.command('migrate').description('apply pending database migrations to the configured store (--status: list them, change nothing)'))
    .option('--status', 'list applied and pending migrations; apply nothing')
    .option('--json', 'print the result as JSON')
    .action(async (options: MigrateOptions) => {
      const loaded = loadFor(context, options);
      const { config } = loaded;
      const where = describeStore(config);
      const store = storeFrom(config);
      if (!(store instanceof SqlStore)) {
        throw new ConfigError('CONFIG_INVALID', 'store: migrate needs a database: configure store.postgres or store.pglite (or --database-url, --pglite)');
      }
      try {
        const migrations = await bundledMigrations();
        const unreachable = (error: unknown): never => {
          throw new ConfigError('STORE_UNREACHABLE', `${sourceOf(loaded, ['store'])}: store: cannot open the ${where.kind} database at ${where.where}: ${(error as Error).message}`, {}, { cause: error });
        };
        if (options.status === true) {
          const status = await migrationStatus(store.driver, migrations).catch(unreachable);
          const lines = [
            ...status.applied.map((m) => `applied  ${m.version}_${m.name}  ${m.appliedAt}`),
            ...status.pending.map((m) => `pending  ${m.version}_${m.name}`),
            `${status.applied.length} applied, ${status.pending.length} pending`,
          ];
          const json = { applied: status.applied, pending: status.pending.map((m) => ({ version: m.version, name: m.name })) };
          context.stdout(`${options.json === true ? JSON.stringify(json, null, 2) : lines.join('\n')}\n`);
          return;
        }
        const applied = await migrate(store.driver, migrations).catch(unreachable);
        const names = migrations.filter((m) => applied.includes(m.version)).map((m) => `${m.version}_${m.name}`);
        const text = names.length === 0 ? `the ${where.kind} database is up to date (${migrations.length} migrations)` : names.map((n) => `applied ${n}`).join('\n');
        context.stdout(`${options.json === true ? JSON.stringify({ applied: names }, null, 2) : text}\n`);
      } finally {
        await store.close();
      }
    });
}
