import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { SearchQuery, SearchResult } from '../../../application/ports/SearchIndex.js';
import { ConfigError } from '../../../composition/config/ConfigError.js';
import { describeStore } from '../../../composition/config/runtime.js';
import { SearchError } from '../../../infrastructure/search/index.js';
import { processContext, type CliContext } from '../CliContext.js';
import { loadFor, openLibrary, withStoreOptions, type StoreFlags } from '../configured.js';
import { loadCatalog } from './import.js';

interface SearchOptions extends StoreFlags {
  from?: string;
  json?: boolean;
  limit?: string;
  offset?: string;
  author?: string;
  subject?: string;
  language?: string;
  yearFrom?: string;
  yearTo?: string;
  availableOnly?: boolean;
  facets?: boolean;
}

function integer(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new SearchError('INVALID_QUERY', `${name} must be an integer, got "${raw}"`);
  return n;
}

/** Builds the port query from the command line; only the options given become fields. */
export function toQuery(words: readonly string[], o: SearchOptions): SearchQuery {
  const text = words.join(' ').trim();
  const limit = integer('--limit', o.limit);
  const offset = integer('--offset', o.offset);
  const yearFrom = integer('--year-from', o.yearFrom);
  const yearTo = integer('--year-to', o.yearTo);
  return {
    ...(text === '' ? {} : { text }),
    ...(limit === undefined ? {} : { limit }),
    ...(offset === undefined ? {} : { offset }),
    ...(o.author === undefined ? {} : { author: o.author }),
    ...(o.subject === undefined ? {} : { subject: o.subject }),
    ...(o.language === undefined ? {} : { language: o.language }),
    ...(yearFrom === undefined ? {} : { yearFrom }),
    ...(yearTo === undefined ? {} : { yearTo }),
    ...(o.availableOnly === true ? { availableOnly: true } : {}),
    ...(o.facets === true ? { facets: true } : {}),
  };
}

function render(result: SearchResult): string {
  const lines = [`${result.total} match${result.total === 1 ? '' : 'es'}`];
  result.hits.forEach((h, i) => {
    lines.push(`${String(i + 1).padStart(3)}. ${h.title} — ${h.authors.join(', ')}${h.year === undefined ? '' : ` (${h.year})`}  [${h.recordId}] score ${h.score.toFixed(2)}`);
  });
  if (result.facets !== undefined) {
    const show = (name: string, xs: readonly { value: string; count: number }[]): void => {
      if (xs.length > 0) lines.push(`${name}: ${xs.slice(0, 10).map((f) => `${f.value} (${f.count})`).join(', ')}`);
    };
    show('languages', result.facets.languages);
    show('decades', result.facets.decades);
    show('subjects', result.facets.subjects);
  }
  return lines.join('\n');
}

/** The catalogue a search runs on: the CSV given with --from, else the configured store's. */
async function searchOn(context: CliContext, query: SearchQuery, opts: SearchOptions): Promise<SearchResult> {
  if (opts.from !== undefined) return loadCatalog(resolve(context.cwd, opts.from), { progress: false }).index.searchSync(query);
  if (describeStore(loadFor(context, opts).config).kind === 'memory') {
    throw new ConfigError('CONFIG_INVALID', 'search: nothing to search: give --from books.csv, or configure a store (--database-url, --pglite, shelfmark.config.json)');
  }
  const { library } = await openLibrary(context, opts);
  try {
    return await library.catalog.search(query);
  } finally {
    await library.close();
  }
}

export function register(program: Command, context: CliContext = processContext()): void {
  withStoreOptions(
    program
      .command('search')
      .description("search the configured store's catalogue, or a catalogue loaded from a books.csv")
      .argument('[query...]', 'words, an unfinished last word, or an ISBN')
      .option('--from <books.csv>', 'search this catalog CSV instead of the configured store'),
  )
    .option('--json', 'print the SearchResult as JSON')
    .option('--limit <n>', 'hits per page (default 20)')
    .option('--offset <n>', 'hits to skip')
    .option('--author <name>', 'only books by this author')
    .option('--subject <subject>', 'only books with this subject')
    .option('--language <code>', 'only books in this language (e.g. en, fr)')
    .option('--year-from <year>', 'published in or after this year')
    .option('--year-to <year>', 'published in or before this year')
    .option('--available-only', 'only titles with a borrowable copy')
    .option('--facets', 'count languages, decades and subjects over all matches')
    .action(async (words: string[], opts: SearchOptions, command: Command) => {
      try {
        const result = await searchOn(context, toQuery(words, opts), opts);
        context.stdout(`${opts.json === true ? JSON.stringify(result, null, 2) : render(result)}\n`);
      } catch (error: unknown) {
        if (SearchError.is(error)) command.error(`${error.code}: ${error.message}`, { exitCode: 2, code: error.code });
        throw error;
      }
    });
}
