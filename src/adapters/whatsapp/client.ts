/**
 * The WhatsApp connection behind a narrow interface (`WaClient`), so the adapter and the tests
 * never touch whatsapp-web.js or Chromium. The real implementation wraps whatsapp-web.js's
 * `Client` with `LocalAuth` (the session survives restarts) and Debian's Chromium; the library
 * is imported lazily, so nothing loads browser code unless WhatsApp is enabled.
 */
import { EventEmitter } from 'node:events';
import type WAWebJS from 'whatsapp-web.js';

/** The fields of a whatsapp-web.js `Message` the adapter reads (same names as the library). */
export interface WaMessage {
  id: { _serialized: string };
  /** Chat id: `1203…@g.us` for a group, `6281…@c.us` (or `…@lid`) for a private chat. */
  from: string;
  /** In a group: who wrote it (`6281…@c.us`, or `…@lid` when WhatsApp hides the number). */
  author?: string;
  fromMe: boolean;
  body: string;
  /** Message type (`chat`, `image`, …); undefined is treated as text. */
  type?: string;
  /** The sender's display name, when WhatsApp sent one. */
  notifyName?: string;
  hasQuotedMsg: boolean;
  getQuotedMessage(): Promise<{ id: { _serialized: string } } | undefined>;
}

export interface WaSendOptions {
  /** Serialized id of the message to quote (reply to). */
  quotedMessageId?: string;
  /** Contact ids to mention (`6281…@c.us`); the text must contain `@6281…` for each. */
  mentions?: string[];
}

export interface WaDocument {
  filename: string;
  mimeType: string;
  contentBase64: string;
}

/** Events of a WaClient; the names and arguments are whatsapp-web.js's. */
export interface WaClientEvents {
  qr: [qr: string];
  /** A pairing code (login by phone number). */
  code: [code: string];
  authenticated: [];
  auth_failure: [message: string];
  ready: [];
  /** `LOGOUT`, a WhatsApp state (`CONFLICT`, `UNPAIRED`, `TOS_BLOCK`, …) or `BROWSER_CLOSED`. */
  disconnected: [reason: string];
  message_create: [message: WaMessage];
}

/** What the adapter, the port and the CLI need from WhatsApp. */
export interface WaClient extends EventEmitter<WaClientEvents> {
  initialize(): Promise<void>;
  destroy(): Promise<void>;
  sendMessage(chatId: string, text: string, opts?: WaSendOptions): Promise<{ id: string }>;
  sendDocument(chatId: string, doc: WaDocument, opts?: WaSendOptions & { caption?: string }): Promise<{ id: string }>;
  /** WhatsApp's connection state (`CONNECTED`, …), null when unknown. */
  getState(): Promise<string | null>;
  /** The phone number (digits) behind a user id, also for `…@lid` ids; null when hidden. */
  resolvePhone(userId: string): Promise<string | null>;
  getChatName(chatId: string): Promise<string | undefined>;
  /** Groups the bot's number is a member of. */
  listGroups(): Promise<{ id: string; name: string }[]>;
  /** The bot's own id (`6281…@c.us`) once ready. */
  me(): string | undefined;
}

export interface WhatsAppClientOptions {
  /** LocalAuth folder (WHATSAPP_AUTH_DIR). */
  authDir: string;
  /** Chromium binary (CHROMIUM_PATH); puppeteer never downloads one. */
  chromiumPath: string;
  /** Session name inside authDir: `session-<clientId>`. */
  clientId?: string;
  /** Log in with a pairing code for this number instead of a QR code (digits, with country code). */
  pairingPhone?: string;
}

export const DEFAULT_CLIENT_ID = 'penghubung';
/** Chromium flags for servers and containers (no sandbox user namespace, no GPU, small /dev/shm). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'];
/** A browser that does not close within this is killed. */
const DESTROY_TIMEOUT_MS = 10_000;

type Lib = typeof WAWebJS;

async function loadLibrary(): Promise<Lib> {
  const mod = (await import('whatsapp-web.js')) as unknown as Lib & { default?: Lib };
  return mod.default ?? mod;
}

function toWaMessage(m: WAWebJS.Message): WaMessage {
  // The push name is only on the raw model data.
  const data = (m as unknown as { _data?: { notifyName?: unknown } })._data;
  return {
    id: { _serialized: m.id._serialized },
    from: m.from,
    author: m.author || undefined,
    fromMe: m.fromMe,
    body: m.body ?? '',
    type: m.type,
    notifyName: typeof data?.notifyName === 'string' ? data.notifyName : undefined,
    hasQuotedMsg: m.hasQuotedMsg,
    async getQuotedMessage() {
      const q = await m.getQuotedMessage();
      return q ? { id: { _serialized: q.id._serialized } } : undefined;
    },
  };
}

/** whatsapp-web.js behind WaClient. One instance = one Chromium; after destroy() make a new one. */
export class WebJsClient extends EventEmitter<WaClientEvents> implements WaClient {
  private inner: WAWebJS.Client | null = null;
  private closing = false;

  constructor(
    private readonly lib: Lib,
    private readonly opts: WhatsAppClientOptions,
  ) {
    super();
  }

