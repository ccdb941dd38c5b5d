import type { Command } from '../define.js';

/** AI assistance commands (/draf …). */
export const aiCommands: Command[] = [];
