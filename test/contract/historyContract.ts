import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/application/ports/Store.js';
import { Book } from '../../src/domain/catalog/Book.js';
import { FineLedger } from '../../src/domain/fines/FineLedger.js';
import { Member } from '../../src/domain/members/Member.js';
import { ReservationQueue } from '../../src/domain/reservations/ReservationQueue.js';
import { Money } from '../../src/domain/shared/Money.js';
import { BookFixtures } from '../fixtures/catalog.js';
import { MONDAY_MORNING } from '../fixtures/library.js';
import { MemberFixtures } from '../fixtures/members.js';
import type { StoreHarness } from './storeContract.js';

const NOW = new Date(MONDAY_MORNING);
const CORMEN = BookFixtures.cormen.isbn;
const { priya } = MemberFixtures;
const READERS = ['R1', 'R2', 'R3', 'R4', 'R5'] as const;
const at = (step: number): Date => new Date(NOW.getTime() + step * 60_000);

type LedgerCommand = { kind: 'assess'; amount: number } | { kind: 'pay'; share: number } | { kind: 'waive'; pick: number };
const ledgerCommand: fc.Arbitrary<LedgerCommand> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('assess' as const), amount: fc.integer({ min: 1, max: 2_000 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('pay' as const), share: fc.double({ min: 0.05, max: 1, noNaN: true }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('waive' as const), pick: fc.nat(20) }) },
);

type QueueCommand = { kind: 'place'; reader: number } | { kind: 'ready'; barcode: number } | { kind: 'fulfil'; pick: number } | { kind: 'cancel'; pick: number };
const queueCommand: fc.Arbitrary<QueueCommand> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('place' as const), reader: fc.nat(READERS.length - 1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('ready' as const), barcode: fc.nat(3) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('fulfil' as const), pick: fc.nat(10) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat(10) }) },
);

/** Applies one command to a ledger; the same command on the same state does the same thing to any copy of it. */
function applyToLedger(ledger: FineLedger, command: LedgerCommand, step: number): void {
  const open = ledger.fines.filter((f) => f.status === 'OPEN');
  if (command.kind === 'assess') {
    ledger.assess({ fineId: `F${String(step)}`, loanId: `L${String(step)}`, barcode: 'cormen-1', reason: 'OVERDUE', amount: Money.of(command.amount, 'INR') }, at(step));
  } else if (command.kind === 'pay') {
    const amount = Math.max(1, Math.floor(ledger.balance().amount * command.share));
    if (ledger.balance().amount > 0) ledger.pay({ paymentId: `P${String(step)}`, amount: Money.of(amount, 'INR'), method: 'cash' }, at(step));
  } else {
    const fine = open[command.pick % Math.max(1, open.length)];
    if (fine) ledger.waive(fine.id, 'goodwill', at(step));
  }
}

function applyToQueue(queue: ReservationQueue, command: QueueCommand, step: number): void {
  const active = queue.active();
  const waiting = active.filter((r) => r.status === 'WAITING');
  const ready = active.filter((r) => r.status === 'READY_FOR_PICKUP');
  if (command.kind === 'place') {
    const reader = READERS[command.reader]!;
    if (!queue.activeFor(reader)) queue.place(`Q${String(step)}`, reader, at(step));
  } else if (command.kind === 'ready') {
    const next = queue.nextWaiting('PRINT');
    if (next) queue.markReady(next.id, `cormen-${String(command.barcode)}`, at(step + 60), at(step));
  } else if (command.kind === 'fulfil') {
    const r = ready[command.pick % Math.max(1, ready.length)];
    if (r) queue.fulfil(r.id, r.barcode ?? '', at(step));
  } else {
    const r = waiting[command.pick % Math.max(1, waiting.length)];
    if (r) queue.cancel(r.id, at(step));
  }
}

/**
 * The bounded reads decide as the whole history does: a ledger read for a decision (balance and open fines) and a
 * queue read as its active reservations give the same balance, the same payment allocations and the same queue order
 * as the same commands applied to a ledger and a queue that kept everything.
 */
export function historyContract(adapter: string, harness: StoreHarness): void {
  describe(`History contract: ${adapter}`, () => {
    describe('FineLedgerRepository.forMember', () => {
      it('should give the balance, open fines and payment allocations that the whole history gives', async () => {
        await fc.assert(
          fc.asyncProperty(fc.array(ledgerCommand, { minLength: 1, maxLength: 12 }), async (commands) => {
            const store: Store = await harness.fresh();
            await store.transaction((tx) => tx.members.save(Member.register(priya, NOW)));
            const whole = FineLedger.open(priya.id, 'INR');
            for (const [step, command] of commands.entries()) {
              applyToLedger(whole, command, step);
              await store.transaction(async (tx) => {
                const ledger = await tx.ledgers.forMember(priya.id, 'INR');
                applyToLedger(ledger, command, step);
                await tx.ledgers.save(ledger);
              });
            }
            const { value } = await store.transaction(async (tx) => ({ decision: await tx.ledgers.forMember(priya.id, 'INR'), statement: await tx.ledgers.statementFor(priya.id, 'INR') }));
            const expected = whole.toPrimitives();
            const openOf = (l: FineLedger) => l.fines.filter((f) => f.status === 'OPEN');
            expect(value.decision.balance().amount).toBe(whole.balance().amount);
            expect(value.decision.balance().amount).toBe(openOf(whole).reduce((sum, f) => sum + f.outstanding, 0));
            expect(openOf(value.decision)).toEqual(openOf(whole));
            expect(value.statement.fines).toEqual(expected.fines);
            expect(value.statement.payments).toEqual(expected.payments);
          }),
          { numRuns: 12 },
        );
      });
    });

    describe('ReservationQueueRepository.forTitle', () => {
      it('should give the active reservations, the queue order and the places that the whole history gives', async () => {
        await fc.assert(
          fc.asyncProperty(fc.array(queueCommand, { minLength: 1, maxLength: 16 }), async (commands) => {
            const store: Store = await harness.fresh();
            await store.transaction(async (tx) => {
              await tx.books.save(Book.catalogue(BookFixtures.cormen, NOW));
              for (const id of READERS) await tx.members.save(Member.register({ ...priya, id, name: id }, NOW));
            });
            const whole = ReservationQueue.empty(CORMEN);
            for (const [step, command] of commands.entries()) {
              applyToQueue(whole, command, step);
              await store.transaction(async (tx) => {
                const queue = await tx.reservations.forTitle(CORMEN);
                applyToQueue(queue, command, step);
                await tx.reservations.save(queue);
              });
            }
            const { value: queue } = await store.transaction((tx) => tx.reservations.forTitle(CORMEN));
            const places = (q: ReservationQueue) => READERS.map((id) => q.positionOf(id));
            expect(queue.active().map((r) => r.toPrimitives())).toEqual(whole.active().map((r) => r.toPrimitives()));
            expect(places(queue)).toEqual(places(whole));
            expect(queue.nextWaiting('PRINT')?.id ?? null).toBe(whole.nextWaiting('PRINT')?.id ?? null);
            expect(queue.toPrimitives().nextSequence).toBe(whole.toPrimitives().nextSequence);
          }),
          { numRuns: 12 },
        );
      });
    });
  });
}
