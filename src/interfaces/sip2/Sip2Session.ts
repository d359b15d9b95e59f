import type { Sip2AccountRecord } from '../../application/ports/Sip2Accounts.js';
import type { RequestCommand } from './codec/layouts.js';

/** Where one kiosk connection stands: not yet signed in, signed in with an account, or closed. */
export type SessionState = 'AWAITING_LOGIN' | 'SIGNED_IN' | 'CLOSED';
export type SessionEvent = 'login' | 'close';

/** The connection's life as data: from each state, the events it accepts and where they lead. */
export const SESSION_TRANSITIONS = {
  AWAITING_LOGIN: { login: 'SIGNED_IN', close: 'CLOSED' },
  SIGNED_IN: { close: 'CLOSED' },
  CLOSED: {},
} as const satisfies Record<SessionState, Partial<Record<SessionEvent, SessionState>>>;

/** What may be sent before signing in: the login itself and a request to repeat the last answer. */
const BEFORE_LOGIN: readonly RequestCommand[] = ['93', '97'];
/** What every signed-in account may send, whatever its list says. */
export const ALWAYS_ALLOWED: readonly RequestCommand[] = ['93', '97'];

/** One kiosk connection: its state, its account once signed in, and the patron whose PIN it has proved. */
export class Sip2Session {
  private current: SessionState = 'AWAITING_LOGIN';
  private signedIn: Sip2AccountRecord | null = null;
  private verifiedPatron: string | null = null;
  /** The last answer written, for a 97 (Request ACS Resend). */
  lastAnswer: Buffer | null = null;
  loginFailures = 0;
  /** Whether the kiosk's last readable message carried a checksum: how a 96 for an unreadable one is framed. */
  errorDetection = false;

  get state(): SessionState {
    return this.current;
  }

  get account(): Sip2AccountRecord | null {
    return this.signedIn;
  }

  can(event: SessionEvent): boolean {
    return event in SESSION_TRANSITIONS[this.current];
  }

  /** Whether the connection, as it stands, may send `command`: before login only 93/97; after, what the account allows. */
  mayUse(command: RequestCommand): boolean {
    if (this.current === 'AWAITING_LOGIN') return BEFORE_LOGIN.includes(command);
    if (this.current === 'CLOSED' || !this.signedIn) return false;
    return ALWAYS_ALLOWED.includes(command) || this.signedIn.allowedMessages.includes(command);
  }

  signIn(account: Sip2AccountRecord): void {
    this.move('login');
    this.signedIn = account;
  }

  close(): void {
    if (this.can('close')) this.move('close');
    this.verifiedPatron = null;
  }

  /** The patron whose card and PIN were proved on this connection, until the patron session ends (35). */
  patronProved(memberId: string): void {
    this.verifiedPatron = memberId;
  }

  isProved(memberId: string): boolean {
    return this.verifiedPatron === memberId;
  }

  endPatronSession(): void {
    this.verifiedPatron = null;
  }

  private move(event: SessionEvent): void {
    const next = (SESSION_TRANSITIONS[this.current] as Partial<Record<SessionEvent, SessionState>>)[event];
    if (next === undefined) throw new Error(`a ${this.current} session cannot ${event}`);
    this.current = next;
  }
}
