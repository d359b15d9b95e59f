/** Checkout + return pairs each desk runs before the measured window: connections open, statements prepared, code optimised. */
export const WARM_UP_PAIRS = 20;

/**
 * The measured part of a bench:store child process (bench/store-client.ts, bench/store-replay-client.ts): warm up
 * (`WARM_UP_PAIRS` per desk), say ready, wait for the parent's deadline, run every desk's checkout + return in a loop
 * until then, and report what was done.
 *
 *   parent → child: { go: <deadline, ms since epoch> }
 *   child → parent: { ready: true }, then { transactions, seconds, cpuMicros } (after `close`)
 */
export async function runDesksUntilTold<D>(desks: readonly D[], pair: (desk: D) => Promise<void>, close: () => Promise<void>): Promise<void> {
  const send = (message: object): void => {
    process.send?.(message);
  };
  await Promise.all(
    desks.map(async (desk) => {
      for (let i = 0; i < WARM_UP_PAIRS; i++) await pair(desk);
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
    desks.map(async (desk) => {
      while (Date.now() < deadline) {
        await pair(desk);
        transactions += 2;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  await close();
  send({ transactions, seconds, cpuMicros: used.user + used.system });
  process.disconnect();
}
