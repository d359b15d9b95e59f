import { AggregateRoot } from '../shared/AggregateRoot.js';
import { IllegalTransitionError } from './LendingError.js';

export type LoanStatus = 'OPEN' | 'RETURNED' | 'LOST';
type LoanCommand = 'renew' | 'close' | 'closeAsLost';

export const LOAN_TRANSITIONS = {
  OPEN: { renew: 'OPEN', close: 'RETURNED', closeAsLost: 'LOST' },
  RETURNED: {},
  LOST: {},
} as const satisfies Record<LoanStatus, Partial<Record<LoanCommand, LoanStatus>>>;

export interface LoanPrimitives {
  readonly id: string;
  readonly barcode: string;
  readonly isbn: string;
  readonly memberId: string;
  readonly status: LoanStatus;
  readonly checkedOutAt: string;
  readonly dueAt: string;
  readonly returnedAt: string | null;
  readonly renewals: number;
}

/** One checkout of one copy by one member: when it left, when it is due, when it came back. */
export class Loan extends AggregateRoot {
  private constructor(
    private props: LoanPrimitives,
    version: number,
  ) {
    super(version);
  }

  static open(input: { id: string; barcode: string; isbn: string; memberId: string; dueAt: Date }, now: Date): Loan {
    return new Loan(
      {
        id: input.id,
        barcode: input.barcode,
        isbn: input.isbn,
        memberId: input.memberId,
        status: 'OPEN',
        checkedOutAt: now.toISOString(),
        dueAt: input.dueAt.toISOString(),
        returnedAt: null,
        renewals: 0,
      },
      0,
    );
  }

  static fromPrimitives(p: LoanPrimitives, version: number): Loan {
    return new Loan({ ...p }, version);
  }

  get id(): string {
    return this.props.id;
  }
  get barcode(): string {
    return this.props.barcode;
  }
  get isbn(): string {
    return this.props.isbn;
  }
  get memberId(): string {
    return this.props.memberId;
  }
  get status(): LoanStatus {
    return this.props.status;
  }
  get isOpen(): boolean {
    return this.props.status === 'OPEN';
  }
  get checkedOutAt(): Date {
    return new Date(this.props.checkedOutAt);
  }
  get dueAt(): Date {
    return new Date(this.props.dueAt);
  }
  get returnedAt(): Date | null {
    return this.props.returnedAt === null ? null : new Date(this.props.returnedAt);
  }
  get renewals(): number {
    return this.props.renewals;
  }

  isOverdue(now: Date): boolean {
    return this.isOpen && now.getTime() > Date.parse(this.props.dueAt);
  }

  /** Extends the loan; the new due date is never earlier than the current one. */
  renew(newDueAt: Date, now: Date): void {
    const previousDueAt = this.props.dueAt;
    const dueAt = new Date(Math.max(newDueAt.getTime(), Date.parse(previousDueAt))).toISOString();
    this.transition('renew', { dueAt, renewals: this.props.renewals + 1 });
    this.record({
      name: 'loan.renewed',
      occurredAt: now.toISOString(),
      loanId: this.id,
      barcode: this.barcode,
      memberId: this.memberId,
      previousDueAt,
      dueAt,
      renewals: this.props.renewals,
    });
  }

  close(now: Date): void {
    this.transition('close', { returnedAt: now.toISOString() });
  }

  closeAsLost(now: Date): void {
    this.transition('closeAsLost', { returnedAt: null });
    this.record({ name: 'loan.closed-as-lost', occurredAt: now.toISOString(), loanId: this.id, barcode: this.barcode, memberId: this.memberId });
  }

  toPrimitives(): LoanPrimitives {
    return { ...this.props };
  }

  private transition(command: LoanCommand, changes: Partial<LoanPrimitives>): void {
    const row: Partial<Record<LoanCommand, LoanStatus>> = LOAN_TRANSITIONS[this.props.status];
    const next = row[command];
    if (next === undefined) throw new IllegalTransitionError('Loan', this.props.status, command);
    this.props = { ...this.props, ...changes, status: next };
  }
}
