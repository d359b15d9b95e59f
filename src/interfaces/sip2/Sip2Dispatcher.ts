import type { Library } from '../../Library.js';
import type { MemberPins } from '../../application/auth/MemberPins.js';
import { ShelfmarkError } from '../../domain/shared/ShelfmarkError.js';
import { readFrame, resendRequest, writeFrame, type Frame, type Sip2Encoding } from './codec/frame.js';
import { isRequestCommand } from './codec/layouts.js';
import { formatMessage, parseMessage, type Sip2Message } from './codec/Sip2Codec.js';
import { SipDates } from './codec/sipDate.js';
import type { Sip2Context } from './handlers/context.js';
import { HANDLERS, supportedMessages } from './handlers/index.js';
import { Sip2Error } from './Sip2Error.js';
import type { Sip2Logins } from './Sip2Logins.js';
import type { Sip2Session } from './Sip2Session.js';

export interface DispatchSettings {
  readonly encoding: Sip2Encoding;
  readonly institutionId: string;
  readonly libraryName: string;
  /** The idle timeout, as 98's timeout period shows it (tenths of a second, three digits). */
  readonly timeoutPeriod: string;
  /** Dates before a login names a branch. */
  readonly timeZone: string;
  /** Wrong logins on one connection before it is closed. */
  readonly maxLoginFailures: number;
  readonly onError: (error: unknown) => void;
}

export interface Dispatched {
  /** The answer, whole, with its terminator: written in one write. */
  readonly answer: Buffer;
  /** Close the connection once the answer is written. */
  readonly close: boolean;
}

/** Turns one message from a kiosk into its answer: framing and checksum, the session's rules, the message's handler, its refusals. */
export class Sip2Dispatcher {
  private readonly dates = new Map<string, Promise<SipDates>>();

  constructor(
    private readonly library: Library,
    private readonly logins: Sip2Logins,
    private readonly pins: MemberPins,
    private readonly settings: DispatchSettings,
  ) {}

  async dispatch(raw: Uint8Array, session: Sip2Session): Promise<Dispatched> {
    let frame: Frame;
    try {
      frame = readFrame(raw, this.settings.encoding);
    } catch (error) {
      if (Sip2Error.is(error)) return { answer: resendRequest(true, this.settings.encoding), close: false };
      throw error;
    }
    session.errorDetection = frame.errorDetection !== null;
    const command = frame.body.slice(0, 2);
    if (command === '97') return { answer: session.lastAnswer ?? resendRequest(frame.errorDetection !== null, this.settings.encoding), close: false };
    const handler = isRequestCommand(command) ? HANDLERS[command] : undefined;
    if (!handler || !isRequestCommand(command)) return { answer: resendRequest(frame.errorDetection !== null, this.settings.encoding), close: false };
    const ctx = await this.context(session);
    let message: Sip2Message;
    let request: Sip2Message | null = null;
    try {
      request = parseMessage(frame.body);
      if (!session.mayUse(command)) {
        throw session.state === 'AWAITING_LOGIN'
          ? new Sip2Error('NOT_SIGNED_IN', 'sign in (93) first')
          : new Sip2Error('MESSAGE_NOT_ALLOWED', `this account may not send ${command}`, { command });
      }
      message = await handler.answer(request, ctx);
    } catch (error) {
      message = handler.refuse(request, this.reason(error), ctx);
    }
    const answer = writeFrame(formatMessage(message), frame.errorDetection, this.settings.encoding);
    session.lastAnswer = answer;
    return { answer, close: session.loginFailures >= this.settings.maxLoginFailures };
  }

  /** The screen message of a refusal: the engine's (or this edge's) stable code, then its words. */
  private reason(error: unknown): string {
    if (ShelfmarkError.isShelfmarkError(error)) return `${error.code}: ${error.message}`;
    this.settings.onError(error);
    return 'INTERNAL_ERROR: the request could not be completed';
  }

  private async context(session: Sip2Session): Promise<Sip2Context> {
    const account = session.account;
    return {
      library: this.library,
      session,
      logins: this.logins,
      pins: this.pins,
      dates: await this.datesOf(account?.location ?? null),
      now: this.library.clock.now(),
      institutionId: this.settings.institutionId,
      libraryName: this.settings.libraryName,
      timeoutPeriod: this.settings.timeoutPeriod,
      supportedMessages: supportedMessages((code) => (isRequestCommand(code) ? session.mayUse(code) : false)),
    };
  }

  /** The dates of the account's branch (its calendar's time zone), read once per branch. */
  private datesOf(branch: string | null): Promise<SipDates> {
    if (branch === null) return Promise.resolve(new SipDates(this.settings.timeZone));
    let dates = this.dates.get(branch);
    if (!dates) {
      dates = this.library.calendars.calendar(branch).then(
        (c) => new SipDates(c.timeZone),
        () => new SipDates(this.settings.timeZone),
      );
      this.dates.set(branch, dates);
    }
    return dates;
  }
}
