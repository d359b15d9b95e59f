import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { exportSPKI, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { AccessError } from '../../src/domain/digital/AccessError.js';
import type { LoanTokenClaims } from '../../src/application/ports/LoanTokens.js';
import { JoseLoanTokens, LOAN_TOKEN_TYPE } from '../../src/infrastructure/tokens/JoseLoanTokens.js';
import { LoanTokenKeyRing, type LoanTokenKey } from '../../src/infrastructure/tokens/LoanTokenKeyRing.js';
import { aDigitalLibrary, license } from '../fixtures/digital.js';
import { MONDAY_MORNING } from '../fixtures/library.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';

const NOW = new Date(MONDAY_MORNING);
const DUE = new Date('2026-09-21T09:00:00.000Z');
const CLAIMS: LoanTokenClaims = { copyId: 'cormen-epub', patronId: 'M-PRIYA', loanId: 'eloan-000001', tokenId: 'token-000001', issuedAt: NOW, expiresAt: DUE };
const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const payload = { copy_id: 'cormen-epub', patron_id: 'M-PRIYA', loan_id: 'eloan-000001', jti: 'token-000001', iat: NOW.getTime() / 1000, exp: DUE.getTime() / 1000 };

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(AccessError.is(error)).toBe(true);
  return (error as AccessError).code;
}

describe(JoseLoanTokens, () => {
  let k1: LoanTokenKey;
  let ring: LoanTokenKeyRing;
  let tokens: JoseLoanTokens;
  let token: string;

  beforeAll(async () => {
    k1 = await LoanTokenKeyRing.generateKey('k1');
    ring = new LoanTokenKeyRing(k1);
    tokens = new JoseLoanTokens(ring);
    token = await tokens.issue(CLAIMS);
  });

  describe('.issue', () => {
    it('should write copy_id, patron_id, jti, iat and exp = due, signed with EdDSA under the key id', () => {
      const [header, body] = token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>);
      expect(header).toEqual({ alg: 'EdDSA', kid: 'k1', typ: LOAN_TOKEN_TYPE });
      expect(body).toEqual(payload);
    });
  });

  describe('.verify', () => {
    describe('when the token is genuine and not yet due', () => {
      it('should return its claims', async () => {
        expect(await tokens.verify(token, new Date('2026-09-20T09:00:00Z'))).toEqual(CLAIMS);
      });
    });

    describe('when the due instant has come', () => {
      it('should refuse with TOKEN_EXPIRED', async () => {
        expect(await refusal(tokens.verify(token, DUE))).toBe('TOKEN_EXPIRED');
      });
    });

    describe('when the payload was altered', () => {
      it('should refuse with TOKEN_INVALID_SIGNATURE', async () => {
        const [header, , signature] = token.split('.');
        const forged = `${header ?? ''}.${b64({ ...payload, patron_id: 'M-RAJ' })}.${signature ?? ''}`;
        expect(await refusal(tokens.verify(forged, NOW))).toBe('TOKEN_INVALID_SIGNATURE');
      });
    });

    describe('when the token claims alg none', () => {
      it('should refuse with TOKEN_ALGORITHM_NOT_ALLOWED', async () => {
        const unsigned = `${b64({ alg: 'none', kid: 'k1', typ: LOAN_TOKEN_TYPE })}.${b64(payload)}.`;
        expect(await refusal(tokens.verify(unsigned, NOW))).toBe('TOKEN_ALGORITHM_NOT_ALLOWED');
      });
    });

    describe('when it is HMAC-signed with the public key as the secret (algorithm confusion)', () => {
      it('should refuse with TOKEN_ALGORITHM_NOT_ALLOWED', async () => {
        const publicPem = await exportSPKI(k1.publicKey);
        const confused = await new SignJWT(payload).setProtectedHeader({ alg: 'HS256', kid: 'k1', typ: LOAN_TOKEN_TYPE }).sign(new TextEncoder().encode(publicPem));
        expect(await refusal(tokens.verify(confused, NOW))).toBe('TOKEN_ALGORITHM_NOT_ALLOWED');
      });
    });

    describe('when it is signed with someone else’s RSA or EC key', () => {
      it('should refuse with TOKEN_ALGORITHM_NOT_ALLOWED', async () => {
        const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
        const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
        for (const [alg, key] of [['RS256', rsa], ['ES256', ec]] as const) {
          const foreign = await new SignJWT(payload).setProtectedHeader({ alg, kid: 'k1', typ: LOAN_TOKEN_TYPE }).sign(key);
          expect(await refusal(tokens.verify(foreign, NOW))).toBe('TOKEN_ALGORITHM_NOT_ALLOWED');
        }
      });
    });

    describe('when it is signed with an Ed25519 key the library does not hold', () => {
      it('should refuse with TOKEN_INVALID_SIGNATURE under a known kid and TOKEN_UNKNOWN_KEY otherwise', async () => {
        const stranger = generateKeyPairSync('ed25519').privateKey;
        const sign = (kid: string): Promise<string> => new SignJWT(payload).setProtectedHeader({ alg: 'EdDSA', kid, typ: LOAN_TOKEN_TYPE }).sign(stranger);
        expect(await refusal(tokens.verify(await sign('k1'), NOW))).toBe('TOKEN_INVALID_SIGNATURE');
        expect(await refusal(tokens.verify(await sign('k9'), NOW))).toBe('TOKEN_UNKNOWN_KEY');
      });
    });

    describe('when it is not a JWT at all', () => {
      it('should refuse with TOKEN_MALFORMED', async () => {
        expect(await refusal(tokens.verify('not-a-token', NOW))).toBe('TOKEN_MALFORMED');
      });
    });
  });

  describe('key rotation', () => {
    describe('when a new key is rotated in', () => {
      it('should sign with the new kid while the old key still verifies until retired', async () => {
        const ring2 = new LoanTokenKeyRing(k1);
        const rotating = new JoseLoanTokens(ring2);
        const old = await rotating.issue(CLAIMS);
        ring2.rotate(await LoanTokenKeyRing.generateKey('k2'));
        const fresh = await rotating.issue(CLAIMS);

        expect(JSON.parse(Buffer.from(fresh.split('.')[0] ?? '', 'base64url').toString())).toMatchObject({ kid: 'k2' });
        expect(await rotating.verify(old, NOW)).toEqual(CLAIMS);
        expect(await rotating.verify(fresh, NOW)).toEqual(CLAIMS);

        ring2.retire('k1');
        expect(await refusal(rotating.verify(old, NOW))).toBe('TOKEN_UNKNOWN_KEY');
        expect(await rotating.verify(fresh, NOW)).toEqual(CLAIMS);
        expect(() => {
          ring2.retire('k2');
        }).toThrow(/rotate to a new key/);
      });
    });
  });

  describe('keys as Node KeyObjects', () => {
    it('should sign and verify the same way', async () => {
      const ring3 = LoanTokenKeyRing.ephemeral();
      expect(ring3.signingKey().privateKey).toBeInstanceOf(KeyObject);
      const t3 = new JoseLoanTokens(ring3);
      expect(await t3.verify(await t3.issue(CLAIMS), NOW)).toEqual(CLAIMS);
    });
  });
});

