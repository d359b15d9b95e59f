import { inject, injectable } from 'inversify';
import type { BranchCalendar } from '../../domain/calendar/BranchCalendar.js';
import type { BookItem } from '../../domain/catalog/BookItem.js';
import type { Loan } from '../../domain/lending/Loan.js';
import type { BlockAction } from '../../domain/members/ManualBlock.js';
import type { Member } from '../../domain/members/Member.js';
import type { CirculationPolicy, ResolvedRule, RuleContext, RuleSelection } from '../../domain/policy/CirculationPolicy.js';
import { LoanTerms, type DueDate } from '../../domain/policy/LoanTerms.js';
import { isOfKind, loanKindOf, type CheckoutFacts, type LoanKind } from '../../domain/policy/CheckoutRules.js';
import { blocksOn } from '../../domain/policy/PatronStanding.js';
import type { Refusal } from '../../domain/policy/Refusal.js';
import type { Money } from '../../domain/shared/Money.js';
import { requireBook } from '../lookups.js';
import type { CalendarRepository } from '../ports/CalendarRepository.js';
import type { Transaction } from '../ports/Store.js';
import { TOKENS } from '../tokens.js';
import { MemberStanding } from './MemberStanding.js';
import { RULE_TOKENS } from './ruleTokens.js';

/** Staff letting an action through despite patron blocks: who, and why. Recorded as `member.block-overridden`. */
export interface StaffOverride {
  readonly staffId: string;
  readonly reason: string;
}

/**
 * The circulation rules as the application uses them: the policy's most specific entry for a member and a copy,
 * combined with the copy's branch calendar. Every date and amount a use case needs comes from here.
 */
@injectable()
export class RuleBook {
  constructor(
    @inject(TOKENS.Policy) readonly policy: CirculationPolicy,
    @inject(RULE_TOKENS.Calendars) private readonly calendars: CalendarRepository,
  ) {}

  /**
   * What a rule for `member` borrowing `item` is chosen on: the member's type and plan, the copy's loan category and
   * branch, and its record's material type, read only when an entry of the policy matches on material type.
   */
  async contextOf(tx: Transaction, member: Member, item: BookItem): Promise<RuleContext> {
    const context: RuleContext = { memberType: member.type, plan: member.plan, itemType: item.loanCategory, branch: item.branch };
    return this.policy.matchesOn('materialType') ? { ...context, materialType: (await requireBook(tx, item.isbn)).materialType } : context;
  }

  async select(tx: Transaction, member: Member, item: BookItem): Promise<RuleSelection> {
    return this.policy.select(await this.contextOf(tx, member, item));
  }

  async ruleFor(tx: Transaction, member: Member, item: BookItem): Promise<ResolvedRule> {
    return (await this.select(tx, member, item)).rule;
  }

  calendarOf(branch: string): Promise<BranchCalendar> {
    return this.calendars.forBranch(branch);
  }

  async dueDate(rule: ResolvedRule, item: BookItem, member: Member, now: Date): Promise<DueDate> {
    return LoanTerms.dueDate(rule, await this.calendarOf(item.branch), now, member.cardExpiresAt);
  }

  async renewedDueDate(rule: ResolvedRule, item: BookItem, loan: Loan, member: Member, now: Date): Promise<Date> {
    return LoanTerms.renewedDueDate(rule, await this.calendarOf(item.branch), loan, now, member.cardExpiresAt);
  }

  async autoRenewLimit(rule: ResolvedRule, item: BookItem, loan: Loan): Promise<Date | null> {
    return LoanTerms.autoRenewLimit(rule, await this.calendarOf(item.branch), loan);
  }

  /** Counted from `now` on the calendar of the branch whose hold shelf the copy waits on (default: its own). */
  async pickupDeadline(rule: ResolvedRule, item: BookItem, now: Date, shelfBranch: string = item.branch): Promise<Date | null> {
    return LoanTerms.pickupDeadline(rule, await this.calendarOf(shelfBranch), now);
  }

