/**
 * Bot API method implementations of the fake server (everything except the long-polling
 * `getUpdates`, which needs the connection and lives in telegram-api.ts).
 *
 * Each handler validates like the real Bot API and returns the `result` value; failures are
 * thrown as TelegramError with Telegram's own descriptions.
 */
import type { BotCommand, BotCommandScope, InlineKeyboardMarkup, Message, MessageEntity, PhotoSize } from 'grammy/types';
import { applyParseMode } from './telegram-formatting.js';
import type { UploadedFile } from './telegram-multipart.js';
import {
  TelegramError,
  isRecord,
  optArray,
  optBool,
  optInt,
  optObject,
  optString,
  requireChatRef,
  requireMessageId,
  type Params,
} from './telegram-params.js';
import { stableJson, type TelegramStore } from './telegram-store.js';

export interface MethodContext {
  store: TelegramStore;
  params: Params;
  files: UploadedFile[];
  /** Wall-clock milliseconds (injectable so rate-limit tests need no real waiting). */
  now: number;
}

export type MethodHandler = (ctx: MethodContext) => unknown;

export const MAX_TEXT_LENGTH = 4096;
export const MAX_CAPTION_LENGTH = 1024;
export const MAX_CALLBACK_DATA_BYTES = 64;

const CALLBACK_QUERY_INVALID = 'query is too old and response timeout expired or query ID is invalid';
const NOT_MODIFIED =
  'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';
const CHAT_ACTIONS = new Set([
  'typing', 'upload_photo', 'record_video', 'upload_video', 'record_voice', 'upload_voice', 'upload_document',
  'choose_sticker', 'find_location', 'record_video_note', 'upload_video_note',
]);
const BUTTON_ACTIONS = [
  'callback_data', 'url', 'web_app', 'login_url', 'switch_inline_query', 'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat', 'copy_text', 'callback_game', 'pay',
];
const SCOPE_TYPES = new Set([
  'default', 'all_private_chats', 'all_group_chats', 'all_chat_administrators', 'chat', 'chat_administrators', 'chat_member',
]);

const seconds = (ms: number): number => Math.floor(ms / 1000);

// ------------------------------------------------------------------------------- validation

/**
 * Validates reply_markup. Only inline keyboards are echoed in the returned Message (reply
 * keyboards, remove_keyboard and force_reply are accepted but never appear in it).
 */
function readMarkup(params: Params): InlineKeyboardMarkup | undefined {
  const markup = optObject(params, 'reply_markup');
  if (!markup || !('inline_keyboard' in markup)) return undefined;
  const rows = markup.inline_keyboard;
  if (!Array.isArray(rows) || !rows.every(Array.isArray)) {
    throw TelegramError.badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
  }
  for (const row of rows as unknown[][]) {
    for (const button of row) {
      if (!isRecord(button)) throw TelegramError.badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
      if (typeof button.text !== 'string') {
        throw TelegramError.badRequest('can\'t parse inline keyboard button: Field "text" must be of type String');
      }
      if (!BUTTON_ACTIONS.some((k) => button[k] !== undefined)) {
        throw TelegramError.badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
      }
      const data = button.callback_data;
      if (data !== undefined) {
        const bytes = typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : 0;
        if (bytes < 1 || bytes > MAX_CALLBACK_DATA_BYTES) throw TelegramError.badRequest('BUTTON_DATA_INVALID');
      }
    }
  }
  // Validated above; the rest of the button union is echoed untouched, like Telegram does.
  return { inline_keyboard: structuredClone(rows) } as InlineKeyboardMarkup;
}

/** Text or caption after parse_mode, with Telegram's emptiness/length rules. */
function readText(params: Params, key: 'text' | 'caption'): { text: string; entities: MessageEntity[] } | undefined {
  const raw = optString(params, key);
  const parsed = applyParseMode(raw ?? '', optString(params, 'parse_mode'));
  const explicit = optArray(params, key === 'text' ? 'entities' : 'caption_entities');
  const entities = explicit ? (structuredClone(explicit) as MessageEntity[]) : parsed.entities;
  if (key === 'text') {
    if (parsed.text.trim() === '') throw TelegramError.badRequest('message text is empty');
    if (parsed.text.length > MAX_TEXT_LENGTH) throw TelegramError.badRequest('message is too long');
    return { text: parsed.text, entities };
  }
  if (parsed.text === '') return undefined;
  if (parsed.text.length > MAX_CAPTION_LENGTH) throw TelegramError.badRequest('message caption is too long');
  return { text: parsed.text, entities };
}

// ------------------------------------------------------------------------ outgoing messages

