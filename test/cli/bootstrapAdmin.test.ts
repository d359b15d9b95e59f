import { describe, expect, it } from 'vitest';
import { createServer } from '../../src/interfaces/http/createServer.js';
import { bootstrapAdmin } from '../../src/interfaces/cli/serve/bootstrapAdmin.js';
import { aLibrary } from '../fixtures/library.js';

const PRESET = 'smk_0abc_Xq3vT9mB2kLp7RwZc4Nd8HfJ6sYa1Ue5';

describe('bootstrapAdmin', () => {
  describe('when the credential store has no admin token', () => {
    it('should issue one, to be shown once', async () => {
      const server = await createServer(aLibrary('college').library);
      const admin = await bootstrapAdmin(server, undefined);
      expect(admin?.shown).toBe(true);
      expect((await server.staffTokens.list()).map((t) => t.scope)).toEqual(['admin']);
      await server.close();
    });
  });

  describe('when the store already holds a live admin token (a restart)', () => {
    it('should issue nothing', async () => {
      const server = await createServer(aLibrary('college').library);
      await bootstrapAdmin(server, undefined);
      expect(await bootstrapAdmin(server, undefined)).toBeNull();
      expect(await server.staffTokens.list()).toHaveLength(1);
      await server.close();
    });
  });

  describe('when SHELFMARK_ADMIN_TOKEN presets the token', () => {
    it('should issue that token once, never to be shown, and accept it', async () => {
      const server = await createServer(aLibrary('college').library);
      expect(await bootstrapAdmin(server, PRESET)).toEqual({ token: PRESET, shown: false });
      expect(await bootstrapAdmin(server, PRESET)).toBeNull();
      expect(await server.staffTokens.authenticate(PRESET)).toMatchObject({ scope: 'admin' });
      await server.close();
    });
  });
});
