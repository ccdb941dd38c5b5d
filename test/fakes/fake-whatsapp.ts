/**
 * An in-process fake of WhatsApp behind the adapter's narrow WaClient interface (an
 * EventEmitter, like whatsapp-web.js): people write into chats (`userMessage`), the bot's sends
 * are recorded (and echoed as `fromMe` message_create events, as the real library does), and a
 * test can fail sends, crash the "browser", log out, or ask for a QR on the next start.
 */
import { EventEmitter } from 'node:events';
import type { WaClient, WaClientEvents, WaDocument, WaMessage, WaSendOptions } from '../../src/adapters/whatsapp/client.js';

/** One message the bot sent. */
export interface WaSent {
  id: string;
  chatId: string;
  text: string;
  quotedMessageId?: string;
  mentions?: string[];
  document?: string;
}

/** How the next initialize() goes. */
export type InitOutcome = 'ready' | 'fail' | 'qr' | 'auth_failure' | 'hang';

export class FakeWhatsApp extends EventEmitter<WaClientEvents> implements WaClient {
  readonly sent: WaSent[] = [];
  /** Sends that threw, with the error text. */
  readonly failedSends: { chatId: string; text: string; error: string }[] = [];
  /** `…@lid` ids and the number (digits) behind them. */
  readonly lids = new Map<string, string>();
  readonly groupNames = new Map<string, string>();
  initializeCalls = 0;
  destroyCalls = 0;
  connected = false;
  private seq = 0;
  private readonly initPlan: InitOutcome[] = [];
  private readonly failures: { error: string; left: number; chatId?: string }[] = [];
  private crashAfter: { sends: number; reason: string } | null = null;
  private readonly waiters = new Set<() => void>();

  constructor(readonly botNumber = '6281100000000') {
    super();
  }

  // ------------------------------------------------------------------ WaClient

  async initialize(): Promise<void> {
    this.initializeCalls++;
    const outcome = this.initPlan.shift() ?? 'ready';
    if (outcome === 'fail') throw new Error('Failed to launch the browser process!');
    if (outcome === 'hang') return;
    setImmediate(() => {
      if (outcome === 'qr') this.emit('qr', `2@fake-qr-${this.initializeCalls}`);
      else if (outcome === 'auth_failure') this.emit('auth_failure', 'Unable to log in. Are the session details valid?');
      else {
        this.connected = true;
        this.emit('authenticated');
        this.emit('ready');
      }
    });
  }

  async destroy(): Promise<void> {
    this.destroyCalls++;
    this.connected = false;
  }

  async sendMessage(chatId: string, text: string, opts: WaSendOptions = {}): Promise<{ id: string }> {
    return this.record(chatId, text, opts);
  }

  async sendDocument(chatId: string, doc: WaDocument, opts: WaSendOptions & { caption?: string } = {}): Promise<{ id: string }> {
    return this.record(chatId, opts.caption ?? '', opts, doc.filename);
  }

  async getState(): Promise<string | null> {
    return this.connected ? 'CONNECTED' : null;
  }

  async resolvePhone(userId: string): Promise<string | null> {
    const m = /^(\d+)@c\.us$/.exec(userId);
    return m ? m[1]! : (this.lids.get(userId) ?? null);
  }

  async getChatName(chatId: string): Promise<string | undefined> {
    return this.groupNames.get(chatId);
  }

  async listGroups(): Promise<{ id: string; name: string }[]> {
    return [...this.groupNames].map(([id, name]) => ({ id, name }));
  }

  me(): string | undefined {
    return this.connected ? `${this.botNumber}@c.us` : undefined;
  }

  // ------------------------------------------------------------------ test control

  /** Outcomes of the next initialize() calls, in order (then 'ready'). */
  planStarts(...outcomes: InitOutcome[]): void {
    this.initPlan.push(...outcomes);
  }

  /** The next `times` sends (optionally into one chat) throw `error`. */
  failNext(error: string, times = 1, chatId?: string): void {
    this.failures.push({ error, left: times, chatId });
  }

