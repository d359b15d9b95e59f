import { describe, expect, it } from 'vitest';
import { DigitalLendingService } from '../../src/application/digital/DigitalLendingService.js';
import { aDigitalLibrary } from '../fixtures/digital.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';

const { priya, raj } = MemberFixtures;
/** A serial without an ISBN, keyed by its Library of Congress control number, lent as one PDF license. */
const ANNALS = { recordId: 'DLC-sn78004256', identifiers: ['ISSN:0003-486X'], materialType: 'SERIAL', title: 'Annals of mathematics', authors: ['Princeton University'] } as const;

describe(DigitalLendingService, () => {
  describe('.borrow', () => {
    describe('when the title is a record without an ISBN', () => {
      it('should lend its license under the record id, and queue the next member for it', async () => {
        const t = await aDigitalLibrary();
        await enrol(t.library, 'priya', 'raj');
        await t.library.catalog.addBook({ ...ANNALS, identifiers: [...ANNALS.identifiers], authors: [...ANNALS.authors] });
        await t.library.digitalCatalog.addDigitalCopy({ copyId: 'annals-pdf', isbn: ANNALS.recordId, format: 'PDF', fileKey: 'serials/annals.pdf', drm: 'NONE', licenses: 1 });

        const lent = await t.library.digital.borrow({ memberId: priya.id, copyId: 'annals-pdf' });
        expect(lent).toMatchObject({ outcome: 'LENT', loan: { isbn: ANNALS.recordId, memberId: priya.id, status: 'ACTIVE' } });
        const queued = await t.library.digital.borrow({ memberId: raj.id, copyId: 'annals-pdf' });
        expect(queued).toMatchObject({ outcome: 'QUEUED', reservation: { isbn: ANNALS.recordId, memberId: raj.id, status: 'WAITING' } });
        expect((await t.library.digitalCatalog.copiesOf(ANNALS.recordId)).map((c) => [c.copyId, c.isbn, c.lent])).toEqual([['annals-pdf', ANNALS.recordId, 1]]);
      });
    });
  });
});
