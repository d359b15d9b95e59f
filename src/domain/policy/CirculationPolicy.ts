import { BranchCalendar, type CalendarDefinition } from '../calendar/BranchCalendar.js';
import { LOAN_CATEGORIES, type LoanCategory } from '../catalog/LoanCategory.js';
import { MATERIAL_TYPES, type MaterialType } from '../catalog/MaterialType.js';
import type { FineStrategy } from '../fines/FineStrategy.js';
import { NO_REMINDERS, type ReminderSchedule } from '../lending/Reminders.js';
import { MEMBER_PLANS, MEMBER_TYPES, type MemberPlan, type MemberType } from '../members/Member.js';
import { Money } from '../shared/Money.js';
import { buildFineStrategy, type FineRule } from './FineRule.js';
import { DUE_DATE_CAPS } from './DueDateCap.js';
import { FINE_ACCRUALS } from '../fines/FineAccrual.js';
import { controlCounts, resolveControls, type CirculationControls, type ResolvedControls } from './CirculationControls.js';
import { PolicyError } from './PolicyError.js';
import { RENEWAL_BASES } from './RenewalBase.js';
import { DUE_DATE_ADJUSTMENTS } from '../calendar/DueDateAdjustment.js';
import { LATE_DAY_COUNTING } from '../calendar/LateDayCounting.js';

/** The numbers one kind of member lends under. Everything libraries disagree on lives here, not in code. */
export interface CirculationRule extends CirculationControls {
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

/** What an entry applies to; a field left out matches anything. */
export interface RuleMatch {
  readonly memberType?: MemberType;
  readonly plan?: MemberPlan;
  /** The copy's loan category. */
  readonly itemType?: LoanCategory;
  /** The material type of the copy's record (`Book.materialType`: BOOK, DVD, MAP, …). */
  readonly materialType?: MaterialType;
  /** The branch that owns the copy. */
  readonly branch?: string;
}

/**
 * Who borrows what, and where: the facts an entry is matched against. Without a copy, only entries that ignore item
 * type, material type and branch apply; the material type is given only when the policy matches on it (`matchesOn`).
 */
export interface RuleContext {
  readonly memberType: MemberType;
  readonly plan: MemberPlan;
  readonly itemType?: LoanCategory;
  readonly materialType?: MaterialType;
  readonly branch?: string;
}

/**
 * How much each matched field counts. The weights are powers of two, so a more important field always wins:
 * branch, then member type, then item type, then material type, then plan; an empty match (0) is the default. Ties go
 * to the entry listed first. The copy's own loan category outranks its record's material type: it is set copy by copy,
 * so it is the more specific decision (a DVD put on short loan lends as a short loan), as Koha's item-level item type
 * overrides the record's and FOLIO ranks loan type above material type. Without material types in a policy, every
 * entry is ranked as it was when the weights were 8, 4, 2 and 1.
 */
export const MATCH_WEIGHTS = { branch: 16, memberType: 8, itemType: 4, materialType: 2, plan: 1 } as const satisfies Record<keyof RuleMatch, number>;
const MATCH_FIELDS = Object.keys(MATCH_WEIGHTS) as (keyof RuleMatch)[];
/** The fields that describe a copy: a context without a copy has none of them. */
const COPY_FIELDS = ['itemType', 'materialType', 'branch'] as const satisfies readonly (keyof RuleMatch)[];

/** The names each field of a match may take (branch: any branch code). */
const MATCH_NAMES: Readonly<Record<Exclude<keyof RuleMatch, 'branch'>, readonly string[]>> = {
  memberType: MEMBER_TYPES,
  plan: MEMBER_PLANS,
  itemType: LOAN_CATEGORIES,
  materialType: MATERIAL_TYPES,
};

/** One entry as the matcher saw it: whether it applies, how specific it is, and which fields ruled it out. */
export interface CandidateRule {
  readonly entryId: string;
  readonly match: RuleMatch;
  readonly applies: boolean;
  readonly specificity: number;
  readonly mismatches: readonly (keyof RuleMatch)[];
}

export interface RuleSelection {
  readonly context: RuleContext;
  readonly rule: ResolvedRule;
  /** Every entry, the chosen one first, then the other applicable ones by specificity, then the rest. */
  readonly candidates: readonly CandidateRule[];
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
  /** Flat charges in minor units, added at return or loss. */
  readonly charges: {
    readonly damaged: number;
    readonly lost: number;
    /** Replacement fee for a lost copy with no price of its own. */
    readonly defaultReplacement: number;
  };
  /** Most specific match wins (see MATCH_WEIGHTS), then the entry with an empty match. */
  readonly entries: readonly PolicyEntry[];
  /** Opening days and closed dates per branch; a branch without one is open every day, all day. */
  readonly calendars?: Readonly<Record<string, CalendarDefinition>>;
  /** Due-date reminders and overdue notices sent by the scheduled jobs. Absent: none. */
  readonly reminders?: ReminderSchedule;
  /** The jobs tell a member their card expires this many days ahead (once per expiry). Absent or null: no notice. */
  readonly cardExpiryNoticeDays?: number | null;
  /** Each checkout sends the borrower a receipt (what, and when it is due). Absent: false. */
  readonly checkoutReceipts?: boolean;
  /**
   * Kept for policies written before lost-item rules: the default of every entry's `lost.ageToLostAfterDaysOverdue`
   * when the entry sets no `lost` of its own. Absent or null: never. The jobs read only the rule-level value.
   */
  readonly lostAfterDaysOverdue?: number | null;
}

export interface ResolvedRule extends CirculationRule {
  readonly entryId: string;
  /** What the entry applies to: a rule that names an item type limits the loans of that item type. */
  readonly match: RuleMatch;
  readonly fineStrategy: FineStrategy;
  /** Prices a recalled loan returned late; the rule's own strategy when the recall sets no fine. */
  readonly recallFineStrategy: FineStrategy;
  readonly controls: ResolvedControls;
  readonly currency: string;
}

/** Circulation policy as data, looked up by member type and plan. */
export class CirculationPolicy {
  private readonly resolved = new Map<string, ResolvedRule>();
  private readonly matchedFields: ReadonlySet<keyof RuleMatch>;

