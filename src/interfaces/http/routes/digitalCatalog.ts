import type { DigitalCopyDescription, DigitalFormat, DrmType } from '../../../domain/digital/DigitalCopy.js';
import { digitalCopy, digitalFormat, drmType } from '../digitalSchemas.js';
import type { Router } from '../routing.js';
import { body, fields, listOf, ref, titleKeyParams } from '../schemas.js';
import type { HttpDeps } from './deps.js';

const copyParams = { type: 'object', required: ['copyId'], properties: { copyId: fields.id } } as const;

interface AddDigitalCopyBody {
  copyId: string;
  isbn: string;
  format: DigitalFormat;
  fileKey: string;
  drm: DrmType;
  licenses?: number;
  terms?: { checkouts?: number; expiresAt?: string; unlimitedAccess?: boolean };
}

/** The description the engine takes: the contract's end arrives as ISO text and becomes an instant here. */
function descriptionOf({ terms, ...rest }: AddDigitalCopyBody): DigitalCopyDescription {
  if (terms === undefined) return rest;
  const { expiresAt, ...others } = terms;
  return { ...rest, terms: { ...others, ...(expiresAt === undefined ? {} : { expiresAt: new Date(expiresAt) }) } };
}

/** A title's formats and license pools (public), and the librarians' side: a new format under its contract, more licenses. */
export function digitalCatalogRoutes(router: Router, { library }: HttpDeps): void {
  router.add<{ Params: { isbn: string } }>({
    method: 'GET',
    url: '/api/catalog/books/:isbn/digital-copies',
    summary: "A title's digital formats, each with its license pool (empty when the title has none)",
    tag: 'digital',
    access: { public: true },
    status: 200,
    schema: { params: titleKeyParams, response: { 200: listOf(digitalCopy) } },
    handle: ({ params }) => library.digitalCatalog.copiesOf(params.isbn),
  });

  router.add<{ Params: { copyId: string } }>({
    method: 'GET',
    url: '/api/digital-copies/:copyId',
    summary: 'One digital copy and its license pool',
    tag: 'digital',
    access: { public: true },
    status: 200,
    schema: { params: copyParams, response: { 200: ref(digitalCopy) } },
    handle: ({ params }) => library.digitalCatalog.getCopy(params.copyId),
  });

  router.add<{ Body: AddDigitalCopyBody }>({
    method: 'POST',
    url: '/api/digital-copies',
    summary: 'Add a format of a catalogued title with its license terms; its licenses go to waiting holds at once',
    tag: 'digital',
    access: { staff: 'librarian' },
    status: 201,
    schema: {
      body: body(['copyId', 'isbn', 'format', 'fileKey', 'drm'], {
        copyId: fields.id,
        isbn: fields.titleKey,
        format: digitalFormat,
        fileKey: { type: 'string', minLength: 1, maxLength: 1024, description: 'The file’s key in the object store; never a URL.' },
        drm: drmType,
        licenses: { type: 'integer', minimum: 1, maximum: 1_000_000, description: 'Concurrent licenses; leave out with terms.unlimitedAccess.' },
        terms: {
          type: 'object',
          additionalProperties: false,
          properties: {
            checkouts: { type: 'integer', minimum: 1, maximum: 1_000_000, description: 'Metered: the pool lends this many more times, then ends.' },
            expiresAt: { ...fields.instant, description: 'The contract ends at this instant.' },
            unlimitedAccess: { type: 'boolean', description: 'Simultaneous use: no cap, not counted toward the member’s loan limit.' },
          },
        },
      }),
      response: { 201: ref(digitalCopy) },
    },
    handle: ({ body: command }, acting) => acting.digitalCatalog.addDigitalCopy(descriptionOf(command)),
  });

  router.add<{ Params: { copyId: string }; Body: { count: number } }>({
    method: 'POST',
    url: '/api/digital-copies/:copyId/licenses',
    summary: 'Buy more concurrent licenses under the same contract; they go to waiting holds at once',
    tag: 'digital',
    access: { staff: 'librarian' },
    status: 200,
    schema: {
      params: copyParams,
      body: body(['count'], { count: { type: 'integer', minimum: 1, maximum: 1_000_000 } }),
      response: { 200: ref(digitalCopy) },
    },
    handle: ({ params, body: b }, acting) => acting.digitalCatalog.addLicenses({ copyId: params.copyId, count: b.count }),
  });
}
