import type { Delivery, Notice, NoticeChannel } from '../../../application/ports/NoticeChannel.js';
import type { DomainEvent, DomainEventName, EventOf } from '../../../domain/shared/DomainEvent.js';
import { MS_PER_DAY } from '../../../domain/shared/Clock.js';
import type { Palette, Style } from '../Palette.js';

/** Who and what the story is about, so lines read "Priya", not "M-PRIYA". */
export interface Cast {
  readonly members: Readonly<Record<string, string>>;
  readonly titles: Readonly<Record<string, string>>;
}

type Describe<N extends DomainEventName> = (event: EventOf<N>, say: Sayings) => string;
type Describers = { readonly [N in DomainEventName]?: Describe<N> };

interface Sayings {
  member(id: string): string;
  title(isbn: string): string;
  money(amount: number, currency: string): string;
  when(iso: string | null): string;
}

/** One line per kind of event; kinds with no line here print their name and fields. */
const DESCRIBERS: Describers = {
  'book.added': (e, say) => `${say.title(e.recordId)} is catalogued (${e.isbn === undefined ? `record ${e.recordId}` : `ISBN ${e.isbn}`})`,
  'copy.added': (e) => `copy ${e.barcode} is shelved at ${e.branch}`,
  'member.registered': (e, say) => `${say.member(e.memberId)} joins as ${e.memberType.toLowerCase()}`,
  'copy.checked-out': (e, say) => `${say.member(e.memberId)} borrows ${e.barcode}, due ${say.when(e.dueAt)}`,
  'reservation.placed': (e, say) => `${say.member(e.memberId)} reserves ${say.title(e.isbn)}: #${e.position} in the queue`,
  'copy.returned': (e, say) => `${say.member(e.memberId)} returns ${e.barcode}${e.daysLate > 0 ? `, ${e.daysLate} days late` : ', on time'}`,
  'copy.held': (e, say) => `${e.barcode} goes to the hold shelf for ${say.member(e.memberId)} until ${say.when(e.expiresAt)}`,
  'reservation.ready-for-pickup': (e, say) => `${say.member(e.memberId)}'s reservation is ready for pickup (${e.barcode})`,
  'reservation.fulfilled': (e, say) => `${say.member(e.memberId)}'s reservation is fulfilled with ${e.barcode}`,
  'fine.assessed': (e, say) => `${say.member(e.memberId)} is fined ${say.money(e.amount, e.currency)} (${e.reason.toLowerCase()})`,
  'fine.paid': (e, say) => `${say.member(e.memberId)} pays ${say.money(e.amount, e.currency)}; owes ${say.money(e.balanceAfter, e.currency)}`,
  'loan.renewed': (e, say) => `${say.member(e.memberId)} renews ${e.barcode} until ${say.when(e.dueAt)}`,
  'fine.accrued': (e, say) => `${say.member(e.memberId)}'s overdue fine grows to ${say.money(e.amount, e.currency)}`,
  'member.card-renewed': (e, say) => `${say.member(e.memberId)}'s card is renewed until ${say.when(e.expiresAt)}`,
};

const AREA_STYLES: Readonly<Record<string, Style>> = {
  book: 'blue',
  copy: 'cyan',
  member: 'magenta',
  reservation: 'green',
  loan: 'cyan',
  fine: 'yellow',
};

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/**
 * The demo's printed timeline. Events (from `library.events.onAny`) and notices (it is the library's only channel)
 * arrive asynchronously; they are kept until `flush()`, which the story calls after `library.idle()`,
 * so every step prints its events, then its notices, in a fixed order.
 */
export class Timeline implements NoticeChannel {
  readonly medium = '*';
  private readonly events: DomainEvent[] = [];
  private readonly notices: Notice[] = [];
  private readonly say: Sayings;

  constructor(
    private readonly cast: Cast,
    private readonly start: Date,
    private readonly palette: Palette,
    private readonly write: (line: string) => void,
  ) {
    this.say = {
      member: (id) => cast.members[id] ?? id,
      title: (isbn) => cast.titles[isbn] ?? isbn,
      money: (amount, currency) => `${currency === 'INR' ? '₹' : `${currency} `}${(amount / 100).toFixed(2)}`,
      when: (iso) => (iso === null ? 'collected' : `${Timeline.date(new Date(iso))} ${Timeline.time(iso)}`),
    };
  }

  record(event: DomainEvent): void {
    this.events.push(event);
  }

  send(delivery: Delivery): Promise<void> {
    this.notices.push(delivery.notice);
    return Promise.resolve();
  }

  day(now: Date): void {
    const day = Math.floor((now.getTime() - this.start.getTime()) / MS_PER_DAY);
    const heading = `── Day ${day} · ${Timeline.date(now)} `;
    this.write('');
    this.write(this.palette.paint('bold', heading.padEnd(60, '─')));
  }

  step(narration: string): void {
    this.write(this.palette.paint('bold', `▸ ${narration}`));
  }

  refused(code: string, message: string): void {
    this.write(`  ${this.palette.paint('red', `✗ refused ${code}`)}  ${message}`);
  }

  title(text: string): void {
    this.write(this.palette.paint(['bold', 'underline'], text));
  }

  blank(): void {
    this.write('');
  }

  note(text: string): void {
    this.write(`  ${this.palette.paint('dim', text)}`);
  }

  flush(): void {
    for (const event of this.events.splice(0)) {
      const describe = DESCRIBERS[event.name] as Describe<DomainEventName> | undefined;
      const text = describe ? describe(event, this.say) : JSON.stringify(event);
      const style = AREA_STYLES[event.name.split('.')[0] ?? ''] ?? 'white';
      this.write(`  ${this.palette.paint('dim', Timeline.time(event.occurredAt))}  ${this.palette.paint(style, event.name.padEnd(29))} ${text}`);
    }
    for (const notice of this.notices.splice(0)) {
      this.write(`  ${this.palette.paint('yellow', '✉ notice')} to ${this.say.member(notice.memberId)}: ${notice.subject}`);
    }
  }

  static date(d: Date): string {
    return `${WEEKDAYS[d.getUTCDay()] ?? ''} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()] ?? ''} ${d.getUTCFullYear()}`;
  }

  private static time(iso: string): string {
    return iso.slice(11, 16);
  }
}
