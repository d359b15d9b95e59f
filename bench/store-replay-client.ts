/**
 * One process of `npm run bench:store`'s Node replay: the statements shelfmark sent for a checkout + return
 * (bench/support/replay.ts's plan, captured from one desk), sent again by `PgDriver` alone, as shelfmark's store
 * sends them: a session per transaction from the pool, each round trip's statements in one turn. No domain, no
 * repositories, no rows read into objects; so this costs Node what the driver and `pg` cost, and shelfmark's ratio to
 * it is what shelfmark's own code costs, while this replay's ratio to pgbench's is what the driver costs.
 * Started by bench/store.ts, as bench/store-client.ts is, with the plan as the first message (`{ plan: ReplayPlan }`);
 * then it warms up and runs as bench/support/deskLoop.ts says.
 */
import { copyOf, isbnOf, memberOf, setUpDesk } from './support/benchTitles.js';
import { shelfmark } from './support/built.js';
import { runDesksUntilTold } from './support/deskLoop.js';
import { replayParams, type ReplayPlan, type ReplayStatement } from './support/replay.js';

const [url, firstArg, desksArg] = process.argv.slice(2);
if (url === undefined || firstArg === undefined || desksArg === undefined || !process.send) {
  throw new Error('bench/store-replay-client.ts is started by bench/store.ts');
}
const desks = Array.from({ length: Number(desksArg) }, (_, i) => Number(firstArg) + i);
const next = <M>(): Promise<M> =>
  new Promise((resolve) => {
    process.once('message', (message) => {
      resolve(message as M);
    });
  });

const { plan } = await next<{ plan: ReplayPlan }>();
const { Library, SqlStore, PgDriver } = await shelfmark();

// Each desk as the captured one stood when its pairs were captured.
const library = Library.create({ store: SqlStore.postgres(url, { poolSize: 1 }), policy: 'city' });
for (const desk of desks) await setUpDesk(library, desk);
await library.close();

/** The plan's statements, by session (transaction) and, within one, by flight (round trip), in the order sent. */
const bySession = new Map<number, Map<number, ReplayStatement[]>>();
for (const statement of plan.statements) {
  let flights = bySession.get(statement.session);
  if (flights === undefined) bySession.set(statement.session, (flights = new Map<number, ReplayStatement[]>()));
  let flight = flights.get(statement.flight);
  if (flight === undefined) flights.set(statement.flight, (flight = []));
  flight.push(statement);
}
const sessions = [...bySession.values()].map((flights) => [...flights.values()]);

const driver = PgDriver.fromUrl(url, desks.length);

async function pair(desk: number, n: number): Promise<void> {
  const values = new Map([
    ['member', memberOf(desk)],
    ['copy', copyOf(desk)],
    ['isbn', isbnOf(desk)],
  ]);
  const base = (desk * 10_000_000 + n) * 64;
  for (const flights of sessions) {
    const session = await driver.acquire();
    try {
      for (const flight of flights) await Promise.all(flight.map((s) => session.query(s.text, replayParams(s, values, n, base))));
    } finally {
      session.release();
    }
  }
}

const pairs = new Map(desks.map((desk) => [desk, 0]));
const once = (desk: number): Promise<void> => {
  const n = (pairs.get(desk) ?? 0) + 1;
  pairs.set(desk, n);
  return pair(desk, n);
};
await runDesksUntilTold(desks, once, () => driver.close());
