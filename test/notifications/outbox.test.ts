import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Delivery, NoticeChannel } from '../../src/application/ports/NoticeChannel.js';
import { InMemoryStore } from '../../src/infrastructure/memory/InMemoryStore.js';
import { RecordingChannel } from '../../src/infrastructure/notify/RecordingChannel.js';
import { FixedClock } from '../../src/infrastructure/system/FixedClock.js';
import { UuidGenerator } from '../../src/infrastructure/system/ids.js';
import { Library, type LibraryOptions } from '../../src/Library.js';
import { BookFixtures, shelve } from '../fixtures/catalog.js';
import { FlakyChannel, HangingChannel } from '../fixtures/channels.js';
import { aLibrary } from '../fixtures/library.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';

const { priya, raj } = MemberFixtures;
const CORMEN = BookFixtures.cormen.isbn;
const MINUTE = 60_000;

/** Raj has the only copy of Cormen; Priya waits for it. Returning it queues her "ready for pickup" notice. */
async function priyaWaitsForCormen(options: Partial<LibraryOptions> = {}) {
  const t = aLibrary('college', options);
  const [barcode] = await shelve(t.library, 'cormen', 1);
  await enrol(t.library, 'priya', 'raj');
  await t.library.circulation.checkOut({ memberId: raj.id, barcode: barcode! });
  await t.library.reservations.reserve({ memberId: priya.id, isbn: CORMEN });
  return { ...t, barcode: barcode! };
}

/** Lets the fixed clock pass the backoff, then lets the dispatcher run: one retry round. */
async function nextRetryRound(library: Library, clock: FixedClock): Promise<void> {
  clock.set(new Date(clock.now().getTime() + MINUTE));
  await library.idle();
}

