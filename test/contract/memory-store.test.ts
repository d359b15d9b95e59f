import { InMemoryStore } from '../../src/infrastructure/memory/InMemoryStore.js';
import { cardsContract } from './cardsContract.js';
import { reportsContract } from './reportsContract.js';
import { historyContract } from './historyContract.js';
import { storeContract } from './storeContract.js';
import { catalogueRecordContract } from './catalogueRecordContract.js';

storeContract('InMemoryStore', { fresh: () => Promise.resolve(new InMemoryStore()) });
catalogueRecordContract('InMemoryStore', { fresh: () => Promise.resolve(new InMemoryStore()) });
historyContract('InMemoryStore', { fresh: () => Promise.resolve(new InMemoryStore()) });
cardsContract('InMemoryStore', { fresh: () => Promise.resolve(new InMemoryStore()) });
reportsContract('InMemoryStore', { fresh: () => Promise.resolve(new InMemoryStore()) });
