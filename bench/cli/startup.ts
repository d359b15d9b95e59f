/**
 * How long the installed command line takes to answer before it does any work: `shelfmark --help` (loads no command
 * module), `shelfmark jobs --help` (loads one command module, and with it the engine) and `node -e ''` (Node's own
 * start, the floor). Runs the built bin (`npm run build` first), alternating the three in each round, and reports
 * medians with the machine's load beside them.
 * Run: npm run build && npm run bench:cli  (writes bench/results/cli-startup-<date>.md)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../dist/src/interfaces/cli/main.js', import.meta.url));
const ROUNDS = 9;
const CASES = [
  { name: "node -e ''", args: ['-e', ''] },
  { name: 'shelfmark --help', args: [BIN, '--help'] },
  { name: 'shelfmark jobs --help', args: [BIN, 'jobs', '--help'] },
] as const;

if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build first`);

function once(args: readonly string[]): number {
  const start = performance.now();
  const run = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} exited ${String(run.status)}`);
  return performance.now() - start;
}

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

const samples = new Map<string, number[]>(CASES.map((c) => [c.name, []]));
const loadBefore = loadavg()[0] ?? 0;
for (let round = 0; round < ROUNDS; round++) {
  for (const c of round % 2 === 0 ? CASES : [...CASES].reverse()) samples.get(c.name)?.push(once(c.args));
}
const loadAfter = loadavg()[0] ?? 0;

const table = [
  '| command | median (ms) | min (ms) | max (ms) |',
  '|---|---:|---:|---:|',
  ...CASES.map((c) => {
    const xs = samples.get(c.name) ?? [];
    return `| \`${c.name}\` | ${median(xs).toFixed(0)} | ${Math.min(...xs).toFixed(0)} | ${Math.max(...xs).toFixed(0)} |`;
  }),
].join('\n');
const header =
  `# Command-line start-up\n\nNode ${process.version}, the built bin, ${ROUNDS} rounds alternating the order; ` +
  `1-minute load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after.\n\n`;
console.log(header + table);
mkdirSync(new URL('../results/', import.meta.url), { recursive: true });
writeFileSync(new URL(`../results/cli-startup-${new Date().toISOString().slice(0, 10)}.md`, import.meta.url), header + table + '\n');
