import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlDriver, SqlSession } from '../../src/infrastructure/sql/SqlDriver.js';
import { PGliteDriver } from '../../src/infrastructure/sql/PGliteDriver.js';
import { SqlStore } from '../../src/infrastructure/sql/SqlStore.js';
import { BookFixtures, shelve } from '../fixtures/catalog.js';
import { aLibrary } from '../fixtures/library.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';
import { exec } from '../support/sql.js';

const DOC = readFileSync(new URL('../../docs/persistence.md', import.meta.url), 'utf8');

/** A driver that remembers every statement sent through it, in order. */
class RecordingDriver implements SqlDriver {
  readonly engine = 'pglite';
  readonly statements: string[] = [];

  constructor(private readonly inner: SqlDriver) {}

  async acquire(): Promise<SqlSession> {
    const session = await this.inner.acquire();
    return {
      query: (text, params) => {
        this.statements.push(text);
        return session.query(text, params);
      },
      script: (text) => session.script(text),
      release: (broken) => {
        session.release(broken);
      },
    };
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/** `read t1, t2` / `write t1, t2` / `BEGIN` / `COMMIT`: the tables a statement touches, in the order it names them. */
function summary(statement: string): string {
  const text = statement.replace(/\s+/g, ' ').trim();
  if (text === 'BEGIN' || text === 'COMMIT') return text;
  const writes = /^(WITH w0 AS \(|INSERT|UPDATE|DELETE)/.test(text) && !/^WITH changed AS \(SELECT/.test(text);
  const pattern = writes ? /\b(?:INSERT INTO|UPDATE|DELETE FROM)\s+(\w+)/g : /\b(?:FROM|JOIN)\s+(?!LATERAL\b)(\w+)/g;
  const tables = [...new Set([...text.matchAll(pattern)].map((m) => m[1] ?? ''))];
  return `${writes ? 'write' : 'read'} ${tables.join(', ')}`;
}

/** The messages from App to PG in the document's sequence diagram, in order. */
function diagrammedStatements(): string[] {
  const block = /```mermaid\nsequenceDiagram\n([\s\S]*?)```/.exec(DOC)?.[1] ?? '';
  return [...block.matchAll(/^\s*App->>PG: (.+)$/gm)].map((m) => (m[1] ?? '').trim());
}

describe('docs/persistence.md', () => {
  let driver: RecordingDriver;
  let store: SqlStore;
  beforeAll(async () => {
    driver = new RecordingDriver(new PGliteDriver());
    store = new SqlStore(driver);
    await store.ready();
  });
  afterAll(async () => {
    await store.close();
  });

  describe('the schema diagram', () => {
    it('should draw exactly the tables the migrations create', async () => {
      const drawn = [...DOC.matchAll(/^ {2}(\w+) \{$/gm)].map((m) => m[1]).sort();
      const tables = (await exec(store, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migrations'`))
        .map((r) => String(r.table_name))
        .sort();
      expect(drawn).toEqual(tables);
    });
  });

  describe('the checkout and return sequence', () => {
    it('should be the statements a checkout and a return send, one arrow each, in order', async () => {
      const { library } = aLibrary('city', { store });
      await shelve(library, 'cormen', 1);
      await enrol(library, 'priya');
      await library.circulation.checkOut({ memberId: MemberFixtures.priya.id, barcode: 'cormen-1' });
      await library.circulation.returnCopy({ barcode: 'cormen-1' });
      // the second pair is the steady state: the first one also prepared what the library reads once
      driver.statements.length = 0;
      await library.circulation.checkOut({ memberId: MemberFixtures.priya.id, barcode: 'cormen-1' });
      await library.circulation.returnCopy({ barcode: 'cormen-1' });
      expect(driver.statements.map(summary)).toEqual(diagrammedStatements());
      expect(await library.catalog.findBook(BookFixtures.cormen.isbn)).not.toBeNull();
    });
  });
});
