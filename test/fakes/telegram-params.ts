/**
 * Error type and typed parameter readers for the fake Telegram Bot API.
 *
 * Parameters arrive as `unknown` (JSON, or strings coerced from form bodies); these readers
 * narrow them and fail with the descriptions the real Bot API uses, so code under test sees
 * the same GrammyError it would see in production.
 */

/** An API-level failure, serialised as `{ ok: false, error_code, description, parameters? }`. */
export class TelegramError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: { retry_after?: number; migrate_to_chat_id?: number },
  ) {
    super(description);
  }

  static badRequest(detail: string): TelegramError {
    return new TelegramError(400, `Bad Request: ${detail}`);
  }
}

export type Params = Record<string, unknown>;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asInt(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d{1,16}$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

/** An optional integer; present-but-malformed values are a 400 like the real API's type check. */
export function optInt(params: Params, key: string): number | undefined {
  const raw = params[key];
  if (raw === undefined || raw === null || raw === '') return undefined;
  const n = asInt(raw);
  if (n === undefined) throw TelegramError.badRequest(`invalid ${key} specified`);
  return n;
}

export function optString(params: Params, key: string): string | undefined {
  const raw = params[key];
  if (raw === undefined || raw === null) return undefined;
  // Telegram reads scalars as text, so a JSON number for `text` is still accepted.
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  throw TelegramError.badRequest(`field "${key}" must be of type String`);
}

export function optBool(params: Params, key: string): boolean | undefined {
  const raw = params[key];
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'boolean') return raw;
  if (raw === 'true' || raw === 1 || raw === '1') return true;
  if (raw === 'false' || raw === 0 || raw === '0') return false;
  throw TelegramError.badRequest(`field "${key}" must be of type Boolean`);
}

/** An optional JSON-object parameter (form bodies carry it as a JSON string). */
export function optObject(params: Params, key: string): Record<string, unknown> | undefined {
  let raw = params[key];
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw) as unknown;
    } catch {
      throw TelegramError.badRequest(`can't parse ${key} JSON object`);
    }
  }
  if (!isRecord(raw)) throw TelegramError.badRequest(`field "${key}" must be of type Object`);
  return raw;
}

export function optArray(params: Params, key: string): unknown[] | undefined {
  let raw = params[key];
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw) as unknown;
    } catch {
      throw TelegramError.badRequest(`can't parse ${key} JSON array`);
    }
  }
  if (!Array.isArray(raw)) throw TelegramError.badRequest(`field "${key}" must be of type Array`);
  return raw;
}

/** `message_id` for edits/deletes; the real API's wording when it is missing. */
export function requireMessageId(params: Params): number {
  const id = optInt(params, 'message_id');
  if (id === undefined) throw TelegramError.badRequest('message identifier is not specified');
  return id;
}

/** `chat_id` as a number or `@username`; resolution of usernames is the caller's job. */
export function requireChatRef(params: Params): number | string {
  const raw = params.chat_id;
  if (raw === undefined || raw === null || raw === '') throw TelegramError.badRequest('chat_id is empty');
  const n = asInt(raw);
  if (n !== undefined) return n;
  if (typeof raw === 'string' && raw.startsWith('@')) return raw;
  throw TelegramError.badRequest('chat not found');
}
