/* eslint-disable @typescript-eslint/no-non-null-assertion -- counters are sized to the interned ids. */
import { SEARCH_FORMATS, type FacetCount, type SearchFacets } from '../../application/ports/SearchIndex.js';
import { type DocumentTable, NO_YEAR } from './DocumentTable.js';

const DECADE_OFFSET = 3277;

function facetList(counts: Uint32Array, label: (i: number) => string): FacetCount[] {
  const out: FacetCount[] = [];
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]!;
    if (c > 0) out.push({ value: label(i), count: c });
  }
  out.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return out;
}

/** Subject, language, decade, format and material type counts over every match that passed the filters, sorted by count then value. */
export class FacetCounter {
  private readonly languages: Uint32Array;
  private readonly subjects: Uint32Array;
  private readonly decades = new Uint32Array(DECADE_OFFSET * 2 + 1);
  private readonly formats = new Uint32Array(SEARCH_FORMATS.length);
  private readonly materialTypes: Uint32Array;

  constructor(private readonly docs: DocumentTable) {
    this.languages = new Uint32Array(docs.languages.size);
    this.subjects = new Uint32Array(docs.subjects.size);
    this.materialTypes = new Uint32Array(docs.materialTypes.size);
  }

  count(d: number): void {
    const lang = this.docs.langs[d]!;
    if (lang !== 0) this.languages[lang]!++;
    const year = this.docs.years[d]!;
    if (year !== NO_YEAR) this.decades[Math.floor(year / 10) + DECADE_OFFSET]!++;
    this.materialTypes[this.docs.mats[d]!]!++;
    const bits = this.docs.formats[d]!;
    for (let i = 0; i < SEARCH_FORMATS.length; i++) if ((bits & (1 << i)) !== 0) this.formats[i]!++;
    this.docs.subjectsOf(d, (s) => {
      this.subjects[s]!++;
    });
  }

  result(): SearchFacets {
    const { languages, subjects, materialTypes } = this.docs;
    return {
      subjects: facetList(this.subjects, (i) => subjects.values[i] ?? ''),
      languages: facetList(this.languages, (i) => languages.values[i] ?? ''),
      decades: facetList(this.decades, (i) => `${(i - DECADE_OFFSET) * 10}s`),
      formats: facetList(this.formats, (i) => SEARCH_FORMATS[i] ?? ''),
      materialTypes: facetList(this.materialTypes, (i) => materialTypes.values[i] ?? ''),
    };
  }
}
