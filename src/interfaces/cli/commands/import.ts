import { closeSync, createReadStream, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { type Command, Option } from 'commander';
import { describeStore } from '../../../composition/config/runtime.js';
import { type ImportReport, importGoodbooks } from '../../../infrastructure/search/goodbooks.js';
import { InvertedIndexSearch } from '../../../infrastructure/search/index.js';
import { CATALOGUE_FORMATS, detectFormat, type CatalogueFormat } from '../../../infrastructure/marc/reader.js';
import { catalogue, type CatalogueReport } from '../catalogImport.js';
import { importMarc } from '../marcImport.js';
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
  readonly format?: CatalogueFormat;
  readonly dryRun?: boolean;
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

/** The file's format: as forced by `--format`, else from its first bytes. */
function formatOf(path: string, forced: CatalogueFormat | undefined): CatalogueFormat {
  if (forced !== undefined) return forced;
  const head = Buffer.alloc(64);
  const fd = openSync(path, 'r');
  try {
    return detectFormat(head.subarray(0, readSync(fd, head, 0, 64, 0)));
  } finally {
    closeSync(fd);
  }
}

/** Imports a MARC or MARCXML file into the configured store, streamed, with a progress bar (bytes read) on a terminal. */
async function importMarcFile(context: CliContext, path: string, format: 'marc' | 'marcxml', opts: ImportOptions): Promise<void> {
  const { library } = await openLibrary(context, opts);
  const size = statSync(path).size;
  const bar = opts.json !== true && process.stderr.isTTY ? new SingleBar({ stream: process.stderr, format: 'importing [{bar}] {percentage}% {records} records' }, Presets.shades_classic) : null;
  const stream = createReadStream(path, { highWaterMark: 256 * 1024 });
  bar?.start(Math.max(size, 1), 0, { records: 0 });
  const started = performance.now();
  try {
    const report = await importMarc(library.as(opts.as), stream, {
      format,
      ...(opts.dryRun === true ? { dryRun: true } : {}),
      progress: (records) => {
        if (records % 200 === 0) bar?.update(stream.bytesRead, { records });
      },
    });
    bar?.update(size, { records: report.records });
    bar?.stop();
    const seconds = Number(((performance.now() - started) / 1000).toFixed(2));
    if (opts.json === true) {
      context.stdout(`${JSON.stringify({ format, dryRun: opts.dryRun === true, ...report, seconds }, null, 2)}\n`);
      return;
    }
    const n = Number(opts.showSkipped);
    const out = [
      `${format} records read: ${report.records}${opts.dryRun === true ? ' (dry run: nothing written)' : ''}`,
      `catalogued: ${report.catalogued.added} added, ${report.catalogued.revised} revised, ${report.catalogued.unchanged} unchanged`,
      `copies:     ${report.copies.added} added, ${report.copies.unchanged} already shelved`,
      `skipped:    ${report.skipped.length}`,
      ...report.skipped.slice(0, Number.isInteger(n) && n > 0 ? n : 0).map((s) => `  record ${s.position}: ${s.code} ${s.reason}`),
      `warnings:   ${report.warnings.length}${report.warnings.length > 0 ? ' (records catalogued with something left out; --json lists them)' : ''}`,
      `in ${seconds} s`,
    ];
    context.stdout(`${out.join('\n')}\n`);
  } finally {
    bar?.stop();
    await library.close();
  }
}

export function register(program: Command, context: CliContext = processContext()): void {
  withStoreOptions(
    program
      .command('import')
      .description('import a catalogue file into the configured store: MARC 21 (ISO 2709 or MARCXML, records and holdings) or a goodbooks-10k style books.csv; report skipped records'),
  )
    .argument('<file>', 'MARC (ISO 2709), MARCXML, or CSV with isbn, authors, original_publication_year, title, language_code columns')
    .addOption(new Option('--format <format>', 'the file format (default: detected from its first bytes)').choices(CATALOGUE_FORMATS))
    .option('--dry-run', 'read, map and check every MARC record, and write nothing')
    .option('--json', 'print the summary as JSON')
    .option('--show-skipped <n>', 'list the first n skipped rows', '10')
    .option('--as <actor>', 'who the audit log records for the books added', 'system:import')
    .action(async (file: string, opts: ImportOptions) => {
      loadFor(context, opts); // a bad configuration fails before the file is read
      const path = resolve(context.cwd, file);
      const format = formatOf(path, opts.format);
      if (format !== 'csv') {
        await importMarcFile(context, path, format, opts);
        return;
      }
      const { report, index, seconds } = loadCatalog(path, { progress: opts.json !== true });
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
