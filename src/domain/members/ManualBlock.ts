import type { BlockAction } from '../shared/DomainEvent.js';

export const BLOCK_ACTIONS = ['borrow', 'renew', 'request'] as const satisfies readonly BlockAction[];
export type { BlockAction };

/** A block staff placed by hand: which actions it stops, until when, and the message the member is shown. */
export interface ManualBlock {
  readonly id: string;
  readonly actions: readonly BlockAction[];
  readonly message: string;
  readonly placedBy: string;
  readonly placedAt: string;
  /** null: until lifted. */
  readonly expiresAt: string | null;
}

export function blockApplies(block: ManualBlock, action: BlockAction, now: Date): boolean {
  return block.actions.includes(action) && (block.expiresAt === null || Date.parse(block.expiresAt) > now.getTime());
}
