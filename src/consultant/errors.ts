import { HttpError } from '../http/problem.ts'

// The consultant API's domain errors; each knows its problem+json answer.

export class LeadNotFoundError extends HttpError {
  constructor () { super(404, 'not_found', 'Not found', 'No lead has this id.') }
}

export class LeadErasedError extends HttpError {
  constructor () { super(410, 'lead_erased', 'Lead erased', 'This lead\'s personal data was erased; it can no longer be changed.') }
}

export class PreconditionFailedError extends HttpError {
  constructor () { super(412, 'precondition_failed', 'Precondition failed', 'The lead changed since this version (If-Match); fetch it again and reapply your change.') }
}

export class TransitionNotAllowedError extends HttpError {
  constructor (from: string, to: string, allowed: readonly string[]) {
    super(409, 'transition_not_allowed', 'Transition not allowed',
      `A lead cannot go from ${from} to ${to}.`, { from, to, allowed: [...allowed] })
  }
}

export class PatchConflictError extends HttpError {
  constructor (detail: string) { super(400, 'conflicting_changes', 'Conflicting changes', detail) }
}

export class DeliveryNotFoundError extends HttpError {
  constructor () { super(404, 'not_found', 'Not found', 'This lead has no e-mail delivery with this id.') }
}

export class DeliveryNotFailedError extends HttpError {
  constructor (status: string) { super(409, 'delivery_not_failed', 'Delivery not failed', `Only a failed delivery can be retried; this one is ${status}.`, { deliveryStatus: status }) }
}

export class UnauthorizedError extends HttpError {
  constructor () {
    super(401, 'unauthorized', 'Unauthorized', 'A valid API key is required: Authorization: Bearer <key>.', {},
      { 'www-authenticate': 'Bearer realm="leadline"' })
  }
}

export class InvalidCursorError extends HttpError {
  constructor () { super(400, 'invalid_cursor', 'Invalid cursor', 'The cursor is not one this list returned with the same sort.') }
}
