import { Readable } from 'node:stream';
import { ISO2709 } from '@natlibfi/marc-record-serializers';
import { MarcRecord, type MarcField } from '@natlibfi/marc-record';
import { describe, expect, it } from 'vitest';
import { entryOf } from '../../src/infrastructure/marc/mapping.js';
import { SqlStore } from '../../src/infrastructure/sql/SqlStore.js';
import { importMarc } from '../../src/interfaces/cli/marcImport.js';
import { aLibrary } from '../fixtures/library.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';
import { exported } from './exported.js';
import { data, f008 } from './records.js';

/** A Koha item as Koha's own export writes it (subfields in Koha's order), with `state` subfields set over its defaults. */
function kohaItem(barcode: string, state: Record<string, string> = {}): MarcField {
  const item: Record<string, string> = { w: '2011-04-22', p: barcode, r: '2012-08-15', '4': '0', '0': '0', '9': '12', b: 'MPL', '1': '0', o: '303.4833', d: '2011-04-22', '7': '0', c: 'GEN', '2': 'ddc', y: 'BK', a: 'CPL', ...state };
  return data('952', ' ', ' ', ...Object.entries(item));
}

/** Code and other laws of cyberspace, shaped as Koha exports it (Koha's own test data): an Aleph control number, 942, 999, items. */
function lessigRecord(...items: MarcField[]): MarcRecord {
  return new MarcRecord({
    leader: '01195nam a2200253 a 4500',
    fields: [
      { tag: '001', value: '000242241' },
      { tag: '008', value: f008('1999', 'eng') },
      data('020', ' ', ' ', ['a', '0465039138'], ['b', 'h.']),
      data('100', '1', ' ', ['a', 'Lessig, Lawrence']),
      data('245', '1', '0', ['a', 'Code'], ['b', 'and other laws (of cyberspace)'], ['c', 'Lawrence Lessig']),
      data('260', ' ', ' ', ['a', 'New York'], ['b', 'Basic Books'], ['c', 'c1999']),
      data('942', ' ', ' ', ['c', 'BK']),
      data('999', ' ', ' ', ['c', '46'], ['d', '46']),
      ...items,
    ],
  });
}

/** A record with its copies as Evergreen's `marc_export --items` writes them: 852 4_ with owning and circulating library in $b. */
function evergreenRecord(...copies: [string, string, ...[string, string][]][]): MarcRecord {
  return new MarcRecord({
    leader: '00714cam a2200205 a 4500',
    fields: [
      { tag: '001', value: '1234' },
      { tag: '003', value: 'CONS' },
      { tag: '008', value: f008('2004', 'eng') },
      data('100', '1', ' ', ['a', 'Kernighan, Brian W.']),
      data('245', '1', '0', ['a', 'The practice of programming /'], ['c', 'Brian W. Kernighan, Rob Pike.']),
      ...copies.map(([barcode, status, ...more]) =>
        data('852', '4', ' ', ['b', 'BR1'], ['b', 'BR2'], ['c', 'Stacks'], ['k', 'REF'], ['j', 'QA76.6 .K48'], ['m', '1999'], ['g', 'BOOK'], ['p', barcode], ['s', status], ['y', '$25.00'], ...more),
      ),
    ],
  });
}

const stream = (...records: MarcRecord[]): AsyncIterable<Buffer> => Readable.from([Buffer.concat(records.map((r) => Buffer.from(ISO2709.to(r), 'utf8')))]);
const LESSIG = '9780465039135';

describe('holdings mapping', () => {
  describe('when Koha items carry their state (952 $1 lost, $4 damaged, $0 withdrawn, $7 not for loan, $q on loan)', () => {
    const { holdings, warnings } = entryOf(
      lessigRecord(
        kohaItem('CPL-1'),
        kohaItem('CPL-2', { '1': '1' }),
        kohaItem('CPL-3', { '1': '2' }),
        kohaItem('CPL-4', { '1': '4' }),
        kohaItem('CPL-5', { '4': '1' }),
        kohaItem('CPL-6', { '0': '1' }),
        kohaItem('CPL-7', { q: '2012-09-05' }),
        kohaItem('CPL-8', { '7': '-1' }),
        kohaItem('CPL-9', { '1': '3', '4': '1' }),
      ),
    );

    it("should shelve each in the state Koha's codes give (LOST values 1–3 lost, 4 missing), and a not-for-loan one as REFERENCE", () => {
      expect(holdings.map((h) => [h.barcode, h.status, h.loanCategory])).toEqual([
        ['CPL-1', 'AVAILABLE', 'STANDARD'],
        ['CPL-2', 'LOST', 'STANDARD'],
        ['CPL-3', 'LOST', 'STANDARD'],
        ['CPL-4', 'MISSING', 'STANDARD'],
        ['CPL-5', 'DAMAGED', 'STANDARD'],
        ['CPL-7', 'AVAILABLE', 'STANDARD'],
        ['CPL-8', 'AVAILABLE', 'REFERENCE'],
        ['CPL-9', 'LOST', 'STANDARD'],
      ]);
      expect(holdings[0]).toEqual({ barcode: 'CPL-1', branch: 'CPL', rack: '303.4833', loanCategory: 'STANDARD', status: 'AVAILABLE' });
    });

    it('should leave the withdrawn copy out and say so, and say which copy was out on loan', () => {
      expect(warnings).toEqual([
        'copy CPL-6 (952) is withdrawn in the source: not shelved',
        'copy CPL-7 (952) is out on loan in the source: shelved, its loan not imported',
      ]);
    });
  });

  describe("when Evergreen exported its copies as 852 (owning library first in $b, call number in $k $j $m, status by name in $s)", () => {
    const { holdings, warnings } = entryOf(
      evergreenRecord(['E-1', 'Available'], ['E-2', 'Lost'], ['E-3', 'Missing'], ['E-4', 'Damaged'], ['E-5', 'Discard/Weed'], ['E-6', 'Checked out'], ['E-7', 'Reshelving', ['x', 'reference']], ['E-8', 'Long Overdue']),
    );

    it('should shelve each at the owning library under its full call number, in the state its status names', () => {
      expect(holdings[0]).toEqual({ barcode: 'E-1', branch: 'BR1', rack: 'REF QA76.6 .K48 1999', loanCategory: 'STANDARD', status: 'AVAILABLE' });
      expect(holdings.map((h) => [h.barcode, h.status, h.loanCategory])).toEqual([
        ['E-1', 'AVAILABLE', 'STANDARD'],
        ['E-2', 'LOST', 'STANDARD'],
        ['E-3', 'MISSING', 'STANDARD'],
        ['E-4', 'DAMAGED', 'STANDARD'],
        ['E-6', 'AVAILABLE', 'STANDARD'],
        ['E-7', 'AVAILABLE', 'REFERENCE'],
        ['E-8', 'LOST', 'STANDARD'],
      ]);
      expect(warnings).toEqual([
        'copy E-5 (852) is withdrawn in the source: not shelved',
        'copy E-6 (852) is out on loan in the source: shelved, its loan not imported',
      ]);
    });
  });
});

