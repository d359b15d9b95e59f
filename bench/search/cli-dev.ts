/**
 * Development entry for the search commands until the `shelfmark` bin wires them:
 *   npx tsx bench/search/cli-dev.ts import <books.csv>
 *   npx tsx bench/search/cli-dev.ts search --from <books.csv> [--json] [--limit n] "query"
 */
import { Command } from 'commander';
import { register as registerImport } from '../../src/cli/commands/import.js';
import { register as registerSearch } from '../../src/cli/commands/search.js';

const program = new Command('shelfmark');
registerImport(program);
registerSearch(program);
await program.parseAsync(process.argv);
