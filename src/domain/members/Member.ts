import { AggregateRoot } from '../shared/AggregateRoot.js';
import { requireId, requireText } from '../shared/guards.js';
import { ValidationError } from '../shared/ShelfmarkError.js';
import { MemberError } from './MemberError.js';

export const MEMBER_TYPES = ['STUDENT', 'FACULTY', 'PUBLIC'] as const;
export type MemberType = (typeof MEMBER_TYPES)[number];
export const MEMBER_PLANS = ['BASIC', 'PREMIUM'] as const;
export type MemberPlan = (typeof MEMBER_PLANS)[number];
export type MemberStatus = 'ACTIVE' | 'BLOCKED';
/** How a member can be reached: email needs `contact.email`, SMS needs `contact.phone`, push goes to the member's app. */
export const CONTACT_CHANNELS = ['email', 'sms', 'push'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

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
  readonly activeLoanIds: readonly string[];
  /** Active (waiting or ready) reservations, title ISBN → reservation id. */
  readonly activeReservations: Readonly<Record<string, string>>;
}

export interface MemberRegistration {
  readonly id: string;
  readonly name: string;
  readonly type?: MemberType;
  readonly plan?: MemberPlan;
  readonly contact?: MemberContact;
}

/** A borrower. Tracks what it has out and what it waits for, so limits are checked in one place. */
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
    const member = new Member(
      {
        id: requireId(input.id, 'memberId'),
        name: requireText(input.name, 'name', 200),
        type,
        plan,
        status: 'ACTIVE',
        blockReason: null,
        contact,
        activeLoanIds: [],
        activeReservations: {},
      },
      0,
    );
    member.record({ name: 'member.registered', occurredAt: now.toISOString(), memberId: member.id, memberType: type, plan });
    return member;
  }

  static fromPrimitives(p: MemberPrimitives, version: number): Member {
    const contact = p.contact.channels === undefined ? { ...p.contact } : { ...p.contact, channels: [...p.contact.channels] };
    return new Member({ ...p, activeLoanIds: [...p.activeLoanIds], activeReservations: { ...p.activeReservations }, contact }, version);
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
  get activeLoanCount(): number {
    return this.props.activeLoanIds.length;
  }
  get activeReservationCount(): number {
    return Object.keys(this.props.activeReservations).length;
  }

  reservationFor(isbn: string): string | null {
    return this.props.activeReservations[isbn] ?? null;
  }

  assertActive(action: string): void {
    if (this.isBlocked) {
      throw new MemberError('MEMBER_BLOCKED', `member ${this.id} is blocked and cannot ${action}: ${this.props.blockReason ?? ''}`, {
        memberId: this.id,
        reason: this.props.blockReason,
      });
    }
  }

  recordLoan(loanId: string): void {
    this.props = { ...this.props, activeLoanIds: [...this.props.activeLoanIds, loanId] };
  }

  releaseLoan(loanId: string): void {
    this.props = { ...this.props, activeLoanIds: this.props.activeLoanIds.filter((id) => id !== loanId) };
  }

  recordReservation(isbn: string, reservationId: string): void {
    this.props = { ...this.props, activeReservations: { ...this.props.activeReservations, [isbn]: reservationId } };
  }

  releaseReservation(isbn: string): void {
    const rest = Object.fromEntries(Object.entries(this.props.activeReservations).filter(([key]) => key !== isbn));
    this.props = { ...this.props, activeReservations: rest };
  }

  block(reason: string, now: Date): void {
    const why = requireText(reason, 'reason', 500);
    if (this.isBlocked) return;
    this.props = { ...this.props, status: 'BLOCKED', blockReason: why };
    this.record({ name: 'member.blocked', occurredAt: now.toISOString(), memberId: this.id, reason: why });
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