  async overdueFine(rule: ResolvedRule, item: BookItem, loan: Loan, now: Date): Promise<Money> {
    return LoanTerms.overdueFine(rule, await this.calendarOf(item.branch), loan, now, this.policy.replacementCostOf(item));
  }

  /**
   * What a checkout of `item` by `member` is decided on (`CHECKOUT_CHECKS`), read side by side. Loans are counted
   * by kind only when the rule names one (`loanKindOf`), so the copies or records of the member's loans are read only then.
   */
  async checkoutFacts(tx: Transaction, member: Member, item: BookItem, standing: MemberStanding, now: Date): Promise<CheckoutFacts> {
    const rule = await this.ruleFor(tx, member, item);
    const open = standing.openLoans;
    const kind = loanKindOf(rule);
    return {
      member,
      item,
      rule,
      memberRule: this.policy.ruleFor(member),
      standing: standing.facts(this.policy.blockingThreshold(rule), now),
      loans: { all: open.length, ofKind: kind === null ? open.length : await RuleBook.countOfKind(tx, open, kind) },
      borrowingTitle: standing.isBorrowing(item.isbn),
      now,
    };
  }

  /**
   * How many of a member's open loans are of `kind`: their copies are read (one read) when it names an item type, their
   * records when it names a material type. Only the open loans are read, never the history.
   */
  private static async countOfKind(tx: Transaction, open: readonly Loan[], kind: LoanKind): Promise<number> {
    if (open.length === 0) return 0;
    const [copies, records] = await Promise.all([
      kind.itemType === undefined ? [] : tx.items.getMany(open.map((l) => l.barcode)),
      kind.materialType === undefined ? [] : tx.books.getMany([...new Set(open.map((l) => l.isbn))]),
    ]);
    const loanCategory = new Map(copies.map((c) => [c.barcode, c.loanCategory]));
    const materialType = new Map(records.map((b) => [b.recordId, b.materialType]));
    return open.filter((l) => isOfKind(kind, { loanCategory: loanCategory.get(l.barcode), materialType: materialType.get(l.isbn) })).length;
  }

  /** The member's fee balance, outstanding loans and active reservations, read together: one read serves every check on one decision. */
  async standingOf(tx: Transaction, memberId: string): Promise<MemberStanding> {
    const [ledger, outstanding, reservations] = await Promise.all([
      tx.ledgers.forMember(memberId, this.policy.currency),
      tx.loans.outstandingForMember(memberId),
      tx.reservations.activeForMember(memberId),
    ]);
    return new MemberStanding(ledger.balance(), outstanding, reservations);
  }

  /** The patron blocks on `action` under `rule`: manual ones, then the automatic limits (fees, overdue loans, lost items). */
  blocksOn(member: Member, action: BlockAction, rule: ResolvedRule, standing: MemberStanding, now: Date): Refusal[] {
    return blocksOn(member, action, rule, standing.facts(this.policy.blockingThreshold(rule), now), now);
  }

  /**
   * Throws the first patron block on `action`, unless staff override them all; an override is recorded on the
   * member (the caller saves the member). Rules about the loan itself are not blocks and cannot be overridden.
   */
  assertMayAct(member: Member, action: BlockAction, rule: ResolvedRule, standing: MemberStanding, now: Date, override?: StaffOverride): void {
    settle(member, action, this.blocksOn(member, action, rule, standing, now), now, override);
  }
}

/** Throws the first refusal unless every one is overridable and staff override them; then records the override. */
export function settle(member: Member, action: BlockAction, refusals: readonly Refusal[], now: Date, override?: StaffOverride): void {
  const first = refusals[0];
  if (!first) return;
  if (!override) throw first.error;
  const fixed = refusals.find((r) => !r.overridable);
  if (fixed) throw fixed.error;
  member.recordOverride(action, refusals.map((r) => r.error.code), override, now);
}
