import { AuthError } from '../../../application/auth/AuthError.js';
import { HttpError } from '../errors/HttpError.js';
import { ANONYMOUS, scopeIncludes, type Principal, type StaffScope } from './Principal.js';
import type { SessionTokens } from './SessionTokens.js';
import { StaffTokens } from './StaffTokens.js';

/**
 * Who may call a route:
 * - `public`: anyone;
 * - `staff`: a staff token with at least this scope;
 * - `staff` + `members: 'own-account'`: also a signed-in member, but only on their own account
 *   (the route says how to find the account a request touches).
 */
export type Access = { readonly public: true } | { readonly staff: StaffScope; readonly members?: 'own-account' };

/** Reads `Authorization: Bearer …` into a principal; a presented but invalid credential is refused, never downgraded. */
export class Authenticator {
  constructor(
    private readonly staff: StaffTokens,
    private readonly sessions: SessionTokens,
  ) {}

  async principalOf(authorization: string | undefined): Promise<Principal> {
    if (authorization === undefined || authorization === '') return ANONYMOUS;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const token = match?.[1];
    if (!token) throw new AuthError('UNAUTHENTICATED', 'use Authorization: Bearer <staff token or session token>');
    if (StaffTokens.looksLikeStaffToken(token)) {
      const principal = await this.staff.authenticate(token);
      if (!principal) throw new AuthError('UNAUTHENTICATED', 'staff token is unknown or revoked');
      return principal;
    }
    const memberId = await this.sessions.verify(token);
    if (memberId === null) throw new AuthError('UNAUTHENTICATED', 'session token is invalid or expired');
    return { kind: 'member', memberId };
  }

  /**
   * Decides a call. `accountOf` names the member account the request touches (null: none or not
   * theirs to know); it is consulted only for members.
   */
  static async authorize(principal: Principal, access: Access, accountOf: () => Promise<string | null>): Promise<void> {
    if ('public' in access) return;
    switch (principal.kind) {
      case 'anonymous':
        throw new AuthError('UNAUTHENTICATED', 'sign in with a staff token or a member card and PIN');
      case 'staff':
        if (scopeIncludes(principal.scope, access.staff)) return;
        throw new HttpError('FORBIDDEN', `this needs the ${access.staff} scope; the token has ${principal.scope}`);
      case 'member': {
        if (access.members !== 'own-account') throw new HttpError('FORBIDDEN', 'members cannot do this; ask at the counter');
        const account = await accountOf();
        if (account !== principal.memberId) throw new HttpError('FORBIDDEN', 'members can act only on their own account');
        return;
      }
    }
  }
}
