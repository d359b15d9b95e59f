import type { CopyCondition } from '../../../application/CirculationService.js';
import type { PayCommand } from '../../../application/FineService.js';
import type { Principal } from '../auth/Principal.js';
import type { Router } from '../routing.js';
import { body, fields, ledger, loan, payment, ref, returnReceipt } from '../schemas.js';
import type { HttpDeps } from './deps.js';

/** Counter and kiosk work: check out, return, renew, pay. Check-out, return and payment honour Idempotency-Key. */
export function circulationRoutes(router: Router, { library }: HttpDeps): void {
  const borrowerOf = async (barcode: string): Promise<string | null> => (await library.catalog.getCopy(barcode)).borrowerId;
  const ownsLoan = async (principal: Principal, loanId: string): Promise<string | null> => {
    if (principal.kind !== 'member') return null;
    const mine = await library.members.loans(principal.memberId);
    return mine.some((l) => l.loanId === loanId) ? principal.memberId : null;
  };

  router.add<{ Body: { memberId: string; barcode: string } }>({
    method: 'POST',
    url: '/api/checkouts',
    summary: 'Lend a copy (scanned barcode) to a member (scanned card)',
    tag: 'circulation',
    access: { staff: 'counter', members: 'own-account' },
    accountOf: ({ body: b }) => Promise.resolve(b.memberId),
    idempotent: true,
    status: 201,
    schema: { body: body(['memberId', 'barcode'], { memberId: fields.id, barcode: fields.id }), response: { 201: ref(loan) } },
    handle: ({ body: command }, acting) => acting.circulation.checkOut(command),
  });

  router.add<{ Body: { memberId: string; barcode: string; reason: string } }>({
    method: 'POST',
    url: '/api/checkouts/override',
    summary: 'Lend a copy despite patron blocks (an expired card, fines, manual blocks); the reason is recorded in the audit log',
    tag: 'circulation',
    access: { staff: 'librarian' },
    idempotent: true,
    status: 201,
    schema: {
      body: body(['memberId', 'barcode', 'reason'], { memberId: fields.id, barcode: fields.id, reason: fields.text }),
      response: { 201: ref(loan) },
    },
    handle: ({ body: { memberId, barcode, reason }, principal }, acting) =>
      acting.circulation.checkOut({ memberId, barcode, override: { staffId: principal.kind === 'staff' ? principal.tokenId : 'staff', reason } }),
  });

  router.add<{ Body: { barcode: string; condition?: CopyCondition } }>({
    method: 'POST',
    url: '/api/returns',
    summary: 'Take a copy back: close the loan, assess fines, offer the copy to the reservation queue',
    tag: 'circulation',
    access: { staff: 'counter', members: 'own-account' },
    accountOf: ({ body: b }) => borrowerOf(b.barcode),
    idempotent: true,
    status: 200,
    schema: {
      body: body(['barcode'], {
        barcode: fields.id,
        condition: { type: 'string', enum: ['GOOD', 'DAMAGED'] },
        branch: { ...fields.id, description: "The branch whose desk takes the copy back (default: the copy's own)." },
      }),
      response: { 200: ref(returnReceipt) },
    },
    handle: ({ body: command }, acting) => acting.circulation.returnCopy(command),
  });

  router.add<{ Body: { loanId: string } | { barcode: string } }>({
    method: 'POST',
    url: '/api/renewals',
    summary: 'Renew a loan, named by loan id or by the copy barcode',
    tag: 'circulation',
    access: { staff: 'counter', members: 'own-account' },
    accountOf: (request) => ('loanId' in request.body ? ownsLoan(request.principal, request.body.loanId) : borrowerOf(request.body.barcode)),
    idempotent: true,
    status: 200,
    schema: {
      body: {
        oneOf: [body(['loanId'], { loanId: fields.id }), body(['barcode'], { barcode: fields.id })],
      },
      response: { 200: ref(loan) },
    },
    handle: ({ body: command }, acting) => acting.circulation.renew(command),
  });

  router.add<{ Body: PayCommand }>({
    method: 'POST',
    url: '/api/payments',
    summary: 'Take a payment towards a member’s fines (oldest first)',
    tag: 'fines',
    access: { staff: 'counter' },
    idempotent: true,
    status: 201,
    schema: {
      body: body(['memberId', 'amount', 'method'], {
        memberId: fields.id,
        amount: { type: 'integer', minimum: 1, maximum: 100_000_000, description: 'Minor units of the library currency.' },
        method: { type: 'string', minLength: 1, maxLength: 40 },
      }),
      response: { 201: { type: 'object', required: ['payment', 'ledger'], properties: { payment: ref(payment), ledger: ref(ledger) } } },
    },
    handle: ({ body: command }, acting) => acting.fines.pay(command),
  });
}
