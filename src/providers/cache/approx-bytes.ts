/**
 * Rough in-memory size of a cached value, for byte-bounded LRU caches. It runs on every cache write,
 * so it walks the value instead of serialising it: the big arrays answers carry (bars, option
 * contracts, events) count by element, other arrays by the mean of a few sampled elements times their
 * length, objects by their keys and values, at most 6 levels deep. Never throws (cycles and odd values
 * count as a fixed size).
 */
const PER_ELEMENT: Record<string, number> = { bars: 120, contracts: 400, events: 200, expirations: 40 };
const MAX_DEPTH = 6;
/** Elements sampled from an array longer than this (first, quarter, middle, three quarters, last). */
const SAMPLE_ABOVE = 8;

function sizeOf(v: unknown, depth: number): number {
  switch (typeof v) {
    case 'number':
    case 'boolean':
    case 'undefined':
      return 8;
    case 'string':
      return 16 + 2 * v.length;
    case 'object':
      break;
    default:
      return 32;
  }
  if (v === null) return 8;
  if (depth >= MAX_DEPTH) return 256;
  if (Array.isArray(v)) {
    const n = v.length;
    if (n <= SAMPLE_ABOVE) {
      let bytes = 16 + 8 * n;
      for (let i = 0; i < n; i++) bytes += sizeOf(v[i], depth + 1);
      return bytes;
    }
    const picks = [0, n >> 2, n >> 1, (3 * n) >> 2, n - 1];
    let sampled = 0;
    for (const i of picks) sampled += sizeOf(v[i], depth + 1);
    return 16 + 8 * n + Math.round((sampled / picks.length) * n);
  }
  if (ArrayBuffer.isView(v)) return 64 + v.byteLength;
  let bytes = 32;
  for (const k in v as Record<string, unknown>) {
    if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
    const x = (v as Record<string, unknown>)[k];
    bytes += 16 + 2 * k.length;
    bytes += Array.isArray(x) && depth === 0 && PER_ELEMENT[k] !== undefined ? x.length * PER_ELEMENT[k] : sizeOf(x, depth + 1);
  }
  return bytes;
}

export function approxBytes(value: unknown): number {
  if (value === null || typeof value !== 'object') return 64;
  try {
    return 256 + sizeOf(value, 0);
  } catch {
    return 1024; // a getter that throws
  }
}
