import type { FineStrategy } from '../fines/FineStrategy.js';
import { NO_REMINDERS, type ReminderSchedule } from '../lending/Reminders.js';
import type { MemberPlan, MemberType } from '../members/Member.js';
import { Money } from '../shared/Money.js';
import { buildFineStrategy, type FineRule } from './FineRule.js';
import { PolicyError } from './PolicyError.js';

/** The numbers one kind of member lends under. Everything a seed disagrees on lives here, not in code. */
export interface CirculationRule {
  readonly loanDays: number;
  readonly renewalDays: number;
  readonly maxActiveLoans: number;
  readonly maxRenewals: number;
  /** A loan more than this many days overdue cannot be renewed (0: no overdue renewals). */
  readonly maxOverdueDaysToRenew: number;
  /** How long a returned copy waits on the hold shelf; null: until picked up or cancelled. */
  readonly pickupWindowHours: number | null;
  readonly maxActiveReservations: number;
  /** Checkouts and renewals are refused while the balance is above this; null: fines never block. */
  readonly blockingFineThreshold: number | null;
  readonly fine: FineRule;
}

export interface RuleMatch {
  readonly memberType?: MemberType;
  readonly plan?: MemberPlan;
}

export interface PolicyEntry {
  readonly id: string;
  readonly match: RuleMatch;
  readonly rule: CirculationRule;
}

export interface PolicyDefinition {
  readonly name: string;
  readonly source: string;
  readonly currency: string;
  /** Flat charges in minor units, added at return or loss (seed 002). */
  readonly charges: {
    readonly damaged: number;
    readonly lost: number;
    /** Replacement fee for a lost copy with no price of its own. */
    readonly defaultReplacement: number;
  };
  /** Most specific match wins: member type + plan, then type, then plan, then the entry with an empty match. */
  readonly entries: readonly PolicyEntry[];
  /** Due-date reminders and overdue notices sent by the scheduled jobs. Absent: none. */
  readonly reminders?: ReminderSchedule;
  /** An open loan this many calendar days past due is declared lost and the replacement fee charged (seed 001: 60). Absent or null: never. */
  readonly lostAfterDaysOverdue?: number | null;
}

export interface ResolvedRule extends CirculationRule {
  readonly entryId: string;
  readonly fineStrategy: FineStrategy;
  readonly currency: string;
}

/** Circulation policy as data, looked up by member type and plan. */
export class CirculationPolicy {
  private readonly strategies = new Map<string, FineStrategy>();

  constructor(readonly definition: PolicyDefinition) {
    CirculationPolicy.validate(definition);
    for (const entry of definition.entries) this.strategies.set(entry.id, buildFineStrategy(entry.rule.fine, definition.currency));
  }

  get currency(): string {
    return this.definition.currency;
  }

  ruleFor(member: { readonly type: MemberType; readonly plan: MemberPlan }): ResolvedRule {
    const candidates = this.definition.entries
      .filter((e) => (e.match.memberType ?? member.type) === member.type && (e.match.plan ?? member.plan) === member.plan)
      .map((e) => ({ entry: e, specificity: (e.match.memberType ? 2 : 0) + (e.match.plan ? 1 : 0) }))
      .sort((a, b) => b.specificity - a.specificity);
    const best = candidates[0]?.entry;
    if (!best) {
      throw new PolicyError('INVALID_POLICY', `policy ${this.definition.name} has no rule for ${member.type}/${member.plan}`, {
        memberType: member.type,
        plan: member.plan,
      });
    }
    const strategy = this.strategies.get(best.id);
    if (!strategy) throw new PolicyError('INVALID_POLICY', `no fine strategy for entry ${best.id}`);
    return { ...best.rule, entryId: best.id, fineStrategy: strategy, currency: this.currency };
  }

  blockingThreshold(rule: CirculationRule): Money | null {
    return rule.blockingFineThreshold === null ? null : Money.of(rule.blockingFineThreshold, this.currency);
  }

  damagedCharge(): Money {
    return Money.of(this.definition.charges.damaged, this.currency);
  }

  lostCharge(): Money {
    return Money.of(this.definition.charges.lost, this.currency);
  }

  defaultReplacement(): Money {
    return Money.of(this.definition.charges.defaultReplacement, this.currency);
  }

  get reminders(): ReminderSchedule {
    return this.definition.reminders ?? NO_REMINDERS;
  }

  get lostAfterDaysOverdue(): number | null {
    return this.definition.lostAfterDaysOverdue ?? null;
  }

  private static validate(d: PolicyDefinition): void {
    const fail = (why: string): never => {
      throw new PolicyError('INVALID_POLICY', `policy ${d.name}: ${why}`);
    };
    Money.zero(d.currency);
    if (!d.entries.some((e) => e.match.memberType === undefined && e.match.plan === undefined)) {
      const types = new Set(d.entries.map((e) => e.match.memberType));
      if (!(types.has('STUDENT') && types.has('FACULTY') && types.has('PUBLIC'))) fail('needs a default entry or one per member type');
    }
    const wholeNonNegative = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;
    for (const { id, rule } of d.entries) {
      const counts = [rule.loanDays, rule.renewalDays, rule.maxActiveLoans, rule.maxRenewals, rule.maxOverdueDaysToRenew, rule.maxActiveReservations];
      if (!counts.every(wholeNonNegative)) fail(`entry ${id} has a negative or fractional limit`);
      if (rule.loanDays === 0) fail(`entry ${id} lends for zero days`);
      if (rule.pickupWindowHours !== null && !(rule.pickupWindowHours > 0)) fail(`entry ${id} has a non-positive pickup window`);
      if (rule.blockingFineThreshold !== null && !wholeNonNegative(rule.blockingFineThreshold)) fail(`entry ${id} has an invalid fine threshold`);
    }
    for (const charge of Object.values(d.charges)) if (!wholeNonNegative(charge)) fail('charges must be non-negative minor units');
    const positive = (n: number): boolean => Number.isSafeInteger(n) && n > 0;
    if (d.reminders) {
      const { daysBeforeDue, overdueEveryDays } = d.reminders;
      if (!daysBeforeDue.every(positive)) fail('reminder days before due must be positive whole numbers');
      if (overdueEveryDays !== null && !positive(overdueEveryDays)) fail('overdue reminders must repeat every positive whole number of days');
    }
    if (d.lostAfterDaysOverdue != null && !positive(d.lostAfterDaysOverdue)) fail('lostAfterDaysOverdue must be a positive whole number of days');
  }
}
