import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The repository's root folder. */
export const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** The repository's package.json, as published. */
export const manifest = JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as {
  readonly name: string;
  readonly devDependencies: Readonly<Record<string, string>>;
};

/**
 * The environment of a child command: this process's, without the `npm_*` variables an enclosing `npm test` sets
 * (they describe the repository's own package and would leak into the temporary projects' npm runs).
 */
function childEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));
}

/** What a command printed; a failing command rejects with its output in the message. */
export async function run(command: string, args: readonly string[], cwd: string): Promise<{ stdout: string; stderr: string }> {
  try {
    return await promisify(execFile)(command, args, { cwd, env: childEnvironment(), maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`\`${[command, ...args].join(' ')}\` failed in ${cwd}:\n${stdout}\n${stderr}`, { cause: error });
  }
}

/** npm installs read the local cache first, so a warm machine needs no network. */
export const NPM_INSTALL_FLAGS = ['--prefer-offline', '--no-audit', '--no-fund'] as const;

/** A fresh, empty folder outside the repository (so npm finds no enclosing package). */
export function scratchFolder(label: string): { readonly path: string; remove(): Promise<void> } {
  const path = mkdtempSync(join(tmpdir(), `shelfmark-${label}-`));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/**
 * Packs the repository as `npm publish` would (`prepack` builds `dist/` first) into `destination`, and returns the
 * tarball's path.
 */
export async function packRepository(destination: string): Promise<string> {
  await run('npm', ['pack', '--pack-destination', destination], repositoryRoot);
  const tarballs = readdirSync(destination).filter((file) => file.endsWith('.tgz'));
  if (tarballs.length !== 1) throw new Error(`expected one tarball in ${destination}, found ${tarballs.join(', ') || 'none'}`);
  return join(destination, tarballs[0] ?? '');
}
