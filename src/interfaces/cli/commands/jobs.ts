import type { Command } from 'commander';
import type { JobReport } from '../../../application/ScheduledJobs.js';
import type { Library } from '../../../Library.js';
import { processContext, type CliContext } from '../CliContext.js';
import { openLibrary, withStoreOptions, type StoreFlags } from '../configured.js';

interface JobsOptions extends StoreFlags {
  readonly json?: boolean;
  readonly as: string;
}

/** One round of the scheduled jobs as `actor`, then the notices due now delivered, and what the outbox still holds. */
/** A job round's report plus what the outbox still holds afterwards. */
export type JobsRoundReport = JobReport & { readonly outbox: { readonly retrying: number; readonly dead: number } };

export async function jobsRound(library: Library, actor: string): Promise<JobsRoundReport> {
  const jobs = await library.as(actor).runDueJobs();
  await library.idle();
  const outbox = { retrying: (await library.notifications.list({ status: 'PENDING' })).length, dead: (await library.notifications.deadLetters()).length };
  return { ...jobs, outbox };
}

export function renderJobs(report: JobsRoundReport): string {
  const { dueSoon, dueToday, overdue } = report.reminders;
  const lines = report.skipped
    ? [`jobs skipped at ${report.ranAt}: another process is running a round`]
    : [
        `jobs ran at ${report.ranAt}`,
        `pickup windows expired: ${report.pickupsExpired}`,
        `holds resumed:          ${report.holdsResumed}`,
        `holds lapsed:           ${report.holdsLapsed}`,
        `e-loans expired:        ${report.digitalLoansExpired}`,
        `claim windows expired:  ${report.claimsExpired}`,
        `loans auto-renewed:     ${report.autoRenewal.renewed} renewed, ${report.autoRenewal.refused} refused`,
        `fines accrued:          ${report.finesAccrued}`,
        `loans declared lost:    ${report.loansDeclaredLost}`,
        `reminders due:          ${dueSoon} due soon, ${dueToday} due today, ${overdue} overdue`,
        `card expiry notices:    ${report.cardExpiryNotices}`,
        `pruned:                 ${report.pruned.deliveredNotices} delivered notices, ${report.pruned.revocations} token revocations, ${report.pruned.idempotencyRecords} idempotency records`,
      ];
  lines.push(`outbox:                 ${report.outbox.retrying} waiting to be retried, ${report.outbox.dead} dead letters`);
  return lines.join('\n');
}

/**
 * `shelfmark jobs`: one round of the scheduled jobs on the configured store, then waits for the
 * notices due now to be delivered, and prints what it did and what the outbox still holds. Meant for
 * cron; running it twice sends nothing twice.
 */
export function register(program: Command, context: CliContext = processContext()): void {
  withStoreOptions(
    program
      .command('jobs')
      .description('run the scheduled jobs once on the configured store: expire pickup windows, e-loans and claim windows, auto-renew, declare long-overdue loans lost, send reminders and overdue notices'),
  )
    .option('--json', 'print the report as JSON')
    .option('--as <actor>', 'who the audit log records for the changes', 'system:jobs')
    .action(async (options: JobsOptions) => {
      const { library } = await openLibrary(context, options, { verifySmtp: true });
      try {
        const report = await jobsRound(library, options.as);
        context.stdout(`${options.json === true ? JSON.stringify(report, null, 2) : renderJobs(report)}\n`);
      } finally {
        await library.close();
      }
    });
}
