/**
 * `/umumkan` and `/jadwalkan`: an Admin Instansi drafts a broadcast. Nothing is sent yet: the
 * reply lists the recipient chats and asks for confirmation (`/kirim <id>` or the Kirim button).
 */
import { fail } from '../../domain/errors.js';
import { encodeRepeat, type Repeat } from '../../domain/schedule-phrase.js';
import type { Broadcast } from '../../generated/prisma/client.js';
import { requireAdmin } from '../acl.js';
import { audit } from '../audit.js';
import type { ActorRef, ServiceContext } from '../context.js';
import { normalizeCode } from '../directory/agency-and-units.js';
import { broadcastRecipients, shortId, type Recipient } from './broadcast-core.js';

export type BroadcastWhen = { kind: 'now' } | { kind: 'once'; at: Date } | { kind: 'repeat'; repeat: Repeat; first: Date };

export interface DraftInput {
  agencyId: string;
  /** Only this unit's chats; default every chat of the agency. */
  unitCode?: string;
  text: string;
  when: BroadcastWhen;
}

export interface Draft {
  broadcast: Broadcast;
  short: string;
  recipients: Recipient[];
  unit: { id: string; code: string } | null;
}

export const BROADCAST_MAX_CHARS = 3500;

export async function createBroadcastDraft(ctx: ServiceContext, actor: ActorRef, input: DraftInput): Promise<Draft> {
  requireAdmin(actor, input.agencyId);
  const text = input.text.trim();
  if (!text) fail('TEXT_REQUIRED', { action: 'broadcast' });
  if (text.length > BROADCAST_MAX_CHARS) fail('INVALID_ARGS', { field: 'teks', expected: `pengumuman paling panjang ${BROADCAST_MAX_CHARS} karakter` });
  const unit = input.unitCode
    ? ((await ctx.db.unit.findFirst({ where: { agencyId: input.agencyId, code: normalizeCode(input.unitCode) }, select: { id: true, code: true } })) ?? fail('UNIT_NOT_FOUND', { code: input.unitCode }))
    : null;
  const recipients = await broadcastRecipients(ctx.db, input.agencyId, unit?.id ?? null);
  if (recipients.length === 0) {
    fail('INVALID_ARGS', { expected: `belum ada grup aktif ${unit ? `untuk unit ${unit.code}` : 'di instansi ini'}; hubungkan grup dengan /ikat <kode-unit>` });
  }
  const w = input.when;
  const broadcast = await ctx.db.$transaction(async (tx) => {
    const b = await tx.broadcast.create({
      data: {
        agencyId: input.agencyId,
        unitId: unit?.id ?? null,
        createdById: actor.personId,
        text,
        repeatCron: w.kind === 'repeat' ? encodeRepeat(w.repeat) : null,
        nextRunAt: w.kind === 'once' ? w.at : w.kind === 'repeat' ? w.first : null,
        state: 'draft',
      },
    });
    await audit(tx, actor, 'broadcast_drafted', { agencyId: input.agencyId, subject: b.id, data: { unit: unit?.code ?? null, when: w.kind, recipients: recipients.length } });
    return b;
  });
  return { broadcast, short: shortId(broadcast.id), recipients, unit };
}
