/** What a renewal's period is counted from. */
export const RENEWAL_BASE_NAMES = ['DUE_DATE', 'RENEWAL_DATE'] as const;
export type RenewalBaseName = (typeof RENEWAL_BASE_NAMES)[number];

export interface RenewalBase {
  readonly name: RenewalBaseName;
  /** For `explain()` and the docs. */
  readonly description: string;
  /** The instant the renewal period starts from, for a loan due at `dueAt` renewed at `now` (an overdue loan's due date is past: from `now`). */
  from(dueAt: Date, now: Date): Date;
}

/**
 * The two bases circulation systems offer (Koha's `RenewalPeriodBase`, FOLIO's renewal "from current due date" or
 * "from system date"). Either way a renewal never makes a loan end sooner (`LoanTerms.renewedDueDate`).
 */
export const RENEWAL_BASES: Readonly<Record<RenewalBaseName, RenewalBase>> = {
  DUE_DATE: {
    name: 'DUE_DATE',
    description: 'counted from the due date',
    from: (dueAt, now) => new Date(Math.max(now.getTime(), dueAt.getTime())),
  },
  RENEWAL_DATE: {
    name: 'RENEWAL_DATE',
    description: 'counted from the renewal',
    from: (_dueAt, now) => now,
  },
};
