import type { Command } from '../define.js';
import { draf } from './draf.js';

/** AI assistance commands (/draf …). */
export const aiCommands: Command[] = [draf];
