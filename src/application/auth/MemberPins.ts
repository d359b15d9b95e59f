import type { Clock } from '../../domain/shared/Clock.js';
import { requireId, requirePositiveInteger } from '../../domain/shared/guards.js';
import { ValidationError } from '../../domain/shared/ShelfmarkError.js';
import type { MemberService } from '../MemberService.js';
import type { CredentialStore, PinFailure } from '../ports/CredentialStore.js';
import { AuthError } from './AuthError.js';
import { KeyedMutex } from './KeyedMutex.js';
import type { SecretHasher } from './SecretHasher.js';

/** How a card slows down wrong PINs: a few free tries, then a wait that doubles with each wrong PIN, capped. */
export interface PinBackoff {
  /** Wrong PINs in a row a card may have before each further try must wait. */
  readonly freeFailures: number;
  /** The wait after the first wrong PIN over the free ones; each further one doubles it… */
  readonly firstWaitSeconds: number;
  /** …up to this. */
  readonly maxWaitMinutes: number;
  /** Wrong PINs older than this are forgotten, as a right PIN forgets them all. */
  readonly forgetAfterHours: number;
}

export const DEFAULT_PIN_BACKOFF: PinBackoff = { freeFailures: 5, firstWaitSeconds: 30, maxWaitMinutes: 15, forgetAfterHours: 24 };

/** The one answer to every refused sign-in: unknown card, wrong PIN and a card waiting out its back-off alike. */
const REFUSED_MESSAGE = 'card number or PIN not accepted; after repeated wrong PINs a card must wait a little before the next try';

const PIN_PATTERN = /^[0-9]{4,8}$/;

/**
 * The one check of a member's card number and PIN, for every door a member signs in at (the HTTP kiosk
 * sign-in, self-check kiosks). It gives no oracle: an unknown card, a wrong PIN and a card waiting out its back-off
 * get the same error, the same message and the same hashing work (one scrypt each). Wrong PINs are counted per card
 * on the injected clock: after `freeFailures` in a row each further try must wait, the wait doubling with each wrong
 * PIN up to `maxWaitMinutes`; tries during the wait — even with the right PIN — are refused alike and not counted, so
 * nobody can lock a card for longer than the capped wait. The store counts each failure atomically, so servers
 * sharing it count together; in one process attempts on one card also queue, in the order they arrived.
 */
export class MemberPins {
  private readonly perCard = new KeyedMutex();

  constructor(
    private readonly store: CredentialStore,
    private readonly hasher: SecretHasher,
    private readonly members: MemberService,
    private readonly clock: Clock,
    private readonly backoff: PinBackoff = DEFAULT_PIN_BACKOFF,
  ) {
    for (const field of ['freeFailures', 'firstWaitSeconds', 'maxWaitMinutes', 'forgetAfterHours'] as const) requirePositiveInteger(backoff[field], `pinBackoff.${field}`);
  }

  /** Sets or replaces a member's PIN (at the counter, after checking identity) and clears any lockout. */
  async setPin(memberId: string, pin: string): Promise<void> {
    if (!PIN_PATTERN.test(pin)) throw new ValidationError('a PIN is 4 to 8 digits', { field: 'pin' });
    const member = await this.members.get(memberId);
    const pinHash = await this.hasher.hash(pin);
    await this.perCard.run(member.memberId, () => this.store.setPin(member.memberId, pinHash));
  }

  /** The member the card and PIN prove, or AuthError `UNAUTHENTICATED` — the same for every refusal. */
  async verify(cardNumber: string, pin: string): Promise<string> {
    const memberId = requireId(cardNumber, 'cardNumber');
    return this.perCard.run(memberId, async () => {
      const record = await this.store.pin(memberId);
      const now = this.clock.now();
      if (!record || (record.lockedUntil !== null && Date.parse(record.lockedUntil) > now.getTime())) {
        await this.hasher.burn(pin);
        throw this.refused();
      }
      if (!(await this.hasher.verify(pin, record.pinHash))) {
        await this.store.recordPinFailure(memberId, this.failureAt(now));
        throw this.refused();
      }
      // another server may have set a wait since the record was read: the store refuses to clear a wait in force
      if (!(await this.store.clearPinFailures(memberId, now))) throw this.refused();
      return memberId;
    });
  }

  /** The back-off applied to one wrong PIN at `now`. */
  private failureAt(now: Date): PinFailure {
    return {
      at: now,
      forgetBefore: new Date(now.getTime() - this.backoff.forgetAfterHours * 3_600_000),
      freeFailures: this.backoff.freeFailures,
      firstWaitSeconds: this.backoff.firstWaitSeconds,
      maxWaitSeconds: this.backoff.maxWaitMinutes * 60,
    };
  }

  private refused(): AuthError {
    return new AuthError('UNAUTHENTICATED', REFUSED_MESSAGE);
  }
}
