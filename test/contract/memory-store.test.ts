import { InMemoryStore } from '../../src/infrastructure/memory/InMemoryStore.js';
import { cardsContract } from './cardsContract.js';
import { reportsContract } from './reportsContract.js';
import { historyContract } from './historyContract.js';
import { holdsContract } from './holdsContract.js';
import { storeContract } from './storeContract.js';
import { catalogueRecordContract } from './catalogueRecordContract.js';
import { recordSearchContract } from './recordSearchContract.js';
import { Library } from '../../src/Library.js';
import { FixedClock } from '../../src/infrastructure/system/FixedClock.js';
import { MONDAY_MORNING } from '../fixtures/library.js';

storeContract('InMemoryStore', { fresh: () => Promise.resolve(new InMemoryStore()) });
catalogueRecordContract('InMemoryStore', { fresh: () => Promise.resolve(new InMemoryStore()) });
historyContract('InMemoryStore', { fresh: () => Promise.resolve(new InMemoryStore()) });
holdsContract('InMemoryStore', { fresh: () => Promise.resolve(new InMemoryStore()) });
cardsContract('InMemoryStore', { fresh: () => Promise.resolve(new InMemoryStore()) });
reportsContract('InMemoryStore', { fresh: () => Promise.resolve(new InMemoryStore()) });
recordSearchContract('InMemoryStore, in-process search', { open: () => Promise.resolve(Library.create({ store: new InMemoryStore(), clock: new FixedClock(MONDAY_MORNING) })) });
