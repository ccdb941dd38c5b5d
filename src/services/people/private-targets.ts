/** Where the bot can reach a person privately, and how to show who they are. */
import type { Person } from '../../generated/prisma/client.js';
import type { Target } from '../../lib/message.js';

/**
 * Every private chat the bot knows for a person: Telegram (user id = private chat id), WhatsApp
 * (`<digits>@c.us`). Console-only people (no platform identity, e.g. the demo) get their console
 * inbox `dm:<personId>`; people with a real platform do not, so no message waits for a console
 * that never runs.
 */
export function privateTargetsOf(person: Pick<Person, 'id' | 'telegramId' | 'whatsapp'>): Target[] {
  const out: Target[] = [];
  if (person.telegramId) out.push({ platform: 'telegram', chatId: person.telegramId });
  if (person.whatsapp) out.push({ platform: 'whatsapp', chatId: `${person.whatsapp.replace(/^\+/, '')}@c.us` });
  if (out.length === 0) out.push({ platform: 'console', chatId: `dm:${person.id}` });
  return out;
}

/** "Budi (@budi)", "Sari (+6281234567890)", or just the name. */
export function personLabel(person: Pick<Person, 'name' | 'telegramUsername' | 'whatsapp' | 'telegramId'>): string {
  const handle = person.telegramUsername ? `@${person.telegramUsername}` : person.whatsapp ?? null;
  return handle ? `${person.name} (${handle})` : person.name;
}

/** The 8-character id admins type: `/setujui 3f2a9c1b`. */
export const shortId = (uuid: string): string => uuid.slice(0, 8);
