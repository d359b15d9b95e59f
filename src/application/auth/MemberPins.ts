import type { Clock } from '../../domain/shared/Clock.js';
import { requireId } from '../../domain/shared/guards.js';
import { ValidationError } from '../../domain/shared/ShelfmarkError.js';
import type { MemberService } from '../MemberService.js';
import type { CredentialStore, PinFailure } from '../ports/CredentialStore.js';
import { AuthError } from './AuthError.js';
import { KeyedMutex } from './KeyedMutex.js';
import type { SecretHasher } from './SecretHasher.js';

export interface LockoutPolicy {
  /** Wrong PINs allowed inside the window before the card locks. */
  readonly maxFailures: number;
  readonly windowMinutes: number;
  readonly lockMinutes: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 };

const PIN_PATTERN = /^[0-9]{4,8}$/;

/**
 * The one check of a member's card number and PIN, for every door a member signs in at (the HTTP kiosk
 * sign-in, self-check kiosks). Wrong PINs are counted per card on the injected clock;
 * the fifth inside fifteen minutes locks the card for fifteen minutes, during which even the right
 * PIN is refused. An unknown card costs the same hashing time as a wrong PIN and gets the same answer.
 * The store counts each failure atomically, so servers sharing it lock the card at the same attempt;
 * in one process attempts on one card also queue, so they are counted in the order they arrived.
 */
export class MemberPins {
  private readonly perCard = new KeyedMutex();

  constructor(
    private readonly store: CredentialStore,
    private readonly hasher: SecretHasher,
    private readonly members: MemberService,
    private readonly clock: Clock,
    private readonly lockout: LockoutPolicy = DEFAULT_LOCKOUT,
  ) {}

  /** Sets or replaces a member's PIN (at the counter, after checking identity) and clears any lockout. */
  async setPin(memberId: string, pin: string): Promise<void> {
    if (!PIN_PATTERN.test(pin)) throw new ValidationError('a PIN is 4 to 8 digits', { field: 'pin' });
    const member = await this.members.get(memberId);
    const pinHash = await this.hasher.hash(pin);
    await this.perCard.run(member.memberId, () => this.store.setPin(member.memberId, pinHash));
  }

  /** The member the card and PIN prove, or `UNAUTHENTICATED` / `PIN_LOCKED`. */
  async verify(cardNumber: string, pin: string): Promise<string> {
    const memberId = requireId(cardNumber, 'cardNumber');
    return this.perCard.run(memberId, async () => {
      const record = await this.store.pin(memberId);
      const now = this.clock.now();
      if (record?.lockedUntil && Date.parse(record.lockedUntil) > now.getTime()) throw this.locked(record.lockedUntil);
      if (!record) {
        await this.hasher.burn(pin);
        throw this.refused();
      }
      if (!(await this.hasher.verify(pin, record.pinHash))) {
        await this.store.recordPinFailure(memberId, this.failureAt(now));
        throw this.refused();
      }
      // another server may have locked the card since it was read: the store refuses to clear a lock in force
      if (!(await this.store.clearPinFailures(memberId, now))) throw this.locked((await this.store.pin(memberId))?.lockedUntil ?? now.toISOString());
      return memberId;
    });
  }

  /** The lockout policy applied to one wrong PIN at `now`: which earlier failures still count, and the lock they reach. */
  private failureAt(now: Date): PinFailure {
    return {
      at: now,
      windowStart: new Date(now.getTime() - this.lockout.windowMinutes * 60_000),
      maxFailures: this.lockout.maxFailures,
      lockUntil: new Date(now.getTime() + this.lockout.lockMinutes * 60_000),
    };
  }

  private locked(lockedUntil: string): AuthError {
    return new AuthError('PIN_LOCKED', `too many wrong PINs; card locked until ${lockedUntil}`, { lockedUntil });
  }

  private refused(): AuthError {
    return new AuthError('UNAUTHENTICATED', 'card number or PIN is wrong');
  }
}
