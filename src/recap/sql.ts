/**
 * The recap's SQL. Every figure is an aggregate computed by PostgreSQL over the reports received
 * in the period; no report row is loaded into memory.
 *
 * Days are CALENDAR days between office-local dates: (date of B) − (date of A), both in the
 * office timezone. Why, from the seed tables: LAPOR! labels RTL and RV "satuan hari" while the
 * same documents say "hari kerja" whenever they mean working days (SLA, the 3-day verification
 * target); and the "Laju Verifikasi" rows of admins with a single report show whole values
 * (2.0 and 1.0 days), i.e. whole days per report rather than elapsed hours. RTL, RV and the
 * verification pace therefore use the same whole calendar-day count; negative spans (bad
 * imports) count as 0 (clamped where summed: GREATEST ignores NULL, so clamping before counting
 * would turn "no response yet" into 0 days).
 */
import { Prisma } from '../generated/prisma/client.js';

export type RecapDb = Pick<Prisma.TransactionClient, '$queryRaw'>;

/** A client that can also open a transaction (a PrismaClient rather than a transaction's client). */
interface BatchingDb extends RecapDb {
  $executeRaw: Prisma.TransactionClient['$executeRaw'];
  $transaction<P extends readonly unknown[]>(queries: [...P]): Promise<unknown[]>;
}

/**
 * Run one recap statement with PostgreSQL's JIT compiler off. The recap's statements are costed
 * high (a year of a national table, a history look-up per report without a recorded verifier), so
 * JIT would compile them — with inlining and optimisation above 500,000 — and on a full year that
 * took longer than the query (1.1 s of compilation for the verification pace on 1M reports, again
 * in every parallel worker). `SET LOCAL` needs a transaction: with a client that can batch one, the statement runs
 * in its own short transaction (so the statements of one recap still run side by side on the
 * pool); inside a caller's transaction it simply runs as is.
 */
export async function recapQuery<T>(db: RecapDb, sql: Prisma.Sql): Promise<T[]> {
  const batching = db as Partial<BatchingDb>;
  if (typeof batching.$transaction !== 'function' || typeof batching.$executeRaw !== 'function') return db.$queryRaw<T[]>(sql);
  const [, rows] = await batching.$transaction([batching.$executeRaw`SET LOCAL jit = off`, db.$queryRaw<T[]>(sql)]);
  return rows as T[];
}

export interface Window {
  start: Date;
  end: Date;
  timeZone: string;
  scope: Prisma.Sql;
}

const localDay = (col: Prisma.Sql, tz: string): Prisma.Sql => Prisma.sql`((${col}) AT TIME ZONE ${tz})::date`;

/** Whole calendar days from receipt to `col`; NULL when `col` is NULL; may be negative (clamp when summing). */
export const daysSinceReceipt = (col: Prisma.Sql, tz: string): Prisma.Sql =>
  Prisma.sql`(${localDay(col, tz)} - ${localDay(Prisma.sql`r.received_at`, tz)})`;

/**
 * The report's first response ever (respon awal or tindak lanjut), at whichever unit: RTL counts
 * from receipt to it (DOMAIN.md "mean days from receipt to the first follow-up"), so a response
 * made before a bounce or a re-route still counts. `first_response_at` belongs to the current
 * assignment and is cleared when the report leaves a unit; `first_responded_at` keeps the first
 * one (set by every write path, backfilled from the history by its migration). LEAST ignores
 * NULL, so a row written with only `first_response_at` (older tools, hand-made fixtures) counts too.
 */
export const FIRST_RESPONSE = Prisma.sql`LEAST(r.first_responded_at, r.first_response_at)`;

const inWindow = (w: Window): Prisma.Sql => Prisma.sql`r.received_at >= ${w.start} AND r.received_at < ${w.end} AND ${w.scope}`;

export interface FigureRow {
  unit_id: string | null;
  /** 1 on the grand-total row. */
  grand: number;
  bt: number;
  bd: number;
  p: number;
  s: number;
  tunda: number;
  arsip: number;
  rtl_n: number;
  rtl_sum: number;
  rhp_n: number;
  rhp_sum: number;
  rv_n: number;
  rv_sum: number;
}

/**
 * The window's reports summed per unit (and per topic when asked) into `u`; summing `u` again
 * gives exactly what summing the reports would, every sum being of whole numbers.
 *
 * One pass over the window, every figure from the report row itself (the first response ever is
 * a column, FIRST_RESPONSE): one hash aggregate straight from the scan, which parallel workers
 * share. RTL's and RV's counts count the timestamps themselves, so each day difference is
 * computed once. The grouping is by the plain topic column, whose statistics let the planner
 * expect a few thousand groups and hash them; `topic_n` counts the reports that list it (archived
 * ones are left out: mostly repeated submissions of one report). Every aggregate keeps a
 * fixed-size state (the rating as whole hundredths in int), so the hash table fits work_mem.
 */
