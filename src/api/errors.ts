/**
 * Errors of the REST API as JSON: `{ "error": { "code", "message", "details"? } }`. Domain
 * refusals keep their DomainError code and the same Indonesian text a chat would show; errors
 * of the HTTP layer itself (auth, JSON, size) have codes of their own.
 *
 * | code                                                                                   | HTTP |
 * | -------------------------------------------------------------------------------------- | ---- |
 * | INVALID_JSON, INVALID_ARGS (schema or argument), UNKNOWN_COMMAND, GROUP_ONLY, PERSON_AMBIGUOUS | 400 |
 * | UNAUTHORIZED (missing, malformed, unknown or revoked token)                            | 401  |
 * | FORBIDDEN, NOT_REGISTERED                                                              | 403  |
 * | REPORT_NOT_FOUND, UNIT_NOT_FOUND, PERSON_NOT_FOUND, CHAT_NOT_FOUND, NOT_FOUND           | 404  |
 * | ILLEGAL_TRANSITION, ALREADY_VERIFIED, ALREADY_CLAIMED, NOT_CLAIMED, FOLLOW_UP_REQUIRED, SAME_UNIT, CONFLICT, ALREADY_MEMBER, REQUEST_PENDING, ALREADY_DECIDED | 409 |
 * | PAYLOAD_TOO_LARGE                                                                      | 413  |
 * | REASON_REQUIRED, TEXT_REQUIRED, UNIT_REQUIRED, INVALID_DATE (valid JSON, incomplete action) | 422 |
 * | RATE_LIMITED (too many failed authentications from one address)                        | 429  |
 * | INTERNAL                                                                               | 500  |
 * | UNAVAILABLE                                                                            | 503  |
 * | codes added later: by name (see `statusOf`)                                            |      |
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { DomainError, type DomainErrorCode } from '../domain/errors.js';
import { errorText } from '../messages/error-text.js';

/** Codes the HTTP layer adds to the DomainError codes. */
export type HttpErrorCode = 'UNAUTHORIZED' | 'RATE_LIMITED' | 'INVALID_JSON' | 'PAYLOAD_TOO_LARGE' | 'INTERNAL';
export type ApiErrorCode = DomainErrorCode | HttpErrorCode;

/**
 * Status of the DomainError codes known when this was written. Codes added later (other features
 * add their own) get a status from their name (`statusOf`), so a new code never breaks the API.
 */
export const DOMAIN_STATUS: Readonly<Partial<Record<DomainErrorCode, ContentfulStatusCode>>> = {
  INVALID_ARGS: 400,
  UNKNOWN_COMMAND: 400,
  GROUP_ONLY: 400,
  PERSON_AMBIGUOUS: 400,
  FORBIDDEN: 403,
  NOT_REGISTERED: 403,
  REPORT_NOT_FOUND: 404,
  UNIT_NOT_FOUND: 404,
  PERSON_NOT_FOUND: 404,
  CHAT_NOT_FOUND: 404,
  NOT_FOUND: 404,
  ILLEGAL_TRANSITION: 409,
  ALREADY_VERIFIED: 409,
  ALREADY_CLAIMED: 409,
  NOT_CLAIMED: 409,
  FOLLOW_UP_REQUIRED: 409,
  SAME_UNIT: 409,
  CONFLICT: 409,
  ALREADY_MEMBER: 409,
  REQUEST_PENDING: 409,
  ALREADY_DECIDED: 409,
  REASON_REQUIRED: 422,
  TEXT_REQUIRED: 422,
  UNIT_REQUIRED: 422,
  INVALID_DATE: 422,
  UNAVAILABLE: 503,
};

/** `*_NOT_FOUND` 404, `ALREADY_*` / `*_CLOSED` 409, `*_REQUIRED` 422, anything else 400. */
export function statusOf(code: DomainErrorCode): ContentfulStatusCode {
  const known = DOMAIN_STATUS[code];
  if (known) return known;
  if (code.endsWith('_NOT_FOUND')) return 404;
  if (code.startsWith('ALREADY_') || code.endsWith('_CLOSED')) return 409;
  if (code.endsWith('_REQUIRED')) return 422;
  return 400;
}

export interface ErrorDetail {
  path: string;
  message: string;
}

export interface ErrorBody {
  error: { code: ApiErrorCode; message: string; details?: ErrorDetail[] };
}

/** An HTTP-level refusal with its status; DomainErrors are converted by `toErrorResponse`. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** The chat text without its leading warning sign: a JSON client shows its own. */
export function domainMessage(e: DomainError): string {
  return errorText(e).replace(/^⚠️\s*/u, '');
}

export function fromDomain(e: DomainError): ApiError {
  return new ApiError(statusOf(e.code), e.code, domainMessage(e));
}

/** A zod failure as INVALID_ARGS with every issue listed (paths and messages, never values). */
export function fromZod(error: z.ZodError, where: 'body' | 'query' | 'path' = 'body'): ApiError {
  const details = error.issues.map((i) => ({ path: [where, ...i.path.map(String)].join('.'), message: i.message }));
  const first = details[0];
  const message = domainMessage(new DomainError('INVALID_ARGS', { field: first?.path, expected: first?.message }));
  return new ApiError(400, 'INVALID_ARGS', message, details);
}

export const unauthorized = (): ApiError =>
  new ApiError(401, 'UNAUTHORIZED', 'Token API tidak ada atau tidak berlaku. Kirim header "Authorization: Bearer <token>" dengan token dari `penghubung token create`.', undefined, { 'WWW-Authenticate': 'Bearer realm="penghubung"' });

export const rateLimited = (retryAfterSeconds: number): ApiError =>
  new ApiError(429, 'RATE_LIMITED', `Terlalu banyak percobaan dengan token yang salah dari alamat ini. Coba lagi dalam ${retryAfterSeconds} detik.`, undefined, { 'Retry-After': String(retryAfterSeconds) });

export const invalidJson = (): ApiError =>
  new ApiError(400, 'INVALID_JSON', 'Isi permintaan bukan JSON yang valid. Kirim objek JSON dengan header "Content-Type: application/json".');

export const payloadTooLarge = (maxBytes: number): ApiError =>
  new ApiError(413, 'PAYLOAD_TOO_LARGE', `Isi permintaan terlalu besar (maksimum ${Math.floor(maxBytes / 1024)} KB).`);

export const internalError = (): ApiError =>
  new ApiError(500, 'INTERNAL', 'Terjadi kesalahan di server. Periksa laporan dengan GET sebelum mengirim ulang permintaan ini.');

export function errorBody(e: ApiError): ErrorBody {
  return { error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } };
}
