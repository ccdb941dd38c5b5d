import type { Command } from '../define.js';
import { balas } from './balas.js';
import { cari } from './cari.js';
import { irStatus } from './ir.js';
import { jadikanLaporan } from './jadikan-laporan.js';
import { pic } from './pic.js';
import { selesaiIr } from './selesai-ir.js';
import { tanya } from './tanya.js';
import { tanyaLagi } from './tanya-lagi.js';

/** Information-request commands (/tanya, /balas, /pic, /cari …), in the order /bantuan lists them. */
export const infoCommands: Command[] = [tanya, balas, tanyaLagi, selesaiIr, irStatus, cari, pic, jadikanLaporan];
