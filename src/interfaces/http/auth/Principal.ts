import type { Actor } from '../../../application/ActorContext.js';
import { STAFF_SCOPES, type StaffScope } from '../../../application/ports/CredentialStore.js';

export { STAFF_SCOPES, type StaffScope };

export function scopeIncludes(held: StaffScope, needed: StaffScope): boolean {
  return STAFF_SCOPES.indexOf(held) >= STAFF_SCOPES.indexOf(needed);
}

/** Who is calling: a staff terminal holding an API token, a member signed in at a kiosk with card and PIN, or nobody. */
export type Principal =
  | { readonly kind: 'staff'; readonly tokenId: string; readonly scope: StaffScope; readonly label: string }
  | { readonly kind: 'member'; readonly memberId: string }
  | { readonly kind: 'anonymous' };

export const ANONYMOUS: Principal = { kind: 'anonymous' };

/** What narrows a use case to the caller's own account: a signed-in member's id, or nothing for staff. */
export function onlyFor(principal: Principal): { memberId?: string } {
  return principal.kind === 'member' ? { memberId: principal.memberId } : {};
}

/** A stable name for the caller, used to scope idempotency keys and to name the actor in the audit log. */
export function principalKey(principal: Principal): string {
  switch (principal.kind) {
    case 'staff':
      return `staff:${principal.tokenId}`;
    case 'member':
      return `member:${principal.memberId}`;
    case 'anonymous':
      return 'anonymous';
  }
}

/** Who the audit log names for a request: `staff:<tokenId>` with the token's label, or `member:<id>` for a kiosk session. */
export function actorOf(principal: Principal): Actor {
  return principal.kind === 'staff' ? { id: principalKey(principal), label: principal.label } : { id: principalKey(principal) };
}
