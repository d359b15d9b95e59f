import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface StaticAsset {
  readonly contentType: string;
  readonly body: string;
}

const COUNTER_FILES = {
  'index.html': 'text/html; charset=utf-8',
  'counter.js': 'text/javascript; charset=utf-8',
  'counter.css': 'text/css; charset=utf-8',
} as const;

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

/** The counter page: plain HTML, one script and one style sheet, read once at start-up. */
export function loadCounterPage(): ReadonlyMap<string, StaticAsset> {
  const folder = counterFolder();
  return new Map(
    Object.entries(COUNTER_FILES).map(([file, contentType]) => [file, { contentType, body: readFileSync(join(folder, file), 'utf8') }]),
  );
}
