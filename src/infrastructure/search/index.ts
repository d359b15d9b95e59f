export { InvertedIndexSearch, type InvertedIndexOptions, FIELD_BOOSTS, BM25_K1, BM25_B, AVAILABILITY_BOOST, TF_CAPS } from './InvertedIndexSearch.js';
export { SearchError, type SearchErrorCode } from './SearchError.js';
export { analyze, analyzeQuery, fold, stem, tokenize, isStopWord } from './analysis.js';
export { parseIsbn, isbnVariants, isValidIsbn10, isValidIsbn13 } from './isbn.js';
