// Exact arithmetic on the decimal strings of a statement ("16500.00",
// "-1000.00", "0.985"): just enough to compute deltas and compare ratios
// without floating point. A value is { int: BigInt, scale: number } meaning
// int / 10^scale.

const DECIMAL = /^([+-])?(\d+)(?:\.(\d*))?$/;

/** Parses a decimal string (or a finite number); null when it isn't one. */
export function parse(value) {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return null;
    value = String(value);
    if (/e/i.test(value)) return null;
  }
  if (typeof value !== "string") return null;
  const m = DECIMAL.exec(value.trim());
  if (!m) return null;
  const frac = m[3] ?? "";
  let int = BigInt(m[2] + frac);
  if (m[1] === "-") int = -int;
  return { int, scale: frac.length };
}

function align(a, b) {
  const scale = Math.max(a.scale, b.scale);
  return [
    a.int * 10n ** BigInt(scale - a.scale),
    b.int * 10n ** BigInt(scale - b.scale),
    scale,
  ];
}

/** Formats { int, scale } back to a plain decimal string. */
export function format({ int, scale }) {
  const negative = int < 0n;
  let digits = (negative ? -int : int).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, "0");
    digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  }
  return negative ? `-${digits}` : digits;
}

/** a − b as a decimal string at the larger scale of the two ("2200.00"). */
export function subtract(a, b) {
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return null;
  const [i, j, scale] = align(x, y);
  return format({ int: i - j, scale });
}

/** a + b as a decimal string at the larger scale of the two. */
export function add(a, b) {
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return null;
  const [i, j, scale] = align(x, y);
  return format({ int: i + j, scale });
}

/** −1, 0 or 1; NaN when either side isn't a decimal. */
export function compare(a, b) {
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return NaN;
  const [i, j] = align(x, y);
  return i < j ? -1 : i > j ? 1 : 0;
}

/** The sign of a decimal string: −1, 0 or 1 (NaN when it isn't one). */
export function sign(a) {
  return compare(a, "0");
}

/** For drawing only (positions on a chart), never for money. */
export function toNumber(a) {
  const n = typeof a === "number" ? a : Number(a);
  return Number.isFinite(n) ? n : 0;
}

/** The decimal string without trailing zeros after the point ("0.200" → "0.2", "5.00" → "5"). */
export function trim(a) {
  const s = typeof a === "string" ? a : parse(a) ? format(parse(a)) : null;
  if (s === null || !s.includes(".")) return s;
  return s.replace(/0+$/, "").replace(/\.$/, "");
}

/** a × 10^−n ("20", 2 → "0.20": a percentage as a fraction; "0.1", −2 → "10"). */
export function shift(a, n) {
  const x = parse(a);
  if (!x) return null;
  const scale = x.scale + n;
  // A negative n multiplies: "0.1", −2 → "10" (not "1").
  return scale >= 0 ? format({ int: x.int, scale }) : format({ int: x.int * 10n ** BigInt(-scale), scale: 0 });
}

/** a ÷ b cut toward zero to `places` decimals; null when b is 0 or either isn't a decimal. */
export function divide(a, b, places = 12) {
  const x = parse(a);
  const y = parse(b);
  if (!x || !y || y.int === 0n) return null;
  // (X / 10^sx) / (Y / 10^sy) = X · 10^sy / (Y · 10^sx)
  const num = x.int * 10n ** BigInt(y.scale + places);
  const den = y.int * 10n ** BigInt(x.scale);
  return format({ int: num / den, scale: places });
}
