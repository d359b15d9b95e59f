import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresServer, scratchDatabase } from '../support/sql.js';
import { api, ShelfmarkProcess } from './processes.js';

// Required in CI; elsewhere, runs when DATABASE_URL is set or a local server answers.
const server = await postgresServer();

const ADMIN = 'smk_0e2f_Qp7Lw3Xz9Rt5Kd2Vn8Hs4YbC6gJm1TaF';
const ISBN = '9780262033848';
const STORY = { timeout: 240_000 };

interface Found {
  readonly total: number;
  readonly hits: readonly { readonly isbn: string; readonly availableCopies: number }[];
}

/** Asks the process again until its answer satisfies `done`: the other process's change arrives within the feed's lag. */
async function until(base: string, path: string, done: (found: Found) => boolean): Promise<Found> {
  for (;;) {
    const found = (await api(base, 'GET', path, ADMIN)).json as Found;
    if (done(found)) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Two `shelfmark serve` processes on one PostgreSQL database, each answering searches from its own in-process index. */
describe.skipIf(server === null)('two shelfmark serve processes searching one PostgreSQL database', () => {
  let database: Awaited<ReturnType<typeof scratchDatabase>>;
  const dir = mkdtempSync(join(tmpdir(), 'shelfmark-search-'));
  const clock = join(dir, 'now');
  const config = join(dir, 'shelfmark.config.json');
  const processes: ShelfmarkProcess[] = [];
  const serve = async (): Promise<string> => {
    const started = new ShelfmarkProcess(clock, ['serve', '--config', config], { SHELFMARK_ADMIN_TOKEN: ADMIN });
    processes.push(started);
    await started.line(/shelfmark: search index ready in/);
    const [, base = ''] = await started.line(/shelfmark serving (http:\/\/\S+) /);
    return base;
  };

  beforeAll(async () => {
    database = await scratchDatabase(server!, 'e2e_search');
    writeFileSync(config, JSON.stringify({ store: { postgres: database.url, poolSize: 3 }, policy: 'college', jobs: false, http: { port: 0 }, search: { pollMilliseconds: 60_000 } }));
    writeFileSync(clock, '2026-09-07T09:00:00.000Z');
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await database.drop();
  });

  it("should show a book added and a copy lent through one in the other's search", STORY, async () => {
    const [first, second] = await Promise.all([serve(), serve()]);
    expect((await api(first, 'POST', '/api/catalog/books', ADMIN, { isbn: ISBN, title: 'Introduction to Algorithms', authors: ['Thomas H. Cormen'] })).status).toBe(201);
    expect((await api(first, 'POST', '/api/items', ADMIN, { barcode: 'cormen-1', isbn: ISBN, branch: 'main', rack: '4-B' })).status).toBe(201);
    const added = await until(second, '/api/catalog/search?q=algorithms', (f) => f.hits[0]?.availableCopies === 1);
    expect(added.hits.map((h) => h.isbn)).toEqual([ISBN]);

    expect((await api(second, 'POST', '/api/members', ADMIN, { id: 'M-01', name: 'Priya Raman', type: 'STUDENT' })).status).toBe(201);
    expect((await api(second, 'POST', '/api/checkouts', ADMIN, { memberId: 'M-01', barcode: 'cormen-1' })).status).toBe(201);
    const lent = await until(first, '/api/catalog/search?q=algorithms', (f) => f.hits[0]?.availableCopies === 0);
    expect(lent.total).toBe(1);
  });
});
