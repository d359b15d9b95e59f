import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CopyCounts } from '../../../src/application/search/CopyCounts.js';
import { BookItem, type BookItemCommand } from '../../../src/domain/catalog/BookItem.js';

const NOW = new Date('2026-09-07T09:00:00Z');
const TITLES = ['9780262033848', '9780321573513', '9780132350884'] as const;
const BRANCHES = ['main', 'east'] as const;
const BARCODES = ['c-1', 'c-2', 'c-3', 'c-4', 'c-5', 'c-6'] as const;

/** One change to one copy: shelved (with a title, branch and reference flag), a command of its state machine, or removed. */
type Step =
  | { readonly kind: 'shelve'; readonly barcode: string; readonly isbn: string; readonly branch: string; readonly referenceOnly: boolean }
  | { readonly kind: 'command'; readonly barcode: string; readonly command: BookItemCommand }
  | { readonly kind: 'remove'; readonly barcode: string };

const barcode = fc.constantFrom(...BARCODES);
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('shelve' as const), barcode, isbn: fc.constantFrom(...TITLES), branch: fc.constantFrom(...BRANCHES), referenceOnly: fc.boolean() }),
  fc.record({ kind: fc.constant('command' as const), barcode, command: fc.constantFrom<BookItemCommand>('checkOut', 'checkIn', 'holdFor', 'releaseHold', 'markLost', 'markFound') }),
  fc.record({
    kind: fc.constant('command' as const),
    barcode,
    command: fc.constantFrom<BookItemCommand>('checkInDamaged', 'markDamaged', 'sendToRepair', 'returnFromRepair', 'markMissing', 'sendInTransit', 'receive'),
  }),
  fc.record({ kind: fc.constant('command' as const), barcode, command: fc.constantFrom<BookItemCommand>('checkOut', 'checkIn', 'holdFor', 'releaseHold') }),
  fc.record({ kind: fc.constant('remove' as const), barcode }),
);

/** Runs a command the copy's state allows (through its own transition table); others leave it as it is. */
function run(copy: BookItem, command: BookItemCommand): void {
  if (!copy.can(command)) return;
  const actions: Record<BookItemCommand, () => void> = {
    checkOut: () => { copy.checkOut('priya', `loan-${copy.barcode}`); },
    checkIn: () => { copy.checkIn(); },
    holdFor: () => { copy.holdFor('raj', `res-${copy.barcode}`, null, NOW); },
    releaseHold: () => { copy.releaseHold('CANCELLED', NOW); },
    markLost: () => { copy.markLost(NOW); },
    markFound: () => { copy.markFound(NOW); },
    checkInDamaged: () => { copy.checkInDamaged(NOW); },
    markDamaged: () => { copy.markDamaged(NOW); },
    sendToRepair: () => { copy.sendToRepair(NOW); },
    returnFromRepair: () => { copy.returnFromRepair(NOW); },
    markMissing: () => { copy.markMissing(NOW); },
    sendInTransit: () => { copy.sendInTransit('east', { memberId: 'raj', reservationId: `res-${copy.barcode}` }, NOW); },
    receive: () => { copy.receive('east', NOW); },
  };
  try {
    actions[command]();
  } catch {
    // a reference copy refuses loans and holds: its state stays
  }
}

describe(CopyCounts, () => {
  describe('.apply', () => {
    describe('when copies are shelved, lent, held, returned, lost, found and removed in any order, each change told once or twice', () => {
      it('should always give each title the counts a recount of its copies gives', () => {
        fc.assert(
          fc.property(fc.array(fc.tuple(step, fc.boolean()), { maxLength: 60 }), (steps) => {
            const copies = new Map<string, BookItem>();
            const counts = new CopyCounts();
            for (const [s, twice] of steps) {
              if (s.kind === 'shelve') {
                if (!copies.has(s.barcode)) copies.set(s.barcode, BookItem.shelve({ barcode: s.barcode, isbn: s.isbn, branch: s.branch, rack: 'A-1', referenceOnly: s.referenceOnly }, NOW));
              } else if (s.kind === 'remove') copies.delete(s.barcode);
              else {
                const copy = copies.get(s.barcode);
                if (copy) run(copy, s.command);
              }
              const now = copies.get(s.barcode)?.toPrimitives() ?? null;
              for (let i = 0; i < (twice ? 2 : 1); i++) counts.apply(s.barcode, now);
              for (const isbn of TITLES) {
                const recount = CopyCounts.recount([...copies.values()].map((c) => c.toPrimitives()).filter((c) => c.isbn === isbn));
                expect(counts.of(isbn)).toEqual(recount);
              }
            }
            expect(counts.size).toBe(copies.size);
          }),
          { numRuns: 300 },
        );
      });
    });

    describe('when a copy the counts never saw is told as gone', () => {
      it('should change no title', () => {
        const counts = new CopyCounts();
        expect(counts.apply('c-9', null)).toEqual([]);
        expect(counts.of(TITLES[0])).toEqual({ available: 0, byBranch: {}, lendable: 0 });
      });
    });
  });
});
