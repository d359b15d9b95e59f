/**
 * Catalog search benchmark: shelfmark's inverted index against MiniSearch and FlexSearch on the same synthetic books
 * and queries. Run with `npm run bench:search` (options: --sizes 100000,1000000 --queries 300 --budget 30
 * --agreement 30: how many queries of each kind are also checked against a brute-force scan, 0 for none).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus, type Corpus } from './generator.js';
import { agreement, type KindAgreement } from './agreement.js';
import { type BenchQuery, type Engine, FlexSearchEngine, MiniSearchEngine, type QueryKind, ShelfmarkEngine } from './peers.js';
import { KINDS, makeQueries } from './queries.js';


function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const gc = (): void => {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect === undefined) throw new Error('run with node --expose-gc');
  collect();
  collect();
};
const memory = (): number => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

interface KindResult {
  /** Share of the timed queries that returned at least one hit. */
  readonly answered: number;
  readonly p50: number;
  readonly p99: number;
  readonly ran: number;
  readonly planned: number;
}

interface EngineResult {
  readonly engine: string;
  readonly notes: string;
  readonly n: number;
  readonly buildSeconds: number;
  readonly heapMB: number;
  readonly kinds: Partial<Record<QueryKind, KindResult>>;
  /** shelfmark only: per kind, how many of the first queries agree with a brute-force scan. */
  agreement?: Partial<Record<QueryKind, KindAgreement>>;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function measure(engine: Engine, corpus: Corpus, queries: Map<QueryKind, BenchQuery[]>, budgetSeconds: number): EngineResult {
  gc();
  const before = memory();
  const t0 = performance.now();
  engine.build(corpus);
  const buildSeconds = (performance.now() - t0) / 1000;
  gc();
  const heapMB = (memory() - before) / 1e6;
  const kinds: Partial<Record<QueryKind, KindResult>> = {};
  for (const kind of KINDS) {
    const qs = queries.get(kind)!;
    for (const q of qs.slice(0, 10)) engine.query(q);
    const times: number[] = [];
    let answered = 0;
    const started = performance.now();
    for (const q of qs) {
      const s = performance.now();
      const found = engine.query(q);
      times.push(performance.now() - s);
      if (found > 0) answered++;
      if (performance.now() - started > budgetSeconds * 1000) break;
    }
    times.sort((a, b) => a - b);
    kinds[kind] = { answered: answered / times.length, p50: percentile(times, 50), p99: percentile(times, 99), ran: times.length, planned: qs.length };
    process.stderr.write(`  ${engine.name} n=${corpus.books.length} ${kind}: p50 ${percentile(times, 50).toFixed(2)} ms p99 ${percentile(times, 99).toFixed(2)} ms (${times.length}/${qs.length})\n`);
  }
  return { engine: engine.name, notes: engine.notes, n: corpus.books.length, buildSeconds, heapMB, kinds };
}

const fmt = (x: number): string => (Number.isNaN(x) ? 'n/a' : x < 10 ? x.toFixed(2) : x.toFixed(1));

function table(results: readonly EngineResult[]): string {
  const header = ['N', 'engine', 'build s', 'heap MB', ...KINDS.map((k) => `${k} p50/p99 ms`)];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const r of results) {
    const cells = KINDS.map((k) => {
      const x = r.kinds[k];
      if (x === undefined) return 'n/a';
      const capped = x.ran < x.planned ? ` (${x.ran}/${x.planned} queries)` : '';
      return `${fmt(x.p50)} / ${fmt(x.p99)}${capped}`;
    });
    lines.push(`| ${r.n.toLocaleString('en-US')} | ${r.engine} | ${r.buildSeconds.toFixed(1)} | ${r.heapMB.toFixed(0)} | ${cells.join(' | ')} |`);
  }
  lines.push('', 'Ratios: peer ÷ shelfmark (above 1 means shelfmark is faster / smaller), p50 and p99.', '');
  const rh = ['N', 'peer', 'build', 'heap', ...KINDS.map((k) => `${k} p50 / p99`)];
  lines.push(`| ${rh.join(' | ')} |`, `|${rh.map(() => '---').join('|')}|`);
  for (const r of results) {
    if (r.engine === 'shelfmark') continue;
    const ours = results.find((x) => x.engine === 'shelfmark' && x.n === r.n);
    if (ours === undefined) continue;
    const ratio = (a: number, b: number): string => `${(a / b).toFixed(1)}×`;
    const cells = KINDS.map((k) => {
      const a = r.kinds[k];
      const b = ours.kinds[k];
      return a === undefined || b === undefined ? 'n/a' : `${ratio(a.p50, b.p50)} / ${ratio(a.p99, b.p99)}`;
    });
    lines.push(`| ${r.n.toLocaleString('en-US')} | ${r.engine} | ${ratio(r.buildSeconds, ours.buildSeconds)} | ${ratio(r.heapMB, ours.heapMB)} | ${cells.join(' | ')} |`);
  }
  lines.push('', 'Queries that returned at least one hit (a fast answer with no hits is not a comparable answer):', '');
  const ah = ['N', 'engine', ...KINDS];
  lines.push(`| ${ah.join(' | ')} |`, `|${ah.map(() => '---').join('|')}|`);
  for (const r of results) {
    const cells = KINDS.map((k) => {
      const x = r.kinds[k];
      return x === undefined ? 'n/a' : `${(x.answered * 100).toFixed(0)}%`;
    });
    lines.push(`| ${r.n.toLocaleString('en-US')} | ${r.engine} | ${cells.join(' | ')} |`);
  }
  const checked = results.filter((r) => r.agreement !== undefined);
  if (checked.length > 0) {
    lines.push('', 'Agreement with a brute-force scan of the documented rules (test/search/agreement/NaiveSearch.ts): share of the first queries of each kind whose total, and whose total and ranked top 20, equal the scan\'s:', '');
    lines.push(`| ${ah.join(' | ')} |`, `|${ah.map(() => '---').join('|')}|`);
    for (const r of checked) {
      const cells = KINDS.map((k) => {
        const a = r.agreement?.[k];
        return a === undefined || a.checked === 0 ? 'n/a' : `${((a.totalAgrees / a.checked) * 100).toFixed(0)}% / ${((a.topAgrees / a.checked) * 100).toFixed(0)}% of ${a.checked}`;
      });
      lines.push(`| ${r.n.toLocaleString('en-US')} | ${r.engine} total / top 20 | ${cells.join(' | ')} |`);
    }
  }
  lines.push('', 'Engine notes:', '');
  for (const name of [...new Set(results.map((r) => r.engine))]) {
    lines.push(`- **${name}**: ${results.find((r) => r.engine === name)!.notes}`);
  }
  return lines.join('\n');
}

