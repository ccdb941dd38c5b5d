/**
 * Who is reminded of an unanswered information request, and when next (pure). The ladder climbs
 * PIC → unit chat → Admin Instansi, one rung per step of working hours after the first-response
 * target passed; after the top rung the unit and the admin are reminded once a working day until
 * someone answers (no silent stop, DOMAIN.md code of ethics).
 */

export type NudgeAudience = 'pic' | 'unit' | 'admin';

export interface LadderOptions {
  /** The request has a PIC in the directory; without one the ladder starts at the unit chat. */
  hasPic: boolean;
  /** Working minutes between rungs (default: the first-response target). */
  stepMinutes: number;
  /** Working minutes between the repeated reminders after the top rung (default one office day). */
  repeatMinutes: number;
}

export interface NudgeStep {
  audiences: NudgeAudience[];
  /** Working minutes after this nudge until the next one. */
  nextInMinutes: number;
  /** True for the repeating reminders after the ladder's top. */
  repeat: boolean;
}

/** The nudge for `stage` (0 = nothing sent yet). nudgeStep(0, …) → PIC; nudgeStep(2, …) → admin. */
export function nudgeStep(stage: number, opts: LadderOptions): NudgeStep {
  const ladder: NudgeAudience[] = opts.hasPic ? ['pic', 'unit', 'admin'] : ['unit', 'admin'];
  const rung = ladder[stage];
  if (rung) return { audiences: [rung], nextInMinutes: stage + 1 < ladder.length ? opts.stepMinutes : opts.repeatMinutes, repeat: false };
  return { audiences: ['unit', 'admin'], nextInMinutes: opts.repeatMinutes, repeat: true };
}