  /** After `sends` more successful sends the browser "crashes" (disconnected with `reason`). */
  crashAfterSends(sends: number, reason = 'BROWSER_CLOSED'): void {
    this.crashAfter = { sends, reason };
  }

  /** The connection drops now. */
  disconnect(reason = 'BROWSER_CLOSED'): void {
    this.connected = false;
    this.emit('disconnected', reason);
  }

  /**
   * Someone writes in a chat. `from` is their number (digits, `…@c.us`) or an `…@lid` id; in a
   * group (`…@g.us`) it becomes the author. Returns the message id.
   */
  userMessage(input: { chatId: string; from: string; text: string; name?: string; quotedId?: string; type?: string }): string {
    const author = input.from.includes('@') ? input.from : `${input.from}@c.us`;
    const group = input.chatId.endsWith('@g.us');
    const id = `false_${input.chatId}_${this.nextStanza()}${group ? `_${author}` : ''}`;
    const msg: WaMessage = {
      id: { _serialized: id },
      from: input.chatId,
      author: group ? author : undefined,
      fromMe: false,
      body: input.text,
      type: input.type ?? 'chat',
      notifyName: input.name,
      hasQuotedMsg: input.quotedId !== undefined,
      getQuotedMessage: async () => (input.quotedId ? { id: { _serialized: input.quotedId } } : undefined),
    };
    this.emit('message_create', msg);
    return id;
  }

  /** What the bot sent into a chat, in order. */
  messages(chatId: string): WaSent[] {
    return this.sent.filter((s) => s.chatId === chatId);
  }

  /** Resolves once `check()` is true (re-checked after every send and every 50 ms). */
  async waitFor(check: () => boolean, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`FakeWhatsApp.waitFor timed out; sent so far:\n${this.describe()}`);
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(t);
          this.waiters.delete(done);
          resolve();
        };
        const t = setTimeout(done, 50);
        this.waiters.add(done);
      });
    }
  }

  describe(): string {
    return this.sent.slice(-15).map((s) => `  ${s.chatId}${s.quotedMessageId ? ' (reply)' : ''}: ${s.text.split('\n')[0]}`).join('\n') || '  (nothing)';
  }

  private nextStanza(): string {
    return `3EB0${(++this.seq).toString(16).toUpperCase().padStart(16, '0')}`;
  }

  private record(chatId: string, text: string, opts: WaSendOptions, document?: string): { id: string } {
    if (!this.connected) {
      this.failedSends.push({ chatId, text, error: 'Session closed' });
      throw new Error('Protocol error (Runtime.callFunctionOn): Session closed. Most likely the page has been closed.');
    }
    const f = this.failures.find((x) => x.left > 0 && (x.chatId === undefined || x.chatId === chatId));
    if (f) {
      f.left--;
      this.failedSends.push({ chatId, text, error: f.error });
      throw new Error(f.error);
    }
    const id = `true_${chatId}_${this.nextStanza()}`;
    this.sent.push({ id, chatId, text, quotedMessageId: opts.quotedMessageId, mentions: opts.mentions, document });
    // The real library reports our own sends as message_create too; the adapter must skip them.
    this.emit('message_create', {
      id: { _serialized: id }, from: `${this.botNumber}@c.us`, fromMe: true, body: text, type: 'chat', hasQuotedMsg: Boolean(opts.quotedMessageId),
      getQuotedMessage: async () => (opts.quotedMessageId ? { id: { _serialized: opts.quotedMessageId } } : undefined),
    });
    for (const w of [...this.waiters]) w();
    if (this.crashAfter && --this.crashAfter.sends <= 0) {
      const reason = this.crashAfter.reason;
      this.crashAfter = null;
      // Down at once (later sends fail); the event follows, as the library reports it late too.
      this.connected = false;
      queueMicrotask(() => this.emit('disconnected', reason));
    }
    return { id };
  }
}
