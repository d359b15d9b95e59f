import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ShelfmarkError } from '../../src/domain/shared/ShelfmarkError.js';
import type { Library } from '../../src/Library.js';
import { aLibrary } from '../fixtures/library.js';
import { BookFixtures, shelve } from '../fixtures/catalog.js';
import { enrol, MemberFixtures, type MemberKey } from '../fixtures/members.js';

const MEMBERS: readonly MemberKey[] = ['priya', 'raj', 'meera', 'arjun'];
const BRANCHES = ['main', 'east', 'north'] as const;
type BranchId = (typeof BRANCHES)[number];
const CORMEN = BookFixtures.cormen.isbn;
const BARCODES = ['cormen-1', 'cormen-2', 'cormen-3'];

type Command =
  | { kind: 'reserve'; member: MemberKey; pickup: BranchId | null }
  | { kind: 'checkOut'; member: MemberKey; barcode: string }
  | { kind: 'return'; barcode: string; at: BranchId }
  | { kind: 'receive'; barcode: string; at: BranchId }
  | { kind: 'suspend'; member: MemberKey; days: number | null }
  | { kind: 'resume'; member: MemberKey }
  | { kind: 'cancel'; member: MemberKey }
  | { kind: 'markMissing'; barcode: string }
  | { kind: 'markFound'; barcode: string }
  | { kind: 'advanceHours'; hours: number }
  | { kind: 'jobs' };

const member = fc.constantFrom(...MEMBERS);
const barcode = fc.constantFrom(...BARCODES);
const branch = fc.constantFrom(...BRANCHES);
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('reserve' as const), member, pickup: fc.option(branch, { nil: null }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('checkOut' as const), member, barcode }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('return' as const), barcode, at: branch }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('receive' as const), barcode, at: branch }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('suspend' as const), member, days: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('resume' as const), member }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), member }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('markMissing' as const), barcode }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('markFound' as const), barcode }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('advanceHours' as const), hours: fc.integer({ min: 1, max: 72 }) }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'jobs' as const }) },
);

async function activeHoldOf(library: Library, m: MemberKey): Promise<string | null> {
  return (await library.reservations.queueFor(CORMEN)).find((r) => r.memberId === MemberFixtures[m].id)?.reservationId ?? null;
}

/** Runs one command; the engine may refuse it with a typed error, which is part of the contract. */
async function run(library: Library, now: () => Date, advance: (hours: number) => void, c: Command): Promise<void> {
  const id = (m: MemberKey): string => MemberFixtures[m].id;
  const onHold = async (m: MemberKey, act: (reservationId: string) => Promise<unknown>): Promise<unknown> => {
    const reservationId = await activeHoldOf(library, m);
    return reservationId === null ? null : act(reservationId);
  };
  const actions: { [K in Command['kind']]: (c: Extract<Command, { kind: K }>) => Promise<unknown> } = {
    reserve: (x) => library.reservations.reserve({ memberId: id(x.member), isbn: CORMEN, ...(x.pickup === null ? {} : { pickupBranch: x.pickup }) }),
    checkOut: (x) => library.circulation.checkOut({ memberId: id(x.member), barcode: x.barcode }),
    return: (x) => library.circulation.returnCopy({ barcode: x.barcode, branch: x.at }),
    receive: (x) => library.copies.receive({ barcode: x.barcode, branch: x.at }),
    suspend: (x) =>
      onHold(x.member, (reservationId) =>
        library.holds.suspend({ reservationId, ...(x.days === null ? {} : { until: new Date(now().getTime() + x.days * 86_400_000) }) }),
      ),
    resume: (x) => onHold(x.member, (reservationId) => library.holds.resume({ reservationId })),
    cancel: (x) => onHold(x.member, (reservationId) => library.reservations.cancel({ reservationId })),
    markMissing: (x) => library.copies.markMissing({ barcode: x.barcode }),
    markFound: (x) => library.circulation.markFound({ barcode: x.barcode }),
    advanceHours: (x) => {
      advance(x.hours);
      return Promise.resolve();
    },
    jobs: () => library.runDueJobs(),
  };
  try {
    await (actions[c.kind] as (c: Command) => Promise<unknown>)(c);
  } catch (error) {
    if (!ShelfmarkError.isShelfmarkError(error)) throw error;
  }
}

async function assertInvariants(library: Library): Promise<void> {
  const copies = await Promise.all(BARCODES.map((b) => library.catalog.getCopy(b)));
  const queue = await library.reservations.queueFor(CORMEN);
  const shelves = await Promise.all(BRANCHES.map(async (b) => ({ branch: b, held: (await library.reservations.holdShelf(b)).map((h) => h.barcode) })));
  const onShelves = shelves.flatMap((s) => s.held);

  // A suspended hold is never allocated: no copy is held for it, none travels for it.
  for (const suspended of queue.filter((r) => r.status === 'SUSPENDED')) {
    expect(suspended.barcode).toBeNull();
    expect(copies.filter((c) => c.heldFor === suspended.memberId)).toEqual([]);
  }
  // A copy is on at most one hold shelf; a copy in transit is on none, and names where it goes.
  expect(new Set(onShelves).size).toBe(onShelves.length);
  for (const copy of copies) {
    const shelvesOfCopy = shelves.filter((s) => s.held.includes(copy.barcode)).map((s) => s.branch);
    if (copy.status === 'IN_TRANSIT') {
      expect(shelvesOfCopy).toEqual([]);
      expect(copy.inTransitTo).not.toBeNull();
    } else {
      expect(copy.inTransitTo).toBeNull();
    }
    expect(shelvesOfCopy).toEqual(copy.status === 'RESERVED' ? [copy.holdShelf] : []);
  }
  // Every hold that names a copy agrees with it: ready ones are held on their pickup branch's shelf, travelling ones travel there.
  for (const r of queue) {
    const copy = copies.find((c) => c.barcode === r.barcode);
    if (r.status === 'READY_FOR_PICKUP') {
      expect(copy?.heldFor).toBe(r.memberId);
      if (r.pickupBranch !== null) expect(copy?.holdShelf).toBe(r.pickupBranch);
    }
    if (r.status === 'IN_TRANSIT') expect(copy?.inTransitTo).toBe(r.pickupBranch);
  }
  // Nobody waits while a copy sits on the open shelf.
  if (queue.some((r) => r.status === 'WAITING')) expect(copies.filter((c) => c.status === 'AVAILABLE')).toEqual([]);
}

describe('Hold lifecycle across branches (property)', () => {
  it('should never allocate a suspended hold, nor put a copy on two hold shelves, whatever the sequence', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 30 }), async (commands) => {
        const { library, clock } = aLibrary('college');
        await enrol(library, ...MEMBERS);
        await shelve(library, 'cormen', BARCODES.length);
        for (const b of BRANCHES.slice(1)) await library.branches.register({ id: b });
        for (const c of commands) {
          await run(library, () => clock.now(), (h) => {
            clock.advanceHours(h);
          }, c);
          await assertInvariants(library);
        }
      }),
      { numRuns: 40, seed: 20261202 },
    );
  });
});
