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
    testTimeout: 20_000,
  },
});
