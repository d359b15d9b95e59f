import { describe, expect, it } from 'vitest';
import { CITY_POLICY } from '../../src/domain/policy/presets.js';
import { shelve } from '../fixtures/catalog.js';
import { aLibrary } from '../fixtures/library.js';

const PRIYA = { id: 'M-PRIYA', name: 'Priya', contact: { email: 'priya@example.org' } };

describe('SendCheckoutReceipt', () => {
  describe('.noticeFor', () => {
    describe('when the policy asks for checkout receipts', () => {
      it('should send the borrower one receipt per checkout, naming the title, the copy and the due date', async () => {
        const { library, notifier } = aLibrary('city', { policy: { ...CITY_POLICY, checkoutReceipts: true } });
        const [barcode = ''] = await shelve(library, 'cormen', 1);
        await library.members.register(PRIYA);
        const loan = await library.circulation.checkOut({ memberId: PRIYA.id, barcode });
        await library.idle();
        expect(notifier.notices({ kind: 'checkout-receipt' })).toEqual([
          {
            kind: 'checkout-receipt',
            memberId: PRIYA.id,
            subject: 'You borrowed "Introduction to Algorithms"',
            body: `You borrowed "Introduction to Algorithms" (copy ${barcode}). It is due back on ${loan.dueAt.slice(0, 10)}.`,
            idempotencyKey: `checkout-receipt:${loan.loanId}`,
            data: { loanId: loan.loanId, barcode, isbn: loan.isbn, dueAt: loan.dueAt },
          },
        ]);
      });
    });

    describe('when the policy does not (every preset)', () => {
      it('should send no receipt', async () => {
        const { library, notifier } = aLibrary('city');
        const [barcode = ''] = await shelve(library, 'cormen', 1);
        await library.members.register(PRIYA);
        await library.circulation.checkOut({ memberId: PRIYA.id, barcode });
        await library.idle();
        expect(notifier.notices({ kind: 'checkout-receipt' })).toEqual([]);
      });
    });
  });
});