/** Builds, stores and returns a bot message with the options shared by all send* methods. */
function sendCommon(ctx: MethodContext, content: Partial<Message>): Message {
  const { store, params } = ctx;
  const chatId = store.resolveChat(requireChatRef(params));
  const thread = optInt(params, 'message_thread_id');
  const markup = readMarkup(params);
  const replyParams = optObject(params, 'reply_parameters');
  const replyToId = replyParams ? optInt(replyParams, 'message_id') : optInt(params, 'reply_to_message_id');
  const allowWithoutReply = replyParams
    ? optBool(replyParams, 'allow_sending_without_reply')
    : optBool(params, 'allow_sending_without_reply');
  let replyTo: Message | undefined;
  if (replyToId !== undefined) {
    replyTo = store.message(chatId, replyToId);
    if (!replyTo && !allowWithoutReply) throw TelegramError.badRequest('message to be replied not found');
  }
  const message: Message = {
    message_id: store.nextMessageId(chatId),
    ...(thread !== undefined ? { message_thread_id: thread } : {}),
    from: store.botAsUser(),
    chat: store.chat(chatId),
    date: seconds(ctx.now),
    ...(thread !== undefined && store.isForum(chatId) !== false ? { is_topic_message: true } : {}),
    // Telegram never nests replies: the quoted message carries no reply_to_message of its own.
    ...(replyTo ? { reply_to_message: { ...replyTo, reply_to_message: undefined } } : {}),
    ...content,
    ...(markup ? { reply_markup: markup } : {}),
  };
  store.saveMessage(message);
  return message;
}

function sendMessage(ctx: MethodContext): Message {
  requireChatRef(ctx.params);
  const text = readText(ctx.params, 'text');
  if (!text) throw TelegramError.badRequest('message text is empty');
  return sendCommon(ctx, { text: text.text, ...(text.entities.length > 0 ? { entities: text.entities } : {}) });
}

