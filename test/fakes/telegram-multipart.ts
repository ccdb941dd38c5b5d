/**
 * Request-body decoding for the fake Telegram Bot API: JSON, urlencoded and multipart/form-data.
 *
 * The real Bot API accepts all three encodings (plus the query string) for every method and
 * then reads each parameter according to its declared type. Form encodings carry only strings,
 * so we coerce the well-known numeric, boolean and JSON-valued parameters the same way the real
 * server does; everything else (text, caption, data…) stays a string so "123" is still text.
 */

/** A file part of a multipart upload, resolved to the parameter that references it. */
export interface UploadedFile {
  /** Parameter the file belongs to (`document`, `photo`, …), after resolving `attach://` links. */
  field: string;
  /** Name of the multipart part itself (grammy uses a random id and `attach://<id>`). */
  partName: string;
  fileName: string;
  contentType: string;
  size: number;
  bytes: Buffer;
}

export interface DecodedRequest {
  params: Record<string, unknown>;
  files: UploadedFile[];
}

/** Thrown for bodies the fake cannot decode; the server answers 400 with this description. */
export class BodyDecodeError extends Error {}

interface RawPart {
  headers: Map<string, string>;
  body: Buffer;
}

const INT_PARAMS = new Set([
  'chat_id', 'from_chat_id', 'message_id', 'message_thread_id', 'reply_to_message_id', 'offset', 'limit',
  'timeout', 'cache_time', 'user_id', 'max_connections', 'duration', 'width', 'height',
]);
const BOOL_PARAMS = new Set([
  'disable_notification', 'protect_content', 'show_alert', 'drop_pending_updates', 'allow_sending_without_reply',
  'disable_web_page_preview', 'has_spoiler', 'disable_content_type_detection', 'allow_paid_broadcast',
  'show_caption_above_media',
]);
const JSON_PARAMS = new Set([
  'reply_markup', 'reply_parameters', 'entities', 'caption_entities', 'link_preview_options', 'commands', 'scope',
  'allowed_updates', 'media',
]);

/** Coerces one form value by parameter name, mirroring the Bot API's typed parameter parsing. */
export function coerceFormValue(key: string, value: string): unknown {
  if (INT_PARAMS.has(key) && /^-?\d{1,16}$/.test(value.trim())) return Number(value.trim());
  if (BOOL_PARAMS.has(key)) {
    if (value === 'true' || value === '1') return true;
    if (value === 'false' || value === '0' || value === '') return false;
  }
  if (JSON_PARAMS.has(key)) {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      // The real API then reports the field as malformed; keep the string so validation can.
      return value;
    }
  }
  return value;
}

/** Reads a `key=value` parameter (quoted or not) from a header value such as Content-Type. */
export function headerParam(header: string, name: string): string | undefined {
  for (const [key, value] of splitHeaderParams(header)) if (key === name) return value;
  return undefined;
}

/**
 * Splits `form-data; name="a"; filename=b.txt` into lowercased keys and unquoted values.
 * grammy sends `filename=` unquoted, browsers and curl send it quoted; RFC 5987 `filename*` is
 * decoded too so non-ASCII names survive.
 */
function splitHeaderParams(header: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const re = /;\s*([^=;\s]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g;
  for (const m of header.matchAll(re)) {
    const key = (m[1] ?? '').toLowerCase();
    let value = (m[2] ?? '').trim();
    if (value.startsWith('"')) value = value.slice(1, -1).replace(/\\(.)/g, '$1');
    if (key.endsWith('*')) {
      const ext = /^[^']*'[^']*'(.*)$/.exec(value);
      try {
        out.push([key.slice(0, -1), decodeURIComponent(ext?.[1] ?? value)]);
      } catch {
        out.push([key.slice(0, -1), value]);
      }
      continue;
    }
    out.push([key, value]);
  }
  return out;
}

/** Splits a multipart/form-data body into its parts (RFC 7578), tolerating a missing preamble CRLF. */
export function splitMultipart(body: Buffer, boundary: string): RawPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: RawPart[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new BodyDecodeError('multipart boundary not found');
  for (;;) {
    pos += delimiter.length;
    // "--" right after a delimiter closes the body; anything after it is epilogue.
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return parts;
    const lineEnd = body.indexOf('\r\n', pos);
    if (lineEnd < 0) throw new BodyDecodeError('truncated multipart body');
    const headerEnd = body.indexOf('\r\n\r\n', lineEnd);
    if (headerEnd < 0) throw new BodyDecodeError('multipart part without header terminator');
    const headers = new Map<string, string>();
    for (const line of body.subarray(lineEnd + 2, headerEnd).toString('utf8').split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const contentStart = headerEnd + 4;
    // A part's content ends right before CRLF + delimiter; the bytes themselves may contain CRLFs.
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), contentStart);
    if (next < 0) throw new BodyDecodeError('multipart body is not terminated');
    parts.push({ headers, body: body.subarray(contentStart, next) });
    pos = next + 2;
  }
}

function decodeMultipart(body: Buffer, contentType: string): DecodedRequest {
  const boundary = headerParam(contentType, 'boundary');
  if (!boundary) throw new BodyDecodeError('multipart request without boundary');
  const params: Record<string, unknown> = {};
  const files: UploadedFile[] = [];
  for (const part of splitMultipart(body, boundary)) {
    const disposition = part.headers.get('content-disposition') ?? '';
    const name = headerParam(disposition, 'name');
    if (name === undefined) continue;
    const fileName = headerParam(disposition, 'filename');
    if (fileName === undefined) {
      params[name] = coerceFormValue(name, part.body.toString('utf8'));
      continue;
    }
    files.push({
      field: name,
      partName: name,
      fileName,
      contentType: part.headers.get('content-type') ?? 'application/octet-stream',
      size: part.body.length,
      // Copy: the request buffer is released after the call, tests may keep the bytes longer.
      bytes: Buffer.from(part.body),
    });
  }
  // Link `document=attach://<part>` style references; a bare part named like the parameter
  // (curl -F document=@a.txt) is equivalent to attaching it under its own name.
  for (const file of files) {
    const ref = `attach://${file.partName}`;
    const owner = Object.entries(params).find(([, v]) => v === ref);
    if (owner) file.field = owner[0];
    else params[file.partName] ??= ref;
  }
  return { params, files };
}

/**
 * Decodes a request into parameters. Query-string parameters are accepted for every verb, as
 * the real API does; body parameters win when both are present.
 */
export function decodeRequest(contentType: string | undefined, body: Buffer, query: URLSearchParams): DecodedRequest {
  const params: Record<string, unknown> = {};
  for (const [k, v] of query) params[k] = coerceFormValue(k, v);
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (body.length === 0) return { params, files: [] };
  if (type === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw new BodyDecodeError("can't parse JSON object");
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new BodyDecodeError("can't parse JSON object");
    }
    return { params: { ...params, ...(parsed as Record<string, unknown>) }, files: [] };
  }
  if (type === 'multipart/form-data') {
    const decoded = decodeMultipart(body, contentType ?? '');
    return { params: { ...params, ...decoded.params }, files: decoded.files };
  }
  // application/x-www-form-urlencoded, and what the real API assumes for a missing type.
  for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params[k] = coerceFormValue(k, v);
  return { params, files: [] };
}
