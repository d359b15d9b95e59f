import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/application/AuditLog.js';
import { ValidationError } from '../../src/domain/shared/ShelfmarkError.js';
import { BookFixtures, shelve } from '../fixtures/catalog.js';
import { aLibrary } from '../fixtures/library.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';

const { priya, raj } = MemberFixtures;
const CORMEN = BookFixtures.cormen.isbn;

/** Seed 003's story at the counter of Anita, the librarian: checkout, reservation, renewal refused, late return, hold, payment. */
async function aDayAtTheCounter() {
  const t = aLibrary('college');
  const { library, clock } = t;
  const anita = library.as('librarian:anita');
  await shelve(library, 'cormen', 1);
  await enrol(library, 'priya', 'raj');
  await anita.circulation.checkOut({ memberId: raj.id, barcode: 'cormen-1' }); // 7 Sept
  clock.advanceDays(1);
  await library.as(`member:${priya.id}`).reservations.reserve({ memberId: priya.id, isbn: CORMEN }); // 8 Sept
  clock.advanceDays(13);
  await anita.circulation.returnCopy({ barcode: 'cormen-1' }); // 21 Sept 09:00: 4 days late, a fine; held for Priya
  clock.advanceHours(2);
  await anita.circulation.checkOut({ memberId: priya.id, barcode: 'cormen-1' }); // 21 Sept 11:00
  await anita.circulation.renew({ barcode: 'cormen-1' });
  await library.fines.pay({ memberId: raj.id, amount: 300, method: 'cash' });
  return t;
}

