/**
 * In-memory server state of the fake Bot API: the bot identity, known chats, per-chat message
 * history (so edits/replies/callbacks refer to real messages), uploaded files, command lists,
 * webhook setting and the pending update queue.
 */
import type {
  BotCommand,
  BotCommandScope,
  Chat,
  ChatFullInfo,
  Message,
  Update,
  User,
  UserFromGetMe,
} from 'grammy/types';
import { TelegramError } from './telegram-params.js';

export type ChatType = 'private' | 'group' | 'supergroup' | 'channel';

/** How a test describes a chat; missing fields are derived from the id like Telegram does. */
export interface ChatSpec {
  id: number;
  type?: ChatType;
  title?: string;
  username?: string;
  firstName?: string;
  lastName?: string;
  /** Supergroup with topics; `false` makes thread ids plain reply threads (no is_topic_message). */
  isForum?: boolean;
}

interface ChatInfo {
  id: number;
  type: ChatType;
  title: string;
  username: string | undefined;
  firstName: string;
  lastName: string | undefined;
  isForum: boolean | undefined;
}

export interface StoredFile {
  file_id: string;
  file_unique_id: string;
  file_name: string;
  mime_type: string;
  size: number;
  bytes: Buffer | undefined;
}

export interface CommandSet {
  scope: BotCommandScope;
  language_code: string;
  commands: BotCommand[];
}

/** Update kinds Telegram leaves out when `allowed_updates` is empty or was never set. */
const OPT_IN_UPDATES = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);

/** Telegram's id convention: -100… supergroups/channels, other negatives basic groups. */
export function chatTypeFromId(id: number): ChatType {
  if (id > 0) return 'private';
  return String(id).startsWith('-100') && String(id).length > 4 ? 'supergroup' : 'group';
}

