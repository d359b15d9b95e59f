import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { z } from 'zod';
import type { PolicyDefinition } from '../../domain/policy/CirculationPolicy.js';
import { ConfigError } from './ConfigError.js';
import { applyOverrides, commandLineOverrides, environmentOverrides, originOf, type CommandLineSettings, type Override } from './overrides.js';
import { resolvePolicy } from './policy.js';
import { ConfigSchema, type ShelfmarkConfig } from './schema.js';
import type { SecretSources } from './secrets.js';

export const DEFAULT_CONFIG_FILE = 'shelfmark.config.json';

export interface LoadRequest {
  /** `--config FILE`; absent: `shelfmark.config.json` in `cwd` if there is one, else nothing but defaults. */
  readonly file?: string;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly flags?: CommandLineSettings;
}

/** A configuration that passed the schema and the domain's checks, with what it came from. */
export interface LoadedConfig {
  readonly config: ShelfmarkConfig;
  readonly policy: PolicyDefinition;
  /** The file read, or null when there was none. */
  readonly file: string | null;
  /** Everything that overrode the file, lowest precedence first. */
  readonly overrides: readonly Override[];
  readonly secrets: SecretSources;
}

function readJson(path: string, label: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new ConfigError('CONFIG_UNREADABLE', `${label}: cannot read the configuration: ${why}`, { file: label }, { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError('CONFIG_UNREADABLE', `${label}: not valid JSON: ${(error as Error).message}`, { file: label }, { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError('CONFIG_INVALID', `${label}: expected a JSON object at the top level`, { file: label });
  }
  return parsed as Record<string, unknown>;
}

function describe(issue: z.core.$ZodIssue, label: string, overrides: readonly Override[]): string {
  const where = issue.path.length === 0 ? '' : `${issue.path.map(String).join('.')}: `;
  return `${originOf(issue.path, overrides) ?? label}: ${where}${issue.message}`;
}

/** Who set the part of the configuration at `path`: a flag, an environment variable, or the file. */
export function sourceOf(loaded: LoadedConfig, path: readonly string[]): string {
  return originOf(path, loaded.overrides) ?? (loaded.file === null ? 'defaults' : basename(loaded.file));
}

/**
 * Reads, overlays and checks the configuration; a relative PGlite directory is taken from the file's
 * directory when the file names it, else from the working directory. ConfigError (CONFIG_UNREADABLE, CONFIG_INVALID) says which field is wrong. */
export function loadConfig(request: LoadRequest): LoadedConfig {
  const explicit = request.file !== undefined;
  const path = resolve(request.cwd, request.file ?? DEFAULT_CONFIG_FILE);
  const present = explicit || existsSync(path);
  const label = explicit ? (request.file ?? '') : basename(path);
  const fromFile = present ? readJson(path, label) : {};
  const overrides = [...environmentOverrides(request.env), ...commandLineOverrides(request.flags ?? {})];
  const parsed = ConfigSchema.safeParse(applyOverrides(fromFile, overrides));
  if (!parsed.success) {
    const message = parsed.error.issues.slice(0, 3).map((issue) => describe(issue, label, overrides)).join('; ');
    throw new ConfigError('CONFIG_INVALID', message, { file: label });
  }
  const resolved = resolvePolicy(parsed.data);
  if ('problem' in resolved) {
    const { path: at, message } = resolved.problem;
    throw new ConfigError('CONFIG_INVALID', `${originOf(at, overrides) ?? label}: ${at.join('.')}: ${message}`, { file: label });
  }
  const pgliteFrom = originOf(['store'], overrides) === null && present ? dirname(path) : request.cwd;
  const config = parsed.data.store?.pglite === undefined ? parsed.data : { ...parsed.data, store: { ...parsed.data.store, pglite: resolve(pgliteFrom, parsed.data.store.pglite) } };
  return {
    config,
    policy: resolved.definition,
    file: present ? path : null,
    overrides,
    secrets: { env: request.env, baseDir: present ? dirname(path) : request.cwd },
  };
}
