import type { MarcDataField, MarcRecord } from '@natlibfi/marc-record';
import type { BookItemStatus, ShelvedStatus } from '../../domain/catalog/BookItemStates.js';
import { LOAN_CATEGORIES, type LoanCategory } from '../../domain/catalog/LoanCategory.js';
import { sub } from './subfields.js';

/**
 * What a holdings subfield may say of its copy: a state to shelve it in, that it is for reference only, that the
 * library no longer has it (left out), or that it is out on loan there (shelved, and reported: loans are not imported).
 */
export type CopyCondition = ShelvedStatus | 'REFERENCE' | 'WITHDRAWN' | 'ON_LOAN';

/** A subfield that tells a copy's condition: its values (compared without case), and what any other value says. */
export interface ConditionSubfield {
  readonly code: string;
  readonly values: Readonly<Record<string, CopyCondition>>;
  /** What a value not in `values` says; left out, it says nothing. */
  readonly otherwise?: CopyCondition;
}

/** Where a holdings field keeps a copy's barcode, branch, call number, item type and condition (subfield codes). */
export interface HoldingsLayout {
  readonly tag: string;
  readonly barcode: string;
  /** The copy's branch: the first subfield of this code (Evergreen writes two $b, the owning library first). */
  readonly branch: string;
  /** Subfields joined (with a space) into the call number, the copy's shelf place. */
  readonly callNumber: readonly string[];
  readonly itemType?: string;
  readonly conditions?: readonly ConditionSubfield[];
}

/** One copy a record's holdings describe. */
export interface Holding {
  readonly barcode: string;
  readonly branch: string;
  readonly rack: string;
  readonly loanCategory: LoanCategory;
  /** The state it is shelved in: AVAILABLE, or LOST, MISSING or DAMAGED as the source system had it. */
  readonly status: ShelvedStatus;
}

const NOT_SET = { '': 'AVAILABLE', '0': 'AVAILABLE' } as const;

/**
 * Koha's items (952): $7 not for loan, $0 withdrawn, $1 lost (Koha's LOST values: 1 lost, 2 long overdue, 3 lost and
 * paid for, 4 missing), $4 damaged, anything but 0 setting it; $q the due date of a copy out on loan.
 */
export const KOHA_952: HoldingsLayout = {
  tag: '952',
  barcode: 'p',
  branch: 'a',
  callNumber: ['o'],
  itemType: 'y',
  conditions: [
    { code: '7', values: NOT_SET, otherwise: 'REFERENCE' },
    { code: '0', values: NOT_SET, otherwise: 'WITHDRAWN' },
    { code: '1', values: { ...NOT_SET, '4': 'MISSING' }, otherwise: 'LOST' },
    { code: '4', values: NOT_SET, otherwise: 'DAMAGED' },
    { code: 'q', values: { '': 'AVAILABLE' }, otherwise: 'ON_LOAN' },
  ],
};

/**
 * MARC 21 Holdings 852 as Evergreen's `marc_export --items` writes it: $b the owning library (then the circulating
 * one), call number $k prefix, $h $i (MARC's classification and item parts) or $j (Evergreen's label), $m suffix;
 * $s the copy status by name, $x `reference` or `noncirculating` for a copy that does not go out.
 */
export const HOLDINGS_852: HoldingsLayout = {
  tag: '852',
  barcode: 'p',
  branch: 'b',
  callNumber: ['k', 'h', 'i', 'j', 'm'],
  conditions: [
    {
      code: 's',
      values: { lost: 'LOST', 'long overdue': 'LOST', 'lost and paid': 'LOST', missing: 'MISSING', damaged: 'DAMAGED', 'discard/weed': 'WITHDRAWN', 'checked out': 'ON_LOAN' },
    },
    { code: 'x', values: { reference: 'REFERENCE', noncirculating: 'REFERENCE' } },
  ],
};

/** When several conditions say where a copy stands, the first of these it has wins. */
const PRECEDENCE: readonly ShelvedStatus[] = ['LOST', 'MISSING', 'DAMAGED'];

function conditionsOf(layout: HoldingsLayout, field: MarcDataField): Set<CopyCondition> {
  const said = new Set<CopyCondition>();
  for (const { code, values, otherwise } of layout.conditions ?? []) {
    for (const s of field.subfields) {
      if (s.code !== code) continue;
      const value = (s.value ?? '').trim().toLowerCase();
      const condition = Object.hasOwn(values, value) ? values[value] : otherwise;
      if (condition !== undefined) said.add(condition);
    }
  }
  return said;
}

/**
 * The copies a record's holdings fields describe, in the layouts' order. A field without a barcode is no copy; a
 * withdrawn copy is left out and one out on loan shelved, each with a line in `warnings`.
 */
export function holdingsOf(
  record: MarcRecord,
  layouts: readonly HoldingsLayout[],
  itemTypes: Readonly<Record<string, LoanCategory>>,
  fallback: LoanCategory,
  warnings: string[],
): Holding[] {
  const out: Holding[] = [];
  for (const layout of layouts) {
    for (const field of record.get(layout.tag) as MarcDataField[]) {
      const barcode = sub(field, layout.barcode);
      if (barcode === undefined) continue;
      const said = conditionsOf(layout, field);
      if (said.has('WITHDRAWN')) {
        warnings.push(`copy ${barcode} (${layout.tag}) is withdrawn in the source: not shelved`);
        continue;
      }
      if (said.has('ON_LOAN')) warnings.push(`copy ${barcode} (${layout.tag}) is out on loan in the source: shelved, its loan not imported`);
      const itemType = layout.itemType === undefined ? undefined : sub(field, layout.itemType)?.toUpperCase();
      const mapped = itemType === undefined ? undefined : (itemTypes[itemType] ?? ((LOAN_CATEGORIES as readonly string[]).includes(itemType) ? (itemType as LoanCategory) : undefined));
      out.push({
        barcode,
        branch: sub(field, layout.branch) ?? 'main',
        rack: layout.callNumber.map((code) => sub(field, code)).filter((s) => s !== undefined).join(' ') || '-',
        loanCategory: said.has('REFERENCE') ? 'REFERENCE' : (mapped ?? fallback),
        status: PRECEDENCE.find((status) => said.has(status)) ?? 'AVAILABLE',
      });
    }
  }
  return out;
}

/** What an exported 952 says of a copy's state, in Koha's codes: the conditions `KOHA_952` reads back. */
export const KOHA_STATUS_SUBFIELDS: Readonly<Partial<Record<BookItemStatus, [code: string, value: string]>>> = {
  LOST: ['1', '1'],
  MISSING: ['1', '4'],
  DAMAGED: ['4', '1'],
};
