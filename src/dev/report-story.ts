/**
 * One generated report's life: a script of actions with plausible delays (verification about 3
 * days, a response within days, a tindak lanjut within the category's deadline, some bounced,
 * held, archived or left hanging), cut at `asOf` and replayed through the real state machine
 * (`transition`), so every row obeys the same invariants as one the bot wrote. Deadlines come
 * from the precomputed DayTable.
 */
import { newReportState, transition, type ReportAction, type ReportState } from '../domain/report-state.js';
import type { Category, ReportStatus } from '../domain/types.js';
import type { DayTable } from './day-table.js';
import type { GenAgency, GenPerson, GenUnit } from './directory.js';
import { ARCHIVE_REASONS, BOUNCE_REASONS, FOLLOW_UPS, HOLD_REASONS, RESPONSES } from './names.js';
import { Weighted, type Prng } from './prng.js';

export interface GenEvent {
  action: string;
  at: number;
  actorId: string | null;
  actorLabel: string;
  reason: string | null;
  /** JSON text: the status and unit after the event (an abbreviated snapshot). */
  after: string;
  source: string;
}

/** Columns of a generated report that depend on its life (the rest: see generate-report.ts). */
export interface ReportLife {
  state: ReportState;
  verifiedById: string | null;
  /** The first response ever (first_responded_at): kept when the report later leaves its unit. */
  firstRespondedAtMs: number | null;
  dueDate: string | null;
  dueAtMs: number | null;
  nextReminderAtMs: number | null;
  lastNudgedOn: string | null;
  reminderStage: string | null;
  events: GenEvent[];
  updatedAtMs: number;
}

const DAY = 86_400_000;
/** Mean days from receiving a report at a unit to its tindak lanjut, per category. */
const FOLLOW_UP_MEAN: Record<Category, number> = { informasi: 2, normatif: 3, 'tanpa-pengawasan': 7, 'berkadar-pengawasan': 30 };

type Fate = 'never_respond' | 'respond_only' | 'follow_no_close' | 'normal';
const FATES = new Weighted<Fate>(['never_respond', 'respond_only', 'follow_no_close', 'normal'], [0.025, 0.11, 0.05, 0.815]);

interface Step {
  action: ReportAction;
  actor: GenPerson;
  note: string | null;
}

/** A moment in office hours (07:30–16:30 on a working day) about `meanDays` after `afterMs`. */
function officeTime(rng: Prng, days: DayTable, afterMs: number, meanDays: number): number {
  const t = afterMs + rng.exp(meanDays) * DAY;
  let idx = days.dayOf(t);
  const hour = (t - (days.startMs[idx] ?? 0)) / 3_600_000;
  if (hour > 16.5) idx++;
  const working = days.workingAtOrAfter(idx);
  const moved = working !== days.dayOf(t) || hour < 7.5 || hour > 16.5;
  const at = moved ? days.at(working, 7.5 + rng.next() * 9) : t;
  return Math.max(at, afterMs + 60_000);
}

/** The script of actions for one report; stops where the report's story ends. */
function script(rng: Prng, agency: GenAgency, category: Category, receivedMs: number, days: DayTable): Step[] {
  const steps: Step[] = [];
  const admin = rng.pick(agency.admins);
  const add = (actor: GenPerson, action: ReportAction, note: string | null = null): number => {
    steps.push({ action, actor, note });
    return action.at.getTime();
  };
  const at = (ms: number): Date => new Date(ms);

  let t = officeTime(rng, days, receivedMs, 2.2);
  if (rng.chance(0.05)) {
    const reason = rng.pick(ARCHIVE_REASONS);
    add(admin, { type: 'archive', by: admin.id, at: at(t), reason }, reason);
    return steps;
  }
  if (rng.chance(0.6)) t = add(admin, { type: 'verify', by: admin.id, at: at(t) }) + rng.int(5, 120) * 60_000;
  let unit: GenUnit = agency.units[agency.unitPicker.index(rng)]!;
  t = add(admin, { type: 'dispose', by: admin.id, at: at(t), unitId: unit.id });

  const bounces = rng.chance(0.06) ? (rng.chance(0.15) ? 2 : 1) : 0;
  for (let b = 0; b < bounces && agency.units.length > 1; b++) {
    const officer = rng.pick(unit.officers);
    const reason = rng.pick(BOUNCE_REASONS);
    t = add(officer, { type: 'bounce', by: officer.id, at: at(officeTime(rng, days, t, 1.5)), reason }, reason);
    let next = unit;
    while (next === unit) next = agency.units[agency.unitPicker.index(rng)]!;
    unit = next;
    t = add(admin, { type: 'dispose', by: admin.id, at: at(officeTime(rng, days, t, 1)), unitId: unit.id });
  }

  if (rng.chance(0.03)) {
    const reason = rng.pick(HOLD_REASONS);
    t = add(admin, { type: 'hold', by: admin.id, at: at(officeTime(rng, days, t, 2)), reason }, reason);
    if (rng.chance(0.5)) return steps;
    t = add(admin, { type: 'resume', by: admin.id, at: at(officeTime(rng, days, t, 10)) });
  }

  const officer = rng.pick(unit.officers);
  if (rng.chance(0.85)) t = add(officer, { type: 'claim', by: officer.id, at: at(officeTime(rng, days, t, 0.4)) });
  const respond = (after: number): number => {
    const text = rng.pick(RESPONSES);
    return add(officer, { type: 'respond', by: officer.id, at: at(officeTime(rng, days, after, 1.5)), text }, text);
  };
  const followUp = (after: number, meanDays: number, close: boolean): number => {
    const text = rng.pick(FOLLOW_UPS);
    return add(officer, { type: 'follow_up', by: officer.id, at: at(officeTime(rng, days, after, meanDays)), text, close }, text);
  };
  const close = (after: number, meanDays: number): number => add(officer, { type: 'close', by: officer.id, at: at(officeTime(rng, days, after, meanDays)) });
  const fate = FATES.draw(rng);
  // Stale reports are mostly closed or archived by hand in the end (the ten-day check); about one
  // in ten stays open for good.
  const cleanedUp = rng.chance(0.9);
  switch (fate) {
    case 'never_respond':
      if (cleanedUp) add(admin, { type: 'archive', by: admin.id, at: at(officeTime(rng, days, t, 45)), reason: ARCHIVE_REASONS[2]! }, ARCHIVE_REASONS[2]!);
      break;
    case 'respond_only':
      t = respond(t);
      if (cleanedUp) followUp(t, 45, true);
      break;
    case 'follow_no_close':
      if (rng.chance(0.6)) t = respond(t);
      t = followUp(t, FOLLOW_UP_MEAN[category], false);
      if (cleanedUp) close(t, 45);
      break;
    case 'normal': {
      if (rng.chance(0.6)) t = respond(t);
      const closeNow = rng.chance(0.9);
      t = followUp(t, FOLLOW_UP_MEAN[category], closeNow);
      if (!closeNow) close(t, 2);
      break;
    }
  }
  return steps;
}

