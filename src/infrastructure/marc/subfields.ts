import type { MarcDataField } from '@natlibfi/marc-record';

/** The first `code` subfield's value, trimmed; undefined when the field or the subfield is missing or blank. */
export const sub = (field: MarcDataField | undefined, code: string): string | undefined => field?.subfields.find((s) => s.code === code)?.value?.trim() || undefined;

/** Every non-blank `code` subfield's value, trimmed, in field order. */
export const subs = (field: MarcDataField, code: string): string[] => field.subfields.flatMap((s) => (s.code === code && s.value?.trim() ? [s.value.trim()] : []));
