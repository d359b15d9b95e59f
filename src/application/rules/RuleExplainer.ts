import { inject, injectable } from 'inversify';
import type { BranchCalendar } from '../../domain/calendar/BranchCalendar.js';
import type { LoanCategory } from '../../domain/catalog/LoanCategory.js';
import type { MaterialType } from '../../domain/catalog/MaterialType.js';
import type { CandidateRule, RuleContext, RuleMatch } from '../../domain/policy/CirculationPolicy.js';
import { RENEWAL_BASES, type RenewalBaseName } from '../../domain/policy/RenewalBase.js';
import type { FineRule } from '../../domain/policy/FineRule.js';
import { checkoutRefusals, kindWords, loanKindOf } from '../../domain/policy/CheckoutRules.js';
import { LoanTerms } from '../../domain/policy/LoanTerms.js';
import type { Clock } from '../../domain/shared/Clock.js';
import { requireId } from '../../domain/shared/guards.js';
import { Money } from '../../domain/shared/Money.js';
import { requireCopy, requireMember } from '../lookups.js';
import { TOKENS } from '../tokens.js';
import { UnitOfWork } from '../UnitOfWork.js';
import { RuleBook } from './RuleBook.js';

/** Why a rule applied and what it means for one member borrowing one copy now: as data, and as words. */
export interface Explanation {
  readonly memberId: string;
  readonly barcode: string;
  readonly context: RuleContext;
  readonly rule: { readonly entryId: string; readonly match: RuleMatch; readonly specificity: number };
  readonly candidates: readonly (CandidateRule & { readonly reason: string })[];
  readonly dueDate: {
    readonly dueAt: string;
    readonly period: string;
    readonly timeZone: string;
    readonly movedFrom: string | null;
    readonly movedBecause: string | null;
    readonly cappedAtClosing: boolean;
    readonly adjustment: string;
    /** Cut back to the card's expiry (`dueDateCap`). */
    readonly cutAtCardExpiry: boolean;
  };
  readonly fine: { readonly rule: FineRule; readonly description: string; readonly recallDescription: string | null; readonly lateDays: string };
  readonly limits: {
    readonly maxActiveLoans: number;
    /** The loans counted against `maxActiveLoans`: of the item type and material type the rule names, else all. */
    readonly activeLoans: number;
    /** The item type the rule's loan limit counts; null: it names none. */
    readonly loanLimitItemType: LoanCategory | null;
    /** The material type the rule's loan limit counts; null: it names none. */
    readonly loanLimitMaterialType: MaterialType | null;
    /** Under a rule for an item type or a material type, the member's own limit on every loan together; null otherwise. */
    readonly memberWide: { readonly maxActiveLoans: number; readonly activeLoans: number } | null;
    readonly maxRenewals: number;
    readonly renewalDays: number;
    /** What each renewal is counted from (`RENEWAL_BASES`). */
    readonly renewalBase: RenewalBaseName;
    readonly maxActiveReservations: number;
    readonly pickup: string;
    readonly blockingFineThreshold: number | null;
  };
  /** The patron blocks on borrowing: the refusals staff may override. */
  readonly blocks: readonly { readonly code: string; readonly message: string }[];
  /** Every refusal `CHECKOUT_CHECKS` finds for this checkout now, in the order checkOut meets them; empty: it would lend. */
  readonly refusals: readonly { readonly code: string; readonly message: string; readonly overridable: boolean }[];
  /** The same, in sentences for the desk. */
  readonly text: string;
}

const FIELD_WORDS: Readonly<Record<keyof RuleMatch, string>> = {
  branch: 'branch',
  memberType: 'member type',
  itemType: 'item type',
  materialType: 'material type',
  plan: 'plan',
};

function describeMatch(match: RuleMatch): string {
  const parts = (Object.keys(FIELD_WORDS) as (keyof RuleMatch)[]).filter((f) => match[f] !== undefined).map((f) => `${FIELD_WORDS[f]} ${String(match[f])}`);
  return parts.length === 0 ? 'everyone (the default)' : parts.join(' and ');
}

/** Answers "which rule, and why?" for a member and a copy, without changing anything. */
@injectable()
export class RuleExplainer {
  constructor(
    @inject(UnitOfWork) private readonly uow: UnitOfWork,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(RuleBook) private readonly rules: RuleBook,
  ) {}

