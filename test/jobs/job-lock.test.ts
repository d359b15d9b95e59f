import { describe, expect, it } from 'vitest';
import { InMemoryJobLock } from '../../src/infrastructure/memory/InMemoryJobLock.js';
import { InMemoryStore } from '../../src/infrastructure/memory/InMemoryStore.js';
import { shelve } from '../fixtures/catalog.js';
import { aLibrary } from '../fixtures/library.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';

const { raj } = MemberFixtures;

describe(InMemoryJobLock, () => {
  describe('.runExclusive', () => {
    describe('when nobody holds the lock', () => {
      it('should run the work and answer its result', async () => {
        expect(await new InMemoryJobLock().runExclusive('jobs', () => Promise.resolve(42))).toBe(42);
      });
    });

    describe('when another holder has it', () => {
      it('should answer null without running the work, and run it again once the holder let go', async () => {
        const lock = new InMemoryJobLock();
        let ran = 0;
        const inner = await lock.runExclusive('jobs', () => lock.runExclusive('jobs', () => Promise.resolve(++ran)));
        expect([inner, ran]).toEqual([null, 0]);
        expect(await lock.runExclusive('other', () => Promise.resolve('another name is another lock'))).toBe('another name is another lock');
        expect(await lock.runExclusive('jobs', () => Promise.resolve(++ran))).toBe(1);
      });
    });

    describe('when the work fails', () => {
      it('should let go of the lock', async () => {
        const lock = new InMemoryJobLock();
        await expect(lock.runExclusive('jobs', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
        expect(await lock.runExclusive('jobs', () => Promise.resolve('free'))).toBe('free');
      });
    });
  });

  describe('behind two libraries on one in-memory store', () => {
    it('should let one round run and the other report that it skipped', async () => {
      const store = new InMemoryStore();
      const first = aLibrary('city', { store });
      const second = aLibrary('city', { store });
      await shelve(first.library, 'cormen', 1);
      await enrol(first.library, 'raj');
      await first.library.circulation.checkOut({ memberId: raj.id, barcode: 'cormen-1' });
      first.clock.set('2026-09-22T06:00:00.000Z');
      second.clock.set('2026-09-22T06:00:00.000Z');

      const reports = await Promise.all([first.library.runDueJobs(), second.library.runDueJobs()]);
      expect(reports.map((r) => [r.skipped, r.reminders.overdue])).toEqual([
        [false, 1],
        [true, 0],
      ]);
      expect((await second.library.runDueJobs()).skipped).toBe(false);
      expect(await first.library.notifications.list()).toHaveLength(1);
    });
  });
});
