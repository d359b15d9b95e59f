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

  describe("when the page's modules, style sheets and charting library are asked for", () => {
    it('should serve every file the page and its modules load, with its type, under the same CSP', async () => {
      const page = (await t.call({ method: 'GET', url: '/counter' })).body;
      const linked = [...page.matchAll(/(?:src|href)="(\/counter\/[^"]+)"/g)].map((m) => m[1] ?? '');
      const queue = [...linked];
      const seen = new Set<string>();
      while (queue.length > 0) {
        const url = queue.shift() ?? '';
        if (seen.has(url)) continue;
        seen.add(url);
        const response = await t.call({ method: 'GET', url });
        expect({ url, status: response.statusCode }).toEqual({ url, status: 200 });
        expect(response.headers['content-type']).toBe(url.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8');
        expect(String(response.headers['content-security-policy']).split(';').map((d) => d.trim())).toEqual(expect.arrayContaining(COUNTER_CSP));
        if (url.endsWith('.js')) for (const m of response.body.matchAll(/^import .* from '\.\/([^']+)';$/gm)) queue.push(`/counter/${m[1] ?? ''}`);
      }
      expect([...seen]).toEqual(expect.arrayContaining(['/counter/counter.js', '/counter/account.js', '/counter/dashboard.js', '/counter/vendor/uPlot.esm.js', '/counter/vendor/uPlot.min.css', '/counter/print.css']));
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
