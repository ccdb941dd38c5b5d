import type { Command } from '../define.js';
import { list } from './daftar.js';
import { mine } from './saya.js';
import { status } from './status.js';
import { overdue } from './terlambat.js';
import { units } from './unit.js';

/** Look-up commands (status, lists), in the order /bantuan shows them. */
export const queryCommands: Command[] = [status, mine, overdue, list, units];
