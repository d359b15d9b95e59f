import type { AddCopyCommand } from '../../../application/CatalogService.js';
import type { Router } from '../routing.js';
import { body, copy, fields, fine, hold, loan, ref } from '../schemas.js';
import type { HttpDeps } from './deps.js';

const barcodeParams = { type: 'object', required: ['barcode'], properties: { barcode: fields.id } } as const;
const orNull = (schema: { $id: string }): unknown => ({ anyOf: [ref(schema), { type: 'null' }] });

const moved = {
  type: 'object',
  required: ['copy', 'heldFor'],
  properties: { copy: ref(copy), heldFor: orNull(hold) },
} as const;

/** Copies on the shelves: look one up, shelve, withdraw, declare lost or found, and the staff transitions of a copy. */
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
        isbn: fields.titleKey,
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

  router.add<{ Params: { barcode: string }; Body: { branch: string } }>({
    method: 'POST',
    url: '/api/items/:barcode/receive',
    summary: "Check in a copy in transit at the branch it was sent to: onto that branch's hold shelf, the pickup window counted from now",
    tag: 'items',
    access: { staff: 'counter' },
    status: 200,
    schema: { params: barcodeParams, body: body(['branch'], { branch: fields.id }), response: { 200: moved } },
    handle: ({ params, body: b }, acting) => acting.copies.receive({ barcode: params.barcode, branch: b.branch }),
  });

  router.add<{ Params: { barcode: string } }>({
    method: 'POST',
    url: '/api/items/:barcode/damaged',
    summary: 'Record a copy on the shelf as damaged: out of circulation until repaired',
    tag: 'items',
    access: { staff: 'counter' },
    status: 200,
    schema: { params: barcodeParams, response: { 200: ref(copy) } },
    handle: ({ params }, acting) => acting.copies.markDamaged({ barcode: params.barcode }),
  });

  router.add<{ Params: { barcode: string } }>({
    method: 'POST',
    url: '/api/items/:barcode/repair',
    summary: 'Send a copy to repair',
    tag: 'items',
    access: { staff: 'librarian' },
    status: 200,
    schema: { params: barcodeParams, response: { 200: ref(copy) } },
    handle: ({ params }, acting) => acting.copies.sendToRepair({ barcode: params.barcode }),
  });

  router.add<{ Params: { barcode: string } }>({
    method: 'POST',
    url: '/api/items/:barcode/repaired',
    summary: 'A copy back from repair: on the shelf, or to the first member waiting',
    tag: 'items',
    access: { staff: 'librarian' },
    status: 200,
    schema: { params: barcodeParams, response: { 200: moved } },
    handle: ({ params }, acting) => acting.copies.returnFromRepair({ barcode: params.barcode }),
  });

  router.add<{ Params: { barcode: string } }>({
    method: 'POST',
    url: '/api/items/:barcode/missing',
    summary: 'A copy is not where it should be: its hold or transit ends, the member keeps their place (found again via /found)',
    tag: 'items',
    access: { staff: 'librarian' },
    status: 200,
    schema: { params: barcodeParams, response: { 200: ref(copy) } },
    handle: ({ params }, acting) => acting.copies.markMissing({ barcode: params.barcode }),
  });
}