function unitSums(w: Window, byTopic: boolean): Prisma.Sql {
  const topic = byTopic ? Prisma.sql`r.topic` : Prisma.sql`NULL::text`;
  const hasTopic = Prisma.sql`(r.status <> 'ARSIP' AND btrim(r.topic) <> '') IS TRUE`;
  return Prisma.sql`
    SELECT r.unit_id, ${topic} AS topic, count(*) FILTER (WHERE ${hasTopic}) AS topic_n,
      count(*) FILTER (WHERE r.status = 'BELUM_TERVERIFIKASI') AS bt,
      count(*) FILTER (WHERE r.status = 'BELUM_DITINDAKLANJUTI') AS bd,
      count(*) FILTER (WHERE r.status = 'PROSES') AS p,
      count(*) FILTER (WHERE r.status = 'SELESAI') AS s,
      count(*) FILTER (WHERE r.status = 'TUNDA') AS tunda,
      count(*) FILTER (WHERE r.status = 'ARSIP') AS arsip,
      count(${FIRST_RESPONSE}) AS rtl_n,
      sum(GREATEST(${daysSinceReceipt(FIRST_RESPONSE, w.timeZone)}, 0)) AS rtl_sum,
      count(r.rating) AS rhp_n, sum(round(r.rating * 100)::int) AS rhp_sum,
      count(r.verified_at) AS rv_n,
      sum(GREATEST(${daysSinceReceipt(Prisma.sql`r.verified_at`, w.timeZone)}, 0)) AS rv_sum
    FROM report r
    WHERE ${inWindow(w)}
    GROUP BY 1, 2`;
}

/** Per unit and for the whole scope, from the unit sums `u`. */
const FIGURES_FROM_SUMS = Prisma.sql`
    SELECT u.unit_id::text AS unit_id, GROUPING(u.unit_id)::int AS grand,
      COALESCE(sum(u.bt), 0)::int AS bt, COALESCE(sum(u.bd), 0)::int AS bd,
      COALESCE(sum(u.p), 0)::int AS p, COALESCE(sum(u.s), 0)::int AS s,
      COALESCE(sum(u.tunda), 0)::int AS tunda, COALESCE(sum(u.arsip), 0)::int AS arsip,
      COALESCE(sum(u.rtl_n), 0)::int AS rtl_n, COALESCE(sum(u.rtl_sum), 0)::float8 AS rtl_sum,
      COALESCE(sum(u.rhp_n), 0)::int AS rhp_n, COALESCE(sum(u.rhp_sum), 0)::float8 AS rhp_sum,
      COALESCE(sum(u.rv_n), 0)::int AS rv_n, COALESCE(sum(u.rv_sum), 0)::float8 AS rv_sum
    FROM u
    GROUP BY GROUPING SETS ((u.unit_id), ())`;

/** Status counts and the sums behind RTL, RHP and RV, per unit and for the whole scope. */
export async function figureRows(db: RecapDb, w: Window): Promise<FigureRow[]> {
  return recapQuery<FigureRow>(db, Prisma.sql`
    WITH u AS (${unitSums(w, false)})
    ${FIGURES_FROM_SUMS}`);
}

export interface WindowRows {
  figures: FigureRow[];
  topics: TopicRow[];
}

/** The figures (as `figureRows`) and the top topics (as `topicRows`) of one window, from the same sums. */
export async function windowRows(db: RecapDb, w: Window): Promise<WindowRows> {
  type Row = FigureRow & { kind: 'f' | 't'; topic: string | null; n: number | null };
  const rows = await recapQuery<Row>(db, Prisma.sql`
    WITH u AS (${unitSums(w, true)})
    SELECT 'f' AS kind, f.*, NULL::text AS topic, NULL::int AS n, NULL::bigint AS rank FROM (${FIGURES_FROM_SUMS}) f
    UNION ALL
    SELECT 't', t.unit_id, t.grand, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, t.topic, t.n, t.rank
    FROM (${topTopics(Prisma.sql`
      SELECT u.unit_id::text AS unit_id, GROUPING(u.unit_id)::int AS grand, u.topic, sum(u.topic_n)::int AS n
      FROM u
      WHERE u.topic_n > 0
      GROUP BY GROUPING SETS ((u.unit_id, u.topic), (u.topic))`)}) t
    ORDER BY 1, 3 DESC, 2, 18`);
  const figures: FigureRow[] = [];
  const topics: TopicRow[] = [];
  for (const { kind, topic, n, ...f } of rows) {
    if (kind === 'f') {
      const { rank: _rank, ...figure } = f as FigureRow & { rank: unknown };
      figures.push(figure);
    } else topics.push({ unit_id: f.unit_id, grand: f.grand, topic: topic as string, n: n as number });
  }
  return { figures, topics };
}

