/**
 * A small but realistic fake of the Telegram Bot API HTTP server for end-to-end tests.
 *
 * Point grammy at it with `new Bot(fake.token, { client: { apiRoot: fake.apiRoot } })`.
 * The HTTP side speaks the real wire protocol (JSON, urlencoded and multipart bodies, real
 * error envelopes and status codes, long polling with offsets); the test side drives it
 * through methods on the class: inject updates, inspect recorded calls, inject faults and
 * observe or enforce Telegram's rate limits.
 *
 * Module layout: telegram-multipart.ts (body decoding), telegram-params.ts (errors, param
 * readers), telegram-formatting.ts (parse_mode), telegram-store.ts (state),
 * telegram-methods.ts (method handlers), telegram-limits.ts (faults, rate limits),
 * telegram-updates.ts (injected updates). This file holds the HTTP server, long polling
 * and the test control API.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Message, Update } from 'grammy/types';
import { DeliveryLog, FaultQueue, faultError, type FaultSpec, type RateLimits } from './telegram-limits.js';
import { METHODS, SEND_METHODS } from './telegram-methods.js';
import { BodyDecodeError, decodeRequest, type UploadedFile } from './telegram-multipart.js';
import { TelegramError, optArray, optBool, optInt, optString, requireChatRef, type Params } from './telegram-params.js';
import { TelegramStore, type ChatSpec, type CommandSet } from './telegram-store.js';
import { buildCallbackQuery, buildUserMessage, type InjectCallbackInput, type InjectMessageInput } from './telegram-updates.js';

export type { ChatSpec, ChatType, CommandSet } from './telegram-store.js';
export type { UploadedFile } from './telegram-multipart.js';
export type { FaultSpec, RateLimits } from './telegram-limits.js';
export type { FakeUser, InjectCallbackInput, InjectMessageInput } from './telegram-updates.js';
export { MAX_CALLBACK_DATA_BYTES, MAX_CAPTION_LENGTH, MAX_TEXT_LENGTH } from './telegram-methods.js';

export interface FakeTelegramApiOptions {
  token?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Clock for message dates and rate-limit windows; lets tests move time without waiting. */
  now?: () => number;
  /** Also record getUpdates calls in sent() (off by default: polling would drown the log). */
  recordPolling?: boolean;
}

/** One API call as the fake saw it. Failed calls are recorded too (ok: false) so retries are visible. */
export interface SentCall {
  method: string;
  params: Record<string, unknown>;
  /** Multipart file parts, resolved to their parameter (e.g. `document`). */
  files: UploadedFile[];
  /** When the call was answered, in ms of the fake's clock. */
  at: number;
  ok: boolean;
  result: unknown;
  error?: { code: number; description: string; retryAfter?: number };
}

export interface CallbackAnswer {
  callback_query_id: string;
  text?: string;
  show_alert?: boolean;
  url?: string;
  cache_time?: number;
}

interface Poll {
  wake(): void;
  terminate(): void;
}

interface RecordedCall extends SentCall {
  message: Message | undefined;
}

const DEFAULT_TOKEN = '7000000001:AAFakeTokenForPenghubungTests_0123456';
const MAX_BODY_BYTES = 50 * 1024 * 1024;
const EDIT_METHODS = new Set(['editMessageText', 'editMessageReplyMarkup']);
const CANONICAL = new Map(['getUpdates', ...Object.keys(METHODS)].map((m) => [m.toLowerCase(), m]));

