import type { Command } from 'commander';
import { Library } from '../../../Library.js';

interface JobsOptions {
  readonly json?: boolean;
  readonly as: string;
}

/**
 * `shelfmark jobs`: runs the scheduled jobs once against the process-wide library (the one the
 * entry point configured with `Library.configure`), waits for the notices due now to be delivered,
 * and prints what it did and what the outbox still holds. Meant for cron, daily or more often;
 * running it twice sends nothing twice.
 */
export function register(program: Command, library: () => Library = () => Library.getInstance()): void {
  program
    .command('jobs')
    .description('run the scheduled jobs once: expire pickup windows, e-loans and claim windows, auto-renew, declare long-overdue loans lost, send reminders and overdue notices')
    .option('--json', 'print the report as JSON')
    .option('--as <actor>', 'who the audit log records for the changes', 'system:jobs')
    .action(async (options: JobsOptions) => {
      const lib = library();
      const jobs = await lib.as(options.as).runDueJobs();
      await lib.idle();
      const outbox = { retrying: (await lib.notifications.list({ status: 'PENDING' })).length, dead: (await lib.notifications.deadLetters()).length };
      if (options.json === true) {
        process.stdout.write(`${JSON.stringify({ ...jobs, outbox }, null, 2)}\n`);
        return;
      }
      const { dueSoon, dueToday, overdue } = jobs.reminders;
      const lines = jobs.skipped
        ? [`jobs skipped at ${jobs.ranAt}: another process is running a round`]
        : [
            `jobs ran at ${jobs.ranAt}`,
            `pickup windows expired: ${jobs.pickupsExpired}`,
            `e-loans expired:        ${jobs.digitalLoansExpired}`,
            `claim windows expired:  ${jobs.claimsExpired}`,
            `loans auto-renewed:     ${jobs.autoRenewal.renewed} renewed, ${jobs.autoRenewal.refused} refused`,
            `loans declared lost:    ${jobs.loansDeclaredLost}`,
            `reminders due:          ${dueSoon} due soon, ${dueToday} due today, ${overdue} overdue`,
          ];
      lines.push(`outbox:                 ${outbox.retrying} waiting to be retried, ${outbox.dead} dead letters`);
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
