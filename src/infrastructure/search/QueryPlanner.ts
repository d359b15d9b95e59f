/* eslint-disable @typescript-eslint/no-non-null-assertion -- posting lengths are indexed by term ids the dictionary handed out. */
import { analyze, analyzeQuery } from './analysis.js';
import { ALL_FIELDS, AUTHORS_MASK, type PostingLists } from './Postings.js';
import type { TermDictionary } from './TermDictionary.js';

/** Weight of prefix expansions of the last term; lower when the term is itself a complete indexed word. */
export const PREFIX_WEIGHT = 0.9;
export const PREFIX_WEIGHT_AFTER_EXACT = 0.3;
/** Text and author terms together stay below 32 so that a group fits one bit of a Uint32 mask. */
const MAX_QUERY_TERMS = 16;
const MAX_AUTHOR_TERMS = 8;

/** An alternative term of a query group with its weight. */
export interface Alternative {
  readonly termId: number;
  readonly weight: number;
}

/** One query term: the dictionary terms that stand for it, the fields they may match, and whether it is required. */
export interface Group {
  readonly alternatives: readonly Alternative[];
  readonly fieldMask: number;
  readonly required: boolean;
  /** Postings to read: the accumulation visits the cheapest group first. */
  readonly cost: number;
}

export interface PlannerOptions {
  readonly prefixLastTerm: boolean;
  readonly typoTolerance: boolean;
}

/** Turns query text and the author filter into groups of weighted term alternatives. */
export class QueryPlanner {
  constructor(
    private readonly dictionary: TermDictionary,
    private readonly postings: PostingLists,
    private readonly options: PlannerOptions,
  ) {}

  /**
   * One group per query term: its exact stem (weight 1); for the last term, prefix expansions of its surface form
   * and stem; and, when the dictionary does not have the stem, typo candidates of the word as typed.
   */
  textGroups(text: string): Group[] {
    const tokens = analyzeQuery(text).slice(0, MAX_QUERY_TERMS);
    const postLen = this.postings.length;
    return tokens.map((token, i) => {
      const alts = new Map<number, number>();
      const exact = this.dictionary.find(token.stem);
      const known = exact !== undefined && postLen[exact]! > 0;
      if (known) alts.set(exact, 1);
      const isLast = i === tokens.length - 1;
      if (isLast && this.options.prefixLastTerm) {
        const weight = alts.size > 0 ? PREFIX_WEIGHT_AFTER_EXACT : PREFIX_WEIGHT;
        this.dictionary.prefixMatches(token.surface, alts, weight);
        if (token.stem !== token.surface) this.dictionary.prefixMatches(token.stem, alts, weight);
      }
      if (!known && this.options.typoTolerance) this.dictionary.typoMatches(token.surface, alts);
      return this.group(alts, ALL_FIELDS, false);
    });
  }

  /** Required groups restricted to the authors field, one per author-name term. */
  authorGroups(author: string): Group[] {
    return analyze(author, true)
      .slice(0, MAX_AUTHOR_TERMS)
      .map((term) => {
        const alts = new Map<number, number>();
        const t = this.dictionary.find(term);
        if (t !== undefined) alts.set(t, 1);
        return this.group(alts, AUTHORS_MASK, true);
      });
  }

  private group(alts: Map<number, number>, fieldMask: number, required: boolean): Group {
    const alternatives: Alternative[] = [];
    let cost = 0;
    for (const [termId, weight] of alts) {
      alternatives.push({ termId, weight });
      cost += this.postings.length[termId]!;
    }
    return { alternatives, fieldMask, required, cost };
  }
}
