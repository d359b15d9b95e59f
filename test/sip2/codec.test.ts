import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checksum, readFrame, resendRequest, writeFrame } from '../../src/interfaces/sip2/codec/frame.js';
import { LAYOUTS, type Command } from '../../src/interfaces/sip2/codec/layouts.js';
import { formatMessage, parseMessage, type Sip2Message } from '../../src/interfaces/sip2/codec/Sip2Codec.js';
import { SipDates } from '../../src/interfaces/sip2/codec/sipDate.js';
import { Sip2Error } from '../../src/interfaces/sip2/Sip2Error.js';

const SEED = 0x5192;
const printable = fc.string({ unit: fc.constantFrom(...' !"#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_abcxyz{}~'.split('')) });
/** A value a variable field may carry: anything but the delimiter and line breaks, including non-ASCII text. */
const fieldValue = fc.string({ unit: 'grapheme', maxLength: 30 }).map((s) => s.replace(/[|\r\n]/g, ''));
const letter = fc.integer({ min: 0x41, max: 0x5a }).map((c) => String.fromCharCode(c));
const fieldId = fc.tuple(letter, letter).map(([a, b]) => a + b);

function messageOf(command: Command): fc.Arbitrary<Sip2Message> {
  const fixed = fc.record(Object.fromEntries(LAYOUTS[command].fixed.map(({ name, length }) => [name, printable.map((s) => s.padEnd(length, ' ').slice(0, length))])));
  return fc.record({ command: fc.constant(command), fixed, fields: fc.array(fc.tuple(fieldId, fieldValue), { maxLength: 8 }) });
}

describe('Sip2Codec', () => {
  describe.each(Object.keys(LAYOUTS) as Command[])('message %s', (command) => {
    it('should read back what it writes (parse ∘ format = id)', () => {
      fc.assert(
        fc.property(messageOf(command), (message) => {
          expect(parseMessage(formatMessage(message))).toEqual(message);
        }),
        { seed: SEED, numRuns: 150 },
      );
    });

    it('should survive the wire: framed with error detection, in UTF-8 and Latin-1', () => {
      fc.assert(
        fc.property(messageOf(command), fc.constantFrom('utf8' as const, 'latin1' as const), fc.constantFrom(...'0123456789'.split('')), (message, encoding, sequence) => {
          const latin = { ...message, fields: message.fields.map(([id, v]) => [id, encoding === 'latin1' ? v.replace(/[^\x20-\xff]/g, '') : v] as const) };
          const bytes = writeFrame(formatMessage(latin), { sequence }, encoding);
          expect(bytes.at(-1)).toBe(0x0d);
          const frame = readFrame(bytes.subarray(0, -1), encoding);
          expect(frame.errorDetection).toEqual({ sequence });
          expect(parseMessage(frame.body)).toEqual(latin);
        }),
        { seed: SEED, numRuns: 100 },
      );
    });
  });

  describe('.parseMessage', () => {
    describe('when the fixed part is cut short', () => {
      it('should throw MALFORMED_MESSAGE', () => {
        expect(() => parseMessage('11NN2026')).toThrow(expect.objectContaining({ code: 'MALFORMED_MESSAGE' }));
      });
    });

    describe('when a variable field has no two-letter identifier', () => {
      it('should throw MALFORMED_MESSAGE', () => {
        expect(() => parseMessage('1720260907    090000AOmain|x|')).toThrow(expect.objectContaining({ code: 'MALFORMED_MESSAGE' }));
      });
    });

    describe('when the command is unknown', () => {
      it('should throw UNKNOWN_COMMAND', () => {
        expect(() => parseMessage('XX')).toThrow(Sip2Error);
        expect(() => parseMessage('XX')).toThrow(expect.objectContaining({ code: 'UNKNOWN_COMMAND' }));
      });
    });

    describe('when the last field has no delimiter', () => {
      it('should read it all the same', () => {
        expect(parseMessage('1720260907    090000AOmain|ABC-1').fields).toEqual([['AO', 'main'], ['AB', 'C-1']]);
      });
    });
  });

  describe('.formatMessage', () => {
    it('should refuse a fixed field of the wrong length', () => {
      expect(() => formatMessage({ command: '94', fixed: { ok: '10' }, fields: [] })).toThrow(expect.objectContaining({ code: 'MALFORMED_MESSAGE' }));
    });

    it('should turn a delimiter inside a value into a space', () => {
      expect(formatMessage({ command: '94', fixed: { ok: '1' }, fields: [['AF', 'a|b']] })).toBe('941AFa b|');
    });
  });
});

