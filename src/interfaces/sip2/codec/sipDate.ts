import { TimeZone } from '../../../domain/calendar/TimeZone.js';
import { Sip2Error } from '../Sip2Error.js';

/** A field of 18 spaces: "no date" in the protocol's fixed date fields. */
export const NO_DATE = ' '.repeat(18);

/**
 * SIP2 dates, `YYYYMMDDZZZZHHMMSS`, in one branch's time zone: local time with a blank zone (`ZZZZ` = four
 * spaces), as the specification prefers; a date whose zone ends in `Z` is universal time.
 */
export class SipDates {
  private readonly zone: TimeZone;

  constructor(readonly timeZone: string) {
    this.zone = TimeZone.of(timeZone);
  }

  /** `instant` as the branch's wall clock shows it. */
  toSip(instant: Date): string {
    const local = new Date(instant.getTime() + this.zone.offsetAt(instant));
    const two = (n: number): string => String(n).padStart(2, '0');
    return `${String(local.getUTCFullYear()).padStart(4, '0')}${two(local.getUTCMonth() + 1)}${two(local.getUTCDate())}    ${two(local.getUTCHours())}${two(local.getUTCMinutes())}${two(local.getUTCSeconds())}`;
  }

  /** The instant a SIP date names: universal time when its zone ends in `Z`, else the branch's local time. */
  fromSip(text: string): Date {
    const m = /^(\d{4})(\d{2})(\d{2})(.{4})(\d{2})(\d{2})(\d{2})$/.exec(text);
    if (!m) throw new Sip2Error('MALFORMED_MESSAGE', `"${text}" is not a SIP date (YYYYMMDDZZZZHHMMSS)`);
    const n = (i: number) => Number(m[i]);
    const wall = Date.UTC(n(1), n(2) - 1, n(3), n(5), n(6), n(7));
    if (m[4]?.endsWith('Z')) return new Date(wall);
    // the offset at the guess, then once more at the corrected instant (right across a DST change)
    let at = wall - this.zone.offsetAt(new Date(wall));
    at = wall - this.zone.offsetAt(new Date(at));
    return new Date(at);
  }
}