describe(AuditLog, () => {
  describe('.query', () => {
    it('should hold every checkout, return, renewal, hold, fine and payment, with actor and time', async () => {
      const { library } = await aDayAtTheCounter();
      const trail = (await library.audit.query({ barcode: 'cormen-1' })).map((e) => `${e.at.slice(0, 10)} ${e.actor} ${e.action}`);
      expect(trail).toEqual([
        '2026-09-07 system copy.added',
        '2026-09-07 librarian:anita copy.checked-out',
        '2026-09-21 librarian:anita copy.returned',
        '2026-09-21 librarian:anita fine.assessed',
        '2026-09-21 librarian:anita reservation.ready-for-pickup',
        '2026-09-21 librarian:anita copy.held',
        '2026-09-21 librarian:anita reservation.fulfilled',
        '2026-09-21 librarian:anita copy.checked-out',
        '2026-09-21 librarian:anita loan.renewed',
      ]);
      const payments = await library.audit.query({ memberId: raj.id });
      expect(payments.at(-1)).toMatchObject({ action: 'fine.paid', actor: 'system', memberId: raj.id, barcode: null, data: { amount: 300, balanceAfter: 300 } });
    });

    it('should name the copy and title of a fine through its loan', async () => {
      const { library } = await aDayAtTheCounter();
      const [fine] = (await library.audit.query({ memberId: raj.id })).filter((e) => e.action === 'fine.assessed');
      expect(fine).toMatchObject({ memberId: raj.id, barcode: 'cormen-1', isbn: CORMEN, data: { reason: 'OVERDUE', amount: 600 } });
    });

    it('should find entries by member, copy, ISBN in any form, and time range', async () => {
      const { library } = await aDayAtTheCounter();
      const actions = async (filter: Parameters<typeof library.audit.query>[0]): Promise<string[]> => (await library.audit.query(filter)).map((e) => e.action);

      expect(await actions({ memberId: priya.id })).toEqual([
        'member.registered',
        'reservation.placed',
        'reservation.ready-for-pickup',
        'copy.held',
        'reservation.fulfilled',
        'copy.checked-out',
        'loan.renewed',
      ]);
      expect(await actions({ isbn: '978-0-262-03384-8' })).toEqual(await actions({ isbn: CORMEN }));
      expect(await actions({ isbn: CORMEN })).toContain('book.added');
      expect(await actions({ memberId: priya.id, from: '2026-09-21T00:00:00Z', to: new Date('2026-09-21T10:00:00Z') })).toEqual([
        'reservation.ready-for-pickup',
        'copy.held',
      ]);
      expect(await actions({ memberId: priya.id, limit: 2 })).toEqual(['member.registered', 'reservation.placed']);
    });

    it('should find the entries of a title without an ISBN by its record id, its cataloguing included', async () => {
      const { library } = aLibrary('college');
      await enrol(library, 'priya');
      await library.catalog.addBook({ recordId: 'OCoLC-ocm12345678', materialType: 'DVD', title: 'Casablanca', authors: ['Michael Curtiz'] });
      await library.catalog.addCopy({ barcode: 'dvd-1', isbn: 'OCoLC-ocm12345678', branch: 'main', rack: 'AV-1' });
      await library.circulation.checkOut({ memberId: priya.id, barcode: 'dvd-1' });
      const entries = await library.audit.query({ isbn: 'OCoLC-ocm12345678' });
      expect(entries.map((e) => e.action)).toEqual(['book.added', 'copy.added', 'copy.checked-out']);
      expect(new Set(entries.map((e) => e.isbn))).toEqual(new Set(['OCoLC-ocm12345678']));
    });

    it('should refuse a malformed filter', async () => {
      const { library } = aLibrary();
      await expect(library.audit.query({ from: 'yesterday' })).rejects.toBeInstanceOf(ValidationError);
      await expect(library.audit.query({ limit: 0 })).rejects.toBeInstanceOf(ValidationError);
      await expect(library.audit.query({ isbn: '978-0-262-03384-7' })).rejects.toMatchObject({ code: 'INVALID_ISBN' });
      await expect(library.audit.query({ isbn: 'no such key' })).rejects.toMatchObject({ code: 'INVALID_RECORD_ID' });
    });
  });

  describe('append-only', () => {
    it('should hand out frozen entries that cannot be edited, and offer no way to change the log', async () => {
      const { library } = await aDayAtTheCounter();
      const [entry] = await library.audit.query({ barcode: 'cormen-1', limit: 1 });
      expect(Object.isFrozen(entry)).toBe(true);
      expect(() => {
        (entry as { actor: string }).actor = 'someone else';
      }).toThrow(TypeError);
      expect(() => {
        (entry!.data as Record<string, unknown>)['barcode'] = 'forged';
      }).toThrow(TypeError);
      expect((await library.audit.query({ barcode: 'cormen-1', limit: 1 }))[0]).toMatchObject({ actor: 'system', data: { barcode: 'cormen-1' } });
      const methods = Object.getOwnPropertyNames(AuditLog.prototype).filter((name) => name !== 'constructor');
      expect(methods).toEqual(['query']);
    });

    it('should record nothing for a change that did not happen', async () => {
      const { library } = await aDayAtTheCounter();
      const before = await library.audit.query();
      await expect(library.as('librarian:anita').circulation.checkOut({ memberId: raj.id, barcode: 'cormen-1' })).rejects.toMatchObject({ code: 'COPY_NOT_AVAILABLE' });
      expect(await library.audit.query()).toEqual(before);
    });
  });

  describe('actors', () => {
    it('should keep each concurrent caller’s actor apart', async () => {
      const { library } = aLibrary();
      await Promise.all(
        ['anita', 'bela', 'chen', 'dev'].map((name) => library.as(`librarian:${name}`).members.register({ id: `M-BY-${name.toUpperCase()}`, name: 'New reader' })),
      );
      const entries = await library.audit.query();
      expect(entries.map((e) => `${e.memberId ?? ''} ${e.actor}`).sort()).toEqual([
        'M-BY-ANITA librarian:anita',
        'M-BY-BELA librarian:bela',
        'M-BY-CHEN librarian:chen',
        'M-BY-DEV librarian:dev',
      ]);
    });

    it('should record the scheduler’s changes under the actor that ran it', async () => {
      const { library, clock } = aLibrary('city');
      await shelve(library, 'cormen', 1);
      await enrol(library, 'priya', 'raj');
      await library.circulation.checkOut({ memberId: raj.id, barcode: 'cormen-1' });
      await library.reservations.reserve({ memberId: priya.id, isbn: CORMEN });
      await library.circulation.returnCopy({ barcode: 'cormen-1' });
      clock.advanceDays(3);
      await library.as('cron').runDueJobs();
      const expired = (await library.audit.query({ memberId: priya.id })).filter((e) => e.actor === 'cron').map((e) => e.action);
      expect(expired).toEqual(['copy.hold-released', 'reservation.expired']);
    });

    it('should refuse an empty actor', () => {
      const { library } = aLibrary();
      expect(() => library.as('  ')).toThrow(ValidationError);
    });
  });
});
