/**
 * The server side of `npm run bench:http`, in a process of its own so the load generator never shares its event loop.
 *   tsx bench/http/server.ts shelfmark   → the HTTP API over an in-memory library (see CATALOGUE below)
 *   tsx bench/http/server.ts empty       → a bare Fastify app with one empty route: the ceiling on this machine
 * Prints one JSON line on stdout once listening: { address, token }. Stops on SIGTERM.
 */
import Fastify from 'fastify';
import { Library } from '../../src/Library.js';
import { createServer } from '../../src/interfaces/http/createServer.js';
import { SequentialIdGenerator } from '../../src/infrastructure/system/ids.js';
import { CATALOGUE, copyBarcode, isbn13, memberId, titleOf } from './catalogue.js';

const kind = process.argv[2];

async function shelfmark(): Promise<{ address: string; token: string; close: () => Promise<void> }> {
  const library = Library.create({ policy: 'network', ids: new SequentialIdGenerator() });
  for (let t = 0; t < CATALOGUE.titles; t++) {
    const { title, author, subject } = titleOf(t);
    await library.catalog.addBook({ isbn: isbn13(t), title, authors: [author], subjects: [subject] });
  }
  for (let c = 0; c < CATALOGUE.copies; c++) await library.catalog.addCopy({ barcode: copyBarcode(c), isbn: isbn13(c % CATALOGUE.titles), branch: 'main', rack: 'R1' });
  for (let m = 0; m < CATALOGUE.members; m++) await library.members.register({ id: memberId(m), name: `Member ${m}`, plan: 'PREMIUM' });
  const server = await createServer(library);
  const { token } = await server.staffTokens.issue('bench counter', 'counter');
  const address = await server.listen({ port: 0 });
  return {
    address,
    token,
    close: async () => {
      await server.close();
      await library.close();
    },
  };
}

async function empty(): Promise<{ address: string; token: string; close: () => Promise<void> }> {
  const app = Fastify({ logger: false });
  app.get('/empty', () => ({}));
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { address, token: '', close: () => app.close() };
}

if (kind !== 'shelfmark' && kind !== 'empty') throw new Error('usage: server.ts shelfmark|empty');
const running = kind === 'shelfmark' ? await shelfmark() : await empty();
process.stdout.write(`${JSON.stringify({ address: running.address, token: running.token })}\n`);
process.once('SIGTERM', () => {
  void running.close().then(() => process.exit(0));
});
