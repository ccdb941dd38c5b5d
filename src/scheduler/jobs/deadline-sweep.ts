/**
 * Deadline sweep: staged nudges (src/domain/nudge-plan.ts) to the unit chats, answered with ONE
 * message per chat and run: a single nudge, or a digest when several reports of the unit are due
 * (split only past the length budget).
 *
 * Two kinds of reminder, because the 08:00 sweep of a national deployment meets tens of thousands
 * of late reports at once:
 * - staged nudges before and on the due date (monitoring, day before, due day) are per report:
 *   the report's `report_reminder.next_reminder_at` says when to look at it again;
 * - past the due date a report has no reminder time of its own (its row is parked the first time
 *   the sweep sees it late): its unit's daily **overdue digest** lists the unit's open late
 *   reports, longest late first (OVERDUE_LISTED of them, the rest counted, /terlambat for all),
 *   read from the current state every working day until each is closed, archived or re-routed
 *   (no silent stop). `unit_reminder.overdue_nudged_on` keeps it to once a unit per day. A late
 *   report that comes due again (resumed from TUNDA, say) is nudged at once if its unit's digest
 *   has already gone out that day.
 * So a morning costs a write per staged nudge and one per unit, not one per late report.
 *
 * Set-based: one indexed query lists the units with work; then per batch of whole units (about
 * BATCH reports) ONE transaction takes the units' sweep locks (an overlapping run skips a unit it
 * cannot lock, so a chat never gets a split digest), locks the due reminder rows by primary key
 * (FOR UPDATE SKIP LOCKED, re-checking they are still due), reads the digests (stored masked
 * titles; masking afresh only a missing or stale one), plans in JS (plans shared by reports with
 * the same calendar, deadline and last nudge), saves every reminder with ONE UPDATE … FROM
 * json_to_recordset and queues every message with ONE INSERT. A unit without a healthy chat is
 * not skipped silently: its nudges go to the Admin Instansi's chats instead.
 */
import type { WorkingCalendar } from '../../domain/calendar.js';
import { overdueDigestDay, planNudge, type NudgePlan, type NudgeStage } from '../../domain/nudge-plan.js';
import type { LocalDate, ReportStatus } from '../../domain/types.js';
import { workingDaysLeftOn } from '../../domain/working-day-index.js';
import type { Logger } from '../../lib/logger.js';
import type { OutMessage } from '../../lib/message.js';
import { reportButton } from '../../messages/callback-data.js';
import { NUDGE_FOOTER, nudgeDigestBlocks, nudgeDigestHeader, singleNudgeText, splitIntoMessages, type NudgeItem } from '../../messages/nudge-text.js';
import type { ServiceContext } from '../../services/context.js';
import type { Tx } from '../../services/report-row.js';
import type { JobDefinition, JobResult } from '../job.js';
import {
  clearStale, dueUnits, insertOutboxRows, lockUnits, markOverdueDigests, saveReminders, selectDue,
  type DueRow, type DueUnit, type OutboxRow, type ReminderUpdate,
} from './deadline-sweep-sql.js';
import { selectLateLists, type DigestLineColumns } from './late-lists-sql.js';
import { maskedTitle, titleMaskFingerprint } from './masked-titles.js';

/** Every 15 minutes, 07:00–16:45 office time, Monday–Friday; holidays are skipped per calendar. */
export const DEADLINE_SWEEP_CRON = '*/15 7-16 * * 1-5';
/** Office-local hour staged nudges start. */
export const NUDGE_HOUR = 8;
/** Reports locked per transaction (whole units); a larger backlog is taken in further batches. */
const BATCH = 10_000;
/**
 * Late reports listed in a unit's overdue digest, longest late first; the rest are counted and
 * /terlambat lists all. Ten keep the morning digest to one message in most units.
 */
export const OVERDUE_LISTED = 10;

export interface SweepStats {
  nudges: number;
  messages: number;
  rescheduled: number;
}

/** A `date` column as 'YYYY-MM-DD' (drivers return a Date at UTC midnight or the text). */
const day = (v: Date | string | null): string | null => (v === null ? null : typeof v === 'string' ? v.slice(0, 10) : v.toISOString().slice(0, 10));

