import { beforeEach, describe, expect, it } from 'vitest';
import type { LoanCategory } from '../../src/domain/catalog/LoanCategory.js';
import type { MaterialType } from '../../src/domain/catalog/MaterialType.js';
import { Library } from '../../src/Library.js';
import { FixedClock } from '../../src/infrastructure/system/FixedClock.js';
import { SequentialIdGenerator } from '../../src/infrastructure/system/ids.js';
import { MONDAY_MORNING } from '../fixtures/library.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';
import { BROOKFIELD_PUBLIC } from '../fixtures/rules.js';
import type { StoreHarness } from './storeContract.js';

const { priya, raj, arjun } = MemberFixtures;
const DAY_MS = 86_400_000;
const daysLater = (days: number): string => new Date(Date.parse(MONDAY_MORNING) + days * DAY_MS).toISOString();

/** Records of several material types, each with a valid ISBN-13 of its own (copies are shelved under their record's ISBN). */
const RECORDS = {
  casablanca: { isbn: '9781555500016', title: 'Casablanca', authors: ['Michael Curtiz'], materialType: 'DVD' },
  metropolis: { isbn: '9781555500023', title: 'Metropolis', authors: ['Fritz Lang'], materialType: 'DVD' },
  vertigo: { isbn: '9781555500030', title: 'Vertigo', authors: ['Alfred Hitchcock'], materialType: 'DVD' },
  ordnance: { isbn: '9781555500047', title: 'Ordnance Survey Explorer OL7', authors: ['Ordnance Survey'], materialType: 'MAP' },
  novel: { isbn: '9781555500054', title: 'Middlemarch', authors: ['George Eliot'], materialType: 'BOOK' },
} as const satisfies Record<string, { isbn: string; title: string; authors: readonly string[]; materialType: MaterialType }>;

/**
 * Rules chosen by the material type of a copy's record (`docs/examples/material-types.ts`) as every Store adapter
 * keeps records, copies and loans: the DVD rule's loan period, renewal, fine, pickup window and limit, the student map
 * refusal, and the copy's own loan category outranking its record's material type.
 */
