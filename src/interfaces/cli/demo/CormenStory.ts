import { Library } from '../../../Library.js';
import { ShelfmarkError } from '../../../domain/shared/ShelfmarkError.js';
import { FixedClock } from '../../../infrastructure/system/FixedClock.js';
import { SequentialIdGenerator } from '../../../infrastructure/system/ids.js';
import type { Palette } from '../Palette.js';
import { Timeline } from './Timeline.js';

const MONDAY_MORNING = new Date('2026-09-07T09:00:00.000Z');

const CORMEN = {
  isbn: '9780262033848',
  title: 'Introduction to Algorithms',
  authors: ['Thomas H. Cormen', 'Charles E. Leiserson', 'Ronald L. Rivest', 'Clifford Stein'],
  subjects: ['Algorithms'],
  year: 2009,
} as const;

const CAST = [
  { id: 'M-PRIYA', name: 'Priya', type: 'STUDENT' },
  { id: 'M-RAJ', name: 'Raj', type: 'STUDENT' },
  { id: 'M-MEERA', name: 'Meera', type: 'FACULTY' },
  { id: 'M-ARJUN', name: 'Arjun', type: 'PUBLIC' },
  { id: 'M-KABIR', name: 'Kabir', type: 'PUBLIC' },
] as const;

const [PRIYA, RAJ, MEERA, ARJUN, KABIR] = CAST;

/**
 * The college story on the embedded in-memory library with the college policy: Priya waits for
 * Cormen, Raj cannot renew because of her, his return goes to her hold shelf with a notice, she
 * returns late, is fined under the student strategy, and pays. A fixed clock makes every run alike.
 */
export class CormenStory {
  private readonly clock = new FixedClock(MONDAY_MORNING);
  private readonly timeline: Timeline;
  private readonly library: Library;

  constructor(palette: Palette, write: (line: string) => void) {
    const cast = { members: Object.fromEntries(CAST.map((m) => [m.id, m.name])), titles: { [CORMEN.isbn]: CORMEN.title } };
    this.timeline = new Timeline(cast, MONDAY_MORNING, palette, write);
    this.library = Library.create({ clock: this.clock, policy: 'college', ids: new SequentialIdGenerator(), channels: [this.timeline] });
    this.library.events.onAny((event) => {
      this.timeline.record(event);
    });
  }

  async tell(): Promise<void> {
    const { catalog, members, circulation, reservations, fines } = this.library;
    const t = this.timeline;
    t.title('shelfmark demo · Priya waits for Cormen');
    t.note('in-memory library, college policy: 10-day loans, 24 h pickup holds, fines by member type');
    t.day(this.clock.now());

    await this.step('The library catalogues Cormen and shelves three copies on rack 4-B', async () => {
      await catalog.addBook(CORMEN);
      await catalog.addCopies([1, 2, 3].map((n) => ({ barcode: `cormen-${n}`, isbn: CORMEN.isbn, branch: 'main', rack: '4-B' })));
    });
    await this.step('Five readers get library cards: two students, a faculty member, two public readers', async () => {
      for (const m of CAST) await members.register({ id: m.id, name: m.name, type: m.type });
    });
    await this.step('Raj, Meera and Arjun borrow the three copies (10-day loans)', async () => {
      for (const [m, n] of [[RAJ, 1], [MEERA, 2], [ARJUN, 3]] as const) await circulation.checkOut({ memberId: m.id, barcode: `cormen-${n}` });
    });
    await this.step('Priya finds no copy on the shelf and reserves the title; Kabir queues behind her', async () => {
      await reservations.reserve({ memberId: PRIYA.id, isbn: CORMEN.isbn });
      await reservations.reserve({ memberId: KABIR.id, isbn: CORMEN.isbn });
    });
    await this.step('Raj asks to renew his copy', () => circulation.renew({ barcode: 'cormen-1' }));

    this.advanceDays(8);
    await this.step('Raj returns cormen-1: it goes to the hold shelf for the head of the queue', () => circulation.returnCopy({ barcode: 'cormen-1' }));

    this.advanceDays(1);
    await this.step('Priya picks up the copy held for her', () => circulation.checkOut({ memberId: PRIYA.id, barcode: 'cormen-1' }));
    await this.step('Meera returns cormen-2: now Kabir is first in line', () => circulation.returnCopy({ barcode: 'cormen-2' }));

    this.advanceDays(15);
    await this.step('Priya returns cormen-1 five days late (students: 2 days of grace, then ₹3 a day)', () =>
      circulation.returnCopy({ barcode: 'cormen-1' }),
    );
    await this.step('Priya pays her fine: ₹4 in cash, then ₹5 by card', async () => {
      await fines.pay({ memberId: PRIYA.id, amount: 400, method: 'cash' });
      await fines.pay({ memberId: PRIYA.id, amount: 500, method: 'card' });
    });

    const priya = await members.get(PRIYA.id);
    const shelf = await catalog.availability(CORMEN.isbn);
    t.blank();
    t.note(`Priya owes ₹${(priya.fineBalance.amount / 100).toFixed(2)}; Cormen: ${shelf.byStatus.LOANED} on loan, ${shelf.byStatus.RESERVED} on the hold shelf, ${shelf.available} on the shelf`);
    await this.library.close();
  }

  private async step(narration: string, action: () => Promise<unknown>): Promise<void> {
    this.timeline.step(narration);
    try {
      await action();
    } catch (error) {
      if (!ShelfmarkError.isShelfmarkError(error)) throw error;
      this.timeline.refused(error.code, error.message);
    }
    await this.library.idle();
    this.timeline.flush();
  }

  private advanceDays(days: number): void {
    this.clock.advanceDays(days);
    this.timeline.day(this.clock.now());
  }
}
