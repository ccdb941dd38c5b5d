/**
 * The recap engine: LAPOR!'s "Rekapitulasi Kinerja" for any period and any scope (agency, unit,
 * group of agencies, everything), per unit, with overdue counts, top topics, the verification
 * pace and the previous period for trends. Status counts are those of the reports RECEIVED in the
 * period, in their status now, as LAPOR!'s recap does.
 *
 * @example
 *   const r = await computeRecap(db, { from: '2026-03-02', to: '2026-03-08', agencyId });
 *   r.persenTL // 87.5
 */
import { DEFAULT_TIME_ZONE } from '../domain/calendar.js';
import { meanDays, meanRating, percentFollowedUp } from './rounding.js';
import { previousPeriod, periodBounds, type PeriodKind } from './period.js';
import { resolveScope, scopeCondition, unitsByIds, type RecapScope, type ScopeInput } from './scope.js';
import { figureRows, overdueRows, verifierRows, windowRows, type FigureRow, type RecapDb, type Window } from './sql.js';
import type { Period, PreviousRecap, Recap, RecapFigures, TopicCount, UnitRecap, VerificationPace } from './types.js';

export interface RecapOptions extends ScopeInput, Period {
  /** Office timezone the days are counted in (default Asia/Jakarta). */
  timeZone?: string;
  /** The instant overdue counts are taken at (default: now). */
  asOf?: Date;
  /** How to pick the previous period (default: custom = same number of days right before); false = none. */
  previous?: PeriodKind | Period | false;
  /**
   * Compute the verification pace per admin (one history look-up per verified report). Default:
   * yes, except for a unit's recap, where it is the Admin Instansi's figure and not shown.
   */
  verification?: boolean;
}

export async function computeRecap(db: RecapDb, opts: RecapOptions): Promise<Recap> {
  const timeZone = opts.timeZone ?? DEFAULT_TIME_ZONE;
  const period: Period = { from: opts.from, to: opts.to };
  const asOf = opts.asOf ?? new Date();
  const scope = await resolveScope(db, opts);
  const where = scopeCondition(scope);
  const window = (p: Period): Window => ({ ...periodBounds(p, timeZone), timeZone, scope: where });

  const current = window(period);
  const prevPeriod = pickPrevious(period, opts.previous);
  const withPace = opts.verification ?? !opts.unitId;
  // Independent aggregates: on PostgreSQL they run side by side on the pool's connections. The
  // figures and the topics share one scan of the period.
  const [{ figures: rows, topics }, overdue, pace, prevRows] = await Promise.all([
    windowRows(db, current),
    overdueRows(db, where, asOf),
    withPace ? verifierRows(db, current) : Promise.resolve([]),
    prevPeriod ? figureRows(db, window(prevPeriod)) : Promise.resolve(null),
  ]);
  const verification = toPace(pace);

  const units = await listedUnits(db, scope, rows);
  const overdueBy = new Map(overdue.filter((o) => o.grand === 0).map((o) => [o.unit_id, o.n]));
  const topicsBy = groupTopics(topics);
  const figuresBy = byUnit(rows);
  const unitRecaps: UnitRecap[] = units.map((u) => ({
    id: u.id,
    code: u.code,
    name: u.name,
    ...(figuresBy.get(u.id) ?? EMPTY),
    overdue: overdueBy.get(u.id) ?? 0,
    topTopics: topicsBy.get(u.id) ?? [],
  }));

  const grand = rows.find((r) => r.grand === 1);
  const figures = grand ? toFigures(grand) : EMPTY;
  let previous: PreviousRecap | null = null;
  if (prevPeriod && prevRows) {
    const prevGrand = prevRows.find((r) => r.grand === 1);
    previous = { ...(prevGrand ? toFigures(prevGrand) : EMPTY), period: prevPeriod, units: Object.fromEntries(byUnit(prevRows)) };
  }
  return {
    ...figures,
    period,
    timeZone,
    received: figures.total + figures.tunda + figures.arsip,
    overdue: overdue.find((o) => o.grand === 1)?.n ?? 0,
    asOf,
    topTopics: topicsBy.get(GRAND) ?? [],
    verification,
    units: unitRecaps,
    previous,
  };
}

const GRAND = '*';

export const EMPTY: RecapFigures = Object.freeze({
  belumTerverifikasi: 0, belumDitindaklanjuti: 0, proses: 0, selesai: 0, tunda: 0, arsip: 0,
  total: 0, persenTL: null, rtl: null, rhp: null, rv: null,
});

export function toFigures(r: FigureRow): RecapFigures {
  const total = r.bt + r.bd + r.p + r.s;
  return {
    belumTerverifikasi: r.bt,
    belumDitindaklanjuti: r.bd,
    proses: r.p,
    selesai: r.s,
    tunda: r.tunda,
    arsip: r.arsip,
    total,
    persenTL: percentFollowedUp(r.p + r.s, total),
    rtl: meanDays(r.rtl_sum, r.rtl_n),
    rhp: meanRating(r.rhp_sum, r.rhp_n),
    rv: meanDays(r.rv_sum, r.rv_n),
  };
}

/** Figures of the per-unit rows (reports at no unit are only in the grand total). */
function byUnit(rows: FigureRow[]): Map<string, RecapFigures> {
  return new Map(rows.filter((r) => r.grand === 0 && r.unit_id !== null).map((r) => [r.unit_id as string, toFigures(r)]));
}

async function listedUnits(db: RecapDb, scope: RecapScope, rows: FigureRow[]): Promise<{ id: string; code: string; name: string }[]> {
  if (scope.fixedUnits) return scope.fixedUnits;
  const ids = rows.filter((r) => r.grand === 0 && r.unit_id !== null).map((r) => r.unit_id as string);
  return unitsByIds(db, ids);
}

function groupTopics(rows: { unit_id: string | null; grand: number; topic: string; n: number }[]): Map<string, TopicCount[]> {
  const out = new Map<string, TopicCount[]>();
  for (const r of rows) {
    if (r.grand === 0 && r.unit_id === null) continue;
    const key = r.grand === 1 ? GRAND : (r.unit_id as string);
    const list = out.get(key) ?? [];
    list.push({ topic: r.topic, count: r.n });
    out.set(key, list);
  }
  return out;
}

function toPace(rows: Awaited<ReturnType<typeof verifierRows>>): VerificationPace {
  const sum = (f: (r: (typeof rows)[number]) => number): number => rows.reduce((n, r) => n + f(r), 0);
  const count = sum((r) => r.n);
  return {
    count,
    withinThreeDays: sum((r) => r.within),
    afterThreeDays: sum((r) => r.after),
    meanDays: meanDays(sum((r) => r.days), count),
    byVerifier: rows.map((r) => ({
      personId: r.person_id,
      name: r.name ?? '(tidak tercatat)',
      withinThreeDays: r.within,
      afterThreeDays: r.after,
      meanDays: meanDays(r.days, r.n),
    })),
  };
}

function pickPrevious(period: Period, choice: RecapOptions['previous']): Period | null {
  if (choice === false) return null;
  const p = choice && typeof choice === 'object' ? choice : previousPeriod({ ...period, kind: choice ?? 'custom' });
  return { from: p.from, to: p.to };
}
