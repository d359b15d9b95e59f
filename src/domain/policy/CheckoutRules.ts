import type { BookItem } from '../catalog/BookItem.js';
import type { LoanCategory } from '../catalog/LoanCategory.js';
import type { MaterialType } from '../catalog/MaterialType.js';
import { LendingError, type LendingErrorCode } from '../lending/LendingError.js';
import type { Member } from '../members/Member.js';
import type { MemberError } from '../members/MemberError.js';
import type { ResolvedRule, RuleMatch } from './CirculationPolicy.js';
import { PATRON_BLOCKS, type PatronBlock, type StandingFacts } from './PatronStanding.js';
import type { Refusal } from './Refusal.js';

/** Everything a checkout decision needs, gathered before anything changes. */
export interface CheckoutFacts {
  readonly member: Member;
  readonly item: BookItem;
  /** The most specific rule for this member and this copy. */
  readonly rule: ResolvedRule;
  /** The member's rule without a copy: its loan limit counts every loan, whatever the item type. */
  readonly memberRule: ResolvedRule;
  readonly standing: StandingFacts;
  /** The member's open loans: all of them, and those of the rule's kind (`loanKindOf`; all of them when it names none). */
  readonly loans: { readonly all: number; readonly ofKind: number };
  /** The member has a copy of this title out now. */
  readonly borrowingTitle: boolean;
  readonly now: Date;
}

/** One line of checkout policy: the code it refuses with, whether staff may override it, and what it finds. */
export interface CheckoutCheck {
  readonly code: PatronBlock['code'] | LendingErrorCode;
  readonly overridable: boolean;
  refuses(facts: CheckoutFacts): readonly (LendingError | MemberError)[];
}

/** The one home of ALREADY_BORROWED_TITLE: a member borrows or requests a title they already have out. */
export function alreadyBorrowedTitle(memberId: string, isbn: string): LendingError {
  return new LendingError('ALREADY_BORROWED_TITLE', `member ${memberId} already has a copy of ${isbn}`, { memberId, isbn });
}

const one = (error: LendingError | null): readonly LendingError[] => (error === null ? [] : [error]);

function loanLimit(f: CheckoutFacts, rule: ResolvedRule, count: number, what: string): LendingError | null {
  if (count < rule.maxActiveLoans) return null;
  return new LendingError('LOAN_LIMIT_REACHED', `member ${f.member.id} already has ${count} of ${rule.maxActiveLoans} ${what}`, {
    memberId: f.member.id,
    limit: rule.maxActiveLoans,
  });
}

/** The kind of copy a rule is for: the item type and the material type its match names. */
export type LoanKind = Pick<RuleMatch, 'itemType' | 'materialType'>;

/**
 * The kind whose loans the rule's `maxActiveLoans` counts: the item type and material type its match names (a DVD rule
 * limits DVD loans, as FOLIO's item limit counts the loans of the rule's material type and loan type); null when it
 * names neither, and its limit counts every loan.
 */
export function loanKindOf(rule: ResolvedRule): LoanKind | null {
  const { itemType, materialType } = rule.match;
  if (itemType === undefined && materialType === undefined) return null;
  return { ...(itemType === undefined ? {} : { itemType }), ...(materialType === undefined ? {} : { materialType }) };
}

/** Whether a loaned copy (its loan category, its record's material type) is of the kind: every field the kind names must agree. */
export function isOfKind(kind: LoanKind, copy: { readonly loanCategory: LoanCategory | undefined; readonly materialType: MaterialType | undefined }): boolean {
  return (kind.itemType === undefined || kind.itemType === copy.loanCategory) && (kind.materialType === undefined || kind.materialType === copy.materialType);
}

/** The kind in words, as the refusal and `explain()` name it: `MEDIA`, `DVD`, `MEDIA DVD`. */
export function kindWords(kind: LoanKind): string {
  return [kind.itemType, kind.materialType].filter((name) => name !== undefined).join(' ');
}

/** A rule for a kind of copy limits the loans of that kind; any other rule limits every loan. */
function ruleLimit(f: CheckoutFacts): LendingError | null {
  const kind = loanKindOf(f.rule);
  return kind === null ? loanLimit(f, f.rule, f.loans.all, 'loans') : loanLimit(f, f.rule, f.loans.ofKind, `${kindWords(kind)} loans`);
}

/** Under a rule for a kind of copy, the member's own rule still caps every loan together. */
function memberWideLimit(f: CheckoutFacts): LendingError | null {
  return loanKindOf(f.rule) === null ? null : loanLimit(f, f.memberRule, f.loans.all, 'loans');
}

/** The copy's own refusal when it has this code: the copy's state machine decides, the table only asks it. */
function copyRefuses(code: 'REFERENCE_ONLY' | 'COPY_HELD_FOR_ANOTHER_MEMBER' | 'COPY_NOT_AVAILABLE'): CheckoutCheck {
  return {
    code,
    overridable: false,
    refuses: (f) => {
      const refusal = f.item.refusalToLend(f.member.id);
      return one(refusal?.code === code ? refusal : null);
    },
  };
}

/** The patron blocks on borrowing, as checkout checks: staff may override each of them. */
export const CHECKOUT_PATRON_CHECKS: readonly CheckoutCheck[] = PATRON_BLOCKS.filter((b) => b.actions.includes('borrow')).map((b) => ({
  code: b.code,
  overridable: true,
  refuses: (f: CheckoutFacts) => b.refuses(f.member, 'borrow', f.rule, f.standing, f.now),
}));

/**
 * The checkout rules, in the order they are checked: checkOut throws the first refusal, explain() lists them all.
 * Patron blocks may be overridden by staff; limits, the copy's state and the title rule may not.
 */
export const CHECKOUT_CHECKS: readonly CheckoutCheck[] = [
  ...CHECKOUT_PATRON_CHECKS,
  { code: 'LOAN_LIMIT_REACHED', overridable: false, refuses: (f) => one(ruleLimit(f) ?? memberWideLimit(f)) },
  copyRefuses('REFERENCE_ONLY'),
  copyRefuses('COPY_HELD_FOR_ANOTHER_MEMBER'),
  copyRefuses('COPY_NOT_AVAILABLE'),
  { code: 'ALREADY_BORROWED_TITLE', overridable: false, refuses: (f) => one(f.borrowingTitle ? alreadyBorrowedTitle(f.member.id, f.item.isbn) : null) },
];

/** Every refusal of this checkout, in table order (empty: the copy may be lent). */
export function checkoutRefusals(facts: CheckoutFacts): Refusal[] {
  return CHECKOUT_CHECKS.flatMap((check) => check.refuses(facts).map((error): Refusal => ({ error, overridable: check.overridable })));
}
