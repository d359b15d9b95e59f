import { SEARCH_FORMATS, type SearchFormat } from '../../../application/ports/SearchIndex.js';
import type { BookDescription } from '../../../domain/catalog/Book.js';
import { MATERIAL_TYPES } from '../../../domain/catalog/MaterialType.js';
import { ValidationError } from '../../../domain/shared/ShelfmarkError.js';
import type { Router } from '../routing.js';
import { availability, body, book, copy, fields, listOf, ref, reservation, searchResult, titleKeyParams } from '../schemas.js';
import type { HttpDeps } from './deps.js';

/** Query strings arrive as text (the API never coerces types), so numbers and flags are checked as text here. */
interface SearchQuerystring {
  q?: string;
  author?: string;
  subject?: string;
  language?: string;
  yearFrom?: string;
  yearTo?: string;
  availableOnly?: 'true' | 'false';
  branch?: string;
  format?: SearchFormat;
  facets?: 'true' | 'false';
  limit?: string;
  offset?: string;
  materialType?: string;
}
const integerText = { type: 'string', pattern: '^-?[0-9]{1,9}$' } as const;
const flagText = { type: 'string', enum: ['true', 'false'] } as const;
const optionalNumber = (text: string | undefined): number | undefined => (text === undefined ? undefined : Number(text));

