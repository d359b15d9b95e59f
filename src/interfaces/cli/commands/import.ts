import { readFileSync } from 'node:fs';
import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { type ImportReport, importGoodbooks } from '../../../infrastructure/search/goodbooks.js';
import { InvertedIndexSearch } from '../../../infrastructure/search/index.js';

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

export function register(program: Command): void {
  program
    .command('import')
    .description('import a goodbooks-10k style books.csv into the search index and report skipped rows')
    .argument('<books.csv>', 'CSV file with isbn, authors, original_publication_year, title, language_code columns')
    .option('--json', 'print the summary as JSON')
    .option('--show-skipped <n>', 'list the first n skipped rows', '10')
    .action((file: string, opts: { json?: boolean; showSkipped: string }) => {
      const { report, index, seconds } = loadCatalog(file, { progress: opts.json !== true });
      const summary = {
        rows: report.rows,
        imported: report.documents.length,
        indexed: index.size,
        skipped: report.skipped.length,
        skippedByReason: report.skippedByReason,
        seconds: Number(seconds.toFixed(2)),
      };
      if (opts.json === true) {
        process.stdout.write(`${JSON.stringify({ ...summary, skippedRows: report.skipped }, null, 2)}\n`);
        return;
      }
      const out = [`rows read: ${summary.rows}`, `imported:  ${summary.imported}`, `skipped:   ${summary.skipped}`];
      for (const [reason, count] of Object.entries(report.skippedByReason)) out.push(`  ${reason}: ${count}`);
      const n = Number(opts.showSkipped);
      for (const s of report.skipped.slice(0, Number.isInteger(n) && n > 0 ? n : 0)) out.push(`  line ${s.line}: ${s.reason} ${s.detail}`);
      out.push(`indexed in ${seconds.toFixed(2)} s`);
      process.stdout.write(`${out.join('\n')}\n`);
    });
}
