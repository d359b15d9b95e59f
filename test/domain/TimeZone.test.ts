import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LocalDate } from '../../src/domain/calendar/LocalDate.js';
import { LocalTime, TimeZone } from '../../src/domain/calendar/TimeZone.js';

/** Zones with whole-hour, half-hour (Lord Howe: a 30-minute change) and quarter-hour offsets, both hemispheres. */
const ZONES = ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'UTC'] as const;

/** The wall clock as Intl formats it, read field by field: the reference the zone's remembered offsets must match. */
function intlWallClock(zone: string, instant: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(instant);
  const f = Object.fromEntries(parts.map((p) => [p.type, p.value]));
  return `${f.year}-${f.month}-${f.day} ${f.hour}:${f.minute}:${f.second}`;
}

function wallClockText(zone: TimeZone, instant: Date): string {
  const { date, minutes, seconds } = zone.wallClock(instant);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.year}-${pad(date.month)}-${pad(date.day)} ${pad(Math.trunc(minutes / 60))}:${pad(minutes % 60)}:${pad(Math.trunc(seconds))}`;
}

describe('TimeZone', () => {
  describe('.wallClock', () => {
    describe('for any instant between 1990 and 2060, asked in any order', () => {
      it('should read the clocks exactly as Intl does, remembered hours and hours with a change alike', () => {
        fc.assert(
          fc.property(fc.constantFrom(...ZONES), fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) }), (id, t) => {
            const instant = new Date(t);
            expect(wallClockText(TimeZone.of(id), instant)).toBe(intlWallClock(id, instant));
          }),
          { numRuns: 3000 },
        );
      });
    });

    describe('when Lord Howe Island moves its clocks back half an hour (02:00 to 01:30, 2026-04-05)', () => {
      it('should read each minute of that hour on the right side of the change', () => {
        const zone = TimeZone.of('Australia/Lord_Howe');
        const change = Date.UTC(2026, 3, 4, 15, 0); // 02:00 daylight time (+11:00) is 15:00 UTC
        for (let minute = -30; minute <= 90; minute += 5) {
          const instant = new Date(change + minute * 60_000);
          expect(wallClockText(zone, instant)).toBe(intlWallClock('Australia/Lord_Howe', instant));
        }
      });
    });
  });

  describe('.instantAt', () => {
    describe('when New York springs forward (2026-03-08, 02:00 to 03:00)', () => {
      it('should put a skipped time the same minutes after the change, and keep an ordinary one', () => {
        const zone = TimeZone.of('America/New_York');
        expect(zone.instantAt(LocalDate.of(2026, 3, 8), LocalTime.parse('02:30')).toISOString()).toBe('2026-03-08T07:30:00.000Z');
        expect(zone.instantAt(LocalDate.of(2026, 3, 8), LocalTime.parse('09:00')).toISOString()).toBe('2026-03-08T13:00:00.000Z');
      });
    });
  });
});
