import { readFileSync } from 'node:fs';
import type { HTTPMethods } from 'fastify';
import { describe, expect, it } from 'vitest';
import { aServer } from '../http/server.js';
import { LICENSE_TRANSITIONS } from '../../src/domain/digital/DigitalCopy.js';
import { DIGITAL_LOAN_TRANSITIONS } from '../../src/domain/digital/DigitalLoan.js';
import { edgesOf, stateDiagrams } from '../fixtures/mermaid.js';

const markdown = readFileSync(new URL('../../docs/digital-lending.md', import.meta.url), 'utf8');

describe('docs/digital-lending.md', () => {
  const [license, loan] = stateDiagrams(markdown);

  it('should draw exactly the license transition table', () => {
    expect(license).toEqual(edgesOf(LICENSE_TRANSITIONS));
  });

  it('should draw exactly the digital loan transition table', () => {
    expect(loan).toEqual(edgesOf(DIGITAL_LOAN_TRANSITIONS));
  });

  it('should show the borrow → token → read → early return → revoke sequence', () => {
    const sequence = /```mermaid\nsequenceDiagram\n([\s\S]*?)```/.exec(markdown)?.[1] ?? '';
    const steps = ['borrow(memberId, copyId)', 'issue(', 'verifyToken(token)', 'returnEarly(loanId)', 'revoke jti', 'TOKEN_REVOKED'];
    const at = steps.map((step) => sequence.indexOf(step));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it("should draw the reading app's borrow, read and return over routes the server has, in that order", async () => {
    const diagrams = [...markdown.matchAll(/```mermaid\nsequenceDiagram\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
    const app = diagrams.find((d) => d.includes('Reading app')) ?? '';
    const calls = [...app.matchAll(/(GET|PUT|POST) (\/[^\s)]+)/g)].map((m) => [m[1] as HTTPMethods, m[2] ?? ''] as const);
    expect(calls.map(([method, url]) => `${method} ${url}`)).toEqual([
      'GET /opds/authentication',
      'POST /opds/token',
      'GET /opds/search',
      'PUT /opds/borrow/:copyId',
      'GET /opds/loans/:loanId/fulfil',
      'POST /api/digital/tokens/check',
      'POST /api/digital-loans/:loanId/return',
      'POST /api/digital/tokens/check',
    ]);
    const { server } = await aServer();
    expect(calls.filter(([method, url]) => !server.app.hasRoute({ method, url }))).toEqual([]);
    await server.close();
  });
});
