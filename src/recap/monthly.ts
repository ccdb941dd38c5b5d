/**
 * The monthly monitoring report: the 23 indicators of the SP4N performance framework (seeds/003,
 * section 3.5, "Kerangka Manajemen Kinerja SP4N") for one agency, a group of agencies (a "simpul":
 * province, sector, national) or every agency, computed by PostgreSQL (monthly-sql.ts).
 *
 * Which reports each figure covers — the same convention as the recap (compute-recap.ts), so
 * `/rekap bulan` and this report agree:
 * - 1.1–15, 17–23: the COHORT of reports received in the month (office-timezone month
 *   boundaries), in their state when the report is made. 2 = every report received (Tunda and Arsip
 *   included) = 1.1 + 1.2 + 1.3 + 1.4 + channel not recorded = the sum of 22.
 * - 3 verified / 4 disposed / 5 responded: has ever reached that step (timestamp or history, or a
 *   status that implies it). 5 counts a respon awal as well as a tindak lanjut.
 * - 6–10 are statuses now: 6 Belum Ditindaklanjuti (at the unit, no response yet), 7 Proses, 8 Selesai,
 *   9 not finished = Belum Terverifikasi + Belum Ditindaklanjuti + Proses + Tunda, 10 Tunda. So
 *   2 = 8 + 9 + archived (archived is shown as a note).
 * - 11: the reporter replied again after a response (the LAPOR! flag).
 * - 12–15 are means in CALENDAR days (the unit of RTL and RV), one decimal, half up, from receipt to:
 *   12 the first disposition (the end of verify/examine/dispose), 13 the first response of any kind
 *   (RTL's measure; the history is read for every report that reached a unit, so a report
 *   re-routed after a response keeps it), 14 the first tindak lanjut, 15 closure (Selesai only).
 *   A report without the timestamp is left out of the mean; `count` says how many went in.
 * - 16: a snapshot over the whole scope, not the cohort: reports received more than 60 calendar
 *   days before the month's last day that are still unfinished now (statuses of 9).
 * - 17–19: distinct reporters of the cohort (see monthly-sql.ts for who counts as one person).
 * - 20, 21: mean rating and mean rating of the solution's accuracy (1–5), two decimals.
 * - 22: reports per topic ("kategori/topik"); 23: the most frequent topic(s), ties all named.
 *
 * @example
 *   const m = await computeIndicators(ctx.db, { period: monthPeriod(2026, 3), agencyId, timeZone: 'Asia/Jakarta' });
 *   m.received // 12
 */
import { addDays } from '../domain/local-date.js';
import { periodBounds, type RecapPeriod } from './period.js';
import { cohortRows, overSixtyDays, reporterRows, topicCountRows, type CohortRow, type Grouped, type ReporterRow } from './monthly-sql.js';
import { meanDays, meanRating } from './rounding.js';
import { resolveScope, scopeCondition, type ScopeInput } from './scope.js';
import type { RecapDb } from './sql.js';
import type { PrismaClient } from '../generated/prisma/client.js';

/** A mean with what it is made of, so that means over several months can be combined exactly. */
export interface Mean {
  value: number | null;
  /** Reports that went into the mean. */
  count: number;
  /** Sum of whole days, or of ratings in hundredths. */
  sum: number;
  unit: 'hari kalender' | 'nilai 1–5';
}

export interface TopicTotal {
  /** null = reports without a topic. */
  topic: string | null;
  count: number;
}

/** Calendar days a report must be older than to count in indicator 16. */
export const STALE_DAYS = 60;

export interface Indicators {
  period: RecapPeriod;
  timeZone: string;
  asOf: Date;
  channels: { website: number; sms: number; telepon: number; langsung: number; unknown: number };
  received: number;
  verified: number;
  disposed: number;
  responded: number;
  atUnit: number;
  inFollowUp: number;
  resolved: number;
  unresolved: number;
  deferred: number;
  /** Not one of the 23: archived reports of the cohort, so that 2 = 8 + 9 + archived. */
  archived: number;
  reporterReplied: number;
  daysToDispose: Mean;
  daysToRespond: Mean;
  daysToFollowUp: Mean;
  daysToResolve: Mean;
  overSixtyDays: number;
  reporters: { total: number; male: number; female: number; disability: number; vulnerable: number };
  rating: Mean;
  ratingAccuracy: Mean;
  topics: TopicTotal[];
  /** Indicator 23: the most frequent topic(s) (several on a tie); empty without any topic. */
  topTopic: { topics: string[]; count: number };
}

export interface IndicatorOptions extends ScopeInput {
  period: RecapPeriod;
  timeZone: string;
  /** When the report is made (recorded in the output; statuses are those of now). */
  asOf?: Date;
}

