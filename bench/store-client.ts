/**
 * One process of `npm run bench:store`'s shelfmark side: an application instance with its own pool, whose
 * desks (clients) each borrow and return their own copy of their own title in a loop (bench/support/benchTitles.ts
 * numbers them). Started by bench/store.ts, which passes the database URL, the number of the first desk and the
 * number of desks in argv and says when to start over IPC.
 *
 *   parent → child: { go: <deadline, ms since epoch> }
 *   child → parent: { ready: true } after the warm-up, then { transactions, seconds, cpuMicros }
 */
import { Library } from '../src/Library.js';
import { SqlStore } from '../src/infrastructure/sql/SqlStore.js';
import { addDesk } from './support/benchTitles.js';

const [url, firstArg, desksArg] = process.argv.slice(2);
if (url === undefined || firstArg === undefined || desksArg === undefined || !process.send) {
  throw new Error('bench/store-client.ts is started by bench/store.ts');
}
const send = (message: object): void => {
  process.send?.(message);
};
const desks = Number(desksArg);

const library = Library.create({ store: SqlStore.postgres(url, { poolSize: desks }), policy: 'city' });
const members: { readonly memberId: string; readonly barcode: string }[] = [];
for (let i = 0; i < desks; i++) members.push(await addDesk(library, Number(firstArg) + i));
// Warm-up: open every connection and prepare every statement once.
await Promise.all(
  members.map(async (m) => {
    await library.circulation.checkOut({ memberId: m.memberId, barcode: m.barcode });
    await library.circulation.returnCopy({ barcode: m.barcode });
  }),
);

const deadline = await new Promise<number>((resolve) => {
  process.once('message', (message: { go: number }) => {
    resolve(message.go);
  });
  send({ ready: true });
});

let transactions = 0;
const cpu = process.cpuUsage();
const started = process.hrtime.bigint();
await Promise.all(
  members.map(async (m) => {
    while (Date.now() < deadline) {
      await library.circulation.checkOut({ memberId: m.memberId, barcode: m.barcode });
      await library.circulation.returnCopy({ barcode: m.barcode });
      transactions += 2;
    }
  }),
);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const used = process.cpuUsage(cpu);
await library.close();
send({ transactions, seconds, cpuMicros: used.user + used.system });
process.disconnect();
