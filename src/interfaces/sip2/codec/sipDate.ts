import { Sip2Error } from '../Sip2Error.js';

/** A field of 18 spaces: "no date" in the protocol's fixed date fields. */
export const NO_DATE = ' '.repeat(18);

const parts = (zone: string) =>
  new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });

/**
 * SIP2 dates, `YYYYMMDDZZZZHHMMSS`, in one branch's time zone: local time with a blank zone (`ZZZZ` = four
 * spaces), as the specification prefers; a date whose zone ends in `Z` is universal time.
 */
export class SipDates {
  private readonly format: Intl.DateTimeFormat;

  constructor(readonly timeZone: string) {
    this.format = parts(timeZone);
  }

  /** `instant` as the branch's wall clock shows it. */
  toSip(instant: Date): string {
    const p = Object.fromEntries(this.format.formatToParts(instant).map((x) => [x.type, x.value]));
    return `${p.year}${p.month}${p.day}    ${p.hour}${p.minute}${p.second}`;
  }

  /** The instant a SIP date names: universal time when its zone ends in `Z`, else the branch's local time. */
  fromSip(text: string): Date {
    const m = /^(\d{4})(\d{2})(\d{2})(.{4})(\d{2})(\d{2})(\d{2})$/.exec(text);
    if (!m) throw new Sip2Error('MALFORMED_MESSAGE', `"${text}" is not a SIP date (YYYYMMDDZZZZHHMMSS)`);
    const n = (i: number) => Number(m[i]);
    const wall = Date.UTC(n(1), n(2) - 1, n(3), n(5), n(6), n(7));
    if (m[4]?.endsWith('Z')) return new Date(wall);
    // the offset at the guess, then once more at the corrected instant (right across a DST change)
    let at = wall - this.offsetAt(new Date(wall));
    at = wall - this.offsetAt(new Date(at));
    return new Date(at);
  }

  private offsetAt(instant: Date): number {
    const p = new Map(this.format.formatToParts(instant).map((x) => [x.type, Number(x.value)]));
    const n = (type: Intl.DateTimeFormatPartTypes) => p.get(type) ?? 0;
    return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - Math.floor(instant.getTime() / 1000) * 1000;
  }
}
