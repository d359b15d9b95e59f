import { beforeAll, describe, expect, it } from 'vitest';
import { aServer, type TestServer } from './server.js';

/** The counter page loads only its own script and style sheet and talks only to its own origin. */
const COUNTER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

describe('security headers', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await aServer();
  });

  describe.each([
    ['an API answer', '/api/health', 200],
    ['an error', '/api/members/nobody', 401],
    ['an unknown route', '/nowhere', 404],
    ['the OpenAPI document', '/openapi.json', 200],
    ['the counter page', '/counter', 200],
  ])('when the server sends %s', (_what, url, status) => {
    it('should carry nosniff, no framing, no referrer, HSTS and no X-Powered-By', async () => {
      const response = await t.call({ method: 'GET', url });
      expect(response.statusCode).toBe(status);
      expect(response.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
        'cross-origin-opener-policy': 'same-origin',
      });
      expect(response.headers['x-powered-by']).toBeUndefined();
      expect(String(response.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    });
  });

  describe('when the counter page is asked for', () => {
    it.each(['/counter', '/counter/'])('should serve %s as HTML under a CSP that allows no inline script or style', async (url) => {
      const response = await t.call({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.body).toContain('<script type="module" src="/counter/counter.js"></script>');
      const directives = String(response.headers['content-security-policy']).split(';').map((d) => d.trim());
      expect(directives).toEqual(expect.arrayContaining(COUNTER_CSP));
      expect(directives.join(' ')).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    });
  });

  describe('when an API answer is sent', () => {
    it('should forbid every source (an API answer is never a page)', async () => {
      const response = await t.call({ method: 'GET', url: '/api/health' });
      const directives = String(response.headers['content-security-policy']).split(';').map((d) => d.trim());
      expect(directives).toEqual(["default-src 'none'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'none'"]);
    });
  });
});
