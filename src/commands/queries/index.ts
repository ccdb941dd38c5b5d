import type { Command } from '../define.js';

/** Look-up commands (status, lists). */
export const queryCommands: Command[] = [];
