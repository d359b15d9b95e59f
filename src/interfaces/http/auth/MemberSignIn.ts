import type { MemberPins } from '../../../application/auth/MemberPins.js';
import { HttpError } from '../errors/HttpError.js';
import type { MemberSession, SessionTokens } from './SessionTokens.js';
import type { TokenBucket } from './TokenBucket.js';

/**
 * A member signing in over HTTP, by whichever route (the kiosk API's `POST /api/sessions/pin`, an OPDS reading app's
 * token request): attempts from one address are rate limited, the card and PIN are checked by the one PIN check, and
 * a short-lived session is issued.
 */
export class MemberSignIn {
  constructor(
    private readonly pins: MemberPins,
    private readonly sessions: SessionTokens,
    private readonly attempts: TokenBucket,
  ) {}

  async signIn(cardNumber: string, pin: string, address: string): Promise<MemberSession> {
    const wait = this.attempts.take(address);
    if (wait > 0) throw new HttpError('RATE_LIMITED', `too many sign-in attempts; retry in ${wait} s`, { retryAfterSeconds: wait });
    return this.sessions.issue(await this.pins.verify(cardNumber, pin));
  }
}
