import { describe, expect, it } from 'vitest';
import { IllegalTransitionError } from '../../src/domain/lending/LendingError.js';
import { Reservation, RESERVATION_TRANSITIONS, type ReservationCommand, type ReservationStatus } from '../../src/domain/reservations/Reservation.js';
import { ReservationQueue } from '../../src/domain/reservations/ReservationQueue.js';
import { ReservationError } from '../../src/domain/reservations/ReservationError.js';
import { BookFixtures } from '../fixtures/catalog.js';

const NOW = new Date('2026-09-07T09:00:00.000Z');
const LATER = new Date('2026-09-08T09:00:00.000Z');
const CORMEN = BookFixtures.cormen.isbn;

function reservationIn(status: ReservationStatus): Reservation {
  const r = Reservation.place({ id: 'res-1', isbn: CORMEN, memberId: 'M-PRIYA', sequence: 1 }, NOW);
  const path: Record<ReservationStatus, (r: Reservation) => void> = {
    WAITING: () => undefined,
    READY_FOR_PICKUP: (x) => {
      x.makeReady('cormen-1', LATER);
    },
    FULFILLED: (x) => {
      x.fulfil('cormen-1', NOW);
    },
    EXPIRED: (x) => {
      x.makeReady('cormen-1', LATER);
      x.expire(LATER);
    },
    CANCELLED: (x) => {
      x.cancel(NOW);
    },
    SUSPENDED: (x) => {
      x.suspend(null);
    },
    IN_TRANSIT: (x) => {
      x.route('cormen-1');
    },
    LAPSED: (x) => {
      x.lapse(LATER);
    },
  };
  path[status](r);
  return r;
}

const RUN: Record<ReservationCommand, (r: Reservation) => void> = {
  makeReady: (r) => {
    r.makeReady('cormen-2', LATER);
  },
  fulfil: (r) => {
    r.fulfil('cormen-2', NOW);
  },
  cancel: (r) => {
    r.cancel(NOW);
  },
  expire: (r) => {
    r.expire(LATER);
  },
  requeue: (r) => {
    r.requeue();
  },
  route: (r) => {
    r.route('cormen-2');
  },
  suspend: (r) => {
    r.suspend(LATER);
  },
  resume: (r) => {
    r.resume();
  },
  lapse: (r) => {
    r.lapse(LATER);
  },
};

describe('Reservation', () => {
  describe('transition table', () => {
    for (const from of Object.keys(RESERVATION_TRANSITIONS) as ReservationStatus[]) {
      for (const command of Object.keys(RUN) as ReservationCommand[]) {
        const to = (RESERVATION_TRANSITIONS[from] as Partial<Record<ReservationCommand, ReservationStatus>>)[command];
        if (to) {
          it(`should move ${from} --${command}--> ${to}`, () => {
            const r = reservationIn(from);
            expect(r.can(command)).toBe(true);
            RUN[command](r);
            expect(r.status).toBe(to);
          });
        } else {
          it(`should refuse ${command} from ${from}`, () => {
            const r = reservationIn(from);
            expect(r.can(command)).toBe(false);
            expect(() => {
              RUN[command](r);
            }).toThrow(IllegalTransitionError);
            expect(r.status).toBe(from);
          });
        }
      }
    }
  });
});

describe('ReservationQueue', () => {
  describe('.place', () => {
    it('should give 1-based positions in arrival order', () => {
      const queue = ReservationQueue.empty(CORMEN);
      expect(queue.place('res-1', 'M-PRIYA', NOW)).toBe(1);
      expect(queue.place('res-2', 'M-RAJ', NOW)).toBe(2);
      expect(queue.place('res-3', 'M-MEERA', NOW)).toBe(3);
      expect(queue.nextWaiting()?.memberId).toBe('M-PRIYA');
    });

    describe('when the member already has an active reservation for the title', () => {
      it('should throw ALREADY_RESERVED and leave the queue as it was', () => {
        const queue = ReservationQueue.empty(CORMEN);
        queue.place('res-1', 'M-PRIYA', NOW);
        const before = queue.toPrimitives();
        expect(() => queue.place('res-2', 'M-PRIYA', NOW)).toThrow(ReservationError);
        expect(queue.toPrimitives()).toEqual(before);
      });
    });

    describe('when the member reserved before and that reservation closed', () => {
      it('should let them join again, at the back', () => {
        const queue = ReservationQueue.empty(CORMEN);
        queue.place('res-1', 'M-PRIYA', NOW);
        queue.place('res-2', 'M-RAJ', NOW);
        queue.cancel('res-1', NOW);
        expect(queue.place('res-3', 'M-PRIYA', NOW)).toBe(2);
      });
    });
  });

  describe('.markReady', () => {
    it('should take the member out of the waiting line and shift the others up', () => {
      const queue = ReservationQueue.empty(CORMEN);
      queue.place('res-1', 'M-PRIYA', NOW);
      queue.place('res-2', 'M-RAJ', NOW);
      queue.markReady('res-1', 'cormen-1', LATER, NOW);
      expect(queue.positionOf('M-PRIYA')).toBeNull();
      expect(queue.positionOf('M-RAJ')).toBe(1);
      expect(queue.activeFor('M-PRIYA')?.status).toBe('READY_FOR_PICKUP');
    });
  });

  describe('.requeue', () => {
    it('should put a member whose held copy vanished back at their original place', () => {
      const queue = ReservationQueue.empty(CORMEN);
      queue.place('res-1', 'M-PRIYA', NOW);
      queue.place('res-2', 'M-RAJ', NOW);
      queue.markReady('res-1', 'cormen-1', LATER, NOW);
      queue.requeue('res-1', NOW);
      expect(queue.positionOf('M-PRIYA')).toBe(1);
      expect(queue.positionOf('M-RAJ')).toBe(2);
    });
  });

  describe('.cancel', () => {
    it('should return the held barcode when the reservation was ready, so the copy can pass on', () => {
      const queue = ReservationQueue.empty(CORMEN);
      queue.place('res-1', 'M-PRIYA', NOW);
      queue.markReady('res-1', 'cormen-1', LATER, NOW);
      expect(queue.cancel('res-1', NOW)).toBe('cormen-1');
    });

    it('should return null when the reservation was only waiting', () => {
      const queue = ReservationQueue.empty(CORMEN);
      queue.place('res-1', 'M-PRIYA', NOW);
      expect(queue.cancel('res-1', NOW)).toBeNull();
    });
  });
});
