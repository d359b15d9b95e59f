import { Library } from '../../src/Library.js';
import type { LoanCategory } from '../../src/domain/catalog/LoanCategory.js';
import type { PolicyDefinition } from '../../src/domain/policy/CirculationPolicy.js';
import { FixedClock } from '../../src/infrastructure/system/FixedClock.js';
import { SequentialIdGenerator } from '../../src/infrastructure/system/ids.js';
import { BookFixtures, type BookKey } from '../fixtures/catalog.js';
import { enrol } from '../fixtures/members.js';

/** A library on `policy` with every fixture member enrolled, its clock at `start`. */
export async function aRulesLibrary(policy: PolicyDefinition, start: string) {
  const clock = new FixedClock(start);
  const library = Library.create({ clock, policy, ids: new SequentialIdGenerator() });
  await enrol(library, 'priya', 'raj', 'meera', 'arjun', 'dana');
  return { library, clock };
}

/** Shelves copy `<book>-<branch>-<n>` with a loan category. */
export async function shelveAt(
  library: Library,
  book: BookKey,
  branch: string,
  options: { loanCategory?: LoanCategory; n?: number; replacementPrice?: number } = {},
): Promise<string> {
  const fixture = BookFixtures[book];
  if (!(await library.catalog.findBook(fixture.isbn))) await library.catalog.addBook(fixture);
  const barcode = `${book}-${branch}-${String(options.n ?? 1)}`;
  await library.catalog.addCopy({
    barcode,
    isbn: fixture.isbn,
    branch,
    rack: 'A-1',
    loanCategory: options.loanCategory ?? 'STANDARD',
    ...(options.replacementPrice === undefined ? {} : { replacementPrice: options.replacementPrice }),
  });
  return barcode;
}
