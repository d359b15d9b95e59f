import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FineLedger } from '../../src/domain/fines/FineLedger.js';
import { buildFineStrategy, type FineRule } from '../../src/domain/policy/FineRule.js';
import { Money } from '../../src/domain/shared/Money.js';

const DUE = new Date('2026-09-21T09:00:00.000Z');
const at = (hours: number): Date => new Date(DUE.getTime() + hours * 3_600_000);

/** What a run of the jobs, or the member, does to the loan's fine while it is overdue; hours after the due instant. */
type Step = { kind: 'accrue'; hours: number } | { kind: 'pay'; amount: number } | { kind: 'waive' };

const fineRule: fc.Arbitrary<FineRule> = fc.oneof(
  fc.record({ kind: fc.constant('flat' as const), perDay: fc.integer({ min: 1, max: 50 }), cap: fc.record({ maxPerItem: fc.integer({ min: 1, max: 400 }) }) }),
  fc.record({
    kind: fc.constant('grace' as const),
    graceDays: fc.integer({ min: 0, max: 5 }),
    perDay: fc.integer({ min: 1, max: 50 }),
    cap: fc.record({ maxPerItem: fc.integer({ min: 1, max: 400 }) }),
  }),
);
const steps: fc.Arbitrary<Step[]> = fc.array(
  fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('accrue' as const), hours: fc.integer({ min: 1, max: 24 * 60 }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('pay' as const), amount: fc.integer({ min: 1, max: 300 }) }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'waive' as const }) },
  ),
  { maxLength: 20 },
);

/** Plays the steps in time order on one member's ledger, then the return at `returnHours`; the fines of the loan after each step. */
function play(rule: FineRule, played: readonly Step[], returnHours: number) {
  const strategy = buildFineStrategy(rule, 'GBP');
  const fineAt = (hours: number): Money => strategy.overdueFine({ dueAt: DUE, returnedAt: at(hours), replacementPrice: null });
  const ledger = FineLedger.open('M-PRIYA', 'GBP');
  const loan = { loanId: 'loan-1', barcode: 'cormen-1' };
  const snapshots: number[] = [];
  let clock = 0;
  let waived = false;
  let n = 0;
  for (const step of played) {
    if (step.kind === 'accrue') {
      clock = Math.max(clock, step.hours);
      ledger.accrue({ ...loan, fineId: `fine-${String(n++)}`, amount: fineAt(clock) }, at(clock));
    } else if (step.kind === 'pay' && ledger.balance().amount > 0) {
      ledger.pay({ paymentId: `pay-${String(n++)}`, amount: Money.of(Math.min(step.amount, ledger.balance().amount), 'GBP'), method: 'cash' }, at(clock));
    } else if (step.kind === 'waive') {
      const accruing = ledger.accruingFineOf(loan.loanId);
      if (accruing && accruing.status !== 'WAIVED') {
        ledger.waive(accruing.id, 'goodwill', at(clock));
        waived = true;
      }
    }
    snapshots.push(ledger.fines.filter((f) => f.loanId === loan.loanId).reduce((sum, f) => sum + f.amount, 0));
  }
  const returnedAt = Math.max(clock, returnHours);
  ledger.chargeOverdue({ ...loan, fineId: `fine-${String(n++)}`, amount: fineAt(returnedAt) }, at(returnedAt));
  const fines = ledger.fines.filter((f) => f.loanId === loan.loanId);
  const cap = rule.kind === 'none' ? 0 : (rule.cap?.maxPerItem ?? Number.MAX_SAFE_INTEGER);
  return { ledger, snapshots, fines, cap, waived, finalFine: fineAt(returnedAt).amount };
}

describe('FineLedger', () => {
  describe('.accrue and .chargeOverdue', () => {
    it('should never let an accrued fine exceed the cap', () => {
      fc.assert(
        fc.property(fineRule, steps, fc.integer({ min: 0, max: 24 * 90 }), (rule, played, returnHours) => {
          const { snapshots, fines, cap } = play(rule, played, returnHours);
          for (const charged of snapshots) expect(charged).toBeLessThanOrEqual(cap);
          expect(fines.reduce((sum, f) => sum + f.amount, 0)).toBeLessThanOrEqual(cap);
        }),
      );
    });

    it('should charge accrued and final together exactly once: one fine, at the final amount (nothing once waived)', () => {
      fc.assert(
        fc.property(fineRule, steps, fc.integer({ min: 0, max: 24 * 90 }), (rule, played, returnHours) => {
          const { fines, waived, finalFine } = play(rule, played, returnHours);
          expect(fines.length).toBeLessThanOrEqual(1);
          const charged = fines[0];
          if (waived) {
            expect(charged).toMatchObject({ status: 'WAIVED', outstanding: 0 });
          } else {
            expect(charged?.amount ?? 0).toBe(finalFine);
          }
          expect(charged?.accrual ?? null).toBeNull();
        }),
      );
    });

    it('should keep the balance equal to what the open fines still owe, and every payment on the fine it settled', () => {
      fc.assert(
        fc.property(fineRule, steps, fc.integer({ min: 0, max: 24 * 90 }), (rule, played, returnHours) => {
          const { ledger } = play(rule, played, returnHours);
          const paid = ledger.payments.reduce((sum, p) => sum + p.amount, 0);
          const owed = ledger.fines.filter((f) => f.status === 'OPEN').reduce((sum, f) => sum + f.outstanding, 0);
          expect(ledger.balance().amount).toBe(owed);
          expect(ledger.fines.reduce((sum, f) => sum + paidOf(ledger, f.id), 0)).toBe(paid);
          for (const f of ledger.fines.filter((x) => x.status !== 'WAIVED')) expect(f.amount - f.outstanding).toBe(paidOf(ledger, f.id));
        }),
      );
    });
  });
});

/** What payments put towards one fine. */
function paidOf(ledger: FineLedger, fineId: string): number {
  return ledger.payments.flatMap((p) => p.allocations).filter((a) => a.fineId === fineId).reduce((sum, a) => sum + a.amount, 0);
}
