/**
 * Runs the WhatsApp side: messages → chat core (in order per chat), and a supervisor that keeps
 * one client connected. A disconnect, a Chromium crash, a failed start or a start that never
 * gets ready destroys the client and makes a new one after an exponential backoff. Logged out,
 * refused sessions and bans need a person: they are logged clearly, the admins are told (see
 * services/whatsapp-alerts.ts), and no restart loop runs. Sends go through the outbox and the
 * port (port.ts), which holds messages back while not connected.
 */
import { registerHealth } from '../../api/health.js';
import type { ChatCore } from '../../chat/core.js';
import type { Logger } from '../../lib/logger.js';
import { backoffMs } from '../../scheduler/rate-limit.js';
import { WHATSAPP_ALERTS } from '../../services/whatsapp-alerts.js';
import type { WaClient, WaClientEvents, WaMessage } from './client.js';
import { setWhatsappHealthSource, TERMINAL_STATES, type WaHealth, type WaState } from './health.js';
import { isGroupId, messageToInbound } from './inbound.js';
import { WhatsAppPort, type WaLink, type WhatsAppPortOptions } from './port.js';

export interface WhatsAppAdapterOptions {
  /** A factory (a fresh client per start: after a crash the old one is gone) or one client to re-initialise. */
  client: WaClient | (() => WaClient | Promise<WaClient>);
  core: Pick<ChatCore, 'handle'>;
  log: Logger;
  /** Every state change (also logged). */
  onStateChange?: (health: WaHealth) => void;
  /** Tell the admins (logged out, auth failure, ban, long outage); must not throw. */
  alertAdmins?: (text: string) => Promise<void>;
  /** Reconnect backoff (default 2 s doubling, at most 5 min). */
  backoff?: { baseMs: number; maxMs: number };
  /** A start not ready by then is restarted (default 3 min; loading many chats takes a while). */
  readyTimeoutMs?: number;
  /** Alert the admins when not connected for this long (default 10 min; 0 = never). */
  outageAlertMs?: number;
  port?: WhatsAppPortOptions;
}

export interface RunningWhatsApp {
  /** The ChatPort for the outbox dispatcher. */
  port: WhatsAppPort;
  state(): WaHealth;
  stop(): Promise<void>;
}

const LOGGED_OUT = /^(LOGOUT|UNPAIRED|UNPAIRED_IDLE)$/;
const BANNED = /TOS_BLOCK/;
const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

class WhatsAppConnection implements WaLink {
  private client: WaClient | null = null;
  private ready = false;
  private stopped = false;
  /** Bumped whenever a client is dropped: events of older clients are ignored. */
  private gen = 0;
  private failures = 0;
  private reconnects = 0;
  private h: WaHealth;
  private detach: (() => void) | null = null;
  private retryTimer: NodeJS.Timeout | undefined;
  private readyTimer: NodeJS.Timeout | undefined;
  private outageTimer: NodeJS.Timeout | undefined;
  private outageAlerted = false;
  private readonly chains = new Map<string, Promise<void>>();

  constructor(private readonly o: WhatsAppAdapterOptions) {
    this.h = { name: 'whatsapp', ok: false, state: 'starting', since: new Date().toISOString(), reconnects: 0 };
  }

  current(): WaClient | null {
    return this.client;
  }
  isReady(): boolean {
    return this.ready;
  }
  describe(): string {
    return this.h.state;
  }
  isTerminal(): boolean {
    return TERMINAL_STATES.has(this.h.state);
  }
  health(): WaHealth {
    return { ...this.h };
  }

  async connect(): Promise<void> {
    if (this.stopped) return;
    const gen = ++this.gen;
    this.setState('starting');
    let client: WaClient;
    try {
      client = typeof this.o.client === 'function' ? await this.o.client() : this.o.client;
    } catch (e) {
      return this.restart(gen, `could not create the client: ${errText(e)}`);
    }
    if (gen !== this.gen) return void client.destroy().catch(() => {});
    this.client = client;
    this.detach = this.attach(client, gen);
    const readyMs = this.o.readyTimeoutMs ?? 180_000;
    this.readyTimer = setTimeout(() => void this.restart(gen, `not ready after ${Math.round(readyMs / 1000)} s`), readyMs);
    try {
      await client.initialize();
    } catch (e) {
      await this.restart(gen, `start failed: ${errText(e)}`);
    }
  }

  private attach(client: WaClient, gen: number): () => void {
    const on: { [K in keyof WaClientEvents]: (...args: WaClientEvents[K]) => void } = {
      qr: () => void this.terminal(gen, 'needs_login', 'WhatsApp asks for a new login (QR code)', WHATSAPP_ALERTS.needsLogin()),
      code: () => {},
      authenticated: () => gen === this.gen && this.setState('authenticated'),
      ready: () => this.onReady(gen, client),
      auth_failure: (m) => void this.terminal(gen, 'auth_failure', m || 'session refused', WHATSAPP_ALERTS.authFailure()),
      disconnected: (reason) => {
        if (LOGGED_OUT.test(reason)) void this.terminal(gen, 'logged_out', reason, WHATSAPP_ALERTS.loggedOut(reason));
        else if (BANNED.test(reason)) void this.terminal(gen, 'banned', reason, WHATSAPP_ALERTS.banned(reason));
        else void this.restart(gen, `disconnected: ${reason}`);
      },
      message_create: (msg) => this.onMessage(client, msg),
    };
    const names = Object.keys(on) as (keyof WaClientEvents)[];
    for (const n of names) client.on(n, on[n] as never);
    return () => {
      for (const n of names) client.off(n, on[n] as never);
    };
  }

