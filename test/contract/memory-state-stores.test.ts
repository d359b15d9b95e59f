import { InMemoryCalendars } from '../../src/infrastructure/memory/InMemoryCalendars.js';
import { InMemoryCredentialStore } from '../../src/infrastructure/memory/InMemoryCredentialStore.js';
import { InMemoryIdempotencyStore } from '../../src/infrastructure/memory/InMemoryIdempotencyStore.js';
import { calendarRepositoryContract, credentialStoreContract, idempotencyStoreContract } from './stateStoresContract.js';

credentialStoreContract('InMemoryCredentialStore', () => Promise.resolve(new InMemoryCredentialStore()));
idempotencyStoreContract('InMemoryIdempotencyStore', () => Promise.resolve(new InMemoryIdempotencyStore()));
calendarRepositoryContract('InMemoryCalendars', (fallback) => Promise.resolve(new InMemoryCalendars(fallback)));
