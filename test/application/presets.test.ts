import { describe, expect, it } from 'vitest';
import { CirculationPolicy, type PolicyDefinition } from '../../src/domain/policy/CirculationPolicy.js';
import { POLICY_PRESETS } from '../../src/domain/policy/presets.js';
import { PolicyError } from '../../src/domain/policy/PolicyError.js';
import { aLibrary } from '../fixtures/library.js';
import { shelve } from '../fixtures/catalog.js';
import { enrol, MemberFixtures, type MemberKey } from '../fixtures/members.js';
import type { PolicyPresetName } from '../../src/domain/policy/presets.js';

const { arjun } = MemberFixtures;

/** Checks out one copy for `member`, returns it `daysLate` days after its due date, and reports what happened. */
async function lendAndReturnLate(preset: PolicyPresetName, member: MemberKey, daysLate: number) {
  const { library, clock } = aLibrary(preset);
  await enrol(library, member);
  const [barcode] = await shelve(library, 'cormen', 1, { replacementPrice: 100_000 });
  const loan = await library.circulation.checkOut({ memberId: MemberFixtures[member].id, barcode: barcode! });
  clock.set(new Date(Date.parse(loan.dueAt) + daysLate * 86_400_000));
  const receipt = await library.circulation.returnCopy({ barcode: barcode! });
  const loanDays = (Date.parse(loan.dueAt) - Date.parse(loan.checkedOutAt)) / 86_400_000;
  return { loanDays, fine: receipt.finesAssessed.reduce((sum, f) => sum + f.amount.amount, 0), library };
}

async function maxLoans(preset: PolicyPresetName, member: MemberKey): Promise<number> {
  const { library } = aLibrary(preset);
  await enrol(library, member);
  let lent = 0;
  // A member borrows one copy per title, so each loan needs a title of its own (valid ISBNs).
  const isbns = ['9780306406157', '9780262033848', '9780321573513', '9780132350884', '9780201633610', '9780134685991', '9781492052203', '9780596007126', '9781449373320', '9780131103627', '9780201616224', '9780262510875'];
  for (const [i, isbn] of isbns.entries()) {
    await library.catalog.addBook({ isbn, title: `Title ${i}`, authors: ['Author'] });
    await library.catalog.addCopy({ barcode: `limit-${i}`, isbn, branch: 'main', rack: '1-A' });
    try {
      await library.circulation.checkOut({ memberId: MemberFixtures[member].id, barcode: `limit-${i}` });
      lent++;
    } catch (e) {
      expect(e).toMatchObject({ code: 'LOAN_LIMIT_REACHED' });
      break;
    }
  }
  return lent;
}

