import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);

async function explainUnder(timeZone: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'docs/examples/explain.ts'], {
    cwd: root,
    env: { ...process.env, TZ: timeZone },
  });
  return stdout;
}

describe('docs/policies.md', () => {
  describe('explain() for three cases', () => {
    // Two real processes: they may start slowly on a busy machine, so only the test's timeout stops them, as a backstop.
    it('should print the same words and dates whatever the machine time zone, as the document shows', { timeout: 300_000 }, async () => {
      const [kiritimati, losAngeles] = await Promise.all([explainUnder('Pacific/Kiritimati'), explainUnder('America/Los_Angeles')]);
      expect(kiritimati).toBe(losAngeles);
      expect(readFileSync(new URL('docs/policies.md', root), 'utf8')).toContain('```text\n' + kiritimati + '```');
    });
  });
});
