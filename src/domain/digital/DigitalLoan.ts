import { IllegalTransitionError } from '../lending/LendingError.js';
import { AggregateRoot } from '../shared/AggregateRoot.js';
import type { TokenRevocationReason } from '../shared/DomainEvent.js';
import type { DigitalFormat } from './DigitalCopy.js';

export type DigitalLoanStatus = 'ACTIVE' | 'RETURNED' | 'EXPIRED' | 'REVOKED';
export type DigitalLoanCommand = 'renew' | 'returnEarly' | 'expire' | 'revoke';

/** An e-loan's life as data. No OVERDUE: a digital loan ends by itself at its due instant, with no late fee. */
export const DIGITAL_LOAN_TRANSITIONS = {
  ACTIVE: { renew: 'ACTIVE', returnEarly: 'RETURNED', expire: 'EXPIRED', revoke: 'REVOKED' },
  RETURNED: {},
  EXPIRED: {},
  REVOKED: {},
} as const satisfies Record<DigitalLoanStatus, Partial<Record<DigitalLoanCommand, DigitalLoanStatus>>>;

export interface DigitalLoanPrimitives {
  readonly id: string;
  readonly copyId: string;
  /** The title's key: its record id, which is its ISBN-13 when it has one. */
  readonly isbn: string;
  readonly memberId: string;
  readonly format: DigitalFormat;
  readonly status: DigitalLoanStatus;
  readonly borrowedAt: string;
  readonly dueAt: string;
  readonly endedAt: string | null;
  readonly renewals: number;
  /** The `jti` of the loan token currently valid for this loan; null when the copy uses no loan token. The token itself is never stored. */
  readonly tokenId: string | null;
  readonly countsTowardLimit: boolean;
}

/** A token that must be refused from now on, until its own expiry makes the entry moot. */
export interface RevokedToken {
  readonly tokenId: string;
  readonly loanId: string;
  readonly until: Date;
}

export interface DigitalLoanOpening {
  readonly id: string;
  readonly copyId: string;
  /** The title's key: its record id, which is its ISBN-13 when it has one. */
  readonly isbn: string;
  readonly memberId: string;
  readonly format: DigitalFormat;
  readonly dueAt: Date;
  readonly tokenId: string | null;
  readonly countsTowardLimit: boolean;
}

/** One member reading one digital copy on one license, from borrowing to the instant it ends. */
export class DigitalLoan extends AggregateRoot {
  private constructor(
    private props: DigitalLoanPrimitives,
    version: number,
  ) {
    super(version);
  }

  static begin(input: DigitalLoanOpening, now: Date): DigitalLoan {
    const loan = new DigitalLoan(
      {
        id: input.id,
        copyId: input.copyId,
        isbn: input.isbn,
        memberId: input.memberId,
        format: input.format,
        status: 'ACTIVE',
        borrowedAt: now.toISOString(),
        dueAt: input.dueAt.toISOString(),
        endedAt: null,
        renewals: 0,
        tokenId: input.tokenId,
        countsTowardLimit: input.countsTowardLimit,
      },
      0,
    );
    loan.record({
      name: 'digital-loan.started',
      occurredAt: now.toISOString(),
      loanId: loan.id,
      copyId: loan.copyId,
      isbn: loan.isbn,
      memberId: loan.memberId,
      format: loan.format,
      dueAt: loan.props.dueAt,
      tokenId: loan.tokenId,
    });
    return loan;
  }

  static fromPrimitives(p: DigitalLoanPrimitives, version: number): DigitalLoan {
    return new DigitalLoan({ ...p }, version);
  }

  get id(): string {
    return this.props.id;
  }
  get copyId(): string {
    return this.props.copyId;
  }
  get isbn(): string {
    return this.props.isbn;
  }
  get memberId(): string {
    return this.props.memberId;
  }
  get format(): DigitalFormat {
    return this.props.format;
  }
  get status(): DigitalLoanStatus {
    return this.props.status;
  }
  get isActive(): boolean {
    return this.props.status === 'ACTIVE';
  }
  get dueAt(): Date {
    return new Date(this.props.dueAt);
  }
  get borrowedAt(): Date {
    return new Date(this.props.borrowedAt);
  }
  get renewals(): number {
    return this.props.renewals;
  }
  get tokenId(): string | null {
    return this.props.tokenId;
  }
  get countsTowardLimit(): boolean {
    return this.props.countsTowardLimit;
  }

