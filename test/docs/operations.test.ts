import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/composition/config/load.js';
import { configurationReference } from '../../src/composition/config/reference.js';
import { runCli } from '../../src/interfaces/cli/program.js';
import { ShelfmarkProcess } from '../e2e/processes.js';
import { postgresServer, scratchDatabase } from '../support/sql.js';

const root = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');

/** The fenced blocks of one kind inside the README section `title`. */
function blocks(markdown: string, title: string, language: string): string[] {
  const start = markdown.indexOf(`## ${title}\n`);
  const section = markdown.slice(start, markdown.indexOf('\n## ', start + 3));
  return [...section.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1] ?? '');
}

describe('docs/operations.md', () => {
  it('should hold the configuration reference generated from the zod schema, verbatim', () => {
    const doc = read('docs/operations.md');
    const between = /<!-- configuration-reference:start -->\n([\s\S]*?)\n<!-- configuration-reference:end -->/.exec(doc)?.[1];
    expect(between).toBe(configurationReference());
  });

  it('should show an example configuration that the schema accepts', () => {
    const [example = ''] = blocks(read('docs/operations.md'), 'One configuration file', 'json');
    const dir = mkdtempSync(join(tmpdir(), 'shelfmark-ops-'));
    writeFileSync(join(dir, 'shelfmark.config.json'), example);
    expect(loadConfig({ cwd: dir, env: {} }).config.store).toEqual({ postgres: 'postgres://shelfmark@db.example/library', poolSize: 10 });
  });
});

// Required in CI; elsewhere, runs when DATABASE_URL is set or a local server answers.
const server = await postgresServer();
const STEPS = { timeout: 240_000 };

describe('README "Run it as a service"', () => {
  const readme = read('README.md');
  const [config = ''] = blocks(readme, 'Run it as a service', 'json');
  const [commands = ''] = blocks(readme, 'Run it as a service', 'sh');
  const [cron = ''] = blocks(readme, 'Run it as a service', 'cron');

  it('should list the steps the test below runs', () => {
    expect(commands.trim().split('\n')).toEqual(['npx shelfmark migrate', 'npx shelfmark serve']);
    expect(cron).toMatch(/ npx shelfmark jobs\n$/);
  });

  /** migrate, serve (a process, until it answers), then the cron line's jobs: on the README's configuration plus `extra` flags. */
  async function runTheSteps(extra: readonly string[]): Promise<void> {
    const cwd = mkdtempSync(join(tmpdir(), 'shelfmark-readme-'));
    writeFileSync(join(cwd, 'shelfmark.config.json'), config);
    const out: string[] = [];
    const cli = (args: readonly string[]): Promise<number> =>
      runCli(['node', 'shelfmark', ...args, ...extra], { cwd, env: {}, stdout: (t) => out.push(t), stderr: (t) => out.push(t) });

    expect(await cli(['migrate'])).toBe(0);
    expect(out.join('')).toMatch(/^applied 001_lending_schema$/m);

    const clock = join(cwd, 'now');
    writeFileSync(clock, '2026-09-07T09:00:00.000Z');
    const serve = new ShelfmarkProcess(clock, ['serve', '--config', join(cwd, 'shelfmark.config.json'), '--port', '0', ...extra]);
    const [, base = ''] = await serve.line(/shelfmark serving (http:\/\/\S+) /);
    expect((await fetch(`${base}/openapi.json`)).status).toBe(200);
    expect(serve.stderr).toMatch(/^admin token \(shown once\): smk_/m);
    expect(await serve.stop()).toBe(0);

    out.length = 0;
    expect(await cli(['jobs'])).toBe(0);
    expect(out.join('')).toMatch(/^outbox: {17}0 waiting to be retried, 0 dead letters$/m);
    process.exitCode = undefined;
  }

  it('should migrate, serve and run the jobs on embedded PostgreSQL (PGlite)', STEPS, async () => {
    await runTheSteps([]);
  });

  describe.skipIf(server === null)('on the local PostgreSQL server', () => {
    let database: Awaited<ReturnType<typeof scratchDatabase>>;
    beforeAll(async () => {
      database = await scratchDatabase(server!, 'readme_service');
    });
    afterAll(async () => {
      await database.drop();
    });

    it('should migrate, serve and run the jobs with --database-url over the file', STEPS, async () => {
      await runTheSteps(['--database-url', database.url]);
    });
  });
});
