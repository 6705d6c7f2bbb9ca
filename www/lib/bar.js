// A horizontal band bar: the tier (or modifier) bands as a track, progress
// up to the current value and a marker. Drawn with percentage coordinates,
// so it needs no measuring and no inline style.

import { s } from "./dom.js";
import { toNumber } from "./decimal.js";

/** The end of the drawn scale: past the last band and past the value. */
export function scaleMax(bands, value) {
  const froms = bands.map((b) => toNumber(b.from));
  const last = froms.length ? froms[froms.length - 1] : 1;
  const prev = froms.length > 1 ? froms[froms.length - 2] : 0;
  const step = Math.max(0.25, Math.min(0.5, last - prev));
  return Math.max(1.25, last + step, toNumber(value) * 1.08);
}

const pct = (x, max) => `${Math.max(0, Math.min(100, (x / max) * 100)).toFixed(3)}%`;

/**
 * bands: [{ from, multiplier }] (may be empty); value: the ratio shown;
 * current: the index of the band in force, as the engine decided it (on
 * the exact figure; null for none); fmt: formatters; label: the accessible
 * name of the picture.
 */
export function bandBar({ bands, value, current, fmt, label, partName }) {
  const max = scaleMax(bands, value);
  const v = toNumber(value);
  const list = bands.length ? bands : [{ from: "0", multiplier: null }];
  const svg = s("svg", {
    class: "bar",
    part: partName,
    width: "100%",
    height: "52",
    role: "img",
    "aria-label": label,
    focusable: "false",
  });
  const bandLabels = [];
  const ticks = [];
  list.forEach((b, i) => {
    const from = toNumber(b.from);
    const to = i + 1 < list.length ? toNumber(list[i + 1].from) : max;
    const holds = i === current;
    svg.append(
      s("rect", {
        class: ["band", `band-${Math.min(i, 4)}`, holds && "band-current"],
        x: pct(from, max),
        y: "18",
        width: pct(to - from, max),
        height: "12",
      }),
    );
    if (b.multiplier !== null) bandLabels.push({ at: from / max, text: fmt.multiplier(b.multiplier), current: holds });
    if (from > 0) {
      svg.append(s("line", { class: "band-edge", x1: pct(from, max), x2: pct(from, max), y1: "16", y2: "32" }));
      ticks.push({ at: from / max, text: fmt.percent(b.from) });
    }
  });
  if (!list.some((b) => toNumber(b.from) === 1)) {
    svg.append(s("line", { class: "quota-line", x1: pct(1, max), x2: pct(1, max), y1: "16", y2: "32" }));
    ticks.push({ at: 1 / max, text: fmt.percent("1"), weak: true });
  }
  // Labels closer than this (a fraction of the width) would overlap.
  const GAP = 0.1;
  const keptBands = [];
  for (const l of bandLabels) {
    const prev = keptBands[keptBands.length - 1];
    if (prev && l.at - prev.at < GAP) {
      if (l.current) keptBands[keptBands.length - 1] = l;
      continue;
    }
    keptBands.push(l);
  }
  for (const l of keptBands) {
    svg.append(s("text", { class: ["band-label", l.current && "band-label-current"], x: pct(l.at, 1), dx: "4", y: "12", text: l.text }));
  }
  const keptTicks = ticks.filter((t) => !t.weak);
  for (const t of ticks.filter((x) => x.weak)) {
    if (keptTicks.every((k) => Math.abs(k.at - t.at) >= GAP)) keptTicks.push(t);
  }
  keptTicks.sort((a, b) => a.at - b.at);
  let last = -1;
  const shown = [];
  for (const t of keptTicks) {
    if (t.at - last < GAP) continue;
    last = t.at;
    shown.push({ ...t, anchor: "middle", dx: "0" });
  }
  // Two ticks near each other (90% and 105% on a phone) lean apart.
  for (let i = 0; i + 1 < shown.length; i += 1) {
    if (shown[i + 1].at - shown[i].at < 2 * GAP) {
      Object.assign(shown[i], { anchor: "end", dx: "-2" });
      Object.assign(shown[i + 1], { anchor: "start", dx: "2" });
    }
  }
  for (const t of shown) {
    svg.append(s("text", { class: "tick-label", x: pct(t.at, 1), dx: t.dx, y: "46", "text-anchor": t.anchor, text: t.text }));
  }
  svg.append(s("rect", { class: "progress", x: "0", y: "21", width: pct(v, max), height: "6" }));
  svg.append(s("line", { class: "marker", x1: pct(v, max), x2: pct(v, max), y1: "14", y2: "34" }));
  svg.append(s("circle", { class: "marker-dot", cx: pct(v, max), cy: "24", r: "5" }));
  return svg;
}
