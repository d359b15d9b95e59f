import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreChoice } from '../../src/composition/stores.js';
import type { SqlStore } from '../../src/infrastructure/sql/SqlStore.js';
import { FixedClock } from '../../src/infrastructure/system/FixedClock.js';
import { BookFixtures } from '../fixtures/catalog.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';
import { PIN } from '../http/server.js';
import { emptied } from '../support/sql.js';
import { openDesk, type Desk } from './support/desk.js';

const { arjun, priya } = MemberFixtures;
const CITY_MONDAY = '2026-09-07T14:00:00.000Z';
const COPY = `${BookFixtures.cormen.isbn}-1`;

/**
 * Two libraries, each behind its own server, on one database: `stores()` gives each its store (the same
 * one on PGlite, which one process owns; two pools on a PostgreSQL server); `setup` is the store to empty.
 */
export function twoServersSpec(name: string, setup: () => SqlStore, stores: () => readonly [StoreChoice, StoreChoice]): void {
  describe(name, () => {
    let a: Desk;
    let b: Desk;
    let token: string;
    beforeEach(async () => {
      await emptied(setup());
      const clock = new FixedClock(CITY_MONDAY);
      const [first, second] = stores();
      a = await openDesk(first, clock);
      b = await openDesk(second, clock);
      await a.library.catalog.addBook(BookFixtures.cormen);
      await a.library.catalog.addCopy({ barcode: COPY, isbn: BookFixtures.cormen.isbn, branch: 'downtown', rack: 'A-1' });
      await enrol(a.library, 'arjun', 'priya');
      token = (await a.server.staffTokens.issue('front desk', 'counter')).token;
      await a.server.pins.setPin(priya.id, PIN);
    });
    afterEach(async () => {
      await a.server.close();
      await b.server.close();
    });

    describe('when wrong PINs for one card are spread over both servers', () => {
      it('should count them together and make both wait from the fifth', async () => {
        for (const desk of [a, b, a, b]) expect((await desk.signIn(priya.id, '0000')).statusCode).toBe(401);
        expect((await b.library.credentials.pin(priya.id))?.failures).toHaveLength(4);
        expect((await b.signIn(priya.id, '0000')).statusCode).toBe(401);
        for (const desk of [a, b]) expect((await desk.signIn(priya.id, PIN)).statusCode).toBe(401);
        expect((await a.library.credentials.pin(priya.id))?.failures).toHaveLength(5);
      });
    });

    describe('when five wrong PINs reach both servers at the same moment', () => {
      it('should count every one and make the card wait', async () => {
        const answers = await Promise.all([a, b, a, b, a].map((desk) => desk.signIn(priya.id, '0000')));
        expect(answers.map((r) => r.statusCode)).toEqual([401, 401, 401, 401, 401]);
        expect((await a.library.credentials.pin(priya.id))?.failures).toHaveLength(5);
        for (const desk of [a, b]) expect((await desk.signIn(priya.id, PIN)).statusCode).toBe(401);
      });
    });

    describe('when one checkout with one Idempotency-Key reaches both servers at once', () => {
      it('should lend once and give both the same answer', async () => {
        const send = (desk: Desk) => desk.call({ method: 'POST', url: '/api/checkouts', token, key: 'desk-0001', payload: { memberId: arjun.id, barcode: COPY } });
        const [first, second] = await Promise.all([send(a), send(b)]);
        expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
        expect(first.json<unknown>()).toEqual(second.json<unknown>());
        expect([first.headers['idempotent-replayed'], second.headers['idempotent-replayed']].filter((h) => h === 'true')).toHaveLength(1);
        expect(await a.library.members.loans(arjun.id)).toHaveLength(1);
      });
    });

    describe('when one server declares an emergency closure', () => {
      it('should be in the calendar of a server started on the database afterwards', async () => {
        await a.library.calendars.declareEmergencyClosure({ branch: 'downtown', from: '2026-09-28', to: '2026-09-29', reason: 'Burst pipe' });
        const c = await openDesk(stores()[1], new FixedClock(CITY_MONDAY));
        expect((await c.library.calendars.calendar('downtown')).allClosures.map((x) => x.reason)).toContain('Burst pipe');
        await c.server.close();
      });
    });
  });
}
