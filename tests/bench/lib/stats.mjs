// Nearest-rank percentiles.
export function percentiles(values) {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n === 0) return { count: 0, p50: null, p90: null, p99: null, max: null };
  const at = (q) => round(sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))]);
  return { count: n, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: round(sorted[n - 1]) };
}

export const round = (x, digits = 1) => (x == null || Number.isNaN(x) ? null : Number(x.toFixed(digits)));
