import { Sip2Error } from '../Sip2Error.js';

/** The wire's character sets: UTF-8 by default, Latin-1 (ISO-8859-1) for kiosks of the code-page era. */
export const SIP2_ENCODINGS = ['utf8', 'latin1'] as const;
export type Sip2Encoding = (typeof SIP2_ENCODINGS)[number];

const A = 0x41;
const Y = 0x59;
const Z = 0x5a;

/** The SIP2 checksum: the 16-bit sum of the bytes, negated, as four upper-case hex digits. */
export function checksum(bytes: Uint8Array): string {
  let sum = 0;
  for (const byte of bytes) sum = (sum + byte) & 0xffff;
  return ((-sum) & 0xffff).toString(16).toUpperCase().padStart(4, '0');
}

/** A message as it arrived: its body, and the sequence number when the kiosk uses error detection. */
export interface Frame {
  readonly body: string;
  /** Present when the message carried a checksum (AZ); the sequence digit (AY) when it carried one too. */
  readonly errorDetection: { readonly sequence: string | null } | null;
}

const hex = /^[0-9A-Fa-f]{4}$/;

/**
 * Reads one message (without its `\r`): a trailing `AZxxxx` (with `AYn` just before it, or alone as in `97AZFEF5`)
 * turns on error detection and must match the checksum of every byte before its four digits.
 */
export function readFrame(raw: Uint8Array, encoding: Sip2Encoding): Frame {
  let bytes = raw;
  while (bytes.length > 0 && (bytes[0] === 0x0a || bytes[0] === 0x00)) bytes = bytes.subarray(1);
  while (bytes.length > 0 && (bytes.at(-1) === 0x0a || bytes.at(-1) === 0x00)) bytes = bytes.subarray(0, -1);
  const n = bytes.length;
  const text = (from: number, to: number) => Buffer.from(bytes.subarray(from, to)).toString(encoding);
  if (n >= 8 && bytes[n - 6] === A && bytes[n - 5] === Z && hex.test(text(n - 4, n))) {
    const expected = text(n - 4, n).toUpperCase();
    if (checksum(bytes.subarray(0, n - 4)) !== expected) throw new Sip2Error('CHECKSUM_MISMATCH', 'the checksum does not match the message', { expected });
    const sequenced = n >= 9 && bytes[n - 9] === A && bytes[n - 8] === Y;
    return { body: text(0, sequenced ? n - 9 : n - 6), errorDetection: { sequence: sequenced ? text(n - 7, n - 6) : null } };
  }
  return { body: text(0, n), errorDetection: null };
}

/** Writes one answer with its `\r`: with `AYn AZxxxx` when the kiosk's message used error detection, else plain. */
export function writeFrame(body: string, errorDetection: Frame['errorDetection'], encoding: Sip2Encoding): Buffer {
  if (!errorDetection) return Buffer.from(`${body}\r`, encoding);
  const head = Buffer.from(`${body}${errorDetection.sequence === null ? '' : `AY${errorDetection.sequence}`}AZ`, encoding);
  return Buffer.concat([head, Buffer.from(`${checksum(head)}\r`, encoding)]);
}

/** Request SC Resend, with a checksum: what a message whose checksum or framing failed is answered with. */
export function resendRequest(errorDetection: boolean, encoding: Sip2Encoding): Buffer {
  return writeFrame('96', errorDetection ? { sequence: null } : null, encoding);
}
