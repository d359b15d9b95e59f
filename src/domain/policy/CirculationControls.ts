import type { DueDateAdjustmentName } from '../calendar/DueDateAdjustment.js';
import type { LateDayCountingName } from '../calendar/LateDayCounting.js';
import type { DueDateCapName } from './DueDateCap.js';
import type { FineAccrualName } from '../fines/FineAccrual.js';
import type { FineRule } from './FineRule.js';
import type { RenewalBaseName } from './RenewalBase.js';

/**
 * The controls real circulation systems add to the presets' flat numbers. Every one is optional on a rule and
 * defaults to the engine's original behaviour (`DEFAULT_CONTROLS`), so existing policies keep their meaning.
 */
export interface CalendarControls {
  /** What happens to a due date on a closed day. Default NEXT_OPEN_DAY (no effect without a calendar). */
  readonly dueDateAdjustment?: DueDateAdjustmentName;
  /** Pickup window counted in open days, ending at closing time of the last one; overrides `pickupWindowHours`. */
  readonly pickupOpenDays?: number;
  /** Whether fines charge days the branch is closed. Default ALL_DAYS. */
  readonly fineDays?: LateDayCountingName;
}

export interface RenewalControls {
  /** No renewal earlier than this many days before the due date. Default: any time. */
  readonly notBeforeDaysToDue?: number;
  /** Renewed automatically by the jobs on the due date when nothing blocks it. Default false. */
  readonly autoRenew?: boolean;
  /** No automatic renewal that would end the loan more than this many days after checkout. Default: no limit. */
  readonly noAutoRenewAfterDays?: number;
  /** Renew despite waiting holds when the title's other copies in circulation can satisfy them. Default false. */
  readonly allowWithHoldsWhenOtherCopiesCanSatisfy?: boolean;
  /** What the renewal period is counted from: the current due date, or the moment of the renewal. Default DUE_DATE. */
  readonly base?: RenewalBaseName;
}

export interface RecallRule {
  /** A recalled loan is never shorter than this, counted from checkout. */
  readonly guaranteedLoanDays: number;
  /** A recall makes the loan due this many days after the recall, unless that would be later than before. */
  readonly recallDueDays: number;
  /** Fine for a recalled loan returned late; default: the rule's own fine. */
  readonly fine?: FineRule;
}

export interface LostItemRule {
  /**
   * The jobs declare a loan lost once it is this many days overdue (`daysLate`: every started day past the due
   * instant counts); null: never automatically. A rule without `lost` takes the policy's `lostAfterDaysOverdue`.
   */
  readonly ageToLostAfterDaysOverdue: number | null;
  /** Charged with the replacement price, in minor units; kept when the copy comes back. Default: the policy's lost charge. */
  readonly processingFee?: number;
  /** A lost copy returned within this many days of being declared lost refunds the replacement fee and restores the overdue fine; null: never. */
  readonly refundWindowDays: number | null;
}

export interface AutomaticBlockLimits {
  /** Block when this many loans or more are overdue. */
  readonly maxOverdueLoans?: number;
  /** Block when this many items or more were lost by the member. */
  readonly maxLostItems?: number;
}

export interface CirculationControls {
  /** Hourly loans (short loan): the loan lasts this many hours and ends at closing time at the latest; replaces `loanDays`. */
  readonly loanHours?: number;
  readonly calendar?: CalendarControls;
  readonly renewal?: RenewalControls;
  readonly recall?: RecallRule;
  readonly lost?: LostItemRule;
  readonly blocks?: AutomaticBlockLimits;
  /** What may cut a due date back: `CARD_EXPIRY` ends a loan (and a renewal) no later than the member's card. Default NONE. */
  readonly dueDateCap?: DueDateCapName;
  /** When an overdue fine is charged: `AT_RETURN` (once, when the loan ends), or `DAILY` (the jobs accrue it). Default AT_RETURN. */
  readonly fineAccrual?: FineAccrualName;
}

/** Resolved controls: the defaults filled in. */
export interface ResolvedControls {
  readonly loanHours: number | null;
  readonly calendar: Required<Omit<CalendarControls, 'pickupOpenDays'>> & { readonly pickupOpenDays: number | null };
  readonly renewal: {
    readonly notBeforeDaysToDue: number | null;
    readonly autoRenew: boolean;
    readonly noAutoRenewAfterDays: number | null;
    readonly allowWithHoldsWhenOtherCopiesCanSatisfy: boolean;
    readonly base: RenewalBaseName;
  };
  readonly recall: RecallRule | null;
  readonly lost: { readonly ageToLostAfterDaysOverdue: number | null; readonly processingFee: number | null; readonly refundWindowDays: number | null };
  readonly blocks: { readonly maxOverdueLoans: number | null; readonly maxLostItems: number | null };
  readonly dueDateCap: DueDateCapName;
  readonly fineAccrual: FineAccrualName;
}

/** Policy-wide values a rule falls back to when it sets none of its own. */
export interface ControlDefaults {
  readonly ageToLostAfterDaysOverdue?: number | null;
}

export function resolveControls(c: CirculationControls, defaults: ControlDefaults = {}): ResolvedControls {
  return {
    loanHours: c.loanHours ?? null,
    calendar: {
      dueDateAdjustment: c.calendar?.dueDateAdjustment ?? 'NEXT_OPEN_DAY',
      fineDays: c.calendar?.fineDays ?? 'ALL_DAYS',
      pickupOpenDays: c.calendar?.pickupOpenDays ?? null,
    },
    renewal: {
      notBeforeDaysToDue: c.renewal?.notBeforeDaysToDue ?? null,
      autoRenew: c.renewal?.autoRenew ?? false,
      noAutoRenewAfterDays: c.renewal?.noAutoRenewAfterDays ?? null,
      allowWithHoldsWhenOtherCopiesCanSatisfy: c.renewal?.allowWithHoldsWhenOtherCopiesCanSatisfy ?? false,
      base: c.renewal?.base ?? 'DUE_DATE',
    },
    recall: c.recall ?? null,
    lost: {
      ageToLostAfterDaysOverdue: c.lost ? c.lost.ageToLostAfterDaysOverdue : (defaults.ageToLostAfterDaysOverdue ?? null),
      processingFee: c.lost?.processingFee ?? null,
      refundWindowDays: c.lost?.refundWindowDays ?? null,
    },
    blocks: { maxOverdueLoans: c.blocks?.maxOverdueLoans ?? null, maxLostItems: c.blocks?.maxLostItems ?? null },
    dueDateCap: c.dueDateCap ?? 'NONE',
    fineAccrual: c.fineAccrual ?? 'AT_RETURN',
  };
}

/** The whole non-negative numbers among the controls, named for validation messages. */
export function controlCounts(c: CirculationControls): Readonly<Record<string, number | undefined>> {
  return {
    loanHours: c.loanHours,
    pickupOpenDays: c.calendar?.pickupOpenDays,
    notBeforeDaysToDue: c.renewal?.notBeforeDaysToDue,
    noAutoRenewAfterDays: c.renewal?.noAutoRenewAfterDays,
    guaranteedLoanDays: c.recall?.guaranteedLoanDays,
    recallDueDays: c.recall?.recallDueDays,
    ageToLostAfterDaysOverdue: c.lost?.ageToLostAfterDaysOverdue ?? undefined,
    processingFee: c.lost?.processingFee,
    refundWindowDays: c.lost?.refundWindowDays ?? undefined,
    maxOverdueLoans: c.blocks?.maxOverdueLoans,
    maxLostItems: c.blocks?.maxLostItems,
  };
}