describe('checksum', () => {
  it.each([
    // the specification's and peers' own examples: Request SC Resend and Request ACS Resend with error detection
    ['96AZ', 'FEF6'],
    ['97AZ', 'FEF5'],
    // messages as other SIP2 clients' own test suites write them (Ruby and Java clients)
    ['9300CNuser_name|COpw0rd|AY1AZ', 'F607'],
    ['3520130514    132223AOinstitutionId|AApatronId|AY1AZ', 'F033'],
  ])('should sum %s to %s', (text, expected) => {
    expect(checksum(Buffer.from(text, 'latin1'))).toBe(expected);
  });

  it('should make every framed message add up to zero (mod 2^16)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const sum = [...bytes, ...Buffer.from('AZ')].reduce((a, b) => a + b, 0) + Number.parseInt(checksum(Buffer.concat([bytes, Buffer.from('AZ')])), 16);
        expect(sum % 0x10000).toBe(0);
      }),
      { seed: SEED },
    );
  });
});

describe('readFrame', () => {
  describe('when another client framed the message', () => {
    it('should verify its checksum and read its fields', () => {
      const frame = readFrame(Buffer.from('3520130514    132223AOinstitutionId|AApatronId|AY1AZF033'), 'utf8');
      expect(frame.errorDetection).toEqual({ sequence: '1' });
      expect(parseMessage(frame.body)).toEqual({ command: '35', fixed: { transactionDate: '20130514    132223' }, fields: [['AO', 'institutionId'], ['AA', 'patronId']] });
    });
  });

  describe('when the checksum does not match', () => {
    it('should throw CHECKSUM_MISMATCH', () => {
      expect(() => readFrame(Buffer.from('9300CNkiosk|COkiosk|AY1AZ0000'), 'utf8')).toThrow(expect.objectContaining({ code: 'CHECKSUM_MISMATCH' }));
    });
  });

  describe('when the message carries no checksum', () => {
    it('should read it without error detection', () => {
      expect(readFrame(Buffer.from('9300CNkiosk|COkiosk|'), 'utf8')).toEqual({ body: '9300CNkiosk|COkiosk|', errorDetection: null });
    });
  });

  it('should ignore a line feed some kiosks send after the terminator', () => {
    expect(readFrame(Buffer.from('\n9300CNkiosk|'), 'utf8').body).toBe('9300CNkiosk|');
  });
});

describe('resendRequest', () => {
  it('should be 96 with its checksum when error detection is on', () => {
    expect(resendRequest(true, 'utf8').toString('latin1')).toBe('96AZFEF6\r');
    expect(resendRequest(false, 'utf8').toString('latin1')).toBe('96\r');
  });
});

describe(SipDates, () => {
  describe.each(['UTC', 'Asia/Kolkata', 'Europe/Paris', 'America/New_York'])('in %s', (zone) => {
    const dates = new SipDates(zone);

    it('should read back every whole-second instant it writes', () => {
      fc.assert(
        fc.property(fc.integer({ min: Date.UTC(2000, 0, 1) / 1000, max: Date.UTC(2099, 0, 1) / 1000 }), (seconds) => {
          const instant = new Date(seconds * 1000);
          const text = dates.toSip(instant);
          expect(text).toMatch(/^\d{8} {4}\d{6}$/);
          // an hour that a DST change shows twice reads back as one of the two instants
          expect(Math.abs(dates.fromSip(text).getTime() - instant.getTime()) % 3_600_000).toBe(0);
        }),
        { seed: SEED, numRuns: 300 },
      );
    });
  });

  it('should write the branch’s wall clock with a blank zone', () => {
    expect(new SipDates('Asia/Kolkata').toSip(new Date('2026-09-07T09:00:00Z'))).toBe('20260907    143000');
  });

  it('should read a date whose zone ends in Z as universal time', () => {
    expect(new SipDates('Asia/Kolkata').fromSip('20260907   Z090000').toISOString()).toBe('2026-09-07T09:00:00.000Z');
  });

  it('should refuse text that is not a SIP date', () => {
    expect(() => new SipDates('UTC').fromSip('2026-09-07')).toThrow(expect.objectContaining({ code: 'MALFORMED_MESSAGE' }));
  });
});
