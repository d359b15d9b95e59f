import type { BookDescription } from '../../domain/catalog/Book.js';
import { ValidationError } from '../../domain/shared/ShelfmarkError.js';
import type { Router } from '../routing.js';
import { availability, body, book, copy, fields, listOf, ref, reservation } from '../schemas.js';
import type { HttpDeps } from './deps.js';

const isbnParams = { type: 'object', required: ['isbn'], properties: { isbn: { type: 'string', minLength: 10, maxLength: 17 } } } as const;

/**
 * Catalog lookup (public) and cataloguing (librarians).
 * TODO(search): add `GET /api/catalog/search?q=` once `library.catalog.search` lands.
 */
export function catalogRoutes(router: Router, { library }: HttpDeps): void {
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
        properties: { isbn: { type: 'string', minLength: 10, maxLength: 17 }, title: fields.text, author: fields.text },
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
    schema: { params: isbnParams, response: { 200: ref(book) } },
    handle: ({ params }) => library.catalog.getBook(params.isbn),
  });

  router.add<{ Params: { isbn: string } }>({
    method: 'GET',
    url: '/api/catalog/books/:isbn/availability',
    summary: 'How many copies of a title are on the shelf, held, lent or lost',
    tag: 'catalog',
    access: { public: true },
    status: 200,
    schema: { params: isbnParams, response: { 200: ref(availability) } },
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
    schema: { params: isbnParams, response: { 200: listOf(copy) } },
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
    schema: { params: isbnParams, response: { 200: listOf(reservation) } },
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
      body: body(['isbn', 'title', 'authors'], {
        isbn: { type: 'string', minLength: 10, maxLength: 17 },
        title: fields.text,
        authors: { type: 'array', minItems: 1, maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 200 } },
        subjects: { type: 'array', maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 200 } },
        publisher: fields.text,
        year: { type: 'integer', minimum: -5000, maximum: 3000 },
        language: { type: 'string', minLength: 1, maxLength: 20 },
        description: { type: 'string', minLength: 1, maxLength: 20000 },
      }),
      response: { 201: ref(book) },
    },
    handle: ({ body: description }) => library.catalog.addBook(description),
  });

  router.add<{ Params: { isbn: string } }>({
    method: 'DELETE',
    url: '/api/catalog/books/:isbn',
    summary: 'Remove a book that has no copies and no reservations',
    tag: 'catalog',
    access: { staff: 'librarian' },
    status: 204,
    schema: { params: isbnParams },
    handle: ({ params }) => library.catalog.removeBook({ isbn: params.isbn }),
  });
}
