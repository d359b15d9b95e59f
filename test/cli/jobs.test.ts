import { tmpdir } from 'node:os';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ScheduledJobs } from '../../src/application/ScheduledJobs.js';
import { jobLockFor } from '../../src/composition/stores.js';
import { InMemoryStore } from '../../src/infrastructure/memory/InMemoryStore.js';
import { register } from '../../src/interfaces/cli/commands/jobs.js';
import { shelve } from '../fixtures/catalog.js';
import { aLibrary } from '../fixtures/library.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';

async function run(args: string[], library: ReturnType<typeof aLibrary>['library']): Promise<string> {
  const program = new Command('shelfmark').exitOverride();
  let out = '';
  // No configuration file and no environment: the memory store, and the fixture library in place of a new one.
  register(program, { env: {}, cwd: tmpdir(), stdout: (text) => (out += text), stderr: () => undefined, createLibrary: () => library });
  await program.parseAsync(['node', 'shelfmark', ...args]);
  return out;
}

describe('shelfmark jobs', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('should run the jobs, deliver the notices and print the report', async () => {
    const { library, clock, notifier } = aLibrary('city');
    await shelve(library, 'cormen', 1);
    await enrol(library, 'raj');
    await library.circulation.checkOut({ memberId: MemberFixtures.raj.id, barcode: 'cormen-1' });
    clock.set('2026-09-19T06:00:00.000Z');

    const text = await run(['jobs'], library);
    expect(text).toBe(
      [
        'jobs ran at 2026-09-19T06:00:00.000Z',
        'pickup windows expired: 0',
        'holds resumed:          0',
        'holds lapsed:           0',
        'e-loans expired:        0',
        'claim windows expired:  0',
        'loans auto-renewed:     0 renewed, 0 refused',
        'fines accrued:          0',
        'loans declared lost:    0',
        'reminders due:          1 due soon, 0 due today, 0 overdue',
        'card expiry notices:    0',
        'pruned:                 0 delivered notices, 0 token revocations, 0 idempotency records',
        'outbox:                 0 waiting to be retried, 0 dead letters',
        '',
      ].join('\n'),
    );
    expect(notifier.notices({ kind: 'due-soon' })).toHaveLength(1);
  });

  it('should print JSON and record the changes under the actor given', async () => {
    const { library, clock, notifier } = aLibrary('city');
    await shelve(library, 'cormen', 1);
    await enrol(library, 'raj');
    await library.circulation.checkOut({ memberId: MemberFixtures.raj.id, barcode: 'cormen-1' });
    clock.set('2026-11-20T06:00:00.000Z');

    const report: unknown = JSON.parse(await run(['jobs', '--json', '--as', 'cron:nightly'], library));
    expect(report).toEqual({
      ranAt: '2026-11-20T06:00:00.000Z',
      skipped: false,
      pickupsExpired: 0,
      holdsResumed: 0,
      holdsLapsed: 0,
      digitalLoansExpired: 0,
      claimsExpired: 0,
      autoRenewal: { renewed: 0, refused: 0 },
      finesAccrued: 0,
      loansDeclaredLost: 1,
      reminders: { dueSoon: 0, dueToday: 0, overdue: 0 },
      cardExpiryNotices: 0,
      pruned: { deliveredNotices: 0, revocations: 0, idempotencyRecords: 0 },
      outbox: { retrying: 0, dead: 0 },
    });
    expect(notifier.notices({ kind: 'fine-assessed', memberId: MemberFixtures.raj.id })).toMatchObject([{ data: { reason: 'REPLACEMENT', amount: 2_500 } }]);
    const lost = (await library.audit.query({ barcode: 'cormen-1' })).filter((e) => e.actor === 'cron:nightly').map((e) => e.action);
    expect(lost).toEqual(['copy.marked-lost', 'loan.closed-as-lost', 'fine.assessed']);
  });

  it('should say so when another process is running a round', async () => {
    const store = new InMemoryStore();
    const { library, clock } = aLibrary('city', { store });
    clock.set('2026-09-19T06:00:00.000Z');
    const text = await jobLockFor(store).runExclusive(ScheduledJobs.LOCK, () => run(['jobs'], library));
    expect(text).toBe(['jobs skipped at 2026-09-19T06:00:00.000Z: another process is running a round', 'outbox:                 0 waiting to be retried, 0 dead letters', ''].join('\n'));
  });
});
