import type { ReservationView } from '../../../application/views.js';
import { count, fieldOf, flag, type Sip2Message } from '../codec/Sip2Codec.js';
import { FIELD } from '../codec/layouts.js';
import { actingFor, decimal, echo, patronOf, reply, today, triesPatron, type Sip2Context, type Sip2Handler } from './context.js';
import { ALL_DENIED, patronStatusOf } from './patronStatus.js';

/** The positions of 63's summary field: which one list (if any) the kiosk asks for. */
export const SUMMARY_LISTS = [FIELD.holdItems, FIELD.overdueItems, FIELD.chargedItems, FIELD.fineItems, FIELD.recallItems, FIELD.unavailableHoldItems] as const;

const LANGUAGE_UNKNOWN = '000';

function language(request: Sip2Message | null): string {
  return request && /^\d{3}$/.test(request.fixed.language ?? '') ? (request.fixed.language ?? LANGUAGE_UNKNOWN) : LANGUAGE_UNKNOWN;
}

/** The part of 24 and 64 that both share: status, name, validity of card and PIN, the balance (only once the PIN is proved). */
async function patronHeader(request: Sip2Message, ctx: Sip2Context): Promise<{ fixed: Record<string, string>; fields: [string, string | undefined][] }> {
  const memberId = patronOf(request);
  const member = await ctx.library.members.find(memberId);
  const proved = member !== null && (await triesPatron(request, ctx));
  const fixed = { patronStatus: member ? await patronStatusOf(ctx.library, memberId) : ALL_DENIED, language: language(request), transactionDate: today(ctx) };
  const fields: [string, string | undefined][] = [
    [FIELD.institutionId, echo(request, FIELD.institutionId)],
    [FIELD.patronId, memberId],
    [FIELD.personalName, proved ? member.name : ''],
    [FIELD.validPatron, flag(member !== null)],
    [FIELD.validPatronPassword, flag(proved)],
  ];
  if (proved) fields.push([FIELD.currencyType, member.fineBalance.currency], [FIELD.feeAmount, decimal(member.fineBalance.amount)]);
  return { fixed, fields };
}

function refusedPatron(command: '24' | '64', request: Sip2Message | null, reason: string, ctx: Sip2Context): Sip2Message {
  const counts = command === '64' ? { holdItemsCount: '0000', overdueItemsCount: '0000', chargedItemsCount: '0000', fineItemsCount: '0000', recallItemsCount: '0000', unavailableHoldsCount: '0000' } : {};
  return reply(command, { patronStatus: ALL_DENIED, language: language(request), transactionDate: today(ctx), ...counts }, [
    [FIELD.institutionId, echo(request, FIELD.institutionId)],
    [FIELD.patronId, echo(request, FIELD.patronId)],
    [FIELD.personalName, ''],
    [FIELD.validPatron, 'N'],
    [FIELD.validPatronPassword, 'N'],
    [FIELD.screenMessage, reason],
  ]);
}

/** 23 → 24: may this patron use the library, and is the PIN right. */
export const PATRON_STATUS: Sip2Handler = {
  request: '23',
  response: '24',
  async answer(request, ctx) {
    const { fixed, fields } = await patronHeader(request, ctx);
    return reply('24', fixed, fields);
  },
  refuse: (request, reason, ctx) => refusedPatron('24', request, reason, ctx),
};

/** One item range of 63 (BP/BQ, 1-based, inclusive); the whole list when the kiosk gives none. */
function range(request: Sip2Message): (list: readonly string[]) => readonly string[] {
  const start = Number(fieldOf(request, FIELD.startItem) ?? '1');
  const end = Number(fieldOf(request, FIELD.endItem) ?? 'NaN');
  const from = Number.isInteger(start) && start >= 1 ? start - 1 : 0;
  return (list) => list.slice(from, Number.isInteger(end) && end >= from + 1 ? end : undefined);
}

const holdName = (r: ReservationView): string => r.barcode ?? r.isbn;

