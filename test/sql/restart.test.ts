import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/infrastructure/system/FixedClock.js';
import { BookFixtures } from '../fixtures/catalog.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';
import { PIN } from '../http/server.js';
import { openDesk, type Desk } from './support/desk.js';

const { arjun, priya, raj } = MemberFixtures;
/** Monday 7 September 2026, 10:00 in New York: a 21-day loan is due Monday 28 September, inside the closure below. */
const CITY_MONDAY = '2026-09-07T14:00:00.000Z';
const BURST_PIPE = { branch: 'downtown', from: '2026-09-28', to: '2026-09-29', reason: 'Burst pipe' };
const DUE_AFTER_THE_CLOSURE = '2026-09-30T14:00:00.000Z';

describe('a library and server restarted on the same PGlite directory', () => {
  let directory: string;
  let token: string;
  let firstCheckout: { status: number; body: unknown };
  let desk: Desk;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'shelfmark-restart-'));
    const first = await openDesk({ pglite: directory }, new FixedClock(CITY_MONDAY));
    for (const book of [BookFixtures.cormen, BookFixtures.cleanCode]) {
      await first.library.catalog.addBook(book);
      await first.library.catalog.addCopy({ barcode: `${book.isbn}-1`, isbn: book.isbn, branch: 'downtown', rack: 'A-1' });
    }
    await enrol(first.library, 'arjun', 'priya', 'raj');
    token = (await first.server.staffTokens.issue('front desk', 'counter')).token;
    await first.server.pins.setPin(priya.id, PIN);
    await first.server.pins.setPin(raj.id, PIN);
    for (let i = 0; i < 5; i++) await first.signIn(raj.id, '0000');
    await first.library.calendars.declareEmergencyClosure(BURST_PIPE);
    const answer = await first.call({ method: 'POST', url: '/api/checkouts', token, key: 'desk-0001', payload: { memberId: arjun.id, barcode: `${BookFixtures.cormen.isbn}-1` } });
    firstCheckout = { status: answer.statusCode, body: answer.json<unknown>() };
    await first.server.close();
    await first.library.close();

    desk = await openDesk({ pglite: directory }, new FixedClock(CITY_MONDAY));
  }, 120_000);
  afterAll(async () => {
    await desk.server.close();
    await desk.library.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('should have lent the copy before the restart, due after the closure', () => {
    expect(firstCheckout).toMatchObject({ status: 201, body: { memberId: arjun.id, dueAt: DUE_AFTER_THE_CLOSURE } });
  });

  describe('after the restart', () => {
    it('should still accept the staff token', async () => {
      const response = await desk.call({ method: 'GET', url: '/api/session', token });
      expect(response.json()).toEqual({ kind: 'staff', scope: 'counter', label: 'front desk' });
    });

    it('should still sign the member in with their PIN', async () => {
      expect((await desk.signIn(priya.id, PIN)).statusCode).toBe(201);
    });

    it('should keep the wait set by wrong PINs, refusing even the right one', async () => {
      const response = await desk.signIn(raj.id, PIN);
      expect([response.statusCode, response.json<{ code: string }>().code]).toEqual([401, 'UNAUTHENTICATED']);
    });

    it('should keep the emergency closure, so a new loan avoids it', async () => {
      expect((await desk.library.calendars.calendar('downtown')).allClosures).toContainEqual({ ...BURST_PIPE, branch: undefined, kind: 'EMERGENCY' });
      const response = await desk.call({ method: 'POST', url: '/api/checkouts', token, payload: { memberId: arjun.id, barcode: `${BookFixtures.cleanCode.isbn}-1` } });
      expect(response.json()).toMatchObject({ dueAt: DUE_AFTER_THE_CLOSURE });
    });

    it('should replay the first answer to a retry with the same Idempotency-Key, lending nothing more', async () => {
      const retry = await desk.call({ method: 'POST', url: '/api/checkouts', token, key: 'desk-0001', payload: { memberId: arjun.id, barcode: `${BookFixtures.cormen.isbn}-1` } });
      expect({ status: retry.statusCode, body: retry.json<unknown>() }).toEqual(firstCheckout);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(await desk.library.members.loans(arjun.id)).toHaveLength(2);
    });

    it('should name the staff token and its label on the audit entry of the first loan', async () => {
      const [checkedOut] = (await desk.library.audit.query({ barcode: `${BookFixtures.cormen.isbn}-1` })).filter((e) => e.action === 'copy.checked-out');
      expect(checkedOut).toMatchObject({ actor: `staff:${token.split('_')[1] ?? ''}`, actorLabel: 'front desk' });
    });
  });
});
