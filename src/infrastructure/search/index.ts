export { InvertedIndexSearch, type InvertedIndexOptions } from './InvertedIndexSearch.js';
export { FIELD_BOOSTS, BM25_K1, BM25_B } from './Bm25Accumulator.js';
export { AVAILABILITY_BOOST } from './DocumentFilter.js';
export { TF_CAPS } from './Postings.js';
export { SearchError, type SearchErrorCode } from './SearchError.js';
export { analyze, analyzeQuery, fold, stem, tokenize, isStopWord } from './analysis.js';
export { parseIsbn, isbnVariants, isValidIsbn10, isValidIsbn13 } from './isbn.js';
