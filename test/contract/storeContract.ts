import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/application/ports/Store.js';
import { StoreError } from '../../src/application/StoreError.js';
import { Book } from '../../src/domain/catalog/Book.js';
import { BookItem, mayMeetHold } from '../../src/domain/catalog/BookItem.js';
import { Branch } from '../../src/domain/catalog/Branch.js';
import { DigitalCopy, type DigitalCopyDescription } from '../../src/domain/digital/DigitalCopy.js';
import { DigitalLoan } from '../../src/domain/digital/DigitalLoan.js';
import { Loan } from '../../src/domain/lending/Loan.js';
import { Member } from '../../src/domain/members/Member.js';
import { Money } from '../../src/domain/shared/Money.js';
import { BookFixtures } from '../fixtures/catalog.js';
import { DigitalCopyFixtures } from '../fixtures/digital.js';
import { MONDAY_MORNING } from '../fixtures/library.js';
import { MemberFixtures } from '../fixtures/members.js';

export interface StoreHarness {
  /** The store under test, holding no data. Called before every test. */
  readonly fresh: () => Promise<Store>;
}

const NOW = new Date(MONDAY_MORNING);
const DAY = 86_400_000;
const CORMEN = BookFixtures.cormen;
const { priya, raj, meera } = MemberFixtures;
const later = (days: number): Date => new Date(NOW.getTime() + days * DAY);

const copy = (n: number, isbn: string = CORMEN.isbn): BookItem =>
  BookItem.shelve({ barcode: `cormen-${n}`, isbn, branch: 'main', rack: '4-B', replacementPrice: Money.of(4500, 'INR') }, NOW);

const BRANCHES = ['main', 'east'] as const;

const isConflict = (e: unknown): boolean => StoreError.isConflict(e);

const pool = (description: DigitalCopyDescription): DigitalCopy => DigitalCopy.acquire(description, NOW);

/** An e-loan of `copy` to `memberId`, borrowed `daysAfter` days from now and due 14 days later. */
const eLoan = (id: string, copy: DigitalCopy, memberId: string, daysAfter = 0, tokenId: string | null = `token-${id}`): DigitalLoan =>
  DigitalLoan.begin(
    { id, copyId: copy.copyId, isbn: copy.isbn, memberId, format: copy.format, dueAt: later(daysAfter + 14), tokenId, countsTowardLimit: copy.countsTowardLoanLimit },
    later(daysAfter),
  );

/**
 * The repository contract every Store adapter honours (in-memory, PGlite, PostgreSQL server):
 * round trips, read-your-writes, optimistic versions, atomic commit and rollback, events, outbox and audit.
 */
