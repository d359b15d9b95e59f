import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ISO2709 } from '@natlibfi/marc-record-serializers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { annalsRecord, cormenRecord } from './records.js';

describe('shelfmark import and export', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shelfmark-marc-cli-'));
    await writeFile(join(dir, 'catalogue.mrc'), Buffer.from(ISO2709.to(cormenRecord()) + ISO2709.to(annalsRecord()), 'utf8'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  describe('when a MARC file is imported into a PGlite store and exported as MARCXML', () => {
    it('should catalogue it, report as JSON, and write every record with its copies, the serial\'s under its record id', async () => {
      const store = ['--pglite', join(dir, 'db')];
      const imported = await runCli(['import', join(dir, 'catalogue.mrc'), '--json', ...store]);
      expect(imported.code).toBe(0);
      expect(JSON.parse(imported.stdout)).toMatchObject({ format: 'marc', records: 2, catalogued: { added: 2 }, copies: { added: 3 }, skipped: [] });
      const exported = await runCli(['export', '--format', 'marcxml', '--output', join(dir, 'out.xml'), ...store]);
      expect(exported.code).toBe(0);
      const xml = await readFile(join(dir, 'out.xml'), 'utf8');
      expect(xml).toContain('<subfield code="p">31000000002</subfield>');
      expect(xml).toContain('<controlfield tag="001">DLC-sn78004256</controlfield>');
      expect(xml).toContain('<subfield code="p">S-0001</subfield>');
      const again = await runCli(['import', join(dir, 'out.xml'), '--json', ...store]);
      expect(JSON.parse(again.stdout)).toMatchObject({ format: 'marcxml', records: 2, catalogued: { added: 0, unchanged: 2 }, copies: { added: 0, unchanged: 3 } });
    }, 180_000);
  });
});