  constructor(readonly definition: PolicyDefinition) {
    CirculationPolicy.validate(definition);
    this.matchedFields = new Set(definition.entries.flatMap((e) => MATCH_FIELDS.filter((field) => e.match[field] !== undefined)));
    for (const { id, match, rule } of definition.entries) {
      const fineStrategy = buildFineStrategy(rule.fine, definition.currency);
      const recallFine = rule.recall?.fine;
      this.resolved.set(id, {
        ...rule,
        entryId: id,
        match,
        fineStrategy,
        recallFineStrategy: recallFine ? buildFineStrategy(recallFine, definition.currency) : fineStrategy,
        controls: resolveControls(rule, { ageToLostAfterDaysOverdue: definition.lostAfterDaysOverdue ?? null }),
        currency: definition.currency,
      });
    }
  }

  get currency(): string {
    return this.definition.currency;
  }

  /** The rule for a member, and for a copy when one is given (its loan category and branch, and its record's material type when known). */
  ruleFor(
    member: { readonly type: MemberType; readonly plan: MemberPlan },
    copy?: { readonly loanCategory: LoanCategory; readonly branch: string; readonly materialType?: MaterialType },
  ): ResolvedRule {
    const facts = copy ? { itemType: copy.loanCategory, branch: copy.branch, ...(copy.materialType === undefined ? {} : { materialType: copy.materialType }) } : {};
    return this.select({ memberType: member.type, plan: member.plan, ...facts }).rule;
  }

  /** Whether any entry matches on `field`: a fact no entry names need not be read to choose a rule. */
  matchesOn(field: keyof RuleMatch): boolean {
    return this.matchedFields.has(field);
  }

  /** The most specific entry for `context`, with every entry the matcher considered (for `explain()`). */
  select(context: RuleContext): RuleSelection {
    const candidates = this.definition.entries
      .map((e): CandidateRule => {
        const mismatches = MATCH_FIELDS.filter((field) => e.match[field] !== undefined && e.match[field] !== context[field]);
        const specificity = MATCH_FIELDS.reduce((sum, field) => sum + (e.match[field] === undefined ? 0 : MATCH_WEIGHTS[field]), 0);
        return { entryId: e.id, match: e.match, applies: mismatches.length === 0, specificity, mismatches };
      })
      .sort((a, b) => Number(b.applies) - Number(a.applies) || (a.applies ? b.specificity - a.specificity : 0));
    const best = candidates[0];
    const rule = best?.applies ? this.resolved.get(best.entryId) : undefined;
    if (!rule) {
      throw new PolicyError('INVALID_POLICY', `policy ${this.definition.name} has no rule for ${context.memberType}/${context.plan}`, {
        memberType: context.memberType,
        plan: context.plan,
        itemType: context.itemType ?? null,
        materialType: context.materialType ?? null,
        branch: context.branch ?? null,
      });
    }
    return { context, rule, candidates };
  }

