import net from 'node:net';
import { readFrame, writeFrame, type Sip2Encoding } from '../../src/interfaces/sip2/codec/frame.js';
import { formatMessage, parseMessage, type Sip2Message } from '../../src/interfaces/sip2/codec/Sip2Codec.js';
import type { Command } from '../../src/interfaces/sip2/codec/layouts.js';
import { createSip2Server, type Sip2Server, type Sip2ServerOptions } from '../../src/interfaces/sip2/createSip2Server.js';
import { seedSip2Demo, SIP2_DEMO } from '../../src/interfaces/sip2/demo.js';
import { aLibrary, type TestLibrary } from '../fixtures/library.js';
import { TEST_SCRYPT } from '../http/server.js';

/** A SIP date the kiosk stamps its requests with (its value is never read by the server). */
export const KIOSK_DATE = '20260907    090000';

/** A message as a kiosk writes it: command, fixed fields by name, variable fields in order. */
export function message(command: Command, fixed: Record<string, string>, fields: readonly (readonly [string, string])[] = []): Sip2Message {
  return { command, fixed, fields };
}

/** One kiosk connection: writes whole messages (with or without error detection) and reads each answer up to its `\r`. */
export class Kiosk {
  private buffered = Buffer.alloc(0);
  private waiting: ((frame: Buffer) => void) | null = null;
  private readonly frames: Buffer[] = [];
  private sequence = 0;
  readonly closed: Promise<void>;

  private constructor(
    readonly socket: net.Socket,
    private readonly errorDetection: boolean,
    private readonly encoding: Sip2Encoding,
  ) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      for (let at = this.buffered.indexOf(0x0d); at >= 0; at = this.buffered.indexOf(0x0d)) {
        const frame = this.buffered.subarray(0, at);
        this.buffered = this.buffered.subarray(at + 1);
        if (this.waiting) {
          const resolve = this.waiting;
          this.waiting = null;
          resolve(frame);
        } else this.frames.push(frame);
      }
    });
    this.closed = new Promise((resolve) => socket.on('close', () => { resolve(); }));
  }

  static connect(port: number, options: { readonly errorDetection?: boolean; readonly encoding?: Sip2Encoding } = {}): Promise<Kiosk> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => { resolve(new Kiosk(socket, options.errorDetection ?? false, options.encoding ?? 'utf8')); });
      socket.once('error', reject);
    });
  }

  /** The next answer's raw bytes (without `\r`). */
  next(): Promise<Buffer> {
    const frame = this.frames.shift();
    if (frame) return Promise.resolve(frame);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  writeRaw(text: string | Buffer): void {
    this.socket.write(text);
  }

  /** Sends one message and reads its answer, checking its checksum when error detection is on. */
  async send(request: Sip2Message): Promise<Sip2Message> {
    const sequence = String(this.sequence++ % 10);
    this.socket.write(writeFrame(formatMessage(request), this.errorDetection ? { sequence } : null, this.encoding));
    const frame = readFrame(await this.next(), this.encoding);
    if (this.errorDetection && frame.errorDetection?.sequence !== sequence) throw new Error(`answer without sequence ${sequence}`);
    if (!this.errorDetection && frame.errorDetection !== null) throw new Error('answer with error detection the kiosk did not use');
    return parseMessage(frame.body);
  }

  login(user: string = SIP2_DEMO.login.user, password: string = SIP2_DEMO.login.password): Promise<Sip2Message> {
    return this.send(message('93', { uidAlgorithm: '0', pwdAlgorithm: '0' }, [['CN', user], ['CO', password], ['CP', 'main']]));
  }

  close(): Promise<void> {
    this.socket.end();
    return this.closed;
  }
}

export interface KioskWorld extends TestLibrary {
  readonly server: Sip2Server;
  readonly port: number;
  kiosk(options?: { readonly errorDetection?: boolean; readonly encoding?: Sip2Encoding }): Promise<Kiosk>;
  /** A kiosk that has signed in as kiosk/kiosk. */
  signedIn(options?: { readonly errorDetection?: boolean }): Promise<Kiosk>;
  close(): Promise<void>;
}

/** The demo library on the fixed clock, behind a SIP2 server on a free port. */
export async function aKioskWorld(options: Sip2ServerOptions = {}): Promise<KioskWorld> {
  const world = aLibrary('college');
  await seedSip2Demo(world.library, TEST_SCRYPT);
  const server = createSip2Server(world.library, { scryptCost: TEST_SCRYPT, ...options });
  const { port } = (await server.listen({ port: 0 }));
  const kiosks: Kiosk[] = [];
  const kiosk = async (o: { readonly errorDetection?: boolean; readonly encoding?: Sip2Encoding } = {}) => {
    const k = await Kiosk.connect(port, o);
    kiosks.push(k);
    return k;
  };
  return {
    ...world,
    server,
    port,
    kiosk,
    signedIn: async (o = {}) => {
      const k = await kiosk(o);
      const answer = await k.login();
      if (answer.fixed.ok !== '1') throw new Error('demo login refused');
      return k;
    },
    close: async () => {
      for (const k of kiosks) k.socket.destroy();
      await server.close();
      await world.library.close();
    },
  };
}
