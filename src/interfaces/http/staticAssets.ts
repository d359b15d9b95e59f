import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface StaticAsset {
  readonly contentType: string;
  readonly body: string;
}

const HTML = 'text/html; charset=utf-8';
const SCRIPT = 'text/javascript; charset=utf-8';
const STYLE = 'text/css; charset=utf-8';

/** The page's own files under `static/counter`, by the name it is served under. */
const COUNTER_FILES: Readonly<Record<string, string>> = {
  'index.html': HTML,
  'counter.css': STYLE,
  'print.css': STYLE,
  'counter.js': SCRIPT,
  'api.js': SCRIPT,
  'format.js': SCRIPT,
  'dom.js': SCRIPT,
  'slips.js': SCRIPT,
  'account.js': SCRIPT,
  'fines.js': SCRIPT,
  'holds.js': SCRIPT,
  'returns.js': SCRIPT,
  'lists.js': SCRIPT,
  'search.js': SCRIPT,
  'dashboard.js': SCRIPT,
};

/**
 * The charting library, served from its installed npm package (a dependency of shelfmark), so the page loads no
 * CDN and the copy it runs is the one the lock file pins: `vendor/<name>` ← the package's file.
 */
const VENDOR_FILES: Readonly<Record<string, { readonly pkg: string; readonly file: string; readonly contentType: string }>> = {
  'vendor/uPlot.esm.js': { pkg: 'uplot', file: 'uPlot.esm.js', contentType: SCRIPT },
  'vendor/uPlot.min.css': { pkg: 'uplot', file: 'uPlot.min.css', contentType: STYLE },
};

/** Finds the package's `static/counter` folder whether running from sources or from `dist/`. */
function counterFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'static', 'counter');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('static/counter/index.html not found next to the shelfmark package');
}

/** The folder of a package's main file (uPlot's `dist/`), as Node resolves it from here. */
function packageFolder(pkg: string): string {
  return dirname(createRequire(import.meta.url).resolve(pkg));
}

/** The counter page: plain HTML, its ES modules and style sheets, and the vendored charting library, read once at start-up. */
export function loadCounterPage(): ReadonlyMap<string, StaticAsset> {
  const folder = counterFolder();
  const own = Object.entries(COUNTER_FILES).map(([file, contentType]): [string, StaticAsset] => [
    file,
    { contentType, body: readFileSync(join(folder, file), 'utf8') },
  ]);
  const vendored = Object.entries(VENDOR_FILES).map(([name, { pkg, file, contentType }]): [string, StaticAsset] => [
    name,
    { contentType, body: readFileSync(join(packageFolder(pkg), file), 'utf8') },
  ]);
  return new Map([...own, ...vendored]);
}
