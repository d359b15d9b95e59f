import { readFileSync } from 'node:fs';
import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { readFrame, writeFrame } from '../../src/interfaces/sip2/codec/frame.js';
import { fieldOf, formatMessage, parseMessage } from '../../src/interfaces/sip2/codec/Sip2Codec.js';
import { aKioskWorld, KIOSK_DATE, message, type KioskWorld } from './kiosk.js';

/** A self-signed certificate for 127.0.0.1, made for these tests only (valid for a century). */
const KEY = readFileSync(new URL('tls/localhost.key', import.meta.url));
const CERT = readFileSync(new URL('tls/localhost.crt', import.meta.url));

/** Sends each message over one TLS connection and reads each answer up to its `\r`. */
async function overTls(port: number, requests: readonly Buffer[]): Promise<string[]> {
  const socket = tls.connect({ port, host: '127.0.0.1', ca: CERT, servername: 'localhost' });
  await new Promise<void>((resolve, reject) => {
    socket.once('secureConnect', () => {
      resolve();
    });
    socket.once('error', reject);
  });
  const answers: string[] = [];
  let buffered = Buffer.alloc(0);
  for (const request of requests) {
    socket.write(request);
    for (;;) {
      const at = buffered.indexOf(0x0d);
      if (at >= 0) {
        answers.push(buffered.subarray(0, at).toString('utf8'));
        buffered = buffered.subarray(at + 1);
        break;
      }
      const chunk = await new Promise<Buffer>((resolve) => {
        socket.once('data', (c: Buffer) => {
          resolve(c);
        });
      });
      buffered = Buffer.concat([buffered, chunk]);
    }
  }
  socket.destroy();
  return answers;
}

describe('the SIP2 server over TLS', () => {
  let world: KioskWorld;
  afterEach(() => world.close());

  it('should sign a kiosk in and answer it on an encrypted connection', async () => {
    world = await aKioskWorld({ tls: { key: KEY, cert: CERT } });
    const frame = (m: Parameters<typeof formatMessage>[0]) => writeFrame(formatMessage(m), { sequence: '0' }, 'utf8');
    const [login = '', item = ''] = await overTls(world.port, [
      frame(message('93', { uidAlgorithm: '0', pwdAlgorithm: '0' }, [['CN', 'kiosk'], ['CO', 'kiosk']])),
      frame(message('17', { transactionDate: KIOSK_DATE }, [['AB', 'C-1']])),
    ]);
    expect(parseMessage(readFrame(Buffer.from(login), 'utf8').body).fixed.ok).toBe('1');
    const answer = parseMessage(readFrame(Buffer.from(item), 'utf8').body);
    expect(answer.fixed.circulationStatus).toBe('03');
    expect(fieldOf(answer, 'AB')).toBe('C-1');
  });
});
