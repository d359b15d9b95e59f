import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/composition/config/ConfigError.js';
import { loadConfig, type LoadRequest } from '../../../src/composition/config/load.js';
import { POLICY_PRESETS } from '../../../src/domain/policy/presets.js';

/** A working directory holding `shelfmark.config.json` with `content` (an object is written as JSON). */
function directoryWith(content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'shelfmark-config-'));
  writeFileSync(join(dir, 'shelfmark.config.json'), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
}

function failure(request: LoadRequest): ConfigError {
  try {
    loadConfig(request);
  } catch (error) {
    if (ConfigError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  describe('when there is no configuration file and no environment', () => {
    it('should give the defaults: memory store, college policy, jobs every 15 minutes, 127.0.0.1:8080', () => {
      const loaded = loadConfig({ cwd: mkdtempSync(join(tmpdir(), 'shelfmark-empty-')), env: {} });
      expect(loaded.file).toBeNull();
      expect(loaded.config.store).toBeUndefined();
      expect(loaded.policy).toBe(POLICY_PRESETS.college);
      expect(loaded.config.jobs).toEqual({ intervalMinutes: 15 });
      expect(loaded.config.http).toEqual({ host: '127.0.0.1', port: 8080 });
    });
  });

  describe('when the file names a store, a policy and branch calendars', () => {
    it('should read them and lay the branch calendars over the policy', () => {
      const cwd = directoryWith({
        store: { pglite: './data' },
        policy: 'city',
        branches: { main: { timeZone: 'Europe/Paris', openingHours: { MON: { opens: '09:00', closes: '18:00' } } } },
        jobs: false,
      });
      const loaded = loadConfig({ cwd, env: {} });
      expect(loaded.config.store).toEqual({ pglite: join(cwd, 'data') });
      expect(loaded.policy.name).toBe(POLICY_PRESETS.city.name);
      expect(loaded.policy.calendars?.main?.timeZone).toBe('Europe/Paris');
      expect(loaded.config.jobs).toBe(false);
    });
  });

  describe('when a field is wrong', () => {
    it.each([
      [{ store: { postgres: 'mysql://db' } }, 'shelfmark.config.json: store.postgres: expected a postgres:// URL'],
      [{ store: {} }, 'shelfmark.config.json: store: expected exactly one of "postgres", "pglite" or "memory"'],
      [{ store: { pglite: 'x', poolSize: 3 } }, 'shelfmark.config.json: store.poolSize: only a "postgres" store has a pool'],
      [{ policy: 'library-of-babel' }, 'shelfmark.config.json: policy: expected a preset (college, city, network, desk)'],
      [{ http: { port: 70_000 } }, 'shelfmark.config.json: http.port: Too big: expected number to be <=65535'],
      [{ keys: { session: { value: 'x', env: 'Y' } } }, 'shelfmark.config.json: keys.session: expected exactly one of "value", "file" or "env"'],
      [{ jobs: { intervalMinutes: 0 } }, 'shelfmark.config.json: jobs.intervalMinutes: Too small: expected number to be >0'],
      [{ stroe: { memory: true } }, 'shelfmark.config.json: Unrecognized key: "stroe"'],
    ])('should name the field path and what is wrong in %j', (content, message) => {
      const error = failure({ cwd: directoryWith(content), env: {} });
      expect(error.code).toBe('CONFIG_INVALID');
      expect(error.message).toBe(message);
    });

    it("should report a branch calendar's error from the calendar itself, under the branch", () => {
      const error = failure({ cwd: directoryWith({ branches: { annex: { timeZone: 'Mars/Olympus' } } }), env: {} });
      expect(error.message).toMatch(/^shelfmark\.config\.json: branches\.annex: unknown time zone "Mars\/Olympus"/);
    });

    it("should report a custom policy's error from the policy itself", () => {
      const custom = { ...POLICY_PRESETS.college, name: 'ours', entries: POLICY_PRESETS.college.entries.map((e) => ({ ...e, rule: { ...e.rule, loanDays: -1 } })) };
      const error = failure({ cwd: directoryWith({ policy: custom }), env: {} });
      expect(error.message).toMatch(/^shelfmark\.config\.json: policy: policy ours: entry .+ has a negative or fractional limit$/);
    });

    it('should refuse a custom policy entry matching on a material type that does not exist, and read one that does', () => {
      const withFormat = (materialType: string) => ({ ...POLICY_PRESETS.city, name: 'ours', entries: [...POLICY_PRESETS.city.entries, { id: 'films', match: { materialType }, rule: POLICY_PRESETS.city.entries[0]!.rule }] });
      const error = failure({ cwd: directoryWith({ policy: withFormat('VINYL') }), env: {} });
      expect(error.message).toMatch(/^shelfmark\.config\.json: policy: policy ours: entry films has an unknown match\.materialType "VINYL" \(one of BOOK, .+\)$/);
      expect(loadConfig({ cwd: directoryWith({ policy: withFormat('DVD') }), env: {} }).policy.entries.at(-1)?.match).toEqual({ materialType: 'DVD' });
    });
  });

  describe('when the file cannot be read', () => {
    it('should fail with CONFIG_UNREADABLE for a --config file that does not exist', () => {
      const error = failure({ file: 'missing.json', cwd: tmpdir(), env: {} });
      expect(error.code).toBe('CONFIG_UNREADABLE');
      expect(error.message).toBe('missing.json: cannot read the configuration: no such file');
    });

    it('should fail with CONFIG_UNREADABLE for a file that is not JSON', () => {
      const error = failure({ cwd: directoryWith('{ "store": '), env: {} });
      expect(error.code).toBe('CONFIG_UNREADABLE');
      expect(error.message).toMatch(/^shelfmark\.config\.json: not valid JSON: /);
    });
  });

  describe('when the environment and flags set the same things', () => {
    const cwd = directoryWith({ store: { pglite: './from-file' }, http: { port: 9000 } });

    it('should let environment variables override the file', () => {
      const loaded = loadConfig({ cwd, env: { SHELFMARK_DATABASE_URL: 'postgres://db.example/library', SHELFMARK_HTTP_PORT: '9100' } });
      expect(loaded.config.store).toEqual({ postgres: 'postgres://db.example/library' });
      expect(loaded.config.http.port).toBe(9100);
    });

    it('should let flags override the environment', () => {
      const loaded = loadConfig({ cwd, env: { SHELFMARK_DATABASE_URL: 'postgres://db.example/library' }, flags: { pglite: './from-flag', port: 9200 } });
      expect(loaded.config.store).toEqual({ pglite: join(cwd, 'from-flag') });
      expect(loaded.config.http.port).toBe(9200);
    });

    it('should keep DATABASE_URL as the lowest-precedence way to name a server', () => {
      expect(loadConfig({ cwd: tmpdir(), env: { DATABASE_URL: 'postgres://old.example/db' } }).config.store).toEqual({ postgres: 'postgres://old.example/db' });
      expect(loadConfig({ cwd: tmpdir(), env: { DATABASE_URL: 'postgres://old.example/db', SHELFMARK_PGLITE_DIR: './d' } }).config.store).toEqual({ pglite: join(tmpdir(), 'd') });
    });

    it('should name the environment variable, not the file, when its value is wrong', () => {
      expect(failure({ cwd, env: { SHELFMARK_HTTP_PORT: 'eighty' } }).message).toBe('SHELFMARK_HTTP_PORT: http.port: Invalid input: expected number, received string');
      expect(failure({ cwd, env: {}, flags: { databaseUrl: 'db.example' } }).message).toBe('--database-url: store.postgres: expected a postgres:// URL');
    });
  });
});
