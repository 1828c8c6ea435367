/**
 * Rough in-memory size of a cached provider answer, for byte-bounded LRU caches. Counts the big
 * arrays answers carry (bars, option contracts, events) by element and everything else by its JSON
 * length; never throws (an unserialisable value counts as 1 KB).
 */
const PER_ELEMENT: Record<string, number> = { bars: 120, contracts: 400, events: 200, expirations: 40 };

export function approxBytes(value: unknown): number {
  if (value === null || typeof value !== 'object') return 64;
  let bytes = 256;
  // free-form: any cached JSON value, walked to estimate its size
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (Array.isArray(v) && PER_ELEMENT[k] !== undefined) bytes += v.length * PER_ELEMENT[k];
    else if (v !== null && typeof v === 'object') {
      try {
        bytes += 2 * (JSON.stringify(v)?.length ?? 0);
      } catch {
        bytes += 1024;
      }
    } else bytes += 32 + (typeof v === 'string' ? 2 * v.length : 8);
  }
  return bytes;
}
