import { inject, injectable } from 'inversify';
import { RecordId } from '../domain/catalog/RecordId.js';
import { requireId, requirePositiveInteger } from '../domain/shared/guards.js';
import { ValidationError } from '../domain/shared/ShelfmarkError.js';
import type { AuditEntry, Store } from './ports/Store.js';
import { TOKENS } from './tokens.js';

export interface AuditFilter {
  readonly memberId?: string;
  readonly barcode?: string;
  /** The title: its ISBN (10 or 13 digits, hyphens allowed), or its record id when it has none (read by `RecordId.key`). */
  readonly isbn?: string;
  /** Entries at or after this instant. */
  readonly from?: Date | string;
  /** Entries before this instant. */
  readonly to?: Date | string;
  readonly limit?: number;
}

/**
 * The audit trail (every checkout, return and fine event is logged): one entry per committed
 * domain event — checkouts, returns, renewals, holds, fines, payments and the rest — with who did it
 * and when. Entries are written only inside the commit that made the change; this API reads them and
 * has no way to edit or delete one.
 */
@injectable()
export class AuditLog {
  constructor(@inject(TOKENS.Store) private readonly store: Store) {}

  async query(filter: AuditFilter = {}): Promise<readonly AuditEntry[]> {
    const entries = await this.store.audit.query({
      ...(filter.memberId === undefined ? {} : { memberId: requireId(filter.memberId, 'memberId') }),
      ...(filter.barcode === undefined ? {} : { barcode: requireId(filter.barcode, 'barcode') }),
      ...(filter.isbn === undefined ? {} : { isbn: RecordId.key(filter.isbn) }),
      ...(filter.from === undefined ? {} : { from: instant(filter.from, 'from') }),
      ...(filter.to === undefined ? {} : { to: instant(filter.to, 'to') }),
      ...(filter.limit === undefined ? {} : { limit: requirePositiveInteger(filter.limit, 'limit') }),
    });
    return Object.freeze(entries.map((e) => Object.freeze({ ...e, data: Object.freeze({ ...e.data }) })));
  }
}

function instant(value: Date | string, field: string): string {
  const t = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(t)) throw new ValidationError(`${field} must be a valid instant`, { field });
  return new Date(t).toISOString();
}
