import { createSecretKey } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/infrastructure/system/FixedClock.js';
import { SessionTokens } from '../../src/interfaces/http/auth/SessionTokens.js';
import { TEST_SESSION_SECRET } from './server.js';

const NOW = '2026-09-07T09:00:00.000Z';
const nowSeconds = Date.parse(NOW) / 1000;

/** A token signed with the servers' own key, as a holder of the key (or a bug) could mint it. */
const minted = (claims: { readonly iat: number; readonly exp: number }): Promise<string> =>
  new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject('M-PRIYA')
    .setIssuer('shelfmark')
    .setAudience('shelfmark-kiosk')
    .setIssuedAt(claims.iat)
    .setExpirationTime(claims.exp)
    .sign(createSecretKey(TEST_SESSION_SECRET));

describe(SessionTokens, () => {
  const sessions = new SessionTokens(new FixedClock(NOW), TEST_SESSION_SECRET, 300);

  describe('.verify', () => {
    describe('when the token is one it issued', () => {
      it('should answer the member id', async () => {
        const { token } = await sessions.issue('M-PRIYA');
        await expect(sessions.verify(token)).resolves.toBe('M-PRIYA');
      });
    });

    describe('when the token lives exactly the configured lifetime', () => {
      it('should accept it', async () => {
        await expect(sessions.verify(await minted({ iat: nowSeconds - 10, exp: nowSeconds + 290 }))).resolves.toBe('M-PRIYA');
      });
    });

    describe('when the token says it was issued in the future', () => {
      it('should refuse it', async () => {
        await expect(sessions.verify(await minted({ iat: nowSeconds + 60, exp: nowSeconds + 300 }))).resolves.toBeNull();
      });
    });

    describe('when another server stamped it a few seconds ahead of this clock', () => {
      it('should accept it (clocks a little apart)', async () => {
        await expect(sessions.verify(await minted({ iat: nowSeconds + 5, exp: nowSeconds + 305 }))).resolves.toBe('M-PRIYA');
      });
    });

    describe('when the token lives longer than the configured lifetime', () => {
      it('should refuse it, even though it has not expired', async () => {
        await expect(sessions.verify(await minted({ iat: nowSeconds - 10, exp: nowSeconds + 86_400 }))).resolves.toBeNull();
        await expect(sessions.verify(await minted({ iat: nowSeconds, exp: nowSeconds + 301 }))).resolves.toBeNull();
      });
    });
  });
});
