import { MarcRecord, type MarcField } from '@natlibfi/marc-record';
import { decodeMarc8 } from './marc8.js';
import { MarcError } from './MarcError.js';

const RECORD_TERMINATOR = 0x1d;
const FIELD_TERMINATOR = 0x1e;
const SUBFIELD_DELIMITER = '\x1f';
const DIGITS5 = /^\d{5}$/;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** One record's bytes as framed from a file, and where it starts (1-based record number, byte offset). */
export interface FramedRecord {
  readonly position: number;
  readonly offset: number;
  readonly bytes: Buffer;
}

/**
 * Frames ISO 2709 records from a byte stream at each record terminator (0x1D), holding one record at a time: memory
 * stays flat whatever the file's size. Bytes left after the last terminator are a record cut short (TRUNCATED_RECORD
 * when it is parsed).
 */
export async function* frameIso2709(chunks: AsyncIterable<Buffer>): AsyncGenerator<FramedRecord> {
  let carry: Buffer = Buffer.alloc(0);
  let position = 0;
  let offset = 0;
  for await (const chunk of chunks) {
    let data = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
    let end = data.indexOf(RECORD_TERMINATOR);
    while (end >= 0) {
      const bytes = data.subarray(0, end + 1);
      if (bytes.some((b) => b > 0x20)) yield { position: ++position, offset, bytes };
      offset += end + 1;
      data = data.subarray(end + 1);
      end = data.indexOf(RECORD_TERMINATOR);
    }
    carry = Buffer.from(data);
  }
  if (carry.some((b) => b > 0x20)) yield { position: ++position, offset, bytes: carry };
}

/** The text of a field's bytes, in the record's encoding (leader/09: `a` UTF-8, blank MARC-8). */
function decoder(leader: string): (bytes: Uint8Array, tag: string) => string {
  const scheme = leader.charAt(9);
  if (scheme === 'a') {
    return (bytes, tag) => {
      try {
        return UTF8.decode(bytes);
      } catch {
        throw new MarcError('INVALID_UTF8', `field ${tag} is not valid UTF-8 (leader/09 says UTF-8)`, { tag });
      }
    };
  }
  if (scheme === ' ') return (bytes) => decodeMarc8(bytes);
  throw new MarcError('BAD_LEADER', `leader/09 is "${scheme}": neither "a" (UTF-8) nor blank (MARC-8)`);
}

/**
 * Reads one ISO 2709 record, checking what a half-written or corrupt record breaks: the leader (24 characters, record
 * length and base address as digits), the record length against the bytes there, the directory (whole 12-character
 * entries of digits, each field inside the record and ending with a field terminator) and the encoding. Any fault
 * throws a MarcError and gives no record: never half of one.
 */
export function parseIso2709(bytes: Buffer): MarcRecord {
  if (bytes.length < 24) throw new MarcError('TRUNCATED_RECORD', `${bytes.length} bytes: shorter than a leader`);
  const leader = bytes.toString('latin1', 0, 24);
  const length = leader.slice(0, 5);
  const base = leader.slice(12, 17);
  if (!DIGITS5.test(length) || !DIGITS5.test(base) || leader.slice(20, 22) !== '45') {
    throw new MarcError('BAD_LEADER', `leader "${leader.replace(/[^\x20-\x7e]/g, '?')}" has no record length, base address or entry map`);
  }
  if (bytes[bytes.length - 1] !== RECORD_TERMINATOR || Number(length) > bytes.length) {
    throw new MarcError('TRUNCATED_RECORD', `the leader says ${Number(length)} bytes, the record has ${bytes.length}${bytes[bytes.length - 1] === RECORD_TERMINATOR ? '' : ' and no terminator'}`);
  }
  if (Number(length) !== bytes.length) throw new MarcError('BAD_LEADER', `the leader says ${Number(length)} bytes, the record has ${bytes.length}`);
  const baseAddress = Number(base);
  const directory = bytes.toString('latin1', 24, baseAddress - 1);
  if (baseAddress > bytes.length || bytes[baseAddress - 1] !== FIELD_TERMINATOR || directory.length % 12 !== 0 || !/^\d*$/.test(directory)) {
    throw new MarcError('BAD_DIRECTORY', 'the directory is not whole 12-digit entries ending at the base address');
  }
  const decode = decoder(leader);
  const fields: MarcField[] = [];
  for (let at = 0; at < directory.length; at += 12) {
    const tag = directory.slice(at, at + 3);
    const fieldLength = Number(directory.slice(at + 3, at + 7));
    const start = baseAddress + Number(directory.slice(at + 7, at + 12));
    if (fieldLength < 1 || start + fieldLength > bytes.length - 1 || bytes[start + fieldLength - 1] !== FIELD_TERMINATOR) {
      throw new MarcError('BAD_DIRECTORY', `field ${tag} lies outside the record or does not end with a field terminator`, { tag });
    }
    const text = decode(bytes.subarray(start, start + fieldLength - 1), tag);
    fields.push(tag < '010' ? { tag, value: text } : dataField(tag, text));
  }
  return recordOf(leader, fields);
}

/**
 * A record of the MARC library's class from fields already checked here. Built empty and filled, since the class's
 * own JSON-schema validation on construction costs more than everything else an import does per record.
 */
export function recordOf(leader: string, fields: MarcField[]): MarcRecord {
  const record = new MarcRecord();
  record.leader = leader;
  record.fields = fields;
  return record;
}

function dataField(tag: string, text: string): MarcField {
  const [indicators = '', ...parts] = text.split(SUBFIELD_DELIMITER);
  if (indicators.length !== 2) throw new MarcError('BAD_DIRECTORY', `field ${tag} has no two indicators`, { tag });
  return {
    tag,
    ind1: indicators.charAt(0),
    ind2: indicators.charAt(1),
    subfields: parts.filter((p) => p.length > 0).map((p) => ({ code: p.charAt(0), value: p.slice(1) })),
  };
}

/**
 * Writes a record as ISO 2709 in UTF-8 (leader/09 `a`), lengths and addresses counted in bytes. `encode` turns a
 * field's text into bytes: UTF-8 unless given (tests write MARC-8 through it, with leader/09 set blank).
 */
export function writeIso2709(record: MarcRecord, encode: (text: string) => Buffer = (t) => Buffer.from(t, 'utf8'), scheme = 'a'): Buffer {
  const bodies = record.fields.map((f) =>
    Buffer.concat([
      encode('value' in f ? f.value : `${f.ind1}${f.ind2}${f.subfields.map((s) => `${SUBFIELD_DELIMITER}${s.code}${s.value ?? ''}`).join('')}`),
      Buffer.from([FIELD_TERMINATOR]),
    ]),
  );
  let offset = 0;
  const directory = record.fields
    .map((f, i) => {
      const size = bodies[i]?.length ?? 0;
      const entry = `${f.tag}${String(size).padStart(4, '0')}${String(offset).padStart(5, '0')}`;
      offset += size;
      return entry;
    })
    .join('');
  const baseAddress = 24 + directory.length + 1;
  const total = baseAddress + offset + 1;
  const old = record.leader.padEnd(24, ' ');
  const leader = `${String(total).padStart(5, '0')}${old.slice(5, 9)}${scheme}22${String(baseAddress).padStart(5, '0')}${old.slice(17, 20)}4500`;
  return Buffer.concat([Buffer.from(leader + directory, 'latin1'), Buffer.from([FIELD_TERMINATOR]), ...bodies, Buffer.from([RECORD_TERMINATOR])]);
}
