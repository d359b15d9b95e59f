import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LoanPrimitives } from '../../src/domain/lending/Loan.js';
import { MemoryReports } from '../../src/infrastructure/memory/MemoryReports.js';
import { MONDAY_MORNING } from '../fixtures/library.js';

const DAY_MS = 86_400_000;
const MONDAY = Date.parse('2026-09-07T00:00:00.000Z');
const NOW = new Date(MONDAY_MORNING);

/** A loan made `madeAt` ms after Monday midnight, back `keptFor` ms later (or still out when null). */
function loanAt(i: number, madeAt: number, keptFor: number | null): LoanPrimitives {
  const out = MONDAY + madeAt;
  return {
    id: `L${String(i)}`,
    barcode: `copy-${String(i)}`,
    isbn: '9780262033848',
    memberId: 'M-PRIYA',
    status: keptFor === null ? 'OPEN' : 'RETURNED',
    checkedOutAt: new Date(out).toISOString(),
    dueAt: new Date(out + 10 * DAY_MS).toISOString(),
    returnedAt: keptFor === null ? null : new Date(out + keptFor).toISOString(),
    renewals: 0,
  };
}

const loans = fc
  .array(fc.tuple(fc.integer({ min: -DAY_MS, max: 2 * DAY_MS - 1 }), fc.option(fc.integer({ min: 0, max: DAY_MS }), { nil: null })), { maxLength: 60 })
  .map((made) => made.map(([at, kept], i) => loanAt(i, at, kept)));

const reportsOf = (rows: readonly LoanPrimitives[]): MemoryReports =>
  new MemoryReports({ loans: () => rows, openLoans: () => rows.filter((l) => l.status === 'OPEN'), heldCopies: () => [], activeReservations: () => [], payments: () => [] });

describe(MemoryReports.name, () => {
  describe('.activity', () => {
    describe('when loans are made and returned at any instant around a day', () => {
      it("should count each checkout and each return of the day once, in the bucket of its hour, and nothing outside the day", async () => {
        await fc.assert(
          fc.asyncProperty(loans, async (rows) => {
            const day = [new Date(MONDAY), new Date(MONDAY + DAY_MS)] as const;
            const counted = await reportsOf(rows).activity(day[0], day[1], 'hour');
            const inDay = (iso: string | null): iso is string => iso !== null && Date.parse(iso) >= MONDAY && Date.parse(iso) < MONDAY + DAY_MS;
            const hourOf = (iso: string): string => `${iso.slice(0, 13)}:00:00.000Z`;
            const expected = new Map<string, { checkouts: number; returns: number }>();
            for (const l of rows) {
              for (const [instant, kind] of [[l.checkedOutAt, 'checkouts'], [l.returnedAt, 'returns']] as const) {
                if (!inDay(instant)) continue;
                const bucket = expected.get(hourOf(instant)) ?? { checkouts: 0, returns: 0 };
                bucket[kind] += 1;
                expected.set(hourOf(instant), bucket);
              }
            }
            expect(counted).toEqual([...expected].sort(([a], [b]) => a.localeCompare(b)).map(([start, c]) => ({ start, ...c })));
          }),
        );
      });
    });
  });

  describe('.overdue', () => {
    describe('when open loans fall due at any instant', () => {
      it('should count exactly the open loans past due, and list them earliest due first', async () => {
        await fc.assert(
          fc.asyncProperty(loans, fc.integer({ min: 1, max: 80 }), async (rows, limit) => {
            const later = new Date(NOW.getTime() + 10 * DAY_MS);
            const { count, loans: listed } = await reportsOf(rows).overdue(later, limit);
            const due = rows.filter((l) => l.status === 'OPEN' && Date.parse(l.dueAt) < later.getTime());
            expect(count).toBe(due.length);
            expect(listed).toHaveLength(Math.min(limit, due.length));
            expect(listed.map((l) => l.dueAt)).toEqual([...listed.map((l) => l.dueAt)].sort());
          }),
        );
      });
    });
  });
});
