/** Small helpers commands share. */
import { fail } from '../domain/errors.js';
import type { ReportKey } from '../services/apply-report-action.js';
import type { CommandContext } from './define.js';

/** The agency a command acts in, or a clear refusal when the chat is not bound to any. */
export function agencyOf(ctx: CommandContext<unknown>): string {
  return ctx.agencyId ?? fail('CHAT_NOT_FOUND');
}

/** A report of this chat's agency by tracking id. */
export function reportKey(ctx: CommandContext<unknown>, tracking: string): ReportKey {
  return { agencyId: agencyOf(ctx), trackingId: tracking };
}
