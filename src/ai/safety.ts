/**
 * What makes a text safe to send to a model: personal data masked by the shared PII module, and
 * the text fenced as data between delimiters it cannot forge (any delimiter-like sequence inside
 * is removed first), so "ignore the instructions above" inside a report stays report text.
 */
import { mask } from '../lib/pii.js';

export const OPEN = '<<<LAPORAN';
export const CLOSE = 'LAPORAN>>>';

/**
 * Remove every angle bracket (and look-alikes): without them no text can open or close a block.
 * Reports have no use for them.
 */
export function stripDelimiters(text: string): string {
  return text.replace(/[<>«»‹›＜＞〈〉]/g, ' ');
}

/** Mask personal data (reporter names included) before a text leaves for the model. */
export function maskForModel(text: string, knownNames: readonly (string | null | undefined)[] = []): string {
  const names = knownNames.filter((n): n is string => typeof n === 'string' && n.trim() !== '');
  return mask(text, { knownNames: names });
}

/** A masked text inside its delimited block, ready to fill a prompt variable. */
export function dataBlock(text: string, knownNames: readonly (string | null | undefined)[] = [], label = 'LAPORAN'): string {
  const open = label === 'LAPORAN' ? OPEN : `<<<${label}`;
  const close = label === 'LAPORAN' ? CLOSE : `${label}>>>`;
  return `${open}\n${stripDelimiters(maskForModel(text, knownNames)).trim()}\n${close}`;
}