const dayMean = (sum: number, count: number): Mean => ({ value: meanDays(sum, count), count, sum, unit: 'hari kalender' });
const ratingMean = (sum: number, count: number): Mean => ({ value: meanRating(sum, count), count, sum, unit: 'nilai 1–5' });

/** A database that can run the statements in one read-only snapshot (the PrismaClient). */
export type IndicatorDb = Pick<PrismaClient, '$transaction'>;

/** Runs `fn` in a read-only REPEATABLE READ transaction with JIT off (see monthly-sql.ts). */
async function inSnapshot<T>(db: IndicatorDb, fn: (tx: RecapDb) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SET TRANSACTION READ ONLY`;
    await tx.$executeRaw`SET LOCAL jit = off`;
    return fn(tx);
  }, { isolationLevel: 'RepeatableRead', maxWait: 10_000, timeout: 120_000 });
}

export interface ScopeIndicators {
  /** The whole scope. */
  total: Indicators;
  /** Per agency with reports in the period or open reports older than 60 days, by agency id. */
  agencies: Map<string, Indicators>;
}

const NO_COHORT = (): CohortRow => ({
  agency_id: null, grand: 1, received: 0, ch_website: 0, ch_sms: 0, ch_telepon: 0, ch_langsung: 0, ch_unknown: 0, verified: 0, disposed: 0,
  responded: 0, at_unit: 0, in_follow_up: 0, resolved: 0, unresolved: 0, deferred: 0, archived: 0, replied: 0, dispose_n: 0, dispose_sum: 0,
  respond_n: 0, respond_sum: 0, follow_n: 0, follow_sum: 0, resolve_n: 0, resolve_sum: 0, rating_n: 0, rating_sum: 0, accuracy_n: 0, accuracy_sum: 0,
});

const toReporters = (p: ReporterRow | undefined): Indicators['reporters'] =>
  ({ total: p?.reporters ?? 0, male: p?.male ?? 0, female: p?.female ?? 0, disability: p?.disability ?? 0, vulnerable: p?.vulnerable ?? 0 });

/** The indicators of the scope and of each of its agencies, from one snapshot. */
export async function computeScopeIndicators(db: IndicatorDb, opts: IndicatorOptions): Promise<ScopeIndicators> {
  const [cohort, people, topics, stale] = await inSnapshot(db, async (tx) => {
    const scope = scopeCondition(await resolveScope(tx, opts));
    const window = { ...periodBounds(opts.period, opts.timeZone), timeZone: opts.timeZone, scope };
    // Received before this instant = more than 60 days old on the period's last day.
    const cutoff = periodBounds({ from: addDays(opts.period.to, -STALE_DAYS), to: addDays(opts.period.to, -STALE_DAYS) }, opts.timeZone).start;
    // One connection: the statements run one after the other.
    return [await cohortRows(tx, window), await reporterRows(tx, window), await topicCountRows(tx, window), await overSixtyDays(tx, scope, cutoff)] as const;
  });
  const key = (r: Grouped): string => (r.grand === 1 ? '*' : (r.agency_id as string));
  const build = (k: string): Indicators => {
    const list = topics.filter((t) => key(t) === k).map((t) => ({ topic: t.topic, count: t.n }));
    return {
      period: opts.period,
      timeZone: opts.timeZone,
      asOf: opts.asOf ?? new Date(),
      ...fromCohort(cohort.find((c) => key(c) === k) ?? NO_COHORT()),
      overSixtyDays: stale.find((x) => key(x) === k)?.n ?? 0,
      reporters: toReporters(people.find((p) => key(p) === k)),
      topics: list,
      topTopic: topTopicOf(list),
    };
  };
  const ids = new Set([...cohort, ...stale].filter((r) => r.grand === 0).map((r) => r.agency_id as string));
  return { total: build('*'), agencies: new Map([...ids].map((id) => [id, build(id)])) };
}

/** The indicators of the whole scope (an agency, a group of agencies, or all). */
export async function computeIndicators(db: IndicatorDb, opts: IndicatorOptions): Promise<Indicators> {
  return (await computeScopeIndicators(db, opts)).total;
}

/** Distinct reporters (17–19) of the reports received in a period: not a sum of months (one person may report twice). */
export async function computeReporters(db: IndicatorDb, opts: IndicatorOptions): Promise<Indicators['reporters']> {
  const rows = await inSnapshot(db, async (tx) => {
    const scope = scopeCondition(await resolveScope(tx, opts));
    return reporterRows(tx, { ...periodBounds(opts.period, opts.timeZone), timeZone: opts.timeZone, scope });
  });
  return toReporters(rows.find((r) => r.grand === 1));
}

/**
 * Consecutive months as one period (the quarterly report's 3-month summary, Tabel 2 item 1):
 * cohort counts and topics add up, means are recomputed from their sums (exact, not a mean of
 * means), 16 is the last month's (a snapshot at the period's end), and the distinct reporters
 * come from `reporters` (computeReporters over the whole period).
 */
export function combineMonths(months: Indicators[], period: RecapPeriod, reporters: Indicators['reporters']): Indicators {
  if (months.length === 0) throw new RangeError('combineMonths needs at least one month');
  const sum = (f: (m: Indicators) => number): number => months.reduce((n, m) => n + f(m), 0);
  const mean = (pick: (m: Indicators) => Mean, make: (s: number, c: number) => Mean): Mean => make(sum((m) => pick(m).sum), sum((m) => pick(m).count));
  const byTopic = new Map<string, TopicTotal>();
  for (const m of months) {
    for (const t of m.topics) {
      const key = t.topic === null ? '' : t.topic.trim().toLowerCase();
      const seen = byTopic.get(key);
      if (seen) seen.count += t.count;
      else byTopic.set(key, { topic: t.topic, count: t.count });
    }
  }
  const topics = [...byTopic.values()].sort((a, b) => Number(a.topic === null) - Number(b.topic === null) || b.count - a.count || (a.topic ?? '').localeCompare(b.topic ?? ''));
  const last = months[months.length - 1]!;
  return {
    period,
    timeZone: last.timeZone,
    asOf: last.asOf,
    channels: {
      website: sum((m) => m.channels.website), sms: sum((m) => m.channels.sms), telepon: sum((m) => m.channels.telepon),
      langsung: sum((m) => m.channels.langsung), unknown: sum((m) => m.channels.unknown),
    },
    received: sum((m) => m.received),
    verified: sum((m) => m.verified),
    disposed: sum((m) => m.disposed),
    responded: sum((m) => m.responded),
    atUnit: sum((m) => m.atUnit),
    inFollowUp: sum((m) => m.inFollowUp),
    resolved: sum((m) => m.resolved),
    unresolved: sum((m) => m.unresolved),
    deferred: sum((m) => m.deferred),
    archived: sum((m) => m.archived),
    reporterReplied: sum((m) => m.reporterReplied),
    daysToDispose: mean((m) => m.daysToDispose, dayMean),
    daysToRespond: mean((m) => m.daysToRespond, dayMean),
    daysToFollowUp: mean((m) => m.daysToFollowUp, dayMean),
    daysToResolve: mean((m) => m.daysToResolve, dayMean),
    overSixtyDays: last.overSixtyDays,
    reporters,
    rating: mean((m) => m.rating, ratingMean),
    ratingAccuracy: mean((m) => m.ratingAccuracy, ratingMean),
    topics,
    topTopic: topTopicOf(topics),
  };
}

function fromCohort(c: CohortRow): Omit<Indicators, 'period' | 'timeZone' | 'asOf' | 'overSixtyDays' | 'reporters' | 'topics' | 'topTopic'> {
  return {
    channels: { website: c.ch_website, sms: c.ch_sms, telepon: c.ch_telepon, langsung: c.ch_langsung, unknown: c.ch_unknown },
    received: c.received,
    verified: c.verified,
    disposed: c.disposed,
    responded: c.responded,
    atUnit: c.at_unit,
    inFollowUp: c.in_follow_up,
    resolved: c.resolved,
    unresolved: c.unresolved,
    deferred: c.deferred,
    archived: c.archived,
    reporterReplied: c.replied,
    daysToDispose: dayMean(c.dispose_sum, c.dispose_n),
    daysToRespond: dayMean(c.respond_sum, c.respond_n),
    daysToFollowUp: dayMean(c.follow_sum, c.follow_n),
    daysToResolve: dayMean(c.resolve_sum, c.resolve_n),
    rating: ratingMean(c.rating_sum, c.rating_n),
    ratingAccuracy: ratingMean(c.accuracy_sum, c.accuracy_n),
  };
}

/** The topic(s) with the most reports; reports without a topic never win. */
export function topTopicOf(topics: TopicTotal[]): { topics: string[]; count: number } {
  const named = topics.filter((t): t is { topic: string; count: number } => t.topic !== null);
  const max = Math.max(0, ...named.map((t) => t.count));
  if (max === 0) return { topics: [], count: 0 };
  return { topics: named.filter((t) => t.count === max).map((t) => t.topic).sort((a, b) => a.localeCompare(b)), count: max };
}
