/**
 * Button callback data: `v1:<action>:<report uuid>` (at most 64 bytes, Telegram's limit). The
 * version prefix lets a future format refuse old buttons politely instead of misreading them.
 */
import type { Button } from '../lib/message.js';

export const CALLBACK_VERSION = 'v1';
export const BUTTON_ACTIONS = ['claim', 'respond', 'follow_up', 'close', 'bounce', 'status', 'approve', 'reject', 'dispose', 'archive_dup', 'answer_as', 'cancel', 'ir_answer', 'ir_pick', 'ir_close', 'bc_send', 'bc_cancel'] as const;
export type ButtonAction = (typeof BUTTON_ACTIONS)[number];

const SHORT: Record<ButtonAction, string> = {
  claim: 'c', respond: 'r', follow_up: 'f', close: 'x', bounce: 'b', status: 's', approve: 'ok', reject: 'no', dispose: 'd', archive_dup: 'ad', answer_as: 'aa', cancel: 'cc',
  // Information requests (src/info/interactions.ts): subject = request uuid, or a unit uuid for ir_pick.
  ir_answer: 'ia', ir_pick: 'ip', ir_close: 'ic',
  // Broadcast confirmation (src/commands/broadcast): subject = broadcast uuid.
  bc_send: 'bs', bc_cancel: 'bx',
};
const LONG = new Map(Object.entries(SHORT).map(([k, v]) => [v, k as ButtonAction]));

export function encodeCallback(action: ButtonAction, subject: string): string {
  const data = `${CALLBACK_VERSION}:${SHORT[action]}:${subject}`;
  if (Buffer.byteLength(data) > 64) throw new Error(`callback data over 64 bytes: ${data}`);
  return data;
}

/** Parse callback data; null for unknown or stale formats. */
export function decodeCallback(data: string): { action: ButtonAction; subject: string } | null {
  const m = /^v1:([a-z]{1,2}):(.{1,58})$/.exec(data);
  const action = m ? LONG.get(m[1]!) : undefined;
  return m && action ? { action, subject: m[2]! } : null;
}

export function reportButton(label: string, action: ButtonAction, reportId: string): Button {
  return { label, data: encodeCallback(action, reportId) };
}
