import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Library } from '../../src/Library.js';
import { FixedClock } from '../../src/infrastructure/system/FixedClock.js';
import { MONDAY_MORNING } from '../fixtures/library.js';
import { enrol } from '../fixtures/members.js';
import { BROOKFIELD_PUBLIC } from '../fixtures/rules.js';

const root = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');

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

  describe('material types', () => {
    it('should show docs/examples/material-types.ts verbatim, and docs/cataloguing.md one of its entries', () => {
      const example = read('docs/examples/material-types.ts');
      expect(read('docs/policies.md')).toContain('```ts\n' + example + '```');
      const entry = /```ts\n(\{ id: 'student-map'.*)\n```/.exec(read('docs/cataloguing.md'))?.[1];
      expect(entry).toBeDefined();
      expect(example).toContain(`    ${entry ?? ''},\n`);
    });

    it('should show lines explain() prints for a student asking for a map', async () => {
      const library = Library.create({ policy: BROOKFIELD_PUBLIC, clock: new FixedClock(MONDAY_MORNING) });
      await library.catalog.addBook({ isbn: '9781555500047', title: 'Ordnance Survey Explorer OL7', authors: ['Ordnance Survey'], materialType: 'MAP' });
      await library.catalog.addCopy({ barcode: 'ordnance-1', isbn: '9781555500047', branch: 'main', rack: 'AV-1' });
      await enrol(library, 'priya');
      const printed = (await library.explain({ memberId: 'M-PRIYA', barcode: 'ordnance-1' })).text.split('\n');
      const shown = (/```text\n(Priya \(M-PRIYA\)[\s\S]*?)```/.exec(read('docs/policies.md'))?.[1] ?? '').split('\n').filter((line) => line !== '' && line !== '…');
      expect(shown).toHaveLength(3);
      for (const line of shown) expect(printed).toContain(line);
      await library.close();
    });
  });
});
