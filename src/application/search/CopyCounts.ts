import { isOnShelf, mayMeetHold } from '../../domain/catalog/BookItem.js';
import type { CopyState } from '../ports/CatalogueFeed.js';

/** What a title's copies give search: the copies on the shelf (`isOnShelf`), per branch, and those that may meet a hold (`mayMeetHold`). */
export interface PrintCounts {
  readonly available: number;
  readonly byBranch: Readonly<Record<string, number>>;
  /** Lendable copies not lost: while there is one, the title can be lent in print. */
  readonly lendable: number;
}

/** One copy's share in its title's counts. */
interface Share {
  readonly isbn: string;
  readonly branch: string;
  readonly onShelf: boolean;
  readonly lendable: boolean;
}

interface TitleCounts {
  /** The one ISBN string every share of the title points at. */
  readonly isbn: string;
  available: number;
  lendable: number;
  readonly byBranch: Map<string, number>;
}

const NONE: PrintCounts = { available: 0, byBranch: {}, lendable: 0 };

/**
 * The print counts of every title, kept from the copies' changes one at a time: each change takes the copy's old share
 * out and puts its new one in, O(1) whatever the number of copies of the title. A copy is told as it is now (or as
 * gone), so hearing of a change twice, or of a copy the counts never saw, leaves them right.
 */
export class CopyCounts {
  private readonly shares = new Map<string, Share>();
  private readonly titles = new Map<string, TitleCounts>();
  private readonly branches = new Map<string, string>();

  /** The counts of a set of copies, by counting them all: what the kept counts always equal. */
  static recount(copies: readonly CopyState[]): PrintCounts {
    const byBranch: Record<string, number> = {};
    let available = 0;
    for (const c of copies) {
      if (!isOnShelf(c)) continue;
      available++;
      byBranch[c.branch] = (byBranch[c.branch] ?? 0) + 1;
    }
    return { available, byBranch, lendable: copies.filter(mayMeetHold).length };
  }

  /** Copies known, over every title. */
  get size(): number {
    return this.shares.size;
  }

  /** The copy `barcode` as it is now, or null once it is gone. Returns the ISBNs whose counts it may have changed. */
  apply(barcode: string, copy: CopyState | null): readonly string[] {
    const before = this.shares.get(barcode);
    if (before !== undefined) this.add(before, -1);
    if (copy === null) {
      this.shares.delete(barcode);
      return before === undefined ? [] : [before.isbn];
    }
    const title = this.title(copy.isbn);
    const share: Share = { isbn: title.isbn, branch: this.branch(copy.branch), onShelf: isOnShelf(copy), lendable: mayMeetHold(copy) };
    this.shares.set(barcode, share);
    this.add(share, 1);
    return before === undefined || before.isbn === share.isbn ? [share.isbn] : [before.isbn, share.isbn];
  }

  /** The title's counts now. */
  of(isbn: string): PrintCounts {
    const title = this.titles.get(isbn);
    if (title === undefined) return NONE;
    const byBranch: Record<string, number> = {};
    for (const [branch, n] of title.byBranch) byBranch[branch] = n;
    return { available: title.available, byBranch, lendable: title.lendable };
  }

  private add(share: Share, sign: 1 | -1): void {
    const title = this.titles.get(share.isbn);
    if (title === undefined) return;
    title.lendable += share.lendable ? sign : 0;
    if (!share.onShelf) return;
    title.available += sign;
    const n = (title.byBranch.get(share.branch) ?? 0) + sign;
    if (n === 0) title.byBranch.delete(share.branch);
    else title.byBranch.set(share.branch, n);
  }

  private title(isbn: string): TitleCounts {
    let title = this.titles.get(isbn);
    if (title === undefined) {
      title = { isbn, available: 0, lendable: 0, byBranch: new Map() };
      this.titles.set(isbn, title);
    }
    return title;
  }

  private branch(name: string): string {
    let kept = this.branches.get(name);
    if (kept === undefined) {
      kept = name;
      this.branches.set(name, kept);
    }
    return kept;
  }
}
