import type { Command } from 'commander';
import { CormenStory } from '../demo/CormenStory.js';
import { Palette } from '../Palette.js';

/** `shelfmark demo`: seed 003's story on the embedded in-memory library, as a timeline of events and notices. */
export function register(program: Command): void {
  program
    .command('demo')
    .description("walks seed 003's story (Priya waits for Cormen) on an in-memory library and prints its timeline")
    .addHelpText('after', '\nColours follow the terminal; set NO_COLOR=1 for plain text. Time is a fixed clock, so every run prints the same.')
    .action(async () => {
      const palette = Palette.for(process.stdout);
      await new CormenStory(palette, (line) => process.stdout.write(`${line}\n`)).tell();
    });
}