export function storeContract(adapter: string, harness: StoreHarness): void {
  describe(`Store contract: ${adapter}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await harness.fresh();
      // Copies belong to a registered branch (on SQL a foreign key): the branches every test shelves at.
      await store.transaction(async (tx) => {
        for (const id of BRANCHES) await tx.branches.save(Branch.register({ id }, NOW));
      });
    });

    /** Catalogues Cormen with `copies` copies and registers Priya, Raj and Meera. */
    async function seed(copies = 1): Promise<void> {
      await store.transaction(async (tx) => {
        await tx.books.save(Book.catalogue(CORMEN, NOW));
        for (let n = 1; n <= copies; n++) await tx.items.save(copy(n));
        for (const m of [priya, raj, meera]) await tx.members.save(Member.register(m, NOW));
      });
    }

    /** `seed()`, then the Cormen EPUB pool (3 licenses, none lent). */
    async function seedEpub(): Promise<DigitalCopy> {
      await seed();
      const epub = pool(DigitalCopyFixtures.cormenEpub);
      await store.transaction((tx) => tx.digitalCopies.save(epub));
      return epub;
    }

    /** `seedEpub()`, then Priya's loan E1 of it, whose token is `token-E1`. */
    async function seedLoan(): Promise<void> {
      const epub = await seedEpub();
      await store.transaction((tx) => tx.digitalLoans.save(eLoan('E1', epub, priya.id)));
    }

    describe('.transaction', () => {
      describe('when work saves aggregates', () => {
        it('should store them and hand back their events in save order', async () => {
          const { events } = await store.transaction(async (tx) => {
            await tx.books.save(Book.catalogue(CORMEN, NOW));
            await tx.items.save(copy(1));
          });
          expect(events.map((e) => e.name)).toEqual(['book.added', 'copy.added']);
          const { value } = await store.transaction(async (tx) => ({ book: await tx.books.get(CORMEN.isbn), item: await tx.items.get('cormen-1') }));
          expect(value.book?.toPrimitives()).toEqual(Book.catalogue(CORMEN, NOW).toPrimitives());
          expect(value.item?.toPrimitives()).toEqual(copy(1).toPrimitives());
        });
      });

      describe('when work reads what it wrote', () => {
        it('should see its own writes before commit', async () => {
          await seed();
          await store.transaction(async (tx) => {
            const item = (await tx.items.get('cormen-1'))!;
            const loan = Loan.open({ id: 'L1', barcode: item.barcode, isbn: item.isbn, memberId: priya.id, dueAt: later(10) }, NOW);
            item.checkOut(priya.id, loan.id);
            await tx.items.save(item);
            await tx.loans.save(loan);
            expect((await tx.items.get('cormen-1'))?.status).toBe('LOANED');
            expect((await tx.loans.openForCopy('cormen-1'))?.id).toBe('L1');
            expect((await tx.loans.openForMember(priya.id)).map((l) => l.id)).toEqual(['L1']);
          });
        });

        it('should accept the same aggregate saved twice', async () => {
          await seed();
          await store.transaction(async (tx) => {
            const member = (await tx.members.get(priya.id))!;
            member.recordClaimReturned();
            await tx.members.save(member);
            member.recordClaimReturned();
            await tx.members.save(member);
          });
          const { value } = await store.transaction(async (tx) => tx.members.get(priya.id));
          expect(value?.claimsReturnedCount).toBe(2);
        });
      });

      describe('when work throws', () => {
        it('should roll back every write and rethrow', async () => {
          const failure = new Error('the desk lost power');
          await expect(
            store.transaction(async (tx) => {
              await tx.books.save(Book.catalogue(CORMEN, NOW));
              await tx.outbox.enqueue({ id: 'N1', idempotencyKey: 'k1', kind: 'reservation-ready', memberId: priya.id, payload: {}, createdAt: MONDAY_MORNING });
              throw failure;
            }),
          ).rejects.toBe(failure);
          const { value } = await store.transaction((tx) => tx.books.get(CORMEN.isbn));
          expect(value).toBeNull();
          expect(await store.outbox.list()).toEqual([]);
        });
      });

      describe('when another transaction saved the aggregate first', () => {
        it('should fail with CONCURRENT_MODIFICATION and write nothing', async () => {
          await seed();
          const stale = (await store.transaction((tx) => tx.members.get(priya.id))).value!;
          await store.transaction(async (tx) => {
            const fresh = (await tx.members.get(priya.id))!;
            fresh.block('lost card', NOW);
            await tx.members.save(fresh);
          });
          stale.recordClaimReturned();
          const attempt = store.transaction(async (tx) => {
            await tx.books.save(Book.catalogue(BookFixtures.cleanCode, NOW));
            await tx.members.save(stale);
          });
          await expect(attempt).rejects.toSatisfy(isConflict);
          const { value } = await store.transaction(async (tx) => ({ member: await tx.members.get(priya.id), other: await tx.books.get(BookFixtures.cleanCode.isbn) }));
          expect(value.member?.toPrimitives()).toMatchObject({ status: 'BLOCKED', claimsReturnedCount: 0 });
          expect(value.other).toBeNull();
        });
      });

      describe('when two transactions create the same aggregate', () => {
        it('should let the first commit and fail the second with CONCURRENT_MODIFICATION', async () => {
          await store.transaction((tx) => tx.members.save(Member.register(priya, NOW)));
          await expect(store.transaction((tx) => tx.members.save(Member.register(priya, NOW)))).rejects.toSatisfy(isConflict);
        });
      });

      describe('when a hook runs before commit', () => {
        it('should see every recorded event and write in the same transaction', async () => {
          const seen: string[] = [];
          await store.transaction((tx) => tx.books.save(Book.catalogue(CORMEN, NOW)), {
            beforeCommit: async (tx, events) => {
              seen.push(...events.map((e) => e.name));
              await tx.audit.append({ id: 'A1', at: MONDAY_MORNING, actor: 'desk', action: 'book.added', memberId: null, barcode: null, isbn: CORMEN.isbn, data: { title: CORMEN.title } });
            },
          });
          expect(seen).toEqual(['book.added']);
          expect(await store.audit.query({ isbn: CORMEN.isbn })).toEqual([
            { id: 'A1', at: MONDAY_MORNING, actor: 'desk', action: 'book.added', memberId: null, barcode: null, isbn: CORMEN.isbn, data: { title: CORMEN.title } },
          ]);
        });
      });
    });

    describe('.books', () => {
      describe('.findByTitle and .findByAuthor', () => {
        it('should match ignoring case', async () => {
          await seed();
          const { value } = await store.transaction(async (tx) => ({
            byTitle: await tx.books.findByTitle('introduction to ALGORITHMS'),
            byAuthor: await tx.books.findByAuthor('ronald l. rivest'),
            none: await tx.books.findByAuthor('Knuth'),
          }));
          expect(value.byTitle.map((b) => b.isbn)).toEqual([CORMEN.isbn]);
          expect(value.byAuthor.map((b) => b.isbn)).toEqual([CORMEN.isbn]);
          expect(value.none).toEqual([]);
        });
      });

      describe('.delete', () => {
        it('should remove the book', async () => {
          await store.transaction((tx) => tx.books.save(Book.catalogue(CORMEN, NOW)));
          await store.transaction(async (tx) => tx.books.delete((await tx.books.get(CORMEN.isbn))!));
          expect((await store.transaction((tx) => tx.books.get(CORMEN.isbn))).value).toBeNull();
        });
      });
    });

    describe('.items', () => {
      describe('.listByIsbn', () => {
        it('should list the copies of a title by barcode', async () => {
          await seed(3);
          const { value } = await store.transaction((tx) => tx.items.listByIsbn(CORMEN.isbn));
          expect(value.map((i) => i.barcode)).toEqual(['cormen-1', 'cormen-2', 'cormen-3']);
        });
      });

      describe('.listExpiredHolds', () => {
        it('should list held copies whose pickup deadline has passed', async () => {
          await seed(2);
          await store.transaction(async (tx) => {
            const [first, second] = await tx.items.listByIsbn(CORMEN.isbn);
            first!.holdFor(priya.id, 'R1', later(1), NOW);
            second!.holdFor(raj.id, 'R2', later(3), NOW);
            await tx.items.save(first!);
            await tx.items.save(second!);
          });
          const { value } = await store.transaction((tx) => tx.items.listExpiredHolds(later(2)));
          expect(value.map((i) => [i.barcode, i.hold])).toEqual([['cormen-1', { memberId: priya.id, reservationId: 'R1', expiresAt: later(1).toISOString() }]]);
        });
      });
    });

    describe('circulation-rule fields', () => {
      it('should round-trip loan categories, lost loans, moved deadlines, manual blocks, claims and recall instants', async () => {
        await seed(2);
        const lost = BookItem.fromPrimitives(
          { ...copy(1).toPrimitives(), status: 'LOST', loanCategory: 'SHORT_LOAN', lostLoan: { loanId: 'L9', memberId: raj.id, lostAt: later(3).toISOString() } },
          1,
        );
        const held = BookItem.fromPrimitives(
          {
            ...copy(2).toPrimitives(),
            status: 'RESERVED',
            loanCategory: 'MEDIA',
            hold: { memberId: priya.id, reservationId: 'R1', expiresAt: later(4).toISOString(), originalExpiresAt: later(2).toISOString() },
          },
          1,
        );
        const member = Member.fromPrimitives(
          {
            ...Member.register(meera, NOW).toPrimitives(),
            manualBlocks: [{ id: 'block-1', actions: ['borrow', 'renew'], message: 'books overdue', placedBy: 'staff-1', placedAt: MONDAY_MORNING, expiresAt: null }],
            claimsReturnedCount: 2,
          },
          1,
        );
        const loan = Loan.fromPrimitives(
          {
            ...Loan.open({ id: 'L1', barcode: 'cormen-2', isbn: CORMEN.isbn, memberId: priya.id, dueAt: later(10) }, NOW).toPrimitives(),
            dueAt: later(6).toISOString(),
            originalDueAt: later(10).toISOString(),
            recalledAt: later(1).toISOString(),
            claimedReturnedAt: later(5).toISOString(),
            lostAt: null,
          },
          0,
        );
        await store.transaction(async (tx) => {
          await tx.items.save(lost);
          await tx.items.save(held);
          await tx.members.save(member);
          await tx.loans.save(loan);
        });
        const { value } = await store.transaction(async (tx) => ({
          lost: await tx.items.get('cormen-1'),
          held: await tx.items.get('cormen-2'),
          member: await tx.members.get(meera.id),
          loan: await tx.loans.get('L1'),
        }));
        expect(value.lost?.toPrimitives()).toEqual(lost.toPrimitives());
        expect(value.held?.toPrimitives()).toEqual(held.toPrimitives());
        expect(value.member?.toPrimitives()).toEqual(member.toPrimitives());
        expect(value.loan?.toPrimitives()).toEqual(loan.toPrimitives());
      });
    });

    describe('.items.anyToMeetHold', () => {
      /** Cormen-1 on the shelf, 2 held, 3 lost, 4 out on loan, 5 on the shelf but reference-only. */
      async function seedEveryState(): Promise<void> {
        await seed(5);
        await store.transaction(async (tx) => {
          const change = async (barcode: string, to: (p: ReturnType<BookItem['toPrimitives']>) => ReturnType<BookItem['toPrimitives']>): Promise<void> => {
            const item = (await tx.items.get(barcode))!;
            await tx.items.save(BookItem.fromPrimitives(to(item.toPrimitives()), item.version));
          };
          await change('cormen-2', (p) => ({ ...p, status: 'RESERVED', hold: { memberId: priya.id, reservationId: 'R1', expiresAt: later(1).toISOString() } }));
          await change('cormen-3', (p) => ({ ...p, status: 'LOST' }));
          await change('cormen-4', (p) => ({ ...p, status: 'LOANED', loan: { loanId: 'L1', memberId: raj.id } }));
          await change('cormen-5', (p) => ({ ...p, referenceOnly: true }));
        });
      }

      describe('when the title has copies in every state', () => {
        it('should say what every copy filtered by mayMeetHold says', async () => {
          await seedEveryState();
          const { value } = await store.transaction(async (tx) => ({
            lendable: await tx.items.anyToMeetHold(CORMEN.isbn),
            every: (await tx.items.listByIsbn(CORMEN.isbn)).map((i) => i.toPrimitives()),
          }));
          expect(value.lendable).toBe(value.every.some(mayMeetHold));
          expect(value.lendable).toBe(true);
        });
      });

      describe('when the transaction itself lost every copy but the reference-only one', () => {
        it('should see its own writes and find none that may meet a hold', async () => {
          await seedEveryState();
          const { value } = await store.transaction(async (tx) => {
            for (const barcode of ['cormen-1', 'cormen-2', 'cormen-4']) {
              const item = (await tx.items.get(barcode))!;
              await tx.items.save(BookItem.fromPrimitives({ ...item.toPrimitives(), status: 'LOST', hold: null, loan: null }, item.version));
            }
            return tx.items.anyToMeetHold(CORMEN.isbn);
          });
          expect(value).toBe(false);
        });
      });
    });

    describe('.items.firstOnShelf', () => {
      it('should find the lowest-barcode copy on the shelf, skipping held ones, and null when none is left', async () => {
        await seed(3);
        await store.transaction(async (tx) => {
          const first = (await tx.items.get('cormen-1'))!;
          first.holdFor(priya.id, 'R1', later(1), NOW);
          await tx.items.save(first);
        });
        const { value: found } = await store.transaction((tx) => tx.items.firstOnShelf(CORMEN.isbn));
        expect(found?.barcode).toBe('cormen-2');
        await store.transaction(async (tx) => {
          for (const barcode of ['cormen-2', 'cormen-3']) {
            const item = (await tx.items.get(barcode))!;
            item.markLost(NOW);
            await tx.items.save(item);
          }
        });
        expect((await store.transaction((tx) => tx.items.firstOnShelf(CORMEN.isbn))).value).toBeNull();
      });
    });

    describe('.loans.openForTitle', () => {
      describe('when one loan of the title was closed as lost', () => {
        it('should list only the open ones, and keep the lost one in the borrower\'s history', async () => {
          await seed(2);
          await store.transaction(async (tx) => {
            const kept = Loan.open({ id: 'L1', barcode: 'cormen-1', isbn: CORMEN.isbn, memberId: priya.id, dueAt: later(5) }, NOW);
            const lost = Loan.open({ id: 'L2', barcode: 'cormen-2', isbn: CORMEN.isbn, memberId: raj.id, dueAt: later(5) }, NOW);
            lost.closeAsLost(later(2));
            await tx.loans.save(kept);
            await tx.loans.save(lost);
          });
          const { value } = await store.transaction(async (tx) => ({
            open: await tx.loans.openForTitle(CORMEN.isbn),
            rajHistory: await tx.loans.historyForMember(raj.id),
          }));
          expect(value.open.map((l) => l.id)).toEqual(['L1']);
          expect(value.rajHistory.map((l) => [l.id, l.status, l.returnedAt])).toEqual([['L2', 'LOST', null]]);
        });
      });
    });

    describe('.loans', () => {
      describe('.outstandingForMember', () => {
        describe('when a member has returned one loan, lost one and still has one out', () => {
          it('should list the open and the lost loans, oldest first, without the returned one', async () => {
            await seed(3);
            await store.transaction(async (tx) => {
              const returned = Loan.open({ id: 'L1', barcode: 'cormen-1', isbn: CORMEN.isbn, memberId: priya.id, dueAt: later(5) }, NOW);
              const lost = Loan.open({ id: 'L2', barcode: 'cormen-2', isbn: CORMEN.isbn, memberId: priya.id, dueAt: later(5) }, later(1));
              const open = Loan.open({ id: 'L3', barcode: 'cormen-3', isbn: CORMEN.isbn, memberId: priya.id, dueAt: later(5) }, later(2));
              returned.close(later(1));
              lost.closeAsLost(later(3));
              for (const loan of [returned, lost, open]) await tx.loans.save(loan);
            });
            const { value } = await store.transaction(async (tx) => ({
              priya: await tx.loans.outstandingForMember(priya.id),
              raj: await tx.loans.outstandingForMember(raj.id),
            }));
            expect(value.priya.map((l) => [l.id, l.status])).toEqual([
              ['L2', 'LOST'],
              ['L3', 'OPEN'],
            ]);
            expect(value.raj).toEqual([]);
          });
        });
      });

      describe('.historyForMember and .listDueBefore', () => {
        it('should keep closed loans in the history and list open loans due before an instant by due date', async () => {
          await seed(2);
          await store.transaction(async (tx) => {
            const early = Loan.open({ id: 'L1', barcode: 'cormen-1', isbn: CORMEN.isbn, memberId: priya.id, dueAt: later(5) }, NOW);
            const late = Loan.open({ id: 'L2', barcode: 'cormen-2', isbn: CORMEN.isbn, memberId: raj.id, dueAt: later(3) }, NOW);
            early.close(later(1));
            await tx.loans.save(early);
            await tx.loans.save(late);
          });
          const { value } = await store.transaction(async (tx) => ({
            history: await tx.loans.historyForMember(priya.id),
            open: await tx.loans.openForMember(priya.id),
            dueBefore: await tx.loans.listDueBefore(later(10)),
          }));
          expect(value.history.map((l) => l.toPrimitives())).toEqual([
            { id: 'L1', barcode: 'cormen-1', isbn: CORMEN.isbn, memberId: priya.id, status: 'RETURNED', checkedOutAt: MONDAY_MORNING, dueAt: later(5).toISOString(), returnedAt: later(1).toISOString(), renewals: 0, originalDueAt: null, recalledAt: null, claimedReturnedAt: null, lostAt: null },
          ]);
          expect(value.open).toEqual([]);
          expect(value.dueBefore.map((l) => l.id)).toEqual(['L2']);
        });
      });
    });

    describe('.reservations', () => {
      describe('.forTitle', () => {
        describe('when nobody ever reserved the title', () => {
          it('should return an empty, unsaved queue', async () => {
            const { value } = await store.transaction((tx) => tx.reservations.forTitle(CORMEN.isbn));
            expect(value.version).toBe(0);
            expect(value.active()).toEqual([]);
          });
        });

        describe('when members joined and one was promoted', () => {
          it('should round-trip the queue and find each reservation by id', async () => {
            await seed();
            await store.transaction(async (tx) => {
              const queue = await tx.reservations.forTitle(CORMEN.isbn);
              queue.place('R1', priya.id, NOW);
              queue.place('R2', raj.id, later(1));
              queue.markReady('R1', 'cormen-1', later(2), later(1));
              await tx.reservations.save(queue);
            });
            await store.transaction(async (tx) => {
              const queue = await tx.reservations.forTitle(CORMEN.isbn);
              queue.place('R3', meera.id, later(2));
              await tx.reservations.save(queue);
            });
            const { value } = await store.transaction(async (tx) => ({ queue: await tx.reservations.forTitle(CORMEN.isbn), isbn: await tx.reservations.isbnOf('R2') }));
            expect(value.isbn).toBe(CORMEN.isbn);
            expect(value.queue.toPrimitives()).toMatchObject({
              nextSequence: 4,
              reservations: [
                { id: 'R1', memberId: priya.id, sequence: 1, status: 'READY_FOR_PICKUP', barcode: 'cormen-1', expiresAt: later(2).toISOString() },
                { id: 'R2', memberId: raj.id, sequence: 2, status: 'WAITING', barcode: null },
                { id: 'R3', memberId: meera.id, sequence: 3, status: 'WAITING', placedAt: later(2).toISOString() },
              ],
            });
            expect(value.queue.positionOf(meera.id)).toBe(2);
          });
        });
      });

      describe('.activeForMember', () => {
        describe('when a member waits for one title, has another ready and cancelled a third', () => {
          it("should return the two active reservations, by ISBN, including this transaction's own", async () => {
            const { cleanCode, designPatterns } = BookFixtures;
            await seed();
            await store.transaction(async (tx) => {
              for (const book of [cleanCode, designPatterns]) await tx.books.save(Book.catalogue(book, NOW));
              const cormen = await tx.reservations.forTitle(CORMEN.isbn);
              cormen.place('R1', priya.id, NOW);
              cormen.markReady('R1', 'cormen-1', later(2), NOW);
              const patterns = await tx.reservations.forTitle(designPatterns.isbn);
              patterns.place('R2', priya.id, NOW);
              patterns.place('R3', raj.id, NOW);
              patterns.cancel('R2', later(1));
              await tx.reservations.save(cormen);
              await tx.reservations.save(patterns);
            });
            const { value } = await store.transaction(async (tx) => {
              const clean = await tx.reservations.forTitle(cleanCode.isbn);
              clean.place('R4', priya.id, later(1));
              await tx.reservations.save(clean);
              return tx.reservations.activeForMember(priya.id);
            });
            expect(value.map((r) => [r.id, r.isbn, r.status])).toEqual([
              ['R4', cleanCode.isbn, 'WAITING'],
              ['R1', CORMEN.isbn, 'READY_FOR_PICKUP'],
            ]);
          });
        });

        describe('when the member never reserved anything', () => {
          it('should return no reservations', async () => {
            await seed();
            const { value } = await store.transaction((tx) => tx.reservations.activeForMember(meera.id));
            expect(value).toEqual([]);
          });
        });
      });
    });

    describe('.digitalCopies', () => {
      /** Cormen (EPUB, 3 metered licenses: one lent, one offered), Cormen (PDF) and Clean Code (unlimited audiobook). */
      async function seedPools(): Promise<{ epub: DigitalCopy; pdf: DigitalCopy; audiobook: DigitalCopy }> {
        await seed();
        const epub = pool({ ...DigitalCopyFixtures.cormenEpub, terms: { checkouts: 26, expiresAt: later(730) } });
        epub.lend({ loanId: 'E1', memberId: priya.id, dueAt: later(14).toISOString() }, NOW);
        epub.offer({ reservationId: 'R1', memberId: raj.id, expiresAt: later(1).toISOString() }, NOW);
        const pdf = pool(DigitalCopyFixtures.cormenPdf);
        const audiobook = pool(DigitalCopyFixtures.cleanCodeAudiobook);
        await store.transaction(async (tx) => {
          await tx.books.save(Book.catalogue(BookFixtures.cleanCode, NOW));
          for (const copy of [pdf, epub, audiobook]) await tx.digitalCopies.save(copy);
        });
        return { epub, pdf, audiobook };
      }

      describe('.get and .listByIsbn', () => {
        describe('when pools with terms, leases and offers were saved', () => {
          it('should round-trip each pool and list a title\'s copies by copy id', async () => {
            const { epub, pdf, audiobook } = await seedPools();
            const { value } = await store.transaction(async (tx) => ({
              epub: await tx.digitalCopies.get(epub.copyId),
              audiobook: await tx.digitalCopies.get(audiobook.copyId),
              missing: await tx.digitalCopies.get('no-such-copy'),
              cormen: await tx.digitalCopies.listByIsbn(CORMEN.isbn),
            }));
            expect(value.epub?.toPrimitives()).toEqual(epub.toPrimitives());
            expect(value.epub?.toPrimitives()).toMatchObject({
              totalLicenses: 3,
              terms: { checkoutsLeft: 25, expiresAt: later(730).toISOString(), unlimitedAccess: false },
              leases: [{ loanId: 'E1', memberId: priya.id, dueAt: later(14).toISOString() }],
              offers: [{ reservationId: 'R1', memberId: raj.id, expiresAt: later(1).toISOString() }],
            });
            expect(value.epub?.version).toBe(1);
            expect(value.audiobook?.toPrimitives()).toEqual(audiobook.toPrimitives());
            expect(value.audiobook?.totalLicenses).toBeNull();
            expect(value.missing).toBeNull();
            expect(value.cormen.map((c) => c.copyId)).toEqual([epub.copyId, pdf.copyId]);
          });
        });
      });

      describe('.listWithLapsedOffers', () => {
        describe('when offers close at different instants', () => {
          it('should list the copies holding an offer whose claim window closed at or before now', async () => {
            const { epub, pdf } = await seedPools();
            await store.transaction(async (tx) => {
              const copy = (await tx.digitalCopies.get(pdf.copyId))!;
              copy.offer({ reservationId: 'R2', memberId: meera.id, expiresAt: later(3).toISOString() }, NOW);
              await tx.digitalCopies.save(copy);
            });
            const { value } = await store.transaction(async (tx) => ({
              none: await tx.digitalCopies.listWithLapsedOffers(new Date(later(1).getTime() - 1)),
              first: await tx.digitalCopies.listWithLapsedOffers(later(1)),
              both: await tx.digitalCopies.listWithLapsedOffers(later(5)),
            }));
            expect(value.none).toEqual([]);
            expect(value.first.map((c) => c.copyId)).toEqual([epub.copyId]);
            expect(value.both.map((c) => c.copyId)).toEqual([epub.copyId, pdf.copyId]);
          });
        });
      });

      describe('.save', () => {
        describe('when another transaction saved the pool first, even unchanged', () => {
          it('should fail with CONCURRENT_MODIFICATION and write nothing', async () => {
            const { pdf } = await seedPools();
            const stale = (await store.transaction((tx) => tx.digitalCopies.get(pdf.copyId))).value!;
            await store.transaction(async (tx) => {
              await tx.digitalCopies.save((await tx.digitalCopies.get(pdf.copyId))!);
            });
            const loan = eLoan('E9', stale, meera.id);
            stale.lend({ loanId: loan.id, memberId: meera.id, dueAt: loan.dueAt.toISOString() }, NOW);
            const attempt = store.transaction(async (tx) => {
              await tx.digitalLoans.save(loan);
              await tx.digitalCopies.save(stale);
            });
            await expect(attempt).rejects.toSatisfy(isConflict);
            const { value } = await store.transaction(async (tx) => ({ copy: await tx.digitalCopies.get(pdf.copyId), loan: await tx.digitalLoans.get('E9') }));
            expect(value.copy?.leases).toEqual([]);
            expect(value.copy?.version).toBe(2);
            expect(value.loan).toBeNull();
          });
        });

        describe('when one transaction saves the pool before and after lending', () => {
          it('should accept both saves and keep the lease', async () => {
            const { pdf } = await seedPools();
            await store.transaction(async (tx) => {
              const copy = (await tx.digitalCopies.get(pdf.copyId))!;
              await tx.digitalCopies.save(copy);
              const loan = eLoan('E9', copy, meera.id);
              copy.lend({ loanId: loan.id, memberId: meera.id, dueAt: loan.dueAt.toISOString() }, NOW);
              await tx.digitalCopies.save(copy);
              await tx.digitalLoans.save(loan);
            });
            const { value } = await store.transaction((tx) => tx.digitalCopies.get(pdf.copyId));
            expect(value?.leases.map((l) => l.loanId)).toEqual(['E9']);
          });
        });
      });
    });

    describe('.digitalLoans', () => {
      describe('.get, .activeForMember and .listDue', () => {
        it('should round-trip loans, list a member\'s active ones oldest first and due ones earliest first', async () => {
          await seed();
          const epub = pool(DigitalCopyFixtures.cormenEpub);
          const audiobook = pool(DigitalCopyFixtures.cleanCodeAudiobook);
          const first = eLoan('E1', epub, priya.id);
          const second = eLoan('E2', audiobook, priya.id, 1, null);
          const returned = eLoan('E3', epub, raj.id);
          returned.returnEarly(later(2));
          await store.transaction(async (tx) => {
            await tx.books.save(Book.catalogue(BookFixtures.cleanCode, NOW));
            await tx.digitalCopies.save(epub);
            await tx.digitalCopies.save(audiobook);
            for (const loan of [second, returned, first]) await tx.digitalLoans.save(loan);
          });
          const { value } = await store.transaction(async (tx) => ({
            first: await tx.digitalLoans.get('E1'),
            second: await tx.digitalLoans.get('E2'),
            returned: await tx.digitalLoans.get('E3'),
            priya: await tx.digitalLoans.activeForMember(priya.id),
            raj: await tx.digitalLoans.activeForMember(raj.id),
            dueAtFirst: await tx.digitalLoans.listDue(later(14)),
            dueLater: await tx.digitalLoans.listDue(later(30)),
          }));
          expect(value.first?.toPrimitives()).toEqual(first.toPrimitives());
          expect(value.second?.toPrimitives()).toEqual(second.toPrimitives());
          expect(value.second?.toPrimitives()).toMatchObject({ tokenId: null, countsTowardLimit: false });
          expect(value.returned?.toPrimitives()).toEqual(returned.toPrimitives());
          expect(value.returned?.toPrimitives()).toMatchObject({ status: 'RETURNED', endedAt: later(2).toISOString() });
          expect(value.priya.map((l) => l.id)).toEqual(['E1', 'E2']);
          expect(value.raj).toEqual([]);
          expect(value.dueAtFirst.map((l) => l.id)).toEqual(['E1']);
          expect(value.dueLater.map((l) => l.id)).toEqual(['E1', 'E2']);
        });
      });

      describe('.save', () => {
        describe('when another transaction saved the loan first', () => {
          it('should fail with CONCURRENT_MODIFICATION', async () => {
            await seedLoan();
            const stale = (await store.transaction((tx) => tx.digitalLoans.get('E1'))).value!;
            await store.transaction(async (tx) => {
              const loan = (await tx.digitalLoans.get('E1'))!;
              loan.revoke('abuse', later(1));
              await tx.digitalLoans.save(loan);
            });
            stale.returnEarly(later(2));
            await expect(store.transaction((tx) => tx.digitalLoans.save(stale))).rejects.toSatisfy(isConflict);
            expect((await store.transaction((tx) => tx.digitalLoans.get('E1'))).value?.status).toBe('REVOKED');
          });
        });
      });
    });

    describe('.revokedTokens', () => {
      describe('.revoke', () => {
        describe('when the same token is revoked again, in the same or a later transaction', () => {
          it('should keep it revoked and add nothing', async () => {
            await seedLoan();
            await store.transaction(async (tx) => {
              await tx.revokedTokens.revoke({ tokenId: 'token-E1', loanId: 'E1', until: later(14) });
              await tx.revokedTokens.revoke({ tokenId: 'token-E1', loanId: 'E1', until: later(14) });
              expect(await tx.revokedTokens.isRevoked('token-E1')).toBe(true);
            });
            await store.transaction((tx) => tx.revokedTokens.revoke({ tokenId: 'token-E1', loanId: 'E1', until: later(20) }));
            const { value } = await store.transaction(async (tx) => ({ revoked: await tx.revokedTokens.isRevoked('token-E1'), other: await tx.revokedTokens.isRevoked('token-E2') }));
            expect(value).toEqual({ revoked: true, other: false });
          });
        });

        describe('when the transaction that revoked rolls back', () => {
          it('should leave the token valid', async () => {
            await seedLoan();
            const failure = new Error('the return failed');
            await expect(
              store.transaction(async (tx) => {
                await tx.revokedTokens.revoke({ tokenId: 'token-E1', loanId: 'E1', until: later(14) });
                throw failure;
              }),
            ).rejects.toBe(failure);
            expect((await store.transaction((tx) => tx.revokedTokens.isRevoked('token-E1'))).value).toBe(false);
          });
        });
      });
    });

    describe('.reservations (format-aware holds)', () => {
      describe('when holds name a format and a license was offered to one', () => {
        it('should round-trip the format and the offered copy', async () => {
          const epub = await seedEpub();
          await store.transaction(async (tx) => {
            const queue = await tx.reservations.forTitle(CORMEN.isbn);
            queue.place('R1', priya.id, NOW, { format: 'DIGITAL' });
            queue.place('R2', raj.id, NOW, { format: 'ANY' });
            queue.place('R3', meera.id, NOW);
            queue.offerLicense('R1', epub.copyId, later(1), NOW);
            await tx.reservations.save(queue);
          });
          const { value } = await store.transaction((tx) => tx.reservations.forTitle(CORMEN.isbn));
          const [r1, r2, r3] = value.toPrimitives().reservations;
          expect(r1).toMatchObject({ id: 'R1', format: 'DIGITAL', copyId: epub.copyId, status: 'READY_FOR_PICKUP', expiresAt: later(1).toISOString() });
          expect(r2).toMatchObject({ id: 'R2', format: 'ANY', status: 'WAITING' });
          expect(r3).toMatchObject({ id: 'R3', format: 'PRINT', status: 'WAITING' });
          expect([r2?.copyId, r3?.copyId]).toEqual([undefined, undefined]);
          expect(value.get('R1').copyId).toBe(epub.copyId);
        });
      });
    });

    describe('lookups by copy (.members.borrowerOf, .ledgers.forBorrowerOf, .reservations.forTitleOfCopy)', () => {
      /** Priya has cormen-1 out and was fined 900 once; Raj waits for Cormen; cormen-2 is on the shelf. */
      async function priyaHasCormenOut(): Promise<void> {
        await seed(2);
        await store.transaction(async (tx) => {
          await tx.loans.save(Loan.open({ id: 'L1', barcode: 'cormen-1', isbn: CORMEN.isbn, memberId: priya.id, dueAt: later(5) }, NOW));
          const ledger = await tx.ledgers.forMember(priya.id, 'INR');
          ledger.assess({ fineId: 'F1', loanId: 'L0', barcode: 'cormen-2', reason: 'OVERDUE', amount: Money.of(900, 'INR') }, NOW);
          await tx.ledgers.save(ledger);
          const queue = await tx.reservations.forTitle(CORMEN.isbn);
          queue.place('R1', raj.id, NOW);
          await tx.reservations.save(queue);
        });
      }

      describe('when the copy is out', () => {
        it('should find its borrower, the borrower\'s ledger and its title\'s queue from the barcode alone', async () => {
          await priyaHasCormenOut();
          const { value } = await store.transaction(async (tx) => {
            const [borrower, ledger, queue] = await Promise.all([
              tx.members.borrowerOf('cormen-1'),
              tx.ledgers.forBorrowerOf('cormen-1', 'INR'),
              tx.reservations.forTitleOfCopy('cormen-1'),
            ]);
            return { borrower: borrower?.id, balance: ledger?.balance().toPrimitives(), waiting: queue?.active().map((r) => r.memberId) };
          });
          expect(value).toEqual({ borrower: priya.id, balance: { amount: 900, currency: 'INR' }, waiting: [raj.id] });
        });
      });

      describe('when the borrower was never fined', () => {
        it('should give an empty ledger in the currency asked for', async () => {
          await seed();
          await store.transaction((tx) => tx.loans.save(Loan.open({ id: 'L1', barcode: 'cormen-1', isbn: CORMEN.isbn, memberId: raj.id, dueAt: later(5) }, NOW)));
          const { value } = await store.transaction((tx) => tx.ledgers.forBorrowerOf('cormen-1', 'INR'));
          expect([value?.memberId, value?.balance().toPrimitives(), value?.version]).toEqual([raj.id, { amount: 0, currency: 'INR' }, 0]);
        });
      });

      describe('when the copy is on the shelf, or unknown', () => {
        it('should find no borrower and no ledger, the title\'s queue for a known copy, and none for an unknown one', async () => {
          await priyaHasCormenOut();
          const { value } = await store.transaction(async (tx) => ({
            borrower: await tx.members.borrowerOf('cormen-2'),
            ledger: await tx.ledgers.forBorrowerOf('cormen-2', 'INR'),
            queue: (await tx.reservations.forTitleOfCopy('cormen-2'))?.active().map((r) => r.id),
            unknown: await tx.reservations.forTitleOfCopy('no-such-copy'),
          }));
          expect(value).toEqual({ borrower: null, ledger: null, queue: ['R1'], unknown: null });
        });
      });

      describe('when the copy\'s title was never reserved', () => {
        it('should give an empty, unsaved queue', async () => {
          await seed();
          const { value } = await store.transaction((tx) => tx.reservations.forTitleOfCopy('cormen-1'));
          expect([value?.isbn, value?.version, value?.active()]).toEqual([CORMEN.isbn, 0, []]);
        });
      });
    });

    describe('.ledgers', () => {
      /** Priya was fined 900 (L1, overdue), 500 (L1, damaged) and 300 (L2, overdue), and paid 1000: F1 is paid, F2 part-paid. */
      async function finedAndPartlyPaid(): Promise<void> {
        await seed();
        await store.transaction(async (tx) => {
          const ledger = await tx.ledgers.forMember(priya.id, 'INR');
          ledger.assess({ fineId: 'F1', loanId: 'L1', barcode: 'cormen-1', reason: 'OVERDUE', amount: Money.of(900, 'INR') }, NOW);
          ledger.assess({ fineId: 'F2', loanId: 'L1', barcode: 'cormen-1', reason: 'DAMAGED', amount: Money.of(500, 'INR') }, NOW);
          ledger.assess({ fineId: 'F3', loanId: 'L2', barcode: 'cormen-2', reason: 'OVERDUE', amount: Money.of(300, 'INR') }, NOW);
          await tx.ledgers.save(ledger);
        });
        await store.transaction(async (tx) => {
          const ledger = await tx.ledgers.forMember(priya.id, 'INR');
          ledger.pay({ paymentId: 'P1', amount: Money.of(1000, 'INR'), method: 'cash' }, later(1));
          await tx.ledgers.save(ledger);
        });
      }

      describe('.statementFor', () => {
        it('should round-trip every fine, oldest first, and every partial payment', async () => {
          await finedAndPartlyPaid();
          const { value } = await store.transaction((tx) => tx.ledgers.statementFor(priya.id, 'INR'));
          expect(value.balance().toPrimitives()).toEqual({ amount: 700, currency: 'INR' });
          expect(value.toPrimitives()).toMatchObject({
            fines: [
              { id: 'F1', outstanding: 0, status: 'PAID' },
              { id: 'F2', outstanding: 400, status: 'OPEN' },
              { id: 'F3', outstanding: 300, status: 'OPEN' },
            ],
            payments: [{ id: 'P1', amount: 1000, method: 'cash', paidAt: later(1).toISOString(), allocations: [{ fineId: 'F1', amount: 900 }, { fineId: 'F2', amount: 100 }] }],
          });
        });

        describe('when the ledger was read for a decision, changed and saved again', () => {
          it('should add the new fine and payment after the history, each once', async () => {
            await finedAndPartlyPaid();
            await store.transaction(async (tx) => {
              const ledger = await tx.ledgers.forMember(priya.id, 'INR');
              ledger.assess({ fineId: 'F4', loanId: 'L3', barcode: 'cormen-1', reason: 'LOST', amount: Money.of(200, 'INR') }, later(2));
              await tx.ledgers.save(ledger);
              ledger.pay({ paymentId: 'P2', amount: Money.of(400, 'INR'), method: 'card' }, later(2));
              await tx.ledgers.save(ledger);
            });
            const { value } = await store.transaction((tx) => tx.ledgers.statementFor(priya.id, 'INR'));
            expect(value.toPrimitives().fines.map((f) => [f.id, f.status, f.outstanding])).toEqual([
              ['F1', 'PAID', 0],
              ['F2', 'PAID', 0],
              ['F3', 'OPEN', 300],
              ['F4', 'OPEN', 200],
            ]);
            expect(value.payments.map((x) => x.id)).toEqual(['P1', 'P2']);
            expect(value.balance().amount).toBe(500);
          });
        });
      });

      describe('.forMember', () => {
        describe('when the member paid some fines', () => {
          it('should read the running balance and the open fines only, oldest first, and no payment', async () => {
            await finedAndPartlyPaid();
            const { value } = await store.transaction((tx) => tx.ledgers.forMember(priya.id, 'INR'));
            expect(value.balance().toPrimitives()).toEqual({ amount: 700, currency: 'INR' });
            expect(value.fines.map((f) => [f.id, f.outstanding])).toEqual([
              ['F2', 400],
              ['F3', 300],
            ]);
            expect(value.payments).toEqual([]);
          });
        });

        it('should open an empty ledger for a member never fined', async () => {
          const { value } = await store.transaction((tx) => tx.ledgers.forMember(raj.id, 'INR'));
          expect(value).toMatchObject({ version: 0, memberId: raj.id, currency: 'INR' });
          expect(value.fines).toEqual([]);
        });
      });

      describe('.finesOfLoan', () => {
        it("should give every fine of the loan, paid or open, and none of another loan's", async () => {
          await finedAndPartlyPaid();
          const { value } = await store.transaction(async (tx) => ({ l1: await tx.ledgers.finesOfLoan(priya.id, 'L1'), none: await tx.ledgers.finesOfLoan(raj.id, 'L1') }));
          expect(value.l1.map((f) => [f.id, f.reason, f.status])).toEqual([
            ['F1', 'OVERDUE', 'PAID'],
            ['F2', 'DAMAGED', 'OPEN'],
          ]);
          expect(value.none).toEqual([]);
        });
      });
    });

    describe('.members', () => {
      describe('.get', () => {
        it('should round-trip the contact, with the channels the member chose in their order', async () => {
          const kim = { id: 'M-KIM', name: 'Kim', contact: { email: 'kim@example.test', phone: '+15550100', channels: ['sms', 'email'] as const } };
          await store.transaction(async (tx) => {
            await tx.members.save(Member.register(kim, NOW));
            await tx.members.save(Member.register({ id: 'M-LEE', name: 'Lee' }, NOW));
          });
          const [kimBack, leeBack] = await store.transaction(async (tx) => Promise.all([tx.members.get('M-KIM'), tx.members.get('M-LEE')])).then((c) => c.value);
          expect(kimBack?.contact).toEqual({ email: 'kim@example.test', phone: '+15550100', channels: ['sms', 'email'] });
          expect(leeBack?.contact).toEqual({});
        });
      });
    });

    describe('.outbox', () => {
      const notice = (id: string, key: string, createdAt: string) => ({ id, idempotencyKey: key, kind: 'reservation-ready', memberId: priya.id, payload: { isbn: CORMEN.isbn }, createdAt });

      describe('.enqueue', () => {
        it('should keep the first message of a repeated idempotency key', async () => {
          await store.transaction(async (tx) => {
            await tx.outbox.enqueue(notice('N1', 'ready:R1', MONDAY_MORNING));
          });
          await store.transaction(async (tx) => {
            await tx.outbox.enqueue(notice('N2', 'ready:R1', later(1).toISOString()));
          });
          expect(await store.outbox.list()).toEqual([
            { ...notice('N1', 'ready:R1', MONDAY_MORNING), status: 'PENDING', attempts: 0, nextAttemptAt: MONDAY_MORNING, lastError: null, deliveredAt: null },
          ]);
        });
      });

      describe('.claimDue, .markFailed and .markDelivered', () => {
        it('should lease due messages oldest first, retry failures, and record delivery', async () => {
          await store.transaction(async (tx) => {
            await tx.outbox.enqueue(notice('N2', 'k2', later(1).toISOString()));
            await tx.outbox.enqueue(notice('N1', 'k1', MONDAY_MORNING));
            await tx.outbox.enqueue(notice('N3', 'k3', later(5).toISOString()));
          });
          const claimed = await store.outbox.claimDue(later(2), 10, new Date(later(2).getTime() + 60_000));
          expect(claimed.map((m) => m.id)).toEqual(['N1', 'N2']);
          expect(await store.outbox.claimDue(later(2), 10, later(3))).toEqual([]);
          await store.outbox.markFailed('N1', 'smtp timeout', later(4));
          await store.outbox.markFailed('N2', 'no such address', null);
          expect(await store.outbox.list({ status: 'DEAD' })).toMatchObject([{ id: 'N2', attempts: 1, lastError: 'no such address' }]);
          const retried = await store.outbox.claimDue(later(4), 10, later(5));
          expect(retried.map((m) => [m.id, m.attempts])).toEqual([['N1', 1]]);
          await store.outbox.markDelivered('N1', later(4));
          expect(await store.outbox.list({ status: 'DELIVERED', memberId: priya.id })).toMatchObject([{ id: 'N1', attempts: 2, lastError: null, deliveredAt: later(4).toISOString() }]);
        });
      });
    });

    describe('.audit', () => {
      describe('.query', () => {
        it('should filter by member and time window, in append order, up to the limit', async () => {
          const entry = (id: string, at: Date, memberId: string) => ({ id, at: at.toISOString(), actor: 'desk', action: 'loan.opened', memberId, barcode: 'cormen-1', isbn: CORMEN.isbn, data: { n: id } });
          await store.transaction(async (tx) => {
            await tx.audit.append(entry('A1', NOW, priya.id));
            await tx.audit.append(entry('A2', later(1), raj.id));
            await tx.audit.append(entry('A3', later(2), priya.id));
            await tx.audit.append(entry('A4', later(3), priya.id));
          });
          expect((await store.audit.query({ memberId: priya.id, from: later(1).toISOString(), to: later(3).toISOString() })).map((e) => e.id)).toEqual(['A3']);
          expect((await store.audit.query({ barcode: 'cormen-1', limit: 2 })).map((e) => e.id)).toEqual(['A1', 'A2']);
        });
      });
    });
  });
}