/** Key order-insensitive JSON, so equal markups/scopes compare equal regardless of key order. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export class TelegramStore {
  readonly botUser: UserFromGetMe;
  private readonly chats = new Map<number, ChatInfo>();
  private readonly history = new Map<number, { nextId: number; messages: Map<number, Message> }>();
  readonly files = new Map<string, StoredFile>();
  readonly commandSets = new Map<string, CommandSet>();
  /** Callback query ids delivered to the bot and not yet answered. */
  readonly openCallbackQueries = new Set<string>();
  webhookUrl = '';
  allowedUpdates: string[] | undefined;
  private updates: Update[] = [];
  private nextUpdateId = 100_000_001;
  private fileCounter = 0;

  constructor(token: string) {
    // Real bot ids are the numeric prefix of the token.
    const id = Number(token.split(':')[0]);
    this.botUser = {
      id: Number.isSafeInteger(id) && id > 0 ? id : 7_000_000_001,
      is_bot: true,
      first_name: 'Penghubung',
      username: 'penghubung_test_bot',
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      can_manage_bots: false,
      supports_join_request_queries: false,
    };
  }

  /** The bot as it appears in `from` of its own messages (no getMe-only fields). */
  botAsUser(): User {
    const { id, is_bot, first_name, username } = this.botUser;
    return { id, is_bot, first_name, username };
  }

  // ------------------------------------------------------------------------------------ chats

  registerChat(spec: ChatSpec): void {
    const known = this.chats.get(spec.id);
    const type = spec.type ?? known?.type ?? chatTypeFromId(spec.id);
    this.chats.set(spec.id, {
      id: spec.id,
      type,
      title: spec.title ?? known?.title ?? `Chat ${spec.id}`,
      username: spec.username ?? known?.username,
      firstName: spec.firstName ?? known?.firstName ?? `User ${spec.id}`,
      lastName: spec.lastName ?? known?.lastName,
      isForum: spec.isForum ?? known?.isForum,
    });
  }

  isKnownChat(id: number): boolean {
    return this.chats.has(id);
  }

  /** Resolves a chat_id; numeric ids of unseen chats are accepted and typed by their sign. */
  resolveChat(ref: number | string): number {
    if (typeof ref === 'number') {
      if (!this.chats.has(ref)) this.registerChat({ id: ref });
      return ref;
    }
    const name = ref.slice(1).toLowerCase();
    for (const chat of this.chats.values()) if (chat.username?.toLowerCase() === name) return chat.id;
    throw TelegramError.badRequest('chat not found');
  }

  chat(id: number): Chat {
    const info = this.chats.get(id);
    if (!info) throw TelegramError.badRequest('chat not found');
    const username = info.username ? { username: info.username } : {};
    switch (info.type) {
      case 'private':
        return { id, type: 'private', first_name: info.firstName, ...(info.lastName ? { last_name: info.lastName } : {}), ...username };
      case 'group':
        return { id, type: 'group', title: info.title };
      case 'supergroup':
        return { id, type: 'supergroup', title: info.title, ...username, ...(info.isForum ? { is_forum: true } : {}) };
      case 'channel':
        return { id, type: 'channel', title: info.title, ...username };
    }
  }

  isForum(id: number): boolean | undefined {
    return this.chats.get(id)?.isForum;
  }

  /** getChat's ChatFullInfo for chats the fake has seen. */
  chatFullInfo(id: number): ChatFullInfo {
    const chat = this.chat(id);
    const common = {
      accent_color_id: 0,
      max_reaction_count: 11,
      accepted_gift_types: {
        unlimited_gifts: false, limited_gifts: false, unique_gifts: false, premium_subscription: false, gifts_from_channels: false,
      },
    };
    return { ...chat, ...common };
  }

  // --------------------------------------------------------------------------------- messages

  private log(chatId: number): { nextId: number; messages: Map<number, Message> } {
    let log = this.history.get(chatId);
    if (!log) {
      log = { nextId: 1, messages: new Map() };
      this.history.set(chatId, log);
    }
    return log;
  }

  /** Message ids are sequential per chat and shared by users' and the bot's messages. */
  nextMessageId(chatId: number): number {
    const log = this.log(chatId);
    return log.nextId++;
  }

  saveMessage(message: Message): void {
    this.log(message.chat.id).messages.set(message.message_id, structuredClone(message));
  }

  message(chatId: number, messageId: number): Message | undefined {
    const found = this.history.get(chatId)?.messages.get(messageId);
    return found ? structuredClone(found) : undefined;
  }

  chatMessages(chatId: number): Message[] {
    return [...(this.history.get(chatId)?.messages.values() ?? [])].map((m) => structuredClone(m));
  }

  deleteMessage(chatId: number, messageId: number): boolean {
    return this.history.get(chatId)?.messages.delete(messageId) ?? false;
  }

  // ------------------------------------------------------------------------------------ files

  saveFile(fileName: string, mimeType: string, size: number, bytes: Buffer | undefined): StoredFile {
    this.fileCounter += 1;
    const n = this.fileCounter.toString(36).padStart(6, '0');
    const file: StoredFile = {
      file_id: `BQACAgUAAxkBAAI${n}fake${Date.now().toString(36)}`,
      file_unique_id: `AgAD${n}`,
      file_name: fileName,
      mime_type: mimeType,
      size,
      bytes,
    };
    this.files.set(file.file_id, file);
    return file;
  }

  // ---------------------------------------------------------------------------------- updates

  enqueue(build: (updateId: number) => Update): Update {
    const update = build(this.nextUpdateId++);
    this.updates.push(update);
    return structuredClone(update);
  }

  /** getUpdates' confirmation semantics: a positive offset forgets everything before it. */
  confirm(offset: number | undefined): void {
    if (offset === undefined || offset === 0) return;
    if (offset > 0) this.updates = this.updates.filter((u) => u.update_id >= offset);
    // Negative offsets keep the last |offset| updates and forget the rest.
    else this.updates = this.updates.slice(offset);
  }

  /** Updates the bot may receive under the current allowed_updates setting. */
  deliverable(limit: number): Update[] {
    const allowed = this.allowedUpdates && this.allowedUpdates.length > 0 ? new Set(this.allowedUpdates) : undefined;
    // Telegram never queues updates of kinds the bot did not subscribe to: drop, don't hold.
    this.updates = this.updates.filter((u) => {
      const kind = Object.keys(u).find((k) => k !== 'update_id') ?? '';
      return allowed ? allowed.has(kind) : !OPT_IN_UPDATES.has(kind);
    });
    return this.updates.slice(0, limit).map((u) => structuredClone(u));
  }

  pendingUpdateCount(): number {
    return this.updates.length;
  }

  clearUpdates(): void {
    this.updates = [];
  }
}
