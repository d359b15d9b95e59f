import { describe, expect, it } from 'vitest';
import { ReservationError } from '../../src/domain/reservations/ReservationError.js';
import { assertUnderReservationLimit } from '../../src/domain/reservations/ReservationLimit.js';

describe('assertUnderReservationLimit', () => {
  describe('when the member holds fewer active reservations than the limit', () => {
    it('should let one more be placed', () => {
      expect(() => { assertUnderReservationLimit('priya', 4, 5); }).not.toThrow();
    });
  });

  describe('when the member already holds as many as the limit', () => {
    it('should refuse with RESERVATION_LIMIT_REACHED naming the member and the limit', () => {
      let caught: unknown;
      try {
        assertUnderReservationLimit('priya', 5, 5);
      } catch (error) {
        caught = error;
      }
      expect(ReservationError.is(caught)).toBe(true);
      expect(caught).toMatchObject({ code: 'RESERVATION_LIMIT_REACHED', details: { memberId: 'priya', limit: 5 } });
    });
  });
});
