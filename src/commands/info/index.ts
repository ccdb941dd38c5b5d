import type { Command } from '../define.js';

/** Information-request commands (/tanya, /balas, /pic, /cari …). */
export const infoCommands: Command[] = [];
