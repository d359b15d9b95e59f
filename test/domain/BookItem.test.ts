import { describe, expect, it } from 'vitest';
import { BOOK_ITEM_TRANSITIONS, BookItem, isOnShelf, SHELVED_AS, SHELVED_STATUSES, type BookItemCommand, type BookItemStatus, type ShelvedStatus } from '../../src/domain/catalog/BookItem.js';
import { ValidationError } from '../../src/domain/shared/ShelfmarkError.js';
import { IllegalTransitionError, LendingError } from '../../src/domain/lending/LendingError.js';
import { BookFixtures } from '../fixtures/catalog.js';

const NOW = new Date('2026-09-07T09:00:00.000Z');
const PICKUP_BY = new Date('2026-09-08T09:00:00.000Z');

/** Copy fixtures: one per state, built through the state machine itself. */
const CopyFixtures = {
  available(options: { referenceOnly?: boolean } = {}): BookItem {
    const item = BookItem.shelve({ barcode: 'cormen-1', isbn: BookFixtures.cormen.isbn, branch: 'main', rack: '4-B', ...options }, NOW);
    item.pullEvents();
    return item;
  },
  reservedFor(memberId: string): BookItem {
    const item = CopyFixtures.available();
    item.holdFor(memberId, 'res-1', PICKUP_BY, NOW);
    item.pullEvents();
    return item;
  },
  loanedTo(memberId: string): BookItem {
    const item = CopyFixtures.available();
    item.checkOut(memberId, 'loan-1');
    item.pullEvents();
    return item;
  },
  lost(): BookItem {
    const item = CopyFixtures.available();
    item.markLost(NOW);
    item.pullEvents();
    return item;
  },
  /** Sent from its branch ("main") to the "east" hold shelf for Priya's hold res-1. */
  inTransit(): BookItem {
    const item = CopyFixtures.available();
    item.sendInTransit('east', { memberId: 'M-PRIYA', reservationId: 'res-1' }, NOW);
    item.pullEvents();
    return item;
  },
  after(build: () => BookItem, step: (item: BookItem) => void): BookItem {
    const item = build();
    step(item);
    item.pullEvents();
    return item;
  },
  inState(status: BookItemStatus): BookItem {
    const build: Record<BookItemStatus, () => BookItem> = {
      AVAILABLE: () => CopyFixtures.available(),
      RESERVED: () => CopyFixtures.reservedFor('M-PRIYA'),
      LOANED: () => CopyFixtures.loanedTo('M-PRIYA'),
      LOST: () => CopyFixtures.lost(),
      DAMAGED: () => CopyFixtures.after(() => CopyFixtures.available(), (i) => {
        i.markDamaged(NOW);
      }),
      IN_REPAIR: () => CopyFixtures.after(() => CopyFixtures.available(), (i) => {
        i.sendToRepair(NOW);
      }),
      MISSING: () => CopyFixtures.after(() => CopyFixtures.available(), (i) => {
        i.markMissing(NOW);
      }),
      IN_TRANSIT: () => CopyFixtures.inTransit(),
    };
    return build[status]();
  },
};

/** Runs a command the way a service would, for the member the copy is held for or lent to. */
const RUN: Record<BookItemCommand, (item: BookItem) => void> = {
  checkOut: (item) => {
    item.checkOut('M-PRIYA', 'loan-2');
  },
  checkIn: (item) => {
    item.checkIn();
  },
  holdFor: (item) => {
    item.holdFor('M-PRIYA', 'res-2', PICKUP_BY, NOW);
  },
  releaseHold: (item) => {
    item.releaseHold('EXPIRED', NOW);
  },
  markLost: (item) => {
    item.markLost(NOW);
  },
  markFound: (item) => {
    item.markFound(NOW);
  },
  checkInDamaged: (item) => {
    item.checkInDamaged(NOW);
  },
  markDamaged: (item) => {
    item.markDamaged(NOW);
  },
  sendToRepair: (item) => {
    item.sendToRepair(NOW);
  },
  returnFromRepair: (item) => {
    item.returnFromRepair(NOW);
  },
  markMissing: (item) => {
    item.markMissing(NOW);
  },
  sendInTransit: (item) => {
    item.sendInTransit('east', { memberId: 'M-PRIYA', reservationId: 'res-2' }, NOW);
  },
  receive: (item) => {
    item.receive('east', NOW);
  },
};

