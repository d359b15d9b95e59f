import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../../domain/shared/Clock.js';
import { HttpError } from '../errors/HttpError.js';
import type { CredentialStore, StaffTokenRecord } from '../../../application/ports/CredentialStore.js';
import type { Principal, StaffScope } from './Principal.js';
import { AuthError } from '../../../application/auth/AuthError.js';
import type { SecretHasher } from '../../../application/auth/SecretHasher.js';
import { secretWeakness } from '../../../application/auth/secretStrength.js';

const PREFIX = 'smk_';

export interface IssuedStaffToken {
  readonly tokenId: string;
  readonly label: string;
  readonly scope: StaffScope;
  /** Shown once, at issue; only its scrypt hash is kept. */
  readonly token: string;
  readonly createdAt: string;
}

export type StaffTokenView = Omit<StaffTokenRecord, 'secretHash'>;

type StaffPrincipal = Extract<Principal, { kind: 'staff' }>;

/**
 * Staff API tokens: `smk_<tokenId>_<secret>`. The id finds the record; the secret is checked against
 * its scrypt hash. A verified token is remembered in memory (by SHA-256, never in clear) for
 * `cacheSeconds`, so a busy counter pays the slow hash once, not on every scan.
 */
export class StaffTokens {
  private readonly verified = new Map<string, { readonly principal: StaffPrincipal; readonly until: number }>();

  constructor(
    private readonly store: CredentialStore,
    private readonly hasher: SecretHasher,
    private readonly clock: Clock,
    private readonly cacheSeconds = 60,
  ) {}

  async issue(label: string, scope: StaffScope, presetToken?: string): Promise<IssuedStaffToken> {
    const tokenId = randomBytes(6).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    const token = presetToken ?? `${PREFIX}${tokenId}_${secret}`;
    const problem = presetToken === undefined ? null : StaffTokens.presetProblem(presetToken);
    if (problem !== null) throw new AuthError('UNAUTHENTICATED', `a preset staff token is refused: ${problem}`);
    const parsed = StaffTokens.parse(token);
    if (!parsed) throw new AuthError('UNAUTHENTICATED', 'a staff token must look like smk_<id>_<secret>');
    const createdAt = this.clock.now().toISOString();
    await this.store.saveStaffToken({
      tokenId: parsed.tokenId,
      label,
      scope,
      secretHash: await this.hasher.hash(parsed.secret),
      createdAt,
      revokedAt: null,
    });
    return { tokenId: parsed.tokenId, label, scope, token, createdAt };
  }

  async revoke(tokenId: string): Promise<void> {
    const record = await this.store.staffToken(tokenId);
    if (!record) throw new HttpError('STAFF_TOKEN_NOT_FOUND', `no staff token ${tokenId}`, { tokenId });
    await this.store.saveStaffToken({ ...record, revokedAt: record.revokedAt ?? this.clock.now().toISOString() });
    for (const [key, entry] of this.verified) if (entry.principal.tokenId === tokenId) this.verified.delete(key);
  }

  async list(): Promise<StaffTokenView[]> {
    return (await this.store.staffTokens()).map((r) => ({
      tokenId: r.tokenId,
      label: r.label,
      scope: r.scope,
      createdAt: r.createdAt,
      revokedAt: r.revokedAt,
    }));
  }

  /** Why a token chosen outside (SHELFMARK_ADMIN_TOKEN) may not be issued — its shape, then its strength — or null. */
  static presetProblem(token: string): string | null {
    const parsed = StaffTokens.parse(token);
    if (!parsed) return 'a staff token looks like smk_<hex id>_<secret> (secret: 16–128 of A–Z a–z 0–9 _ -)';
    return secretWeakness(parsed.secret);
  }

  static looksLikeStaffToken(token: string): boolean {
    return token.startsWith(PREFIX);
  }

  /** The staff principal for a presented token, or null when it is unknown, revoked or wrong. */
  async authenticate(token: string): Promise<StaffPrincipal | null> {
    const now = this.clock.now().getTime();
    const key = createHash('sha256').update(token).digest('base64url');
    const cached = this.verified.get(key);
    if (cached && cached.until > now) return cached.principal;
    const parsed = StaffTokens.parse(token);
    if (!parsed) return null;
    const record = await this.store.staffToken(parsed.tokenId);
    if (!record || record.revokedAt !== null) return null;
    if (!(await this.hasher.verify(parsed.secret, record.secretHash))) return null;
    const principal: StaffPrincipal = { kind: 'staff', tokenId: record.tokenId, scope: record.scope, label: record.label };
    this.verified.set(key, { principal, until: now + this.cacheSeconds * 1000 });
    return principal;
  }

  private static parse(token: string): { tokenId: string; secret: string } | null {
    const match = /^smk_([0-9a-f]{4,32})_([A-Za-z0-9_-]{16,128})$/.exec(token);
    return match?.[1] && match[2] ? { tokenId: match[1], secret: match[2] } : null;
  }
}