/**
 * The calendars the sweep plans with. An agency's calendar is the national one plus the agency's
 * own holiday rows (src/services/calendar-source.ts), so an agency without such rows shares the
 * national calendar: one calendar instance, whose day verdicts and fallback years are computed once,
 * and plans that reports of many agencies share.
 */
interface Calendars {
  national: WorkingCalendar;
  of(agencyId: string): WorkingCalendar;
  /** A small number per calendar, for memo keys. */
  idOf(cal: WorkingCalendar): number;
  /** Every calendar in use (the national one first). */
  all(): WorkingCalendar[];
}

async function loadCalendars(ctx: ServiceContext): Promise<Calendars> {
  const national = await ctx.calendars.get(null);
  const own = await ctx.db.$queryRaw<{ agency_id: string }[]>`SELECT DISTINCT agency_id::text AS agency_id FROM holiday WHERE agency_id IS NOT NULL`;
  const byAgency = new Map<string, WorkingCalendar>();
  for (const a of own) byAgency.set(a.agency_id, await ctx.calendars.get(a.agency_id));
  const ids = new Map<WorkingCalendar, number>([[national, 0]]);
  for (const cal of byAgency.values()) if (!ids.has(cal)) ids.set(cal, ids.size);
  return { national, of: (agencyId) => byAgency.get(agencyId) ?? national, idOf: (cal) => ids.get(cal)!, all: () => [...ids.keys()] };
}

export interface SweepOptions {
  /** Reports per transaction (whole units), default BATCH. */
  batch?: number;
}

/** What a unit gets this run: its due items and, past the listed ones, more late reports counted. */
interface UnitNudges {
  agencyId: string;
  code: string;
  items: NudgeItem[];
  moreOverdue: number;
}

/** Sweep every report due for a reminder, and every unit owing an overdue digest, at `ctx.clock.now()`. */
export async function sweepDeadlines(ctx: ServiceContext, log: Logger, opts: SweepOptions = {}): Promise<SweepStats> {
  const now = ctx.clock.now();
  const stats: SweepStats = { nudges: 0, messages: 0, rescheduled: 0 };
  // Loaded outside the transactions: PGlite has a single connection.
  const cals = await loadCalendars(ctx);
  const run: SweepRun = { now, cals, plans: new Map(), stats };
  // One office zone: every calendar has the same "today"; whether a digest may go out today is
  // decided per agency calendar below.
  const national = cals.national;
  const today = national.toLocalDate(now);
  const digestPossible = cals.all().some((cal) => overdueDigestDay(now, cal, { hour: NUDGE_HOUR }) !== null);
  const { units, stale } = await dueUnits(ctx, now, digestPossible ? today : null, national.startOfDay(today));
  await clearStale(ctx, now, stale);
  for (const u of units) if (u.late && overdueDigestDay(now, cals.of(u.agencyId), { hour: NUDGE_HOUR }) === null) u.late = false;
  // Whole units per transaction, so that each chat gets one digest however many reports are due.
  for (const batch of packBatches(units.filter((u) => u.ids.length > 0 || u.late), opts.batch ?? BATCH)) {
    await ctx.db.$transaction((tx) => sweepBatch(tx, run, today, batch), { maxWait: 10_000, timeout: 120_000 });
  }
  if (stats.nudges > 0) log.info({ ...stats }, 'deadline nudges queued');
  return stats;
}

interface SweepRun {
  now: Date;
  cals: Calendars;
  plans: Map<string, NudgePlan | null>;
  stats: SweepStats;
}

