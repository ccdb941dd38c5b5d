import type { Command } from '../define.js';
import { laporan } from './laporan.js';
import { rekap } from './rekap.js';

/** Recap and report commands (/rekap, /laporan). */
export const recapCommands: Command[] = [rekap, laporan];
