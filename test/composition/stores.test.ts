import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/composition/stores.js';
import { InMemoryStore } from '../../src/infrastructure/memory/InMemoryStore.js';
import { SqlStore } from '../../src/infrastructure/sql/SqlStore.js';

describe('openStore', () => {
  describe('when no store is chosen', () => {
    it('should give a fresh in-memory store', () => {
      expect(openStore(undefined)).toBeInstanceOf(InMemoryStore);
    });
  });

  describe('when given a Store', () => {
    it('should use it as is', () => {
      const store = new InMemoryStore();
      expect(openStore(store)).toBe(store);
    });
  });

  describe('when given a PostgreSQL url or a PGlite directory', () => {
    it('should build a SqlStore on that engine without connecting yet', async () => {
      const server = openStore({ postgres: 'postgres://nobody@127.0.0.1:1/none', poolSize: 3 });
      const embedded = openStore({ pglite: null });
      const engineOf = (store: unknown): string | null => (store instanceof SqlStore ? store.driver.engine : null);
      expect(engineOf(server)).toBe('postgres');
      expect(engineOf(embedded)).toBe('pglite');
      await Promise.all([server.close(), embedded.close()]);
    });
  });
});