  /** True once the due instant has come: from then on the loan has ended, whether or not the sweep has run. */
  isDue(now: Date): boolean {
    return this.isActive && now.getTime() >= Date.parse(this.props.dueAt);
  }

  can(command: DigitalLoanCommand): boolean {
    const row: Partial<Record<DigitalLoanCommand, DigitalLoanStatus>> = DIGITAL_LOAN_TRANSITIONS[this.props.status];
    return row[command] !== undefined;
  }

  /** Longer loan, new token: the old token is revoked so only the new one opens the book. */
  renew(dueAt: Date, tokenId: string | null, now: Date): RevokedToken | null {
    const previousDueAt = this.props.dueAt;
    const revoked = this.revokeToken('RENEWED', now);
    this.transition('renew', { dueAt: dueAt.toISOString(), renewals: this.props.renewals + 1, tokenId });
    this.record({
      name: 'digital-loan.renewed',
      occurredAt: now.toISOString(),
      loanId: this.id,
      copyId: this.copyId,
      memberId: this.memberId,
      previousDueAt,
      dueAt: this.props.dueAt,
      renewals: this.props.renewals,
      tokenId,
    });
    return revoked;
  }

  /** Given back before the due instant: the license frees at once and the token stops working. */
  returnEarly(now: Date): RevokedToken | null {
    const revoked = this.revokeToken('RETURNED', now);
    this.transition('returnEarly', { endedAt: now.toISOString() });
    this.record({ ...this.ending(now), name: 'digital-loan.returned', dueAt: this.props.dueAt });
    return revoked;
  }

  /** The due instant passed: the token expired on its own, so nothing needs revoking. */
  expire(now: Date): void {
    if (!this.isDue(now)) throw new IllegalTransitionError('DigitalLoan', `${this.status} before its due instant`, 'expire');
    this.transition('expire', { endedAt: this.props.dueAt });
    this.record({ ...this.ending(now), name: 'digital-loan.expired', dueAt: this.props.dueAt });
  }

  /** Staff end the loan (abuse, a withdrawn title): same as a return, with a reason on record. */
  revoke(reason: string, now: Date): RevokedToken | null {
    const revoked = this.revokeToken('REVOKED', now);
    this.transition('revoke', { endedAt: now.toISOString() });
    this.record({ ...this.ending(now), name: 'digital-loan.revoked', reason });
    return revoked;
  }

  toPrimitives(): DigitalLoanPrimitives {
    return { ...this.props };
  }

  private ending(now: Date): { occurredAt: string; loanId: string; copyId: string; isbn: string; memberId: string } {
    return { occurredAt: now.toISOString(), loanId: this.id, copyId: this.copyId, isbn: this.isbn, memberId: this.memberId };
  }

  private revokeToken(reason: TokenRevocationReason, now: Date): RevokedToken | null {
    const tokenId = this.props.tokenId;
    if (tokenId === null || !this.isActive) return null;
    this.record({ name: 'loan-token.revoked', occurredAt: now.toISOString(), tokenId, loanId: this.id, memberId: this.memberId, reason, until: this.props.dueAt });
    return { tokenId, loanId: this.id, until: this.dueAt };
  }

  private transition(command: DigitalLoanCommand, changes: Partial<DigitalLoanPrimitives>): void {
    const row: Partial<Record<DigitalLoanCommand, DigitalLoanStatus>> = DIGITAL_LOAN_TRANSITIONS[this.props.status];
    const next = row[command];
    if (next === undefined) throw new IllegalTransitionError('DigitalLoan', this.props.status, command);
    this.props = { ...this.props, ...changes, status: next };
  }
}
