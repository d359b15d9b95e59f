import type { Command } from 'commander';
import { CormenStory } from '../demo/CormenStory.js';
import { Palette } from '../Palette.js';

/** `shelfmark demo`: a short lending story on an in-memory library, as a timeline of events and notices. */
export function register(program: Command): void {
  program
    .command('demo')
    .description('walks a lending story (Priya waits for the Cormen algorithms book) on an in-memory library and prints its timeline')
    .addHelpText('after', '\nColours follow the terminal; set NO_COLOR=1 for plain text. Time is a fixed clock, so every run prints the same.')
    .action(async () => {
      const palette = Palette.for(process.stdout);
      await new CormenStory(palette, (line) => process.stdout.write(`${line}\n`)).tell();
    });
}
