import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/process.js';

const dir = mkdtempSync(join(tmpdir(), 'penghubung-console-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the console chat after npm start', () => {
  it('lets a newcomer act as the demo admin and officers', async () => {
    const p = spawnCli(['start'], { PGLITE_DIR: join(dir, 'db'), CONSOLE: 'true', LOG_LEVEL: 'warn' });
    await p.waitFor(/\[Ani Admin \(DEMO\) @ Grup Admin Instansi \(DEMO\)\] > /, 150_000);
    const type = async (line: string, expect: RegExp): Promise<void> => {
      p.child.stdin.write(`${line}\n`);
      await p.waitFor(expect, 15_000);
    };
    await type('/daftar verifikasi', /DEMO-1001/);
    await type('/disposisi DEMO-1001 DEMO-DIT-PENGADAAN', /didisposisikan ke DEMO-DIT-PENGADAAN/);
    await p.waitFor(/Grup Penghubung Pengadaan \(DEMO\) · pesan \d+[\s\S]*Laporan #DEMO-1001[\s\S]*Ketik angka: 1 = Ambil/);
    await type(':as budi', /Sekarang Anda adalah Budi Pengadaan \(DEMO\)/);
    await type(':chat grup-pengadaan', /Sekarang di Grup Penghubung Pengadaan/);
    await type('1', /diambil oleh Budi Pengadaan \(DEMO\)/);
    await p.waitFor(/pesan pribadi untuk Budi Pengadaan \(DEMO\)[\s\S]*Laporan #DEMO-1001 \(untuk Anda saja\)/);
    await type('/respon DEMO-1001 Terima kasih, sedang kami periksa.', /Respon awal untuk #DEMO-1001 tercatat/);
    await type('/status DEMO-1001', /Proses/);
    await type(':as gita', /Gita Inspektorat/);
    await type('/ambil DEMO-1006', /hanya untuk Pejabat Penghubung/);
    p.child.stdin.write(':quit\n');
    expect(await p.exited()).toBe(0);
    // The reporter's identity from the demo text never reaches a group post.
    const posts = p.output().split('┌─').filter((block) => block.includes('Grup Penghubung'));
    for (const block of posts) {
      expect(block).not.toContain('Rina Kartika');
      expect(block).not.toContain('0812-3456-7890');
    }
  }, 400_000);
});
