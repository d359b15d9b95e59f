import type { LibraryActions } from '../../../Library.js';
import type { LoanView } from '../../../application/views.js';
import { LendingError } from '../../../domain/lending/LendingError.js';
import { CatalogError } from '../../../domain/catalog/CatalogError.js';
import { ShelfmarkError } from '../../../domain/shared/ShelfmarkError.js';
import { count, fieldOf, type Sip2Message } from '../codec/Sip2Codec.js';
import { FIELD } from '../codec/layouts.js';
import { Sip2Error } from '../Sip2Error.js';
import { actingFor, echo, provedPatron, reply, today, type Sip2Context, type Sip2Handler } from './context.js';

/** The item (AB) a request names, required. */
function itemOf(request: Sip2Message): string {
  const barcode = fieldOf(request, FIELD.itemId);
  if (!barcode) throw new Sip2Error('MALFORMED_MESSAGE', 'the item identifier (AB) is missing', { command: request.command });
  return barcode;
}

async function titleOf(ctx: Sip2Context, isbn: string): Promise<string> {
  return (await ctx.library.catalog.findBook(isbn))?.title ?? '';
}

/** The member's open loan of this copy: what a kiosk may renew for them (never someone else's loan). */
async function ownLoan(acting: LibraryActions, memberId: string, barcode: string): Promise<LoanView> {
  const loan = (await acting.members.loans(memberId)).find((l) => l.barcode === barcode);
  if (!loan) throw new LendingError('LOAN_NOT_FOUND', `member ${memberId} has no open loan of copy ${barcode}`, { memberId, barcode });
  return loan;
}

function loanAnswer(command: '12' | '30', request: Sip2Message, loan: LoanView, title: string, renewed: boolean, ctx: Sip2Context): Sip2Message {
  return reply(command, { ok: '1', renewalOk: renewed ? 'Y' : 'N', magneticMedia: 'U', desensitize: 'Y', transactionDate: today(ctx) }, [
    [FIELD.institutionId, echo(request, FIELD.institutionId)],
    [FIELD.patronId, loan.memberId],
    [FIELD.itemId, loan.barcode],
    [FIELD.titleId, title],
    [FIELD.dueDate, ctx.dates.toSip(new Date(loan.dueAt))],
  ]);
}

function refusedLoan(command: '12' | '30', request: Sip2Message | null, reason: string, ctx: Sip2Context): Sip2Message {
  return reply(command, { ok: '0', renewalOk: 'N', magneticMedia: 'U', desensitize: 'N', transactionDate: today(ctx) }, [
    [FIELD.institutionId, echo(request, FIELD.institutionId)],
    [FIELD.patronId, echo(request, FIELD.patronId)],
    [FIELD.itemId, echo(request, FIELD.itemId)],
    [FIELD.titleId, ''],
    [FIELD.dueDate, ''],
    [FIELD.screenMessage, reason],
  ]);
}

/**
 * 11 → 12: lends the copy to the proved patron (the engine's checkout, with every refusal it has). A copy the
 * patron already has is renewed instead when the kiosk's renewal policy (first fixed field) is Y.
 */
export const CHECKOUT: Sip2Handler = {
  request: '11',
  response: '12',
  async answer(request, ctx) {
    const barcode = itemOf(request);
    const memberId = await provedPatron(request, ctx);
    const acting = actingFor(ctx, memberId);
    if (request.fixed.scRenewalPolicy === 'Y' && (await ctx.library.catalog.getCopy(barcode)).borrowerId === memberId) {
      const renewed = await acting.circulation.renew({ loanId: (await ownLoan(acting, memberId, barcode)).loanId });
      return loanAnswer('12', request, renewed, await titleOf(ctx, renewed.isbn), true, ctx);
    }
    const loan = await acting.circulation.checkOut({ memberId, barcode });
    return loanAnswer('12', request, loan, await titleOf(ctx, loan.isbn), false, ctx);
  },
  refuse: (request, reason, ctx) => refusedLoan('12', request, reason, ctx),
};

/** 29 → 30: renews the proved patron's own loan of the copy. */
export const RENEW: Sip2Handler = {
  request: '29',
  response: '30',
  async answer(request, ctx) {
    const barcode = itemOf(request);
    const memberId = await provedPatron(request, ctx);
    const acting = actingFor(ctx, memberId);
    const renewed = await acting.circulation.renew({ loanId: (await ownLoan(acting, memberId, barcode)).loanId });
    return loanAnswer('30', request, renewed, await titleOf(ctx, renewed.isbn), true, ctx);
  },
  refuse: (request, reason, ctx) => refusedLoan('30', request, reason, ctx),
};

