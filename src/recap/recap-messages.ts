/**
 * A recap as chat messages: the text, then the chart as a PNG document (a separate message,
 * since Telegram cuts a document's caption at 1024 characters). Shared by /rekap and the weekly job.
 */
import type { InfoRequestStats } from '../info/stats.js';
import type { OutMessage } from '../lib/message.js';
import { recapChartPng, type ChartBar } from './chart.js';
import { EMPTY } from './compute-recap.js';
import { periodLabel, renderRecapText, spanLabel, type RecapView } from './render-text.js';
import type { RecapPeriod } from './period.js';
import { STATUS_KEYS, type Recap, type RecapFigures, type StatusKey, type UnitRecap } from './types.js';

export interface Heading {
  /** Agency or unit code, used in the file name. */
  code: string;
  name: string;
  period: RecapPeriod;
  previousPeriod: RecapPeriod | null;
  /** Information requests of the same scope and period (`infoStatsForPeriod`); none shown when absent. */
  info?: InfoRequestStats | null;
}

const counts = (f: RecapFigures): Record<StatusKey, number> =>
  Object.fromEntries(STATUS_KEYS.map((k) => [k, f[k]])) as Record<StatusKey, number>;
const received = (f: RecapFigures): number => STATUS_KEYS.reduce((n, k) => n + f[k], 0);
const active = (u: UnitRecap): boolean => received(u) > 0 || u.overdue > 0;

/** The whole scope (agency, or a unit with sub-units): units with activity are listed and charted. */
export function scopeView(recap: Recap, h: Heading): RecapView {
  return {
    title: `${h.code} — ${h.name}`,
    period: h.period,
    previousPeriod: recap.previous ? h.previousPeriod : null,
    figures: recap,
    previous: recap.previous,
    overdue: recap.overdue,
    topTopics: recap.topTopics,
    verification: recap.verification,
    units: recap.units.length > 1 ? recap.units.filter(active) : [],
    info: h.info ?? null,
  };
}

/** One unit out of an agency recap (the weekly message to a unit chat). */
export function unitView(recap: Recap, unit: UnitRecap, h: Heading): RecapView {
  return {
    title: `${unit.code} — ${unit.name}`,
    period: h.period,
    previousPeriod: recap.previous ? h.previousPeriod : null,
    figures: unit,
    previous: recap.previous ? (recap.previous.units[unit.id] ?? EMPTY) : null,
    overdue: unit.overdue,
    topTopics: unit.topTopics,
    info: h.info ?? null,
  };
}

/** Bars for the chart: per unit, plus the reports not at any unit (waiting for the Admin Instansi). */
export function scopeBars(recap: Recap): ChartBar[] {
  const bars = recap.units.filter((u) => received(u) > 0).map((u) => ({ label: u.code, counts: counts(u) }));
  const atUnits = Object.fromEntries(STATUS_KEYS.map((k) => [k, recap.units.reduce((n, u) => n + u[k], 0)])) as Record<StatusKey, number>;
  const rest = Object.fromEntries(STATUS_KEYS.map((k) => [k, Math.max(0, recap[k] - atUnits[k])])) as Record<StatusKey, number>;
  if (STATUS_KEYS.some((k) => rest[k] > 0)) bars.push({ label: '(belum di unit)', counts: rest });
  return bars;
}

/** Bars for one unit: the previous period next to this one. */
export function unitBars(view: RecapView): ChartBar[] {
  const bars: ChartBar[] = [];
  if (view.previous && view.previousPeriod) bars.push({ label: spanLabel(view.previousPeriod.from, view.previousPeriod.to), counts: counts(view.previous) });
  bars.push({ label: spanLabel(view.period.from, view.period.to), counts: counts(view.figures) });
  return bars;
}

/** Text message, then the chart (left out when there is nothing to draw). */
export function recapMessages(view: RecapView, bars: ChartBar[], fileStem: string): OutMessage[] {
  const out: OutMessage[] = [{ text: renderRecapText(view) }];
  if (bars.some((b) => STATUS_KEYS.some((k) => b.counts[k] > 0))) {
    const png = recapChartPng({ title: `Rekapitulasi Kinerja — ${view.title}`, subtitle: `${periodLabel(view.period)} · laporan per status`, bars });
    out.push({
      text: `📈 Grafik rekap ${periodLabel(view.period)}`,
      document: { filename: `rekap-${fileStem}-${view.period.from}-${view.period.to}.png`, contentBase64: png.toString('base64'), mimeType: 'image/png' },
    });
  }
  return out;
}
