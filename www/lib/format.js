// Locale-aware formatting of a statement's strings. Money and ratios are
// handed to Intl.NumberFormat as strings, which it reads as exact decimals
// (no trip through binary floating point).

import { sign } from "./decimal.js";

const cache = new Map();

function numberFormat(locale, options) {
  const key = JSON.stringify([locale, options]);
  let f = cache.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(locale, options);
    } catch {
      // An invalid locale tag or currency code: fall back, never throw.
      const { currency, ...rest } = options;
      f = currency && !/^[A-Z]{3}$/.test(currency)
        ? new Intl.NumberFormat(undefined, { ...rest, style: "decimal" })
        : new Intl.NumberFormat(undefined, options);
    }
    cache.set(key, f);
  }
  return f;
}

function safeLocale(locale) {
  try {
    return Intl.getCanonicalLocales(locale || [])[0];
  } catch {
    return undefined;
  }
}

const formats = new Map();

/**
 * The formatters of one view: money in `currency` at `scale` places,
 * percentages, multipliers, dates and date ranges in `locale`. Memoized:
 * building Intl formatters costs far more than using them, and a live
 * update re-renders with the same ones (the same object, so views can tell
 * that nothing about formatting changed).
 */
export function makeFormat(locale, currency = "USD", scale = 2) {
  const key = `${locale}\u0000${currency}\u0000${scale}`;
  let made = formats.get(key);
  if (!made) {
    made = buildFormat(locale, currency, scale);
    if (formats.size > 50) formats.clear();
    formats.set(key, made);
  }
  return made;
}

function buildFormat(locale, currency, scale) {
  const loc = safeLocale(locale);
  const money = numberFormat(loc, {
    style: "currency",
    currency,
    minimumFractionDigits: scale,
    maximumFractionDigits: scale,
  });
  const signedMoney = numberFormat(loc, {
    style: "currency",
    currency,
    minimumFractionDigits: scale,
    maximumFractionDigits: scale,
    signDisplay: "exceptZero",
  });
  const wholeMoney = numberFormat(loc, {
    style: "currency",
    currency,
    minimumFractionDigits: 0,
    maximumFractionDigits: 0,
  });
  const compactMoney = numberFormat(loc, {
    style: "currency",
    currency,
    notation: "compact",
    maximumFractionDigits: 1,
  });
  const percent = numberFormat(loc, { style: "percent", maximumFractionDigits: 1 });
  const exactPercent = numberFormat(loc, { style: "percent", maximumFractionDigits: 4 });
  const plain = numberFormat(loc, { maximumFractionDigits: 4 });
  const dates = (() => {
    try {
      return new Intl.DateTimeFormat(loc, { dateStyle: "medium", timeZone: "UTC" });
    } catch {
      return new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" });
    }
  })();
  const toDate = (iso) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso ?? ""));
    return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
  };
  const num = (v) => (v === null || v === undefined || v === "" ? null : String(v));

  return {
    locale: loc,
    currency,
    scale,
    /** "$16,500.00" */
    money: (v) => (num(v) === null ? "—" : money.format(num(v))),
    /** "+$2,200.00", "−$500.00", "$0.00" */
    signedMoney: (v) => (num(v) === null ? "—" : signedMoney.format(num(v))),
    /** "$1.2M" for axis labels */
    /** A round figure (a quota, a target) without its zero cents: "$720,000"; else as money. */
    roundMoney: (v) => (num(v) === null ? "—" : /^-?\d+(\.0*)?$/.test(num(v)) ? wholeMoney.format(num(v)) : money.format(num(v))),
    compactMoney: (v) => (num(v) === null ? "—" : compactMoney.format(num(v))),
    /** "98.5%" from "0.985" */
    percent: (v) => (num(v) === null ? "—" : percent.format(num(v))),
    /** A rate or share to four places of a percent: "1.25%" from "0.0125", "33.3333%" from a third */
    exactPercent: (v) => (num(v) === null ? "—" : exactPercent.format(num(v))),
    /** "0.91" from "0.91" (a metric), grouped as the locale does */
    number: (v) => (num(v) === null ? "—" : plain.format(num(v))),
    /** "×1.5" from "1.5" */
    multiplier: (v) => (num(v) === null ? "—" : `×${plain.format(num(v))}`),
    /** "Jan 1, 2027" from "2027-01-01" */
    date: (iso) => {
      const d = toDate(iso);
      return d ? dates.format(d) : String(iso ?? "");
    },
    /** "Jan 1 – Mar 31, 2027" */
    dateRange: (a, b) => {
      const x = toDate(a);
      const y = toDate(b);
      if (!x || !y) return `${a ?? ""} – ${b ?? ""}`;
      try {
        return dates.formatRange(x, y);
      } catch {
        return `${dates.format(x)} – ${dates.format(y)}`;
      }
    },
    /** "up", "down" or "" */
    direction: (delta) => {
      const s = sign(delta);
      return s > 0 ? "up" : s < 0 ? "down" : "";
    },
  };
}
