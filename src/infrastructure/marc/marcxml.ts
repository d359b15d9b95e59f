import type { MarcRecord } from '@natlibfi/marc-record';
import { MARCXML } from '@natlibfi/marc-record-serializers';
import { MarcError } from './MarcError.js';
import type { FramedRecord } from './iso2709.js';

const UTF8 = new TextDecoder('utf-8', { fatal: true });
/** A record element's start tag, with or without a namespace prefix (`<record>`, `<marc:record …>`), or an empty one (`<record/>`). */
const START = /<([A-Za-z_][\w.-]*:)?record(?:\s[^>]*?)?(\/?)>/;

/**
 * Frames MARCXML records from a byte stream, one `<record>` element at a time (a `<collection>` of any size keeps
 * one record in memory). Each framed record holds the element's bytes, namespace prefix included.
 */
export async function* frameMarcxml(chunks: AsyncIterable<Buffer>): AsyncGenerator<FramedRecord> {
  let carry = '';
  let pendingBytes: Buffer = Buffer.alloc(0);
  let position = 0;
  let offset = 0;
  for await (const chunk of chunks) {
    // Decode on record boundaries only: a multi-byte character split across chunks waits for its other half.
    pendingBytes = pendingBytes.length === 0 ? chunk : Buffer.concat([pendingBytes, chunk]);
    const cut = pendingBytes.lastIndexOf(0x3e); // '>' is ASCII, so never inside a multi-byte character
    if (cut < 0) continue;
    carry += pendingBytes.toString('latin1', 0, cut + 1);
    pendingBytes = Buffer.from(pendingBytes.subarray(cut + 1));
    for (;;) {
      const start = START.exec(carry);
      if (!start) {
        offset += Math.max(0, carry.length - 200);
        carry = carry.slice(-200);
        break;
      }
      const prefix = start[1] ?? '';
      // An empty element (`<record/>`) is a record of its own, refused when read, never the start of the next one.
      const close = start[2] === '/' ? '' : `</${prefix}record>`;
      const end = close === '' ? start.index + start[0].length : carry.indexOf(close, start.index);
      if (end < 0) {
        offset += start.index;
        carry = carry.slice(start.index);
        break;
      }
      const element = carry.slice(start.index, end + close.length);
      yield { position: ++position, offset: offset + start.index, bytes: Buffer.from(element, 'latin1') };
      offset += end + close.length;
      carry = carry.slice(end + close.length);
    }
  }
  const rest = carry + pendingBytes.toString('latin1');
  const start = START.exec(rest);
  if (start) yield { position: ++position, offset: offset + start.index, bytes: Buffer.from(rest.slice(start.index), 'latin1') };
}

/** Reads one MARCXML record element (always UTF-8, read as NFC) through the MARC library's MARCXML reader. */
export async function parseMarcxml(bytes: Buffer): Promise<MarcRecord> {
  let xml: string;
  try {
    xml = UTF8.decode(bytes).normalize('NFC'); // markup is ASCII: only the text changes
  } catch {
    throw new MarcError('INVALID_UTF8', 'the record is not valid UTF-8');
  }
  const prefix = /^<([A-Za-z_][\w.-]*):record/.exec(xml)?.[1];
  // The reader knows elements without a prefix; the namespace is dropped with it.
  const plain = prefix === undefined ? xml : xml.replace(new RegExp(`(</?)${prefix}:`, 'g'), '$1').replace(new RegExp(`\\s+xmlns:${prefix}="[^"]*"`, 'g'), '');
  if (/^<record[^>]*\/>$/.test(plain.trim())) throw new MarcError('MALFORMED_XML', 'an empty record element (no leader, no fields)');
  if (!plain.trimEnd().endsWith('</record>')) throw new MarcError('TRUNCATED_RECORD', 'the record element is not closed');
  try {
    const record = await MARCXML.from(plain, { subfieldValues: false });
    if (record.leader.length !== 24) throw new MarcError('BAD_LEADER', `the leader has ${record.leader.length} characters, not 24`);
    return record;
  } catch (error) {
    if (MarcError.is(error)) throw error;
    throw new MarcError('MALFORMED_XML', `not a MARCXML record: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}

/** One record as a MARCXML `<record>` element (no XML declaration), through the MARC library's writer. */
export function writeMarcxml(record: MarcRecord): string {
  return MARCXML.to(record, { omitDeclaration: true, indent: false });
}
