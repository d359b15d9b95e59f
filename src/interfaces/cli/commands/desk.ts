import type { Command } from 'commander';
import { DESK_METHOD_NAMES, JsonLinesDesk } from '../JsonLinesDesk.js';

const EXAMPLE = `
Each input line is a JSON array: the method name, then its arguments.
Each output line is the method's answer as JSON; a malformed line prints {"error": "..."}
and the run goes on (the exit code is then 1).

Methods: ${DESK_METHOD_NAMES.join(', ')}

Example:
  $ printf '%s\\n' '["addBook","Clean Code","Robert C Martin",1]' '["registerUser","U1","Alice"]' \\
      '["requestBorrow","U1","MAR1000",5]' '["returnBook","U1","MAR1000",30]' | shelfmark desk
  "BOOK_ID,MAR1000"
  "SUCCESS"
  "ISSUED"
  "RETURNED,220"`;

/** `shelfmark desk`: the lending desk API over JSON lines on stdin. */
export function register(program: Command): void {
  program
    .command('desk')
    .description('the lending desk API (addBook, requestBorrow, returnBook, …): reads JSON-lines requests from stdin, writes one JSON answer per line')
    .addHelpText('after', EXAMPLE)
    .action(async () => {
      const desk = new JsonLinesDesk();
      await desk.run(process.stdin, process.stdout);
      if (desk.failures > 0) process.exitCode = 1;
    });
}
