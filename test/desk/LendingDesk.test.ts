import { describe, expect, it } from 'vitest';
import { LendingDesk, RecordingChannel } from '../../src/index.js';

/** Seed 004's people and books, as the seed's examples name them. */
const HARRY_POTTER = { title: "Harry Potter and the Sorcerer's Stone", author: 'J K Rowling' } as const;
const CLEAN_CODE = { title: 'Clean Code', author: 'Robert C Martin' } as const;
const THE_HOBBIT = { title: 'The Hobbit', author: 'J R R Tolkien' } as const;

async function aDeskWith(users: readonly [string, string][], books: readonly { title: string; author: string; copies: number }[]): Promise<LendingDesk> {
  const desk = new LendingDesk();
  for (const [userId, name] of users) await desk.registerUser(userId, name);
  for (const b of books) await desk.addBook(b.title, b.author, b.copies);
  return desk;
}

describe(LendingDesk, () => {
  describe('seed 004, Example 1: add books (including more copies), register users, and issue immediately', () => {
    it('should answer every call as the seed does', async () => {
      const desk = new LendingDesk();
      expect(await desk.addBook("Harry Potter and the Sorcerer's Stone", 'J K Rowling', 2)).toBe('BOOK_ID,ROW1000');
      expect(await desk.addBook("Harry Potter and the Sorcerer's Stone", 'J K Rowling', 1)).toBe('BOOK_ID,ROW1000');
      expect(await desk.registerUser('U1', 'Alice')).toBe('SUCCESS');
      expect(await desk.registerUser('U2', 'Bob')).toBe('SUCCESS');
      expect(await desk.requestBorrow('U1', 'ROW1000', 1)).toBe('ISSUED');
      expect(await desk.requestBorrow('U2', 'ROW1000', 1)).toBe('ISSUED');
      expect(await desk.usersHavingBook('ROW1000')).toEqual(['U1', 'U2']);
      expect(await desk.booksIssuedToUser('U1')).toEqual(['ROW1000']);
    });
  });

  describe('seed 004, Example 2: waitlist behavior, dequeue + HELD_FOR for FIFO head, and late fine on return', () => {
    it('should answer every call as the seed does', async () => {
      const desk = new LendingDesk();
      expect(await desk.registerUser('U1', 'Alice')).toBe('SUCCESS');
      expect(await desk.registerUser('U2', 'Bob')).toBe('SUCCESS');
      expect(await desk.registerUser('U3', 'Charlie')).toBe('SUCCESS');
      expect(await desk.addBook('Clean Code', 'Robert C Martin', 1)).toBe('BOOK_ID,MAR1000');
      expect(await desk.requestBorrow('U1', 'MAR1000', 5)).toBe('ISSUED');
      expect(await desk.requestBorrow('U2', 'MAR1000', 6)).toBe('WAITLISTED,1');
      expect(await desk.requestBorrow('U3', 'MAR1000', 6)).toBe('WAITLISTED,2');
      expect(await desk.returnBook('U1', 'MAR1000', 10)).toBe('RETURNED,0');
      expect(await desk.requestBorrow('U3', 'MAR1000', 10)).toBe('ALREADY_WAITLISTED');
      expect(await desk.requestBorrow('U2', 'MAR1000', 10)).toBe('ISSUED');
      expect(await desk.returnBook('U2', 'MAR1000', 30)).toBe('RETURNED,120');
      expect(await desk.requestBorrow('U3', 'MAR1000', 30)).toBe('ISSUED');
      expect(await desk.usersHavingBook('MAR1000')).toEqual(['U3']);
      expect(await desk.booksIssuedToUser('U2')).toEqual([]);
    });

    it('should hold the returned copy in the engine for the FIFO head and tell them', async () => {
      const notifier = new RecordingChannel();
      const desk = new LendingDesk({ notifier });
      for (const [userId, name] of [['U1', 'Alice'], ['U2', 'Bob'], ['U3', 'Charlie']] as const) await desk.registerUser(userId, name);
      await desk.addBook(CLEAN_CODE.title, CLEAN_CODE.author, 1);
      await desk.requestBorrow('U1', 'MAR1000', 5);
      await desk.requestBorrow('U2', 'MAR1000', 6);
      await desk.requestBorrow('U3', 'MAR1000', 6);
      await desk.returnBook('U1', 'MAR1000', 10);

      expect(await desk.library.catalog.getCopy('MAR1000-0001')).toMatchObject({ status: 'RESERVED', heldFor: 'U2', holdExpiresAt: null });
      await desk.library.idle();
      expect(notifier.notices({ kind: 'reservation-ready' }).map((n) => n.memberId)).toEqual(['U2']);
    });

    it('should answer the same fine the engine records in the member ledger, in paise', async () => {
      const desk = await aDeskWith([['U1', 'Alice']], [{ ...CLEAN_CODE, copies: 1 }]);
      await desk.requestBorrow('U1', 'MAR1000', 10);
      expect(await desk.returnBook('U1', 'MAR1000', 30)).toBe('RETURNED,120');
      expect((await desk.library.fines.ledger('U1')).balance).toEqual({ amount: 12_000, currency: 'INR' });
    });
  });

  describe('seed 004, Example 3: fine calculation on late return', () => {
    it('should answer every call as the seed does', async () => {
      const desk = new LendingDesk();
      expect(await desk.registerUser('U1', 'Alice')).toBe('SUCCESS');
      expect(await desk.addBook('The Hobbit', 'J R R Tolkien', 1)).toBe('BOOK_ID,TOL1000');
      expect(await desk.requestBorrow('U1', 'TOL1000', 1)).toBe('ISSUED');
      expect(await desk.returnBook('U1', 'TOL1000', 20)).toBe('RETURNED,100');
      expect(await desk.usersHavingBook('TOL1000')).toEqual([]);
      expect(await desk.booksIssuedToUser('U1')).toEqual([]);
    });
  });

  describe('.addBook', () => {
    describe('when authors share a last-name prefix', () => {
      it('should number each prefix from 1000 on its own', async () => {
        const desk = new LendingDesk();
        expect(await desk.addBook('Chamber of Secrets', 'J K Rowling', 1)).toBe('BOOK_ID,ROW1000');
        expect(await desk.addBook('The Hobbit', 'J R R Tolkien', 1)).toBe('BOOK_ID,TOL1000');
        expect(await desk.addBook('Prisoner of Azkaban', 'J K Rowling', 1)).toBe('BOOK_ID,ROW1001');
        expect(await desk.addBook('Rowing Basics', 'Ann Rowe', 1)).toBe('BOOK_ID,ROW1002');
      });
    });

    describe('when the last name is shorter than three letters', () => {
      it('should use the whole last name, uppercased', async () => {
        const desk = new LendingDesk();
        expect(await desk.addBook('Tao Te Ching', 'Lao Zi', 1)).toBe('BOOK_ID,ZI1000');
        expect(await desk.addBook('Notes', 'Ng', 1)).toBe('BOOK_ID,NG1000');
      });
    });

    describe('when the author\'s name is not plain ASCII', () => {
      it('should number the book by its letters and catalogue it as a record without an ISBN, keyed by the desk', async () => {
        const desk = new LendingDesk();
        expect(await desk.addBook('Die Blechtrommel', 'Günter Grass', 1)).toBe('BOOK_ID,GRA1000');
        expect(await desk.addBook('Der Zauberberg', 'Thomas Mann', 1)).toBe('BOOK_ID,MAN1000');
        expect(await desk.addBook('Ulysses', "James O'Brien", 1)).toBe("BOOK_ID,O'B1000");
        expect(await desk.addBook('論語', '孔子', 1)).toBe('BOOK_ID,孔子1000');
        await desk.registerUser('U1', 'Alice');
        expect(await desk.requestBorrow('U1', "O'B1000", 1)).toBe('ISSUED');
        expect(await desk.requestBorrow('U1', '孔子1000', 1)).toBe('ISSUED');
        expect(await desk.booksIssuedToUser('U1')).toEqual(["O'B1000", '孔子1000'].sort());
        expect(await desk.library.catalog.getBook('desk-000004')).toMatchObject({ recordId: 'desk-000004', isbn: null, title: '論語', authors: ['孔子'] });
      });
    });

    describe('when the same title is added by a different author', () => {
      it('should be a distinct book', async () => {
        const desk = new LendingDesk();
        expect(await desk.addBook('Algorithms', 'Robert Sedgewick', 1)).toBe('BOOK_ID,SED1000');
        expect(await desk.addBook('Algorithms', 'Jeff Erickson', 1)).toBe('BOOK_ID,ERI1000');
      });
    });

    describe('when the title differs only in case', () => {
      it('should be a distinct book with the next id of the prefix', async () => {
        const desk = new LendingDesk();
        expect(await desk.addBook('Clean Code', 'Robert C Martin', 1)).toBe('BOOK_ID,MAR1000');
        expect(await desk.addBook('Clean code', 'Robert C Martin', 1)).toBe('BOOK_ID,MAR1001');
        expect(await desk.addBook('  Clean Code ', 'Robert C Martin', 1)).toBe('BOOK_ID,MAR1000');
      });
    });

    describe('when copies is not a positive whole number', () => {
      it.each([0, -1, 1.5, Number.NaN, 100_001])('should answer INVALID_COPIES for %s', async (copies) => {
        expect(await new LendingDesk().addBook('Clean Code', 'Robert C Martin', copies)).toBe('INVALID_COPIES');
      });
    });

    describe('when the title or the author is empty', () => {
      it.each([
        ['', 'Robert C Martin'],
        ['Clean Code', ''],
        ['   ', 'Robert C Martin'],
      ])('should answer INVALID_INPUT for (%j, %j)', async (title, author) => {
        expect(await new LendingDesk().addBook(title, author, 1)).toBe('INVALID_INPUT');
      });
    });

    describe('when adding 100,000 copies at once', () => {
      // How long this takes is measured by `npm run bench:desk`, not asserted here.
      it('should shelve them all through the bulk path, each with its own barcode', { timeout: 300_000 }, async () => {
        const desk = new LendingDesk();
        expect(await desk.addBook('The Hobbit', 'J R R Tolkien', 100_000)).toBe('BOOK_ID,TOL1000');
        await desk.registerUser('U1', 'Alice');
        expect(await desk.requestBorrow('U1', 'TOL1000', 1)).toBe('ISSUED');
        const [isbn] = [(await desk.library.members.loans('U1'))[0]!.isbn];
        const availability = await desk.library.catalog.availability(isbn);
        expect(availability).toMatchObject({ total: 100_000, available: 99_999 });
        expect((await desk.library.catalog.getCopy('TOL1000-100000')).status).toBe('AVAILABLE');
      });
    });
  });

  describe('.registerUser', () => {
    describe('when the user id is taken', () => {
      it('should answer USER_ALREADY_EXISTS', async () => {
        const desk = await aDeskWith([['U1', 'Alice']], []);
        expect(await desk.registerUser('U1', 'Another Alice')).toBe('USER_ALREADY_EXISTS');
      });
    });

    describe('when the user id or the name is empty', () => {
      it.each([
        ['', 'Alice'],
        ['U1', ''],
      ])('should answer INVALID_INPUT for (%j, %j)', async (userId, name) => {
        expect(await new LendingDesk().registerUser(userId, name)).toBe('INVALID_INPUT');
      });
    });
  });

  describe('.unregisterUser', () => {
    describe('when the user has no books and waits for none', () => {
      it('should answer SUCCESS, after which the user is unknown', async () => {
        const desk = await aDeskWith([['U1', 'Alice']], []);
        expect(await desk.unregisterUser('U1')).toBe('SUCCESS');
        expect(await desk.unregisterUser('U1')).toBe('USER_NOT_FOUND');
      });
    });

    describe('when the user is not registered', () => {
      it('should answer USER_NOT_FOUND', async () => {
        expect(await new LendingDesk().unregisterUser('U9')).toBe('USER_NOT_FOUND');
      });
    });

    describe('when the user has a book issued', () => {
      it('should answer USER_HAS_ISSUED_BOOKS', async () => {
        const desk = await aDeskWith([['U1', 'Alice']], [{ ...THE_HOBBIT, copies: 1 }]);
        await desk.requestBorrow('U1', 'TOL1000', 1);
        expect(await desk.unregisterUser('U1')).toBe('USER_HAS_ISSUED_BOOKS');
      });
    });

    describe('when the user is in a waitlist', () => {
      it('should answer USER_IN_WAITLIST', async () => {
        const desk = await aDeskWith([['U1', 'Alice'], ['U2', 'Bob']], [{ ...THE_HOBBIT, copies: 1 }]);
        await desk.requestBorrow('U1', 'TOL1000', 1);
        await desk.requestBorrow('U2', 'TOL1000', 1);
        expect(await desk.unregisterUser('U2')).toBe('USER_IN_WAITLIST');
      });
    });

    describe('when a copy is held for the user', () => {
      it('should answer USER_IN_WAITLIST until they collect it', async () => {
        const desk = await aDeskWith([['U1', 'Alice'], ['U2', 'Bob']], [{ ...THE_HOBBIT, copies: 1 }]);
        await desk.requestBorrow('U1', 'TOL1000', 1);
        await desk.requestBorrow('U2', 'TOL1000', 1);
        await desk.returnBook('U1', 'TOL1000', 2);
        expect(await desk.unregisterUser('U2')).toBe('USER_IN_WAITLIST');
      });
    });
  });

  describe('.requestBorrow', () => {
    describe('when the user is not registered', () => {
      it('should answer USER_NOT_FOUND, before looking at the book or the day', async () => {
        const desk = await aDeskWith([], [{ ...THE_HOBBIT, copies: 1 }]);
        expect(await desk.requestBorrow('U9', 'TOL1000', 1)).toBe('USER_NOT_FOUND');
        expect(await desk.requestBorrow('U9', 'NOP1000', -1)).toBe('USER_NOT_FOUND');
        expect(await desk.requestBorrow('', 'TOL1000', 1)).toBe('USER_NOT_FOUND');
      });
    });

    describe('when the book id does not exist', () => {
      it('should answer BOOK_NOT_FOUND, before looking at the day', async () => {
        const desk = await aDeskWith([['U1', 'Alice']], []);
        expect(await desk.requestBorrow('U1', 'NOP1000', 1)).toBe('BOOK_NOT_FOUND');
        expect(await desk.requestBorrow('U1', 'NOP1000', -1)).toBe('BOOK_NOT_FOUND');
      });
    });

    describe('when the day is negative, fractional or beyond the seed range', () => {
      it.each([-1, 1.5, 1_000_000_001])('should answer INVALID_DAY for %s', async (day) => {
        const desk = await aDeskWith([['U1', 'Alice']], [{ ...THE_HOBBIT, copies: 1 }]);
        expect(await desk.requestBorrow('U1', 'TOL1000', day)).toBe('INVALID_DAY');
      });
    });

    describe('when the day is 0', () => {
      it('should issue the book: day 0 is a valid day', async () => {
        const desk = await aDeskWith([['U1', 'Alice']], [{ ...THE_HOBBIT, copies: 1 }]);
        expect(await desk.requestBorrow('U1', 'TOL1000', 0)).toBe('ISSUED');
        expect(await desk.returnBook('U1', 'TOL1000', 15)).toBe('RETURNED,20');
      });
    });

    describe('when the user already has the book issued', () => {
      it('should answer ALREADY_ISSUED_TO_USER whether or not another copy is on the shelf', async () => {
        const desk = await aDeskWith([['U1', 'Alice'], ['U2', 'Bob']], [{ ...HARRY_POTTER, copies: 2 }]);
        await desk.requestBorrow('U1', 'ROW1000', 1);
        expect(await desk.requestBorrow('U1', 'ROW1000', 2)).toBe('ALREADY_ISSUED_TO_USER');
        await desk.requestBorrow('U2', 'ROW1000', 2);
        expect(await desk.requestBorrow('U1', 'ROW1000', 3)).toBe('ALREADY_ISSUED_TO_USER');
      });
    });

    describe('when the user is already waiting for the book', () => {
      it('should answer ALREADY_WAITLISTED and keep their place', async () => {
        const desk = await aDeskWith([['U1', 'Alice'], ['U2', 'Bob'], ['U3', 'Charlie']], [{ ...THE_HOBBIT, copies: 1 }]);
        await desk.requestBorrow('U1', 'TOL1000', 1);
        expect(await desk.requestBorrow('U2', 'TOL1000', 1)).toBe('WAITLISTED,1');
        expect(await desk.requestBorrow('U2', 'TOL1000', 2)).toBe('ALREADY_WAITLISTED');
        expect(await desk.requestBorrow('U3', 'TOL1000', 2)).toBe('WAITLISTED,2');
      });
    });

    describe('when the only copy is held for someone else and the user is not waiting', () => {
      it('should put the user on the waitlist, whose live length is their position', async () => {
        const desk = await aDeskWith([['U1', 'Alice'], ['U2', 'Bob'], ['U3', 'Charlie'], ['U4', 'Dan']], [{ ...THE_HOBBIT, copies: 1 }]);
        await desk.requestBorrow('U1', 'TOL1000', 1);
        await desk.requestBorrow('U2', 'TOL1000', 1);
        await desk.requestBorrow('U3', 'TOL1000', 1);
        await desk.returnBook('U1', 'TOL1000', 2); // U2 is dequeued; the copy is HELD_FOR,U2
        expect(await desk.requestBorrow('U4', 'TOL1000', 3)).toBe('WAITLISTED,2');
        expect(await desk.requestBorrow('U1', 'TOL1000', 3)).toBe('WAITLISTED,3');
      });
    });

    describe('when new copies arrive while users wait', () => {
      it('should hold them for the waitlist head first, not issue them to a newcomer', async () => {
        const desk = await aDeskWith([['U1', 'Alice'], ['U2', 'Bob'], ['U3', 'Charlie']], [{ ...THE_HOBBIT, copies: 1 }]);
        await desk.requestBorrow('U1', 'TOL1000', 1);
        await desk.requestBorrow('U2', 'TOL1000', 1);
        await desk.addBook(THE_HOBBIT.title, THE_HOBBIT.author, 1);
        expect(await desk.requestBorrow('U3', 'TOL1000', 2)).toBe('WAITLISTED,1');
        expect(await desk.requestBorrow('U2', 'TOL1000', 2)).toBe('ISSUED');
      });
    });
  });

  describe('.returnBook', () => {
    describe('when the user is not registered', () => {
      it('should answer USER_NOT_FOUND', async () => {
        const desk = await aDeskWith([], [{ ...THE_HOBBIT, copies: 1 }]);
        expect(await desk.returnBook('U9', 'TOL1000', 1)).toBe('USER_NOT_FOUND');
      });
    });

    describe('when the book id does not exist', () => {
      it('should answer BOOK_NOT_FOUND', async () => {
        const desk = await aDeskWith([['U1', 'Alice']], []);
        expect(await desk.returnBook('U1', 'NOP1000', 1)).toBe('BOOK_NOT_FOUND');
      });
    });

    describe('when the user does not have the book', () => {
      it('should answer NOT_ISSUED_TO_USER, also for a user who is only waiting', async () => {
        const desk = await aDeskWith([['U1', 'Alice'], ['U2', 'Bob']], [{ ...THE_HOBBIT, copies: 1 }]);
        expect(await desk.returnBook('U1', 'TOL1000', 1)).toBe('NOT_ISSUED_TO_USER');
        await desk.requestBorrow('U1', 'TOL1000', 1);
        await desk.requestBorrow('U2', 'TOL1000', 1);
        expect(await desk.returnBook('U2', 'TOL1000', 2)).toBe('NOT_ISSUED_TO_USER');
      });
    });

    describe('when the day is negative or before the borrow day', () => {
      it('should answer INVALID_DAY and keep the loan open', async () => {
        const desk = await aDeskWith([['U1', 'Alice']], [{ ...THE_HOBBIT, copies: 1 }]);
        await desk.requestBorrow('U1', 'TOL1000', 10);
        expect(await desk.returnBook('U1', 'TOL1000', -1)).toBe('INVALID_DAY');
        expect(await desk.returnBook('U1', 'TOL1000', 9)).toBe('INVALID_DAY');
        expect(await desk.booksIssuedToUser('U1')).toEqual(['TOL1000']);
        expect(await desk.returnBook('U1', 'TOL1000', 10)).toBe('RETURNED,0');
      });
    });

    describe('when returned on the 14th day or earlier', () => {
      it('should charge nothing; the 15th day costs ₹20', async () => {
        const desk = await aDeskWith([['U1', 'Alice']], [{ ...THE_HOBBIT, copies: 1 }]);
        await desk.requestBorrow('U1', 'TOL1000', 1);
        expect(await desk.returnBook('U1', 'TOL1000', 15)).toBe('RETURNED,0');
        await desk.requestBorrow('U1', 'TOL1000', 15);
        expect(await desk.returnBook('U1', 'TOL1000', 30)).toBe('RETURNED,20');
      });
    });

    describe('when returned late', () => {
      it('should answer with the overdue fine recorded in the user\'s ledger', async () => {
        const desk = await aDeskWith([['U1', 'Alice']], [{ ...THE_HOBBIT, copies: 1 }]);
        await desk.requestBorrow('U1', 'TOL1000', 3);
        expect(await desk.returnBook('U1', 'TOL1000', 27)).toBe('RETURNED,200');
        const ledger = await desk.library.fines.ledger('U1');
        expect(ledger.fines.map((f) => [f.reason, f.amount.amount])).toEqual([['OVERDUE', 20_000]]);
      });
    });

    describe('when days reach 1,000,000,000, beyond the dates a clock can show', () => {
      it('should price every late day exactly', async () => {
        const desk = await aDeskWith([['U1', 'Alice'], ['U2', 'Bob']], [{ ...THE_HOBBIT, copies: 2 }]);
        expect(await desk.requestBorrow('U1', 'TOL1000', 0)).toBe('ISSUED');
        expect(await desk.returnBook('U1', 'TOL1000', 1_000_000_000)).toBe(`RETURNED,${(1_000_000_000 - 14) * 20}`);
        expect(await desk.requestBorrow('U2', 'TOL1000', 999_999_980)).toBe('ISSUED');
        expect(await desk.returnBook('U2', 'TOL1000', 1_000_000_000)).toBe('RETURNED,120');
        expect(await desk.requestBorrow('U2', 'TOL1000', 1_000_000_000)).toBe('ISSUED');
        expect(await desk.returnBook('U2', 'TOL1000', 1_000_000_000)).toBe('RETURNED,0');
      });
    });
  });

  describe('.usersHavingBook', () => {
    describe('when the book does not exist', () => {
      it('should answer []', async () => {
        expect(await new LendingDesk().usersHavingBook('NOP1000')).toEqual([]);
      });
    });

    describe('when several users have copies', () => {
      it('should list them in ascending lexicographic order', async () => {
        const desk = await aDeskWith([['u10', 'A'], ['U2', 'B'], ['U10', 'C']], [{ ...THE_HOBBIT, copies: 3 }]);
        for (const userId of ['u10', 'U2', 'U10']) await desk.requestBorrow(userId, 'TOL1000', 1);
        expect(await desk.usersHavingBook('TOL1000')).toEqual(['U10', 'U2', 'u10']);
      });
    });
  });

  describe('.booksIssuedToUser', () => {
    describe('when the user does not exist', () => {
      it('should answer []', async () => {
        expect(await new LendingDesk().booksIssuedToUser('U9')).toEqual([]);
      });
    });

    describe('when the user has several books', () => {
      it('should list their ids in ascending lexicographic order', async () => {
        const desk = await aDeskWith([['U1', 'Alice']], [{ ...THE_HOBBIT, copies: 1 }, { ...CLEAN_CODE, copies: 1 }, { ...HARRY_POTTER, copies: 1 }]);
        for (const bookId of ['TOL1000', 'MAR1000', 'ROW1000']) await desk.requestBorrow('U1', bookId, 1);
        expect(await desk.booksIssuedToUser('U1')).toEqual(['MAR1000', 'ROW1000', 'TOL1000']);
      });
    });
  });

  describe('when calls are made without waiting for each other', () => {
    it('should apply them one at a time, in call order, each on its own day', async () => {
      const desk = await aDeskWith([['U1', 'Alice']], [{ ...THE_HOBBIT, copies: 1 }]);
      const answers = await Promise.all([desk.requestBorrow('U1', 'TOL1000', 1), desk.returnBook('U1', 'TOL1000', 20), desk.booksIssuedToUser('U1')]);
      expect(answers).toEqual(['ISSUED', 'RETURNED,100', []]);
    });
  });
});
