/**
 * The reminder sweep for unanswered information requests (job `info-nudges`). Picks requests
 * whose `next_nudge_at` has come with an indexed query, sends the ladder's next rung
 * (PIC → unit chat → admin, see nudge-ladder.ts) and stores the next time, all in one
 * transaction per request. Only during office hours: a slot outside them moves the request to
 * the next working moment instead.
 */
import type { InfoRequest } from '../generated/prisma/client.js';
import type { OutMessage, Target } from '../lib/message.js';
import type { ServiceContext } from '../services/context.js';
import { adminTargets, enqueue, unitTargets } from '../services/outbox.js';
import { privateTargetsOf } from '../services/people/private-targets.js';
import type { Tx } from '../services/report-row.js';
import { loadView } from './effects.js';
import { nudgeStep, type NudgeAudience } from './nudge-ladder.js';
import { irKey, lockIr, picsFor } from './requests.js';
import { infoSettingsFor, stepMinutes } from './settings.js';
import { answerButton, nudgeText } from './texts.js';
import { addWorkingMinutes } from './working-hours.js';

export interface NudgeSweep {
  requests: number;
  messages: number;
  deferred: number;
}

const BATCH = 200;

export async function runInfoNudges(ctx: ServiceContext, slot: Date): Promise<NudgeSweep> {
  const due = await ctx.db.infoRequest.findMany({
    where: { status: 'OPEN', nextNudgeAt: { lte: slot } },
    orderBy: { nextNudgeAt: 'asc' },
    take: BATCH,
    select: { id: true, agencyId: true },
  });
  const out: NudgeSweep = { requests: 0, messages: 0, deferred: 0 };
  for (const { id, agencyId } of due) {
    const cal = await ctx.calendars.get(agencyId);
    const settings = await infoSettingsFor(ctx.db, agencyId);
    const nextWorking = addWorkingMinutes(slot, 0, cal, settings.workingHours);
    const sent = await ctx.db.$transaction(async (tx) => {
      const ir = await lockIr(tx, id);
      if (ir.status !== 'OPEN' || !ir.nextNudgeAt || ir.nextNudgeAt > slot) return null; // answered or taken meanwhile
      if (nextWorking.getTime() !== slot.getTime()) {
        await tx.infoRequest.update({ where: { id }, data: { nextNudgeAt: nextWorking } });
        return -1;
      }
      const pics = await picsFor(tx, ir.unitId, ir.topic);
      const step = nudgeStep(ir.nudgeStage, { hasPic: pics.length > 0, stepMinutes: stepMinutes(settings), repeatMinutes: Math.round(settings.repeatHours * 60) });
      const view = await loadView(tx, ir, cal, pics);
      const round = await roundOf(tx, ir);
      let count = 0;
      for (const audience of step.audiences) {
        const message: OutMessage = { text: nudgeText(view, audience, { overdue: slot > ir.dueAt, tz: cal.timeZone }), buttons: answerButton(ir.id) };
        for (const t of await targetsOf(tx, ir, audience, pics.map((p) => privateTargetsOf(p)).flat())) {
          const key = irKey(ir.trackingId, `n${round}.${ir.nudgeStage}`, audience, t.platform, t.chatId, t.threadId ?? '');
          if (await enqueue(tx, t, message, { purpose: 'nudge', dedupeKey: key })) count++;
        }
      }
      await tx.infoRequest.update({
        where: { id },
        data: { nudgeStage: ir.nudgeStage + 1, nextNudgeAt: addWorkingMinutes(slot, step.nextInMinutes, cal, settings.workingHours) },
      });
      return count;
    });
    if (sent === null) continue;
    if (sent < 0) out.deferred++;
    else {
      out.requests++;
      out.messages += sent;
    }
  }
  return out;
}

/** The latest question or follow-up: a follow-up starts a new round of reminders. */
async function roundOf(tx: Tx, ir: InfoRequest): Promise<string> {
  const q = await tx.infoRequestMessage.findFirst({ where: { requestId: ir.id, kind: { in: ['question', 'followup'] } }, orderBy: { id: 'desc' }, select: { id: true } });
  return String(q?.id ?? 0);
}

async function targetsOf(tx: Tx, ir: InfoRequest, audience: NudgeAudience, picTargets: Target[]): Promise<Target[]> {
  switch (audience) {
    case 'pic':
      return picTargets;
    case 'unit': {
      const chats = await unitTargets(tx, ir.unitId);
      // A unit without a chat must not swallow its rung: the admin hears instead.
      return chats.length ? chats : adminTargets(tx, ir.agencyId);
    }
    case 'admin':
      return adminTargets(tx, ir.agencyId);
  }
}
