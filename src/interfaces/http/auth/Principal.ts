/** Staff scopes, each including the ones before it: a librarian can do what the counter can, an admin what a librarian can. */
export const STAFF_SCOPES = ['counter', 'librarian', 'admin'] as const;
export type StaffScope = (typeof STAFF_SCOPES)[number];

export function scopeIncludes(held: StaffScope, needed: StaffScope): boolean {
  return STAFF_SCOPES.indexOf(held) >= STAFF_SCOPES.indexOf(needed);
}

/** Who is calling: a staff terminal holding an API token, a member signed in at a kiosk with card and PIN, or nobody. */
export type Principal =
  | { readonly kind: 'staff'; readonly tokenId: string; readonly scope: StaffScope; readonly label: string }
  | { readonly kind: 'member'; readonly memberId: string }
  | { readonly kind: 'anonymous' };

export const ANONYMOUS: Principal = { kind: 'anonymous' };

/** A stable name for the caller, used to scope idempotency keys. */
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
