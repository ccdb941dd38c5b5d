/**
 * Information-request settings: the first-response target in working hours, the office day and
 * the nudge rhythm. Process defaults come from configuration (`configureInfoRequests`, called
 * once at start-up); an agency may override the target in `agency.settings.infoFirstResponseHours`.
 */
import { DEFAULT_WORKING_HOURS, type WorkingHours } from '../domain/working-hours.js';
import type { Tx } from '../services/report-row.js';

/** Default first-response target: 4 working hours (env INFO_FIRST_RESPONSE_HOURS). */
export const DEFAULT_FIRST_RESPONSE_HOURS = 4;
/** Repeated reminders after the ladder's top: once per office day. */
export const DEFAULT_REPEAT_HOURS = 8;

export interface InfoSettings {
  firstResponseHours: number;
  workingHours: WorkingHours;
  /** Working hours between nudge rungs; default = firstResponseHours. */
  nudgeStepHours?: number;
  repeatHours: number;
}

let defaults: InfoSettings = { firstResponseHours: DEFAULT_FIRST_RESPONSE_HOURS, workingHours: DEFAULT_WORKING_HOURS, repeatHours: DEFAULT_REPEAT_HOURS };

/** Set the process-wide defaults (main.ts / CLI start-up). Omitted fields keep their defaults. */
export function configureInfoRequests(s: Partial<InfoSettings>): void {
  if (s.firstResponseHours !== undefined && !(s.firstResponseHours > 0 && s.firstResponseHours <= 80)) {
    throw new Error(`INFO_FIRST_RESPONSE_HOURS must be between 0 and 80 working hours (got ${s.firstResponseHours})`);
  }
  defaults = { ...defaults, ...s };
}

export function infoDefaults(): InfoSettings {
  return defaults;
}

/** The settings for one agency: the process defaults with the agency's own target, if set. */
export async function infoSettingsFor(db: Pick<Tx, 'agency'>, agencyId: string): Promise<InfoSettings> {
  const agency = await db.agency.findUnique({ where: { id: agencyId }, select: { settings: true } });
  const own = (agency?.settings as Record<string, unknown> | null)?.infoFirstResponseHours;
  const hours = typeof own === 'number' && own > 0 && own <= 80 ? own : defaults.firstResponseHours;
  return { ...defaults, firstResponseHours: hours };
}

/** Working minutes between nudge rungs. */
export function stepMinutes(s: InfoSettings): number {
  return Math.round((s.nudgeStepHours ?? s.firstResponseHours) * 60);
}
