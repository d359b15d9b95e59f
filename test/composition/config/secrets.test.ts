import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/composition/config/ConfigError.js';
import { loadConfig } from '../../../src/composition/config/load.js';
import { redacted, REDACTED } from '../../../src/composition/config/redact.js';
import { readKeyBytes, readSecret } from '../../../src/composition/config/secrets.js';
import { readKeys } from '../../../src/composition/config/runtime.js';

const KEY_HEX = 'ab'.repeat(32);
const dir = mkdtempSync(join(tmpdir(), 'shelfmark-secrets-'));
writeFileSync(join(dir, 'session.key'), `${KEY_HEX}\n`);
const sources = { env: { SESSION_KEY: KEY_HEX }, baseDir: dir };

function thrown(work: () => unknown): ConfigError {
  try {
    work();
  } catch (error) {
    if (ConfigError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('readSecret', () => {
  describe('when the secret is a value, a file or an environment variable', () => {
    it('should give the same text each way (a file relative to the configuration, trimmed)', () => {
      expect(readSecret({ value: KEY_HEX }, 'keys.session', sources)).toBe(KEY_HEX);
      expect(readSecret({ file: 'session.key' }, 'keys.session', sources)).toBe(KEY_HEX);
      expect(readSecret({ env: 'SESSION_KEY' }, 'keys.session', sources)).toBe(KEY_HEX);
    });
  });

  describe('when the file or the variable is missing', () => {
    it('should fail with SECRET_UNAVAILABLE naming the field and the cause', () => {
      const missingFile = thrown(() => readSecret({ file: 'nope.key' }, 'keys.session', sources));
      expect([missingFile.code, missingFile.message]).toEqual(['SECRET_UNAVAILABLE', 'keys.session: cannot read nope.key: no such file']);
      expect(thrown(() => readSecret({ env: 'UNSET_KEY' }, 'keys.session', sources)).message).toBe('keys.session: environment variable UNSET_KEY is not set');
    });
  });
});

describe('readKeyBytes', () => {
  describe('when the key is shorter than 32 bytes', () => {
    it('should refuse it', () => {
      expect(thrown(() => readKeyBytes({ value: 'abcd' }, 'keys.session', sources)).message).toBe('keys.session: needs at least 32 bytes (hex or base64), got 2');
    });
  });

  describe('when the key is hex', () => {
    it('should decode it', () => {
      expect(readKeyBytes({ value: KEY_HEX }, 'keys.session', sources)).toEqual(new Uint8Array(32).fill(0xab));
    });
  });
});

describe('readKeys', () => {
  describe('when a loan-token key file holds no private key', () => {
    it('should fail with SECRET_UNAVAILABLE naming the key', () => {
      writeFileSync(join(dir, 'shelfmark.config.json'), JSON.stringify({ keys: { loanTokens: [{ kid: 'k1', privateKey: { file: 'session.key' } }] } }));
      const error = thrown(() => readKeys(loadConfig({ cwd: dir, env: {} })));
      expect(error.message).toMatch(/^keys\.loanTokens\.0\.privateKey: not a usable private key: /);
    });
  });
});

describe('redacted', () => {
  describe('when the configuration holds inline secrets and a database password', () => {
    it('should replace them and keep file names and variable names', () => {
      writeFileSync(
        join(dir, 'shelfmark.config.json'),
        JSON.stringify({
          store: { postgres: 'postgres://shelfmark:hunter2@db.example/library' },
          keys: { session: { value: KEY_HEX }, downloadLinks: { secret: { file: 'links.key' }, baseUrl: 'https://files.example' } },
          notices: { email: { host: 'smtp.example', from: 'notices@library.example', auth: { user: 'notices', pass: { env: 'SMTP_PASS' } } } },
        }),
      );
      const shown = JSON.stringify(redacted(loadConfig({ cwd: dir, env: {} }).config));
      expect(shown).not.toContain('hunter2');
      expect(shown).not.toContain(KEY_HEX);
      expect(shown).toContain(`"postgres":"postgres://shelfmark:${REDACTED}@db.example/library"`);
      expect(shown).toContain(`"session":{"value":"${REDACTED}"}`);
      expect(shown).toContain('"secret":{"file":"links.key"}');
      expect(shown).toContain('"pass":{"env":"SMTP_PASS"}');
    });
  });
});
