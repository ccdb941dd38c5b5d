/**
 * OutMessage → WhatsApp text. WhatsApp has no buttons and no edits: buttons become a numbered
 * menu ("Balas pesan ini dengan angka: 1 = Ambil · …"), and an edit becomes a short status reply
 * quoting the original. Texts stay plain (no markup is added).
 */
import type { OutMessage } from '../../lib/message.js';
import { normalizePhone } from '../../lib/phone.js';
import { numberedMenu } from '../../messages/menu.js';

/** WhatsApp accepts far more, but a longer message is unreadable on a phone. */
export const WHATSAPP_TEXT_LIMIT = 4096;
/** Lines of the original's heading repeated in a status reply. */
const STATUS_LINES = 6;

export interface WhatsAppText {
  text: string;
  /** Contact ids to mention (`6281…@c.us`). */
  mentions: string[];
}

export function fitText(text: string, limit = WHATSAPP_TEXT_LIMIT): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

/** Mentions as contact ids; each also needs `@<digits>` in the text, added on a line of its own. */
function withMentions(body: string, mentions: string[] | undefined): WhatsAppText {
  const digits = [...new Set((mentions ?? []).map((m) => normalizePhone(m)?.slice(1)).filter((d): d is string => Boolean(d)))];
  const missing = digits.filter((d) => !body.includes(`@${d}`));
  const text = missing.length ? `${body}\n${missing.map((d) => `@${d}`).join(' ')}` : body;
  return { text, mentions: digits.map((d) => `${d}@c.us`) };
}

/** Text, mentions and the numbered menu, as one WhatsApp message. */
function assemble(body: string, message: OutMessage): WhatsAppText {
  const menu = numberedMenu(message.buttons);
  // The menu goes last and must survive shortening: a cut-off menu cannot be answered.
  const room = WHATSAPP_TEXT_LIMIT - (menu ? menu.length + 2 : 0);
  const rendered = withMentions(fitText(body, Math.max(200, room)), message.mentions);
  return { ...rendered, text: menu ? `${rendered.text}\n\n${menu}` : rendered.text };
}

/** A new message. */
export function renderWhatsApp(message: OutMessage): WhatsAppText {
  return assemble(message.text, message);
}

/**
 * What replaces an edit: "✏️ Pembaruan:" and the heading of the new text (up to its first empty
 * line: for a report post the number, status and last action), then the current menu.
 */
export function renderStatusReply(message: OutMessage): WhatsAppText {
  const lines = message.text.split('\n');
  const blank = lines.findIndex((l) => l.trim() === '');
  const heading = (blank === -1 ? lines : lines.slice(0, blank)).slice(0, STATUS_LINES);
  return assemble(`✏️ Pembaruan:\n${heading.join('\n')}`, message);
}
