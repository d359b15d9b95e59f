import net, { type AddressInfo, type Socket } from 'node:net';
import tls from 'node:tls';
import type { Library } from '../../Library.js';
import { MemberPins, type PinBackoff } from '../../application/auth/MemberPins.js';
import { SecretHasher, type ScryptCost } from '../../application/auth/SecretHasher.js';
import type { Sip2Accounts } from '../../application/ports/Sip2Accounts.js';
import { resendRequest, type Sip2Encoding } from './codec/frame.js';
import { Sip2Dispatcher } from './Sip2Dispatcher.js';
import { Sip2Logins } from './Sip2Logins.js';
import { Sip2Session } from './Sip2Session.js';

export interface Sip2ServerOptions {
  /** SIP2 logins. Default: the library's (`library.sip2Accounts`: in its database with a SQL store, else in memory). */
  readonly accounts?: Sip2Accounts;
  /** AO of the answers that echo none (98). Default: `shelfmark`. */
  readonly institutionId?: string;
  /** AM of 98. Default: `shelfmark`. */
  readonly libraryName?: string;
  /** The wire's character set: `utf8` (default) or `latin1` for legacy kiosks. */
  readonly encoding?: Sip2Encoding;
  /** A connection that completes no message for this long is closed. Default: 300 seconds. */
  readonly idleTimeoutSeconds?: number;
  /** A message longer than this (bytes, without its `\r`) is answered with 96 and dropped. Default: 8192. */
  readonly maxMessageBytes?: number;
  /** Connections one SIP2 account may hold at once; a login beyond it is refused (94 ok=0). Default: 20. */
  readonly maxConnectionsPerAccount?: number;
  /** Connections the server accepts at once, signed in or not. Default: 1000. */
  readonly maxConnections?: number;
  /** Wrong logins on one connection before it is closed. Default: 3. */
  readonly maxLoginFailures?: number;
  /** Dates before a login names a branch. Default: UTC. */
  readonly timeZone?: string;
  /** TLS: a PEM key and certificate (chain). Default: plain TCP. */
  readonly tls?: { readonly key: string | Buffer; readonly cert: string | Buffer };
  readonly scryptCost?: ScryptCost;
  /** How wrong PINs slow a card down: the same back-off as the HTTP sign-in. Default DEFAULT_PIN_BACKOFF. */
  readonly pinBackoff?: PinBackoff;
  /** Called with an unexpected failure (the kiosk is answered with the message's negative response). Default: console.error. */
  readonly onError?: (error: unknown) => void;
}

export interface Sip2Server {
  listen(options: { readonly port: number; readonly host?: string }): Promise<AddressInfo>;
  /** Stops accepting, closes every connection. */
  close(): Promise<void>;
  /** The logins and their connection bounds (to see how many connections an account holds). */
  readonly logins: Sip2Logins;
}

const CR = 0x0d;
/** Messages one connection may have waiting for their answers; a kiosk sends one and waits, so more is a flood. */
const MAX_PIPELINED = 32;

/** The SIP2 face of one library: a TCP (or TLS) server for self-check kiosks and sorters, messages framed by `\r`. */
export function createSip2Server(library: Library, options: Sip2ServerOptions = {}): Sip2Server {
  const encoding = options.encoding ?? 'utf8';
  const idleMs = (options.idleTimeoutSeconds ?? 300) * 1000;
  const maxBytes = options.maxMessageBytes ?? 8192;
  const hasher = new SecretHasher(options.scryptCost);
  const logins = new Sip2Logins(options.accounts ?? library.sip2Accounts, hasher, options.maxConnectionsPerAccount ?? 20);
  const pins = new MemberPins(library.credentials, hasher, library.members, library.clock, options.pinBackoff);
  const dispatcher = new Sip2Dispatcher(library, logins, pins, {
    encoding,
    institutionId: options.institutionId ?? 'shelfmark',
    libraryName: options.libraryName ?? 'shelfmark',
    timeoutPeriod: String(Math.min(999, Math.round(idleMs / 100))).padStart(3, '0'),
    timeZone: options.timeZone ?? 'UTC',
    maxLoginFailures: options.maxLoginFailures ?? 3,
    onError:
      options.onError ??
      ((error) => {
        console.error('sip2:', error);
      }),
  });
  const sockets = new Set<Socket>();

  const serve = (socket: Socket): void => {
    sockets.add(socket);
    socket.setNoDelay(true); // one answer per message: send it now, do not wait to coalesce
    const session = new Sip2Session();
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let discarding = false;
    let queued = 0;
    let chain: Promise<void> = Promise.resolve();
    let idle: NodeJS.Timeout | undefined;
    const gone = () => socket.destroyed;
    const touch = () => {
      clearTimeout(idle);
      idle = setTimeout(() => {
        socket.destroy();
      }, idleMs);
    };
    /** Answers in arrival order: one message at a time, each answer written whole in one write. */
    const enqueue = (work: () => Promise<{ readonly answer: Buffer; readonly close: boolean }>) => {
      queued += 1;
      if (queued > MAX_PIPELINED) {
        socket.destroy();
        return;
      }
      chain = chain.then(async () => {
        try {
          if (gone()) return;
          const { answer, close } = await work();
          if (gone()) return;
          socket.write(answer);
          touch();
          if (close) socket.end();
        } catch (error) {
          options.onError?.(error);
          socket.destroy();
        } finally {
          queued -= 1;
        }
      });
    };
    const answer = (frame: Buffer) => {
      enqueue(() => dispatcher.dispatch(frame, session));
    };
    const tooLong = () => {
      enqueue(() => Promise.resolve({ answer: resendRequest(session.errorDetection, encoding), close: false }));
    };
    touch();
    socket.on('data', (chunk: Buffer) => {
      let rest = chunk;
      for (let at = rest.indexOf(CR); at >= 0; at = rest.indexOf(CR)) {
        const head = rest.subarray(0, at);
        rest = rest.subarray(at + 1);
        if (discarding) {
          discarding = false;
        } else if (pendingBytes + head.length > maxBytes) {
          tooLong();
        } else {
          answer(pending.length === 0 ? Buffer.from(head) : Buffer.concat([...pending, head]));
        }
        pending = [];
        pendingBytes = 0;
        touch();
      }
      if (discarding || rest.length === 0) return;
      if (pendingBytes + rest.length > maxBytes) {
        // too long already: answer now, then drop everything up to the next terminator
        tooLong();
        discarding = true;
        pending = [];
        pendingBytes = 0;
        return;
      }
      pending.push(Buffer.from(rest));
      pendingBytes += rest.length;
    });
    socket.on('error', () => {
      socket.destroy();
    });
    socket.on('close', () => {
      clearTimeout(idle);
      sockets.delete(socket);
      const account = session.account;
      if (account && session.state === 'SIGNED_IN') logins.release(account.user);
      session.close();
    });
  };

  const server = options.tls ? tls.createServer({ key: options.tls.key, cert: options.tls.cert }, serve) : net.createServer(serve);
  server.maxConnections = options.maxConnections ?? 1000;

  return {
    logins,
    listen: ({ port, host = '127.0.0.1' }) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve(server.address() as AddressInfo);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        if (!server.listening) {
          resolve();
          return;
        }
        server.close(() => {
          resolve();
        });
      }),
  };
}
