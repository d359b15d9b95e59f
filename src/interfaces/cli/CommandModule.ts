import type { Command } from 'commander';
import type { CliContext } from './CliContext.js';

/** What each file in src/interfaces/cli/commands exports: it adds its own command (and options, help) to the program. */
export interface CommandModule {
  register(program: Command, context: CliContext): void;
}
