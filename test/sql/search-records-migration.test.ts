import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresSearchIndex } from '../../src/infrastructure/sql/PostgresSearchIndex.js';
import { SqlStore } from '../../src/infrastructure/sql/SqlStore.js';
import { FixedClock } from '../../src/infrastructure/system/FixedClock.js';
import { exec, migratedOver, postgresServer, scratchDatabase } from '../support/sql.js';

// Required in CI; elsewhere, runs when DATABASE_URL is set or a local server answers.
const server = await postgresServer();
const NOW = new Date('2026-09-07T09:00:00.000Z');

describe.skipIf(server === null)('migration 018_search_by_record_id', () => {
  let database: Awaited<ReturnType<typeof scratchDatabase>>;
  let store: SqlStore;
  beforeAll(async () => {
    database = await scratchDatabase(server!, 'search_records');
    store = SqlStore.postgres(database.url, { poolSize: 2 });
    // Every migration but this one, as a database migrated before it existed would have (the later ones included).
    await migratedOver(
      store,
      (m) => m.version !== '018',
      `INSERT INTO books (record_id, isbn, identifiers, version, title, authors) VALUES ('9780262033848', '9780262033848', ARRAY['ISBN:9780262033848'], 1, 'Introduction to Algorithms', ARRAY['Thomas H. Cormen']);
       INSERT INTO search_documents (isbn, title, authors, document) VALUES ('9780262033848', 'Introduction to Algorithms', ARRAY['Thomas H. Cormen'], to_tsvector('english', 'Introduction to Algorithms'));`,
    );
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  describe('when documents were indexed before it', () => {
    it('should key each by its record id, keep its ISBN and take its identifiers and material type from the record', async () => {
      expect(await exec(store, 'SELECT record_id, isbn, identifiers, material_type FROM search_documents')).toEqual([
        { record_id: '9780262033848', isbn: '9780262033848', identifiers: ['ISBN:9780262033848'], material_type: 'BOOK' },
      ]);
    });

    it('should keep finding them, and take a document without an ISBN beside them', async () => {
      const index = new PostgresSearchIndex(store, new FixedClock(NOW));
      await index.upsert({ recordId: 'DLC-sn78004256', identifiers: ['ISSN:0003-486X'], materialType: 'SERIAL', title: 'Annals of mathematics', authors: ['Princeton University'], subjects: [] });
      expect((await index.search({ text: 'algorithms' })).hits.map((h) => [h.recordId, h.isbn])).toEqual([['9780262033848', '9780262033848']]);
      expect((await index.search({ text: '0003-486x' })).hits.map((h) => [h.recordId, h.isbn, h.materialType])).toEqual([['DLC-sn78004256', undefined, 'SERIAL']]);
    });
  });
});
