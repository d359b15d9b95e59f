import type { ShelfmarkServer } from '../../http/createServer.js';

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
