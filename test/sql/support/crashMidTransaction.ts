/**
 * Child process for the crash test: opens a transaction on the server at argv[2], writes a book,
 * a member and a notice, reports WRITTEN on stdout, then waits forever inside the transaction
 * until the parent kills it with SIGKILL.
 */
import { Book } from '../../../src/domain/catalog/Book.js';
import { Member } from '../../../src/domain/members/Member.js';
import { SqlStore } from '../../../src/infrastructure/sql/SqlStore.js';
import { BookFixtures } from '../../fixtures/catalog.js';
import { MONDAY_MORNING } from '../../fixtures/library.js';
import { MemberFixtures } from '../../fixtures/members.js';

const url = process.argv[2];
if (url === undefined) throw new Error('usage: crashMidTransaction <postgres url>');
const now = new Date(MONDAY_MORNING);
const store = SqlStore.postgres(url, { poolSize: 1 });

await store.transaction(async (tx) => {
  await tx.books.save(Book.catalogue(BookFixtures.designPatterns, now));
  await tx.members.save(Member.register(MemberFixtures.dana, now));
  await tx.outbox.enqueue({ id: 'N-CRASH', idempotencyKey: 'crash', kind: 'welcome', memberId: MemberFixtures.dana.id, payload: {}, createdAt: MONDAY_MORNING });
  process.stdout.write('WRITTEN\n');
  await new Promise<never>(() => undefined);
});
