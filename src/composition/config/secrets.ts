import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from './ConfigError.js';
import type { Secret } from './schema.js';

/** Where secrets are looked up: the environment, and the directory relative file paths start from. */
export interface SecretSources {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly baseDir: string;
}

/** The text of a secret, or ConfigError('SECRET_UNAVAILABLE') naming the field and why. */
export function readSecret(secret: Secret, field: string, sources: SecretSources): string {
  if (secret.value !== undefined) return secret.value;
  if (secret.env !== undefined) {
    const value = sources.env[secret.env];
    if (value === undefined || value === '') throw new ConfigError('SECRET_UNAVAILABLE', `${field}: environment variable ${secret.env} is not set`, { field });
    return value;
  }
  const path = resolve(sources.baseDir, secret.file ?? '');
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new ConfigError('SECRET_UNAVAILABLE', `${field}: cannot read ${secret.file ?? ''}: ${why}`, { field }, { cause: error });
  }
}

/** A key of at least 32 bytes written as hex or base64 (e.g. `openssl rand -hex 32`). */
export function readKeyBytes(secret: Secret, field: string, sources: SecretSources): Uint8Array {
  const raw = readSecret(secret, field, sources);
  const bytes = /^[0-9a-f]+$/i.test(raw) && raw.length % 2 === 0 ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (bytes.byteLength < 32) throw new ConfigError('SECRET_UNAVAILABLE', `${field}: needs at least 32 bytes (hex or base64), got ${bytes.byteLength}`, { field });
  return new Uint8Array(bytes);
}
