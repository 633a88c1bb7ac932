// Sizes in binary units, times as ages with the exact time kept for the hover title.

const UNITS = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return '-';
  if (n < 1024) return `${n} ${n === 1 ? 'byte' : 'bytes'}`;
  let v = n;
  let i = 0;
  while (v >= 1024 && i < UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)} ${UNITS[i]}`;
}

export function formatAge(iso: string, now: number = Date.now()): string {
  const ms = now - Date.parse(iso);
  const s = Math.floor(Math.abs(ms) / 1000);
  if (s < 45) return 'just now';
  const steps: [number, string][] = [
    [60, 'minute'],
    [3600, 'hour'],
    [86400, 'day'],
    [2_592_000, 'month'],
    [31_536_000, 'year'],
  ];
  let unit = 'second';
  let size = 1;
  for (const [sec, name] of steps) if (s >= sec * 0.75) [size, unit] = [sec, name];
  const n = Math.max(1, Math.round(s / size));
  const span = `${n} ${unit}${n === 1 ? '' : 's'}`;
  return ms < 0 ? `in ${span}` : `${span} ago`;
}

export function exactTime(iso: string): string {
  const d = new Date(iso);
  return `${d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'long' })} (${d.toISOString()})`;
}

/** Two decimals, or two significant digits for the fractions of a cent that parts often cost. */
export function formatMoney(amount: number, currency: string): string {
  const tiny = amount !== 0 && Math.abs(amount) < 0.01;
  const options: Intl.NumberFormatOptions = tiny
    ? { style: 'currency', currency, maximumSignificantDigits: 2 }
    : { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 };
  try {
    return new Intl.NumberFormat('en-US', options).format(amount);
  } catch {
    return `${tiny ? amount.toPrecision(2) : amount.toFixed(2)} ${currency}`;
  }
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '-';
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function plural(n: number, word: string): string {
  return `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;
}