/** 63 → 64: counts of held, overdue, charged and fined items, and the one list the summary field asks for. */
export const PATRON_INFORMATION: Sip2Handler = {
  request: '63',
  response: '64',
  async answer(request, ctx) {
    const { fixed, fields } = await patronHeader(request, ctx);
    const memberId = patronOf(request);
    if (!ctx.session.isProved(memberId)) {
      return reply('64', { ...fixed, holdItemsCount: '0000', overdueItemsCount: '0000', chargedItemsCount: '0000', fineItemsCount: '0000', recallItemsCount: '0000', unavailableHoldsCount: '0000' }, fields);
    }
    const [loans, holds, ledger] = await Promise.all([ctx.library.members.loans(memberId), ctx.library.reservations.activeOf(memberId), ctx.library.fines.ledger(memberId)]);
    const lists: Record<(typeof SUMMARY_LISTS)[number], readonly string[]> = {
      [FIELD.holdItems]: holds.map(holdName),
      [FIELD.overdueItems]: loans.filter((l) => Date.parse(l.dueAt) < ctx.now.getTime()).map((l) => l.barcode),
      [FIELD.chargedItems]: loans.map((l) => l.barcode),
      [FIELD.fineItems]: ledger.fines.filter((f) => f.outstanding.amount > 0).map((f) => `${f.fineId} ${decimal(f.outstanding.amount)} ${f.reason}`),
      [FIELD.recallItems]: [],
      [FIELD.unavailableHoldItems]: holds.filter((r) => r.status === 'WAITING').map(holdName),
    };
    const wanted = SUMMARY_LISTS[(request.fixed.summary ?? '').indexOf('Y')];
    const slice = range(request);
    const listed = wanted === undefined ? [] : slice(lists[wanted]).map((item) => [wanted, item] as [string, string]);
    return reply(
      '64',
      {
        ...fixed,
        holdItemsCount: count(lists.AS.length),
        overdueItemsCount: count(lists.AT.length),
        chargedItemsCount: count(lists.AU.length),
        fineItemsCount: count(lists.AV.length),
        recallItemsCount: count(0),
        unavailableHoldsCount: count(lists.CD.length),
      },
      [...fields, ...listed],
    );
  },
  refuse: (request, reason, ctx) => refusedPatron('64', request, reason, ctx),
};

/** 01 → 24: the kiosk blocks the card (e.g. one reported lost); the reason it gives (AL) is the block's. */
export const BLOCK_PATRON: Sip2Handler = {
  request: '01',
  response: '24',
  async answer(request, ctx) {
    const memberId = patronOf(request);
    const message = fieldOf(request, FIELD.blockedCardMessage) || 'blocked at a self-check kiosk';
    const retained = request.fixed.cardRetained === 'Y' ? ' (card retained)' : '';
    await actingFor(ctx, memberId).members.block({ memberId, reason: `${message}${retained}` });
    ctx.session.endPatronSession();
    const { fixed, fields } = await patronHeader(request, ctx);
    return reply('24', fixed, fields);
  },
  refuse: (request, reason, ctx) => refusedPatron('24', request, reason, ctx),
};

/** 35 → 36: the patron walks away; the PIN proved on this connection no longer counts. */
export const END_PATRON_SESSION: Sip2Handler = {
  request: '35',
  response: '36',
  answer(request, ctx) {
    ctx.session.endPatronSession();
    return Promise.resolve(
      reply('36', { endSession: 'Y', transactionDate: today(ctx) }, [
        [FIELD.institutionId, echo(request, FIELD.institutionId)],
        [FIELD.patronId, echo(request, FIELD.patronId)],
      ]),
    );
  },
  refuse: (request, reason, ctx) =>
    reply('36', { endSession: 'N', transactionDate: today(ctx) }, [
      [FIELD.institutionId, echo(request, FIELD.institutionId)],
      [FIELD.patronId, echo(request, FIELD.patronId)],
      [FIELD.screenMessage, reason],
    ]),
};
