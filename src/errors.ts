import { AUTH_ERROR_CODES } from './application/auth/AuthError.js';
import { STORE_ERROR_CODES } from './application/StoreError.js';
import { CONFIG_ERROR_CODES } from './composition/config/ConfigError.js';
import { CALENDAR_ERROR_CODES } from './domain/calendar/CalendarError.js';
import { ACCESS_ERROR_CODES } from './domain/digital/AccessError.js';
import { DIGITAL_LENDING_ERROR_CODES } from './domain/digital/DigitalLendingError.js';
import { CATALOG_ERROR_CODES } from './domain/catalog/CatalogError.js';
import { FINE_ERROR_CODES } from './domain/fines/FineError.js';
import { LENDING_ERROR_CODES } from './domain/lending/LendingError.js';
import { MEMBER_ERROR_CODES } from './domain/members/MemberError.js';
import { POLICY_ERROR_CODES } from './domain/policy/PolicyError.js';
import { RESERVATION_ERROR_CODES } from './domain/reservations/ReservationError.js';
import { MARC_ERROR_CODES } from './infrastructure/marc/MarcError.js';
import { SEARCH_ERROR_CODES } from './infrastructure/search/SearchError.js';
import { VALIDATION_ERROR_CODES } from './domain/shared/ShelfmarkError.js';

/** Every stable error code, by area: for mapping to HTTP statuses or exit codes without missing one. */
export const ERROR_CODES_BY_AREA = {
  validation: VALIDATION_ERROR_CODES,
  catalog: CATALOG_ERROR_CODES,
  members: MEMBER_ERROR_CODES,
  lending: LENDING_ERROR_CODES,
  reservations: RESERVATION_ERROR_CODES,
  fines: FINE_ERROR_CODES,
  policy: POLICY_ERROR_CODES,
  calendar: CALENDAR_ERROR_CODES,
  digital: DIGITAL_LENDING_ERROR_CODES,
  access: ACCESS_ERROR_CODES,
  search: SEARCH_ERROR_CODES,
  marc: MARC_ERROR_CODES,
  store: STORE_ERROR_CODES,
  config: CONFIG_ERROR_CODES,
  auth: AUTH_ERROR_CODES,
} as const;

export type ErrorArea = keyof typeof ERROR_CODES_BY_AREA;
export type ErrorCode = (typeof ERROR_CODES_BY_AREA)[ErrorArea][number];
