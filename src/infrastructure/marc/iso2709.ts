import { MarcRecord, type MarcField } from '@natlibfi/marc-record';
import { decodeMarc8 } from './marc8.js';
import { MarcError } from './MarcError.js';

const RECORD_TERMINATOR = 0x1d;
const FIELD_TERMINATOR = 0x1e;
const SUBFIELD_DELIMITER = '\x1f';
const DIGITS5 = /^\d{5}$/;
/** A directory entry: a tag of three letters or digits (local tags such as `CAT` are alphanumeric), length, start. */
const ENTRY = /^[0-9A-Za-z]{3}\d{9}$/;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** One record's bytes as framed from a file, and where it starts (1-based record number, byte offset). */
export interface FramedRecord {
  readonly position: number;
  readonly offset: number;
  readonly bytes: Buffer;
}

/** Bytes some systems write between records (NUL padding, line breaks, blanks, a DOS end-of-file 0x1A): not data. */
const isFiller = (b: number): boolean => b <= 0x20;

/** The frame of `bytes` found at `offset`, without the filler before the record's leader. */
function framed(position: number, offset: number, bytes: Buffer): FramedRecord {
  let skip = 0;
  while (skip < bytes.length && isFiller(bytes[skip] ?? 0)) skip++;
  return { position, offset: offset + skip, bytes: bytes.subarray(skip) };
}

/**
 * Frames ISO 2709 records from a byte stream at each record terminator (0x1D), holding one record at a time: memory
 * stays flat whatever the file's size. Filler bytes before a record (NUL, line breaks, blanks, 0x1A) are dropped.
 * Bytes left after the last terminator are a record cut short (TRUNCATED_RECORD when it is parsed).
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
      if (bytes.some((b) => !isFiller(b))) yield framed(++position, offset, bytes);
      offset += end + 1;
      data = data.subarray(end + 1);
      end = data.indexOf(RECORD_TERMINATOR);
    }
    carry = Buffer.from(data);
  }
  if (carry.some((b) => !isFiller(b))) yield framed(++position, offset, carry);
}

/**
 * How a record's field bytes become text, NFC-normalised (exports often write UTF-8 decomposed, a letter then its
 * mark), by leader/09: `a` UTF-8; blank MARC-8, unless the record's bytes are not MARC-8 at all but UTF-8 (exports
 * that wrote UTF-8 and left leader/09 blank), which are then read as UTF-8.
 */
function decoderOf(leader: string, body: Buffer): (bytes: Uint8Array, tag: string) => string {
  const scheme = leader.charAt(9);
  const utf8 = (bytes: Uint8Array, tag: string): string => {
    try {
      return UTF8.decode(bytes).normalize('NFC');
    } catch {
      throw new MarcError('INVALID_UTF8', `field ${tag} is not valid UTF-8 (leader/09 says UTF-8)`, { tag });
    }
  };
  if (scheme === 'a') return utf8;
  if (scheme !== ' ') throw new MarcError('BAD_LEADER', `leader/09 is "${scheme}": neither "a" (UTF-8) nor blank (MARC-8)`);
  return isUtf8NotMarc8(body) ? (bytes) => UTF8.decode(bytes).normalize('NFC') : (bytes) => decodeMarc8(bytes);
}

/**
 * Whether bytes said to be MARC-8 are UTF-8 instead: they hold a multi-byte UTF-8 sequence, decode as UTF-8, and have
 * no MARC-8 escape (0x1B). A UTF-8 sequence is a lead byte 0xC2-0xF4 and continuation bytes 0x80-0xBF; in MARC-8 the
 * bytes 0x80-0x9F are controls a text never has, so real MARC-8 text is almost never also valid multi-byte UTF-8.
 */