/** 65 → 66: renews every open loan of the proved patron; each refused one is listed (BN) with the rest renewed (BM). */
export const RENEW_ALL: Sip2Handler = {
  request: '65',
  response: '66',
  async answer(request, ctx) {
    const memberId = await provedPatron(request, ctx);
    const acting = actingFor(ctx, memberId);
    const renewed: string[] = [];
    const unrenewed: string[] = [];
    for (const loan of await acting.members.loans(memberId)) {
      try {
        await acting.circulation.renew({ loanId: loan.loanId });
        renewed.push(loan.barcode);
      } catch (error) {
        if (!ShelfmarkError.isShelfmarkError(error)) throw error;
        unrenewed.push(loan.barcode);
      }
    }
    return reply('66', { ok: '1', renewedCount: count(renewed.length), unrenewedCount: count(unrenewed.length), transactionDate: today(ctx) }, [
      [FIELD.institutionId, echo(request, FIELD.institutionId)],
      ...renewed.map((b) => [FIELD.renewedItems, b] as const),
      ...unrenewed.map((b) => [FIELD.unrenewedItems, b] as const),
    ]);
  },
  refuse: (request, reason, ctx) =>
    reply('66', { ok: '0', renewedCount: '0000', unrenewedCount: '0000', transactionDate: today(ctx) }, [
      [FIELD.institutionId, echo(request, FIELD.institutionId)],
      [FIELD.screenMessage, reason],
    ]),
};

/** `branch` when it is a registered branch, else undefined (a kiosk may stand at a location the library never registered). */
async function registeredBranch(ctx: Sip2Context, branch: string): Promise<string | undefined> {
  try {
    return (await ctx.library.branches.get(branch)).id;
  } catch (error) {
    if (CatalogError.is(error) && error.code === 'BRANCH_NOT_FOUND') return undefined;
    throw error;
  }
}

/** SIP2's alert types (CV) of a check-in. */
export const ALERT_TYPE = { holdHere: '01', holdElsewhere: '02', sendToOtherBranch: '04' } as const;

/**
 * 09 → 10: takes the copy back (the engine's return: fines, then the head of the hold queue). A copy that went to
 * the hold shelf raises the alert with the member it is held for (CY, DA); a copy of another branch is sent home (CT).
 */
export const CHECKIN: Sip2Handler = {
  request: '09',
  response: '10',
  async answer(request, ctx) {
    const barcode = itemOf(request);
    const here = fieldOf(request, FIELD.currentLocation) || ctx.session.account?.location;
    // The desk's branch, when the library knows it: a hold for another pickup branch then sends the copy there.
    const desk = here ? await registeredBranch(ctx, here) : undefined;
    const receipt = await actingFor(ctx, null).circulation.returnCopy({ barcode, ...(desk === undefined ? {} : { branch: desk }) });
    const copy = await ctx.library.catalog.getCopy(barcode);
    const held = receipt.heldFor;
    const travelsTo = held?.inTransitTo;
    const alert =
      travelsTo !== undefined
        ? ALERT_TYPE.sendToOtherBranch
        : held
          ? (copy.holdShelf ?? copy.branch) === here
            ? ALERT_TYPE.holdHere
            : ALERT_TYPE.holdElsewhere
          : copy.branch === here
            ? undefined
            : ALERT_TYPE.sendToOtherBranch;
    const holder = held ? await ctx.library.members.find(held.memberId) : null;
    return reply('10', { ok: '1', resensitize: held ? 'N' : 'Y', magneticMedia: 'U', alert: alert ? 'Y' : 'N', transactionDate: today(ctx) }, [
      [FIELD.institutionId, echo(request, FIELD.institutionId)],
      [FIELD.itemId, barcode],
      [FIELD.permanentLocation, copy.branch],
      [FIELD.titleId, await titleOf(ctx, copy.isbn)],
      [FIELD.patronId, receipt.loan.memberId],
      [FIELD.alertType, alert],
      [FIELD.destinationLocation, alert ? (travelsTo ?? copy.holdShelf ?? copy.branch) : undefined],
      [FIELD.holdPatronId, held?.memberId],
      [FIELD.holdPatronName, holder?.name],
    ]);
  },
  refuse: (request, reason, ctx) =>
    reply('10', { ok: '0', resensitize: 'N', magneticMedia: 'U', alert: 'N', transactionDate: today(ctx) }, [
      [FIELD.institutionId, echo(request, FIELD.institutionId)],
      [FIELD.itemId, echo(request, FIELD.itemId)],
      [FIELD.permanentLocation, ''],
      [FIELD.screenMessage, reason],
    ]),
};
