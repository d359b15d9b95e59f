import { readFileSync } from 'node:fs';

/**
 * The version in the package's package.json, found by walking up from this module: three levels up
 * from src/interfaces/cli under tsx, four from dist/src/interfaces/cli once built and installed.
 */
export function packageVersion(from: URL = new URL('.', import.meta.url)): string {
  for (let dir = from; ; dir = new URL('../', dir)) {
    try {
      const manifest = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as { name?: unknown; version?: unknown };
      if (manifest.name === 'shelfmark' && typeof manifest.version === 'string') return manifest.version;
    } catch {
      // no package.json here: look one level up
    }
    if (new URL('../', dir).href === dir.href) throw new Error('cannot find the shelfmark package.json above the command line module');
  }
}
