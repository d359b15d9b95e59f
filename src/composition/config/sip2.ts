import type { LoadedConfig } from './load.js';
import { readSecret } from './secrets.js';

/** The SIP2 server's settings from the configuration, with its TLS key and certificate read now. */
export interface Sip2Settings {
  readonly port: number | undefined;
  readonly host: string;
  readonly institutionId: string;
  readonly libraryName: string;
  readonly encoding: 'utf8' | 'latin1';
  readonly idleTimeoutSeconds: number;
  readonly maxMessageBytes: number;
  readonly maxConnectionsPerAccount: number;
  readonly tls: { readonly key: string; readonly cert: string } | undefined;
}

/** `sip2` of the configuration; a TLS key or certificate that cannot be read is a ConfigError naming the field. */
export function sip2Settings(loaded: LoadedConfig): Sip2Settings {
  const { tls, port, ...rest } = loaded.config.sip2;
  return {
    ...rest,
    port,
    tls: tls ? { key: readSecret(tls.key, 'sip2.tls.key', loaded.secrets), cert: readSecret(tls.cert, 'sip2.tls.cert', loaded.secrets) } : undefined,
  };
}
