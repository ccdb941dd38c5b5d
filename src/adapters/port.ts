/**
 * What the outbox dispatcher needs from a chat platform. Each adapter (telegram, whatsapp,
 * console) implements it in its `port.ts`; the dispatcher knows nothing else about platforms.
 */
import type { OutMessage, Target } from '../lib/message.js';
import type { Platform } from '../domain/types.js';

export interface SendOptions {
  /** Platform message id to reply to (quote), when the message answers one. */
  replyToMessageId?: string;
}

export interface ChatPort {
  readonly platform: Platform;
  /** Send a new message; returns the platform's message id. */
  send(target: Target, message: OutMessage, opts?: SendOptions): Promise<{ messageId: string }>;
  /**
   * Replace an earlier message. Platforms without edits (WhatsApp) post a short status reply
   * quoting the original instead and return its id.
   */
  edit(target: Target, messageId: string, message: OutMessage): Promise<{ messageId: string }>;
}

/**
 * How a send failed, so the dispatcher knows what to do:
 * - `rate_limited`: wait `retryAfterMs`, then retry (does not count as a failure);
 * - `transient`: 5xx, network, timeout — retry with backoff;
 * - `chat_gone`: bot kicked, chat not found — mark the chat unhealthy, alert the admin, stop;
 * - `rejected`: this message can never be sent (e.g. malformed) — fail it, go on with the chat;
 * - `not_modified`: an edit that changes nothing — treat as done.
 */
export type SendFailureKind = 'rate_limited' | 'transient' | 'chat_gone' | 'rejected' | 'not_modified';

export class SendError extends Error {
  override readonly name = 'SendError';
  constructor(
    readonly kind: SendFailureKind,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export function isSendError(e: unknown): e is SendError {
  return e instanceof SendError;
}