describe('Loan token lifecycle', () => {
  describe('when Priya borrows, reads, returns early and tries to read again', () => {
    it('should accept the token while the loan runs and refuse it from the return on', async () => {
      const t = await aDigitalLibrary();
      await enrol(t.library, 'priya');
      const copyId = await license(t, 'cormenEpub');
      const lent = await t.library.digital.borrow({ memberId: MemberFixtures.priya.id, copyId });
      if (lent.outcome !== 'LENT' || lent.access.token === null) throw new Error('expected a token');
      const token = lent.access.token;

      t.clock.advanceDays(3);
      expect(await t.library.digital.verifyToken(token)).toMatchObject({ copyId, patronId: MemberFixtures.priya.id, loanId: lent.loan.loanId });

      await t.library.digital.returnEarly({ loanId: lent.loan.loanId });
      await expect(t.library.digital.verifyToken(token)).rejects.toMatchObject({ code: 'TOKEN_REVOKED' });
    });
  });

  describe('when nobody returns the book', () => {
    it('should refuse the token from the due instant on', async () => {
      const t = await aDigitalLibrary();
      await enrol(t.library, 'priya');
      const lent = await t.library.digital.borrow({ memberId: MemberFixtures.priya.id, copyId: await license(t, 'cormenEpub') });
      if (lent.outcome !== 'LENT' || lent.access.token === null) throw new Error('expected a token');
      t.clock.advanceDays(14);
      await expect(t.library.digital.verifyToken(lent.access.token)).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
    });
  });
});
