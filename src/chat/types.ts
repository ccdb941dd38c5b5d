/**
 * The platform-neutral shape of what people send the bot (Inbound) and what the chat core
 * answers (replies go through the outbox like every other message).
 */
import type { Platform } from '../domain/types.js';

export interface InboundUser {
  /** Platform user id: Telegram user id, WhatsApp E.164 number, console person id. */
  id: string;
  name: string;
  username?: string;
}

export interface Inbound {
  platform: Platform;
  /** Platform chat id (`-100123…`, `1203…@g.us`, `grup-admin`). */
  chatId: string;
  threadId?: string;
  chatType: 'group' | 'private';
  chatTitle?: string;
  user: InboundUser;
  /** Platform message id of this message (replies quote it). */
  messageId?: string;
  /** Typed text; commands start with `/` or `!`. */
  text?: string;
  /** A button press. */
  callback?: { id: string; data: string; messageId: string };
  /** The message this one replies to, when it replies to one. */
  replyToMessageId?: string;
}

/** What the core tells the adapter to do right away besides the outbox (e.g. the button toast). */
export interface HandleResult {
  /** Short text for Telegram's answerCallbackQuery (≤ 200 chars). */
  toast?: string;
}
