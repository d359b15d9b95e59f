import { describe, expect, it } from 'vitest';
import { ChangeCursor } from '../../src/infrastructure/sql/ChangeCursor.js';

const GAP_MILLIS = 1000;

describe(ChangeCursor, () => {
  describe('.saw', () => {
    describe('when the numbers come in order', () => {
      it('should move past them and await nothing', () => {
        const cursor = new ChangeCursor(0, GAP_MILLIS);
        cursor.saw([1, 2, 3], 0);
        expect(cursor.after).toBe(3);
        expect(cursor.waitingFor).toEqual([]);
      });
    });

    describe('when a number is skipped (drawn by a commit not yet visible)', () => {
      it('should await it, and stop awaiting it once it appears', () => {
        const cursor = new ChangeCursor(0, GAP_MILLIS);
        cursor.saw([1, 3, 5], 0);
        expect(cursor.after).toBe(5);
        expect(cursor.waitingFor).toEqual([2, 4]);
        cursor.saw([4], 10);
        expect(cursor.waitingFor).toEqual([2]);
        expect(cursor.after).toBe(5);
      });
    });

    describe('when a gap stays unfilled for the gap time (a rolled-back write)', () => {
      it('should give it up', () => {
        const cursor = new ChangeCursor(0, GAP_MILLIS);
        cursor.saw([2], 0);
        cursor.saw([], GAP_MILLIS - 1);
        expect(cursor.waitingFor).toEqual([1]);
        cursor.saw([], GAP_MILLIS);
        expect(cursor.waitingFor).toEqual([]);
      });
    });

    describe('when the numbers jump further than a gap is awaited number by number', () => {
      it('should move past the jump without awaiting each number', () => {
        const cursor = new ChangeCursor(0, GAP_MILLIS);
        cursor.saw([ChangeCursor.MAX_GAP + 5], 0);
        expect(cursor.after).toBe(ChangeCursor.MAX_GAP + 5);
        expect(cursor.waitingFor).toEqual([]);
      });
    });

    describe('when a number at or below the cursor comes again', () => {
      it('should leave the cursor where it is', () => {
        const cursor = new ChangeCursor(10, GAP_MILLIS);
        cursor.saw([7, 10], 0);
        expect(cursor.after).toBe(10);
        expect(cursor.waitingFor).toEqual([]);
      });
    });
  });
});
