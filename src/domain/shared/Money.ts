import { ValidationError } from './ShelfmarkError.js';

export interface MoneyPrimitives {
  readonly amount: number;
  readonly currency: string;
}

/**
 * An amount in integer minor units (cents, paise) with an ISO-4217 currency. Never a float.
 * Arithmetic between currencies throws; amounts stay within Number's safe-integer range.
 */
export class Money {
  private constructor(
    readonly amount: number,
    readonly currency: string,
  ) {}

  static of(amount: number, currency: string): Money {
    if (!Number.isSafeInteger(amount)) {
      throw new ValidationError('money amount must be a whole number of minor units', { field: 'amount', amount: String(amount) });
    }
    if (!/^[A-Z]{3}$/.test(currency)) throw new ValidationError('currency must be a 3-letter ISO code', { field: 'currency', currency });
    return new Money(amount, currency);
  }

  static nonNegative(amount: number, currency: string): Money {
    const m = Money.of(amount, currency);
    if (m.amount < 0) throw new ValidationError('money amount must not be negative', { field: 'amount', amount });
    return m;
  }

  static zero(currency: string): Money {
    return Money.of(0, currency);
  }

  static fromPrimitives(p: MoneyPrimitives): Money {
    return Money.of(p.amount, p.currency);
  }

  plus(other: Money): Money {
    this.assertSameCurrency(other);
    return Money.of(this.amount + other.amount, this.currency);
  }

  minus(other: Money): Money {
    this.assertSameCurrency(other);
    return Money.of(this.amount - other.amount, this.currency);
  }

  times(factor: number): Money {
    if (!Number.isSafeInteger(factor)) throw new ValidationError('money can only be multiplied by a whole number');
    return Money.of(this.amount * factor, this.currency);
  }

  min(other: Money): Money {
    this.assertSameCurrency(other);
    return other.amount < this.amount ? other : this;
  }

  max(other: Money): Money {
    this.assertSameCurrency(other);
    return other.amount > this.amount ? other : this;
  }

  isZero(): boolean {
    return this.amount === 0;
  }

  isPositive(): boolean {
    return this.amount > 0;
  }

  isGreaterThan(other: Money): boolean {
    this.assertSameCurrency(other);
    return this.amount > other.amount;
  }

  equals(other: Money): boolean {
    return this.amount === other.amount && this.currency === other.currency;
  }

  toPrimitives(): MoneyPrimitives {
    return { amount: this.amount, currency: this.currency };
  }

  toString(): string {
    const sign = this.amount < 0 ? '-' : '';
    const abs = Math.abs(this.amount);
    return `${sign}${this.currency} ${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  }

  private assertSameCurrency(other: Money): void {
    if (other.currency !== this.currency) {
      throw new ValidationError(`cannot combine ${this.currency} with ${other.currency}`, {
        left: this.currency,
        right: other.currency,
      });
    }
  }
}
