/**
 * Errors a person can act on. A `DomainError` carries a stable code and the data needed to
 * explain it; adapters render it in Indonesian (see `src/messages/error-text.ts`). Stack traces
 * never reach a chat.
 */
export type DomainErrorCode =
  | 'REPORT_NOT_FOUND'
  | 'ILLEGAL_TRANSITION'
  | 'REASON_REQUIRED'
  | 'TEXT_REQUIRED'
  | 'ALREADY_CLAIMED'
  | 'NOT_CLAIMED'
  | 'UNIT_REQUIRED'
  | 'UNIT_NOT_FOUND'
  | 'PERSON_NOT_FOUND'
  | 'CHAT_NOT_FOUND'
  | 'NOT_FOUND'
  | 'NOT_REGISTERED'
  | 'FORBIDDEN'
  | 'INVALID_ARGS'
  | 'INVALID_DATE'
  | 'UNKNOWN_COMMAND'
  | 'SAME_UNIT'
  | 'CONFLICT'
  | 'UNAVAILABLE'
  | 'FOLLOW_UP_REQUIRED'
  | 'ALREADY_VERIFIED'
  | 'ALREADY_MEMBER'
  | 'REQUEST_PENDING'
  | 'ALREADY_DECIDED'
  | 'PERSON_AMBIGUOUS'
  | 'GROUP_ONLY'
  | 'INFO_REQUEST_CLOSED';

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    readonly data: Record<string, unknown> = {},
    message?: string,
  ) {
    super(message ?? `${code} ${JSON.stringify(data)}`);
  }
}

/** Throw a DomainError; usable in expressions: `x ?? fail('REPORT_NOT_FOUND', { tracking })`. */
export function fail(code: DomainErrorCode, data: Record<string, unknown> = {}, message?: string): never {
  throw new DomainError(code, data, message);
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
