import type { Command } from '../define.js';

/** Broadcast commands (/umumkan, /jadwalkan, /jadwal, /batal-jadwal). */
export const broadcastCommands: Command[] = [];
