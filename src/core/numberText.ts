// Thousands separators without Intl: the first toLocaleString() in a process loads ICU's number
// data (about 25 ms), which the status bar paid on the extension host's thread at activation.
// Deep Dive writes numbers one way everywhere (en-US grouping), so a regex does it.

/** `12345` → `12,345`; non-integers keep their fraction. */
export function groupDigits(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const [int, frac] = String(Math.abs(n)).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 ? '-' : ''}${grouped}${frac !== undefined ? `.${frac}` : ''}`;
}
