/** Indonesian phone numbers to E.164: `0812-3456-7890` → `+6281234567890`. Null when not a number. */
export function normalizePhone(input: string): string | null {
  const digits = input.replace(/[\s\-().]/g, '');
  let d: string;
  if (/^\+\d+$/.test(digits)) d = digits.slice(1);
  else if (/^0\d+$/.test(digits)) d = `62${digits.slice(1)}`;
  else if (/^\d+$/.test(digits)) d = digits;
  else return null;
  if (d.startsWith('620')) d = `62${d.slice(3)}`;
  return d.length >= 9 && d.length <= 15 ? `+${d}` : null;
}
