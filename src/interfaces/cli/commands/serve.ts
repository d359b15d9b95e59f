import { Command, InvalidArgumentError, Option } from 'commander';
import { Library } from '../../../Library.js';
import { POLICY_PRESETS, type PolicyPresetName } from '../../../domain/policy/presets.js';
import { createServer } from '../../http/createServer.js';
import { SqlStore } from '../../../infrastructure/sql/SqlStore.js';

export interface ServeOptions {
  readonly port: number;
  readonly host: string;
  readonly policy: PolicyPresetName;
  readonly databaseUrl?: string;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new InvalidArgumentError('a port is a whole number from 0 to 65535');
  return n;
}

/** A 32-byte or longer secret from SHELFMARK_SESSION_SECRET (base64 or hex), so several servers accept each other's sessions. */
function sessionSecretFromEnvironment(): Uint8Array | undefined {
  const raw = process.env.SHELFMARK_SESSION_SECRET;
  if (raw === undefined || raw === '') return undefined;
  const bytes = /^[0-9a-f]+$/i.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (bytes.byteLength < 32) throw new InvalidArgumentError('SHELFMARK_SESSION_SECRET must hold at least 32 bytes (hex or base64)');
  return bytes;
}

/** `shelfmark serve`: the HTTP API, OpenAPI document and counter page over one library. */
export function register(program: Command): void {
  program
    .command('serve')
    .description('serve the HTTP API (/api), its OpenAPI document (/openapi.json) and the counter page (/counter)')
    .addOption(new Option('-p, --port <port>', 'TCP port').default(8080).argParser(port))
    .addOption(new Option('--host <host>', 'address to listen on').default('127.0.0.1'))
    .addOption(new Option('--policy <preset>', 'circulation policy preset').choices(Object.keys(POLICY_PRESETS)).default('college'))
    .addOption(new Option('--database-url <url>', 'PostgreSQL connection string (default: in-memory state)').env('DATABASE_URL'))
    .action(async (options: ServeOptions, command: Command) => {
      const sessionSecret = sessionSecretFromEnvironment();
      const store = options.databaseUrl === undefined ? undefined : SqlStore.postgres(options.databaseUrl);
      try {
        await store?.ready();
      } catch (error) {
        command.error(`--database-url: cannot open the database: ${error instanceof Error ? error.message : String(error)}`, { exitCode: 2 });
      }
      const library = Library.create({ policy: options.policy, ...(store ? { store } : {}) });
      const server = await createServer(library, { logger: { level: 'info' }, ...(sessionSecret ? { sessionSecret } : {}) });
      const preset = process.env.SHELFMARK_ADMIN_TOKEN;
      const admin = await server.staffTokens.issue('bootstrap admin', 'admin', preset === '' ? undefined : preset);
      const address = await server.listen({ port: options.port, host: options.host });
      process.stderr.write(`shelfmark serving ${address} (counter page: ${address}/counter)\n`);
      if (preset === undefined || preset === '') process.stderr.write(`admin token (shown once): ${admin.token}\n`);
      const stop = (): void => {
        void server.close().then(() => library.close());
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
