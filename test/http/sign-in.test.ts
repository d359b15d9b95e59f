import { beforeEach, describe, expect, it } from 'vitest';
import { enrol, MemberFixtures } from '../fixtures/members.js';
import { aServer, PIN, type TestServer } from './server.js';

const { priya } = MemberFixtures;
const signInAs = (t: TestServer, pin: string, cardNumber: string = priya.id) =>
  t.call({ method: 'POST', url: '/api/sessions/pin', payload: { cardNumber, pin } });

describe('POST /api/sessions/pin', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await aServer({ server: { pinRateLimit: { capacity: 100, refillPerMinute: 100 } } });
    await enrol(t.library, 'priya', 'raj');
    await t.server.pins.setPin(priya.id, PIN);
  });

  describe('when the card number and PIN match', () => {
    it('should answer 201 with a session token that expires in five minutes', async () => {
      const response = await signInAs(t, PIN);
      expect(response.statusCode).toBe(201);
      expect(response.json()).toMatchObject({ memberId: priya.id, tokenType: 'Bearer', expiresAt: '2026-09-07T09:05:00.000Z' });
    });
  });

  describe('when the PIN is wrong, the card unknown, or the card waiting after wrong PINs', () => {
    it('should answer all three with the same 401 and the same body', async () => {
      const wrong = await signInAs(t, '0000');
      const unknown = await signInAs(t, PIN, 'M-NOBODY');
      for (let i = 0; i < 4; i++) await signInAs(t, '0000');
      const waiting = await signInAs(t, PIN);
      expect([wrong.statusCode, unknown.statusCode, waiting.statusCode]).toEqual([401, 401, 401]);
      expect(new Set([wrong.body, unknown.body, waiting.body]).size).toBe(1);
    });
  });

  describe('when five wrong PINs arrive in a row', () => {
    it('should make the next try wait 30 seconds, refusing even the right PIN alike until then', async () => {
      for (let i = 0; i < 5; i++) await signInAs(t, '0000');
      t.clock.advanceHours(29 / 3600);
      expect((await signInAs(t, PIN)).statusCode).toBe(401);
      t.clock.advanceHours(1 / 3600);
      expect((await signInAs(t, PIN)).statusCode).toBe(201);
    });

    it('should not count the tries made during the wait', async () => {
      for (let i = 0; i < 5; i++) await signInAs(t, '0000');
      for (let i = 0; i < 20; i++) await signInAs(t, '0000');
      t.clock.advanceHours(30 / 3600);
      expect((await signInAs(t, PIN)).statusCode).toBe(201);
    });
  });

  describe('when wrong PINs go on after each wait', () => {
    it('should double the wait each time, up to 15 minutes', async () => {
      for (let i = 0; i < 5; i++) await signInAs(t, '0000');
      const waits: number[] = [];
      let waited = 30;
      for (let i = 0; i < 8; i++) {
        t.clock.advanceHours(waited / 3600);
        await signInAs(t, '0000');
        const until = (await t.credentials.pin(priya.id))?.lockedUntil;
        waited = (Date.parse(until ?? '') - t.clock.now().getTime()) / 1000;
        waits.push(waited);
      }
      expect(waits).toEqual([60, 120, 240, 480, 900, 900, 900, 900]);
    });
  });

  describe('when someone else tries wrong PINs on a card', () => {
    it('should keep its owner out no longer than the wait, not a fixed 15 minutes', async () => {
      for (let i = 0; i < 6; i++) await signInAs(t, '0000', priya.id);
      t.clock.advanceHours(30 / 3600);
      expect((await signInAs(t, PIN)).statusCode).toBe(201);
    });
  });

  describe('when one address tries too often', () => {
    it('should answer 429 RATE_LIMITED with Retry-After, and allow again after the bucket refills', async () => {
      const limited = await aServer({ server: { pinRateLimit: { capacity: 3, refillPerMinute: 6 } } });
      await enrol(limited.library, 'priya');
      const attempts = [];
      for (let i = 0; i < 4; i++) attempts.push(await signInAs(limited, '0000'));
      expect(attempts.map((a) => a.statusCode)).toEqual([401, 401, 401, 429]);
      expect(attempts[3]?.headers['retry-after']).toBe('10');
      limited.clock.advanceHours(10 / 3600);
      expect((await signInAs(limited, '0000')).statusCode).toBe(401);
    });
  });
});

describe('member sessions', () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await aServer();
    await enrol(t.library, 'priya');
    await t.server.pins.setPin(priya.id, PIN);
  });
  const me = (token: string) => t.call({ method: 'GET', url: `/api/members/${priya.id}`, as: token });

  describe('when the session is five minutes old', () => {
    it('should no longer be accepted', async () => {
      const token = await t.signIn(priya.id);
      expect((await me(token)).statusCode).toBe(200);
      t.clock.advanceHours(5 / 60);
      expect((await me(token)).statusCode).toBe(401);
    });
  });

  describe('when the token was tampered with or unsigned', () => {
    it('should answer 401', async () => {
      const token = await t.signIn(priya.id);
      const [header, payload] = token.split('.');
      const unsignedHeader = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      const otherMember = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()), sub: 'M-RAJ' })).toString('base64url');
      expect((await me(`${unsignedHeader}.${payload ?? ''}.`)).statusCode).toBe(401);
      expect((await me(`${header ?? ''}.${otherMember}.${token.split('.')[2] ?? ''}`)).statusCode).toBe(401);
    });
  });
});

describe('staff tokens', () => {
  describe('when a token is revoked', () => {
    it('should be refused from then on', async () => {
      const t = await aServer();
      const issued = await t.call({ method: 'POST', url: '/api/staff-tokens', as: t.staff.admin, payload: { label: 'kiosk 2', scope: 'counter' } });
      const { token, tokenId } = issued.json<{ token: string; tokenId: string }>();
      expect((await t.call({ method: 'GET', url: '/api/session', as: token })).json()).toEqual({ kind: 'staff', scope: 'counter', label: 'kiosk 2' });
      expect((await t.call({ method: 'DELETE', url: `/api/staff-tokens/${tokenId}`, as: t.staff.admin })).statusCode).toBe(204);
      expect((await t.call({ method: 'GET', url: '/api/session', as: token })).statusCode).toBe(401);
    });
  });

  describe('when credentials are stored', () => {
    it('should keep only scrypt hashes, never the token or the PIN', async () => {
      const t = await aServer();
      await enrol(t.library, 'priya');
      await t.server.pins.setPin(priya.id, PIN);
      const stored = JSON.stringify([await t.credentials.staffTokens(), await t.credentials.pin(priya.id)]);
      expect(stored).toMatch(/scrypt\$/);
      for (const secret of [...Object.values(t.staff), ...Object.values(t.staff).map((s) => s.split('_').slice(2).join('_'))]) expect(stored).not.toContain(secret);
      expect((await t.credentials.pin(priya.id))?.pinHash).not.toContain(PIN);
    });
  });
});

describe('GET /openapi.json', () => {
  it('should describe every API route with a summary, a success schema and the error body', async () => {
    const t = await aServer();
    const document = (await t.call({ method: 'GET', url: '/openapi.json' })).json<{
      paths: Record<string, Record<string, { summary?: string; responses: Record<string, unknown> }>>;
    }>();
    const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
    expect(operations.length).toBeGreaterThan(0);
    for (const { path, method, op } of operations) {
      expect({ path, method, summary: typeof op.summary }).toEqual({ path, method, summary: 'string' });
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['4XX']));
      expect(Object.keys(op.responses).some((s) => s.startsWith('2'))).toBe(true);
    }
  });
});
