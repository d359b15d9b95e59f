import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/interfaces/cli/program.js';

/** Runs `shelfmark serve` on the in-memory store with only the environment given; collects its output. */
async function serveWith(adminToken: string): Promise<{ code: number; stderr: string }> {
  const cwd = mkdtempSync(join(tmpdir(), 'shelfmark-admin-token-'));
  let stderr = '';
  const code = await runCli(['node', 'shelfmark', 'serve', '--port', '0'], {
    cwd,
    env: { SHELFMARK_ADMIN_TOKEN: adminToken },
    stdout: () => undefined,
    stderr: (t) => (stderr += t),
  });
  process.exitCode = undefined;
  return { code, stderr };
}

describe('shelfmark serve', () => {
  describe('when SHELFMARK_ADMIN_TOKEN is weak', () => {
    it.each([
      ['too short', 'smk_0abc_Xq3vT9mB2kLp7RwZ', /SHELFMARK_ADMIN_TOKEN: its secret is 16 characters; use at least 32 random characters/],
      ['one character repeated', `smk_0abc_${'a'.repeat(40)}`, /SHELFMARK_ADMIN_TOKEN: its secret repeats a 1-character pattern/],
      ['a short pattern repeated', `smk_0abc_${'0123456789abcdef'.repeat(2)}`, /SHELFMARK_ADMIN_TOKEN: its secret repeats a 16-character pattern/],
      ['few distinct characters', 'smk_0abc_abbaabababbbaaabbabaabbabbaaabbabaabab', /SHELFMARK_ADMIN_TOKEN: its secret carries about \d+ bits of entropy; it needs 128/],
      ['not a staff token', 'letmein', /SHELFMARK_ADMIN_TOKEN: a staff token looks like smk_<hex id>_<secret>/],
    ])('should refuse to start when it is %s, with the reason and exit code 2', async (_why, token, reason) => {
      const { code, stderr } = await serveWith(token);
      expect(stderr).toMatch(reason);
      expect(stderr).not.toContain(token);
      expect(code).toBe(2);
    });
  });
});
