import { LendingError } from '../lending/LendingError.js';
import type { BlockAction } from '../members/ManualBlock.js';
import type { Member } from '../members/Member.js';
import { MemberError } from '../members/MemberError.js';
import type { Money } from '../shared/Money.js';
import type { ResolvedRule } from './CirculationPolicy.js';
import type { Refusal } from './Refusal.js';

/** What the automatic blocks look at, gathered by the caller from the ledger and the member's loans. */
export interface StandingFacts {
  readonly feeBalance: Money;
  /** Fines above this block (from the rule); null: fines never block. */
  readonly feeThreshold: Money | null;
  readonly overdueLoans: number;
  readonly lostItems: number;
}

/** One patron block: its stable code, the actions it stops, and the refusals it finds (staff may override every one). */
export interface PatronBlock {
  readonly code: 'MEMBER_BLOCKED' | 'CARD_EXPIRED' | 'FINES_OVER_THRESHOLD' | 'OVERDUE_LIMIT_REACHED' | 'LOST_LIMIT_REACHED';
  readonly actions: readonly BlockAction[];
  refuses(member: Member, action: BlockAction, rule: ResolvedRule, facts: StandingFacts, now: Date): readonly (LendingError | MemberError)[];
}

/** A block once a count of the member's reaches the rule's limit (null: no limit). */
function countLimit(
  fact: 'overdueLoans' | 'lostItems',
  limitOf: (rule: ResolvedRule) => number | null,
  code: 'OVERDUE_LIMIT_REACHED' | 'LOST_LIMIT_REACHED',
  words: string,
): PatronBlock {
  return {
    code,
    actions: ['borrow', 'renew', 'request'],
    refuses: (member, action, rule, facts) => {
      const limit = limitOf(rule);
      const count = facts[fact];
      return limit !== null && count >= limit ? [new LendingError(code, `cannot ${action}: ${count} ${words} (limit ${limit})`, { memberId: member.id, [fact]: count, limit })] : [];
    },
  };
}

/** The "block all" status and the manual blocks: one refusal per block that stops the action now. */
const MANUAL_BLOCKS: PatronBlock = {
  code: 'MEMBER_BLOCKED',
  actions: ['borrow', 'renew', 'request'],
  refuses: (member, action, _rule, _facts, now) =>
    member.blockingReasonsFor(action, now).map(
      (b) =>
        new MemberError('MEMBER_BLOCKED', `member ${member.id} is blocked and cannot ${action}: ${b.message}`, {
          memberId: member.id,
          reason: b.message,
          blockId: b.blockId,
          block: b.code,
        }),
    ),
};

/** The one home of CARD_EXPIRED: the card's expiry has passed (lifted by `members.renewCard`). */
export function cardExpired(member: Member, action: BlockAction, expiredAt: Date): MemberError {
  return new MemberError('CARD_EXPIRED', `member ${member.id}'s card expired on ${expiredAt.toISOString()} and cannot ${action} until it is renewed`, {
    memberId: member.id,
    cardExpiresAt: expiredAt.toISOString(),
  });
}

/** An expired card stops borrowing, renewing and requesting until the card is renewed. */
const CARD_EXPIRED: PatronBlock = {
  code: 'CARD_EXPIRED',
  actions: ['borrow', 'renew', 'request'],
  refuses: (member, action, _rule, _facts, now) => {
    const expiresAt = member.cardExpiresAt;
    return expiresAt !== null && member.isCardExpired(now) ? [cardExpired(member, action, expiresAt)] : [];
  },
};

/** The automatic blocks, as a table; each is checked for every action it lists. */
export const AUTOMATIC_BLOCKS: readonly PatronBlock[] = [
  {
    code: 'FINES_OVER_THRESHOLD',
    actions: ['borrow', 'renew'],
    refuses: (member, action, _rule, { feeBalance, feeThreshold }) =>
      feeThreshold && feeBalance.isGreaterThan(feeThreshold)
        ? [
            new LendingError('FINES_OVER_THRESHOLD', `cannot ${action}: fines of ${feeBalance.toString()} are above ${feeThreshold.toString()}`, {
              memberId: member.id,
              balance: feeBalance.amount,
              threshold: feeThreshold.amount,
            }),
          ]
        : [],
  },
  countLimit('overdueLoans', (rule) => rule.controls.blocks.maxOverdueLoans, 'OVERDUE_LIMIT_REACHED', 'loans are overdue'),
  countLimit('lostItems', (rule) => rule.controls.blocks.maxLostItems, 'LOST_LIMIT_REACHED', 'items were lost'),
];

/** Every patron block, in the order they are checked: the "block all" status and manual blocks, an expired card, then the automatic ones. */
export const PATRON_BLOCKS: readonly PatronBlock[] = [MANUAL_BLOCKS, CARD_EXPIRED, ...AUTOMATIC_BLOCKS];

/** Every block that stops `member` from `action` now, each overridable by staff. */
export function blocksOn(member: Member, action: BlockAction, rule: ResolvedRule, facts: StandingFacts, now: Date): Refusal[] {
  return PATRON_BLOCKS.filter((b) => b.actions.includes(action))
    .flatMap((b) => b.refuses(member, action, rule, facts, now))
    .map((error): Refusal => ({ error, overridable: true }));
}
