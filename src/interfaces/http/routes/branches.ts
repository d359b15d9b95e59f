import type { BranchDescription } from '../../../domain/catalog/Branch.js';
import type { Router } from '../routing.js';
import { body, branch, fields, hold, listOf, ref } from '../schemas.js';
import type { HttpDeps } from './deps.js';

const branchParams = { type: 'object', required: ['branch'], properties: { branch: fields.id } } as const;
type BranchParams = { Params: { branch: string } };

/** Branches: list, read and register them, and the copies waiting on a branch's hold shelf. */
export function branchRoutes(router: Router, { library }: HttpDeps): void {
  router.add({
    method: 'GET',
    url: '/api/branches',
    summary: 'Every branch, with its hold shelf and the time zone of its calendar',
    tag: 'branches',
    access: { staff: 'counter' },
    status: 200,
    schema: { response: { 200: listOf(branch) } },
    handle: () => library.branches.list(),
  });

  router.add<BranchParams>({
    method: 'GET',
    url: '/api/branches/:branch',
    summary: 'One branch by id',
    tag: 'branches',
    access: { staff: 'counter' },
    status: 200,
    schema: { params: branchParams, response: { 200: ref(branch) } },
    handle: ({ params }) => library.branches.get(params.branch),
  });

  router.add<{ Body: BranchDescription }>({
    method: 'POST',
    url: '/api/branches',
    summary: 'Register a branch (copies, rules, calendars and pickup choices name it by id)',
    tag: 'branches',
    access: { staff: 'librarian' },
    status: 201,
    schema: {
      body: body(['id'], { id: fields.id, name: fields.text, holdShelf: fields.text }),
      response: { 201: ref(branch) },
    },
    handle: ({ body: command }, acting) => acting.branches.register(command),
  });

  router.add<BranchParams>({
    method: 'GET',
    url: '/api/branches/:branch/hold-shelf',
    summary: "The copies waiting on the branch's hold shelf, each with its member and pickup deadline",
    tag: 'branches',
    access: { staff: 'counter' },
    status: 200,
    schema: { params: branchParams, response: { 200: listOf(hold) } },
    handle: ({ params }) => library.reservations.holdShelf(params.branch),
  });
}
