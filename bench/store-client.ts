/**
 * One process of `npm run bench:store`'s shelfmark side: an application instance with its own pool, whose
 * desks (clients) each borrow and return their own copy of their own title in a loop (bench/support/benchTitles.ts
 * numbers them). Started by bench/store.ts, which passes the database URL, the number of the first desk and the
 * number of desks in argv and says when to start over IPC. The library is the built one (bench/support/built.ts).
 *
 * It warms up, says it is ready and runs as bench/support/deskLoop.ts says.
 */
import { addDesk } from './support/benchTitles.js';
import { shelfmark } from './support/built.js';
import { runDesksUntilTold } from './support/deskLoop.js';

const [url, firstArg, desksArg] = process.argv.slice(2);
if (url === undefined || firstArg === undefined || desksArg === undefined || !process.send) {
  throw new Error('bench/store-client.ts is started by bench/store.ts');
}
const desks = Number(desksArg);

const { Library, SqlStore } = await shelfmark();
const library = Library.create({ store: SqlStore.postgres(url, { poolSize: desks }), policy: 'city' });
const members: { readonly memberId: string; readonly barcode: string }[] = [];
for (let i = 0; i < desks; i++) members.push(await addDesk(library, Number(firstArg) + i));
await runDesksUntilTold(
  members,
  async (m) => {
    await library.circulation.checkOut({ memberId: m.memberId, barcode: m.barcode });
    await library.circulation.returnCopy({ barcode: m.barcode });
  },
  () => library.close(),
);
