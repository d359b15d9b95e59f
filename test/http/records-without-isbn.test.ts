import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enrol, MemberFixtures } from '../fixtures/members.js';
import { aServer, type TestServer } from './server.js';

const { priya, raj } = MemberFixtures;
/** A film on DVD without an ISBN, keyed by its OCLC control number (MARC 001 `ocm12345678`, 003 `OCoLC`). */
const DVD = 'OCoLC-ocm12345678';

describe('titles without an ISBN over HTTP', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await aServer();
    await enrol(t.library, 'priya', 'raj');
    const catalogued = await t.call({
      method: 'POST',
      url: '/api/catalog/books',
      as: t.staff.librarian,
      payload: { recordId: DVD, materialType: 'DVD', title: 'Casablanca', authors: ['Michael Curtiz'] },
    });
    expect(catalogued.statusCode).toBe(201);
  });
  afterEach(() => t.server.close());

  const post = (url: string, payload: object, as: string = t.staff.counter) => t.call({ method: 'POST', url, as, payload });
  const get = (url: string) => t.call({ method: 'GET', url, as: t.staff.counter });

  describe('when a DVD keyed by its record id is shelved, lent, reserved, returned and lent to the reserver', () => {
    it('should answer every step with the record id as the title key', async () => {
      const shelved = await post('/api/items', { barcode: 'dvd-1', isbn: DVD, branch: 'main', rack: 'AV-1' }, t.staff.librarian);
      expect([shelved.statusCode, shelved.json()]).toMatchObject([201, { copy: { barcode: 'dvd-1', isbn: DVD, status: 'AVAILABLE' }, heldFor: null }]);

      const lent = await post('/api/checkouts', { memberId: priya.id, barcode: 'dvd-1' });
      expect([lent.statusCode, lent.json()]).toMatchObject([201, { isbn: DVD, memberId: priya.id, status: 'OPEN' }]);
      const reserved = await post('/api/reservations', { memberId: raj.id, isbn: DVD });
      expect([reserved.statusCode, reserved.json()]).toMatchObject([201, { isbn: DVD, memberId: raj.id, status: 'WAITING', position: 1 }]);

      const returned = await post('/api/returns', { barcode: 'dvd-1' });
      expect([returned.statusCode, returned.json()]).toMatchObject([200, { loan: { isbn: DVD, status: 'RETURNED' }, heldFor: { barcode: 'dvd-1', memberId: raj.id } }]);
      expect((await get(`/api/catalog/books/${DVD}/queue`)).json()).toMatchObject([{ isbn: DVD, memberId: raj.id, status: 'READY_FOR_PICKUP' }]);

      const picked = await post('/api/checkouts', { memberId: raj.id, barcode: 'dvd-1' });
      expect([picked.statusCode, picked.json()]).toMatchObject([201, { isbn: DVD, memberId: raj.id, status: 'OPEN' }]);
      expect((await get(`/api/catalog/books/${DVD}/queue`)).json()).toEqual([]);
      expect((await get(`/api/catalog/books/${DVD}/copies`)).json()).toMatchObject([{ barcode: 'dvd-1', isbn: DVD, status: 'LOANED', borrowerId: raj.id }]);
      expect((await get(`/api/catalog/books/${DVD}/availability`)).json()).toMatchObject({ isbn: DVD, total: 1, available: 0 });
    });
  });

  describe('when the title key is not a valid ISBN or record id', () => {
    it.each([
      { given: 'an ISBN with a wrong check digit', isbn: '978-0-262-03384-7', code: 'INVALID_ISBN' },
      { given: 'text that is not a record id', isbn: 'OCoLC ocm12345678', code: 'INVALID_RECORD_ID' },
      { given: 'a key longer than 64 characters', isbn: `OCoLC-${'1'.repeat(60)}`, code: 'INVALID_INPUT' },
    ])('should refuse $given with 400 $code and shelve nothing', async ({ isbn, code }) => {
      const refused = await post('/api/items', { barcode: 'dvd-2', isbn, branch: 'main', rack: 'AV-1' }, t.staff.librarian);
      expect([refused.statusCode, refused.json<{ code: string }>().code]).toEqual([400, code]);
      expect((await get(`/api/catalog/books/${DVD}/copies`)).json()).toEqual([]);
    });

    it('should refuse a malformed key in the path with 400 INVALID_RECORD_ID', async () => {
      const refused = await get('/api/catalog/books/OCoLC%20ocm12345678/copies');
      expect([refused.statusCode, refused.json<{ code: string }>().code]).toEqual([400, 'INVALID_RECORD_ID']);
    });
  });

  describe('when the DVD gets a digital copy', () => {
    it('should add it under the record id, list it by that key and publish it in OPDS as a record urn', async () => {
      const added = await post('/api/digital-copies', { copyId: 'casablanca-stream', isbn: DVD, format: 'EPUB', fileKey: 'films/casablanca.epub', drm: 'NONE', licenses: 1 }, t.staff.librarian);
      expect([added.statusCode, added.json()]).toMatchObject([201, { copyId: 'casablanca-stream', isbn: DVD }]);
      expect((await get(`/api/catalog/books/${DVD}/digital-copies`)).json()).toMatchObject([{ copyId: 'casablanca-stream', isbn: DVD, availableLicenses: 1 }]);
      const publication = await t.call({ method: 'GET', url: `/opds/publications/${DVD}` });
      expect([publication.statusCode, publication.json()]).toMatchObject([200, { metadata: { identifier: `urn:shelfmark:record:${DVD}`, title: 'Casablanca' } }]);
    });
  });

  describe('when a serial naming no author is catalogued and published over OPDS', () => {
    it('should take it with no authors, and give its OPDS publication no author', async () => {
      const payload = { recordId: 'DLC-sn78004256', identifiers: ['ISSN:0003-486X'], materialType: 'SERIAL', title: 'Annals of mathematics', publisher: 'Princeton University Press' };
      const catalogued = await post('/api/catalog/books', payload, t.staff.librarian);
      expect([catalogued.statusCode, catalogued.json()]).toMatchObject([201, { recordId: 'DLC-sn78004256', authors: [], publisher: 'Princeton University Press' }]);
      const added = await post('/api/digital-copies', { copyId: 'annals-pdf', isbn: 'DLC-sn78004256', format: 'PDF', fileKey: 'serials/annals.pdf', drm: 'NONE', licenses: 1 }, t.staff.librarian);
      expect(added.statusCode).toBe(201);
      const publication = await t.call({ method: 'GET', url: '/opds/publications/DLC-sn78004256' });
      expect([publication.statusCode, publication.json()]).toMatchObject([200, { metadata: { title: 'Annals of mathematics' } }]);
      expect(publication.json<{ metadata: Record<string, unknown> }>().metadata).not.toHaveProperty('author');
      const blank = await post('/api/catalog/books', { ...payload, recordId: 'DLC-sn00000001', authors: [''] }, t.staff.librarian);
      expect(blank.statusCode).toBe(400);
    });
  });

  describe('the OpenAPI document', () => {
    it('should describe a title key given by a caller as an ISBN or a record id', async () => {
      const doc = (await t.call({ method: 'GET', url: '/openapi.json' })).json<{ paths: Record<string, Record<string, { parameters?: { name: string; description?: string; schema?: { maxLength?: number } }[] }>> }>();
      const parameter = doc.paths['/api/catalog/books/{isbn}/copies']?.get?.parameters?.find((p) => p.name === 'isbn');
      expect(parameter).toMatchObject({ description: "The title's key: an ISBN (10 or 13, hyphens allowed) or a record id.", schema: { maxLength: 64 } });
    });
  });
});
