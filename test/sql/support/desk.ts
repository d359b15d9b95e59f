import type { LightMyRequestResponse } from 'fastify';
import { createServer, type ShelfmarkServer } from '../../../src/interfaces/http/createServer.js';
import { Library } from '../../../src/Library.js';
import type { StoreChoice } from '../../../src/composition/stores.js';
import type { FixedClock } from '../../../src/infrastructure/system/FixedClock.js';
import { RIVERTON_CITY } from '../../fixtures/rules.js';
import { TEST_SCRYPT, TEST_SESSION_SECRET } from '../../http/server.js';

/** One library (Riverton City policy, the given clock, random ids) behind one HTTP server, on the store given. */
export interface Desk {
  readonly library: Library;
  readonly server: ShelfmarkServer;
  call(request: { method: 'GET' | 'POST'; url: string; token?: string; key?: string; payload?: object }): Promise<LightMyRequestResponse>;
  signIn(cardNumber: string, pin: string): Promise<LightMyRequestResponse>;
}

export async function openDesk(store: StoreChoice, clock: FixedClock): Promise<Desk> {
  const library = Library.create({ store, clock, policy: RIVERTON_CITY });
  const server = await createServer(library, { sessionSecret: TEST_SESSION_SECRET, scryptCost: TEST_SCRYPT });
  const call: Desk['call'] = ({ token, key, ...rest }) =>
    server.app.inject({
      ...rest,
      headers: { ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), ...(key === undefined ? {} : { 'idempotency-key': key }) },
    });
  return { library, server, call, signIn: (cardNumber, pin) => call({ method: 'POST', url: '/api/sessions/pin', payload: { cardNumber, pin } }) };
}