describe('importMarc', () => {
  describe.each([
    ['in memory', () => aLibrary('desk').library],
    ['on PGlite', () => aLibrary('desk', { store: SqlStore.pglite() }).library],
  ])('when a Koha export brings lost, missing and damaged copies, %s', (_where, open) => {
    it('should shelve them in those states, count none of them in search, and report the withdrawn one', async () => {
      const library = open();
      const report = await importMarc(library, stream(lessigRecord(kohaItem('CPL-1'), kohaItem('CPL-2', { '1': '1' }), kohaItem('CPL-4', { '1': '4' }), kohaItem('CPL-5', { '4': '1' }), kohaItem('CPL-6', { '0': '1' }))), { format: 'marc' });
      expect(report).toMatchObject({ records: 1, copies: { added: 4, unchanged: 0 }, skipped: [], warnings: [{ position: 1, message: 'copy CPL-6 (952) is withdrawn in the source: not shelved' }] });
      expect((await library.catalog.copiesOf(LESSIG)).map((c) => [c.barcode, c.status])).toEqual([
        ['CPL-1', 'AVAILABLE'],
        ['CPL-2', 'LOST'],
        ['CPL-4', 'MISSING'],
        ['CPL-5', 'DAMAGED'],
      ]);
      const [hit] = (await library.catalog.search({ text: 'code other laws cyberspace' })).hits;
      expect(hit).toMatchObject({ recordId: LESSIG, availableCopies: 1 });
      await library.close();
    });
  });

  describe('when a member waits for a title and the file brings it a lost copy before one on the shelf', () => {
    it('should hold the copy on the shelf for the member, and offer the lost one to nobody', async () => {
      const { library } = aLibrary('desk');
      await importMarc(library, stream(lessigRecord(kohaItem('CPL-1'))), { format: 'marc' });
      await enrol(library, 'priya');
      await enrol(library, 'raj');
      await library.circulation.checkOut({ memberId: MemberFixtures.priya.id, barcode: 'CPL-1' });
      await library.reservations.reserve({ memberId: MemberFixtures.raj.id, isbn: LESSIG });

      const report = await importMarc(library, stream(lessigRecord(kohaItem('CPL-1'), kohaItem('CPL-2', { '1': '1' }), kohaItem('CPL-3'))), { format: 'marc' });
      expect(report.copies).toEqual({ added: 2, unchanged: 1 });
      expect(await library.catalog.getCopy('CPL-2')).toMatchObject({ status: 'LOST' });
      expect(await library.catalog.getCopy('CPL-3')).toMatchObject({ status: 'RESERVED', heldFor: MemberFixtures.raj.id });
    });
  });

  describe('when the catalogue is exported and imported again', () => {
    it("should bring the lost, missing and damaged copies back in their states (Koha's 952 $1 and $4)", async () => {
      const { library } = aLibrary('desk');
      await importMarc(library, stream(lessigRecord(kohaItem('CPL-1'), kohaItem('CPL-2', { '1': '2' }), kohaItem('CPL-4', { '1': '4' }), kohaItem('CPL-5', { '4': '1' }))), { format: 'marc' });
      const again = aLibrary('desk').library;
      await importMarc(again, Readable.from([await exported(library, 'marc')]), { format: 'marc' });
      const states = async (l: typeof library): Promise<string[][]> => (await l.catalog.copiesOf(LESSIG)).map((c) => [c.barcode, c.status]);
      expect(await states(again)).toEqual([
        ['CPL-1', 'AVAILABLE'],
        ['CPL-2', 'LOST'],
        ['CPL-4', 'MISSING'],
        ['CPL-5', 'DAMAGED'],
      ]);
      expect(await states(again)).toEqual(await states(library));
    });
  });
});
