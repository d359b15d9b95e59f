import type { IsbnDocument } from '../../src/application/ports/SearchIndex.js';

/** Named, deterministic catalog fixtures. */
export const Books = {
  algorithms: {
    isbn: '9780262046305',
    title: 'Introduction to Algorithms',
    authors: ['Thomas H. Cormen', 'Charles E. Leiserson'],
    subjects: ['Computer Science'],
    description: 'A comprehensive textbook on algorithms and data structures.',
    language: 'en',
    year: 2022,
  },
  sedgewick: {
    isbn: '9780321573513',
    title: 'Algorithms',
    authors: ['Robert Sedgewick', 'Kevin Wayne'],
    subjects: ['Computer Science'],
    description: 'Essential algorithms for sorting, searching, graphs and strings.',
    language: 'en',
    year: 2011,
  },
  janeEyre: {
    isbn: '0142437204',
    title: 'Jane Eyre',
    authors: ['Charlotte Brontë'],
    subjects: ['Classics', 'Fiction'],
    description: 'An orphaned governess falls in love with her brooding employer.',
    language: 'en',
    year: 1847,
  },
  hobbit: {
    isbn: '054792822X',
    title: 'The Hobbit',
    authors: ['J.R.R. Tolkien'],
    subjects: ['Fantasy', 'Fiction'],
    description: 'Bilbo Baggins joins a company of dwarves on a quest for treasure guarded by a dragon.',
    language: 'en',
    year: 1937,
  },
  etranger: {
    isbn: '2070360024',
    title: "L'Étranger",
    authors: ['Albert Camus'],
    subjects: ['Classics', 'Philosophy'],
    description: 'Meursault, indifférent, tue un homme sur une plage algérienne.',
    language: 'fr',
    year: 1942,
  },
  dragonCookbook: {
    isbn: '9780000000002',
    title: 'Cooking for Dragons',
    authors: ['Ada Hearth'],
    subjects: ['Cooking'],
    description: 'Recipes for a hobbit, a dragon and a wizard.',
    language: 'en',
    year: 1999,
  },
} as const satisfies Record<string, IsbnDocument>;

export const allBooks = (): IsbnDocument[] => Object.values(Books);
