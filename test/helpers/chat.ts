/** Drive the chat core like a platform would, and read back what the bot queued. */
import { ChatCore } from '../../src/chat/core.js';
import type { Inbound } from '../../src/chat/types.js';
import { createRegistry } from '../../src/commands/index.js';
import type { World } from './world.js';

export interface Said {
  /** Texts the bot queued in this chat as a result. */
  replies: string[];
  /** Full outbox payloads queued anywhere as a result (posts, DMs, notices, replies). */
  queued: { target: string; purpose: string; kind: string; text: string; buttons: { label: string; data: string }[] }[];
  toast?: string;
}

export function chatCore(w: World): ChatCore {
  return new ChatCore({ services: w.ctx, registry: createRegistry(), botUsername: 'penghubung_test_bot' });
}

let messageSeq = 1000;

/** Person `who` (Telegram user id) writes `text` in `chatId`; returns what the bot queued. */
export async function say(core: ChatCore, w: World, from: { id: string; name: string }, chatId: string, text: string, extra: Partial<Inbound> = {}): Promise<Said> {
  return drive(core, w, { platform: 'telegram', chatId, chatType: chatId.startsWith('-') ? 'group' : 'private', user: from, text, messageId: String(messageSeq++), ...extra });
}

/** Person presses a button with callback data `data` on message `messageId`. */
export async function press(core: ChatCore, w: World, from: { id: string; name: string }, chatId: string, data: string, messageId = '1'): Promise<Said> {
  return drive(core, w, { platform: 'telegram', chatId, chatType: 'group', user: from, callback: { id: `cb${messageSeq++}`, data, messageId } });
}

async function drive(core: ChatCore, w: World, inbound: Inbound): Promise<Said> {
  const before = (await w.ctx.db.outbox.aggregate({ _max: { id: true } }))._max.id ?? 0n;
  const { toast } = await core.handle(inbound);
  const rows = await w.ctx.db.outbox.findMany({ where: { id: { gt: before } }, orderBy: { id: 'asc' } });
  const queued = rows.map((r) => {
    const p = r.payload as { text: string; buttons?: { label: string; data: string }[][] };
    return { target: r.target, purpose: r.purpose, kind: r.kind, text: p.text, buttons: p.buttons?.flat() ?? [] };
  });
  return { replies: queued.filter((q) => q.target === inbound.chatId && (q.purpose === 'reply')).map((q) => q.text), queued, toast };
}

/** Telegram users of the world's people (ids match buildWorld). */
export const TG = {
  admin: { id: '1001', name: 'Ani Admin' },
  budi: { id: '1002', name: 'Budi' },
  citra: { id: '1003', name: 'Citra' },
  dedi: { id: '1004', name: 'Dedi' },
  oscar: { id: '1005', name: 'Oscar' },
  stranger: { id: '9999', name: 'Orang Asing' },
};
