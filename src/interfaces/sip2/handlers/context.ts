import type { LibraryActions, Library } from '../../../Library.js';
import type { MemberPins } from '../../../application/auth/MemberPins.js';
import { AuthError } from '../../../application/auth/AuthError.js';
import type { Sip2AccountRecord } from '../../../application/ports/Sip2Accounts.js';
import { fieldOf, type Sip2Message } from '../codec/Sip2Codec.js';
import { FIELD, type RequestCommand, type ResponseCommand } from '../codec/layouts.js';
import type { SipDates } from '../codec/sipDate.js';
import { Sip2Error } from '../Sip2Error.js';
import type { Sip2Session } from '../Sip2Session.js';
import type { Sip2Logins } from '../Sip2Logins.js';

/** What a message's answer may need: the library, the connection, the branch's dates and the server's settings. */
export interface Sip2Context {
  readonly library: Library;
  readonly session: Sip2Session;
  readonly logins: Sip2Logins;
  readonly pins: MemberPins;
  readonly dates: SipDates;
  readonly now: Date;
  /** AO of the answers that have no request to echo it from. */
  readonly institutionId: string;
  readonly libraryName: string;
  /** 98's timeout period: tenths of a second, three digits. */
  readonly timeoutPeriod: string;
  /** BX of 98: each message this server implements and the account may send. */
  readonly supportedMessages: string;
}

/** One request message: how it is answered, and its negative answer (for refusals, malformed input, or an account that may not send it). */
export interface Sip2Handler {
  readonly request: RequestCommand;
  readonly response: ResponseCommand;
  answer(request: Sip2Message, ctx: Sip2Context): Promise<Sip2Message>;
  refuse(request: Sip2Message | null, reason: string, ctx: Sip2Context): Sip2Message;
}

type FieldValue = string | number | undefined | null;

/** A message to send: fixed fields by name, then the variable fields whose value is present, in the order given. */
export function reply(command: ResponseCommand, fixed: Record<string, string>, fields: readonly (readonly [string, FieldValue])[]): Sip2Message {
  return {
    command,
    fixed,
    fields: fields.filter((f): f is readonly [string, string | number] => f[1] !== undefined && f[1] !== null).map(([id, v]) => [id, String(v)] as const),
  };
}

/** A field of the request, or '' when the request is missing (a malformed message) or does not carry it. */
export function echo(request: Sip2Message | null, id: string): string {
  return request ? (fieldOf(request, id) ?? '') : '';
}

export function signedInAccount(ctx: Sip2Context): Sip2AccountRecord {
  const account = ctx.session.account;
  if (!account) throw new Sip2Error('NOT_SIGNED_IN', 'sign in (93) first');
  return account;
}

/** The library acting as this kiosk (and, when one is named, for this member): what the audit log records. */
export function actingFor(ctx: Sip2Context, memberId: string | null): LibraryActions {
  const { user } = signedInAccount(ctx);
  return ctx.library.as({ id: `sip2:${user}`, label: memberId === null ? `SIP2 kiosk ${user}` : `SIP2 kiosk ${user} for member ${memberId}` });
}

/** The patron (AA) a request names, required. */
export function patronOf(request: Sip2Message): string {
  const memberId = fieldOf(request, FIELD.patronId);
  if (!memberId) throw new Sip2Error('MALFORMED_MESSAGE', 'the patron identifier (AA) is missing', { command: request.command });
  return memberId;
}

/**
 * The patron, proved: by the PIN (AD) in this request — the one check every sign-in door uses, with its back-off —
 * or by a PIN proved earlier on this connection for the same card, until the patron session ends.
 */
export async function provedPatron(request: Sip2Message, ctx: Sip2Context): Promise<string> {
  const memberId = patronOf(request);
  const pin = fieldOf(request, FIELD.patronPassword);
  if (pin !== undefined && pin !== '') {
    ctx.session.patronProved(await ctx.pins.verify(memberId, pin));
    return memberId;
  }
  if (ctx.session.isProved(memberId)) return memberId;
  throw new Sip2Error('PATRON_NOT_VERIFIED', 'the patron’s PIN (AD) is needed', { memberId });
}

/** Like `provedPatron`, for the status messages that answer (with less) even without a proof: false when unproved. */
export async function triesPatron(request: Sip2Message, ctx: Sip2Context): Promise<boolean> {
  try {
    await provedPatron(request, ctx);
    return true;
  } catch (error) {
    if (AuthError.is(error) || (Sip2Error.is(error) && error.code === 'PATRON_NOT_VERIFIED')) return false;
    throw error;
  }
}

/** Minor units as the protocol's decimal amount (two decimals, as the library's Money shows them). */
export function decimal(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A decimal amount from the wire in minor units; refused unless it is a plain positive amount with at most two decimals. */
export function minorUnits(text: string): number {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) throw new Sip2Error('MALFORMED_MESSAGE', `"${text}" is not an amount`, { field: FIELD.feeAmount });
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}

/** The date fields of an answer: the transaction date is now, in the branch's time zone. */
export function today(ctx: Sip2Context): string {
  return ctx.dates.toSip(ctx.now);
}