describe('The notification outbox', () => {
  describe('when a return hands the copy to the next member', () => {
    it('should write the notice to the outbox in the same commit, before anything is sent', async () => {
      const { library, barcode } = await priyaWaitsForCormen({ notifications: { autoDispatch: false } });
      await library.circulation.returnCopy({ barcode });

      const [message, ...others] = await library.notifications.list({ memberId: priya.id });
      expect(others).toEqual([]);
      expect(message).toMatchObject({
        kind: 'reservation-ready',
        status: 'PENDING',
        attempts: 0,
        createdAt: '2026-09-07T09:00:00.000Z',
        payload: { medium: 'push', to: priya.id },
      });
      expect(message?.idempotencyKey).toMatch(/^reservation-ready:res-000001:cormen-1:.*\|push$/);
    });

    it('should deliver it once the dispatcher runs, and never again', async () => {
      const { library, barcode, notifier } = await priyaWaitsForCormen();
      await library.circulation.returnCopy({ barcode });
      await library.idle();
      await library.idle();

      const [notice] = notifier.notices({ kind: 'reservation-ready', memberId: priya.id });
      expect(notice).toMatchObject({ subject: '"Introduction to Algorithms" is ready for pickup' });
      expect(notice?.body).toContain('until 2026-09-08T09:00:00.000Z');
      expect(notifier.deliveries()).toHaveLength(1);
      expect(await library.notifications.list({ status: 'DELIVERED' })).toHaveLength(1);
    });

    it('should still publish the committed events to subscribers', async () => {
      const { library, barcode } = await priyaWaitsForCormen();
      const ready: string[] = [];
      library.events.on('reservation.ready-for-pickup', (e) => {
        ready.push(`${e.memberId} ${e.barcode} ${e.expiresAt ?? ''}`);
      });
      await library.circulation.returnCopy({ barcode });
      await library.idle();
      expect(ready).toEqual(['M-PRIYA cormen-1 2026-09-08T09:00:00.000Z']);
    });
  });

  describe('when the use case fails', () => {
    it('should queue nothing', async () => {
      const { library, barcode } = await priyaWaitsForCormen();
      await library.circulation.returnCopy({ barcode });
      const before = await library.notifications.list();

      await expect(library.circulation.checkOut({ memberId: raj.id, barcode })).rejects.toMatchObject({ code: 'COPY_HELD_FOR_ANOTHER_MEMBER' });
      await library.members.block({ memberId: raj.id, reason: 'lost three books' });
      await expect(library.members.block({ memberId: 'M-NOBODY', reason: 'x' })).rejects.toMatchObject({ code: 'MEMBER_NOT_FOUND' });

      const after = await library.notifications.list();
      expect(after.map((m) => m.kind)).toEqual([...before.map((m) => m.kind), 'member-blocked']);
    });
  });

  describe('when the channel fails 3 times, then succeeds', () => {
    it('should retry with exponential backoff and deliver exactly once', async () => {
      const channel = new FlakyChannel(3);
      const { library, clock, barcode } = await priyaWaitsForCormen({
        channels: [channel],
        notifications: { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: MINUTE },
      });
      await library.circulation.returnCopy({ barcode });
      await library.idle();

      const waits: number[] = [];
      for (let round = 0; round < 3; round++) {
        const [message] = await library.notifications.list({ status: 'PENDING' });
        waits.push(Date.parse(message!.nextAttemptAt) - clock.now().getTime());
        await nextRetryRound(library, clock);
      }
      await nextRetryRound(library, clock);

      expect(waits).toEqual([1_000, 2_000, 4_000]);
      expect(channel.attempts).toBe(4);
      expect(channel.recorded.notices({ memberId: priya.id })).toHaveLength(1);
      const [delivered] = await library.notifications.list({ memberId: priya.id });
      expect(delivered).toMatchObject({ status: 'DELIVERED', attempts: 4, lastError: null });
    });
  });

  describe('when the channel always fails', () => {
    it('should dead-letter the notice after the last attempt and leave the return intact', async () => {
      const channel = new FlakyChannel(Number.POSITIVE_INFINITY);
      const { library, clock, barcode } = await priyaWaitsForCormen({
        channels: [channel],
        notifications: { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: MINUTE },
      });
      const receipt = await library.circulation.returnCopy({ barcode });
      await library.idle();
      for (let round = 0; round < 5; round++) await nextRetryRound(library, clock);

      expect(channel.attempts).toBe(3);
      const [dead, ...more] = await library.notifications.deadLetters();
      expect(more).toEqual([]);
      expect(dead).toMatchObject({ kind: 'reservation-ready', memberId: priya.id, status: 'DEAD', attempts: 3, lastError: 'Error: provider unavailable' });

      expect(receipt.heldFor).toMatchObject({ memberId: priya.id });
      expect(await library.catalog.getCopy(barcode)).toMatchObject({ status: 'RESERVED', heldFor: priya.id });
      expect(await library.members.loans(raj.id)).toEqual([]);
      expect(await library.reservations.queueFor(CORMEN)).toMatchObject([{ memberId: priya.id, status: 'READY_FOR_PICKUP' }]);
    });
  });

  describe('when the channel hangs', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('should not slow the return, and should time the attempt out, give the channel its abort grace, and retry later', async () => {
      // Only the attempt's timer is faked: the test moves it, so nothing here depends on how fast the machine is.
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const channel = new HangingChannel();
      const { library, barcode } = await priyaWaitsForCormen({ channels: [channel], notifications: { attemptTimeoutMs: 300 } });

      const receipt = await library.circulation.returnCopy({ barcode });
      expect(receipt.heldFor).toMatchObject({ memberId: priya.id });
      await channel.attempted;
      expect(channel).toMatchObject({ attempts: 1, aborted: 0 });

      const settled = library.idle();
      await vi.advanceTimersByTimeAsync(299);
      expect(channel.aborted).toBe(0);
      expect((await library.notifications.list())[0]).toMatchObject({ status: 'PENDING', attempts: 0 });
      await vi.advanceTimersByTimeAsync(1);
      expect(channel.aborted).toBe(1);
      await vi.advanceTimersByTimeAsync(29); // the abort grace is a tenth of the attempt timeout
      expect((await library.notifications.list())[0]).toMatchObject({ status: 'PENDING', attempts: 0 });
      await vi.advanceTimersByTimeAsync(1);
      await settled;

      expect(channel).toMatchObject({ attempts: 1, aborted: 1 });
      const [message] = await library.notifications.list();
      expect(message).toMatchObject({ status: 'PENDING', attempts: 1, lastError: 'Error: attempt timed out after 300 ms' });
    });
  });

  describe('when a send went through but its acknowledgement was lost', () => {
    it('should send the retry with the same idempotency key, so the channel keeps one copy', async () => {
      const provider = new RecordingChannel();
      let acks = 0;
      const losesFirstAck: NoticeChannel = {
        medium: '*',
        async send(delivery: Delivery): Promise<void> {
          await provider.send(delivery);
          if (acks++ === 0) throw new Error('connection reset after send');
        },
      };
      const { library, clock, barcode } = await priyaWaitsForCormen({ channels: [losesFirstAck], notifications: { baseDelayMs: 1_000 } });
      await library.circulation.returnCopy({ barcode });
      await library.idle();
      await nextRetryRound(library, clock);

      expect(acks).toBe(2);
      expect(provider.notices()).toHaveLength(1);
      expect((await library.notifications.list())[0]).toMatchObject({ status: 'DELIVERED', attempts: 2 });
    });
  });

  describe('when no channel serves the medium the member chose', () => {
    it('should dead-letter the notice at once', async () => {
      const emailOnly = new RecordingChannel({ medium: 'email' });
      const { library, barcode } = await priyaWaitsForCormen({ channels: [emailOnly] });
      await library.members.register({ id: 'M-SAM', name: 'Sam', contact: { phone: '+15550100', channels: ['sms'] } });
      await library.reservations.reserve({ memberId: 'M-SAM', isbn: CORMEN });
      await library.circulation.returnCopy({ barcode });
      await library.circulation.checkOut({ memberId: priya.id, barcode });
      await library.circulation.returnCopy({ barcode });
      await library.idle();

      const dead = (await library.notifications.deadLetters()).filter((m) => m.memberId === 'M-SAM');
      expect(dead).toMatchObject([{ kind: 'reservation-ready', attempts: 1, lastError: 'UndeliverableNotice: no channel serves sms' }]);
      expect(emailOnly.notices()).toEqual([]);
    });
  });

  describe('when the process crashes between the commit and the send', () => {
    it('should lose nothing: a new dispatcher on the same store delivers it', async () => {
      const store = new InMemoryStore();
      const { library: before, clock, barcode } = await priyaWaitsForCormen({ store, notifications: { autoDispatch: false } });
      await before.circulation.returnCopy({ barcode });
      // the process dies here: committed, nothing sent, the dispatcher is gone

      const channel = new RecordingChannel();
      const after = Library.create({ store, clock, ids: new UuidGenerator(), channels: [channel] });
      expect(await after.notifications.dispatch()).toEqual({ delivered: 1, retrying: 0, dead: 0, unconfirmed: 0 });
      expect(channel.notices({ kind: 'reservation-ready', memberId: priya.id })).toHaveLength(1);
      expect(await after.notifications.dispatch()).toEqual({ delivered: 0, retrying: 0, dead: 0, unconfirmed: 0 });
    });

    it('should redeliver a message claimed by a dispatcher that died, once its lease runs out', async () => {
      const store = new InMemoryStore();
      const { library: before, clock, barcode } = await priyaWaitsForCormen({ store, notifications: { autoDispatch: false } });
      await before.circulation.returnCopy({ barcode });
      const now = clock.now();
      expect(await store.outbox.claimDue(now, 10, new Date(now.getTime() + MINUTE))).toHaveLength(1); // claimed, then the process died

      const channel = new RecordingChannel();
      const after = Library.create({ store, clock, ids: new UuidGenerator(), channels: [channel] });
      expect((await after.notifications.dispatch()).delivered).toBe(0);
      clock.set(new Date(now.getTime() + MINUTE));
      expect((await after.notifications.dispatch()).delivered).toBe(1);
      expect(channel.notices()).toHaveLength(1);
    });
  });

  describe('options', () => {
    it('should refuse a lease no longer than the attempt timeout', () => {
      expect(() => aLibrary('college', { notifications: { attemptTimeoutMs: 5_000, leaseMs: 5_000 } })).toThrow(/leaseMs must be longer/);
    });
  });
});