function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && 'message_id' in value && 'chat' in value;
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Keep draining an oversized body so the connection stays usable, but drop the bytes.
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export class FakeTelegramApi {
  readonly token: string;
  private readonly store: TelegramStore;
  private readonly now: () => number;
  private readonly recordPolling: boolean;
  private calls: RecordedCall[] = [];
  private readonly deliveries = new DeliveryLog();
  private readonly listeners = new Set<() => void>();
  private readonly faults = new FaultQueue();
  private readonly hangs = new Set<() => void>();
  private activePoll: Poll | undefined;
  private callbackCounter = 0;
  private stopped = false;

  private readonly server: Server;
  private port = 0;

  private constructor(token: string, opts: FakeTelegramApiOptions) {
    this.token = token;
    this.store = new TelegramStore(token);
    this.now = opts.now ?? Date.now;
    this.recordPolling = opts.recordPolling ?? false;
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        this.respond(res, 500, { ok: false, error_code: 500, description: `Internal Server Error: ${String(err)}` });
      });
    });
  }

  /** Base URL for grammy's `client.apiRoot` (no trailing slash). */
  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static async start(opts: FakeTelegramApiOptions = {}): Promise<FakeTelegramApi> {
    const fake = new FakeTelegramApi(opts.token ?? DEFAULT_TOKEN, opts);
    await new Promise<void>((resolve, reject) => {
      fake.server.once('error', reject);
      fake.server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
    });
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** Answers pending long polls, cancels hangs and closes every connection. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.activePoll?.wake();
    for (const release of [...this.hangs]) release();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ------------------------------------------------------------------------------------ HTTP

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const body = await readBody(req);
    const route = /^\/bot([^/]*)\/([^/]+)$/.exec(url.pathname);
    if (!route) return this.respond(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    if (decodeURIComponent(route[1] ?? '') !== this.token) {
      return this.respond(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    }
    if (body === 'too-large') return this.respond(res, 413, { ok: false, error_code: 413, description: 'Request Entity Too Large' });
    const requested = route[2] ?? '';
    let params: Params = {};
    let files: UploadedFile[] = [];
    try {
      ({ params, files } = decodeRequest(req.headers['content-type'], body, url.searchParams));
    } catch (err) {
      if (!(err instanceof BodyDecodeError)) throw err;
      return this.respond(res, 400, { ok: false, error_code: 400, description: `Bad Request: ${err.message}` });
    }
    const method = CANONICAL.get(requested.toLowerCase());
    if (!method) {
      this.record({ method: requested, params, files, ok: false, result: undefined, error: { code: 404, description: 'Not Found: method not found' } });
      return this.respond(res, 404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
    }
    // A client that gives up (abort, timeout) must not keep a long poll alive.
    const gone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    const outcome = await this.execute(method, params, files, gone.signal);
    if (outcome instanceof TelegramError) {
      return this.respond(res, outcome.code, {
        ok: false,
        error_code: outcome.code,
        description: outcome.description,
        ...(outcome.parameters ? { parameters: outcome.parameters } : {}),
      });
    }
    this.respond(res, 200, { ok: true, result: outcome.result });
  }

  private respond(res: ServerResponse, status: number, body: unknown): void {
    if (res.destroyed || res.writableEnded) return;
    const json = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
    res.end(json);
  }

  /** Runs one call: faults first, then rate limits, then the method; records the outcome. */
  private async execute(method: string, params: Params, files: UploadedFile[], gone: AbortSignal): Promise<TelegramError | { result: unknown }> {
    let outcome: TelegramError | { result: unknown };
    const fault = this.faults.take(method);
    if (fault && 'hang' in fault) await this.hang(fault.hang);
    if (fault && !('hang' in fault)) outcome = faultError(fault);
    else {
      try {
        // Malformed chat ids are reported by the method itself (the readers throw TelegramError).
        const limited = SEND_METHODS.has(method) && this.deliveries.enforcing
          ? this.deliveries.check(this.store.resolveChat(requireChatRef(params)), this.now())
          : undefined;
        if (limited) outcome = limited;
        else if (method === 'getUpdates') {
          outcome = { result: await this.getUpdates(params, gone) };
          if (!this.recordPolling) return outcome;
        } else {
          const handler = METHODS[method];
          if (!handler) throw new Error(`no handler for ${method}`);
          outcome = { result: handler({ store: this.store, params, files, now: this.now() }) };
        }
      } catch (err) {
        if (!(err instanceof TelegramError)) throw err;
        outcome = err;
      }
    }
    const result = outcome instanceof TelegramError ? undefined : outcome.result;
    this.record({
      method,
      params,
      files,
      ok: !(outcome instanceof TelegramError),
      result,
      ...(outcome instanceof TelegramError
        ? { error: { code: outcome.code, description: outcome.description, ...(outcome.parameters?.retry_after !== undefined ? { retryAfter: outcome.parameters.retry_after } : {}) } }
        : {}),
    });
    return outcome;
  }

  private record(call: Omit<SentCall, 'at'>): void {
    const at = this.now();
    const message = isMessage(call.result) ? structuredClone(call.result) : undefined;
    this.calls.push({ ...call, at, message });
    if (message && call.ok && SEND_METHODS.has(call.method)) this.deliveries.record(message.chat.id, at);
    for (const listener of [...this.listeners]) listener();
  }

  // ----------------------------------------------------------------------------- long polling

  private async getUpdates(params: Params, gone: AbortSignal): Promise<Update[]> {
    if (this.store.webhookUrl) {
      throw new TelegramError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    }
    const offset = optInt(params, 'offset');
    const limit = Math.min(100, Math.max(1, optInt(params, 'limit') ?? 100));
    const timeoutMs = Math.max(0, optInt(params, 'timeout') ?? 0) * 1000;
    const allowed = optArray(params, 'allowed_updates');
    if (allowed) this.store.allowedUpdates = allowed.filter((u): u is string => typeof u === 'string');
    this.store.confirm(offset);
    // Telegram serves one poller per bot: a newer request ends the older one with 409.
    this.activePoll?.terminate();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const batch = this.store.deliverable(limit);
      if (batch.length > 0 || this.stopped || gone.aborted || Date.now() >= deadline) return batch;
      const woke = await new Promise<'update' | 'terminated'>((resolve) => {
        const finish = (why: 'update' | 'terminated'): void => {
          clearTimeout(timer);
          gone.removeEventListener('abort', onGone);
          if (this.activePoll === poll) this.activePoll = undefined;
          resolve(why);
        };
        const onGone = (): void => finish('update');
        const timer = setTimeout(() => finish('update'), deadline - Date.now());
        const poll: Poll = { wake: () => finish('update'), terminate: () => finish('terminated') };
        gone.addEventListener('abort', onGone);
        this.activePoll = poll;
      });
      if (woke === 'terminated') {
        throw new TelegramError(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running');
      }
    }
  }

  // ---------------------------------------------------------------------- faults and limits

  /** Makes the next `count` calls of `method` fail (or hang) as described. */
  failNext(method: string, count: number, error: FaultSpec): void {
    this.faults.add(method, count, error);
  }

  private hang(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const release = (): void => {
        clearTimeout(timer);
        this.hangs.delete(release);
        resolve();
      };
      const timer = setTimeout(release, ms);
      this.hangs.add(release);
    });
  }

  /** Answers send* calls with 429 (computed retry_after) once a limit would be exceeded; undefined/{} disables. */
  enforceLimits(limits: RateLimits | undefined): void {
    this.deliveries.enforce(limits);
  }

  /** How many calls enforceLimits() turned into 429s. */
  rateLimited(): number {
    return this.deliveries.rateLimited();
  }

  /** Most successful send* calls into a single chat within any sliding 60 s window. */
  maxPerChatPerMinute(): number {
    return this.deliveries.maxPerChatPerMinute();
  }

  /** Most successful send* calls overall within any sliding 1 s window. */
  maxPerSecond(): number {
    return this.deliveries.maxPerSecond();
  }

  // --------------------------------------------------------------------------- injection

  /** Registers (or updates) a chat, e.g. to give a group a title or make it a forum. */
  addChat(spec: ChatSpec): void {
    this.store.registerChat(spec);
  }

  /** Queues a user's text message (with bot_command/mention entities) and wakes long polls. */
  injectMessage(input: InjectMessageInput): Update {
    const message = buildUserMessage(this.store, input, this.now());
    return this.enqueue((update_id) => ({ update_id, message }));
  }

  /** Queues a button press on a stored bot message; the bot must answer it via answerCallbackQuery. */
  injectCallback(input: InjectCallbackInput): Update {
    this.callbackCounter += 1;
    const callback_query = buildCallbackQuery(this.store, input, this.callbackCounter);
    return this.enqueue((update_id) => ({ update_id, callback_query }));
  }

  private enqueue(build: (updateId: number) => Update): Update {
    const update = this.store.enqueue(build);
    this.activePoll?.wake();
    return update;
  }

  /** Updates queued but not yet confirmed by a getUpdates offset. */
  pendingUpdates(): number {
    return this.store.pendingUpdateCount();
  }

  // ------------------------------------------------------------------------------ inspection

  sent(): SentCall[] {
    return this.calls.map(({ message: _message, ...call }) => ({ ...call }));
  }

  /** Messages the bot sent (sendMessage/sendPhoto/sendDocument), optionally for one chat. */
  messages(chatId?: number): Message[] {
    return this.calls
      .filter((c) => c.ok && SEND_METHODS.has(c.method) && c.message && (chatId === undefined || c.message.chat.id === chatId))
      .flatMap((c) => (c.message ? [structuredClone(c.message)] : []));
  }

  /** Results of successful editMessageText/editMessageReplyMarkup calls. */
  edits(chatId?: number): Message[] {
    return this.calls
      .filter((c) => c.ok && EDIT_METHODS.has(c.method) && c.message && (chatId === undefined || c.message.chat.id === chatId))
      .flatMap((c) => (c.message ? [structuredClone(c.message)] : []));
  }

  /** Current state of a message (after edits), as the server holds it. */
  storedMessage(chatId: number, messageId: number): Message | undefined {
    return this.store.message(chatId, messageId);
  }

  callbackAnswers(): CallbackAnswer[] {
    return this.calls
      .filter((c) => c.ok && c.method === 'answerCallbackQuery')
      .map(({ params }) => {
        const text = optString(params, 'text');
        const showAlert = optBool(params, 'show_alert');
        const url = optString(params, 'url');
        const cacheTime = optInt(params, 'cache_time');
        return {
          callback_query_id: optString(params, 'callback_query_id') ?? '',
          ...(text !== undefined ? { text } : {}),
          ...(showAlert !== undefined ? { show_alert: showAlert } : {}),
          ...(url !== undefined ? { url } : {}),
          ...(cacheTime !== undefined ? { cache_time: cacheTime } : {}),
        };
      });
  }

  /** Command lists currently set, one entry per scope + language_code. */
  commands(): CommandSet[] {
    return [...this.store.commandSets.values()].map((set) => structuredClone(set));
  }

  /** Resolves once `predicate(sent())` holds; re-checked after every recorded call. */
  waitFor(predicate: (calls: SentCall[]) => boolean, timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      const check = (): void => {
        try {
          if (!predicate(this.sent())) return;
          done();
          resolve();
        } catch (err) {
          done();
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`FakeTelegramApi.waitFor timed out after ${timeoutMs} ms; ${this.describeCalls()}`));
      }, timeoutMs);
      this.listeners.add(check);
      check();
    });
  }

  private describeCalls(): string {
    const calls = this.sent();
    if (calls.length === 0) return 'no API calls were recorded';
    const lines = calls.slice(-15).map((c, i) => {
      const index = calls.length - Math.min(15, calls.length) + i;
      const chat = c.params.chat_id !== undefined ? ` chat=${String(c.params.chat_id)}` : '';
      const text = typeof c.params.text === 'string' ? ` "${c.params.text.slice(0, 60)}"` : '';
      const status = c.ok ? 'ok' : `${c.error?.code ?? '?'} ${c.error?.description ?? ''}`;
      return `  #${index} ${c.method}${chat}${text} -> ${status}`;
    });
    return `${calls.length} call(s) recorded${calls.length > 15 ? ' (last 15)' : ''}:\n${lines.join('\n')}`;
  }

  /** Clears recorded calls, delivery history, queued updates, pending faults and the 429 counter. Chats and messages stay. */
  reset(): void {
    this.calls = [];
    this.deliveries.clear();
    this.faults.clear();
    this.store.clearUpdates();
  }
}