const STATES = Object.keys(BOOK_ITEM_TRANSITIONS) as BookItemStatus[];
const COMMANDS = Object.keys(RUN) as BookItemCommand[];

describe('BookItem', () => {
  describe('transition table', () => {
    for (const from of STATES) {
      for (const command of COMMANDS) {
        const to = (BOOK_ITEM_TRANSITIONS[from] as Partial<Record<BookItemCommand, BookItemStatus>>)[command];
        if (to) {
          it(`should move ${from} --${command}--> ${to}`, () => {
            const item = CopyFixtures.inState(from);
            expect(item.can(command)).toBe(true);
            RUN[command](item);
            expect(item.status).toBe(to);
          });
        } else {
          it(`should refuse ${command} from ${from} and stay ${from}`, () => {
            const item = CopyFixtures.inState(from);
            expect(item.can(command)).toBe(false);
            expect(() => {
              RUN[command](item);
            }).toThrow(IllegalTransitionError);
            expect(item.status).toBe(from);
            expect(item.pullEvents()).toEqual([]);
          });
        }
      }
    }
  });

  describe('.shelve', () => {
    const shelvedAs = (status: ShelvedStatus): BookItem => BookItem.shelve({ barcode: 'lessig-1', isbn: BookFixtures.cormen.isbn, branch: 'main', rack: '303.48 LES', status }, NOW);

    describe('when no state is given', () => {
      it('should put the copy on the shelf and record that it was added', () => {
        const item = BookItem.shelve({ barcode: 'lessig-1', isbn: BookFixtures.cormen.isbn, branch: 'main', rack: '303.48 LES' }, NOW);
        expect(item.status).toBe('AVAILABLE');
        expect(item.pullEvents().map((e) => e.name)).toEqual(['copy.added']);
      });
    });

    describe('when the copy arrives lost, missing or damaged (a catalogue brought from another system)', () => {
      const events: Record<ShelvedStatus, string[]> = {
        AVAILABLE: ['copy.added'],
        LOST: ['copy.added', 'copy.marked-lost'],
        MISSING: ['copy.added', 'copy.marked-missing'],
        DAMAGED: ['copy.added', 'copy.damaged'],
      };
      for (const status of SHELVED_STATUSES) {
        it(`should shelve it ${status} through the table's own command, each step recorded`, () => {
          const item = shelvedAs(status);
          expect(item.status).toBe(status);
          expect(item.pullEvents().map((e) => e.name)).toEqual(events[status]);
          const command = SHELVED_AS[status];
          if (command !== null) expect(BOOK_ITEM_TRANSITIONS.AVAILABLE[command]).toBe(status);
        });
      }
    });

    describe('when the state is one a copy cannot arrive in (out on loan, held)', () => {
      it('should refuse it with a ValidationError naming the field', () => {
        for (const status of ['LOANED', 'RESERVED', 'IN_TRANSIT', 'lost']) {
          expect(() => shelvedAs(status as ShelvedStatus)).toThrow(ValidationError);
        }
      });
    });
  });

  describe('.isOnShelf', () => {
    describe('when the copy is AVAILABLE and may leave the library', () => {
      it('should be on the shelf, as a copy and as primitives', () => {
        const item = CopyFixtures.available();
        expect(item.isOnShelf).toBe(true);
        expect(isOnShelf(item.toPrimitives())).toBe(true);
      });
    });

    describe('when the copy is AVAILABLE but reference-only', () => {
      it('should not be on the shelf: nobody may take it out or be offered it', () => {
        const item = CopyFixtures.available({ referenceOnly: true });
        expect(item.isOnShelf).toBe(false);
        expect(isOnShelf(item.toPrimitives())).toBe(false);
      });
    });

    for (const status of ['RESERVED', 'LOANED', 'LOST'] as const) {
      describe(`when the copy is ${status}`, () => {
        it('should not be on the shelf', () => {
          expect(CopyFixtures.inState(status).isOnShelf).toBe(false);
        });
      });
    }
  });

  describe('.checkOut', () => {
    describe('when the copy is on the shelf', () => {
      it('should lend it and record nothing itself: the loan records the checkout', () => {
        const item = CopyFixtures.available();
        item.checkOut('M-RAJ', 'loan-9');
        expect(item.status).toBe('LOANED');
        expect(item.borrowerId).toBe('M-RAJ');
        expect(item.loanId).toBe('loan-9');
        expect(item.pullEvents()).toEqual([]);
      });
    });

    describe('when the copy is held for another member', () => {
      it('should throw COPY_HELD_FOR_ANOTHER_MEMBER and keep the hold', () => {
        const item = CopyFixtures.reservedFor('M-PRIYA');
        expect(() => {
          item.checkOut('M-RAJ', 'loan-9');
        }).toThrow(expect.objectContaining({ code: 'COPY_HELD_FOR_ANOTHER_MEMBER' }) as Error);
        expect(item.status).toBe('RESERVED');
        expect(item.hold?.memberId).toBe('M-PRIYA');
      });
    });

    describe('when the copy is held for this member', () => {
      it('should lend it and clear the hold', () => {
        const item = CopyFixtures.reservedFor('M-PRIYA');
        item.checkOut('M-PRIYA', 'loan-9');
        expect(item.status).toBe('LOANED');
        expect(item.hold).toBeNull();
      });
    });

    describe('when the copy is reference-only', () => {
      it('should throw REFERENCE_ONLY: reference copies never leave', () => {
        const item = CopyFixtures.available({ referenceOnly: true });
        let error: unknown;
        try {
          item.checkOut('M-PRIYA', 'loan-9');
        } catch (e) {
          error = e;
        }
        expect(LendingError.is(error) && error.code).toBe('REFERENCE_ONLY');
        expect(item.status).toBe('AVAILABLE');
      });
    });
  });

  describe('.holdFor', () => {
    describe('when the copy is reference-only', () => {
      it('should refuse to put it on the hold shelf', () => {
        const item = CopyFixtures.available({ referenceOnly: true });
        expect(() => {
          item.holdFor('M-PRIYA', 'res-1', PICKUP_BY, NOW);
        }).toThrow(expect.objectContaining({ code: 'REFERENCE_ONLY' }) as Error);
      });
    });
  });

  describe('.isHoldExpired', () => {
    it('should be false before the deadline and true from the deadline on', () => {
      const item = CopyFixtures.reservedFor('M-PRIYA');
      expect(item.isHoldExpired(new Date(PICKUP_BY.getTime() - 1))).toBe(false);
      expect(item.isHoldExpired(PICKUP_BY)).toBe(true);
    });

    describe('when the policy keeps holds until collected', () => {
      it('should never expire', () => {
        const item = CopyFixtures.available();
        item.holdFor('M-PRIYA', 'res-1', null, NOW);
        expect(item.isHoldExpired(new Date('2100-01-01T00:00:00Z'))).toBe(false);
      });
    });
  });

  describe('.fromPrimitives', () => {
    it('should rehydrate silently: loading records no events', () => {
      const original = CopyFixtures.loanedTo('M-RAJ');
      const loaded = BookItem.fromPrimitives(original.toPrimitives(), 3);
      expect(loaded.toPrimitives()).toEqual(original.toPrimitives());
      expect(loaded.version).toBe(3);
      expect(loaded.pullEvents()).toEqual([]);
    });
  });
});
