import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifest, NPM_INSTALL_FLAGS, packRepository, run, scratchFolder } from './support/project.js';
import { readmeQuickStart } from './support/readme.js';

/*
 * The package as a newcomer gets it: `npm pack` (which builds first), installed from the tarball into fresh
 * projects. Installs read the npm cache first; the timeouts are backstops for a loaded machine, not expectations.
 */
const BACKSTOP = 10 * 60_000;

/** Runs one setup line of the README, installing the packed tarball where the README installs `shelfmark`. */
async function runSetupLine(line: readonly string[], tarball: string, cwd: string): Promise<void> {
  const [command, ...args] = line;
  if (command !== 'npm') throw new Error(`README.md quick start: expected npm commands, found \`${line.join(' ')}\``);
  const installing = args[0] === 'install';
  const resolved = args.map((arg) => (installing && arg === manifest.name ? tarball : arg));
  await run(command, installing ? [...resolved, ...NPM_INSTALL_FLAGS] : resolved, cwd);
}

describe('The packed tarball', () => {
  const packs = scratchFolder('pack');
  let tarball: string;

  beforeAll(async () => {
    tarball = await packRepository(packs.path);
  }, BACKSTOP);

  afterAll(() => packs.remove(), BACKSTOP);

  describe('README quick start', () => {
    const quickStart = readmeQuickStart();
    const project = scratchFolder('quickstart');

    beforeAll(async () => {
      for (const line of quickStart.setup) await runSetupLine(line, tarball, project.path);
      writeFileSync(join(project.path, quickStart.fileName), quickStart.source);
    }, BACKSTOP);

    afterAll(() => project.remove(), BACKSTOP);

    describe('when pasted into a fresh `npm init -y` project as the README says', () => {
      it('should print what the README says it prints', async () => {
        const [command = '', ...args] = quickStart.command;
        const { stdout } = await run(command, args, project.path);
        expect(stdout).toBe(quickStart.prints);
      }, BACKSTOP);
    });

    describe('when the project keeps the "type": "commonjs" that `npm init -y` writes', () => {
      it('should print the same when the file is named .mts, as the README suggests', async () => {
        await run('npm', ['pkg', 'set', 'type=commonjs'], project.path);
        const mts = quickStart.fileName.replace(/\.ts$/, '.mts');
        writeFileSync(join(project.path, mts), quickStart.source);
        const { stdout } = await run('npx', ['tsx', mts], project.path);
        expect(stdout).toBe(quickStart.prints);
      }, BACKSTOP);
    });
  });

  describe('in a TypeScript consumer with skipLibCheck: false', () => {
    const project = scratchFolder('consumer');
    const OWN_TOOLS = ['typescript', '@types/node'];

    beforeAll(async () => {
      await run('npm', ['init', '-y'], project.path);
      await run('npm', ['pkg', 'set', 'type=module'], project.path);
      const tools = OWN_TOOLS.map((name) => `${name}@${manifest.devDependencies[name] ?? 'latest'}`);
      await run('npm', ['install', tarball, ...tools, ...NPM_INSTALL_FLAGS], project.path);
      writeFileSync(
        join(project.path, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            target: 'ES2023',
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            strict: true,
            skipLibCheck: false,
            noEmit: true,
            types: ['node'],
          },
          include: ['consumer.ts'],
        }),
      );
      writeFileSync(
        join(project.path, 'consumer.ts'),
        [
          `import { FixedClock, LendingError, Library, SqlStore, type LoanView } from 'shelfmark';`,
          `import { createServer, type ShelfmarkServer } from 'shelfmark/http';`,
          `import { createSip2Server, type Sip2Server } from 'shelfmark/sip2';`,
          ``,
          `const library = Library.create({ policy: 'college', clock: new FixedClock('2026-09-07T09:00:00Z') });`,
          `const loan: Promise<LoanView> = library.circulation.checkOut({ memberId: 'raj', barcode: 'C-1' });`,
          `// @ts-expect-error a member id is a string: the declarations are types, not any`,
          `void library.circulation.checkOut({ memberId: 42, barcode: 'C-1' });`,
          `const server: Promise<ShelfmarkServer> = createServer(library);`,
          `export const sip2: Sip2Server = createSip2Server(library, { idleTimeoutSeconds: 60 });`,
          `export const refused = (error: unknown): boolean => LendingError.is(error) && error.code === 'COPY_NOT_AVAILABLE';`,
          `export { loan, server, SqlStore };`,
          ``,
        ].join('\n'),
      );
    }, BACKSTOP);

    afterAll(() => project.remove(), BACKSTOP);

    it('should ship the LICENSE and the README with the package', () => {
      const shipped = join(project.path, 'node_modules', manifest.name);
      expect(readFileSync(join(shipped, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} The shelfmark authors\n/);
      expect(existsSync(join(shipped, 'README.md'))).toBe(true);
    });

    it('should install no devDependency of shelfmark besides its own typescript and @types/node', () => {
      // A package shelfmark uses only in its own tests may still be installed because a runtime dependency needs it
      // too (fastify needs ajv); what must never be there is one nothing installed asks for.
      const lock = JSON.parse(readFileSync(join(project.path, 'node_modules', '.package-lock.json'), 'utf8')) as {
        packages: Record<string, { dependencies?: Record<string, string>; peerDependencies?: Record<string, string> }>;
      };
      const required = new Set(
        Object.entries(lock.packages)
          .filter(([path]) => path !== '' && path !== `node_modules/${manifest.name}`)
          .flatMap(([, entry]) => [...Object.keys(entry.dependencies ?? {}), ...Object.keys(entry.peerDependencies ?? {})]),
      );
      const installed = Object.keys(manifest.devDependencies).filter((name) => existsSync(join(project.path, 'node_modules', name)));
      expect(installed.filter((name) => !OWN_TOOLS.includes(name) && !required.has(name))).toEqual([]);
      expect(OWN_TOOLS.filter((name) => !installed.includes(name))).toEqual([]);
    });

    it('should type-check a file importing shelfmark, shelfmark/http and shelfmark/sip2, declarations included', async () => {
      const { stdout } = await run('npx', ['tsc', '-p', '.'], project.path);
      expect(stdout).toBe('');
      const typescript = JSON.parse(readFileSync(join(project.path, 'node_modules', 'typescript', 'package.json'), 'utf8')) as { version: string };
      expect(typescript.version).toBe(manifest.devDependencies.typescript);
    }, BACKSTOP);
  });
});
