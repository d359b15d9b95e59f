/**
 * A CPU profile of checkout + return on PostgreSQL: the driver behind `npm run bench:store:profile`.
 *
 *   npm run bench:store:profile   (node --cpu-prof … bench/store-profile.ts, then bench/support/topFrames.ts on it)
 *   PROFILE_LOANS=4000 PROFILE_DESKS=8 …   (checkout+return pairs in the measured window; desks side by side)
 *
 * One process, one pool, `PROFILE_DESKS` desks each borrowing and returning its own copy of its own title, the same
 * loop as bench/store-client.ts. It prints the Node CPU time per checkout+return of the measured window and writes that
 * window (monotonic microseconds, the clock V8's profiler stamps its samples with) to `<dir>/window.json`, so
 * bench/support/topFrames.ts can rank the functions by self time inside it, leaving start-up and migrations out.
 * The library is the built one (`npm run build` first; bench/support/built.ts), or the sources with BENCH_SOURCE=1.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { addDesk } from './support/benchTitles.js';
import { shelfmark, shelfmarkOrigin } from './support/built.js';
import { adminStatement } from './support/postgres.js';

const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const LOANS = Number(process.env.PROFILE_LOANS ?? 4000);
const DESKS = Number(process.env.PROFILE_DESKS ?? 8);
const DIR = process.env.PROFILE_DIR ?? 'bench/results/profiles';
const DATABASE = 'shelfmark_bench_profile';

await adminStatement(SERVER, `DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
await adminStatement(SERVER, `CREATE DATABASE ${DATABASE}`);
const url = new URL(SERVER);
url.pathname = `/${DATABASE}`;

const { Library, SqlStore } = await shelfmark();
const library = Library.create({ store: SqlStore.postgres(url.toString(), { poolSize: DESKS }), policy: 'city' });
const members: { readonly memberId: string; readonly barcode: string }[] = [];
for (let desk = 0; desk < DESKS; desk++) members.push(await addDesk(library, desk));

async function loop(pairsPerDesk: number): Promise<void> {
  await Promise.all(
    members.map(async (m) => {
      for (let i = 0; i < pairsPerDesk; i++) {
        await library.circulation.checkOut({ memberId: m.memberId, barcode: m.barcode });
        await library.circulation.returnCopy({ barcode: m.barcode });
      }
    }),
  );
}

await loop(50); // warm-up: connections open, statements prepared, functions optimised
const perDesk = Math.ceil(LOANS / DESKS);
const cpu = process.cpuUsage();
const from = process.hrtime.bigint() / 1000n;
await loop(perDesk);
const to = process.hrtime.bigint() / 1000n;
const used = process.cpuUsage(cpu);
await library.close();
await adminStatement(SERVER, `DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);

const pairs = perDesk * DESKS;
const seconds = Number(to - from) / 1e6;
mkdirSync(DIR, { recursive: true });
writeFileSync(`${DIR}/window.json`, JSON.stringify({ from: Number(from), to: Number(to) }));
console.log(
  `${shelfmarkOrigin()}: ${pairs} checkout+return pairs at ${DESKS} desks in ${seconds.toFixed(2)} s: ${(pairs / seconds).toFixed(0)} pairs/s, ` +
    `Node CPU ${((used.user + used.system) / pairs).toFixed(0)} µs per checkout+return (user ${(used.user / pairs).toFixed(0)}, system ${(used.system / pairs).toFixed(0)})`,
);
