import { performance } from 'node:perf_hooks';
import { Option, type Command } from 'commander';
import { POLICY_PRESETS } from '../../../domain/policy/presets.js';
import { createServer } from '../../http/createServer.js';
import { processContext, type CliContext } from '../CliContext.js';
import { openLibrary, port, withStoreOptions, type StoreFlags } from '../configured.js';
import { bootstrapAdmin, presetAdminToken } from '../serve/bootstrapAdmin.js';
import { startSip2 } from '../serve/sip2.js';
import { JobSchedule } from '../serve/JobSchedule.js';
import { describeStore } from '../../../composition/config/runtime.js';
import { jobsRound, type JobsRoundReport } from './jobs.js';

export type ServeOptions = StoreFlags;

/**
 * `shelfmark serve`: the HTTP API, OpenAPI document and counter page over the configured library,
 * with the outbox delivered on the configured channels and the scheduled jobs run on the configured
 * interval. SIGINT or SIGTERM stops taking requests, lets the running job round finish and closes the store.
 */
export function register(program: Command, context: CliContext = processContext()): void {
  withStoreOptions(
    program.command('serve').description('serve the HTTP API (/api), its OpenAPI document (/openapi.json) and the counter page (/counter); deliver notices and run the jobs'),
  )
    .addOption(new Option('-p, --port <port>', 'TCP port (default 8080, or http.port)').argParser(port))
    .addOption(new Option('--host <host>', 'address to listen on (default 127.0.0.1, or http.host)'))
    .addOption(new Option('--policy <preset>', 'circulation policy preset (default college, or policy)').choices(Object.keys(POLICY_PRESETS)))
    .action(async (options: ServeOptions) => {
      const adminPreset = presetAdminToken(context.env);
      const { loaded, opened, library } = await openLibrary(context, options, { verifySmtp: true });
      const { config } = loaded;
      const store = describeStore(config);
      if (store.kind === 'memory') context.stderr('shelfmark: no store configured: state is in memory and lost at exit\n');
      if (opened.media.length === 0) context.stderr('shelfmark: no notice channel configured: notices wait in the outbox\n');
      await buildSearch(library, context);
      const server = await createServer(library, { logger: { level: 'info' }, ...(opened.sessionSecret ? { sessionSecret: opened.sessionSecret } : {}) });
      let admin: Awaited<ReturnType<typeof bootstrapAdmin>>;
      let address: string;
      let sip2: Awaited<ReturnType<typeof startSip2>> | null = null;
      try {
        admin = await bootstrapAdmin(server, adminPreset);
        address = await server.listen({ port: config.http.port, host: config.http.host });
        // the SIP2 server for self-check kiosks, when the configuration names its port
        if (config.sip2.port !== undefined) sip2 = await startSip2(library, loaded, context, config.sip2.port);
      } catch (error) {
        await server.close();
        await library.close(); // a port in use must not leave the store's connections holding the process open
        throw error;
      }
      library.notifications.start(config.notices.pollSeconds * 1000);
      const schedule =
        config.jobs === false
          ? null
          : new JobSchedule(
              async () => {
                const report = await jobsRound(library, 'system:jobs');
                context.stderr(`shelfmark: ${jobsLogLine(report)}\n`);
              },
              config.jobs.intervalMinutes * 60_000,
              (error) => { context.stderr(`shelfmark: jobs round failed: ${error instanceof Error ? error.message : String(error)}\n`); },
            );
      context.stderr(`shelfmark serving ${address} (counter page: ${address}/counter) on ${store.kind} store ${store.where}\n`);
      if (sip2) context.stderr(`shelfmark serving ${sip2.address} for self-check kiosks\n`);
      if (admin?.shown === true) context.stderr(`admin token (shown once): ${admin.token}\n`);
      schedule?.start();
      let stopping: Promise<void> | null = null;
      const stop = (): void => {
        stopping ??= (async () => {
          await schedule?.stop();
          await sip2?.server.close();
          await server.close();
          await library.close();
          context.stderr('shelfmark: stopped\n');
        })();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}

/** Builds the search index before listening (on a SQL store, streamed from the database), and says how long it took. */
async function buildSearch(library: Awaited<ReturnType<typeof openLibrary>>['library'], context: CliContext): Promise<void> {
  const started = performance.now();
  try {
    await library.searchReady();
  } catch (error) {
    await library.close();
    throw error;
  }
  context.stderr(`shelfmark: search index ready in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

/** One line of serve's log per job round: what it did, or that another process held the round. */
function jobsLogLine(report: JobsRoundReport): string {
  if (report.skipped) return `jobs skipped at ${report.ranAt}: another process is running a round`;
  const { dueSoon, dueToday, overdue } = report.reminders;
  return (
    `jobs ran at ${report.ranAt}: ${report.pickupsExpired} pickups expired, ${report.digitalLoansExpired} e-loans expired, ` +
    `${report.claimsExpired} claim windows expired, ${report.autoRenewal.renewed} auto-renewed, ${report.finesAccrued} fines accrued, ` +
    `${report.loansDeclaredLost} declared lost, reminders ${dueSoon}/${dueToday}/${overdue}, ${report.cardExpiryNotices} card expiry notices, pruned ${report.pruned.deliveredNotices} delivered notices, ` +
    `${report.pruned.revocations} token revocations, ${report.pruned.idempotencyRecords} idempotency records`
  );
}