function isUtf8NotMarc8(body: Buffer): boolean {
  if (body.includes(0x1b) || !body.some((b) => b >= 0x80)) return false;
  try {
    UTF8.decode(body);
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads one ISO 2709 record, checking what a half-written or corrupt record breaks: the leader (24 characters, record
 * length and base address as digits), the directory (whole 12-character entries: an alphanumeric tag, then digits;
 * each field inside the record and ending with a field terminator), the record terminator and the encoding. A record
 * length in the leader that differs from the bytes up to the terminator (exports that count characters, not bytes)
 * is accepted when the directory agrees with the bytes. Any fault throws a MarcError and gives no record: never half
 * of one.
 */
export function parseIso2709(bytes: Buffer): MarcRecord {
  if (bytes.length < 24) throw new MarcError('TRUNCATED_RECORD', `${bytes.length} bytes: shorter than a leader`);
  const leader = bytes.toString('latin1', 0, 24);
  const length = leader.slice(0, 5);
  const base = leader.slice(12, 17);
  if (!DIGITS5.test(length) || !DIGITS5.test(base)) {
    throw new MarcError('BAD_LEADER', `leader "${leader.replace(/[^\x20-\x7e]/g, '?')}" has no record length or base address`);
  }
  if (bytes[bytes.length - 1] !== RECORD_TERMINATOR) {
    throw new MarcError('TRUNCATED_RECORD', `the leader says ${Number(length)} bytes, the record has ${bytes.length} and no terminator`);
  }
  const baseAddress = Number(base);
  const directory = bytes.toString('latin1', 24, baseAddress - 1);
  if (baseAddress > bytes.length || bytes[baseAddress - 1] !== FIELD_TERMINATOR || directory.length % 12 !== 0) {
    throw new MarcError('BAD_DIRECTORY', `the directory does not end with a field terminator at its base address (${baseAddress})`);
  }
  const decode = decoderOf(leader, bytes.subarray(baseAddress));
  const fields: MarcField[] = [];
  for (let at = 0; at < directory.length; at += 12) {
    const entry = directory.slice(at, at + 12);
    const tag = entry.slice(0, 3);
    if (!ENTRY.test(entry)) throw new MarcError('BAD_DIRECTORY', `directory entry ${at / 12 + 1} "${entry.replace(/[^\x20-\x7e]/g, '?')}" is not a tag and 9 digits`);
    const fieldLength = Number(entry.slice(3, 7));
    const start = baseAddress + Number(entry.slice(7, 12));
    if (fieldLength < 1 || start + fieldLength > bytes.length - 1 || bytes[start + fieldLength - 1] !== FIELD_TERMINATOR) {
      throw new MarcError('BAD_DIRECTORY', `field ${tag} lies outside the record or does not end with a field terminator`, { tag });
    }
    const text = decodeField(decode, bytes.subarray(start, start + fieldLength - 1), tag);
    if (text === undefined) continue;
    // 001-009 are control fields; so is a local alphanumeric tag (Aleph's FMT) whose text has no subfields.
    const isControl = /^\d+$/.test(tag) ? tag < '010' : !text.includes(SUBFIELD_DELIMITER);
    fields.push(isControl ? { tag, value: text } : dataField(tag, text));
  }
  return recordOf(leader, fields);
}

/**
 * A field's text; undefined for an 880 (the alternate-script form of another field, say a title in Chinese beside its
 * romanisation) that cannot be decoded (bytes that are no character of their set, as OCLC writes an East Asian
 * character it could not map, `{6924f6}`): the catalogue maps the romanised fields, so the record is kept.
 */
function decodeField(decode: (bytes: Uint8Array, tag: string) => string, bytes: Uint8Array, tag: string): string | undefined {
  try {
    return decode(bytes, tag);
  } catch (error) {
    if (tag === '880' && MarcError.is(error) && error.code === 'UNSUPPORTED_ENCODING') return undefined;
    throw error;
  }
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

/**
 * A data field from its text: two indicators, then subfields. Indicators written as `#` (a blank in cataloguers'
 * notation) are blanks; a field whose indicator part is not two characters (a stray character after them, or one
 * missing) keeps its first two, a missing one blank, as other MARC readers do.
 */
function dataField(tag: string, text: string): MarcField {
  const [head = '', ...parts] = text.split(SUBFIELD_DELIMITER);
  const indicators = head.padEnd(2, ' ').replace(/#/g, ' ');
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
