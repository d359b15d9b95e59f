import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { InMemoryCredentialStore } from '../../src/infrastructure/memory/InMemoryCredentialStore.js';
import type { StaffScope } from '../../src/interfaces/http/auth/Principal.js';
import type { ScryptCost } from '../../src/application/auth/SecretHasher.js';
import { createServer, type ServerOptions, type ShelfmarkServer } from '../../src/interfaces/http/createServer.js';
import type { PolicyPresetName } from '../../src/domain/policy/presets.js';
import type { LibraryOptions } from '../../src/Library.js';
import { aLibrary, type TestLibrary } from '../fixtures/library.js';

/** Cheap scrypt for tests that are not about hashing cost (hashes carry their own parameters). */
export const TEST_SCRYPT: ScryptCost = { N: 1024, r: 8, p: 1 };
/** A fixed 32-byte session key, so servers built in one test accept each other's sessions. */
export const TEST_SESSION_SECRET = new Uint8Array(32).fill(7);

/** The PIN every fixture member is given. */
export const PIN = '2468';

export interface TestServer extends TestLibrary {
  readonly server: ShelfmarkServer;
  readonly credentials: InMemoryCredentialStore;
  /** Staff tokens by scope, issued at start. */
  readonly staff: Readonly<Record<StaffScope, string>>;
  /** Sends a request with an optional bearer token. */
  call(options: InjectOptions & { readonly as?: string }): Promise<LightMyRequestResponse>;
  /** Signs a member in with card number and PIN and returns the session token. */
  signIn(memberId: string, pin?: string): Promise<string>;
}

/** An isolated library on the fixed clock behind a server, with one staff token per scope. */
export async function aServer(
  options: {
    readonly policy?: PolicyPresetName;
    readonly server?: ServerOptions;
    readonly credentials?: InMemoryCredentialStore;
    /** Library options beyond the fixture's clock, ids and channels (e.g. loan token keys). */
    readonly library?: Partial<LibraryOptions>;
  } = {},
): Promise<TestServer> {
  const testLibrary = aLibrary(options.policy ?? 'college', options.library);
  const credentials = options.credentials ?? new InMemoryCredentialStore();
  const server = await createServer(testLibrary.library, {
    credentials,
    sessionSecret: TEST_SESSION_SECRET,
    scryptCost: TEST_SCRYPT,
    ...options.server,
  });
  const staff = {
    counter: (await server.staffTokens.issue('front desk', 'counter')).token,
    librarian: (await server.staffTokens.issue('cataloguer', 'librarian')).token,
    admin: (await server.staffTokens.issue('systems', 'admin')).token,
  };
  const call = ({ as, headers, ...rest }: InjectOptions & { readonly as?: string }): Promise<LightMyRequestResponse> =>
    server.app.inject({ ...rest, headers: { ...headers, ...(as === undefined ? {} : { authorization: `Bearer ${as}` }) } });
  const signIn = async (memberId: string, pin = PIN): Promise<string> => {
    const response = await call({ method: 'POST', url: '/api/sessions/pin', payload: { cardNumber: memberId, pin } });
    if (response.statusCode !== 201) throw new Error(`sign-in of ${memberId} failed: ${response.body}`);
    return response.json<{ token: string }>().token;
  };
  return { ...testLibrary, server, credentials, staff, call, signIn };
}