/** Catalog search and lookup (public) and cataloguing (librarians). */
export function catalogRoutes(router: Router, { library }: HttpDeps): void {
  router.add<{ Querystring: SearchQuerystring }>({
    method: 'GET',
    url: '/api/catalog/search',
    summary: 'Ranked full-text search with filters, facets and live availability',
    tag: 'catalog',
    access: { public: true },
    status: 200,
    schema: {
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          q: { type: 'string', maxLength: 500 },
          author: fields.text,
          subject: fields.text,
          language: { type: 'string', maxLength: 20 },
          yearFrom: integerText,
          yearTo: integerText,
          availableOnly: flagText,
          branch: fields.text,
          format: { type: 'string', enum: [...SEARCH_FORMATS], description: 'Only titles that can be lent in this format.' },
          materialType: { type: 'string', enum: [...MATERIAL_TYPES], description: 'Only records of this material type (BOOK, DVD, SERIAL, …).' },
          facets: flagText,
          limit: integerText,
          offset: integerText,
        },
      },
      response: { 200: ref(searchResult) },
    },
    handle: ({ query }) => {
      const numbers = { yearFrom: optionalNumber(query.yearFrom), yearTo: optionalNumber(query.yearTo), limit: optionalNumber(query.limit), offset: optionalNumber(query.offset) };
      const flags = { availableOnly: query.availableOnly === undefined ? undefined : query.availableOnly === 'true', facets: query.facets === undefined ? undefined : query.facets === 'true' };
      const text = { text: query.q, author: query.author, subject: query.subject, language: query.language, branch: query.branch, format: query.format, materialType: query.materialType };
      const given = Object.fromEntries(Object.entries({ ...text, ...numbers, ...flags }).filter(([, v]) => v !== undefined));
      return library.catalog.search(given);
    },
  });

  router.add<{ Querystring: { memberId: string; barcode: string } }>({
    method: 'GET',
    url: '/api/explain',
    summary: 'Which circulation rule applies to this member and copy, why, and the due date, fine and limits it gives',
    tag: 'catalog',
    access: { staff: 'counter' },
    status: 200,
    schema: {
      querystring: {
        type: 'object',
        additionalProperties: false,
        required: ['memberId', 'barcode'],
        properties: { memberId: fields.id, barcode: fields.id },
      },
      // The explanation is nested data plus readable text (see docs/policies.md); passed through as the engine gives it.
      response: { 200: { type: 'object', additionalProperties: true } },
    },
    handle: ({ query }) => library.explain({ memberId: query.memberId, barcode: query.barcode }),
  });

  router.add<{ Querystring: { isbn?: string; title?: string; author?: string } }>({
    method: 'GET',
    url: '/api/catalog/books',
    summary: 'Look books up by exact ISBN, title or author (one of them)',
    tag: 'catalog',
    access: { public: true },
    status: 200,
    schema: {
      querystring: {
        type: 'object',
        additionalProperties: false,
        minProperties: 1,
        maxProperties: 1,
        properties: { isbn: fields.titleKey, title: fields.text, author: fields.text },
      },
      response: { 200: listOf(book) },
    },
    handle: async ({ query }) => {
      if (query.isbn !== undefined) {
        const found = await library.catalog.findBook(query.isbn);
        return found ? [found] : [];
      }
      if (query.title !== undefined) return library.catalog.findByTitle(query.title);
      if (query.author !== undefined) return library.catalog.findByAuthor(query.author);
      throw new ValidationError('give one of isbn, title or author');
    },
  });

  router.add<{ Params: { isbn: string } }>({
    method: 'GET',
    url: '/api/catalog/books/:isbn',
    summary: 'One book by ISBN',
    tag: 'catalog',
    access: { public: true },
    status: 200,
    schema: { params: titleKeyParams, response: { 200: ref(book) } },
    handle: ({ params }) => library.catalog.getBook(params.isbn),
  });

  router.add<{ Params: { isbn: string } }>({
    method: 'GET',
    url: '/api/catalog/books/:isbn/availability',
    summary: 'How many copies of a title are on the shelf, held, lent or lost',
    tag: 'catalog',
    access: { public: true },
    status: 200,
    schema: { params: titleKeyParams, response: { 200: ref(availability) } },
    handle: async ({ params }) => {
      await library.catalog.getBook(params.isbn);
      return library.catalog.availability(params.isbn);
    },
  });

  router.add<{ Params: { isbn: string } }>({
    method: 'GET',
    url: '/api/catalog/books/:isbn/copies',
    summary: 'The copies of a title, with who holds or borrows each',
    tag: 'catalog',
    access: { staff: 'counter' },
    status: 200,
    schema: { params: titleKeyParams, response: { 200: listOf(copy) } },
    handle: async ({ params }) => {
      await library.catalog.getBook(params.isbn);
      return library.catalog.copiesOf(params.isbn);
    },
  });

  router.add<{ Params: { isbn: string } }>({
    method: 'GET',
    url: '/api/catalog/books/:isbn/queue',
    summary: 'The reservation queue of a title, in order',
    tag: 'reservations',
    access: { staff: 'counter' },
    status: 200,
    schema: { params: titleKeyParams, response: { 200: listOf(reservation) } },
    handle: ({ params }) => library.reservations.queueFor(params.isbn),
  });

  router.add<{ Body: BookDescription }>({
    method: 'POST',
    url: '/api/catalog/books',
    summary: 'Catalogue a new book',
    tag: 'catalog',
    access: { staff: 'librarian' },
    status: 201,
    schema: {
      // A record without an ISBN gives its recordId instead.
      body: body(['title'], {
        isbn: { type: 'string', minLength: 10, maxLength: 17 },
        recordId: { type: 'string', minLength: 1, maxLength: 64 },
        identifiers: { type: 'array', maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 80 } },
        materialType: { type: 'string', enum: [...MATERIAL_TYPES] },
        title: fields.text,
        authors: { type: 'array', maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 200 } },
        subjects: { type: 'array', maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 200 } },
        publisher: fields.text,
        year: { type: 'integer', minimum: -5000, maximum: 3000 },
        language: { type: 'string', minLength: 1, maxLength: 20 },
        description: { type: 'string', minLength: 1, maxLength: 20000 },
      }),
      response: { 201: ref(book) },
    },
    handle: ({ body: description }, acting) => acting.catalog.addBook(description),
  });

  router.add<{ Params: { isbn: string } }>({
    method: 'DELETE',
    url: '/api/catalog/books/:isbn',
    summary: 'Remove a book that has no copies and no reservations',
    tag: 'catalog',
    access: { staff: 'librarian' },
    status: 204,
    schema: { params: titleKeyParams },
    handle: ({ params }, acting) => acting.catalog.removeBook({ isbn: params.isbn }),
  });
}
