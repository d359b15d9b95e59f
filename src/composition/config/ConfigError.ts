import { ShelfmarkError, type ErrorDetails } from '../../domain/shared/ShelfmarkError.js';

/** Stable kinds of start-up failures: the configuration, a key it points at, or a service it names. */
export const CONFIG_ERROR_CODES = [
  'CONFIG_UNREADABLE',
  'CONFIG_INVALID',
  'SECRET_UNAVAILABLE',
  'STORE_UNREACHABLE',
  'SMTP_UNVERIFIED',
] as const;

export type ConfigErrorCode = (typeof CONFIG_ERROR_CODES)[number];

/**
 * The one error raised while a command reads its configuration and opens what it names. The message
 * starts with where the problem is (`shelfmark.config.json: store.postgres: …`), so it fits one line.
 */
export class ConfigError extends ShelfmarkError<ConfigErrorCode> {
  readonly area = 'config';

  constructor(code: ConfigErrorCode, message: string, details: ErrorDetails = {}, options?: ErrorOptions) {
    super(code, message, details, options);
  }

  static is(value: unknown): value is ConfigError {
    return value instanceof ConfigError;
  }
}