function main(): void {
  const sizes = arg('sizes', '100000,1000000').split(',').map(Number);
  const perKind = Number(arg('queries', '300'));
  const budget = Number(arg('budget', '30'));
  const peers = arg('engines', 'shelfmark,MiniSearch,FlexSearch').split(',');
  const checkedPerKind = Number(arg('agreement', '30'));
  const results: EngineResult[] = [];
  for (const n of sizes) {
    process.stderr.write(`generating ${n} books\n`);
    const corpus = generateCorpus(n);
    const queries = makeQueries(corpus, perKind);
    const engines: Engine[] = [new ShelfmarkEngine(), new MiniSearchEngine(), new FlexSearchEngine()].filter((e) => peers.includes(e.name));
    for (const engine of engines) {
      const result = measure(engine, corpus, queries, budget);
      if (engine instanceof ShelfmarkEngine && checkedPerKind > 0) result.agreement = Object.fromEntries(agreement(engine, corpus, queries, checkedPerKind));
      results.push(result);
    }
  }
  const date = new Date().toISOString().slice(0, 10);
  const md = [
    `# Catalog search benchmark (${date})`,
    '',
    `Node ${process.version}, ${process.arch}, synthetic seeded corpus (bench/search/generator.ts), ${perKind} queries per kind, per-kind time budget ${budget} s per engine.`,
    'Heap = heapUsed + arrayBuffers after build and two forced GCs, minus the same before build (the books themselves excluded).',
    '',
    table(results),
    '',
  ].join('\n');
  const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'results');
  mkdirSync(dir, { recursive: true });
  const suffix = arg('suffix', '');
  writeFileSync(path.join(dir, `search-${date}${suffix}.md`), md);
  writeFileSync(path.join(dir, `search-${date}${suffix}.json`), `${JSON.stringify({ date, node: process.version, perKind, budget, results }, null, 2)}\n`);
  process.stdout.write(md);
}

main();
