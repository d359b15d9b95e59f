import type { RequestCommand } from '../codec/layouts.js';
import { CHECKIN, CHECKOUT, RENEW, RENEW_ALL } from './circulation.js';
import type { Sip2Handler } from './context.js';
import { FEE_PAID, ITEM_INFORMATION } from './items.js';
import { BLOCK_PATRON, END_PATRON_SESSION, PATRON_INFORMATION, PATRON_STATUS } from './patron.js';
import { LOGIN, SC_STATUS } from './status.js';

/** Each request this server answers, by command code (97, Request ACS Resend, is the dispatcher's own). */
export const HANDLERS: Readonly<Partial<Record<RequestCommand, Sip2Handler>>> = Object.fromEntries(
  [LOGIN, SC_STATUS, PATRON_STATUS, PATRON_INFORMATION, CHECKOUT, CHECKIN, RENEW, RENEW_ALL, ITEM_INFORMATION, FEE_PAID, BLOCK_PATRON, END_PATRON_SESSION].map((h) => [h.request, h]),
);

/** Every message this server implements: the handlers' and 97. */
export const IMPLEMENTED_MESSAGES: readonly RequestCommand[] = [...(Object.keys(HANDLERS) as RequestCommand[]), '97'];

/** The messages a kiosk account may send unless told otherwise: all of them but login and resend, which every account may. */
export const DEFAULT_ALLOWED_MESSAGES: readonly RequestCommand[] = IMPLEMENTED_MESSAGES.filter((c) => c !== '93' && c !== '97');

/** The 16 positions of BX (supported messages) in 2.00, each a request command code. */
export const SUPPORTED_MESSAGES_ORDER = ['23', '11', '09', '01', '99', '97', '93', '63', '35', '37', '17', '19', '25', '15', '29', '65'] as const;

/** BX for one account: Y where the message is implemented and the account may send it. */
export function supportedMessages(allowed: (code: string) => boolean): string {
  return SUPPORTED_MESSAGES_ORDER.map((code) => ((IMPLEMENTED_MESSAGES as readonly string[]).includes(code) && allowed(code) ? 'Y' : 'N')).join('');
}
