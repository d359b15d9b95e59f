import { describe, expect, it } from 'vitest';
import { LAYOUTS, REQUEST_LAYOUTS, RESPONSE_LAYOUTS, type Command } from '../../src/interfaces/sip2/codec/layouts.js';

/**
 * The fixed-length fields of each message, in order, as the 3M Standard Interchange Protocol 2.00 specification
 * lays them out ("Command Messages to the ACS", "Response Messages from the ACS"): the field's name there and its
 * length in characters. Typed in from the specification, not derived from the code.
 */
const SPECIFICATION: Record<Command, readonly (readonly [string, number])[]> = {
  '93': [['UID algorithm', 1], ['PWD algorithm', 1]],
  '94': [['ok', 1]],
  '99': [['status code', 1], ['max print width', 3], ['protocol version', 4]],
  '98': [
    ['on-line status', 1], ['checkin ok', 1], ['checkout ok', 1], ['ACS renewal policy', 1], ['status update ok', 1], ['off-line ok', 1],
    ['timeout period', 3], ['retries allowed', 3], ['date / time sync', 18], ['protocol version', 4],
  ],
  '97': [],
  '96': [],
  '23': [['language', 3], ['transaction date', 18]],
  '24': [['patron status', 14], ['language', 3], ['transaction date', 18]],
  '63': [['language', 3], ['transaction date', 18], ['summary', 10]],
  '64': [
    ['patron status', 14], ['language', 3], ['transaction date', 18], ['hold items count', 4], ['overdue items count', 4],
    ['charged items count', 4], ['fine items count', 4], ['recall items count', 4], ['unavailable holds count', 4],
  ],
  '11': [['SC renewal policy', 1], ['no block', 1], ['transaction date', 18], ['nb due date', 18]],
  '12': [['ok', 1], ['renewal ok', 1], ['magnetic media', 1], ['desensitize', 1], ['transaction date', 18]],
  '09': [['no block', 1], ['transaction date', 18], ['return date', 18]],
  '10': [['ok', 1], ['resensitize', 1], ['magnetic media', 1], ['alert', 1], ['transaction date', 18]],
  '29': [['third party allowed', 1], ['no block', 1], ['transaction date', 18], ['nb due date', 18]],
  '30': [['ok', 1], ['renewal ok', 1], ['magnetic media', 1], ['desensitize', 1], ['transaction date', 18]],
  '65': [['transaction date', 18]],
  '66': [['ok', 1], ['renewed count', 4], ['unrenewed count', 4], ['transaction date', 18]],
  '17': [['transaction date', 18]],
  '18': [['circulation status', 2], ['security marker', 2], ['fee type', 2], ['transaction date', 18]],
  '37': [['transaction date', 18], ['fee type', 2], ['payment type', 2], ['currency type', 3]],
  '38': [['payment accepted', 1], ['transaction date', 18]],
  '01': [['card retained', 1], ['transaction date', 18]],
  '35': [['transaction date', 18]],
  '36': [['end session', 1], ['transaction date', 18]],
};

/** "transaction date" → "transactiondate": the specification's name and the code's camelCase name, compared loosely. */
const squash = (name: string) => name.toLowerCase().replace(/[^a-z]/g, '');

describe('LAYOUTS', () => {
  it('should cover exactly the messages the specification table lists', () => {
    expect(Object.keys(LAYOUTS).sort()).toEqual(Object.keys(SPECIFICATION).sort());
  });

  it('should keep requests and responses apart', () => {
    for (const code of Object.keys(REQUEST_LAYOUTS)) expect(Object.hasOwn(RESPONSE_LAYOUTS, code)).toBe(false);
  });

  describe.each(Object.entries(SPECIFICATION))('message %s', (code, fields) => {
    const layout = LAYOUTS[code as Command];

    it('should have the specification’s fixed-field lengths, in order', () => {
      expect(layout.fixed.map((f) => f.length)).toEqual(fields.map(([, length]) => length));
    });

    it('should name each fixed field as the specification does', () => {
      expect(layout.fixed.map((f) => squash(f.name))).toEqual(fields.map(([name]) => squash(name)));
    });
  });
});
