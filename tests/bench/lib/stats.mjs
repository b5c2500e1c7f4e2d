// Nearest-rank percentiles. Infinity stands for "never arrived": it sorts last, so a percentile
// that falls among the missing comes out as null (shown as "undelivered"), never as a flattering figure.
export function percentiles(values) {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const undelivered = n - sorted.findLastIndex(Number.isFinite) - 1;
  if (n === 0) return { count: 0, undelivered, p50: null, p90: null, p99: null, max: null };
  const at = (q) => round(sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))]);
  return { count: n - undelivered, undelivered, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1) };
}

export const round = (x, digits = 1) => (x == null || !Number.isFinite(x) ? null : Number(x.toFixed(digits)));