/** The three most frequent topics of each (grand, unit_id) partition of `counts` (unit_id, grand, topic, n). */
function topTopics(counts: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT unit_id, grand, topic, n, rank FROM (
      SELECT g.*, row_number() OVER (PARTITION BY g.grand, g.unit_id ORDER BY g.n DESC, g.topic) AS rank
      FROM (${counts}) g
    ) ranked
    WHERE rank <= 3`;
}

export interface OverdueRow {
  unit_id: string | null;
  grand: number;
  n: number;
}

/**
 * Open reports past their deadline at `asOf`, whenever received: a snapshot, not a period figure
 * (index (agency_id|unit_id, status, due_at)).
 */
export async function overdueRows(db: RecapDb, scope: Prisma.Sql, asOf: Date): Promise<OverdueRow[]> {
  return db.$queryRaw<OverdueRow[]>`
    SELECT r.unit_id::text AS unit_id, GROUPING(r.unit_id)::int AS grand, count(*)::int AS n
    FROM report r
    WHERE r.status IN ('BELUM_DITINDAKLANJUTI', 'PROSES') AND r.due_at < ${asOf} AND ${scope}
    GROUP BY GROUPING SETS ((r.unit_id), ())`;
}

export interface TopicRow {
  unit_id: string | null;
  grand: number;
  topic: string;
  n: number;
}

/**
 * The three most frequent topics per unit and overall. Archived reports are left out: they are
 * mostly repeated submissions of one report and would crowd the list.
 */
export async function topicRows(db: RecapDb, w: Window): Promise<TopicRow[]> {
  return (await windowRows(db, w)).topics;
}

export interface VerifierRow {
  person_id: string | null;
  name: string | null;
  within: number;
  after: number;
  n: number;
  days: number;
}

/**
 * Laju verifikasi: per verifier, the verified reports received in the period. The same reports
 * and the same day count as RV, so the two never disagree (a complaint in seeds/001 about
 * LAPOR!). The verifier is `verified_by_id` when set, else the actor of the first 'verified' or
 * 'disposed' event (disposing an unverified report verifies it).
 */
export async function verifierRows(db: RecapDb, w: Window): Promise<VerifierRow[]> {
  const days = daysSinceReceipt(Prisma.sql`r.verified_at`, w.timeZone);
  // Two branches, each one scan of the window: reports with verified_by_id summed per person
  // straight away (most of them; a plain grouping that parallel workers can share), and the others
  // with their first verifying event looked up (one index look-up per report, only for those).
  // The person's name is joined on the sums, not on every report.
  return recapQuery<VerifierRow>(db, Prisma.sql`
    WITH v AS (
      SELECT r.verified_by_id AS person_id, NULL::text AS actor_label,
        count(*) FILTER (WHERE ${days} <= 3) AS within, count(*) AS n, sum(GREATEST(0, ${days})) AS days
      FROM report r
      WHERE ${inWindow(w)} AND r.verified_at IS NOT NULL AND r.verified_by_id IS NOT NULL
      GROUP BY r.verified_by_id
      UNION ALL
      SELECT k.actor_id, k.actor_label,
        count(*) FILTER (WHERE k.days <= 3), count(*), sum(k.days)
      FROM (
        SELECT ev.actor_id, ev.actor_label, GREATEST(0, ${days}) AS days
        FROM report r
        LEFT JOIN LATERAL (
          SELECT e.actor_id, e.actor_label FROM report_event e
          WHERE e.report_id = r.id AND e.action IN ('verified', 'disposed')
          ORDER BY e.id LIMIT 1
        ) ev ON true
        WHERE ${inWindow(w)} AND r.verified_at IS NOT NULL AND r.verified_by_id IS NULL
        OFFSET 0
      ) k
      GROUP BY k.actor_id, k.actor_label
    )
    SELECT min(v.person_id::text) AS person_id, max(COALESCE(p.name, v.actor_label)) AS name,
      sum(v.within)::int AS within, (sum(v.n) - sum(v.within))::int AS after,
      sum(v.n)::int AS n, sum(v.days)::float8 AS days
    FROM v LEFT JOIN person p ON p.id = v.person_id
    -- A person is one verifier whatever their label; unrecorded actors group by label.
    GROUP BY COALESCE(v.person_id::text, 'label:' || COALESCE(v.actor_label, ''))
    ORDER BY n DESC, name`);
}
