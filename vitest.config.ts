import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Doc examples import the package by name, as users do; in the repo that name means the source.
    alias: { shelfmark: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
  },
  test: {
    include: ['test/**/*.test.ts', 'docs/examples/**/*.test.ts'],
    environment: 'node',
    // Child processes, not threads: tests spawn the bin, feed process.stdin and load PGlite's WebAssembly. Two at
    // a time suits a 2-core machine: much of a file's time is spent waiting on PostgreSQL or a child process, and
    // each file holds at most one PGlite instance (~700 MB) at a time, so two files side by side stay well within memory.
    pool: 'forks',
    maxWorkers: 2,
    // Each worker keeps the modules it has loaded from one test file to the next (no file leaves module state behind:
    // the process-wide Library is closed after its tests, and environment variables are restored), so the engine's
    // sources are transformed and imported once per worker instead of once per file.
    isolate: false,
    // Timeouts are failure backstops only, never part of a check: no test waits on a timer racing the machine. They
    // are long because a loaded 2-core machine makes a PGlite start, a scrypt hash or a 100-run property test take
    // tens of seconds. Tests that start processes or shelve 100,000 copies set a longer one of their own.
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
