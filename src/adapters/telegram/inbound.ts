/** Telegram updates → the platform-neutral Inbound. */
import type { Context } from 'grammy';
import type { Inbound } from '../../chat/types.js';

function displayName(u: { first_name: string; last_name?: string }): string {
  return [u.first_name, u.last_name].filter(Boolean).join(' ');
}

/** A text message (or a caption), or null when there is nothing for the bot. */
export function messageToInbound(ctx: Context): Inbound | null {
  const msg = ctx.message ?? ctx.channelPost;
  if (!msg || !msg.from || msg.from.is_bot) return null;
  const text = msg.text ?? msg.caption;
  if (text === undefined) return null;
  const group = msg.chat.type === 'group' || msg.chat.type === 'supergroup';
  return {
    platform: 'telegram',
    chatId: String(msg.chat.id),
    threadId: msg.is_topic_message && msg.message_thread_id !== undefined ? String(msg.message_thread_id) : undefined,
    chatType: group ? 'group' : 'private',
    chatTitle: 'title' in msg.chat ? msg.chat.title : undefined,
    user: { id: String(msg.from.id), name: displayName(msg.from), username: msg.from.username },
    messageId: String(msg.message_id),
    text,
    replyToMessageId: msg.reply_to_message && msg.reply_to_message.message_id !== msg.message_thread_id ? String(msg.reply_to_message.message_id) : undefined,
  };
}

/** A button press. */
export function callbackToInbound(ctx: Context): Inbound | null {
  const q = ctx.callbackQuery;
  if (!q || !q.data) return null;
  const msg = q.message;
  const chat = msg?.chat;
  if (!chat || !msg) return null;
  return {
    platform: 'telegram',
    chatId: String(chat.id),
    threadId: 'is_topic_message' in msg && msg.is_topic_message && msg.message_thread_id !== undefined ? String(msg.message_thread_id) : undefined,
    chatType: chat.type === 'private' ? 'private' : 'group',
    user: { id: String(q.from.id), name: displayName(q.from), username: q.from.username },
    callback: { id: q.id, data: q.data, messageId: String(msg.message_id) },
  };
}
