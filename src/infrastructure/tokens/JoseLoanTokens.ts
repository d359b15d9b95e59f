import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { LoanTokenClaims, LoanTokens } from '../../application/ports/LoanTokens.js';
import { AccessError, type AccessErrorCode } from '../../domain/digital/AccessError.js';
import { LOAN_TOKEN_ALGORITHM, type LoanTokenKeyRing } from './LoanTokenKeyRing.js';

/** The JWS `typ` header of loan tokens: a JWT made for something else is not a loan token. */
export const LOAN_TOKEN_TYPE = 'shelfmark-loan+jwt';

/** How each refusal from jose reads as an access error; anything else is a malformed token. */
const REFUSALS: readonly (readonly [new (...args: never[]) => Error, AccessErrorCode])[] = [
  [errors.JWTExpired, 'TOKEN_EXPIRED'],
  [errors.JOSEAlgNotAllowed, 'TOKEN_ALGORITHM_NOT_ALLOWED'],
  [errors.JWSSignatureVerificationFailed, 'TOKEN_INVALID_SIGNATURE'],
];

const seconds = (instant: Date): number => Math.floor(instant.getTime() / 1000);

/**
 * Loan tokens as signed JWTs with jose. The algorithm is pinned to EdDSA on both sides, so
 * `alg: none`, HMAC-with-the-public-key and RSA/ECDSA substitutions are refused before any key is used.
 * `iat` and `exp` come from the caller's clock; verification takes "now" as `currentDate` with no leeway.
 */
export class JoseLoanTokens implements LoanTokens {
  constructor(private readonly keys: LoanTokenKeyRing) {}

  async issue(claims: LoanTokenClaims): Promise<string> {
    const key = this.keys.signingKey();
    return new SignJWT({ copy_id: claims.copyId, patron_id: claims.patronId, loan_id: claims.loanId })
      .setProtectedHeader({ alg: LOAN_TOKEN_ALGORITHM, kid: key.kid, typ: LOAN_TOKEN_TYPE })
      .setJti(claims.tokenId)
      .setIssuedAt(seconds(claims.issuedAt))
      .setExpirationTime(seconds(claims.expiresAt))
      .sign(key.privateKey);
  }

  async verify(token: string, now: Date): Promise<LoanTokenClaims> {
    try {
      const { payload } = await jwtVerify(
        token,
        (header) => {
          const key = header.kid === undefined ? null : this.keys.verificationKey(header.kid);
          if (key === null) throw new AccessError('TOKEN_UNKNOWN_KEY', 'the token was signed with a key this library does not know', { kid: header.kid ?? null });
          return key;
        },
        { algorithms: [LOAN_TOKEN_ALGORITHM], typ: LOAN_TOKEN_TYPE, currentDate: now, clockTolerance: 0, requiredClaims: ['exp', 'iat', 'jti'] },
      );
      return JoseLoanTokens.claimsOf(payload);
    } catch (error) {
      if (AccessError.is(error)) throw error;
      const code = REFUSALS.find(([type]) => error instanceof type)?.[1] ?? 'TOKEN_MALFORMED';
      throw new AccessError(code, `loan token refused: ${error instanceof Error ? error.message : 'unreadable'}`, {}, { cause: error });
    }
  }

  private static claimsOf(payload: JWTPayload): LoanTokenClaims {
    const { copy_id: copyId, patron_id: patronId, loan_id: loanId, jti, iat, exp } = payload;
    if (typeof copyId !== 'string' || typeof patronId !== 'string' || typeof loanId !== 'string' || jti === undefined || iat === undefined || exp === undefined) {
      throw new AccessError('TOKEN_MALFORMED', 'the token lacks copy_id, patron_id or loan_id');
    }
    return { copyId, patronId, loanId, tokenId: jti, issuedAt: new Date(iat * 1000), expiresAt: new Date(exp * 1000) };
  }
}
