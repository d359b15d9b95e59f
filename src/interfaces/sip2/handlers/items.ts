import type { BookItemStatus } from '../../../domain/catalog/BookItem.js';
import { fieldOf, type Sip2Message } from '../codec/Sip2Codec.js';
import { FIELD } from '../codec/layouts.js';
import { Sip2Error } from '../Sip2Error.js';
import { actingFor, echo, minorUnits, patronOf, reply, today, type Sip2Handler } from './context.js';

/** SIP2 circulation status (18's first fixed field) of each copy state, as the specification numbers them. */
export const CIRCULATION_STATUS = {
  AVAILABLE: '03',
  LOANED: '04',
  RESERVED: '08',
  LOST: '12',
  DAMAGED: '01',
  IN_REPAIR: '06',
  MISSING: '13',
  IN_TRANSIT: '10',
} as const satisfies Record<BookItemStatus, string>;

/** "Other": what a copy the library does not know is answered with. */
const OTHER = '01';

/** 17 → 18: where a copy is: its circulation status, due date when out, pickup deadline when on the hold shelf, hold queue. */
export const ITEM_INFORMATION: Sip2Handler = {
  request: '17',
  response: '18',
  async answer(request, ctx) {
    const barcode = fieldOf(request, FIELD.itemId);
    if (!barcode) throw new Sip2Error('MALFORMED_MESSAGE', 'the item identifier (AB) is missing', { command: '17' });
    const copy = await ctx.library.catalog.getCopy(barcode);
    const [book, queue, loan] = await Promise.all([
      ctx.library.catalog.findBook(copy.isbn),
      ctx.library.reservations.queueFor(copy.isbn),
      copy.borrowerId === null ? null : ctx.library.members.loans(copy.borrowerId).then((loans) => loans.find((l) => l.barcode === barcode) ?? null),
    ]);
    return reply('18', { circulationStatus: CIRCULATION_STATUS[copy.status], securityMarker: '01', feeType: '01', transactionDate: today(ctx) }, [
      [FIELD.holdQueueLength, queue.filter((r) => r.status === 'WAITING').length],
      [FIELD.dueDate, loan ? ctx.dates.toSip(new Date(loan.dueAt)) : undefined],
      [FIELD.holdPickupDate, copy.holdExpiresAt === null ? undefined : ctx.dates.toSip(new Date(copy.holdExpiresAt))],
      [FIELD.itemId, barcode],
      [FIELD.titleId, book?.title ?? ''],
      [FIELD.permanentLocation, copy.branch],
      [FIELD.currentLocation, copy.holdShelf ?? copy.branch],
    ]);
  },
  refuse: (request, reason, ctx) =>
    reply('18', { circulationStatus: OTHER, securityMarker: '00', feeType: '01', transactionDate: today(ctx) }, [
      [FIELD.itemId, echo(request, FIELD.itemId)],
      [FIELD.titleId, ''],
      [FIELD.screenMessage, reason],
    ]),
};

/** SIP2 payment types (37's second fixed field), as the payment method the ledger records. */
const PAYMENT_METHOD: Readonly<Record<string, string>> = { '00': 'cash', '01': 'visa', '02': 'credit-card' };

function paymentMethod(request: Sip2Message): string {
  const type = request.fixed.paymentType ?? '';
  return `sip2:${PAYMENT_METHOD[type] ?? `type-${type.trim() || 'unknown'}`}`;
}

/** 37 → 38: a payment taken at the kiosk, towards the member's fines (oldest first), in the library's currency only. */
export const FEE_PAID: Sip2Handler = {
  request: '37',
  response: '38',
  async answer(request, ctx) {
    const memberId = patronOf(request);
    const currency = ctx.library.policy.currency;
    if (request.fixed.currencyType !== currency) {
      throw new Sip2Error('CURRENCY_MISMATCH', `payments are taken in ${currency}, not ${request.fixed.currencyType ?? ''}`, { currency });
    }
    const amount = minorUnits(fieldOf(request, FIELD.feeAmount) ?? '');
    const { payment } = await actingFor(ctx, memberId).fines.pay({ memberId, amount, method: paymentMethod(request) });
    return reply('38', { paymentAccepted: 'Y', transactionDate: today(ctx) }, [
      [FIELD.institutionId, echo(request, FIELD.institutionId)],
      [FIELD.patronId, memberId],
      [FIELD.transactionId, fieldOf(request, FIELD.transactionId) ?? payment.id],
    ]);
  },
  refuse: (request, reason, ctx) =>
    reply('38', { paymentAccepted: 'N', transactionDate: today(ctx) }, [
      [FIELD.institutionId, echo(request, FIELD.institutionId)],
      [FIELD.patronId, echo(request, FIELD.patronId)],
      [FIELD.screenMessage, reason],
    ]),
};

