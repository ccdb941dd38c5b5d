/**
 * The recap chart: one horizontal stacked bar per unit (status counts in LAPOR!'s colours of
 * urgency), a legend and an Indonesian title, drawn as SVG and turned into PNG by resvg with the
 * bundled DejaVu Sans (assets/fonts; the machine's own fonts are never used, so the picture is the
 * same everywhere).
 */
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import { STATUS_KEYS, type StatusKey } from './types.js';

export interface ChartBar {
  label: string;
  counts: Record<StatusKey, number>;
}

export interface ChartInput {
  title: string;
  subtitle?: string;
  bars: ChartBar[];
}

export const STATUS_STYLE: Record<StatusKey, { label: string; colour: string }> = {
  belumTerverifikasi: { label: 'Belum Terverifikasi', colour: '#9e9e9e' },
  belumDitindaklanjuti: { label: 'Belum Ditindaklanjuti', colour: '#e53935' },
  proses: { label: 'Proses', colour: '#fb8c00' },
  selesai: { label: 'Selesai', colour: '#43a047' },
  tunda: { label: 'Tunda', colour: '#8e24aa' },
  arsip: { label: 'Arsip', colour: '#546e7a' },
};

export const CHART_WIDTH = 1000;
const LABEL_W = 230;
const RIGHT = 70;
const TOP = 128;
const BAR_H = 26;
const BAR_GAP = 12;
const BOTTOM = 56;
const FONT = 'DejaVu Sans';

/** Height of the chart for `bars` bars (at least room for one). */
export function chartHeight(bars: number): number {
  return TOP + Math.max(1, bars) * (BAR_H + BAR_GAP) + BOTTOM;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const cut = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** A round axis step giving about five ticks. */
function step(max: number): number {
  const raw = max / 5;
  const pow = 10 ** Math.floor(Math.log10(Math.max(1, raw)));
  return [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow;
}

const text = (x: number, y: number, body: string, attrs = ''): string =>
  `<text x="${x}" y="${y}" font-family="${FONT}" ${attrs}>${esc(body)}</text>`;

export function recapChartSvg(input: ChartInput): string {
  const height = chartHeight(input.bars.length);
  const plotW = CHART_WIDTH - LABEL_W - RIGHT;
  const totals = input.bars.map((b) => STATUS_KEYS.reduce((n, k) => n + b.counts[k], 0));
  const s = step(Math.max(1, ...totals));
  const axisMax = Math.ceil(Math.max(1, ...totals) / s) * s;
  const x = (v: number): number => LABEL_W + (v / axisMax) * plotW;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${height}" viewBox="0 0 ${CHART_WIDTH} ${height}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    text(24, 38, cut(input.title, 70), 'font-size="22" font-weight="bold" fill="#212121"'),
  ];
  if (input.subtitle) out.push(text(24, 64, cut(input.subtitle, 100), 'font-size="14" fill="#616161"'));
  let lx = 24;
  for (const k of STATUS_KEYS) {
    const { label, colour } = STATUS_STYLE[k];
    out.push(`<rect x="${lx}" y="84" width="14" height="14" fill="${colour}"/>`, text(lx + 20, 96, label, 'font-size="13" fill="#424242"'));
    lx += 28 + label.length * 8;
  }
  const plotBottom = TOP + Math.max(1, input.bars.length) * (BAR_H + BAR_GAP);
  for (let v = 0; v <= axisMax; v += s) {
    out.push(`<line x1="${x(v)}" y1="${TOP - 8}" x2="${x(v)}" y2="${plotBottom}" stroke="#e0e0e0" stroke-width="1"/>`);
    out.push(text(x(v), plotBottom + 20, String(v), 'font-size="12" fill="#757575" text-anchor="middle"'));
  }
  if (input.bars.length === 0 || totals.every((t) => t === 0)) {
    out.push(text(LABEL_W, TOP + 18, 'Tidak ada laporan pada periode ini', 'font-size="15" fill="#757575"'));
  }
  input.bars.forEach((bar, i) => {
    const y = TOP + i * (BAR_H + BAR_GAP);
    out.push(text(LABEL_W - 12, y + BAR_H / 2 + 5, cut(bar.label, 26), 'font-size="14" fill="#212121" text-anchor="end"'));
    let from = 0;
    for (const k of STATUS_KEYS) {
      const n = bar.counts[k];
      if (n <= 0) continue;
      const x0 = x(from);
      const w = x(from + n) - x0;
      out.push(`<rect x="${x0.toFixed(2)}" y="${y}" width="${w.toFixed(2)}" height="${BAR_H}" fill="${STATUS_STYLE[k].colour}"/>`);
      if (w >= 9 * String(n).length + 8) out.push(text(x0 + w / 2, y + BAR_H / 2 + 5, String(n), 'font-size="13" fill="#ffffff" text-anchor="middle" font-weight="bold"'));
      from += n;
    }
    out.push(text(x(from) + 8, y + BAR_H / 2 + 5, String(totals[i]), 'font-size="13" fill="#212121"'));
  });
  out.push(text(CHART_WIDTH - 24, height - 12, 'Jumlah laporan yang diterima pada periode, menurut status saat ini', 'font-size="11" fill="#9e9e9e" text-anchor="end"'));
  out.push('</svg>');
  return out.join('\n');
}

const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => fileURLToPath(new URL(`../../assets/fonts/${f}`, import.meta.url)));

/** PNG bytes of an SVG, rendered with the bundled font only. */
export function svgToPng(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT },
    background: '#ffffff',
  });
  return resvg.render().asPng();
}

/** The recap chart as PNG. */
export function recapChartPng(input: ChartInput): Buffer {
  return svgToPng(recapChartSvg(input));
}