const MIME_BY_EXT: Record<string, string> = {
  txt: 'text/plain', csv: 'text/csv', pdf: 'application/pdf', json: 'application/json', html: 'text/html',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', zip: 'application/zip',
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** Resolves a file parameter: an upload (attach://), a known file_id or an HTTP URL. */
function readInputFile(ctx: MethodContext, field: 'document' | 'photo'): { fileName: string; mime: string; size: number; bytes?: Buffer; fileId?: string } {
  const ref = optString(ctx.params, field);
  if (ref === undefined || ref === '') throw TelegramError.badRequest(`there is no ${field} in the request`);
  const upload = ctx.files.find((f) => f.field === field);
  if (upload) {
    const ext = upload.fileName.split('.').pop()?.toLowerCase() ?? '';
    const mime = upload.contentType !== 'application/octet-stream' ? upload.contentType : MIME_BY_EXT[ext] ?? 'application/octet-stream';
    return { fileName: upload.fileName, mime, size: upload.size, bytes: upload.bytes };
  }
  if (ref.startsWith('attach://')) throw TelegramError.badRequest(`there is no ${field} in the request`);
  const known = ctx.store.files.get(ref);
  if (known) return { fileName: known.file_name, mime: known.mime_type, size: known.size, ...(known.bytes ? { bytes: known.bytes } : {}), fileId: known.file_id };
  if (/^https?:\/\//.test(ref)) {
    const name = decodeURIComponent(new URL(ref).pathname.split('/').pop() || `${field}.dat`);
    return { fileName: name, mime: MIME_BY_EXT[name.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream', size: 1024 };
  }
  throw TelegramError.badRequest('wrong file identifier/HTTP URL specified');
}

function captionContent(params: Params): Partial<Message> {
  const caption = readText(params, 'caption');
  if (!caption) return {};
  return { caption: caption.text, ...(caption.entities.length > 0 ? { caption_entities: caption.entities } : {}) };
}

function sendDocument(ctx: MethodContext): Message {
  requireChatRef(ctx.params);
  const input = readInputFile(ctx, 'document');
  const file = (input.fileId && ctx.store.files.get(input.fileId)) || ctx.store.saveFile(input.fileName, input.mime, input.size, input.bytes);
  return sendCommon(ctx, {
    document: { file_name: file.file_name, mime_type: file.mime_type, file_id: file.file_id, file_unique_id: file.file_unique_id, file_size: file.size },
    ...captionContent(ctx.params),
  });
}

/** Image dimensions from PNG/JPEG/WebP/GIF headers; anything else is not an image to Telegram. */
function imageSize(bytes: Buffer): { width: number; height: number } | undefined {
  if (bytes.length >= 24 && bytes.readUInt32BE(0) === 0x89504e47) return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  if (bytes.length >= 10 && bytes.toString('ascii', 0, 3) === 'GIF') return { width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) };
  if (bytes.length >= 16 && bytes.toString('ascii', 0, 4) === 'RIFF' && bytes.toString('ascii', 8, 12) === 'WEBP') return { width: 512, height: 512 };
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    // Walk JPEG segments up to the first start-of-frame marker.
    let i = 2;
    while (i + 9 < bytes.length && bytes[i] === 0xff) {
      const marker = bytes[i + 1] ?? 0;
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { width: bytes.readUInt16BE(i + 7), height: bytes.readUInt16BE(i + 5) };
      }
      i += 2 + bytes.readUInt16BE(i + 2);
    }
    return { width: 1280, height: 720 };
  }
  return undefined;
}

function sendPhoto(ctx: MethodContext): Message {
  requireChatRef(ctx.params);
  const input = readInputFile(ctx, 'photo');
  const dims = input.bytes ? imageSize(input.bytes) : { width: 1280, height: 720 };
  if (!dims) throw TelegramError.badRequest('IMAGE_PROCESS_FAILED');
  const file = (input.fileId && ctx.store.files.get(input.fileId)) || ctx.store.saveFile(input.fileName, input.mime, input.size, input.bytes);
  // Telegram returns several resized variants, smallest first; the last one is the original.
  const scale = Math.min(1, 90 / Math.max(dims.width, dims.height, 1));
  const photo: PhotoSize[] = [
    { file_id: `${file.file_id}-s`, file_unique_id: `${file.file_unique_id}s`, width: Math.max(1, Math.round(dims.width * scale)), height: Math.max(1, Math.round(dims.height * scale)), file_size: Math.min(file.size, 1500) },
    { file_id: file.file_id, file_unique_id: file.file_unique_id, width: dims.width, height: dims.height, file_size: file.size },
  ];
  return sendCommon(ctx, { photo, ...captionContent(ctx.params) });
}

// ---------------------------------------------------------------------------------- editing

/** The stored bot message an edit refers to, or Telegram's error for why it cannot be edited. */
function editTarget(ctx: MethodContext): Message {
  const chatId = ctx.store.resolveChat(requireChatRef(ctx.params));
  const message = ctx.store.message(chatId, requireMessageId(ctx.params));
  if (!message) throw TelegramError.badRequest('message to edit not found');
  if (message.from?.id !== ctx.store.botUser.id) throw TelegramError.badRequest("message can't be edited");
  return message;
}

function finishEdit(ctx: MethodContext, message: Message, changes: Partial<Message>): Message {
  const edited: Message = { ...message, ...changes, edit_date: seconds(ctx.now) };
  // Omitting reply_markup in an edit removes the keyboard, exactly like the real API.
  for (const key of ['reply_markup', 'entities'] as const) if (changes[key] === undefined) delete edited[key];
  ctx.store.saveMessage(edited);
  return edited;
}

function editMessageText(ctx: MethodContext): Message | true {
  if (optString(ctx.params, 'inline_message_id') !== undefined) {
    readText(ctx.params, 'text');
    return true;
  }
  const message = editTarget(ctx);
  const text = readText(ctx.params, 'text');
  if (!text) throw TelegramError.badRequest('message text is empty');
  if (message.text === undefined) throw TelegramError.badRequest('there is no text in the message to edit');
  const markup = readMarkup(ctx.params);
  const entities = text.entities.length > 0 ? text.entities : undefined;
  if (message.text === text.text && stableJson(message.entities ?? []) === stableJson(entities ?? []) &&
    stableJson(message.reply_markup) === stableJson(markup)) {
    throw TelegramError.badRequest(NOT_MODIFIED);
  }
  return finishEdit(ctx, message, { text: text.text, entities, reply_markup: markup });
}

function editMessageReplyMarkup(ctx: MethodContext): Message | true {
  if (optString(ctx.params, 'inline_message_id') !== undefined) return true;
  const message = editTarget(ctx);
  const markup = readMarkup(ctx.params);
  if (stableJson(message.reply_markup) === stableJson(markup)) throw TelegramError.badRequest(NOT_MODIFIED);
  return finishEdit(ctx, message, { entities: message.entities, reply_markup: markup });
}

function deleteMessage(ctx: MethodContext): true {
  const chatId = ctx.store.resolveChat(requireChatRef(ctx.params));
  if (!ctx.store.deleteMessage(chatId, requireMessageId(ctx.params))) throw TelegramError.badRequest('message to delete not found');
  return true;
}

// --------------------------------------------------------------------------------- commands

function readScope(params: Params): { scope: BotCommandScope; language: string; key: string } {
  const scope = optObject(params, 'scope') ?? { type: 'default' };
  if (typeof scope.type !== 'string' || !SCOPE_TYPES.has(scope.type)) throw TelegramError.badRequest('unsupported bot command scope type');
  if (['chat', 'chat_administrators', 'chat_member'].includes(scope.type) && scope.chat_id === undefined) {
    throw TelegramError.badRequest('chat_id is empty');
  }
  const language = optString(params, 'language_code') ?? '';
  // Validated above; the scope object is kept verbatim.
  return { scope: scope as unknown as BotCommandScope, language, key: `${stableJson(scope)}|${language}` };
}

function setMyCommands(ctx: MethodContext): true {
  const list = optArray(ctx.params, 'commands') ?? [];
  if (list.length > 100) throw TelegramError.badRequest('too many commands specified');
  const commands: BotCommand[] = list.map((c) => {
    if (!isRecord(c) || typeof c.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(c.command)) {
      throw TelegramError.badRequest('BOT_COMMAND_INVALID');
    }
    if (typeof c.description !== 'string' || c.description.trim() === '' || c.description.length > 256) {
      throw TelegramError.badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
    }
    return { command: c.command, description: c.description };
  });
  const { scope, language, key } = readScope(ctx.params);
  if (commands.length === 0) ctx.store.commandSets.delete(key);
  else ctx.store.commandSets.set(key, { scope, language_code: language, commands });
  return true;
}

function getMyCommands(ctx: MethodContext): BotCommand[] {
  return structuredClone(ctx.store.commandSets.get(readScope(ctx.params).key)?.commands ?? []);
}

function deleteMyCommands(ctx: MethodContext): true {
  ctx.store.commandSets.delete(readScope(ctx.params).key);
  return true;
}

// ------------------------------------------------------------------------------------- misc

function answerCallbackQuery(ctx: MethodContext): true {
  const id = optString(ctx.params, 'callback_query_id');
  if (!id || !ctx.store.openCallbackQueries.delete(id)) throw TelegramError.badRequest(CALLBACK_QUERY_INVALID);
  return true;
}

function getChat(ctx: MethodContext): unknown {
  const ref = requireChatRef(ctx.params);
  if (typeof ref === 'number' && !ctx.store.isKnownChat(ref)) throw TelegramError.badRequest('chat not found');
  return ctx.store.chatFullInfo(ctx.store.resolveChat(ref));
}

function sendChatAction(ctx: MethodContext): true {
  ctx.store.resolveChat(requireChatRef(ctx.params));
  const action = optString(ctx.params, 'action');
  if (!action || !CHAT_ACTIONS.has(action)) throw TelegramError.badRequest('wrong parameter action in request');
  return true;
}

function setWebhook(ctx: MethodContext): true {
  const url = optString(ctx.params, 'url') ?? '';
  if (url !== '' && !url.startsWith('https://')) throw TelegramError.badRequest('bad webhook: An HTTPS URL must be provided for webhook');
  ctx.store.webhookUrl = url;
  const allowed = optArray(ctx.params, 'allowed_updates');
  if (allowed) ctx.store.allowedUpdates = allowed.filter((u): u is string => typeof u === 'string');
  if (optBool(ctx.params, 'drop_pending_updates')) ctx.store.clearUpdates();
  return true;
}

function deleteWebhook(ctx: MethodContext): true {
  ctx.store.webhookUrl = '';
  if (optBool(ctx.params, 'drop_pending_updates')) ctx.store.clearUpdates();
  return true;
}

function getWebhookInfo(ctx: MethodContext): unknown {
  return {
    url: ctx.store.webhookUrl,
    has_custom_certificate: false,
    pending_update_count: ctx.store.pendingUpdateCount(),
    ...(ctx.store.webhookUrl ? { max_connections: 40, ip_address: '127.0.0.1' } : {}),
    ...(ctx.store.allowedUpdates?.length ? { allowed_updates: [...ctx.store.allowedUpdates] } : {}),
  };
}

/** Method table; names are matched case-insensitively, as the Bot API does. */
export const METHODS: Record<string, MethodHandler> = {
  getMe: (ctx) => structuredClone(ctx.store.botUser),
  sendMessage,
  sendPhoto,
  sendDocument,
  editMessageText,
  editMessageReplyMarkup,
  deleteMessage,
  answerCallbackQuery,
  setMyCommands,
  getMyCommands,
  deleteMyCommands,
  getChat,
  sendChatAction,
  setWebhook,
  deleteWebhook,
  getWebhookInfo,
  close: () => true,
  logOut: () => true,
};

/** Methods that put a new message into a chat: counted by the rate-limit observers. */
export const SEND_METHODS = new Set(['sendMessage', 'sendPhoto', 'sendDocument']);
