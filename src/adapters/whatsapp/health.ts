/** The WhatsApp connection's state, for /healthz and the log. */

export type WaState =
  | 'starting'
  | 'authenticated'
  | 'ready'
  | 'reconnecting'
  | 'needs_login'
  | 'logged_out'
  | 'auth_failure'
  | 'banned'
  | 'stopped';

/** States without an automatic way back: a person must act (log in again, restart). */
export const TERMINAL_STATES: ReadonlySet<WaState> = new Set<WaState>(['needs_login', 'logged_out', 'auth_failure', 'banned', 'stopped']);

export interface WaHealth {
  name: 'whatsapp';
  /** True only when connected and ready to send. */
  ok: boolean;
  state: WaState;
  /** When this state began (ISO 8601). */
  since: string;
  /** Why (a disconnect reason, an error), never message content. */
  detail?: string;
  /** Restarts of the client since the process started. */
  reconnects: number;
}

let source: (() => WaHealth) | null = null;

/** Called by startWhatsApp. */
export function setWhatsappHealthSource(fn: (() => WaHealth) | null): void {
  source = fn;
}

/** The running adapter's state, or null when WhatsApp is not enabled in this process. */
export function whatsappHealth(): WaHealth | null {
  return source ? source() : null;
}
