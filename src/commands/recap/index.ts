import type { Command } from '../define.js';

/** Recap and report commands (/rekap, /laporan). */
export const recapCommands: Command[] = [];
