import type { IdGenerator } from '../../application/ports/IdGenerator.js';
import type { NoticeChannel } from '../../application/ports/NoticeChannel.js';
import { ValidationError } from '../../domain/shared/ShelfmarkError.js';
import { FixedClock } from '../../infrastructure/system/FixedClock.js';
import { SequentialIdGenerator } from '../../infrastructure/system/ids.js';
import { Library } from '../../Library.js';
import { DeskCalendar } from './DeskCalendar.js';
import { DeskCatalog, type DeskBook } from './DeskCatalog.js';
import {
  hasCode,
  refusalFor,
  type AddBookResult,
  type RegisterUserResult,
  type RequestBorrowResult,
  type ReturnBookResult,
  type UnregisterUserResult,
} from './results.js';

export interface LendingDeskOptions {
  /** The channel every notice goes to (a held copy, a fine), through the engine's outbox. Default: a RecordingChannel. */
  readonly notifier?: NoticeChannel;
  /** Loan, reservation and fine ids. Default: sequential, so runs are reproducible. */
  readonly ids?: IdGenerator;
}

/** 1 <= copies <= 100,000 per call. */
const MAX_COPIES_PER_CALL = 100_000;

/**
 * The lending desk, on the engine: the `desk` policy (14 days, ₹20 per late day, holds kept
 * until collected), the same copies, FIFO queues, held copies, ledger and fine strategy as every
 * other library. The desk adds only what its API needs and the engine does not have: string answers,
 * integer days, and book ids like `ROW1000` in place of ISBNs.
 *
 * Calls are applied one at a time in the order they are made, each on its own day.
 */
export class LendingDesk {
  readonly library: Library;
  private readonly calendar: DeskCalendar;
  private readonly books = new DeskCatalog();
  /** The desk's day each open loan began on (the clock cannot show every desk day). */
  private readonly borrowDays = new Map<string, number>();
  private tail: Promise<unknown> = Promise.resolve();

  constructor(options: LendingDeskOptions = {}) {
    const clock = new FixedClock(DeskCalendar.instantOf(DeskCalendar.FIRST_DAY));
    this.calendar = new DeskCalendar(clock);
    this.library = Library.create({
      clock,
      policy: 'desk',
      ids: options.ids ?? new SequentialIdGenerator(),
      ...(options.notifier === undefined ? {} : { channels: [options.notifier] }),
    });
  }

  /** Catalogues a new (title, author) with `copies` copies, or shelves more copies of a known one. */
  addBook(title: string, author: string, copies: number): Promise<AddBookResult> {
    return this.serially<AddBookResult>(async () => {
      if (!Number.isSafeInteger(copies) || copies < 1 || copies > MAX_COPIES_PER_CALL) return 'INVALID_COPIES';
      let described: { title: string; author: string };
      try {
        described = DeskCatalog.describe(title, author);
      } catch (error) {
        return refusalFor(error, ['INVALID_INPUT'] as const);
      }
      const book = this.books.find(described.title, described.author) ?? (await this.catalogue(described.title, described.author));
      await this.library.catalog.addCopies(
        DeskCatalog.barcodes(book, copies).map((barcode) => ({ barcode, isbn: book.recordId, branch: 'desk', rack: book.bookId })),
      );
      book.copies += copies;
      return `BOOK_ID,${book.bookId}`;
    });
  }

  registerUser(userId: string, name: string): Promise<RegisterUserResult> {
    return this.serially(async () => {
      try {
        await this.library.members.register({ id: userId, name });
        return 'SUCCESS';
      } catch (error) {
        return refusalFor(error, ['INVALID_INPUT', 'USER_ALREADY_EXISTS'] as const);
      }
    });
  }

  unregisterUser(userId: string): Promise<UnregisterUserResult> {
    return this.serially(async () => {
      if (!(await this.isMember(userId))) return 'USER_NOT_FOUND';
      try {
        await this.library.members.unregister({ memberId: userId });
        return 'SUCCESS';
      } catch (error) {
        return refusalFor(error, ['USER_NOT_FOUND', 'USER_HAS_ISSUED_BOOKS', 'USER_IN_WAITLIST'] as const);
      }
    });
  }