export function materialTypeRulesContract(adapter: string, harness: StoreHarness): void {
  describe(`Circulation rules by material type on ${adapter}`, () => {
    let clock: FixedClock;
    let library: Library;
    beforeEach(async () => {
      clock = new FixedClock(MONDAY_MORNING);
      library = Library.create({ store: await harness.fresh(), clock, policy: BROOKFIELD_PUBLIC, ids: new SequentialIdGenerator() });
      await enrol(library, 'priya', 'raj', 'arjun');
    });

    /** Shelves copy `<record>-<n>` at the main branch, cataloguing its record first if need be. */
    async function shelve(record: keyof typeof RECORDS, loanCategory: LoanCategory = 'STANDARD', n = 1): Promise<string> {
      const description = RECORDS[record];
      if (!(await library.catalog.findBook(description.isbn))) await library.catalog.addBook(description);
      const barcode = `${record}-${String(n)}`;
      await library.catalog.addCopy({ barcode, isbn: description.isbn, branch: 'main', rack: 'AV-1', loanCategory });
      return barcode;
    }

    const outcome = (lending: Promise<unknown>): Promise<string> => lending.then(() => 'LENT', (error: unknown) => (error as { code: string }).code);

    describe('.checkOut', () => {
      describe('when the copy is of a DVD record, on a standard loan category', () => {
        it('should lend it for the DVD rule’s 7 days', async () => {
          const loan = await library.circulation.checkOut({ memberId: arjun.id, barcode: await shelve('casablanca') });
          expect(loan.dueAt).toBe(daysLater(7));
        });
      });

      describe('when the member already has the two DVDs the rule allows, of different loan categories', () => {
        it('should refuse a third DVD with LOAN_LIMIT_REACHED, and still lend a book', async () => {
          const barcodes = [await shelve('casablanca', 'STANDARD'), await shelve('metropolis', 'MEDIA'), await shelve('vertigo', 'STANDARD'), await shelve('novel')];
          const outcomes: string[] = [];
          for (const barcode of barcodes) outcomes.push(await outcome(library.circulation.checkOut({ memberId: arjun.id, barcode })));
          expect(outcomes).toEqual(['LENT', 'LENT', 'LOAN_LIMIT_REACHED', 'LENT']);
          const explanation = await library.explain({ memberId: arjun.id, barcode: 'vertigo-1' });
          expect(explanation.limits).toMatchObject({ maxActiveLoans: 2, activeLoans: 2, loanLimitItemType: null, loanLimitMaterialType: 'DVD', memberWide: { maxActiveLoans: 10, activeLoans: 3 } });
          expect(explanation.refusals).toEqual([{ code: 'LOAN_LIMIT_REACHED', message: `member ${arjun.id} already has 2 of 2 DVD loans`, overridable: false }]);
        });
      });

      describe('when a student asks for a map', () => {
        it('should refuse with LOAN_LIMIT_REACHED, as explain() says and why, and lend it to a public member', async () => {
          const barcode = await shelve('ordnance');
          const explanation = await library.explain({ memberId: priya.id, barcode });
          expect(explanation.context).toEqual({ memberType: 'STUDENT', plan: 'BASIC', itemType: 'STANDARD', materialType: 'MAP', branch: 'main' });
          expect(explanation.rule).toMatchObject({ entryId: 'student-map', match: { memberType: 'STUDENT', materialType: 'MAP' } });
          const lines = explanation.text.split('\n');
          expect(lines[0]).toBe(`Priya (${priya.id}) is a STUDENT member on the BASIC plan, borrowing ${barcode} (STANDARD, MAP, branch main).`);
          expect(lines[1]).toBe('Rule "student-map" applies because it is for member type STUDENT and material type MAP; it is more specific than "everyone".');
          expect(lines.at(-1)).toBe(`Checkout: refused: member ${priya.id} already has 0 of 0 MAP loans (LOAN_LIMIT_REACHED).`);
          await expect(library.circulation.checkOut({ memberId: priya.id, barcode })).rejects.toMatchObject({ code: explanation.refusals[0]?.code });
          await expect(library.circulation.checkOut({ memberId: arjun.id, barcode })).resolves.toMatchObject({ dueAt: daysLater(21) });
        });
      });

      describe('when a DVD copy is on short loan', () => {
        it('should lend it under the short-loan rule: the copy’s loan category outranks the record’s material type', async () => {
          const barcode = await shelve('casablanca', 'SHORT_LOAN');
          expect((await library.explain({ memberId: arjun.id, barcode })).rule.entryId).toBe('short-loan');
          expect((await library.circulation.checkOut({ memberId: arjun.id, barcode })).dueAt).toBe(daysLater(2));
        });
      });
    });

    describe('.renew', () => {
      describe('when a DVD loan is renewed', () => {
        it('should move its due date on by the DVD rule’s 7 days', async () => {
          const loan = await library.circulation.checkOut({ memberId: arjun.id, barcode: await shelve('casablanca') });
          clock.set(daysLater(6));
          expect((await library.circulation.renew({ loanId: loan.loanId })).dueAt).toBe(daysLater(14));
        });
      });
    });

    describe('.returnCopy', () => {
      describe('when a DVD comes back 3 days late and another member is waiting for it', () => {
        it('should charge the DVD rule’s fine and hold it for the waiting member for the DVD rule’s 24 hours', async () => {
          const barcode = await shelve('casablanca');
          await library.circulation.checkOut({ memberId: arjun.id, barcode });
          await library.reservations.reserve({ memberId: raj.id, isbn: RECORDS.casablanca.isbn });
          clock.set(daysLater(10));
          const receipt = await library.circulation.returnCopy({ barcode });
          expect(receipt.finesAssessed.map((f) => [f.reason, f.amount.amount])).toEqual([['OVERDUE', 300]]);
          expect(receipt.heldFor).toMatchObject({ memberId: raj.id, expiresAt: daysLater(11) });
        });
      });
    });
  });
}
