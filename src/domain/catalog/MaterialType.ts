/**
 * What a catalogue record describes, as a library shelves and lends it. A record's material type is what circulation
 * rules may match as its item type, and a search facet (`materialTypes`); distinct from the formats a title can be
 * lent in (PRINT and the digital formats).
 */
export const MATERIAL_TYPES = [
  'BOOK',
  'LARGE_PRINT',
  'EBOOK',
  'AUDIOBOOK',
  'MUSIC',
  'DVD',
  'VIDEO',
  'SERIAL',
  'MAP',
  'SCORE',
  'COMPUTER_FILE',
  'KIT',
  'MANUSCRIPT',
  'OTHER',
] as const;
export type MaterialType = (typeof MATERIAL_TYPES)[number];

export function isMaterialType(value: unknown): value is MaterialType {
  return typeof value === 'string' && (MATERIAL_TYPES as readonly string[]).includes(value);
}
