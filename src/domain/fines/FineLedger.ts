import { AggregateRoot } from '../shared/AggregateRoot.js';
import type { FineReason } from '../shared/DomainEvent.js';
import { requireText } from '../shared/guards.js';
import { Money } from '../shared/Money.js';
import { accrualAfter, type FineAccrualState } from './FineAccrual.js';
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
  /** An overdue fine still accruing on an open loan (`FineAccrualState`); absent or null: charged in full. */
  readonly accrual?: FineAccrualState | null;
}

/** A fine every decision reads: open, or the accruing fine of a loan still out (even paid up or waived, until the loan ends). */
export function isLiveFine(f: FinePrimitives): boolean {
  return f.status === 'OPEN' || (f.accrual ?? null) !== null;
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
    this.assertCharge(input.amount);
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

  /** The overdue fine accruing on `loanId`, if one is. */
  accruingFineOf(loanId: string): (FinePrimitives & { readonly accrual: FineAccrualState }) | undefined {
    return this.props.fines.find((f): f is FinePrimitives & { accrual: FineAccrualState } => f.loanId === loanId && f.reason === 'OVERDUE' && (f.accrual ?? null) !== null);
  }

  /**
   * Raises the loan's accruing overdue fine to `amount`, what the loan has cost so far (never lowers it), or starts one;
   * a stopped (waived) accrual stays at nothing. Returns the increase in minor units.
   */
  accrue(input: { fineId: string; loanId: string; barcode: string; amount: Money }, now: Date): number {
    this.assertCharge(input.amount);
    const current = this.accruingFineOf(input.loanId);
    if (current && accrualAfter(current.accrual, 'accrue') === undefined) return 0;
    const increase = input.amount.amount - (current?.amount ?? 0);
    if (increase <= 0) return 0;
    const fine: FinePrimitives = current
      ? { ...current, amount: input.amount.amount, outstanding: current.outstanding + increase, status: 'OPEN' }
      : { id: input.fineId, loanId: input.loanId, barcode: input.barcode, reason: 'OVERDUE', amount: increase, outstanding: increase, status: 'OPEN', assessedAt: now.toISOString(), accrual: 'ACCRUING' };
    this.put(fine, increase);
    this.record({ name: 'fine.accrued', occurredAt: now.toISOString(), fineId: fine.id, memberId: this.memberId, loanId: input.loanId, amount: fine.amount, increase, currency: this.currency });
    return increase;
  }

  /**
   * The overdue fine of a loan that ends (returned, renewed late, lost): its accruing fine is finalised at `amount`
   * (never below what was paid of it; a waived one at nothing), so nothing is charged twice; with none accruing,
   * `amount` is assessed as a new fine. Returns the fine charged, or null when nothing is.
   */
  chargeOverdue(input: { fineId: string; loanId: string; barcode: string; amount: Money }, now: Date): FinePrimitives | null {
    this.assertCharge(input.amount);
    const current = this.accruingFineOf(input.loanId);
    if (!current) {
      const assessed = this.assess({ ...input, reason: 'OVERDUE' }, now);
      return assessed ? (this.props.fines.find((f) => f.id === input.fineId) ?? null) : null;
    }
    if (current.accrual === 'STOPPED') {
      this.put({ ...current, accrual: accrualAfter(current.accrual, 'finalise') ?? null }, 0);
      return null;
    }
    const paid = current.amount - current.outstanding;
    const amount = Math.max(input.amount.amount, paid);
    const outstanding = amount - paid;
    const fine: FinePrimitives = { ...current, amount, outstanding, status: outstanding > 0 ? 'OPEN' : 'PAID', accrual: accrualAfter(current.accrual, 'finalise') ?? null };
    this.put(fine, outstanding - current.outstanding);
    this.record({ name: 'fine.assessed', occurredAt: now.toISOString(), fineId: fine.id, memberId: this.memberId, loanId: fine.loanId, reason: 'OVERDUE', amount, currency: this.currency });
    return fine;
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
    if (fine.status !== 'OPEN' && !(fine.accrual === 'ACCRUING' && fine.status === 'PAID')) throw new FineError('FINE_NOT_OPEN', `fine ${fineId} is ${fine.status}`, { fineId, status: fine.status });
    const waived = fine.outstanding;
    // A waived accruing fine stops accruing: the loan's end finalises it at nothing.
    const accrual = fine.accrual ? (accrualAfter(fine.accrual, 'stop') ?? fine.accrual) : null;
    this.props = {
      ...this.props,
      balance: this.props.balance - waived,
      fines: this.props.fines.map((f) => (f.id === fineId ? { ...f, outstanding: 0, status: 'WAIVED' as const, ...(accrual === null ? {} : { accrual }) } : f)),
    };
    this.record({ name: 'fine.waived', occurredAt: now.toISOString(), fineId, memberId: this.memberId, amount: waived, currency: this.currency, reason: why });
  }

  toPrimitives(): FineLedgerPrimitives {
    return FineLedger.fromPrimitives(this.props, this.version).props;
  }

  /** Replaces (or adds) one fine, moving the balance by `delta`, what its outstanding amount moved by. */
  private put(fine: FinePrimitives, delta: number): void {
    const known = this.props.fines.some((f) => f.id === fine.id);
    const fines = known ? this.props.fines.map((f) => (f.id === fine.id ? fine : f)) : [...this.props.fines, fine];
    this.props = { ...this.props, balance: this.props.balance + delta, fines };
  }

  private assertCharge(amount: Money): void {
    this.assertCurrency(amount);
    if (amount.amount < 0) throw new FineError('INVALID_AMOUNT', 'a fine cannot be negative', { amount: amount.amount });
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
