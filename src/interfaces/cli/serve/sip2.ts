import { sip2Settings } from '../../../composition/config/sip2.js';
import type { LoadedConfig } from '../../../composition/config/load.js';
import type { Library } from '../../../Library.js';
import { createSip2Server, type Sip2Server } from '../../sip2/createSip2Server.js';
import type { CliContext } from '../CliContext.js';

/** The SIP2 server the configuration describes, listening: on `port` when given, else on `sip2.port`. */
export async function startSip2(library: Library, loaded: LoadedConfig, context: CliContext, port: number): Promise<{ readonly server: Sip2Server; readonly address: string }> {
  const settings = sip2Settings(loaded);
  const server = createSip2Server(library, {
    institutionId: settings.institutionId,
    libraryName: settings.libraryName,
    encoding: settings.encoding,
    idleTimeoutSeconds: settings.idleTimeoutSeconds,
    maxMessageBytes: settings.maxMessageBytes,
    maxConnectionsPerAccount: settings.maxConnectionsPerAccount,
    ...(settings.tls ? { tls: settings.tls } : {}),
    onError: (error) => {
      context.stderr(`shelfmark: sip2: ${error instanceof Error ? error.message : String(error)}\n`);
    },
  });
  const bound = await server.listen({ port, host: settings.host });
  return { server, address: `${settings.tls ? 'sip2+tls' : 'sip2'}://${bound.address}:${String(bound.port)}` };
}
