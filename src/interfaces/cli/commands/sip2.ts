import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { SecretHasher } from '../../../application/auth/SecretHasher.js';
import { describeStore } from '../../../composition/config/runtime.js';
import { Library } from '../../../Library.js';
import { seedSip2Demo, SIP2_DEMO } from '../../sip2/demo.js';
import { DEFAULT_ALLOWED_MESSAGES, IMPLEMENTED_MESSAGES } from '../../sip2/handlers/index.js';
import { addSip2Account } from '../../sip2/Sip2Logins.js';
import { createSip2Server } from '../../sip2/createSip2Server.js';
import { processContext, type CliContext } from '../CliContext.js';
import { openLibrary, port, withStoreOptions, type StoreFlags } from '../configured.js';
import { startSip2 } from '../serve/sip2.js';

interface Sip2Flags extends StoreFlags {
  readonly port?: number;
  readonly demo?: boolean;
}

interface AccountFlags extends StoreFlags {
  readonly location: string;
  readonly passwordFile: string;
  readonly messages?: readonly string[];
}

const messageList = (value: string): string[] => {
  const codes = value.split(',').map((c) => c.trim()).filter((c) => c !== '');
  if (codes.length === 0) throw new InvalidArgumentError('a comma-separated list of two-digit command codes, e.g. 11,09,17');
  return codes;
};

const storeFlags = (f: StoreFlags): StoreFlags => ({
  ...(f.config === undefined ? {} : { config: f.config }),
  ...(f.databaseUrl === undefined ? {} : { databaseUrl: f.databaseUrl }),
  ...(f.pglite === undefined ? {} : { pglite: f.pglite }),
});

/** Runs until SIGINT or SIGTERM, then closes the server and the library. */
function stopOnSignal(context: CliContext, close: () => Promise<void>): void {
  let stopping: Promise<void> | null = null;
  const stop = (): void => {
    stopping ??= close().then(() => {
      context.stderr('shelfmark: stopped\n');
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/**
 * `shelfmark sip2 --port PORT`: the SIP2 server for self-check kiosks and sorters over the configured library
 * (`--demo`: over a seeded in-memory demo library on 127.0.0.1). `shelfmark sip2 account add|list|remove`:
 * the SIP2 logins, kept in the store.
 */
export function register(program: Command, context: CliContext = processContext()): void {
  const sip2 = withStoreOptions(program.command('sip2').description('serve SIP2 (3M Standard Interchange Protocol 2.00) to self-check kiosks and sorters; see docs/sip2.md'))
    .addOption(new Option('-p, --port <port>', 'TCP port (default: sip2.port of the configuration)').argParser(port))
    .addOption(new Option('--demo', `serve a seeded in-memory demo library on 127.0.0.1 (login ${SIP2_DEMO.login.user}/${SIP2_DEMO.login.password}, patron ${SIP2_DEMO.patron.id} PIN ${SIP2_DEMO.patron.pin})`))
    .action(async (flags: Sip2Flags) => {
      if (flags.demo === true) {
        const library = Library.create(context.clock ? { clock: context.clock } : {});
        await seedSip2Demo(library);
        const server = createSip2Server(library);
        const bound = await server.listen({ port: flags.port ?? 6001, host: '127.0.0.1' });
        context.stderr(`shelfmark sip2 demo on 127.0.0.1:${String(bound.port)}: login ${SIP2_DEMO.login.user}/${SIP2_DEMO.login.password}, patron ${SIP2_DEMO.patron.id} PIN ${SIP2_DEMO.patron.pin}, copies ${SIP2_DEMO.onShelf.join(' and ')} on the shelf, ${SIP2_DEMO.onLoan} on loan\n`);
        stopOnSignal(context, async () => {
          await server.close();
          await library.close();
        });
        return;
      }
      const { loaded, library } = await openLibrary(context, storeFlags(flags));
      const chosen = flags.port ?? loaded.config.sip2.port;
      if (chosen === undefined) {
        await library.close();
        throw new InvalidArgumentError('give --port, or sip2.port in the configuration');
      }
      try {
        const { server, address } = await startSip2(library, loaded, context, chosen);
        context.stderr(`shelfmark serving ${address}\n`);
        stopOnSignal(context, async () => {
          await server.close();
          await library.close();
        });
      } catch (error) {
        await library.close();
        throw error;
      }
    });

  // the store flags (--config, --database-url, --pglite) are sip2's, given before or after the subcommand
  const account = sip2.command('account').description('the SIP2 logins kiosks sign in with (kept in the store)');
  account
    .command('add')
    .description('add a SIP2 login (or replace the one of the same user)')
    .argument('<user>', 'the login user id (CN)')
    .requiredOption('--location <branch>', 'the branch the kiosk stands in')
    .requiredOption('--password-file <file>', 'a file holding the password (CO); its trailing newline is ignored')
    .addOption(new Option('--messages <codes>', `the messages it may send (default: ${DEFAULT_ALLOWED_MESSAGES.join(',')})`).argParser(messageList))
    .action(async (user: string, _own: unknown, command: Command) => {
      const flags = command.optsWithGlobals<AccountFlags>();
      const password = readFileSync(resolve(context.cwd, flags.passwordFile), 'utf8').replace(/\r?\n$/, '');
      const { loaded, library } = await openLibrary(context, storeFlags(flags));
      if (describeStore(loaded.config).kind === 'memory') context.stderr('shelfmark: no store configured: the login is kept in memory and lost at exit\n');
      try {
        const added = await addSip2Account(library.sip2Accounts, new SecretHasher(), library.clock, { user, password, location: flags.location, allowedMessages: flags.messages ?? DEFAULT_ALLOWED_MESSAGES }, IMPLEMENTED_MESSAGES);
        context.stdout(`SIP2 login ${added.user} at ${added.location}, may send ${added.allowedMessages.join(',')}\n`);
      } finally {
        await library.close();
      }
    });
  account
    .command('list')
    .description('list the SIP2 logins (without passwords)')
    .action(async (_own: unknown, command: Command) => {
    const { library } = await openLibrary(context, storeFlags(command.optsWithGlobals<StoreFlags>()));
    try {
      for (const a of await library.sip2Accounts.list()) context.stdout(`${a.user}\t${a.location}\t${a.allowedMessages.join(',')}\n`);
    } finally {
      await library.close();
    }
  });
  account
    .command('remove')
    .description('remove a SIP2 login')
    .argument('<user>', 'the login user id')
    .action(async (user: string, _own: unknown, command: Command) => {
    const { library } = await openLibrary(context, storeFlags(command.optsWithGlobals<StoreFlags>()));
    try {
      if (!(await library.sip2Accounts.remove(user))) {
        context.stderr(`shelfmark: no SIP2 login ${user}\n`);
        process.exitCode = 1;
      }
    } finally {
      await library.close();
    }
  });
}
