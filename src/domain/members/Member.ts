import { AggregateRoot } from '../shared/AggregateRoot.js';
import { requireId, requireText } from '../shared/guards.js';
import { ValidationError } from '../shared/ShelfmarkError.js';
import { MemberError } from './MemberError.js';
import { BLOCK_ACTIONS, blockApplies, type BlockAction, type ManualBlock } from './ManualBlock.js';

export const MEMBER_TYPES = ['STUDENT', 'FACULTY', 'PUBLIC'] as const;
export type MemberType = (typeof MEMBER_TYPES)[number];
export const MEMBER_PLANS = ['BASIC', 'PREMIUM'] as const;
export type MemberPlan = (typeof MEMBER_PLANS)[number];
export type MemberStatus = 'ACTIVE' | 'BLOCKED';
/** How a member can be reached: email needs `contact.email`, SMS needs `contact.phone`, push goes to the member's app. */
export const CONTACT_CHANNELS = ['email', 'sms', 'push'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** The form an email address is compared in: two members' addresses are the same when these are equal. */
export function emailKey(email: string): string {
  return email.toLowerCase();
}

export interface MemberContact {
  readonly email?: string;
  readonly phone?: string;
  /** Channels the member wants notices on, in order of preference; absent: email, else SMS, else push. */
  readonly channels?: readonly ContactChannel[];
}

export interface MemberPrimitives {
  readonly id: string;
  readonly name: string;
  readonly type: MemberType;
  readonly plan: MemberPlan;
  readonly status: MemberStatus;
  readonly blockReason: string | null;
  readonly contact: MemberContact;
  /** Manual blocks with per-action flags (absent in older records: none). */
  readonly manualBlocks?: readonly ManualBlock[];
  /** How many times the member claimed to have returned a book; kept however the claim was resolved (absent: 0). */
  readonly claimsReturnedCount?: number;
  /** When the member's card stops letting them borrow, renew and request (ISO instant); absent or null: never. */
  readonly cardExpiresAt?: string | null;
}

export interface MemberRegistration {
  readonly id: string;
  readonly name: string;
  readonly type?: MemberType;
  readonly plan?: MemberPlan;
  readonly contact?: MemberContact;
  /** When the card expires; absent: never. */
  readonly cardExpiresAt?: Date | null;
}

/**
 * A borrower: who they are, how to reach them, and what stops them acting. What they have out and what they wait for
 * is not kept here: the loans and the title queues are the one record of those, read through the store.
 */
export class Member extends AggregateRoot {
  private constructor(
    private props: MemberPrimitives,
    version: number,
  ) {
    super(version);
  }

  static register(input: MemberRegistration, now: Date): Member {
    const type = input.type ?? 'PUBLIC';
    const plan = input.plan ?? 'BASIC';
    if (!MEMBER_TYPES.includes(type)) throw new ValidationError(`unknown member type ${type as string}`, { field: 'type' });
    if (!MEMBER_PLANS.includes(plan)) throw new ValidationError(`unknown member plan ${plan as string}`, { field: 'plan' });
    const contact = Member.validContact(input.contact ?? {});
    const cardExpiresAt = input.cardExpiresAt == null ? null : Member.futureExpiry(input.cardExpiresAt, now).toISOString();
    const member = new Member(
      {
        id: requireId(input.id, 'memberId'),
        name: requireText(input.name, 'name', 200),
        type,
        plan,
        status: 'ACTIVE',
        blockReason: null,
        contact,
        cardExpiresAt,
      },
      0,
    );
    member.record({ name: 'member.registered', occurredAt: now.toISOString(), memberId: member.id, memberType: type, plan });
    return member;
  }

  static fromPrimitives(p: MemberPrimitives, version: number): Member {
    const contact = p.contact.channels === undefined ? { ...p.contact } : { ...p.contact, channels: [...p.contact.channels] };
    return new Member(
      {
        ...p,
        contact,
        manualBlocks: [...(p.manualBlocks ?? [])],
        claimsReturnedCount: p.claimsReturnedCount ?? 0,
        cardExpiresAt: p.cardExpiresAt ?? null,
      },
      version,
    );
  }

  private static validContact(input: MemberContact): MemberContact {
    const email = input.email === undefined ? undefined : requireText(input.email, 'email', 320);
    const phone = input.phone === undefined ? undefined : requireText(input.phone, 'phone', 40);
    const channels = input.channels === undefined ? undefined : Member.validChannels(input.channels);
    if (channels?.includes('email') && email === undefined) throw new ValidationError('the email channel needs an email address', { field: 'channels' });
    if (channels?.includes('sms') && phone === undefined) throw new ValidationError('the sms channel needs a phone number', { field: 'channels' });
    return {
      ...(email === undefined ? {} : { email }),
      ...(phone === undefined ? {} : { phone }),
      ...(channels === undefined ? {} : { channels }),
    };
  }

  private static futureExpiry(expiresAt: Date, now: Date): Date {
    if (!(expiresAt instanceof Date) || Number.isNaN(expiresAt.getTime())) throw new ValidationError('cardExpiresAt must be a date', { field: 'cardExpiresAt' });
    if (expiresAt.getTime() <= now.getTime()) throw new ValidationError('a card must expire in the future', { field: 'cardExpiresAt' });
    return expiresAt;
  }

  private static validChannels(value: unknown): ContactChannel[] {
    if (!Array.isArray(value)) throw new ValidationError('channels must be a list', { field: 'channels' });
    const channels: ContactChannel[] = [];
    for (const channel of value as unknown[]) {
      const known = CONTACT_CHANNELS.find((c) => c === channel);
      if (!known) throw new ValidationError(`unknown contact channel ${String(channel)}`, { field: 'channels' });
      if (channels.includes(known)) throw new ValidationError('channels must not repeat', { field: 'channels' });
      channels.push(known);
    }
    return channels;
  }

  get id(): string {
    return this.props.id;
  }
  get name(): string {
    return this.props.name;
  }
  get type(): MemberType {
    return this.props.type;
  }
  get plan(): MemberPlan {
    return this.props.plan;
  }
  get status(): MemberStatus {
    return this.props.status;
  }
  get contact(): MemberContact {
    return this.props.contact;
  }
  get isBlocked(): boolean {
    return this.props.status === 'BLOCKED';
  }
  get claimsReturnedCount(): number {
    return this.props.claimsReturnedCount ?? 0;
  }
  /** When the card expires; null: never. */
  get cardExpiresAt(): Date | null {
    const at = this.props.cardExpiresAt ?? null;
    return at === null ? null : new Date(at);
  }
  /** The card has expired at `now` (its expiry instant is past). */
  isCardExpired(now: Date): boolean {
    const at = this.cardExpiresAt;
    return at !== null && at.getTime() <= now.getTime();
  }
  get manualBlocks(): readonly ManualBlock[] {
    return this.props.manualBlocks ?? [];
  }
  /** The blocks "block all" status and the manual blocks that stop `action` at `now`. */
  blockingReasonsFor(action: BlockAction, now: Date): readonly { readonly code: 'MEMBER_BLOCKED' | 'MANUAL_BLOCK'; readonly message: string; readonly blockId: string | null }[] {
    return [
      ...(this.isBlocked ? [{ code: 'MEMBER_BLOCKED' as const, message: this.props.blockReason ?? 'blocked', blockId: null }] : []),
      ...this.manualBlocks.filter((b) => blockApplies(b, action, now)).map((b) => ({ code: 'MANUAL_BLOCK' as const, message: b.message, blockId: b.id })),
    ];
  }
  assertActive(action: string): void {
    if (this.isBlocked) {
      throw new MemberError('MEMBER_BLOCKED', `member ${this.id} is blocked and cannot ${action}: ${this.props.blockReason ?? ''}`, {
        memberId: this.id,
        reason: this.props.blockReason,
      });
    }
  }

  block(reason: string, now: Date): void {
    const why = requireText(reason, 'reason', 500);
    if (this.isBlocked) return;
    this.props = { ...this.props, status: 'BLOCKED', blockReason: why };
    this.record({ name: 'member.blocked', occurredAt: now.toISOString(), memberId: this.id, reason: why });
  }

  /** Stops some actions (borrow, renew, request) until `expiresAt` or until lifted, with a message for the member. */
  placeBlock(input: { id: string; actions: readonly BlockAction[]; message: string; placedBy: string; expiresAt: Date | null }, now: Date): ManualBlock {
    const actions = [...new Set(input.actions)];
    if (actions.length === 0 || !actions.every((a) => BLOCK_ACTIONS.includes(a))) {
      throw new ValidationError(`a block stops one or more of ${BLOCK_ACTIONS.join(', ')}`, { field: 'actions' });
    }
    if (input.expiresAt !== null && input.expiresAt.getTime() <= now.getTime()) throw new ValidationError('a block must expire in the future', { field: 'expiresAt' });
    const block: ManualBlock = {
      id: requireId(input.id, 'blockId'),
      actions,
      message: requireText(input.message, 'message', 500),
      placedBy: requireId(input.placedBy, 'placedBy'),
      placedAt: now.toISOString(),
      expiresAt: input.expiresAt?.toISOString() ?? null,
    };
    this.props = { ...this.props, manualBlocks: [...this.manualBlocks, block] };
    this.record({ name: 'member.block-placed', occurredAt: now.toISOString(), memberId: this.id, blockId: block.id, actions, expiresAt: block.expiresAt, message: block.message });
    return block;
  }

  liftBlock(blockId: string, now: Date): void {
    if (!this.manualBlocks.some((b) => b.id === blockId)) throw new MemberError('BLOCK_NOT_FOUND', `member ${this.id} has no block ${blockId}`, { memberId: this.id, blockId });
    this.props = { ...this.props, manualBlocks: this.manualBlocks.filter((b) => b.id !== blockId) };
    this.record({ name: 'member.block-lifted', occurredAt: now.toISOString(), memberId: this.id, blockId });
  }

  /** Staff let an action through despite blocks; the reason is kept in the event log. */
  recordOverride(action: BlockAction, blocks: readonly string[], override: { readonly staffId: string; readonly reason: string }, now: Date): void {
    this.record({
      name: 'member.block-overridden',
      occurredAt: now.toISOString(),
      memberId: this.id,
      action,
      blocks,
      staffId: requireId(override.staffId, 'staffId'),
      reason: requireText(override.reason, 'reason', 500),
    });
  }

  /** The card is renewed until `expiresAt` (in the future), lifting the expired-card block. */
  renewCard(expiresAt: Date, now: Date): void {
    const until = Member.futureExpiry(expiresAt, now);
    const previous = this.props.cardExpiresAt ?? null;
    this.props = { ...this.props, cardExpiresAt: until.toISOString() };
    this.record({ name: 'member.card-renewed', occurredAt: now.toISOString(), memberId: this.id, previousExpiresAt: previous, expiresAt: until.toISOString() });
  }

  recordClaimReturned(): void {
    this.props = { ...this.props, claimsReturnedCount: this.claimsReturnedCount + 1 };
  }

  unblock(now: Date): void {
    if (!this.isBlocked) throw new MemberError('MEMBER_NOT_BLOCKED', `member ${this.id} is not blocked`, { memberId: this.id });
    this.props = { ...this.props, status: 'ACTIVE', blockReason: null };
    this.record({ name: 'member.unblocked', occurredAt: now.toISOString(), memberId: this.id });
  }

  toPrimitives(): MemberPrimitives {
    return Member.fromPrimitives(this.props, this.version).props;
  }
}