  /** The branch's calendar from the policy; open every day, all day, when the policy has none. */
  calendarFor(branch: string): BranchCalendar {
    const definition = this.definition.calendars?.[branch];
    return definition ? BranchCalendar.define(branch, definition) : BranchCalendar.alwaysOpen(branch);
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

  /** What replacing a copy costs: its own price, or the policy's default replacement fee when it has none. */
  replacementCostOf(copy: { readonly replacementPrice: Money | null }): Money {
    return copy.replacementPrice ?? this.defaultReplacement();
  }

  get reminders(): ReminderSchedule {
    return this.definition.reminders ?? NO_REMINDERS;
  }

  get checkoutReceipts(): boolean {
    return this.definition.checkoutReceipts ?? false;
  }

  /** Days before a card's expiry that the member is told; null: never. */
  get cardExpiryNoticeDays(): number | null {
    return this.definition.cardExpiryNoticeDays ?? null;
  }

  private static validate(d: PolicyDefinition): void {
    const fail = (why: string): never => {
      throw new PolicyError('INVALID_POLICY', `policy ${d.name}: ${why}`);
    };
    Money.zero(d.currency);
    // A member without a copy (a reservation, the member-wide loan limit) is matched only by entries that name no fact of a copy.
    const memberOnly = d.entries.filter((e) => COPY_FIELDS.every((field) => e.match[field] === undefined));
    if (!memberOnly.some((e) => e.match.memberType === undefined && e.match.plan === undefined)) {
      const types = new Set(memberOnly.map((e) => e.match.memberType));
      if (!(types.has('STUDENT') && types.has('FACULTY') && types.has('PUBLIC'))) fail('needs a default entry or one per member type');
    }
    const wholeNonNegative = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;
    for (const { id, match, rule } of d.entries) {
      for (const [field, name] of Object.entries(match) as [string, unknown][]) {
        if (name === undefined) continue;
        if (!Object.hasOwn(MATCH_WEIGHTS, field)) fail(`entry ${id} matches on an unknown field "${field}" (one of ${MATCH_FIELDS.join(', ')})`);
        const names = field === 'branch' ? null : MATCH_NAMES[field as keyof typeof MATCH_NAMES];
        const known = names === null ? typeof name === 'string' && name.trim() !== '' : names.includes(name as string);
        if (!known) fail(`entry ${id} has an unknown match.${field} ${JSON.stringify(name)} (${names === null ? 'a branch code' : `one of ${names.join(', ')}`})`);
      }
      const counts = [rule.loanDays, rule.renewalDays, rule.maxActiveLoans, rule.maxRenewals, rule.maxOverdueDaysToRenew, rule.maxActiveReservations];
      if (!counts.every(wholeNonNegative)) fail(`entry ${id} has a negative or fractional limit`);
      if (rule.loanDays === 0) fail(`entry ${id} lends for zero days`);
      if (rule.pickupWindowHours !== null && !(rule.pickupWindowHours > 0)) fail(`entry ${id} has a non-positive pickup window`);
      if (rule.blockingFineThreshold !== null && !wholeNonNegative(rule.blockingFineThreshold)) fail(`entry ${id} has an invalid fine threshold`);
      for (const [name, n] of Object.entries(controlCounts(rule))) if (n !== undefined && !wholeNonNegative(n)) fail(`entry ${id} has an invalid ${name}`);
      if (rule.loanHours === 0) fail(`entry ${id} lends for zero hours`);
      if (rule.recall && rule.recall.recallDueDays > rule.loanDays) fail(`entry ${id} recalls to a date later than a whole loan`);
      const named: readonly [string, string | undefined, Readonly<Record<string, unknown>>][] = [
        ['calendar.dueDateAdjustment', rule.calendar?.dueDateAdjustment, DUE_DATE_ADJUSTMENTS],
        ['calendar.fineDays', rule.calendar?.fineDays, LATE_DAY_COUNTING],
        ['renewal.base', rule.renewal?.base, RENEWAL_BASES],
        ['dueDateCap', rule.dueDateCap, DUE_DATE_CAPS],
        ['fineAccrual', rule.fineAccrual, FINE_ACCRUALS],
      ];
      for (const [field, name, table] of named) {
        if (name !== undefined && !Object.hasOwn(table, name)) fail(`entry ${id} has an unknown ${field} "${name}" (one of ${Object.keys(table).join(', ')})`);
      }
    }
    for (const [branch, calendar] of Object.entries(d.calendars ?? {})) BranchCalendar.define(branch, calendar);
    for (const charge of Object.values(d.charges)) if (!wholeNonNegative(charge)) fail('charges must be non-negative minor units');
    const positive = (n: number): boolean => Number.isSafeInteger(n) && n > 0;
    if (d.reminders) {
      const { daysBeforeDue, overdueEveryDays } = d.reminders;
      if (!daysBeforeDue.every(positive)) fail('reminder days before due must be positive whole numbers');
      if (overdueEveryDays !== null && !positive(overdueEveryDays)) fail('overdue reminders must repeat every positive whole number of days');
    }
    if (d.cardExpiryNoticeDays != null && !positive(d.cardExpiryNoticeDays)) fail('cardExpiryNoticeDays must be a positive whole number of days');
    if (d.lostAfterDaysOverdue != null && !positive(d.lostAfterDaysOverdue)) fail('lostAfterDaysOverdue must be a positive whole number of days');
  }
}
