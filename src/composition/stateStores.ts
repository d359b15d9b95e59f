import type { CalendarRepository } from '../application/ports/CalendarRepository.js';
import type { CredentialStore } from '../application/ports/CredentialStore.js';
import type { IdempotencyStore } from '../application/ports/IdempotencyStore.js';
import type { Sip2Accounts } from '../application/ports/Sip2Accounts.js';
import type { Store } from '../application/ports/Store.js';
import type { BranchCalendar } from '../domain/calendar/BranchCalendar.js';
import type { Clock } from '../domain/shared/Clock.js';
import { InMemoryCalendars } from '../infrastructure/memory/InMemoryCalendars.js';
import { InMemoryCredentialStore } from '../infrastructure/memory/InMemoryCredentialStore.js';
import { InMemoryIdempotencyStore } from '../infrastructure/memory/InMemoryIdempotencyStore.js';
import { InMemorySip2Accounts } from '../infrastructure/memory/InMemorySip2Accounts.js';
import { SqlCalendars } from '../infrastructure/sql/SqlCalendars.js';
import { SqlCredentialStore } from '../infrastructure/sql/SqlCredentialStore.js';
import { SqlIdempotencyStore } from '../infrastructure/sql/SqlIdempotencyStore.js';
import { SqlSip2Accounts } from '../infrastructure/sql/SqlSip2Accounts.js';
import { SqlStore } from '../infrastructure/sql/SqlStore.js';

/**
 * The state kept next to the library's data: branch calendars (with emergency closures), staff tokens and
 * member PINs (with back-off waits), SIP2 kiosk logins, and idempotency records. With a SQL store they live in the same database,
 * so a restart or a second server sees them; otherwise in this process's memory.
 */
export interface StateStores {
  readonly calendars: CalendarRepository;
  readonly credentials: CredentialStore;
  readonly idempotency: IdempotencyStore;
  readonly sip2Accounts: Sip2Accounts;
}

export function openStateStores(
  store: Store,
  clock: Clock,
  policyCalendar: (branch: string) => BranchCalendar,
  given: Partial<StateStores> = {},
): StateStores {
  if (store instanceof SqlStore) {
    return {
      calendars: given.calendars ?? new SqlCalendars(store, policyCalendar, clock),
      credentials: given.credentials ?? new SqlCredentialStore(store),
      idempotency: given.idempotency ?? new SqlIdempotencyStore(store),
      sip2Accounts: given.sip2Accounts ?? new SqlSip2Accounts(store),
    };
  }
  return {
    calendars: given.calendars ?? new InMemoryCalendars(policyCalendar),
    credentials: given.credentials ?? new InMemoryCredentialStore(),
    idempotency: given.idempotency ?? new InMemoryIdempotencyStore(),
    sip2Accounts: given.sip2Accounts ?? new InMemorySip2Accounts(),
  };
}
