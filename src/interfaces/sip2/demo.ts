import type { Library } from '../../Library.js';
import { MemberPins } from '../../application/auth/MemberPins.js';
import { SecretHasher, type ScryptCost } from '../../application/auth/SecretHasher.js';
import { DEFAULT_ALLOWED_MESSAGES, IMPLEMENTED_MESSAGES } from './handlers/index.js';
import { addSip2Account } from './Sip2Logins.js';

/** What the demo library holds, for the kiosk that tries it. */
export const SIP2_DEMO = {
  login: { user: 'kiosk', password: 'kiosk', location: 'main' },
  patron: { id: 'P-1001', name: 'Priya Raman', pin: '1234' },
  otherMember: { id: 'P-2002', name: 'Raj Mehta' },
  book: { isbn: '9780262033848', title: 'Introduction to Algorithms', authors: ['Thomas H. Cormen', 'Charles E. Leiserson', 'Ronald L. Rivest', 'Clifford Stein'] },
  otherBook: { isbn: '9780132350884', title: 'Clean Code', authors: ['Robert C. Martin'] },
  /** C-1 and C-3 are copies of `book`, C-2 of `otherBook`. */
  onShelf: ['C-1', 'C-2'],
  onLoan: 'C-3',
} as const;

/**
 * Fills a library for trying a kiosk: SIP login kiosk/kiosk (every message), member P-1001 with PIN 1234 who may
 * borrow, copies C-1 and C-2 on the shelf, and C-3 on loan to another member.
 */
export async function seedSip2Demo(library: Library, scryptCost?: ScryptCost): Promise<void> {
  const hasher = new SecretHasher(scryptCost);
  const { login, patron, otherMember, book, otherBook, onShelf, onLoan } = SIP2_DEMO;
  await addSip2Account(library.sip2Accounts, hasher, library.clock, { ...login, allowedMessages: DEFAULT_ALLOWED_MESSAGES }, IMPLEMENTED_MESSAGES);
  await library.members.register({ id: patron.id, name: patron.name, type: 'PUBLIC' });
  await library.members.register({ id: otherMember.id, name: otherMember.name, type: 'PUBLIC' });
  await new MemberPins(library.credentials, hasher, library.members, library.clock).setPin(patron.id, patron.pin);
  for (const { isbn, title, authors } of [book, otherBook]) await library.catalog.addBook({ isbn, title, authors: [...authors] });
  const [first, second] = onShelf;
  for (const [barcode, isbn] of [[first, book.isbn], [second, otherBook.isbn], [onLoan, book.isbn]] as const) {
    await library.catalog.addCopy({ barcode, isbn, branch: login.location, rack: 'A-1' });
  }
  await library.circulation.checkOut({ memberId: otherMember.id, barcode: onLoan });
}
