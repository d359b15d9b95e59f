import type { Library } from '../../../Library.js';

/** The 14 positions of SIP2's patron status field ("Y" = denied / too many), in the specification's order. */
export const PATRON_STATUS_POSITIONS = [
  'chargePrivilegesDenied',
  'renewalPrivilegesDenied',
  'recallPrivilegesDenied',
  'holdPrivilegesDenied',
  'cardReportedLost',
  'tooManyItemsCharged',
  'tooManyItemsOverdue',
  'tooManyRenewals',
  'tooManyClaimsOfItemsReturned',
  'tooManyItemsLost',
  'excessiveOutstandingFines',
  'excessiveOutstandingFees',
  'recallOverdue',
  'tooManyItemsBilled',
] as const;

type Position = (typeof PATRON_STATUS_POSITIONS)[number];

/** Which position a blocked action raises. */
const BY_ACTION: Readonly<Record<string, Position>> = { borrow: 'chargePrivilegesDenied', renew: 'renewalPrivilegesDenied', request: 'holdPrivilegesDenied' };
/** Which position each patron block's code raises, besides the action it stops. */
const BY_BLOCK: Readonly<Record<string, Position>> = {
  FINES_OVER_THRESHOLD: 'excessiveOutstandingFines',
  OVERDUE_LIMIT_REACHED: 'tooManyItemsOverdue',
  LOST_LIMIT_REACHED: 'tooManyItemsLost',
};

/** Every position denied: what a refusal answers, so a kiosk that could not read the patron lends nothing. */
export const ALL_DENIED = 'Y'.repeat(PATRON_STATUS_POSITIONS.length);

/** The member's patron status field, read from their standing under every patron block (the one home of the blocks). */
export async function patronStatusOf(library: Library, memberId: string): Promise<string> {
  const raised = new Set<Position>();
  for (const { action, blocks } of await library.blocks.standing(memberId)) {
    const byAction = BY_ACTION[action];
    if (blocks.length > 0 && byAction) raised.add(byAction);
    for (const { code } of blocks) {
      const byBlock = BY_BLOCK[code];
      if (byBlock) raised.add(byBlock);
    }
  }
  return PATRON_STATUS_POSITIONS.map((p) => (raised.has(p) ? 'Y' : ' ')).join('');
}
