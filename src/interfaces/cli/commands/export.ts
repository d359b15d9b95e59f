import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { MarcFileWriter } from '../../../infrastructure/marc/writer.js';
import { processContext, type CliContext } from '../CliContext.js';
import { openLibrary, withStoreOptions, type StoreFlags } from '../configured.js';

interface ExportOptions extends StoreFlags {
  readonly format: 'marc' | 'marcxml';
  readonly output?: string;
}

/** Records read per transaction while exporting. */
const PAGE = 500;

export function register(program: Command, context: CliContext = processContext()): void {
  withStoreOptions(program.command('export').description("write the configured store's catalogue, records with their copies (Koha 952 holdings), as MARC 21"))
    .addOption(new Option('--format <format>', 'MARC (ISO 2709, UTF-8) or MARCXML').choices(['marc', 'marcxml']).default('marcxml'))
    .option('--output <file>', 'write to this file (default: standard output)')
    .action(async (opts: ExportOptions) => {
      const { library } = await openLibrary(context, opts);
      const file = opts.output === undefined ? null : createWriteStream(resolve(context.cwd, opts.output));
      const out = async (chunk: string | Buffer): Promise<void> => {
        if (file === null) {
          context.stdout(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
          return;
        }
        if (!file.write(chunk)) await once(file, 'drain');
      };
      let records = 0;
      try {
        const writer = new MarcFileWriter(opts.format, out);
        await writer.begin();
        let after: string | null = null;
        for (;;) {
          const page = await library.catalog.catalogPage(after, PAGE);
          for (const { book, copies } of page) await writer.write(book, copies);
          records += page.length;
          const last = page.at(-1);
          if (last === undefined || page.length < PAGE) break;
          after = last.book.recordId;
        }
        await writer.end();
      } finally {
        if (file !== null) {
          file.end();
          await once(file, 'finish');
        }
        await library.close();
      }
      if (file !== null) context.stderr(`exported ${records} records to ${opts.output}\n`);
    });
}
