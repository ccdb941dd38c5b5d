/** OutMessage → sendMessage/editMessageText parameters. Plain text (no parse mode): nothing to escape. */
import { InlineKeyboard } from 'grammy';
import type { OutMessage } from '../../lib/message.js';

export const TELEGRAM_TEXT_LIMIT = 4096;

export function fitText(text: string, limit = TELEGRAM_TEXT_LIMIT): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

export function keyboard(message: OutMessage): InlineKeyboard | undefined {
  if (!message.buttons?.length) return undefined;
  return InlineKeyboard.from(message.buttons.map((row) => row.map((b) => InlineKeyboard.text(b.label, b.data))));
}

export interface TelegramSendParams {
  text: string;
  other: {
    reply_markup?: InlineKeyboard;
    message_thread_id?: number;
    reply_parameters?: { message_id: number; allow_sending_without_reply: boolean };
    link_preview_options: { is_disabled: boolean };
  };
}

export function renderSend(message: OutMessage, threadId?: string): TelegramSendParams {
  const reply = message.replyToMessageId ? Number(message.replyToMessageId) : undefined;
  return {
    text: fitText(message.text),
    other: {
      reply_markup: keyboard(message),
      message_thread_id: threadId ? Number(threadId) : undefined,
      reply_parameters: reply ? { message_id: reply, allow_sending_without_reply: true } : undefined,
      link_preview_options: { is_disabled: true },
    },
  };
}
