import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import type { Clock } from '../../../domain/shared/Clock.js';
import { requirePositiveInteger } from '../../../domain/shared/guards.js';
import { ValidationError } from '../../../domain/shared/ShelfmarkError.js';

const ISSUER = 'shelfmark';
const AUDIENCE = 'shelfmark-kiosk';
/** How far ahead of this server's clock another server sharing the key may stamp `iat` (clocks a little apart). */
const CLOCK_SKEW_SECONDS = 5;

export interface MemberSession {
  readonly token: string;
  readonly memberId: string;
  readonly expiresAt: string;
}

/**
 * Short-lived member sessions after a PIN login: a JWT signed with HS256 (the only algorithm
 * accepted on verification), with `sub` = member id and expiry judged by the injected clock.
 * Stateless: any server holding the same secret accepts it. A token stamped as issued in the future (beyond a few
 * seconds of clock skew) or living longer than this server's lifetime is refused, even if well signed: such a token
 * was not issued by a server configured like this one.
 */
export class SessionTokens {
  private readonly key: KeyObject;

  constructor(
    private readonly clock: Clock,
    secret: Uint8Array = randomBytes(32),
    private readonly ttlSeconds = 300,
  ) {
    if (!(secret instanceof Uint8Array) || secret.byteLength < 32) throw new ValidationError('the session secret needs at least 32 bytes', { field: 'sessionSecret' });
    requirePositiveInteger(ttlSeconds, 'sessionTtlSeconds');
    this.key = createSecretKey(secret);
  }

  async issue(memberId: string): Promise<MemberSession> {
    const issuedAt = Math.floor(this.clock.now().getTime() / 1000);
    const expiresAt = issuedAt + this.ttlSeconds;
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(memberId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.key);
    return { token, memberId, expiresAt: new Date(expiresAt * 1000).toISOString() };
  }

  /** The member id of a valid, unexpired session token; null otherwise. */
  async verify(token: string): Promise<string | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        currentDate: this.clock.now(),
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      const now = Math.floor(this.clock.now().getTime() / 1000);
      const { iat, exp } = payload as { readonly iat: number; readonly exp: number };
      if (iat > now + CLOCK_SKEW_SECONDS || exp - iat > this.ttlSeconds) return null;
      return payload.sub ?? null;
    } catch (error) {
      if (error instanceof errors.JOSEError) return null;
      throw error;
    }
  }
}
