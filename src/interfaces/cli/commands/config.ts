import type { Command } from 'commander';
import { redacted } from '../../../composition/config/redact.js';
import { readKeys } from '../../../composition/config/runtime.js';
import { processContext, type CliContext } from '../CliContext.js';
import { loadFor, withStoreOptions, type StoreFlags } from '../configured.js';

/** `shelfmark config check`: the effective configuration (file, environment, flags) with secrets redacted; non-zero on a bad one. */
export function register(program: Command, context: CliContext = processContext()): void {
  const config = program.command('config').description('inspect the configuration');
  withStoreOptions(
    config
      .command('check')
      .description('check the configuration (file, then environment, then flags) and the keys it points at; print it with secrets redacted'),
  ).action((options: StoreFlags) => {
    const loaded = loadFor(context, options);
    readKeys(loaded).email?.close();
    context.stdout(`${JSON.stringify(redacted(loaded.config), null, 2)}\n`);
    context.stderr(`shelfmark: ${loaded.file ?? 'no configuration file, defaults'}${loaded.overrides.length > 0 ? ` with ${loaded.overrides.map((o) => o.source).join(', ')}` : ''}: ok\n`);
  });
}
