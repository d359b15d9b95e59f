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

/** One automatic block: the actions it stops and the limit it checks. */
interface AutomaticBlock {
  readonly actions: readonly BlockAction[];
  check(memberId: string, rule: ResolvedRule, facts: StandingFacts, action: BlockAction): LendingError | null;
}

/** A block once a count of the member's reaches the rule's limit (null: no limit). */
function countLimit(
  fact: 'overdueLoans' | 'lostItems',
  limitOf: (rule: ResolvedRule) => number | null,
  code: 'OVERDUE_LIMIT_REACHED' | 'LOST_LIMIT_REACHED',
  words: string,
): AutomaticBlock {
  return {
    actions: ['borrow', 'renew', 'request'],
    check: (memberId, rule, facts, action) => {
      const limit = limitOf(rule);
      const count = facts[fact];
      return limit !== null && count >= limit ? new LendingError(code, `cannot ${action}: ${count} ${words} (limit ${limit})`, { memberId, [fact]: count, limit }) : null;
    },
  };
}

/** The automatic blocks, as a table; each is checked for every action it lists. */
export const AUTOMATIC_BLOCKS: readonly AutomaticBlock[] = [
  {
    actions: ['borrow', 'renew'],
    check: (memberId, _rule, { feeBalance, feeThreshold }, action) =>
      feeThreshold && feeBalance.isGreaterThan(feeThreshold)
        ? new LendingError('FINES_OVER_THRESHOLD', `cannot ${action}: fines of ${feeBalance.toString()} are above ${feeThreshold.toString()}`, {
            memberId,
            balance: feeBalance.amount,
            threshold: feeThreshold.amount,
          })
        : null,
  },
  countLimit('overdueLoans', (rule) => rule.controls.blocks.maxOverdueLoans, 'OVERDUE_LIMIT_REACHED', 'loans are overdue'),
  countLimit('lostItems', (rule) => rule.controls.blocks.maxLostItems, 'LOST_LIMIT_REACHED', 'items were lost'),
];

/** Every block that stops `member` from `action` now: the "block all" status, manual blocks, then automatic ones. */
export function blocksOn(member: Member, action: BlockAction, rule: ResolvedRule, facts: StandingFacts, now: Date): Refusal[] {
  const manual = member.blockingReasonsFor(action, now).map(
    (b): Refusal => ({
      error: new MemberError('MEMBER_BLOCKED', `member ${member.id} is blocked and cannot ${action}: ${b.message}`, {
        memberId: member.id,
        reason: b.message,
        blockId: b.blockId,
        block: b.code,
      }),
      overridable: true,
    }),
  );
  const automatic = AUTOMATIC_BLOCKS.filter((b) => b.actions.includes(action))
    .map((b) => b.check(member.id, rule, facts, action))
    .filter((e): e is LendingError => e !== null)
    .map((error): Refusal => ({ error, overridable: true }));
  return [...manual, ...automatic];
}