const afterJson = (s: ReportState): string => `{"status":"${s.status}","unitId":${s.unitId ? `"${s.unitId}"` : 'null'}}`;

/** Replay the script up to `asOfMs` and derive the stored columns. */
export function reportLife(rng: Prng, agency: GenAgency, category: Category, receivedMs: number, asOfMs: number, days: DayTable): ReportLife {
  let state = newReportState();
  const events: GenEvent[] = [{ action: 'received', at: receivedMs, actorId: null, actorLabel: 'Impor LAPOR!', reason: null, after: `{"status":"BELUM_TERVERIFIKASI"}`, source: 'import' }];
  let verifiedById: string | null = null;
  let firstRespondedAtMs: number | null = null;
  for (const step of script(rng, agency, category, receivedMs, days)) {
    if (step.action.at.getTime() > asOfMs) break;
    const tr = transition(state, step.action);
    state = tr.after;
    if ((tr.event === 'verified' || tr.event === 'disposed') && verifiedById === null) verifiedById = step.actor.id;
    if (firstRespondedAtMs === null && state.firstResponseAt !== null) firstRespondedAtMs = state.firstResponseAt.getTime();
    events.push({ action: tr.event, at: step.action.at.getTime(), actorId: step.actor.id, actorLabel: step.actor.name, reason: step.note, after: afterJson(state), source: 'telegram' });
  }
  const life: ReportLife = {
    state, verifiedById, firstRespondedAtMs, dueDate: null, dueAtMs: null, nextReminderAtMs: null, lastNudgedOn: null, reminderStage: null, events,
    updatedAtMs: events[events.length - 1]!.at,
  };
  if (state.unitId === null || state.disposedAt === null) return life;
  const dl = days.deadline(category, days.dayOf(state.disposedAt.getTime()));
  life.dueDate = dl.dueDate;
  life.dueAtMs = dl.dueAtMs;
  if (isOpen(state.status)) remindAsOf(life, dl, asOfMs, days);
  return life;
}

const isOpen = (s: ReportStatus): boolean => s === 'BELUM_DITINDAKLANJUTI' || s === 'PROSES';

/**
 * Reminder columns as if the deadline sweep (src/domain/nudge-plan.ts) had run until `asOf`:
 * stages monitoring → day_before → due_day, each from 08:00 of its first working day, then the
 * unit's overdue digest (see `writeUnitReminders` in generate.ts); `lastNudgedOn` is the day the
 * current stage was sent, `nextReminderAt` the next stage's start (none once parked as late).
 */
function remindAsOf(life: ReportLife, dl: { reminderAtMs: number; dueIdx: number }, asOfMs: number, days: DayTable): void {
  if (asOfMs < dl.reminderAtMs) {
    life.nextReminderAtMs = dl.reminderAtMs;
    return;
  }
  let before = dl.dueIdx - 1;
  while (before > 0 && !days.working[before]) before--;
  const today = days.dayOf(asOfMs);
  if (today <= dl.dueIdx) {
    // The latest stage whose window (08:00 of its first day) has opened; monitoring has, see above.
    const stages: [string, number][] = [['monitoring', days.dayOf(dl.reminderAtMs)], ['day_before', before], ['due_day', dl.dueIdx]];
    let i = stages.length - 1;
    while (i > 0 && days.at(stages[i]![1], 8) > asOfMs) i--;
    const [stage, from] = stages[i]!;
    life.reminderStage = stage;
    life.lastNudgedOn = days.dates[from] ?? null;
    life.nextReminderAtMs = days.at(stages[i + 1]?.[1] ?? days.workingAtOrAfter(dl.dueIdx + 1), 8);
    return;
  }
  // Late: the due-day nudge was its last of its own; from the first working morning after the
  // due date its unit's daily overdue digest lists it, and its row is parked (no reminder time).
  life.reminderStage = 'due_day';
  life.lastNudgedOn = days.dates[dl.dueIdx] ?? null;
  const overdueFrom = days.at(days.workingAtOrAfter(dl.dueIdx + 1), 8);
  life.nextReminderAtMs = asOfMs < overdueFrom ? overdueFrom : null;
}
