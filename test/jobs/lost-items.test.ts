import { describe, expect, it } from 'vitest';
import { LostItemService } from '../../src/application/rules/LostItemService.js';
import { shelve } from '../fixtures/catalog.js';
import { aLibrary } from '../fixtures/library.js';
import { enrol, MemberFixtures } from '../fixtures/members.js';

const { raj, dana } = MemberFixtures;

describe(LostItemService, () => {
  describe('.declareLost', () => {
    describe('when the copy is still out on the loan named', () => {
      it('should close the loan as lost and charge its borrower the replacement', async () => {
        const { library } = aLibrary('city');
        await shelve(library, 'cormen', 1, { replacementPrice: 8_995 });
        await enrol(library, 'raj');
        const loan = await library.circulation.checkOut({ memberId: raj.id, barcode: 'cormen-1' });
        const report = await library.lostItems.declareLost({ barcode: 'cormen-1', loanId: loan.loanId });
        expect(report.loan).toMatchObject({ loanId: loan.loanId, status: 'LOST' });
        expect(report.finesAssessed.map((f) => [f.reason, f.amount.amount])).toEqual([['REPLACEMENT', 8_995]]);
      });
    });

    describe('when the copy came back and went out again on another loan', () => {
      it('should refuse with LOAN_NOT_ON_COPY and change nothing', async () => {
        const { library } = aLibrary('city');
        await shelve(library, 'cormen', 1);
        await enrol(library, 'raj', 'dana');
        const seen = await library.circulation.checkOut({ memberId: raj.id, barcode: 'cormen-1' });
        await library.circulation.returnCopy({ barcode: 'cormen-1' });
        const next = await library.circulation.checkOut({ memberId: dana.id, barcode: 'cormen-1' });

        await expect(library.lostItems.declareLost({ barcode: 'cormen-1', loanId: seen.loanId })).rejects.toMatchObject({
          code: 'LOAN_NOT_ON_COPY',
          details: { barcode: 'cormen-1', loanId: seen.loanId, openLoanId: next.loanId },
        });
        expect(await library.catalog.getCopy('cormen-1')).toMatchObject({ status: 'LOANED' });
        expect(await library.members.loans(dana.id)).toMatchObject([{ loanId: next.loanId, status: 'OPEN' }]);
        expect((await library.fines.ledger(dana.id)).fines).toEqual([]);
      });
    });

    describe('when the copy is on the shelf', () => {
      it('should refuse with LOAN_NOT_ON_COPY and leave it on the shelf', async () => {
        const { library } = aLibrary('city');
        await shelve(library, 'cormen', 1);
        await enrol(library, 'raj');
        const seen = await library.circulation.checkOut({ memberId: raj.id, barcode: 'cormen-1' });
        await library.circulation.returnCopy({ barcode: 'cormen-1' });
        await expect(library.lostItems.declareLost({ barcode: 'cormen-1', loanId: seen.loanId })).rejects.toMatchObject({ code: 'LOAN_NOT_ON_COPY' });
        expect(await library.catalog.getCopy('cormen-1')).toMatchObject({ status: 'AVAILABLE' });
      });
    });
  });
});
