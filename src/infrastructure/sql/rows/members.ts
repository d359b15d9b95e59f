import type { ManualBlock } from '../../../domain/members/ManualBlock.js';
import type { ContactChannel, MemberPlan, MemberPrimitives, MemberStatus, MemberType } from '../../../domain/members/Member.js';
import type { SqlRow } from '../SqlDriver.js';
import { type Columns, int, iso, json, text, textOrNull, texts } from './values.js';

/** Row ⇄ primitives for a member (`members`). */

export const memberRow = {
  columns: (m: MemberPrimitives): Columns => ({
    name: m.name,
    type: m.type,
    plan: m.plan,
    status: m.status,
    block_reason: m.blockReason,
    email: m.contact.email ?? null,
    phone: m.contact.phone ?? null,
    contact_channels: m.contact.channels ?? null,
    manual_blocks: JSON.stringify(m.manualBlocks ?? []),
    claims_returned_count: m.claimsReturnedCount ?? 0,
    card_expires_at: m.cardExpiresAt ?? null,
  }),
  read: (r: SqlRow): MemberPrimitives => ({
    id: text(r.id),
    name: text(r.name),
    type: r.type as MemberType,
    plan: r.plan as MemberPlan,
    status: r.status as MemberStatus,
    blockReason: textOrNull(r.block_reason),
    contact: {
      ...(r.email === null ? {} : { email: text(r.email) }),
      ...(r.phone === null ? {} : { phone: text(r.phone) }),
      ...(r.contact_channels === null ? {} : { channels: texts(r.contact_channels) as ContactChannel[] }),
    },
    manualBlocks: json(r.manual_blocks) as ManualBlock[],
    claimsReturnedCount: int(r.claims_returned_count),
    cardExpiresAt: r.card_expires_at === null || r.card_expires_at === undefined ? null : iso(r.card_expires_at),
  }),
};
