import { ConfigError } from '../../../composition/config/ConfigError.js';
import { StaffTokens } from '../../http/auth/StaffTokens.js';
import type { ShelfmarkServer } from '../../http/createServer.js';

/**
 * The admin token preset in SHELFMARK_ADMIN_TOKEN (undefined when unset), read at start before anything is opened: a
 * malformed or weak one (short, patterned, low-entropy) stops the start with the reason, like any configuration error.
 */
export function presetAdminToken(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const preset = env.SHELFMARK_ADMIN_TOKEN;
  if (preset === undefined || preset === '') return undefined;
  const problem = StaffTokens.presetProblem(preset);
  if (problem !== null) throw new ConfigError('CONFIG_INVALID', `SHELFMARK_ADMIN_TOKEN: ${problem}`, { variable: 'SHELFMARK_ADMIN_TOKEN' });
  return preset;
}


/**
 * The first admin token of a library: issued only when the credential store holds no live admin token
 * (a restart on the same database issues nothing), or the one preset in SHELFMARK_ADMIN_TOKEN when the
 * store does not know it yet. Returns the token to show once, or null when nothing new was issued.
 */
export async function bootstrapAdmin(server: ShelfmarkServer, preset: string | undefined): Promise<{ readonly token: string; readonly shown: boolean } | null> {
  const tokens = await server.staffTokens.list();
  if (preset !== undefined && preset !== '') {
    const presetId = /^smk_([0-9a-f]+)_/.exec(preset)?.[1];
    if (tokens.some((t) => t.tokenId === presetId && t.revokedAt === null)) return null;
    return { token: (await server.staffTokens.issue('bootstrap admin', 'admin', preset)).token, shown: false };
  }
  if (tokens.some((t) => t.scope === 'admin' && t.revokedAt === null)) return null;
  return { token: (await server.staffTokens.issue('bootstrap admin', 'admin')).token, shown: true };
}
