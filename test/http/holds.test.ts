import { describe, expect, it } from 'vitest';
import { BookFixtures, shelve } from '../fixtures/catalog.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';
import { aServer } from './server.js';

const { priya, arjun } = MemberFixtures;
const CORMEN = BookFixtures.cormen.isbn;

describe('HTTP: branches, transit and the hold lifecycle', () => {
  describe('when a hold names another pickup branch and the copy comes back at the main desk', () => {
    it('should send it there, list it in transit to that branch, receive it onto its hold shelf, and list it on the shelf', async () => {
      const t = await aServer();
      const [barcode] = await shelve(t.library, 'cormen', 1);
      await enrol(t.library, 'priya', 'arjun');
      await t.library.circulation.checkOut({ memberId: arjun.id, barcode: barcode! });
      const as = t.staff.librarian;
      expect((await t.call({ method: 'POST', url: '/api/branches', payload: { id: 'east', name: 'East Branch' }, as })).json()).toEqual({
        id: 'east',
        name: 'East Branch',
        holdShelf: 'Hold shelf',
        timeZone: 'UTC',
      });
      const hold = (await t.call({ method: 'POST', url: '/api/reservations', payload: { memberId: priya.id, isbn: CORMEN, pickupBranch: 'east' }, as })).json<{ reservationId: string }>();
      const returned = await t.call({ method: 'POST', url: '/api/returns', payload: { barcode, branch: 'main' }, as });
      expect(returned.json()).toMatchObject({ heldFor: { memberId: priya.id, inTransitTo: 'east', expiresAt: null } });
      const onTheWay = await t.call({ method: 'GET', url: '/api/branches/east/transit', as: t.staff.counter });
      expect(onTheWay.json()).toMatchObject([{ barcode, status: 'IN_TRANSIT', branch: 'main', inTransitTo: 'east' }]);
      expect((await t.call({ method: 'GET', url: '/api/branches/main/transit', as })).json()).toEqual([]);
      expect((await t.call({ method: 'GET', url: '/api/branches/north/transit', as })).json<{ code: string }>().code).toBe('BRANCH_NOT_FOUND');
      const wrong = await t.call({ method: 'POST', url: `/api/items/${barcode}/receive`, payload: { branch: 'main' }, as });
      expect([wrong.statusCode, wrong.json<{ code: string }>().code]).toEqual([409, 'WRONG_BRANCH']);
      const received = await t.call({ method: 'POST', url: `/api/items/${barcode}/receive`, payload: { branch: 'east' }, as });
      expect(received.json()).toMatchObject({ copy: { status: 'RESERVED', holdShelf: 'east' }, heldFor: { reservationId: hold.reservationId } });
      expect((await t.call({ method: 'GET', url: '/api/branches/east/hold-shelf', as })).json()).toEqual([
        { barcode, memberId: priya.id, reservationId: hold.reservationId, expiresAt: '2026-09-08T09:00:00.000Z' },
      ]);
    });
  });

  describe('when a member suspends their hold without an end, then resumes it', () => {
    it('should answer SUSPENDED, then WAITING at its place', async () => {
      const t = await aServer();
      const [barcode] = await shelve(t.library, 'cormen', 1);
      await enrol(t.library, 'priya', 'arjun');
      await t.library.circulation.checkOut({ memberId: arjun.id, barcode: barcode! });
      const as = t.staff.counter;
      const hold = (await t.call({ method: 'POST', url: '/api/reservations', payload: { memberId: priya.id, isbn: CORMEN }, as })).json<{ reservationId: string }>();
      const suspended = await t.call({ method: 'POST', url: `/api/reservations/${hold.reservationId}/suspend`, as });
      expect(suspended.json()).toMatchObject({ status: 'SUSPENDED', suspendedUntil: null });
      const resumed = await t.call({ method: 'POST', url: `/api/reservations/${hold.reservationId}/resume`, as });
      expect(resumed.json()).toMatchObject({ status: 'WAITING', position: 1 });
    });
  });

  describe('when the OpenAPI document is read', () => {
    it('should describe the new routes and the copy statuses', async () => {
      const t = await aServer();
      const doc = (await t.call({ method: 'GET', url: '/openapi.json' })).json<{ paths: Record<string, unknown>; components: { schemas: Record<string, { properties?: Record<string, { enum?: string[] }> }> } }>();
      for (const path of ['/api/branches', '/api/branches/{branch}/hold-shelf', '/api/items/{barcode}/receive', '/api/reservations/{reservationId}/suspend']) {
        expect(Object.keys(doc.paths)).toContain(path);
      }
      expect(JSON.stringify(doc)).toContain('IN_TRANSIT');
    });
  });
});
