import { AggregateRoot } from '../shared/AggregateRoot.js';
import type { FineReason } from '../shared/DomainEvent.js';
import { requireText } from '../shared/guards.js';
import { Money } from '../shared/Money.js';
import { FineError } from './FineError.js';

export type FineStatus = 'OPEN' | 'PAID' | 'WAIVED';

export interface FinePrimitives {
  readonly id: string;
  readonly loanId: string | null;
  readonly barcode: string | null;
  readonly reason: FineReason;
  readonly amount: number;
  readonly outstanding: number;
  readonly status: FineStatus;
  readonly assessedAt: string;
}

export interface PaymentPrimitives {
  readonly id: string;
  readonly amount: number;
  readonly method: string;
  readonly paidAt: string;
  /** How the payment was spread over fines, oldest first. */
  readonly allocations: readonly { readonly fineId: string; readonly amount: number }[];
}

export interface FineLedgerPrimitives {
  readonly memberId: string;
  readonly currency: string;
  /** What the member owes: the outstanding amounts of the open fines, kept with every assessment, payment and waiver. */
  readonly balance: number;
  /**
   * The fines read, oldest first: always every open fine (what a payment settles and a waiver forgives), and the paid
   * and waived ones only when the whole history was read for a statement.
   */
  readonly fines: readonly FinePrimitives[];
  /** The payments read: the history's when it was read for a statement, and those taken since it was read. */
  readonly payments: readonly PaymentPrimitives[];
}

/**
 * One member's fines and payments. A decision reads the running balance and the open fines only, so its cost does not
 * grow with the member's history; paid and waived fines and past payments are read when a statement asks for them.
 * Every change moves the balance by exactly what it moves the open fines by, so the two agree (a property the tests
 * check); payments may be partial and are applied to the oldest open fine first.
 */
export class FineLedger extends AggregateRoot {
  private constructor(
    private props: FineLedgerPrimitives,
    version: number,
  ) {
    super(version);
  }

  static open(memberId: string, currency: string): FineLedger {
    Money.zero(currency);
    return new FineLedger({ memberId, currency, balance: 0, fines: [], payments: [] }, 0);
  }

  static fromPrimitives(p: FineLedgerPrimitives, version: number): FineLedger {
    return new FineLedger({ ...p, fines: p.fines.map((f) => ({ ...f })), payments: p.payments.map((x) => ({ ...x })) }, version);
  }

  get memberId(): string {
    return this.props.memberId;
  }
  get currency(): string {
    return this.props.currency;
  }
  get fines(): readonly FinePrimitives[] {
    return this.props.fines;
  }
  get payments(): readonly PaymentPrimitives[] {
    return this.props.payments;
  }

  balance(): Money {
    return Money.of(this.props.balance, this.props.currency);
  }

  /** Adds a fine; a zero amount records nothing. Returns whether a fine was recorded. */
  assess(input: { fineId: string; loanId: string | null; barcode: string | null; reason: FineReason; amount: Money }, now: Date): boolean {
    this.assertCurrency(input.amount);
    if (input.amount.amount < 0) throw new FineError('INVALID_AMOUNT', 'a fine cannot be negative', { amount: input.amount.amount });
    if (input.amount.isZero()) return false;
    const fine: FinePrimitives = {
      id: input.fineId,
      loanId: input.loanId,
      barcode: input.barcode,
      reason: input.reason,
      amount: input.amount.amount,
      outstanding: input.amount.amount,
      status: 'OPEN',
      assessedAt: now.toISOString(),
    };
    this.props = { ...this.props, balance: this.props.balance + fine.amount, fines: [...this.props.fines, fine] };
    this.record({
      name: 'fine.assessed',
      occurredAt: now.toISOString(),
      fineId: fine.id,
      memberId: this.memberId,
      loanId: fine.loanId,
      reason: fine.reason,
      amount: fine.amount,
      currency: this.currency,
    });
    return true;
  }

  /** Takes a payment of at most the balance and spreads it over open fines, oldest first. */
  pay(input: { paymentId: string; amount: Money; method: string }, now: Date): PaymentPrimitives {
    this.assertCurrency(input.amount);
    const method = requireText(input.method, 'method', 50);
    if (!input.amount.isPositive()) {
      throw new FineError('INVALID_AMOUNT', 'a payment must be greater than zero', { amount: input.amount.amount });
    }
    const balance = this.balance();
    if (input.amount.isGreaterThan(balance)) {
      throw new FineError('AMOUNT_EXCEEDS_BALANCE', `payment of ${input.amount.toString()} exceeds the balance of ${balance.toString()}`, {
        amount: input.amount.amount,
        balance: balance.amount,
      });
    }
    let remaining = input.amount.amount;
    const allocations: { fineId: string; amount: number }[] = [];
    const fines = this.props.fines.map((f) => {
      if (remaining === 0 || f.status !== 'OPEN') return f;
      const take = Math.min(remaining, f.outstanding);
      remaining -= take;
      allocations.push({ fineId: f.id, amount: take });
      const outstanding = f.outstanding - take;
      return { ...f, outstanding, status: outstanding === 0 ? ('PAID' as const) : f.status };
    });
    const payment: PaymentPrimitives = { id: input.paymentId, amount: input.amount.amount, method, paidAt: now.toISOString(), allocations };
    this.props = { ...this.props, balance: this.props.balance - payment.amount, fines, payments: [...this.props.payments, payment] };
    this.record({
      name: 'fine.paid',
      occurredAt: now.toISOString(),
      paymentId: payment.id,
      memberId: this.memberId,
      amount: payment.amount,
      currency: this.currency,
      balanceAfter: this.balance().amount,
    });
    return payment;
  }

  /** Staff forgive what is still owed on one fine. */
  waive(fineId: string, reason: string, now: Date): void {
    const why = requireText(reason, 'reason', 500);
    const fine = this.props.fines.find((f) => f.id === fineId);
    if (!fine) throw new FineError('FINE_NOT_FOUND', `no fine ${fineId} for member ${this.memberId}`, { fineId });
    if (fine.status !== 'OPEN') throw new FineError('FINE_NOT_OPEN', `fine ${fineId} is ${fine.status}`, { fineId, status: fine.status });
    const waived = fine.outstanding;
    this.props = {
      ...this.props,
      balance: this.props.balance - waived,
      fines: this.props.fines.map((f) => (f.id === fineId ? { ...f, outstanding: 0, status: 'WAIVED' as const } : f)),
    };
    this.record({ name: 'fine.waived', occurredAt: now.toISOString(), fineId, memberId: this.memberId, amount: waived, currency: this.currency, reason: why });
  }

  toPrimitives(): FineLedgerPrimitives {
    return FineLedger.fromPrimitives(this.props, this.version).props;
  }

  private assertCurrency(amount: Money): void {
    if (amount.currency !== this.props.currency) {
      throw new FineError('CURRENCY_MISMATCH', `this library charges in ${this.props.currency}, not ${amount.currency}`, {
        expected: this.props.currency,
        actual: amount.currency,
      });
    }
  }
}
