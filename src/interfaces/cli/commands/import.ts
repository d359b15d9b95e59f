import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { describeStore } from '../../../composition/config/runtime.js';
import { type ImportReport, importGoodbooks } from '../../../infrastructure/search/goodbooks.js';
import { InvertedIndexSearch } from '../../../infrastructure/search/index.js';
import { catalogue, type CatalogueReport } from '../catalogImport.js';
import { processContext, type CliContext } from '../CliContext.js';
import { loadFor, openLibrary, withStoreOptions, type StoreFlags } from '../configured.js';

/** Reads and indexes a goodbooks-style books.csv, with a progress bar on stderr. */
export function loadCatalog(file: string, options: { progress: boolean }): { report: ImportReport; index: InvertedIndexSearch; seconds: number } {
  const csv = readFileSync(file, 'utf8');
  const lines = csv.split('\n').length - 1;
  const bar = options.progress && process.stderr.isTTY ? new SingleBar({ stream: process.stderr, format: '{task} [{bar}] {value}/{total}' }, Presets.shades_classic) : null;
  const started = performance.now();
  bar?.start(Math.max(lines - 1, 1), 0, { task: 'reading ' });
  const report = importGoodbooks(csv, (rows) => {
    if (rows % 500 === 0) bar?.update(rows);
  });
  bar?.setTotal(Math.max(report.documents.length, 1));
  bar?.update(0, { task: 'indexing' });
  const index = new InvertedIndexSearch();
  report.documents.forEach((doc, i) => {
    index.upsertSync(doc);
    if (i % 500 === 0) bar?.update(i);
  });
  index.trim();
  bar?.update(report.documents.length);
  bar?.stop();
  return { report, index, seconds: (performance.now() - started) / 1000 };
}

interface ImportOptions extends StoreFlags {
  readonly json?: boolean;
  readonly showSkipped: string;
  readonly as: string;
}

/** Catalogues the rows in the configured store, when there is one that outlives the process. */
async function intoStore(context: CliContext, options: ImportOptions, report: ImportReport): Promise<CatalogueReport | null> {
  if (describeStore(loadFor(context, options).config).kind === 'memory') {
    context.stderr('shelfmark: no store configured: the books are indexed for this run only, not catalogued\n');
    return null;
  }
  const { library } = await openLibrary(context, options);
  try {
    return await catalogue(library, report.documents, options.as);
  } finally {
    await library.close();
  }
}

export function register(program: Command, context: CliContext = processContext()): void {
  withStoreOptions(
    program
      .command('import')
      .description('import a goodbooks-10k style books.csv: index it, catalogue its books in the configured store, and report skipped rows'),
  )
    .argument('<books.csv>', 'CSV file with isbn, authors, original_publication_year, title, language_code columns')
    .option('--json', 'print the summary as JSON')
    .option('--show-skipped <n>', 'list the first n skipped rows', '10')
    .option('--as <actor>', 'who the audit log records for the books added', 'system:import')
    .action(async (file: string, opts: ImportOptions) => {
      loadFor(context, opts); // a bad configuration fails before the file is read
      const { report, index, seconds } = loadCatalog(resolve(context.cwd, file), { progress: opts.json !== true });
      const stored = await intoStore(context, opts, report);
      const summary = {
        rows: report.rows,
        imported: report.documents.length,
        indexed: index.size,
        skipped: report.skipped.length,
        skippedByReason: report.skippedByReason,
        ...(stored ? { catalogued: { added: stored.added, alreadyCatalogued: stored.alreadyCatalogued, refused: stored.refused.length } } : {}),
        seconds: Number(seconds.toFixed(2)),
      };
      if (opts.json === true) {
        context.stdout(`${JSON.stringify({ ...summary, skippedRows: report.skipped, ...(stored ? { refusedRows: stored.refused } : {}) }, null, 2)}\n`);
        return;
      }
      const out = [`rows read: ${summary.rows}`, `imported:  ${summary.imported}`, `skipped:   ${summary.skipped}`];
      for (const [reason, count] of Object.entries(report.skippedByReason)) out.push(`  ${reason}: ${count}`);
      const n = Number(opts.showSkipped);
      for (const s of report.skipped.slice(0, Number.isInteger(n) && n > 0 ? n : 0)) out.push(`  line ${s.line}: ${s.reason} ${s.detail}`);
      out.push(`indexed in ${seconds.toFixed(2)} s`);
      if (stored) {
        out.push(`catalogued: ${stored.added} added, ${stored.alreadyCatalogued} already in the catalogue, ${stored.refused.length} refused`);
        for (const r of stored.refused.slice(0, Number.isInteger(n) && n > 0 ? n : 0)) out.push(`  ${r.isbn}: ${r.code} ${r.message}`);
      }
      context.stdout(`${out.join('\n')}\n`);
    });
}
