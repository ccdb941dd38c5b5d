/** Indonesian date and number formatting in the office timezone. */
const DAYS = ['Min', 'Sen', 'Sel', 'Rab', 'Kam', 'Jum', 'Sab'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];
const ZONE_ABBR: Record<string, string> = { 'Asia/Jakarta': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };

const partsCache = new Map<string, Intl.DateTimeFormat>();
function parts(at: Date, timeZone: string): Record<string, string> {
  let f = partsCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23' });
    partsCache.set(timeZone, f);
  }
  return Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
}

/** "Sen, 2 Mar 2026" for a LocalDate 'YYYY-MM-DD'. */
export function formatLocalDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${DAYS[dow]}, ${d} ${MONTHS[m - 1]} ${y}`;
}

/** "2 Mar 2026 pukul 09.12 WIB". */
export function formatDateTime(at: Date, timeZone: string): string {
  const p = parts(at, timeZone);
  return `${p.day} ${MONTHS[Number(p.month) - 1]} ${p.year} pukul ${p.hour}.${p.minute} ${ZONE_ABBR[timeZone] ?? timeZone}`;
}

/** "09.12" (same day contexts). */
export function formatTime(at: Date, timeZone: string): string {
  const p = parts(at, timeZone);
  return `${p.hour}.${p.minute}`;
}

/** "5 hari kerja lagi" / "jatuh tempo hari ini" / "terlambat 2 hari kerja". */
export function formatDaysLeft(left: number): string {
  if (left > 0) return `${left} hari kerja lagi`;
  if (left === 0) return 'jatuh tempo hari ini';
  return `terlambat ${-left} hari kerja`;
}

/** Indonesian decimal: 87,5 */
export function formatDecimal(n: number, digits = 1): string {
  return n.toFixed(digits).replace('.', ',');
}
