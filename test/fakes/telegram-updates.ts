/**
 * Builders for the updates tests inject into the fake Bot API: user text messages and
 * callback queries, shaped like the ones Telegram delivers (entities, topics, replies).
 */
import type { CallbackQuery, Message, Update, User } from 'grammy/types';
import { detectEntities } from './telegram-formatting.js';
import type { ChatType, TelegramStore } from './telegram-store.js';

export interface FakeUser {
  id: number;
  first_name: string;
  username?: string;
  last_name?: string;
  language_code?: string;
}

export interface InjectMessageInput {
  chatId: number;
  chatType?: ChatType;
  chatTitle?: string;
  from: FakeUser;
  text: string;
  threadId?: number;
  replyToMessageId?: number;
}

export interface InjectCallbackInput {
  chatId: number;
  messageId: number;
  from: FakeUser;
  data: string;
}

function toUser(from: FakeUser): User {
  return { ...from, is_bot: false };
}

/** Stores and returns a user's text message; throws (a test bug) for unknown reply targets. */
export function buildUserMessage(store: TelegramStore, input: InjectMessageInput, nowMs: number): NonNullable<Update['message']> {
  const { chatId } = input;
  // In private chats the chat is the user: name the chat after them the first time it is seen.
  const privateChat = chatId > 0 && !store.isKnownChat(chatId)
    ? { firstName: input.from.first_name, ...(input.from.username ? { username: input.from.username } : {}) }
    : {};
  store.registerChat({
    id: chatId,
    ...(input.chatType ? { type: input.chatType } : {}),
    ...(input.chatTitle ? { title: input.chatTitle } : {}),
    ...privateChat,
  });
  const chat = store.chat(chatId);
  if (chat.type === 'channel') throw new Error('injectMessage: channels post channel_post updates, which the fake does not model');
  let replyTo: Message | undefined;
  if (input.replyToMessageId !== undefined) {
    replyTo = store.message(chatId, input.replyToMessageId);
    if (!replyTo) throw new Error(`injectMessage: message ${input.replyToMessageId} not found in chat ${chatId}`);
  }
  const entities = detectEntities(input.text);
  const message: NonNullable<Update['message']> = {
    message_id: store.nextMessageId(chatId),
    ...(input.threadId !== undefined ? { message_thread_id: input.threadId } : {}),
    from: toUser(input.from),
    chat,
    date: Math.floor(nowMs / 1000),
    ...(input.threadId !== undefined && store.isForum(chatId) !== false ? { is_topic_message: true } : {}),
    ...(replyTo ? { reply_to_message: { ...replyTo, reply_to_message: undefined } } : {}),
    text: input.text,
    ...(entities.length > 0 ? { entities } : {}),
  };
  store.saveMessage(message);
  return message;
}

/** A press on a button of a stored message; the query stays open until answerCallbackQuery. */
export function buildCallbackQuery(store: TelegramStore, input: InjectCallbackInput, sequence: number): CallbackQuery {
  const message = store.message(input.chatId, input.messageId);
  if (!message) throw new Error(`injectCallback: message ${input.messageId} not found in chat ${input.chatId}`);
  // Real ids are long numeric strings unique per query.
  const id = `${store.botUser.id}${String(sequence).padStart(9, '0')}`;
  store.openCallbackQueries.add(id);
  return {
    id,
    from: toUser(input.from),
    message,
    // Stable per chat, like Telegram's chat_instance.
    chat_instance: String(-Math.abs(input.chatId) * 31 - 7),
    data: input.data,
  };
}
