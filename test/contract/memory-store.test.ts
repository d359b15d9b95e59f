import { InMemoryStore } from '../../src/infrastructure/memory/InMemoryStore.js';
import { historyContract } from './historyContract.js';
import { holdsContract } from './holdsContract.js';
import { storeContract } from './storeContract.js';

storeContract('InMemoryStore', { fresh: () => Promise.resolve(new InMemoryStore()) });
historyContract('InMemoryStore', { fresh: () => Promise.resolve(new InMemoryStore()) });
holdsContract('InMemoryStore', { fresh: () => Promise.resolve(new InMemoryStore()) });
