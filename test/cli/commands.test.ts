import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/interfaces/cli/program.js';

/** Runs `shelfmark …` in this process, in `cwd`, with only the environment given; collects its output. */
async function shelfmark(cwd: string, args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['node', 'shelfmark', ...args], { cwd, env, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  process.exitCode = undefined;
  return { code, stdout, stderr };
}

const BOOKS_CSV = [
  'book_id,isbn,authors,original_publication_year,title,language_code',
  '1,0262033844,"Thomas H. Cormen, Charles E. Leiserson",1990,Introduction to Algorithms,eng',
  '2,0132350882,Robert C. Martin,2008,Clean Code,eng',
  '3,0201633612,Erich Gamma,1994,Design Patterns,en-US',
  '4,0000000009,Nobody,2001,Checksum Is Wrong,eng',
  ',,Anonymous,2001,Neither Isbn Nor Id,eng',
  '',
].join('\n');

/** Each command opens embedded PostgreSQL afresh (a few seconds each on a busy machine). */
const PGLITE_COMMANDS = { timeout: 240_000 };

describe('shelfmark commands on a configured store', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'shelfmark-cli-'));
  writeFileSync(join(cwd, 'books.csv'), BOOKS_CSV);
  writeFileSync(join(cwd, 'shelfmark.config.json'), JSON.stringify({ store: { pglite: './data' }, keys: { session: { env: 'SESSION_KEY' } } }));
  const env = { SESSION_KEY: 'cd'.repeat(32) };

  describe('migrate', () => {
    it('should list every migration as pending, apply them, then find nothing to do', PGLITE_COMMANDS, async () => {
      const before = await shelfmark(cwd, ['migrate', '--status']);
      expect(before.code).toBe(0);
      expect(before.stdout).toMatch(/^pending {2}001_lending_schema$/m);
      expect(before.stdout).toMatch(/^0 applied, \d+ pending$/m);

      const applied = await shelfmark(cwd, ['migrate']);
      expect(applied.code).toBe(0);
      expect(applied.stdout).toMatch(/^applied 001_lending_schema$/m);

      const again = await shelfmark(cwd, ['migrate']);
      expect(again.stdout).toMatch(/^the pglite database is up to date \(\d+ migrations\)$/m);
      const after = await shelfmark(cwd, ['migrate', '--status', '--json']);
      expect((JSON.parse(after.stdout) as { pending: unknown[] }).pending).toEqual([]);
    });
  });

  describe('import, then search', () => {
    it('should catalogue the good rows in the store (one without a valid ISBN under its book_id), report the bad one, and find the books there', PGLITE_COMMANDS, async () => {
      const imported = await shelfmark(cwd, ['import', 'books.csv', '--json'], env);
      expect(imported.stderr).toBe('');
      expect(imported.code).toBe(0);
      const report = JSON.parse(imported.stdout) as { imported: number; skipped: number; catalogued: unknown };
      expect(report.imported).toBe(4);
      expect(report.skipped).toBe(1);
      expect(report.catalogued).toEqual({ added: 4, alreadyCatalogued: 0, refused: 0 });

      const twice = JSON.parse((await shelfmark(cwd, ['import', 'books.csv', '--json'], env)).stdout) as { catalogued: unknown };
      expect(twice.catalogued).toEqual({ added: 0, alreadyCatalogued: 4, refused: 0 });

      const found = await shelfmark(cwd, ['search', 'clean', 'code'], env);
      expect(found.code).toBe(0);
      expect(found.stdout).toMatch(/^1 match\n {2}1\. Clean Code — Robert C\. Martin \(2008\)/);
      const withoutIsbn = await shelfmark(cwd, ['search', 'checksum'], env);
      expect(withoutIsbn.stdout).toMatch(/^1 match\n {2}1\. Checksum Is Wrong — Nobody \(2001\)/);
    });
  });

  describe('config check', () => {
    it('should print the effective configuration with the environment applied and say where it came from', async () => {
      const run = await shelfmark(cwd, ['config', 'check'], { ...env, SHELFMARK_HTTP_PORT: '9001' });
      expect(run.code).toBe(0);
      const shown = JSON.parse(run.stdout) as { store: unknown; http: unknown; keys: unknown };
      expect(shown.store).toEqual({ pglite: join(cwd, 'data') });
      expect(shown.http).toEqual({ host: '127.0.0.1', port: 9001 });
      expect(shown.keys).toEqual({ session: { env: 'SESSION_KEY' } });
      expect(run.stderr).toBe(`shelfmark: ${join(cwd, 'shelfmark.config.json')} with SHELFMARK_HTTP_PORT: ok\n`);
    });

    describe('when a key it points at is missing', () => {
      it('should exit 2 with one line naming the key', async () => {
        const run = await shelfmark(cwd, ['config', 'check']);
        expect(run).toEqual({ code: 2, stdout: '', stderr: 'shelfmark: keys.session: environment variable SESSION_KEY is not set\n' });
      });
    });

    describe('when the file is invalid', () => {
      it('should exit 2 with one line naming the field', async () => {
        const bad = mkdtempSync(join(tmpdir(), 'shelfmark-bad-'));
        writeFileSync(join(bad, 'shelfmark.config.json'), JSON.stringify({ store: { postgres: 'db.example' } }));
        const run = await shelfmark(bad, ['config', 'check']);
        expect(run).toEqual({ code: 2, stdout: '', stderr: 'shelfmark: shelfmark.config.json: store.postgres: expected a postgres:// URL\n' });
      });
    });
  });

  describe('--version', () => {
    it("should print package.json's version", async () => {
      const { version } = (await import('../../package.json', { with: { type: 'json' } })).default;
      expect((await shelfmark(cwd, ['--version'])).stdout).toBe(`${version}\n`);
    });
  });
});

describe('shelfmark jobs', () => {
  describe('when the SMTP server refuses the login', () => {
    let smtp: SMTPServer;
    let port = 0;

    beforeAll(async () => {
      smtp = new SMTPServer({
        logger: false,
        disabledCommands: ['STARTTLS'],
        allowInsecureAuth: true,
        onAuth: (_auth, _session, callback) => {
          callback(new Error('Invalid username or password'));
        },
      });
      await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
      port = (smtp.server.address() as AddressInfo).port;
    });

    afterAll(async () => {
      await new Promise<void>((resolve) => { smtp.close(resolve); });
    });

    it('should exit 1 with one line naming the SMTP server, before running anything', async () => {
      const cwd = mkdtempSync(join(tmpdir(), 'shelfmark-smtp-'));
      const email = { host: '127.0.0.1', port, from: 'notices@library.example', auth: { user: 'notices', pass: { value: 'wrong' } } };
      writeFileSync(join(cwd, 'shelfmark.config.json'), JSON.stringify({ notices: { email } }));
      const run = await shelfmark(cwd, ['jobs']);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(new RegExp(`^shelfmark: notices\\.email: the SMTP server at 127\\.0\\.0\\.1:${port} refused: .*Invalid username or password.*\\n$`));
    });
  });
});
