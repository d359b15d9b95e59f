import { InMemoryStore } from '../../src/infrastructure/memory/InMemoryStore.js';
import { storeContract } from './storeContract.js';

storeContract('InMemoryStore', { fresh: () => Promise.resolve(new InMemoryStore()) });
