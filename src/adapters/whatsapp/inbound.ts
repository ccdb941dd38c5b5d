/**
 * WhatsApp `message_create` events → the platform-neutral Inbound. The user id is the sender's
 * E.164 number (`6281…@c.us` → `+6281…`), which is how officers are registered; a quoted message
 * becomes `replyToMessageId`, so "1" answering a bot post picks its menu item and `/ambil`
 * answering a post acts on that post's report.
 */
import type { Inbound } from '../../chat/types.js';
import { normalizePhone } from '../../lib/phone.js';
import type { WaClient, WaMessage } from './client.js';

/** Message types that carry text a person typed (a caption counts). */
const TEXT_TYPES = new Set(['chat', 'image', 'video', 'document']);
const COMMAND = /^[/!][A-Za-z]/;

/** `6281…@c.us` (or `6281…:12@c.us`, a device id) → `+6281…`; null for groups, `@lid` and junk. */
export function waIdToPhone(id: string): string | null {
  const m = /^(\d+)(?::\d+)?@(?:c\.us|s\.whatsapp\.net)$/.exec(id.trim());
  return m ? normalizePhone(m[1]!) : null;
}

/** A phone number in any usual form (`0812-…`, `+62 812…`) → the private chat id `62812…@c.us`. */
export function phoneToWaId(phone: string): string | null {
  const e164 = normalizePhone(phone);
  return e164 ? `${e164.slice(1)}@c.us` : null;
}

/** Whether a chat id is a group. */
export const isGroupId = (chatId: string): boolean => chatId.endsWith('@g.us');

/** Chats that are not conversations: status updates, channels, broadcast lists. */
function ignoredChat(chatId: string): boolean {
  return !chatId || chatId === 'status@broadcast' || /@(newsletter|broadcast)$/.test(chatId);
}

/** The sender as an E.164 number; `…@lid` ids are asked of WhatsApp. Null when hidden. */
async function senderPhone(senderId: string, client: Pick<WaClient, 'resolvePhone'>): Promise<string | null> {
  const direct = waIdToPhone(senderId);
  if (direct) return direct;
  const digits = await client.resolvePhone(senderId).catch(() => null);
  return digits ? normalizePhone(digits) : null;
}

/**
 * One message → Inbound, or null when it is nothing for the bot (its own message, a status
 * update, a sticker, an empty text).
 */
export async function messageToInbound(msg: WaMessage, client: Pick<WaClient, 'resolvePhone' | 'getChatName'>): Promise<Inbound | null> {
  if (msg.fromMe) return null;
  const chatId = msg.from;
  if (ignoredChat(chatId)) return null;
  if (msg.type !== undefined && !TEXT_TYPES.has(msg.type)) return null;
  const text = msg.body ?? '';
  if (text.trim() === '') return null;
  const group = isGroupId(chatId);
  const senderId = group ? msg.author : chatId;
  if (!senderId) return null;
  const phone = await senderPhone(senderId, client);
  // A number WhatsApp hides stays an opaque id: the identity lookup fails and onboarding starts.
  const userId = phone ?? senderId;
  let replyToMessageId: string | undefined;
  if (msg.hasQuotedMsg) {
    const quoted = await msg.getQuotedMessage().catch(() => undefined);
    replyToMessageId = quoted?.id._serialized;
  }
  // The title is only needed when a command may bind the group (/ikat): spare the lookup otherwise.
  const chatTitle = group && COMMAND.test(text.trim()) ? await client.getChatName(chatId).catch(() => undefined) : undefined;
  return {
    platform: 'whatsapp',
    chatId,
    chatType: group ? 'group' : 'private',
    chatTitle,
    user: { id: userId, name: msg.notifyName?.trim() || phone || 'Pengguna WhatsApp' },
    messageId: msg.id._serialized,
    text,
    replyToMessageId,
  };
}
