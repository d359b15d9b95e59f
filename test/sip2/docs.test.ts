import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/composition/config/load.js';
import { SESSION_TRANSITIONS } from '../../src/interfaces/sip2/Sip2Session.js';
import { edgesOf, stateDiagrams } from '../fixtures/mermaid.js';
import { aKioskWorld, type KioskWorld } from './kiosk.js';

const doc = readFileSync(new URL('../../docs/sip2.md', import.meta.url), 'utf8');
const fenced = (language: string): string[] => [...doc.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1] ?? '');

describe('docs/sip2.md', () => {
  let world: KioskWorld | null = null;
  afterEach(async () => {
    await world?.close();
    world = null;
  });

  it('should draw exactly the session transition table', () => {
    expect(stateDiagrams(doc)[0]).toEqual(edgesOf(SESSION_TRANSITIONS));
  });

  it('should show a configuration the schema accepts', () => {
    const [example = ''] = fenced('json');
    const dir = mkdtempSync(join(tmpdir(), 'shelfmark-sip2-doc-'));
    writeFileSync(join(dir, 'shelfmark.config.json'), example);
    expect(loadConfig({ cwd: dir, env: {} }).config.sip2).toMatchObject({ port: 6001, host: '0.0.0.0', institutionId: 'city-library', maxMessageBytes: 8192 });
  });

  it('should get the answer it shows from the demo', async () => {
    const [session = ''] = fenced('text');
    const sent = /printf '(.*)\\r'/.exec(session)?.[1] ?? '';
    const shown = session.trim().split('\n').at(-1);
    world = await aKioskWorld();
    const kiosk = await world.kiosk();
    kiosk.writeRaw(`${sent}\r`);
    expect((await kiosk.next()).toString('utf8')).toBe(shown);
  });
});