  /** Issues the copy held for the user or any copy on the shelf; otherwise joins the FIFO waitlist. */
  requestBorrow(userId: string, bookId: string, requestDay: number): Promise<RequestBorrowResult> {
    return this.serially<RequestBorrowResult>(async () => {
      const book = await this.admit(userId, bookId, requestDay);
      if (typeof book === 'string') return book;
      this.calendar.turnTo(requestDay);
      const refusals = ['USER_NOT_FOUND', 'ALREADY_ISSUED_TO_USER', 'ALREADY_WAITLISTED'] as const;
      try {
        const loan = await this.library.circulation.checkOutTitle({ memberId: userId, isbn: book.recordId });
        this.borrowDays.set(loan.loanId, requestDay);
        return 'ISSUED';
      } catch (error) {
        if (!hasCode(error, 'NO_COPY_ON_SHELF')) return refusalFor(error, refusals);
      }
      try {
        const reservation = await this.library.reservations.reserve({ memberId: userId, isbn: book.recordId });
        return `WAITLISTED,${reservation.position ?? 0}`;
      } catch (error) {
        return refusalFor(error, refusals);
      }
    });
  }

  /**
   * Closes the user's loan of the book and hands the copy to the waitlist head; answers with the overdue fine the
   * engine recorded in the user's ledger.
   */
  returnBook(userId: string, bookId: string, returnDay: number): Promise<ReturnBookResult> {
    return this.serially<ReturnBookResult>(async () => {
      const book = await this.admit(userId, bookId, returnDay);
      if (typeof book === 'string') return book;
      const loan = (await this.library.members.loans(userId)).find((l) => l.isbn === book.recordId);
      if (!loan) return 'NOT_ISSUED_TO_USER';
      const borrowDay = this.borrowDays.get(loan.loanId) ?? DeskCalendar.dayOf(loan.checkedOutAt);
      if (returnDay < borrowDay) return 'INVALID_DAY';
      this.calendar.turnTo(returnDay);
      const member = await this.library.members.get(userId);
      const receipt = await this.library.circulation.returnCopy({ barcode: loan.barcode });
      this.borrowDays.delete(loan.loanId);
      const recorded = receipt.finesAssessed.filter((f) => f.reason === 'OVERDUE').reduce((sum, f) => sum + f.amount.amount, 0);
      if (DeskCalendar.isExact(returnDay)) return `RETURNED,${LendingDesk.inMajorUnits(recorded)}`;
      // Past the last day a clock can show, the engine saw the return on that day; the desk's own day count prices it.
      const rule = this.library.policy.ruleFor(member);
      const daysLate = Math.max(0, returnDay - borrowDay - rule.loanDays);
      const fine = rule.fineStrategy.overdueFine({ dueAt: new Date(loan.dueAt), returnedAt: this.library.clock.now(), replacementPrice: null, lateDays: daysLate });
      return `RETURNED,${LendingDesk.inMajorUnits(fine.amount)}`;
    });
  }

  /** Auditing: who has a copy of this book now, sorted; [] for an unknown book. */
  usersHavingBook(bookId: string): Promise<string[]> {
    return this.serially(async () => {
      const book = this.books.byBookId(bookId);
      if (!book) return [];
      const loans = await this.library.circulation.openLoansOf(book.recordId);
      return LendingDesk.sorted(loans.map((l) => l.memberId));
    });
  }

  /** Auditing: the books this user has now, sorted; [] for an unknown user. */
  booksIssuedToUser(userId: string): Promise<string[]> {
    return this.serially(async () => {
      if (!(await this.isMember(userId))) return [];
      const loans = await this.library.members.loans(userId);
      return LendingDesk.sorted(loans.map((l) => this.books.bookIdOf(l.isbn)).filter((id): id is string => id !== undefined));
    });
  }

  private async catalogue(title: string, author: string): Promise<DeskBook> {
    const book = this.books.plan(title, author);
    await this.library.catalog.addBook({ recordId: book.recordId, materialType: 'BOOK', title, authors: [author] });
    this.books.register(book);
    return book;
  }

  /** The checks a day-stamped call starts with, in the desk's order: the user, then the book, then the day. */
  private async admit(userId: string, bookId: string, day: number): Promise<DeskBook | 'USER_NOT_FOUND' | 'BOOK_NOT_FOUND' | 'INVALID_DAY'> {
    if (!(await this.isMember(userId))) return 'USER_NOT_FOUND';
    const book = this.books.byBookId(bookId);
    if (!book) return 'BOOK_NOT_FOUND';
    return this.calendar.isValidDay(day) ? book : 'INVALID_DAY';
  }

  private async isMember(userId: unknown): Promise<boolean> {
    try {
      return (await this.library.members.find(userId as string)) !== null;
    } catch (error) {
      if (ValidationError.is(error)) return false;
      throw error;
    }
  }

  /** One call at a time, in call order: each call sets the shared clock to its own day. */
  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** The desk answers in rupees; the engine keeps paise. */
  private static inMajorUnits(minorUnits: number): string {
    return minorUnits % 100 === 0 ? String(minorUnits / 100) : (minorUnits / 100).toFixed(2);
  }

  private static sorted(values: readonly string[]): string[] {
    return [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }
}
