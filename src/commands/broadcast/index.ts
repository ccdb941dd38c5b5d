import type { Command } from '../define.js';
import { announce, schedule } from './announce.js';
import { listScheduled, send, unschedule } from './manage.js';

/** Broadcast commands (/umumkan, /jadwalkan, /jadwal, /kirim, /batal-jadwal). */
export const broadcastCommands: Command[] = [announce, schedule, send, listScheduled, unschedule];
