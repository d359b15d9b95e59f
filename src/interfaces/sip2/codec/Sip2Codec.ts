import { Sip2Error } from '../Sip2Error.js';
import { isCommand, LAYOUTS, type Command } from './layouts.js';

/** One SIP2 message without its error-detection trailer: the command, its fixed fields by name, then the variable fields in order. */
export interface Sip2Message {
  readonly command: Command;
  readonly fixed: Readonly<Record<string, string>>;
  readonly fields: readonly (readonly [string, string])[];
}

const DELIMITER = '|';
const FIELD_ID = /^[A-Z]{2}$/;
/** What a variable field may not carry: the field delimiter and the message terminator. */
const FORBIDDEN = /[|\r\n]/g;

/** The first value of a variable field, or undefined. */
export function fieldOf(message: Sip2Message, id: string): string | undefined {
  return message.fields.find(([fid]) => fid === id)?.[1];
}

/** Every value of a repeatable variable field (AS, AU, BM, …), in order. */
export function fieldsOf(message: Sip2Message, id: string): string[] {
  return message.fields.filter(([fid]) => fid === id).map(([, value]) => value);
}

/** Reads a message body (no terminator, no AY/AZ trailer) by its command's fixed-field layout. */
export function parseMessage(body: string): Sip2Message {
  const command = body.slice(0, 2);
  if (!isCommand(command)) throw new Sip2Error('UNKNOWN_COMMAND', `unknown command "${command}"`, { command });
  const layout = LAYOUTS[command];
  const fixed: Record<string, string> = {};
  let at = 2;
  for (const { name, length } of layout.fixed) {
    const value = body.slice(at, at + length);
    if (value.length !== length) throw new Sip2Error('MALFORMED_MESSAGE', `${layout.name}: fixed field ${name} is cut short`, { command, field: name });
    if (value.includes(DELIMITER)) throw new Sip2Error('MALFORMED_MESSAGE', `${layout.name}: fixed field ${name} holds a delimiter`, { command, field: name });
    fixed[name] = value;
    at += length;
  }
  const fields: [string, string][] = [];
  const rest = body.slice(at);
  if (rest.length > 0) {
    const parts = rest.split(DELIMITER);
    if (parts.at(-1) === '') parts.pop();
    for (const part of parts) {
      const id = part.slice(0, 2);
      if (!FIELD_ID.test(id)) throw new Sip2Error('MALFORMED_MESSAGE', `${layout.name}: "${part.slice(0, 10)}" is not a field`, { command });
      fields.push([id, part.slice(2)]);
    }
  }
  return { command, fixed, fields };
}

/** Writes a message body by its layout; every variable field ends with `|`. A delimiter or line break inside a value becomes a space. */
export function formatMessage(message: Sip2Message): string {
  const layout = LAYOUTS[message.command];
  let out: string = message.command;
  for (const { name, length } of layout.fixed) {
    const value = message.fixed[name];
    if (value?.length !== length || value.includes(DELIMITER)) {
      throw new Sip2Error('MALFORMED_MESSAGE', `${layout.name}: fixed field ${name} must be ${length} characters`, { command: message.command, field: name });
    }
    out += value;
  }
  for (const [id, value] of message.fields) {
    if (!FIELD_ID.test(id)) throw new Sip2Error('MALFORMED_MESSAGE', `${layout.name}: "${id}" is not a field id`, { command: message.command });
    out += id + value.replace(FORBIDDEN, ' ') + DELIMITER;
  }
  return out;
}

/** Y or N, as the protocol's one-character flags. */
export function flag(value: boolean): 'Y' | 'N' {
  return value ? 'Y' : 'N';
}

/** A count in a fixed field of `width` digits (capped at the largest it can show). */
export function count(value: number, width = 4): string {
  return String(Math.min(value, 10 ** width - 1)).padStart(width, '0');
}
