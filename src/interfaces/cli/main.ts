#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import type { CommandModule } from './CommandModule.js';

/** Every command lives in ./commands/<name>.ts and exports `register(program)`: one line here per command. */
const commands: readonly CommandModule[] = await Promise.all([
  import('./commands/desk.js'),
  import('./commands/demo.js'),
  import('./commands/serve.js'),
  import('./commands/import.js'),
  import('./commands/search.js'),
  import('./commands/jobs.js'),
]);

const program = new Command('shelfmark')
  .description('A lending-library engine: catalog, copies, members, loans, FIFO holds, fines and notices.')
  .showHelpAfterError()
  .exitOverride();
for (const command of commands) command.register(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else {
    process.stderr.write(`shelfmark: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
