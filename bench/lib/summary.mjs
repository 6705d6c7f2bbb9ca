// A benchmark's samples summed up: median, p10, p90, min, max, the count,
// and the batch (calls per sample). The in-page benchmark's one summary
// (bench/page.js, bench/team.js).

export function summarize(samples, batch = 1) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.max(0, Math.round(p * (s.length - 1))))];
  return { median: q(0.5), p10: q(0.1), p90: q(0.9), min: s[0], max: s[s.length - 1], n: s.length, batch };
}