  private onReady(gen: number, client: WaClient): void {
    if (gen !== this.gen) return;
    clearTimeout(this.readyTimer);
    clearTimeout(this.outageTimer);
    this.outageTimer = undefined;
    this.ready = true;
    this.failures = 0;
    this.setState('ready');
    this.o.log.info({ reconnects: this.reconnects, bot: client.me() }, 'whatsapp connected');
    if (this.outageAlerted) {
      this.outageAlerted = false;
      void this.o.alertAdmins?.(WHATSAPP_ALERTS.recovered());
    }
  }

  /** Drop the client and try again after the backoff. */
  private async restart(gen: number, reason: string): Promise<void> {
    if (gen !== this.gen || this.stopped || this.isTerminal()) return;
    this.gen++;
    await this.teardown();
    this.failures++;
    this.reconnects++;
    const base = backoffMs(this.failures, this.o.backoff?.baseMs ?? 2_000, this.o.backoff?.maxMs ?? 300_000);
    const delay = Math.round(base * (0.8 + Math.random() * 0.4)); // jitter: replicas and restarts do not align
    this.setState('reconnecting', reason);
    this.o.log.warn({ reason, retryInMs: delay, attempt: this.failures }, 'whatsapp disconnected; reconnecting (messages stay queued)');
    this.armOutageAlert();
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }

  /** A state only a person can leave: stop the client, log it loudly, tell the admins. */
  private async terminal(gen: number, state: WaState, reason: string, alert: string): Promise<void> {
    if (gen !== this.gen || this.stopped) return;
    this.gen++;
    await this.teardown();
    clearTimeout(this.outageTimer);
    this.outageTimer = undefined;
    this.setState(state, reason);
    const what =
      state === 'banned'
        ? 'whatsapp blocked the bot number; WhatsApp messages cannot be sent'
        : `whatsapp ${state.replace('_', ' ')}: stop the bot, run "penghubung whatsapp login", then start it again; WhatsApp messages stay queued`;
    this.o.log.error({ state, reason }, what);
    await this.o.alertAdmins?.(alert);
  }

  private async teardown(): Promise<void> {
    clearTimeout(this.readyTimer);
    this.ready = false;
    this.detach?.();
    this.detach = null;
    const c = this.client;
    this.client = null;
    if (c) await c.destroy().catch((err: unknown) => this.o.log.warn({ err: errText(err) }, 'whatsapp client did not close cleanly'));
  }

  private armOutageAlert(): void {
    const ms = this.o.outageAlertMs ?? 600_000;
    // One alert per outage: armed at its first failure, not again until it is over.
    if (this.outageTimer || this.outageAlerted || ms <= 0 || !this.o.alertAdmins) return;
    this.outageTimer = setTimeout(() => {
      this.outageTimer = undefined;
      if (this.ready || this.stopped || this.isTerminal()) return;
      this.outageAlerted = true;
      void this.o.alertAdmins?.(WHATSAPP_ALERTS.outage(Math.max(1, Math.round(ms / 60_000))));
    }, ms);
  }

  /** Messages of one chat are handled one after another (a menu answer after its question). */
  private onMessage(client: WaClient, msg: WaMessage): void {
    const key = msg.from;
    const next = (this.chains.get(key) ?? Promise.resolve())
      .then(async () => {
        const inbound = await messageToInbound(msg, client);
        if (inbound) await this.o.core.handle(inbound);
      })
      // Private chat ids are phone numbers: only group ids go to the log.
      .catch((err: unknown) => this.o.log.error({ err, chat: isGroupId(key) ? key : 'private' }, 'whatsapp message failed'));
    this.chains.set(key, next);
    void next.then(() => {
      if (this.chains.get(key) === next) this.chains.delete(key);
    });
  }

  private setState(state: WaState, detail?: string): void {
    this.h = { name: 'whatsapp', ok: state === 'ready', state, since: new Date().toISOString(), detail, reconnects: this.reconnects };
    this.o.onStateChange?.(this.health());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.gen++;
    clearTimeout(this.retryTimer);
    clearTimeout(this.outageTimer);
    await this.teardown();
    await Promise.allSettled([...this.chains.values()]);
    this.setState('stopped');
  }
}

/**
 * Start WhatsApp in the background (returns at once; connecting can take minutes). Put `port`
 * into the dispatcher's ports. The state is registered with /healthz as `whatsapp` (ok only
 * while connected) and is available from `state()` and whatsappHealth().
 */
export function startWhatsApp(opts: WhatsAppAdapterOptions): RunningWhatsApp {
  const conn = new WhatsAppConnection(opts);
  setWhatsappHealthSource(() => conn.health());
  const unregister = registerHealth('whatsapp', () => {
    const { ok, state, since, detail, reconnects } = conn.health();
    return { ok, detail: { state, since, reconnects, ...(detail ? { reason: detail } : {}) } };
  });
  void conn.connect();
  return {
    port: new WhatsAppPort(conn, opts.port),
    state: () => conn.health(),
    async stop() {
      unregister();
      await conn.stop();
    },
  };
}
