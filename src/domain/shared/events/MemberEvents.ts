import type { EventBase } from './EventBase.js';

// Events of a member's account and blocks: `member.*`.

export type BlockAction = 'borrow' | 'renew' | 'request';
export interface MemberBlockPlaced extends EventBase<'member.block-placed'> {
  readonly memberId: string;
  readonly blockId: string;
  readonly actions: readonly BlockAction[];
  readonly expiresAt: string | null;
  readonly message: string;
}
export interface MemberBlockLifted extends EventBase<'member.block-lifted'> { readonly memberId: string; readonly blockId: string }
export interface MemberBlockOverridden extends EventBase<'member.block-overridden'> {
  readonly memberId: string;
  readonly action: BlockAction;
  /** Codes of the blocks that were overridden. */
  readonly blocks: readonly string[];
  readonly staffId: string;
  readonly reason: string;
}
export interface MemberRegistered extends EventBase<'member.registered'> {
  readonly memberId: string;
  readonly memberType: string;
  readonly plan: string;
}
export interface MemberBlocked extends EventBase<'member.blocked'> { readonly memberId: string; readonly reason: string }
export interface MemberUnblocked extends EventBase<'member.unblocked'> { readonly memberId: string }
export interface MemberCardRenewed extends EventBase<'member.card-renewed'> {
  readonly memberId: string;
  readonly previousExpiresAt: string | null;
  readonly expiresAt: string;
}
