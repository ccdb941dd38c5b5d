/**
 * The shapes the recap engine returns. Field names follow LAPOR!'s "Rekapitulasi Kinerja"
 * columns (DOMAIN.md "The recap") so the CLI JSON, the chat text, the chart and the quarterly
 * workbook all speak of the same numbers.
 */
import type { LocalDate } from '../domain/types.js';

/** The LAPOR! recap columns. Means are null when nothing in the period has the measure. */
export interface RecapFigures {
  belumTerverifikasi: number;
  belumDitindaklanjuti: number;
  proses: number;
  selesai: number;
  tunda: number;
  arsip: number;
  /** Belum Terverifikasi + Belum Ditindaklanjuti + Proses + Selesai ("tanpa Arsip dan Tunda"). */
  total: number;
  /** (Proses + Selesai) / Total × 100, rounded half up to one decimal; null when Total is 0. */
  persenTL: number | null;
  /** Mean calendar days from receipt to the first response (one decimal). */
  rtl: number | null;
  /** Mean rating 1–5 (two decimals, as LAPOR! prints it). */
  rhp: number | null;
  /** Mean calendar days from receipt to verification (one decimal). */
  rv: number | null;
}

/** The figure keys in LAPOR!'s column order (CLI JSON, workbook columns). */
export const FIGURE_KEYS = [
  'belumTerverifikasi', 'belumDitindaklanjuti', 'proses', 'selesai', 'tunda', 'arsip',
  'total', 'persenTL', 'rtl', 'rhp', 'rv',
] as const satisfies readonly (keyof RecapFigures)[];

/** The six status counts, in LAPOR!'s order. */
export const STATUS_KEYS = ['belumTerverifikasi', 'belumDitindaklanjuti', 'proses', 'selesai', 'tunda', 'arsip'] as const;
export type StatusKey = (typeof STATUS_KEYS)[number];

export interface TopicCount {
  topic: string;
  count: number;
}

export interface UnitRecap extends RecapFigures {
  id: string;
  code: string;
  name: string;
  /** Open reports of the unit past their deadline at `asOf` (whenever they were received). */
  overdue: number;
  topTopics: TopicCount[];
}

/** "Laju verifikasi" of one verifier (an Admin Instansi, or the import when nobody is recorded). */
export interface VerifierRate {
  /** Person id, or null when the verification was recorded without a person (import, API). */
  personId: string | null;
  name: string;
  withinThreeDays: number;
  afterThreeDays: number;
  /** Mean calendar days from receipt to verification, one decimal. */
  meanDays: number | null;
}

export interface VerificationPace {
  count: number;
  withinThreeDays: number;
  afterThreeDays: number;
  meanDays: number | null;
  byVerifier: VerifierRate[];
}

/** An inclusive span of office-local calendar days. */
export interface Period {
  from: LocalDate;
  to: LocalDate;
}

export interface PreviousRecap extends RecapFigures {
  period: Period;
  /** Figures per unit id. */
  units: Record<string, RecapFigures>;
}

export interface Recap extends RecapFigures {
  period: Period;
  timeZone: string;
  /** Every report received in the period, Tunda and Arsip included. */
  received: number;
  /** Open reports past their deadline at `asOf` in the scope. */
  overdue: number;
  asOf: Date;
  topTopics: TopicCount[];
  verification: VerificationPace;
  units: UnitRecap[];
  /** The period before, for trends; null when not asked for. */
  previous: PreviousRecap | null;
}