  async initialize(): Promise<void> {
    const { Client, LocalAuth } = this.lib;
    this.closing = false;
    const phone = this.opts.pairingPhone?.replace(/\D/g, '');
    const c = new Client({
      authStrategy: new LocalAuth({ dataPath: this.opts.authDir, clientId: this.opts.clientId ?? DEFAULT_CLIENT_ID }),
      puppeteer: { executablePath: this.opts.chromiumPath, headless: true, args: CHROMIUM_ARGS },
      ...(phone ? { pairWithPhoneNumber: { phoneNumber: phone, showNotification: true } } : {}),
    });
    this.inner = c;
    c.on('qr', (qr: string) => this.emit('qr', qr));
    c.on('code', (code: string) => this.emit('code', code));
    c.on('authenticated', () => this.emit('authenticated'));
    c.on('auth_failure', (m: unknown) => this.emit('auth_failure', String(m)));
    c.on('ready', () => this.emit('ready'));
    c.on('disconnected', (reason: unknown) => {
      if (!this.closing) this.emit('disconnected', String(reason));
    });
    c.on('message_create', (m: WAWebJS.Message) => this.emit('message_create', toWaMessage(m)));
    await c.initialize();
    // A Chromium crash is not a WhatsApp event: report it as a disconnect so the adapter restarts.
    c.pupBrowser?.on('disconnected', () => {
      if (!this.closing) this.emit('disconnected', 'BROWSER_CLOSED');
    });
    c.pupPage?.on('error', () => {
      if (!this.closing) this.emit('disconnected', 'PAGE_CRASHED');
    });
  }

  async destroy(): Promise<void> {
    const c = this.inner;
    this.inner = null;
    if (!c || this.closing) return;
    this.closing = true;
    const proc = c.pupBrowser?.process();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), DESTROY_TIMEOUT_MS)));
    const done = await Promise.race([c.destroy().then(() => 'closed' as const, () => 'failed' as const), timeout]);
    clearTimeout(timer);
    // A hung or crashed browser must not survive us (it would hold the session folder).
    if (done !== 'closed' && proc && proc.exitCode === null) proc.kill('SIGKILL');
  }

  private client(): WAWebJS.Client {
    if (!this.inner) throw new Error('whatsapp client is not running (disconnected)');
    return this.inner;
  }

  async sendMessage(chatId: string, text: string, opts: WaSendOptions = {}): Promise<{ id: string }> {
    const sent = (await this.client().sendMessage(chatId, text, {
      linkPreview: false,
      quotedMessageId: opts.quotedMessageId,
      mentions: opts.mentions,
    })) as WAWebJS.Message | undefined;
    // whatsapp-web.js resolves with nothing when the chat does not exist for this number.
    if (!sent) throw new Error(`chat not found: ${chatId}`);
    return { id: sent.id._serialized };
  }

  async sendDocument(chatId: string, doc: WaDocument, opts: WaSendOptions & { caption?: string } = {}): Promise<{ id: string }> {
    const media = new this.lib.MessageMedia(doc.mimeType, doc.contentBase64, doc.filename);
    const sent = (await this.client().sendMessage(chatId, media, {
      sendMediaAsDocument: true,
      caption: opts.caption,
      quotedMessageId: opts.quotedMessageId,
      mentions: opts.mentions,
    })) as WAWebJS.Message | undefined;
    if (!sent) throw new Error(`chat not found: ${chatId}`);
    return { id: sent.id._serialized };
  }

  async getState(): Promise<string | null> {
    if (!this.inner) return null;
    return (await this.inner.getState().catch(() => null)) ?? null;
  }

  async resolvePhone(userId: string): Promise<string | null> {
    const direct = /^(\d+)(?::\d+)?@c\.us$/.exec(userId);
    if (direct) return direct[1]!;
    if (!userId.endsWith('@lid') || !this.inner) return null;
    const [pair] = await this.inner.getContactLidAndPhone([userId]).catch(() => []);
    const pn = pair?.pn ? /^(\d+)/.exec(pair.pn) : null;
    return pn ? pn[1]! : null;
  }

  async getChatName(chatId: string): Promise<string | undefined> {
    if (!this.inner) return undefined;
    const chat = await this.inner.getChatById(chatId).catch(() => null);
    return chat?.name || undefined;
  }

  async listGroups(): Promise<{ id: string; name: string }[]> {
    const chats = await this.client().getChats();
    return chats.filter((c) => c.isGroup).map((c) => ({ id: c.id._serialized, name: c.name }));
  }

  me(): string | undefined {
    return this.inner?.info?.wid?._serialized;
  }
}

/** A new real client (loads whatsapp-web.js on first use). */
export async function createWhatsAppClient(opts: WhatsAppClientOptions): Promise<WaClient> {
  return new WebJsClient(await loadLibrary(), opts);
}

/** A factory for the adapter: each call makes a fresh client (after a crash the old one is gone). */
export function whatsAppClientFactory(opts: WhatsAppClientOptions): () => Promise<WaClient> {
  return () => createWhatsAppClient(opts);
}
