import { describe, expect, it } from 'vitest';
import { CatalogService } from '../../src/application/CatalogService.js';
import { aLibrary } from '../fixtures/library.js';
import { BookFixtures, shelve } from '../fixtures/catalog.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';

const { priya, raj, meera } = MemberFixtures;
const CORMEN = BookFixtures.cormen.isbn;
const copy = (barcode: string) => ({ barcode, isbn: CORMEN, branch: 'main', rack: '4-B' });

describe(CatalogService, () => {
  describe('.addCopies', () => {
    describe('when the barcodes are new', () => {
      it('should shelve every copy in one commit', async () => {
        const { library } = aLibrary('desk');
        await library.catalog.addBook(BookFixtures.cormen);
        expect(await library.catalog.addCopies([copy('c-1'), copy('c-2'), copy('c-3')])).toEqual({ added: 3, unchanged: 0, heldFor: [] });
        expect(await library.catalog.availability(CORMEN)).toMatchObject({ total: 3, available: 3 });
      });
    });

    describe('when a barcode repeats or already exists', () => {
      it('should shelve none of them', async () => {
        const { library } = aLibrary('desk');
        await shelve(library, 'cormen', 1);
        await expect(library.catalog.addCopies([copy('c-9'), copy('c-9')])).rejects.toMatchObject({ code: 'COPY_ALREADY_EXISTS' });
        await expect(library.catalog.addCopies([copy('c-8'), copy('cormen-1')])).rejects.toMatchObject({ code: 'COPY_ALREADY_EXISTS' });
        expect((await library.catalog.copiesOf(CORMEN)).map((c) => c.barcode)).toEqual(['cormen-1']);
      });
    });

    describe('when some barcodes are shelved already and skipShelved is asked for', () => {
      it('should shelve the new ones and leave the others as they are', async () => {
        const { library } = aLibrary('desk');
        await shelve(library, 'cormen', 1);
        expect(await library.catalog.addCopies([copy('cormen-1'), copy('c-2')], { skipShelved: true })).toEqual({ added: 1, unchanged: 1, heldFor: [] });
        expect((await library.catalog.copiesOf(CORMEN)).map((c) => c.barcode)).toEqual(['c-2', 'cormen-1']);
      });
    });

    describe('when members wait for the title', () => {
      it('should hold the first new copies for them in queue order and shelve the rest', async () => {
        const { library } = aLibrary('desk');
        const [c1] = await shelve(library, 'cormen', 1);
        await enrol(library, 'priya', 'raj', 'meera');
        await library.circulation.checkOut({ memberId: meera.id, barcode: c1! });
        await library.reservations.reserve({ memberId: priya.id, isbn: CORMEN });
        await library.reservations.reserve({ memberId: raj.id, isbn: CORMEN });
        const { heldFor } = await library.catalog.addCopies([copy('c-1'), copy('c-2'), copy('c-3')]);
        expect(heldFor.map((h) => [h.barcode, h.memberId])).toEqual([
          ['c-1', priya.id],
          ['c-2', raj.id],
        ]);
        expect((await library.catalog.getCopy('c-3')).status).toBe('AVAILABLE');
      });
    });
  });
});