  async explain(query: { readonly memberId: string; readonly barcode: string }): Promise<Explanation> {
    const memberId = requireId(query.memberId, 'memberId');
    const barcode = requireId(query.barcode, 'barcode');
    return this.uow.run(async (tx) => {
      const now = this.clock.now();
      const [member, item, standing] = await Promise.all([requireMember(tx, memberId), requireCopy(tx, barcode), this.rules.standingOf(tx, memberId)]);
      const selection = await this.rules.select(tx, member, item);
      const { rule, context } = selection;
      const calendar = await this.rules.calendarOf(item.branch);
      const due = LoanTerms.dueDate(rule, calendar, now, member.cardExpiresAt);
      const chosen = selection.candidates[0];
      const candidates = selection.candidates.map((c) => ({
        ...c,
        reason: c.applies
          ? `applies to ${describeMatch(c.match)} (specificity ${c.specificity})`
          : `does not apply: needs ${c.mismatches.map((f) => `${FIELD_WORDS[f]} ${String(c.match[f])}`).join(' and ')}`,
      }));
      const facts = await this.rules.checkoutFacts(tx, member, item, standing, now);
      const refusals = checkoutRefusals(facts).map((r) => ({ code: r.error.code, message: r.error.message, overridable: r.overridable }));
      const blocks = refusals.filter((r) => r.overridable).map(({ code, message }) => ({ code, message }));
      const kind = loanKindOf(rule);
      const pickup = rule.controls.calendar.pickupOpenDays !== null
        ? `${rule.controls.calendar.pickupOpenDays} open days, until closing`
        : rule.pickupWindowHours === null ? 'until collected' : `${rule.pickupWindowHours} hours`;
      const threshold = this.rules.policy.blockingThreshold(rule);
      const explanation: Omit<Explanation, 'text'> = {
        memberId,
        barcode,
        context,
        rule: { entryId: rule.entryId, match: chosen?.match ?? {}, specificity: chosen?.specificity ?? 0 },
        candidates,
        dueDate: {
          dueAt: due.dueAt.toISOString(),
          period: due.period,
          timeZone: calendar.timeZone,
          movedFrom: due.movedFrom?.toISOString() ?? null,
          movedBecause: due.reason,
          cappedAtClosing: due.cappedAtClosing !== null,
          adjustment: due.adjustment,
          cutAtCardExpiry: due.cutAtCardExpiry !== null,
        },
        fine: {
          rule: rule.fine,
          description: rule.fineStrategy.description,
          recallDescription: rule.controls.recall ? rule.recallFineStrategy.description : null,
          lateDays: rule.controls.calendar.fineDays === 'OPEN_DAYS' ? 'days the branch is closed are not charged' : 'every late day is charged',
        },
        limits: {
          maxActiveLoans: rule.maxActiveLoans,
          activeLoans: facts.loans.ofKind,
          loanLimitItemType: kind?.itemType ?? null,
          loanLimitMaterialType: kind?.materialType ?? null,
          memberWide: kind === null ? null : { maxActiveLoans: facts.memberRule.maxActiveLoans, activeLoans: facts.loans.all },
          maxRenewals: rule.maxRenewals,
          renewalDays: rule.renewalDays,
          renewalBase: rule.controls.renewal.base,
          maxActiveReservations: rule.maxActiveReservations,
          pickup,
          blockingFineThreshold: threshold?.amount ?? null,
        },
        blocks,
        refusals,
      };
      return { ...explanation, text: this.words(explanation, member.name, calendar, threshold) };
    });
  }

  private words(e: Omit<Explanation, 'text'>, name: string, calendar: BranchCalendar, threshold: Money | null): string {
    const when = (iso: string): string =>
      new Intl.DateTimeFormat('en-GB', { timeZone: calendar.timeZone, dateStyle: 'full', timeStyle: 'short' }).format(new Date(iso));
    const others = e.candidates.slice(1).filter((c) => c.applies).map((c) => c.entryId);
    const notApplicable = e.candidates.filter((c) => !c.applies).map((c) => `${c.entryId} (${c.reason.replace('does not apply: ', '')})`);
    const c = e.context;
    const limit = (n: number): string => (n === Number.MAX_SAFE_INTEGER ? 'no limit on' : String(n));
    const { loanLimitItemType: itemType, loanLimitMaterialType: materialType } = e.limits;
    const kindOfLimit = kindWords({ ...(itemType === null ? {} : { itemType }), ...(materialType === null ? {} : { materialType }) });
    return [
      `${name} (${e.memberId}) is a ${c.memberType} member on the ${c.plan} plan, borrowing ${e.barcode} (${[c.itemType ?? 'STANDARD', c.materialType].filter(Boolean).join(', ')}, branch ${c.branch ?? '-'}).`,
      `Rule "${e.rule.entryId}" applies because it is for ${describeMatch(e.rule.match)}` +
        (others.length > 0 ? `; it is more specific than ${others.map((o) => `"${o}"`).join(', ')}.` : '.'),
      ...(notApplicable.length > 0 ? [`Not applicable: ${notApplicable.join('; ')}.`] : []),
      `Due: ${when(e.dueDate.dueAt)} (${e.dueDate.timeZone}), ${e.dueDate.period}` +
        (e.dueDate.movedFrom ? `, moved from ${when(e.dueDate.movedFrom)} because the branch is closed: ${e.dueDate.movedBecause ?? ''}.` : e.dueDate.cappedAtClosing ? ', cut short at closing time.' : e.dueDate.cutAtCardExpiry ? ", cut back to the card's expiry." : '.'),
      `Fine: ${e.fine.description}; ${e.fine.lateDays}.` + (e.fine.recallDescription ? ` If recalled: ${e.fine.recallDescription}.` : ''),
      `Limits: ${limit(e.limits.maxActiveLoans)} ${kindOfLimit === '' ? '' : `${kindOfLimit} `}loans at once (has ${e.limits.activeLoans}); ` +
        (e.limits.memberWide ? `${limit(e.limits.memberWide.maxActiveLoans)} loans in all (has ${e.limits.memberWide.activeLoans}); ` : '') +
        `${e.limits.maxRenewals} renewals of ${e.limits.renewalDays} days, ${RENEWAL_BASES[e.limits.renewalBase].description}; ` +
        `${limit(e.limits.maxActiveReservations)} reservations; holds wait ${e.limits.pickup}; ` +
        (threshold ? `fines above ${threshold.toString()} block borrowing.` : 'fines never block borrowing.'),
      `Checkout: ${e.refusals.length === 0 ? 'allowed' : `refused: ${e.refusals.map((r) => `${r.message} (${r.code}${r.overridable ? ', staff may override' : ''})`).join('; ')}`}.`,
    ].join('\n');
  }
}
