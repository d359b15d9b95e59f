import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECKOUT_CHECKS } from '../../src/domain/policy/CheckoutRules.js';

const policies = readFileSync(new URL('../../docs/policies.md', import.meta.url), 'utf8');

/** The rows of the "Checkout checks" table: code and whether staff may override it. */
function documentedChecks(): [string, boolean][] {
  const section = policies.slice(policies.indexOf('## Checkout checks'));
  const rows = section.split('\n').filter((line) => /^\| `[A-Z_]+` \|/.test(line));
  return rows.map((line) => {
    const cells = line.split('|').map((c) => c.trim());
    return [cells[1]!.replaceAll('`', ''), cells[3] === 'yes'];
  });
}

describe('docs/policies.md', () => {
  describe('Checkout checks', () => {
    it('should list every row of CHECKOUT_CHECKS, in order, with whether staff may override it', () => {
      expect(documentedChecks()).toEqual(CHECKOUT_CHECKS.map((c) => [c.code, c.overridable]));
    });
  });
});
