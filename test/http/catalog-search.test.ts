import { describe, expect, it } from 'vitest';
import { BookFixtures, shelve } from '../fixtures/catalog.js';
import { aServer } from './server.js';

describe('GET /api/catalog/search', () => {
  describe('when anyone searches with filters and facets', () => {
    it('should answer ranked hits with live availability, totals and facet counts', async () => {
      const t = await aServer();
      await shelve(t.library, 'cormen', 2);
      await shelve(t.library, 'sedgewick', 1);
      const res = await t.server.app.inject({ method: 'GET', url: '/api/catalog/search?q=algorithms&facets=true&limit=1&yearFrom=2010' });
      expect(res.statusCode).toBe(200);
      const body = res.json<{ total: number; hits: { isbn: string; availableCopies: number }[]; facets: { languages: { value: string; count: number }[] } }>();
      expect(body.total).toBe(1);
      expect(body.hits).toEqual([expect.objectContaining({ isbn: BookFixtures.sedgewick.isbn, availableCopies: 1 })]);
      expect(body.facets.languages).toEqual([{ value: 'en', count: 1 }]);
    });
  });

  describe('when a material type is asked for, over records with and without an ISBN', () => {
    it('should answer the records of that type by record id, with the material type facet', async () => {
      const t = await aServer();
      await t.library.catalog.addBook({ recordId: 'local-dvd-0042', identifiers: ['UPC:036000291452'], materialType: 'DVD', title: 'Casablanca', authors: ['Michael Curtiz'] });
      await t.library.catalog.addBook(BookFixtures.cormen);
      const res = await t.server.app.inject({ method: 'GET', url: '/api/catalog/search?materialType=DVD&facets=true' });
      expect(res.statusCode).toBe(200);
      const body = res.json<{ hits: Record<string, unknown>[]; facets: { materialTypes: unknown; formats: unknown } }>();
      expect(body.hits).toEqual([expect.objectContaining({ recordId: 'local-dvd-0042', materialType: 'DVD', title: 'Casablanca' })]);
      expect(body.hits[0]).not.toHaveProperty('isbn');
      expect(body.facets.materialTypes).toEqual([{ value: 'DVD', count: 1 }]);
      const byUpc = await t.server.app.inject({ method: 'GET', url: '/api/catalog/search?q=036000291452' });
      expect(byUpc.json<{ hits: { recordId: string }[] }>().hits.map((h) => h.recordId)).toEqual(['local-dvd-0042']);
    });
  });

  describe('when the material type is not one', () => {
    it('should answer 400 with a code', async () => {
      const t = await aServer();
      const res = await t.server.app.inject({ method: 'GET', url: '/api/catalog/search?materialType=SCROLL' });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'INVALID_INPUT' });
    });
  });

  describe('when a number is not a number', () => {
    it('should answer 400 with a code', async () => {
      const t = await aServer();
      const res = await t.server.app.inject({ method: 'GET', url: '/api/catalog/search?q=x&limit=ten' });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'INVALID_INPUT' });
    });
  });
});

describe('GET /api/audit', () => {
  describe('when a librarian asks for a member’s trail', () => {
    it('should list who did what and when, and take no writes', async () => {
      const t = await aServer();
      const [barcode] = await shelve(t.library, 'cormen', 1);
      await t.library.members.register({ id: 'M-AUDIT', name: 'Audited' });
      await t.library.as('librarian:anita').circulation.checkOut({ memberId: 'M-AUDIT', barcode: barcode! });
      const res = await t.call({ method: 'GET', url: '/api/audit?memberId=M-AUDIT', as: t.staff.librarian });
      expect(res.statusCode).toBe(200);
      expect(res.json<{ actor: string; action: string }[]>()).toEqual(
        expect.arrayContaining([expect.objectContaining({ actor: 'librarian:anita', action: 'copy.checked-out' })]),
      );
      const write = await t.call({ method: 'DELETE', url: '/api/audit', as: t.staff.admin });
      expect(write.statusCode).toBe(404);
    });
  });
});
