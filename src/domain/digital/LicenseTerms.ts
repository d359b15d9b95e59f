import { requireInstant, requirePositiveInteger } from '../shared/guards.js';
import { ValidationError } from '../shared/ShelfmarkError.js';

/** What a publisher contract says about one digital copy, beyond its number of concurrent licenses. */
export interface LicenseTermsInput {
  /** Metered licensing: the pool lends this many more times, then ends (e.g. 26 checkouts). */
  readonly checkouts?: number;
  /** The contract ends at this instant (e.g. 24 months after purchase). */
  readonly expiresAt?: Date;
  /** Simultaneous use: no concurrency cap, and loans do not count toward a member's digital loan limit. */
  readonly unlimitedAccess?: boolean;
}

export interface LicenseTermsPrimitives {
  /** Checkouts the contract still allows; null when it is not metered. */
  readonly checkoutsLeft: number | null;
  /** When the contract ends; null when it is perpetual. */
  readonly expiresAt: string | null;
  readonly unlimitedAccess: boolean;
}

export type TermsEnd = 'EXPIRED' | 'METERED_OUT';

/** The contract of one license pool: metered, time-limited, unlimited, or any sensible mix. */
export class LicenseTerms {
  private constructor(private readonly props: LicenseTermsPrimitives) {}

  static agree(input: LicenseTermsInput = {}): LicenseTerms {
    if (input.unlimitedAccess !== undefined && typeof input.unlimitedAccess !== 'boolean') {
      throw new ValidationError('unlimitedAccess must be true or false', { field: 'unlimitedAccess' });
    }
    return new LicenseTerms({
      checkoutsLeft: input.checkouts === undefined ? null : requirePositiveInteger(input.checkouts, 'checkouts'),
      expiresAt: input.expiresAt === undefined ? null : requireInstant(input.expiresAt, 'expiresAt').toISOString(),
      unlimitedAccess: input.unlimitedAccess ?? false,
    });
  }

  static fromPrimitives(p: LicenseTermsPrimitives): LicenseTerms {
    return new LicenseTerms({ ...p });
  }

  get unlimitedAccess(): boolean {
    return this.props.unlimitedAccess;
  }
  get checkoutsLeft(): number | null {
    return this.props.checkoutsLeft;
  }

  /** Why the contract no longer allows new checkouts at `now`, or null while it does. */
  endedAt(now: Date): TermsEnd | null {
    if (this.props.expiresAt !== null && Date.parse(this.props.expiresAt) <= now.getTime()) return 'EXPIRED';
    if (this.props.checkoutsLeft === 0) return 'METERED_OUT';
    return null;
  }

  /** The instant the contract ends by date, when that is still to come at `now`; null for none (perpetual, or past). */
  endsLater(now: Date): Date | null {
    if (this.props.expiresAt === null || Date.parse(this.props.expiresAt) <= now.getTime()) return null;
    return new Date(this.props.expiresAt);
  }

  /** How many more checkouts may start, beyond those already promised; Infinity when not metered. */
  checkoutsAvailable(promised: number): number {
    return this.props.checkoutsLeft === null ? Number.POSITIVE_INFINITY : Math.max(0, this.props.checkoutsLeft - promised);
  }

  /** One checkout (or renewal) used: a metered contract counts down. */
  afterCheckout(): LicenseTerms {
    if (this.props.checkoutsLeft === null) return this;
    return new LicenseTerms({ ...this.props, checkoutsLeft: Math.max(0, this.props.checkoutsLeft - 1) });
  }

  toPrimitives(): LicenseTermsPrimitives {
    return { ...this.props };
  }
}
