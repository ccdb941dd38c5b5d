/**
 * ChatPort over the current WhatsApp client, with errors classified for the outbox dispatcher.
 *
 * While WhatsApp is not connected nothing is sent and the row is handed back as `rate_limited`
 * (retry later, NOT counted as an attempt): a long outage would otherwise use up a row's
 * attempts and fail it, and the issue asks that messages queued meanwhile are delivered after
 * reconnect. The platform never saw these sends, so retrying them cannot duplicate anything.
 */
import type { OutMessage, Target } from '../../lib/message.js';
import { SendError, type ChatPort, type SendOptions } from '../port.js';
import type { WaClient } from './client.js';
import { renderStatusReply, renderWhatsApp } from './render.js';

/** What the port needs from the adapter: the client of the moment and whether it is ready. */
export interface WaLink {
  current(): WaClient | null;
  isReady(): boolean;
  /** Short state for errors, e.g. "reconnecting". */
  describe(): string;
  /** True when no reconnect is under way (logged out, needs a new login). */
  isTerminal(): boolean;
}

export interface WhatsAppPortOptions {
  /** Look again this soon while reconnecting (default 10 s). */
  notReadyRetryMs?: number;
  /** …and this soon when a person must log in again first (default 60 s). */
  loggedOutRetryMs?: number;
}

/** WhatsApp signals that we send too much: back off for long, or the number gets banned. */
export const SPAM_BACKOFF_MS = 15 * 60_000;

const RATE = /rate-?overlimit|too many|\b429\b|spam|TOS_BLOCK|PROXYBLOCK|temporarily banned/i;
const GONE = /chat not found|not a participant|no longer a participant|not-authorized|item-not-found|forbidden|invalid wid|\b40[34]\b|group (?:does not exist|was deleted)/i;

/** Map a whatsapp-web.js / puppeteer failure to what the dispatcher should do. */
export function classifyWhatsAppError(e: unknown): SendError {
  if (e instanceof SendError) return e;
  const text = e instanceof Error ? e.message : String(e);
  if (RATE.test(text)) return new SendError('rate_limited', text, SPAM_BACKOFF_MS);
  if (GONE.test(text)) return new SendError('chat_gone', text);
  // Session closed, target closed, protocol errors, timeouts: the browser went away mid-send.
  return new SendError('transient', text);
}

export class WhatsAppPort implements ChatPort {
  readonly platform = 'whatsapp' as const;
  constructor(
    private readonly link: WaLink,
    private readonly opts: WhatsAppPortOptions = {},
  ) {}

  private client(): WaClient {
    const c = this.link.current();
    if (c && this.link.isReady()) return c;
    const wait = this.link.isTerminal() ? (this.opts.loggedOutRetryMs ?? 60_000) : (this.opts.notReadyRetryMs ?? 10_000);
    throw new SendError('rate_limited', `whatsapp not connected (${this.link.describe()})`, wait);
  }

  async send(target: Target, message: OutMessage, opts: SendOptions = {}): Promise<{ messageId: string }> {
    const client = this.client();
    const quotedMessageId = opts.replyToMessageId ?? message.replyToMessageId;
    const r = renderWhatsApp(message);
    const mentions = r.mentions.length ? r.mentions : undefined;
    try {
      const sent = message.document
        ? await client.sendDocument(target.chatId, message.document, { caption: r.text, quotedMessageId, mentions })
        : await client.sendMessage(target.chatId, r.text, { quotedMessageId, mentions });
      return { messageId: sent.id };
    } catch (e) {
      throw classifyWhatsAppError(e);
    }
  }

  /** No edits on WhatsApp: a short status reply quoting the original; its id is returned. */
  async edit(target: Target, messageId: string, message: OutMessage): Promise<{ messageId: string }> {
    const client = this.client();
    const r = renderStatusReply(message);
    try {
      const sent = await client.sendMessage(target.chatId, r.text, { quotedMessageId: messageId, mentions: r.mentions.length ? r.mentions : undefined });
      return { messageId: sent.id };
    } catch (e) {
      throw classifyWhatsAppError(e);
    }
  }
}
