import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreChoice } from '../../src/composition/stores.js';
import { SqlStore } from '../../src/infrastructure/sql/SqlStore.js';
import { InMemoryCredentialStore } from '../../src/infrastructure/memory/InMemoryCredentialStore.js';
import { createServer, type ShelfmarkServer } from '../../src/interfaces/http/createServer.js';
import type { Library } from '../../src/Library.js';
import { BookFixtures, shelve } from '../fixtures/catalog.js';
import { aLibrary } from '../fixtures/library.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';
import { translateSqlError } from '../../src/infrastructure/sql/sqlErrors.js';
import { emptied, exec, postgresServer, scratchDatabase } from '../support/sql.js';
import { TEST_SCRYPT, TEST_SESSION_SECRET } from './server.js';

// Required in CI; elsewhere, runs when DATABASE_URL is set or a local server answers.
const postgres = await postgresServer();

interface Case {
  readonly what: string;
  readonly request: (staff: string) => InjectOptions;
  /** What must not have been stored, asked of the library after the refusal. */
  readonly unchanged: (library: Library) => Promise<unknown>;
}

const { priya } = MemberFixtures;
const nothing = () => Promise.resolve(null);
const book = (changes: object) => ({ ...BookFixtures.cleanCode, ...changes });

const REFUSED: readonly Case[] = [
  { what: 'a NUL in an anonymous search', request: () => ({ method: 'GET', url: '/api/catalog/search?q=a%00b' }), unchanged: nothing },
  { what: 'an escape character in a search filter', request: () => ({ method: 'GET', url: '/api/catalog/search?author=Knuth%1B%5B2J' }), unchanged: nothing },
  { what: 'a NUL in a path id', request: (staff) => ({ method: 'GET', url: `/api/members/${priya.id}%00`, headers: { authorization: `Bearer ${staff}` } }), unchanged: nothing },
  {
    what: 'a NUL in a member name',
    request: (staff) => ({ method: 'POST', url: '/api/members', headers: { authorization: `Bearer ${staff}` }, payload: { id: 'M-NUL', name: 'Pri\u0000ya' } }),
    unchanged: (library) => library.members.get('M-NUL').catch((e: unknown) => (e as { code: string }).code),
  },
  {
    what: 'a bell in a book title',
    request: (staff) => ({ method: 'POST', url: '/api/catalog/books', headers: { authorization: `Bearer ${staff}` }, payload: book({ title: 'Clean\u0007Code' }) }),
    unchanged: (library) => library.catalog.getBook(BookFixtures.cleanCode.isbn).catch((e: unknown) => (e as { code: string }).code),
  },
  {
    what: 'a C1 control in an author',
    request: (staff) => ({ method: 'POST', url: '/api/catalog/books', headers: { authorization: `Bearer ${staff}` }, payload: book({ authors: ['Robert \u0085Martin'] }) }),
    unchanged: (library) => library.catalog.getBook(BookFixtures.cleanCode.isbn).catch((e: unknown) => (e as { code: string }).code),
  },
  {
    what: 'a NUL in a barcode of a checkout',
    request: (staff) => ({ method: 'POST', url: '/api/checkouts', headers: { authorization: `Bearer ${staff}` }, payload: { memberId: priya.id, barcode: 'cormen-1\u0000' } }),
    unchanged: (library) => library.members.loans(priya.id),
  },
];

function controlCharacterSpec(storeName: string, store: () => StoreChoice | undefined, fresh: () => Promise<unknown>): void {
  describe(`on the ${storeName} store`, () => {
    let library: Library;
    let server: ShelfmarkServer;
    let staff: string;
    beforeAll(async () => {
      await fresh();
      const choice = store();
      library = aLibrary('college', choice === undefined ? {} : { store: choice }).library;
      server = await createServer(library, { credentials: new InMemoryCredentialStore(), sessionSecret: TEST_SESSION_SECRET, scryptCost: TEST_SCRYPT });
      staff = (await server.staffTokens.issue('cataloguer', 'librarian')).token;
      await shelve(library, 'cormen', 1);
      await enrol(library, 'priya');
    });
    afterAll(() => server.close());

    describe.each(REFUSED)('when a request carries $what', ({ request, unchanged }) => {
      it('should answer 400 INVALID_INPUT and store nothing', async () => {
        const before = await unchanged(library);
        const response = await server.app.inject(request(staff));
        expect([response.statusCode, response.json<{ code: string }>().code]).toEqual([400, 'INVALID_INPUT']);
        expect(await unchanged(library)).toEqual(before);
      });
    });

    describe('when a description carries line breaks and a tab (text that allows them)', () => {
      it('should store it', async () => {
        const description = 'Part one.\n\tPart two.\r\nThe end.';
        const payload = book({ isbn: '9780201633610', title: 'Design Patterns', description });
        const response = await server.app.inject({ method: 'POST', url: '/api/catalog/books', headers: { authorization: `Bearer ${staff}` }, payload });
        expect(response.statusCode).toBe(201);
        expect((await library.catalog.getBook('9780201633610')).description).toBe(description);
      });
    });

    describe('when the library is called directly with a NUL', () => {
      it('should throw INVALID_INPUT and register nobody', async () => {
        await expect(library.members.register({ id: 'M-DIRECT', name: 'a\u0000b' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
        await expect(library.catalog.search({ text: 'a\u0000b' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
        await expect(library.members.get('M-DIRECT')).rejects.toMatchObject({ code: 'MEMBER_NOT_FOUND' });
      });
    });
  });
}

/** What the database itself says to values it cannot take, translated: bad input, never a server failure. */
function dataExceptionSpec(store: () => SqlStore): void {
  describe('when the database itself refuses a value (SQLSTATE class 22)', () => {
    it.each([
      ['a NUL byte', 'SELECT $1::text', ['a\u0000b'], /^22021$|^22P05$/],
      ['a malformed number', 'SELECT $1::integer', ['twelve'], /^22P02$/],
      ['a malformed date', 'SELECT $1::timestamptz', ['yesterday-ish'], /^22007$|^22008$/],
    ] as const)('should translate %s into INVALID_INPUT', async (_what, statement, params, sqlState) => {
      const refused = await exec(store(), statement, params).then(() => null, (error: unknown) => error);
      expect(refused, 'the database should refuse it').not.toBeNull();
      const translated = translateSqlError(refused);
      expect(translated).toMatchObject({ code: 'INVALID_INPUT', area: 'validation' });
      expect((translated as { details: { sqlState: string } }).details.sqlState).toMatch(sqlState);
    });
  });
}

describe('control characters at the boundary', () => {
  controlCharacterSpec('in-memory', () => undefined, () => Promise.resolve());

  describe('with SQL', () => {
    let pglite: SqlStore;
    beforeAll(async () => {
      pglite = SqlStore.pglite();
      await pglite.ready();
    });
    afterAll(() => pglite.close());
    controlCharacterSpec('PGlite', () => pglite, () => emptied(pglite));
    dataExceptionSpec(() => pglite);
  });

  describe.skipIf(postgres === null)('with a PostgreSQL server', () => {
    let database: Awaited<ReturnType<typeof scratchDatabase>>;
    let store: SqlStore;
    beforeAll(async () => {
      database = await scratchDatabase(postgres!, 'control_characters');
      store = SqlStore.postgres(database.url, { poolSize: 2 });
      await store.ready();
    });
    afterAll(async () => {
      await store.close();
      await database.drop();
    });
    controlCharacterSpec('PostgreSQL', () => store, () => emptied(store));
    dataExceptionSpec(() => store);
  });
});
