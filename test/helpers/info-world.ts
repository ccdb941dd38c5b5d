/**
 * The service-test world plus what information requests need: an operator on WhatsApp with a
 * WhatsApp group, PIC entries, and a driver that speaks any platform to the chat core.
 */
import type { ChatCore } from '../../src/chat/core.js';
import type { Inbound } from '../../src/chat/types.js';
import type { Platform } from '../../src/domain/types.js';
import { addPic } from '../../src/info/pic-directory.js';
import { systemActor, type ActorRef } from '../../src/services/context.js';
import { bindChat } from '../../src/services/directory/chats.js';
import { addPerson, grantRole } from '../../src/services/directory/people-and-roles.js';
import type { TestDb } from './test-db.js';
import { buildWorld, type World } from './world.js';

export interface InfoWorld extends World {
  /** Wulan, an operator of unit A who works on WhatsApp. */
  wulan: ActorRef;
  wa: { wulan: { id: string; name: string }; group: string; wulanDm: string };
}

export async function buildInfoWorld(db: TestDb, start?: string): Promise<InfoWorld> {
  const w = await buildWorld(db, start);
  const sys = systemActor('system');
  const p = await addPerson(w.ctx, sys, { name: 'Wulan', agencyId: w.agencyId, whatsapp: '+6281234500001' });
  const g = await grantRole(w.ctx, sys, { personId: p.id, role: 'operator', unitCode: w.units.A.code });
  const group = '120363000000001@g.us';
  await bindChat(w.ctx, sys, { platform: 'whatsapp', externalId: group, agencyId: w.agencyId, unitId: w.units.A.id, title: 'Live chat' });
  // Dedi (Telegram) answers for unit B on pensions; Budi for unit A on recruitment.
  await addPic(w.ctx, sys, { unitCode: w.units.B.code, personRef: w.people.dedi.personId!, topic: 'Pensiun', officeHours: 'Sen-Jum 08.00-16.00' });
  await addPic(w.ctx, sys, { unitCode: w.units.A.code, personRef: w.people.budi.personId!, topic: 'CPNS/PPPK', officeHours: 'Sen-Jum 08.00-16.00' });
  return {
    ...w,
    wulan: { personId: p.id, label: 'Wulan', source: 'whatsapp', roles: [{ role: g.role, agencyId: g.agencyId, unitId: g.unitId }] },
    wa: { wulan: { id: '6281234500001', name: 'Wulan' }, group, wulanDm: '6281234500001@c.us' },
  };
}

export interface Queued {
  platform: Platform;
  target: string;
  purpose: string;
  kind: string;
  text: string;
  buttons: { label: string; data: string }[];
  dedupeKey: string | null;
}

export interface Heard {
  /** Texts queued back into the chat the message came from, as replies. */
  replies: string[];
  queued: Queued[];
  toast?: string;
}

let seq = 5000;

/** Someone writes (or presses a button) on any platform; returns what the bot queued. */
export async function hear(core: ChatCore, w: World, m: { platform: Platform; chatId: string; user: { id: string; name: string }; text?: string; callback?: string; replyTo?: string; private?: boolean }): Promise<Heard> {
  const inbound: Inbound = {
    platform: m.platform,
    chatId: m.chatId,
    chatType: m.private ? 'private' : 'group',
    user: m.user,
    messageId: String(seq++),
    ...(m.text !== undefined ? { text: m.text } : {}),
    ...(m.callback ? { callback: { id: `cb${seq++}`, data: m.callback, messageId: '1' } } : {}),
    ...(m.replyTo ? { replyToMessageId: m.replyTo } : {}),
  };
  const before = (await w.ctx.db.outbox.aggregate({ _max: { id: true } }))._max.id ?? 0n;
  const { toast } = await core.handle(inbound);
  const rows = await w.ctx.db.outbox.findMany({ where: { id: { gt: before } }, orderBy: { id: 'asc' } });
  const queued = rows.map((r) => {
    const p = r.payload as { text: string; buttons?: { label: string; data: string }[][] };
    return { platform: r.platform, target: r.target, purpose: r.purpose, kind: r.kind, text: p.text, buttons: p.buttons?.flat() ?? [], dedupeKey: r.dedupeKey };
  });
  return { replies: queued.filter((q) => q.target === m.chatId && q.purpose === 'reply' && !q.dedupeKey).map((q) => q.text), queued, toast };
}

/** "platform:target" of queued rows with a purpose, for compact assertions. */
export const where = (h: Heard, purpose: string): string[] => h.queued.filter((q) => q.purpose === purpose && q.kind === 'send').map((q) => `${q.platform}:${q.target}`);
