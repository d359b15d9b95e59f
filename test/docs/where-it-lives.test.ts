import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CodeModel, REPOSITORY_ROOT, sourceFilesUnder } from '../fixtures/codeModel.js';
import { codeSpans, sectionOf, tableRows } from '../fixtures/markdownTables.js';

const architecture = readFileSync(join(REPOSITORY_ROOT, 'docs/architecture.md'), 'utf8');

/** One row of the map: what it names, the file it says, the symbols it says that file exports. */
const rows = tableRows(sectionOf(architecture, 'Where does it live')).map(({ heading, cells }) => ({
  heading,
  what: cells[0] ?? '',
  file: codeSpans(cells[1] ?? '')[0] ?? '',
  symbols: codeSpans(cells[2] ?? ''),
}));

const adapterFolders = ['src/infrastructure', 'src/interfaces'].flatMap((layer) =>
  readdirSync(join(REPOSITORY_ROOT, layer), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `${layer}/${entry.name}/`),
);

describe('docs/architecture.md › Where does it live', () => {
  let code: CodeModel;

  beforeAll(() => {
    code = CodeModel.ofSource();
  }, 120_000);

  it('should map rules, ports and adapters', () => {
    expect(new Set(rows.map((row) => row.heading))).toEqual(new Set(['Rules', 'Ports', 'Adapters']));
  });

  describe.each(rows)('the row "$what"', (row) => {
    it(`should name a file that exists (${row.file})`, () => {
      expect(row.file).toMatch(/^src\/.+\.ts$/);
      expect(code.exists(row.file), `${row.file} is not in the tree: the row is stale`).toBe(true);
    });

    it(`should name symbols ${row.file} exports (${row.symbols.join(', ')})`, () => {
      expect(row.symbols.length).toBeGreaterThan(0);
      const exported = code.exportsOf(row.file);
      const missing = row.symbols.filter((name) => {
        const [owner = '', member] = name.split('.');
        const symbol = exported.get(owner);
        if (!symbol) return true;
        return member !== undefined && !code.membersOf(symbol).some((fact) => fact.name === member);
      });
      expect(missing, `not exported from ${row.file} (or no such member): the row is stale`).toEqual([]);
    });
  });

  describe('the tree', () => {
    it('should have a row for every port file in src/application/ports', () => {
      const ports = sourceFilesUnder('src/application/ports');
      expect(ports.length).toBeGreaterThan(0);
      const mapped = new Set(rows.filter((row) => row.heading === 'Ports').map((row) => row.file));
      expect(ports.filter((port) => !mapped.has(port))).toEqual([]);
    });

    it('should have a row for every adapter folder in src/infrastructure and src/interfaces', () => {
      expect(adapterFolders.length).toBeGreaterThan(0);
      const mapped = rows.filter((row) => row.heading === 'Adapters').map((row) => row.file);
      expect(adapterFolders.filter((folder) => !mapped.some((file) => file.startsWith(folder)))).toEqual([]);
    });
  });
});
