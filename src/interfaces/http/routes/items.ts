import type { AddCopyCommand } from '../../../application/CatalogService.js';
import type { Router } from '../routing.js';
import { body, copy, fields, fine, hold, loan, ref } from '../schemas.js';
import type { HttpDeps } from './deps.js';

const barcodeParams = { type: 'object', required: ['barcode'], properties: { barcode: fields.id } } as const;
const orNull = (schema: { $id: string }): unknown => ({ anyOf: [ref(schema), { type: 'null' }] });

/** Copies on the shelves: look one up, shelve, withdraw, declare lost or found. */
export function itemRoutes(router: Router, { library }: HttpDeps): void {
  router.add<{ Params: { barcode: string } }>({
    method: 'GET',
    url: '/api/items/:barcode',
    summary: 'One copy by barcode',
    tag: 'items',
    access: { staff: 'counter' },
    status: 200,
    schema: { params: barcodeParams, response: { 200: ref(copy) } },
    handle: ({ params }) => library.catalog.getCopy(params.barcode),
  });

  router.add<{ Body: AddCopyCommand }>({
    method: 'POST',
    url: '/api/items',
    summary: 'Shelve a new copy; it goes straight to the hold shelf if members wait for the title',
    tag: 'items',
    access: { staff: 'librarian' },
    status: 201,
    schema: {
      body: body(['barcode', 'isbn', 'branch', 'rack'], {
        barcode: fields.id,
        isbn: { type: 'string', minLength: 10, maxLength: 17 },
        branch: fields.text,
        rack: fields.text,
        referenceOnly: { type: 'boolean' },
        replacementPrice: { type: 'integer', minimum: 0, description: 'Minor units of the library currency.' },
      }),
      response: {
        201: { type: 'object', required: ['copy', 'heldFor'], properties: { copy: ref(copy), heldFor: orNull(hold) } },
      },
    },
    handle: ({ body: command }, acting) => acting.catalog.addCopy(command),
  });

  router.add<{ Params: { barcode: string } }>({
    method: 'DELETE',
    url: '/api/items/:barcode',
    summary: 'Withdraw a copy that is neither lent nor held',
    tag: 'items',
    access: { staff: 'librarian' },
    status: 204,
    schema: { params: barcodeParams },
    handle: ({ params }, acting) => acting.catalog.removeCopy({ barcode: params.barcode }),
  });

  router.add<{ Params: { barcode: string } }>({
    method: 'POST',
    url: '/api/items/:barcode/lost',
    summary: 'Declare a copy lost; its borrower is charged replacement and the lost fee',
    tag: 'items',
    access: { staff: 'librarian' },
    status: 200,
    schema: {
      params: barcodeParams,
      response: {
        200: {
          type: 'object',
          required: ['barcode', 'loan', 'finesAssessed'],
          properties: { barcode: fields.str, loan: orNull(loan), finesAssessed: { type: 'array', items: ref(fine) } },
        },
      },
    },
    handle: ({ params }, acting) => acting.circulation.markLost({ barcode: params.barcode }),
  });

  router.add<{ Params: { barcode: string } }>({
    method: 'POST',
    url: '/api/items/:barcode/found',
    summary: 'A lost copy turned up: back on the shelf, or to the first member waiting',
    tag: 'items',
    access: { staff: 'counter' },
    status: 200,
    schema: {
      params: barcodeParams,
      response: { 200: { type: 'object', required: ['barcode', 'heldFor'], properties: { barcode: fields.str, heldFor: orNull(hold) } } },
    },
    handle: ({ params }, acting) => acting.circulation.markFound({ barcode: params.barcode }),
  });
}
