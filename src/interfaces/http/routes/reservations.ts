import { IllegalTransitionError } from '../../../domain/lending/LendingError.js';
import { HOLD_FORMATS, type HoldFormat } from '../../../domain/reservations/Reservation.js';
import { onlyFor } from '../auth/Principal.js';
import type { Router } from '../routing.js';
import { body, fields, listOf, loan, ref, reservation } from '../schemas.js';
import type { HttpDeps } from './deps.js';

const reservationParams = { type: 'object', required: ['reservationId'], properties: { reservationId: fields.id } } as const;
type ReservationParams = { Params: { reservationId: string } };

/** Holds: reserve a title, see or cancel a reservation, collect a held copy, and the pickup sweep. */
export function reservationRoutes(router: Router, { library }: HttpDeps): void {
  const holderOf = async ({ params }: { params: { reservationId: string } }): Promise<string> =>
    (await library.reservations.get(params.reservationId)).memberId;

  router.add<{ Body: { memberId: string; isbn: string; format?: HoldFormat; pickupBranch?: string; notNeededAfter?: string } }>({
    method: 'POST',
    url: '/api/reservations',
    summary: 'Reserve a title (format PRINT by default, DIGITAL or ANY); a copy on the shelf or a free license goes straight to the member',
    tag: 'reservations',
    access: { staff: 'counter', members: 'own-account' },
    accountOf: ({ body: b }) => Promise.resolve(b.memberId),
    idempotent: true,
    status: 201,
    schema: {
      body: body(['memberId', 'isbn'], {
        memberId: fields.id,
        isbn: fields.titleKey,
        format: { type: 'string', enum: [...HOLD_FORMATS] },
        pickupBranch: { ...fields.id, description: 'The branch whose hold shelf the member collects from (default: wherever the copy is).' },
        notNeededAfter: { ...fields.instant, description: 'The hold lapses if still unfilled at this instant.' },
      }),
      response: { 201: ref(reservation) },
    },
    handle: ({ body: command }, acting) => acting.reservations.reserve(command),
  });

  router.add<ReservationParams>({
    method: 'GET',
    url: '/api/reservations/:reservationId',
    summary: 'One reservation: status, place in the queue, held copy',
    tag: 'reservations',
    access: { staff: 'counter', members: 'own-account' },
    accountOf: holderOf,
    status: 200,
    schema: { params: reservationParams, response: { 200: ref(reservation) } },
    handle: ({ params }) => library.reservations.get(params.reservationId),
  });

  router.add<ReservationParams>({
    method: 'DELETE',
    url: '/api/reservations/:reservationId',
    summary: 'Cancel a reservation; a held copy passes to the next member',
    tag: 'reservations',
    access: { staff: 'counter', members: 'own-account' },
    accountOf: holderOf,
    status: 200,
    schema: { params: reservationParams, response: { 200: ref(reservation) } },
    handle: ({ params, principal }, acting) =>
      acting.reservations.cancel({
        reservationId: params.reservationId,
        ...onlyFor(principal),
      }),
  });

  router.add<ReservationParams>({
    method: 'POST',
    url: '/api/reservations/:reservationId/pickup',
    summary: 'Collect the copy waiting on the hold shelf: it is lent to the member',
    tag: 'reservations',
    access: { staff: 'counter', members: 'own-account' },
    accountOf: holderOf,
    idempotent: true,
    status: 201,
    schema: { params: reservationParams, response: { 201: ref(loan) } },
    handle: async ({ params }, acting) => {
      const r = await library.reservations.get(params.reservationId);
      if (r.status !== 'READY_FOR_PICKUP' || r.barcode === null) throw new IllegalTransitionError('Reservation', r.status, 'pickUp');
      return acting.circulation.checkOut({ memberId: r.memberId, barcode: r.barcode });
    },
  });

  router.add<ReservationParams & { Body: { until?: string } | undefined }>({
    method: 'POST',
    url: '/api/reservations/:reservationId/suspend',
    summary: 'Suspend a waiting hold until an instant (or until resumed): it keeps its place but is skipped meanwhile',
    tag: 'reservations',
    access: { staff: 'counter', members: 'own-account' },
    accountOf: holderOf,
    status: 200,
    schema: {
      params: reservationParams,
      // no body at all: suspended until resumed
      body: { ...body([], { until: { ...fields.instant, description: 'The hold wakes by itself at this instant.' } }), type: ['object', 'null'] },
      response: { 200: ref(reservation) },
    },
    handle: ({ params, body: b, principal }, acting) =>
      acting.holds.suspend({
        reservationId: params.reservationId,
        ...(b?.until === undefined ? {} : { until: b.until }),
        ...onlyFor(principal),
      }),
  });

  router.add<ReservationParams>({
    method: 'POST',
    url: '/api/reservations/:reservationId/resume',
    summary: 'Resume a suspended hold at its old place in line; a copy on the shelf goes to whoever is first',
    tag: 'reservations',
    access: { staff: 'counter', members: 'own-account' },
    accountOf: holderOf,
    status: 200,
    schema: { params: reservationParams, response: { 200: ref(reservation) } },
    handle: ({ params, principal }, acting) =>
      acting.holds.resume({ reservationId: params.reservationId, ...onlyFor(principal) }),
  });

  router.add({
    method: 'POST',
    url: '/api/reservations/lapse-unneeded',
    summary: 'Lapse unfilled holds past their "not needed after"; their members are told (run by a scheduler)',
    tag: 'reservations',
    access: { staff: 'librarian' },
    status: 200,
    schema: { response: { 200: listOf(reservation) } },
    handle: (_request, acting) => acting.holds.lapseUnneeded(),
  });

  router.add({
    method: 'POST',
    url: '/api/reservations/expire-pickups',
    summary: 'Expire uncollected holds and pass their copies on (run by a scheduler)',
    tag: 'reservations',
    access: { staff: 'librarian' },
    status: 200,
    schema: { response: { 200: listOf(reservation) } },
    handle: (_request, acting) => acting.reservations.expirePickups(),
  });
}
