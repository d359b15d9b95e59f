import { existsSync } from 'node:fs';

/**
 * The library's classes as a deployment runs them: compiled by `npm run build` into dist/, not the TypeScript sources
 * through tsx, whose transform gives every function it makes a name at run time (esbuild's `keepNames`), a cost a
 * built library does not pay (some 8% of the Node CPU of a checkout + return on PostgreSQL). `BENCH_SOURCE=1` takes
 * the sources instead. bench/store.ts builds before it starts its processes.
 */
export interface Shelfmark {
  readonly Library: typeof import('../../src/Library.js').Library;
  readonly SqlStore: typeof import('../../src/infrastructure/sql/SqlStore.js').SqlStore;
  readonly PgDriver: typeof import('../../src/infrastructure/sql/PgDriver.js').PgDriver;
}

const BUILT = new URL('../../dist/src/', import.meta.url);
const SOURCE = new URL('../../src/', import.meta.url);

export async function shelfmark(): Promise<Shelfmark> {
  const fromSource = process.env.BENCH_SOURCE === '1';
  if (!fromSource && !existsSync(new URL('Library.js', BUILT))) throw new Error('no build in dist/: run `npm run build` first (or BENCH_SOURCE=1)');
  const root = fromSource ? SOURCE : BUILT;
  const ext = fromSource ? 'ts' : 'js';
  const [library, store, driver] = (await Promise.all([
    import(new URL(`Library.${ext}`, root).href),
    import(new URL(`infrastructure/sql/SqlStore.${ext}`, root).href),
    import(new URL(`infrastructure/sql/PgDriver.${ext}`, root).href),
  ])) as [typeof import('../../src/Library.js'), typeof import('../../src/infrastructure/sql/SqlStore.js'), typeof import('../../src/infrastructure/sql/PgDriver.js')];
  return { Library: library.Library, SqlStore: store.SqlStore, PgDriver: driver.PgDriver };
}

/** Where the library was loaded from, for a results file. */
export const shelfmarkOrigin = (): string => (process.env.BENCH_SOURCE === '1' ? 'the TypeScript sources (tsx)' : 'the build (`npm run build`, dist/)');