/** Whole units into batches of about `batch` reports (a unit with more is a batch of its own). */
function packBatches(units: DueUnit[], batch: number): DueUnit[][] {
  const out: DueUnit[][] = [];
  let current: DueUnit[] = [];
  let size = 0;
  for (const u of units) {
    const weight = u.ids.length + (u.late ? OVERDUE_LISTED : 0);
    if (current.length > 0 && size + weight > batch) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(u);
    size += weight;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** Lock, read, plan, save and queue one batch of units. */
async function sweepBatch(tx: Tx, run: SweepRun, today: LocalDate, batch: DueUnit[]): Promise<void> {
  const { now, cals, plans, stats } = run;
  const locked = await lockUnits(tx, batch.map((u) => u.unitId));
  const mine = batch.filter((u) => locked.has(u.unitId));
  const ids = mine.flatMap((u) => u.ids);
  const lateUnits = mine.filter((u) => u.late).map((u) => u.unitId);
  const rows = ids.length > 0 ? await selectDue(tx, now, ids) : [];
  const overdue = lateUnits.length > 0
    ? await selectLateLists(tx, { unitIds: lateUnits, before: cals.national.startOfDay(today), limit: OVERDUE_LISTED, undigestedOn: today })
    : [];

  const updates: ReminderUpdate[] = [];
  const perUnit = new Map<string, UnitNudges>();
  const unitOf = (unitId: string, agencyId: string, code: string): UnitNudges => {
    let unit = perUnit.get(unitId);
    if (!unit) perUnit.set(unitId, (unit = { agencyId, code, items: [], moreOverdue: 0 }));
    return unit;
  };
  // The units whose overdue digest goes out now list their late reports themselves.
  const digests = new Set(overdue.map((o) => o.unit_id));
  const listed = new Map<string, number>();
  for (const r of rows) {
    const cal = cals.of(r.agency_id);
    const status = r.status as ReportStatus;
    const dueDate = day(r.due_date);
    const lastNudgedOn = day(r.last_nudged_on);
    // Reports with the same calendar, deadline and last nudge share a plan: plan each once.
    const memo = `${cals.idOf(cal)}|${status}|${r.category}|${dueDate}|${lastNudgedOn}`;
    let plan = plans.get(memo);
    if (plan === undefined) {
      plan = planNudge({ status, category: r.category, dueDate, lastNudgedOn }, now, cal, { hour: NUDGE_HOUR });
      plans.set(memo, plan);
    }
    let stage = plan?.stage ?? null;
    // A late report is listed by its unit's digest: the one going out now, or, before the nudge
    // hour, the one still to come today. Only when that has already gone out is it nudged alone.
    if (stage === 'overdue' && (digests.has(r.unit_id) || overdueDigestDay(now, cal, { hour: NUDGE_HOUR }) === null)) stage = null;
    const update: ReminderUpdate = { id: r.id, next: plan?.nextReminderAt?.toISOString() ?? null, stage, nudged: stage ? today : null, tm: null, tmf: null };
    updates.push(update);
    if (!plan || !stage) {
      stats.rescheduled++;
      continue;
    }
    const title = r.title_masked ?? freshMask(r, update);
    unitOf(r.unit_id, r.agency_id, r.unit_code).items.push(nudgeItem(r, title, stage, dueDate!, plan.daysLeft));
  }
  const daysLeft = new Map<string, number>();
  for (const o of overdue) {
    const unit = unitOf(o.unit_id, o.agency_id, o.unit_code);
    const dueDate = day(o.due_date) ?? today;
    const title = o.title_masked ?? maskedTitle(o.title ?? '', o.reporter_name);
    // Late reports share few deadlines: count the working days once per calendar and date.
    const cal = cals.of(o.agency_id);
    const key = `${cals.idOf(cal)}|${dueDate}`;
    let left = daysLeft.get(key);
    if (left === undefined) daysLeft.set(key, (left = workingDaysLeftOn(dueDate, today, cal)));
    unit.items.push(nudgeItem(o, title, 'overdue', dueDate, left));
    // Rows come ordered per unit; the unit's last row leaves the right count.
    unit.moreOverdue = o.total - (listed.get(o.unit_id) ?? 0) - 1;
    listed.set(o.unit_id, (listed.get(o.unit_id) ?? 0) + 1);
  }
  await saveReminders(tx, updates);
  await markOverdueDigests(tx, [...digests], today);
  if (perUnit.size > 0) stats.messages += await queueNudges(tx, perUnit);
  for (const u of perUnit.values()) stats.nudges += u.items.length + u.moreOverdue;
}

/** Mask a title that has no valid stored mask, and keep the mask for next time. */
function freshMask(r: DueRow, update: ReminderUpdate): string {
  const title = maskedTitle(r.title ?? '', r.reporter_name);
  update.tm = title;
  update.tmf = titleMaskFingerprint(r.title ?? '', r.reporter_name);
  return title;
}

type ItemSource = Pick<DigestLineColumns, 'id' | 'tracking_id' | 'claimant_name' | 'claimant_username' | 'claimant_whatsapp'>;

function nudgeItem(r: ItemSource, title: string, stage: NudgeStage, dueDate: LocalDate, daysLeft: number): NudgeItem {
  return {
    reportId: r.id,
    trackingId: r.tracking_id,
    title,
    stage,
    dueDate,
    daysLeft,
    claimant: r.claimant_name ? { name: r.claimant_name, telegramUsername: r.claimant_username, whatsapp: r.claimant_whatsapp } : null,
  };
}

/** One message per chat and unit (split only past the length budget), in one INSERT. Returns messages queued. */
async function queueNudges(tx: Tx, perUnit: Map<string, UnitNudges>): Promise<number> {
  const unitIds = [...perUnit.keys()];
  const agencyIds = [...new Set([...perUnit.values()].map((u) => u.agencyId))];
  const chats = await tx.chat.findMany({
    where: { healthy: true, OR: [{ unitId: { in: unitIds } }, { agencyId: { in: agencyIds }, unitId: null }] },
    select: { platform: true, externalId: true, threadId: true, unitId: true, agencyId: true },
    orderBy: { createdAt: 'asc' },
  });
  const byUnit = new Map<string, typeof chats>();
  const admin = new Map<string, typeof chats>();
  for (const c of chats) {
    const [map, key] = c.unitId === null ? [admin, c.agencyId] : [byUnit, c.unitId];
    const list = map.get(key);
    if (list) list.push(c);
    else map.set(key, [c]);
  }
  const out: OutboxRow[] = [];
  for (const [unitId, { agencyId, code, items, moreOverdue }] of perUnit) {
    items.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.trackingId.localeCompare(b.trackingId));
    let targets = byUnit.get(unitId) ?? [];
    let label = code;
    if (targets.length === 0) {
      // A unit without a healthy chat is not skipped silently: the Admin Instansi is told instead.
      targets = admin.get(agencyId) ?? [];
      label = `${label} (unit belum punya grup aktif)`;
    }
    const single = items.length === 1 && moreOverdue === 0 ? items[0]! : null;
    const messages: OutMessage[] = single
      ? [{ text: singleNudgeText(label, single), buttons: [[reportButton('Status', 'status', single.reportId)]] }]
      : splitIntoMessages(nudgeDigestHeader(label, items.length + moreOverdue), nudgeDigestBlocks(items, moreOverdue), NUDGE_FOOTER).map((text) => ({ text }));
    // WhatsApp has no usernames: the claimants listed are mentioned by number, once, on the last part.
    const mentions = [...new Set(items.flatMap((i) => (i.claimant?.whatsapp ? [i.claimant.whatsapp] : [])))];
    for (const c of targets) {
      messages.forEach((m, n) => {
        const payload = c.platform === 'whatsapp' && mentions.length > 0 && n === messages.length - 1 ? { ...m, mentions } : m;
        out.push({ platform: c.platform, target: c.externalId, threadId: c.threadId, purpose: single ? 'nudge' : 'digest', payload, reportId: single?.reportId ?? null });
      });
    }
  }
  await insertOutboxRows(tx, out);
  return out.length;
}

export const deadlineSweep: JobDefinition = {
  name: 'deadline-sweep',
  cron: DEADLINE_SWEEP_CRON,
  description: 'Staged deadline nudges to unit chats (monitoring, day before, due day) and each unit\'s daily overdue digest, one message per chat',
  async run({ services, log }): Promise<JobResult> {
    const s = await sweepDeadlines(services, log);
    return { summary: `${s.nudges} nudge(s) in ${s.messages} message(s), ${s.rescheduled} rescheduled` };
  },
};
