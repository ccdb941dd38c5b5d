import { describe, expect, it } from 'vitest';
import { parseTambah } from '../../src/commands/info/pic.js';

describe('/pic tambah arguments', () => {
  it.each([
    ['BKN-PENSIUN @dedi', { unitCode: 'BKN-PENSIUN', personRef: '@dedi', topic: null, officeHours: null }],
    ['BKN-PENSIUN @dedi Pensiun janda', { unitCode: 'BKN-PENSIUN', personRef: '@dedi', topic: 'Pensiun janda', officeHours: null }],
    ['bkn-pensiun "Dedi Kurniawan" Taspen Sen-Jum 08.00-16.00', { unitCode: 'bkn-pensiun', personRef: 'Dedi Kurniawan', topic: 'Taspen', officeHours: 'Sen-Jum 08.00-16.00' }],
    ['X 0812-3456-7890 "CPNS/PPPK" 08:00–15:30 WITA', { unitCode: 'X', personRef: '0812-3456-7890', topic: 'CPNS/PPPK', officeHours: '08:00–15:30 WITA' }],
    ['X “Sari Dewi” 07.30-16.00', { unitCode: 'X', personRef: 'Sari Dewi', topic: null, officeHours: '07.30-16.00' }],
    ['X eka LAPOR! teknis Senin-Kamis 08.00-16.00 WIB', { unitCode: 'X', personRef: 'eka', topic: 'LAPOR! teknis', officeHours: 'Senin-Kamis 08.00-16.00 WIB' }],
  ])('%s', (text, expected) => {
    expect(parseTambah(text)).toEqual(expected);
  });

  it('asks for a person when only the unit is given', () => {
    expect(() => parseTambah('BKN-PENSIUN')).toThrow(/INVALID_ARGS/);
    expect(() => parseTambah('')).toThrow(/INVALID_ARGS/);
  });
});
