/**
 * The `shelfmark` command line on a clock the test controls: every reading of "now" is the instant
 * written in the file named by the first argument. Test-only: it lives under test/ and is never shipped
 * in the package, so a production process cannot be put on this clock.
 *
 *   node --import tsx test/support/shelfmark-at.ts <clock-file> serve --config …
 */
import { readFileSync } from 'node:fs';
import type { Clock } from '../../src/domain/shared/Clock.js';
import { runCli } from '../../src/interfaces/cli/program.js';

class FileClock implements Clock {
  constructor(private readonly file: string) {}

  now(): Date {
    const instant = new Date(readFileSync(this.file, 'utf8').trim());
    if (Number.isNaN(instant.getTime())) throw new Error(`${this.file} does not hold an instant`);
    return instant;
  }
}

const [node = 'node', script = 'shelfmark', clockFile, ...args] = process.argv;
if (clockFile === undefined) throw new Error('usage: shelfmark-at.ts <clock-file> <command> …');
process.exitCode = await runCli([node, script, ...args], { clock: new FileClock(clockFile) });
