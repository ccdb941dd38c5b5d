/**
 * One generated report as COPY lines: the report row, its reminder row (when it has reminder
 * state), its reporter (kept apart, as the bot does) and its history events. Texts are invented and sometimes carry personal data in the
 * body (a name, a phone number) the way real reports do, so masking paths are exercised.
 */
import { CATEGORIES, type Category } from '../domain/types.js';
import { storedTitleMask } from '../scheduler/jobs/masked-titles.js';
import { copyLine, esc, ts } from './copy.js';
import type { DayTable } from './day-table.js';
import type { GenAgency } from './directory.js';
import { BODY_CLOSERS, BODY_OPENERS, FAMILY, GIVEN, TOPICS } from './names.js';
import { Weighted, zipfWeights, type Prng } from './prng.js';
import { reportLife } from './report-story.js';

export const REPORT_COLUMNS = [
  'id', 'agency_id', 'tracking_id', 'title', 'body', 'category', 'status', 'status_before_hold', 'anonymous', 'confidential',
  'topic', 'channel', 'unit_id', 'claimed_by_id', 'claimed_at', 'received_at', 'verified_at', 'verified_by_id', 'disposed_at',
  'first_response_at', 'first_responded_at', 'follow_up_at', 'closed_at', 'due_date', 'due_at', 'rating',
  'rating_accuracy', 'reporter_replied', 'bounce_count', 'version', 'created_at', 'updated_at',
  'title_masked', 'title_masked_from',
] as const;
export const REMINDER_COLUMNS = ['report_id', 'next_reminder_at', 'stage', 'last_nudged_on'] as const;
export const REPORTER_COLUMNS = ['report_id', 'name', 'contact', 'gender', 'disability', 'vulnerable'] as const;
export const EVENT_COLUMNS = ['report_id', 'actor_id', 'actor_label', 'action', 'reason', 'after', 'source', 'at'] as const;

const CATEGORY = new Weighted<Category>([...CATEGORIES], [0.35, 0.3, 0.28, 0.07]);
const CHANNEL = new Weighted(['website', 'sms', 'telepon', 'langsung'], [0.78, 0.1, 0.06, 0.06]);
const TOPIC = new Weighted(TOPICS, zipfWeights(TOPICS.length, 0.9));
const RATING = new Weighted([1, 2, 3, 4, 5], [0.05, 0.05, 0.12, 0.33, 0.45]);
/** Received around the clock, mostly in the day. */
const HOUR = new Weighted(Array.from({ length: 24 }, (_, h) => h), [1, 1, 1, 1, 1, 2, 4, 6, 9, 10, 10, 9, 8, 9, 9, 8, 7, 6, 5, 5, 4, 3, 2, 1]);

export interface ReportLines {
  report: string;
  /** Empty when the report has no reminder state (no row, as the bot keeps it). */
  reminder: string;
  reporter: string;
  events: string;
  eventCount: number;
}

export interface ReportContext {
  rng: Prng;
  days: DayTable;
  asOfMs: number;
  /** Which day a report was received (growing volume, fewer on weekends). */
  dayPicker: Weighted<number>;
}

/**
 * The receipt moments of `n` reports, drawn from their own stream and sorted: reports are then
 * generated (and written) in the order they were received, as LAPOR! numbers and stores them, so
 * the table's physical order follows received_at and a period's reports sit together on disk.
 */
export function receiptMoments(rng: Prng, c: Pick<ReportContext, 'days' | 'asOfMs' | 'dayPicker'>, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.min(c.asOfMs - 60_000, c.days.at(c.dayPicker.index(rng), HOUR.index(rng) + rng.next()));
  return out.sort();
}

const phone = (rng: Prng): string => `0812-0000-${String(rng.int(0, 9999)).padStart(4, '0')}`;

/** One report received at `receivedMs` (see receiptMoments). */
export function generateReport(c: ReportContext, agency: GenAgency, trackingId: string, receivedMs: number): ReportLines {
  const { rng, days } = c;
  const id = rng.uuid();
  const category = CATEGORY.draw(rng);
  const t = TOPIC.draw(rng);
  const title = rng.pick(t.titles).replace('{x}', rng.pick(t.detail));
  const name = `${rng.pick(GIVEN)} ${rng.pick(FAMILY)}`;
  const anonymous = rng.chance(0.1);
  const contact = rng.chance(0.7) ? phone(rng) : `${name.toLowerCase().replace(' ', '.')}@example.org`;
  const selfIntro = !anonymous && rng.chance(0.3) ? ` Nama saya ${name}, HP ${phone(rng)}.` : '';
  const body = `${rng.pick(BODY_OPENERS)} ${title}.${selfIntro} ${rng.pick(BODY_CLOSERS)}`;

  const life = reportLife(rng, agency, category, receivedMs, c.asOfMs, days);
  const s = life.state;
  const rated = s.status === 'SELESAI' && rng.chance(0.55);
  // The title as groups see it, stored as the bot stores it on intake (the deadline sweep reads it).
  const mask = storedTitleMask(title, anonymous ? null : name);
  const report = copyLine([
    id, agency.id, trackingId, esc(title), esc(body), category, s.status, s.statusBeforeHold, anonymous, rng.chance(0.05),
    esc(t.topic), CHANNEL.draw(rng), s.unitId, s.claimedById, ts(s.claimedAt?.getTime()), ts(receivedMs), ts(s.verifiedAt?.getTime()),
    s.verifiedAt ? life.verifiedById : null, ts(s.disposedAt?.getTime()), ts(s.firstResponseAt?.getTime()), ts(life.firstRespondedAtMs), ts(s.followUpAt?.getTime()),
    ts(s.closedAt?.getTime()), life.dueDate, ts(life.dueAtMs),
    rated ? RATING.draw(rng) : null, rated ? RATING.draw(rng) : null, rated && rng.chance(0.3), s.bounceCount,
    life.events.length - 1, ts(receivedMs), ts(life.updatedAtMs), esc(mask.titleMasked), mask.titleMaskedFrom,
  ]);
  const hasReminder = life.nextReminderAtMs !== null || life.reminderStage !== null || life.lastNudgedOn !== null;
  const reminder = hasReminder ? copyLine([id, ts(life.nextReminderAtMs), life.reminderStage, life.lastNudgedOn]) : '';
  const reporter = copyLine([
    id, anonymous ? null : esc(name), esc(contact), rng.chance(0.5) ? 'L' : 'P', rng.chance(0.02), rng.chance(0.05),
  ]);
  let events = '';
  for (const e of life.events) events += copyLine([id, e.actorId, esc(e.actorLabel), e.action, esc(e.reason), e.after, e.source, ts(e.at)]);
  return { report, reminder, reporter, events, eventCount: life.events.length };
}
