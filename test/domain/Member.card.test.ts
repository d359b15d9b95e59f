import { describe, expect, it } from 'vitest';
import { cardExpiryNoticeDue } from '../../src/domain/members/CardExpiry.js';
import { Member } from '../../src/domain/members/Member.js';

const NOW = new Date('2026-09-07T09:00:00.000Z');
const days = (n: number): Date => new Date(NOW.getTime() + n * 86_400_000);
const priya = (cardExpiresAt: Date | null = days(10)): Member => Member.register({ id: 'M-PRIYA', name: 'Priya', cardExpiresAt }, NOW);

describe('Member', () => {
  describe('.isCardExpired', () => {
    it('should be false before the expiry instant and true from it on', () => {
      const member = priya();
      expect([member.isCardExpired(days(9)), member.isCardExpired(days(10)), member.isCardExpired(days(11))]).toEqual([false, true, true]);
    });

    it('should never be true for a card without an expiry', () => {
      expect(priya(null).isCardExpired(days(10_000))).toBe(false);
    });
  });

  describe('.renewCard', () => {
    describe('when the new expiry is in the future', () => {
      it('should move the expiry and record member.card-renewed with both dates', () => {
        const member = priya();
        member.pullEvents();
        member.renewCard(days(400), days(12));
        expect(member.isCardExpired(days(12))).toBe(false);
        expect(member.pullEvents()).toMatchObject([{ name: 'member.card-renewed', previousExpiresAt: days(10).toISOString(), expiresAt: days(400).toISOString() }]);
      });
    });

    describe('when the new expiry is not in the future', () => {
      it('should refuse with INVALID_INPUT and keep the old expiry', () => {
        const member = priya();
        expect(() => {
          member.renewCard(days(12), days(12));
        }).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }) as Error);
        expect(member.cardExpiresAt).toEqual(days(10));
      });
    });
  });

  describe('.fromPrimitives', () => {
    it('should read a record written before card expiry existed as a card that never expires', () => {
      const older = { ...priya().toPrimitives() };
      delete older.cardExpiresAt;
      expect(Member.fromPrimitives(older, 1).cardExpiresAt).toBeNull();
    });
  });
});

describe('cardExpiryNoticeDue', () => {
  it('should be due within the notice period only, and never for an expired or unending card', () => {
    const member = priya();
    expect(cardExpiryNoticeDue(member, 7, days(2))).toBeNull();
    expect(cardExpiryNoticeDue(member, 7, days(3))).toMatchObject({ name: 'member.card-expiring', memberId: 'M-PRIYA', expiresAt: days(10).toISOString(), daysLeft: 7 });
    expect(cardExpiryNoticeDue(member, 7, days(10))).toBeNull();
    expect(cardExpiryNoticeDue(priya(null), 7, days(3))).toBeNull();
  });
});