describe('Policy presets', () => {
  describe('college (seed 003)', () => {
    it('should lend for 10 days and at most 5 books', async () => {
      expect((await lendAndReturnLate('college', 'arjun', 0)).loanDays).toBe(10);
      expect(await maxLoans('college', 'priya')).toBe(5);
    });

    it('should charge public members ₹5 per late day', async () => {
      expect((await lendAndReturnLate('college', 'arjun', 4)).fine).toBe(2_000);
    });

    it('should waive a student’s first 2 late days, then charge ₹3 per day', async () => {
      expect((await lendAndReturnLate('college', 'priya', 2)).fine).toBe(0);
      expect((await lendAndReturnLate('college', 'priya', 4)).fine).toBe(600);
    });

    it('should never fine faculty', async () => {
      expect((await lendAndReturnLate('college', 'meera', 30)).fine).toBe(0);
    });

    it('should hold a returned copy for 24 hours', () => {
      const policy = new CirculationPolicy(POLICY_PRESETS.college);
      expect(policy.ruleFor({ type: 'STUDENT', plan: 'BASIC' }).pickupWindowHours).toBe(24);
    });
  });

  describe('city (seed 001)', () => {
    it('should lend 14 days and 3 books on the basic plan, 21 days and 10 books on premium', async () => {
      expect((await lendAndReturnLate('city', 'arjun', 0)).loanDays).toBe(14);
      expect((await lendAndReturnLate('city', 'dana', 0)).loanDays).toBe(21);
      expect(await maxLoans('city', 'arjun')).toBe(3);
      expect(await maxLoans('city', 'dana')).toBe(10);
    });

    it('should charge $0.25 per late day, capped at $10 per item', async () => {
      expect((await lendAndReturnLate('city', 'arjun', 6)).fine).toBe(150);
      expect((await lendAndReturnLate('city', 'arjun', 90)).fine).toBe(1_000);
    });

    it('should block checkouts when unpaid fines are over $5.00, and restore them after payment', async () => {
      const { library } = await lendAndReturnLate('city', 'arjun', 21); // 21 × $0.25 = $5.25
      const [barcode] = await shelve(library, 'sedgewick', 1);
      await expect(library.circulation.checkOut({ memberId: arjun.id, barcode: barcode! })).rejects.toMatchObject({ code: 'FINES_OVER_THRESHOLD' });
      await library.fines.pay({ memberId: arjun.id, amount: 25, method: 'cash' }); // $5.00 left: not over the threshold
      await expect(library.circulation.checkOut({ memberId: arjun.id, barcode: barcode! })).resolves.toMatchObject({ barcode });
    });

    it('should hold a returned copy for 48 hours', () => {
      expect(new CirculationPolicy(POLICY_PRESETS.city).ruleFor({ type: 'PUBLIC', plan: 'PREMIUM' }).pickupWindowHours).toBe(48);
    });
  });

  describe('network (seed 002)', () => {
    it('should add a $10 surcharge for a damaged return on top of $0.25 per late day', async () => {
      const { library, clock } = aLibrary('network');
      await enrol(library, 'arjun');
      const [barcode] = await shelve(library, 'cormen', 1);
      const loan = await library.circulation.checkOut({ memberId: arjun.id, barcode: barcode! });
      clock.set(new Date(Date.parse(loan.dueAt) + 2 * 86_400_000));
      const receipt = await library.circulation.returnCopy({ barcode: barcode!, condition: 'DAMAGED' });
      expect(receipt.finesAssessed.map((f) => [f.reason, f.amount.amount])).toEqual([
        ['OVERDUE', 50],
        ['DAMAGED', 1_000],
      ]);
    });

    it('should charge the replacement price plus a $5 LOST surcharge for a lost copy', async () => {
      const { library } = aLibrary('network');
      await enrol(library, 'arjun');
      const [barcode] = await shelve(library, 'cormen', 1, { replacementPrice: 8_000 });
      await library.circulation.checkOut({ memberId: arjun.id, barcode: barcode! });
      const report = await library.circulation.markLost({ barcode: barcode! });
      expect(report.finesAssessed.map((f) => [f.reason, f.amount.amount])).toEqual([
        ['REPLACEMENT', 8_000],
        ['LOST', 500],
      ]);
      expect((await library.members.get(arjun.id)).activeLoanCount).toBe(0);
    });
  });

  describe('desk (seed 004)', () => {
    it('should lend 14 days and charge ₹20 per late day (20 days borrowed → ₹120)', async () => {
      const result = await lendAndReturnLate('desk', 'priya', 6);
      expect(result.loanDays).toBe(14);
      expect(result.fine).toBe(12_000);
    });
  });

  describe('CirculationPolicy', () => {
    describe('.ruleFor', () => {
      it('should pick the most specific entry: type and plan over type over plan over default', () => {
        const policy = new CirculationPolicy({
          ...POLICY_PRESETS.city,
          entries: [
            { id: 'default', match: {}, rule: POLICY_PRESETS.city.entries[0]!.rule },
            { id: 'premium', match: { plan: 'PREMIUM' }, rule: POLICY_PRESETS.city.entries[0]!.rule },
            { id: 'student', match: { memberType: 'STUDENT' }, rule: POLICY_PRESETS.city.entries[0]!.rule },
            { id: 'student-premium', match: { memberType: 'STUDENT', plan: 'PREMIUM' }, rule: POLICY_PRESETS.city.entries[0]!.rule },
          ],
        });
        expect(policy.ruleFor({ type: 'STUDENT', plan: 'PREMIUM' }).entryId).toBe('student-premium');
        expect(policy.ruleFor({ type: 'STUDENT', plan: 'BASIC' }).entryId).toBe('student');
        expect(policy.ruleFor({ type: 'PUBLIC', plan: 'PREMIUM' }).entryId).toBe('premium');
        expect(policy.ruleFor({ type: 'FACULTY', plan: 'BASIC' }).entryId).toBe('default');
      });
    });

    describe('when a definition is invalid', () => {
      it('should throw INVALID_POLICY', () => {
        const broken = { ...POLICY_PRESETS.desk, entries: [{ ...POLICY_PRESETS.desk.entries[0]!, rule: { ...POLICY_PRESETS.desk.entries[0]!.rule, loanDays: -1 } }] };
        expect(() => new CirculationPolicy(broken)).toThrow(PolicyError);
      });
    });

    describe.each([
      ['calendar.dueDateAdjustment', { calendar: { dueDateAdjustment: 'NEXT_TUESDAY' } }],
      ['calendar.fineDays', { calendar: { fineDays: 'WEEKDAYS' } }],
      ['renewal.base', { renewal: { base: 'CHECKOUT_DATE' } }],
    ])('when an entry names an unknown %s', (field, control) => {
      it('should throw INVALID_POLICY naming the field and the names it may take', () => {
        const entry = POLICY_PRESETS.desk.entries[0]!;
        const broken = { ...POLICY_PRESETS.desk, entries: [{ ...entry, rule: { ...entry.rule, ...control } }] } as unknown as PolicyDefinition;
        expect(() => new CirculationPolicy(broken)).toThrow(new RegExp(`unknown ${field.replace('.', '\\.')} ".+" \\(one of `));
      });
    });
  });
});
