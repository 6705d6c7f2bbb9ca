// The earnings curve: pay against quota credit as the engine's `curve()`
// computes it, the tier bands (the engine's facts) shaded, the current
// point marked. Drawn in pixels at the measured width of its box, which
// the chart never holds open (a ResizeObserver redraws it, wider or
// narrower).

import { h, s, setText } from "./dom.js";
import { toNumber } from "./decimal.js";

const HEIGHT = 220;
const M = { top: 24, right: 18, bottom: 32, left: 66 };

/** A round tick step (1, 2, 2.5 or 5 × 10^k) giving about `count` ticks up to v. */
function niceStep(v, count) {
  const raw = v > 0 ? v / count : 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const k of [1, 2, 2.5, 5, 10]) if (k * p >= raw) return k * p;
  return 10 * p;
}

export class CurveView {
  constructor(headingId) {
    this.caption = h("p", { class: "note" });
    this.plot = h("div", { class: "curve-plot" });
    this.el = h(
      "section",
      { class: "panel curve", part: "curve" },
      h("h3", { id: headingId, text: "Earnings curve" }),
      this.plot,
      this.caption,
    );
    this.data = null;
    this.width = 0;
    this.observer = typeof ResizeObserver === "function"
      ? new ResizeObserver((entries) => {
        const w = Math.round(entries[entries.length - 1].contentRect.width);
        if (w && w !== this.width) {
          this.width = w;
          this.draw();
        }
      })
      : null;
    this.observer?.observe(this.plot);
  }

  /** data: { points: [{x, y}], current: {x, y}, quota, bands (the engine's tier facts), fmt } or null. */
  update(data) {
    this.data = data;
    this.el.hidden = !data || data.points.length < 2;
    if (this.el.hidden) return;
    setText(this.caption, "Pay against quota credit, as the plan computes it; shaded bands are the tiers, the dot is where you are.");
    if (!this.width) this.width = Math.round(this.plot.clientWidth) || 560;
    this.draw();
  }

  draw() {
    const d = this.data;
    if (!d || d.points.length < 2) return;
    const { fmt, points, current, quota, bands } = d;
    const W = Math.max(220, this.width);
    const plotW = W - M.left - M.right;
    const plotH = HEIGHT - M.top - M.bottom;
    const q = toNumber(quota);
    // The engine's curve spans the range it was asked for.
    const xMax = Math.max(...points.map((p) => p.x), current.x) || 1;
    const yTop = Math.max(...points.map((p) => p.y), current.y) * 1.06;
    const yStep = niceStep(yTop, 4);
    const yTicks = Math.max(1, Math.ceil(yTop / yStep));
    const yMax = yStep * yTicks;
    const X = (v) => M.left + (v / xMax) * plotW;
    const Y = (v) => M.top + plotH - (v / yMax) * plotH;

    const label =
      `Earnings curve: ${fmt.money(String(current.y.toFixed(fmt.scale)))} earned at ` +
      `${fmt.money(String(current.x.toFixed(fmt.scale)))} credit` +
      (q > 0 ? ` (${fmt.percent(String(current.x / q))} of quota)` : "") +
      (bands.length ? `; tiers ${bands.map((b) => `${fmt.multiplier(b.multiplier)} from ${fmt.percent(b.from)}`).join(", ")}` : "");
    const svg = s("svg", { class: "curve-chart", part: "curve-chart", width: String(W), height: String(HEIGHT), viewBox: `0 0 ${W} ${HEIGHT}`, role: "img", "aria-label": label, focusable: "false" });

    if (q > 0) {
      bands.forEach((b, i) => {
        const from = toNumber(b.from) * q;
        const to = i + 1 < bands.length ? toNumber(bands[i + 1].from) * q : xMax;
        if (from >= xMax) return;
        const x0 = X(from);
        const x1 = X(Math.min(to, xMax));
        svg.append(s("rect", { class: ["curve-band", `band-${Math.min(i, 4)}`], x: x0.toFixed(1), y: String(M.top), width: Math.max(0, x1 - x0).toFixed(1), height: String(plotH) }));
        svg.append(s("text", { class: "band-label", x: (x0 + 4).toFixed(1), y: String(M.top - 8), text: fmt.multiplier(b.multiplier) }));
      });
    }
    for (let i = 0; i <= yTicks; i++) {
      const v = yStep * i;
      const y = Y(v).toFixed(1);
      svg.append(s("line", { class: "grid", x1: String(M.left), x2: String(W - M.right), y1: y, y2: y }));
      svg.append(s("text", { class: "tick-label", x: String(M.left - 8), y, dy: "0.32em", "text-anchor": "end", text: fmt.compactMoney(String(v)) }));
    }
    if (q > 0) {
      const ticks = new Set(bands.map((b) => toNumber(b.from)).filter((f) => f > 0));
      ticks.add(1);
      for (const f of [...ticks].sort((a, b) => a - b)) {
        if (f * q > xMax) continue;
        const x = X(f * q).toFixed(1);
        svg.append(s("line", { class: f === 1 ? "quota-line" : "band-edge", x1: x, x2: x, y1: String(M.top), y2: String(M.top + plotH) }));
        svg.append(s("text", { class: "tick-label", x, y: String(HEIGHT - 15), "text-anchor": "middle", text: `${fmt.percent(String(f))}` }));
      }
    }
    svg.append(s("text", { class: "axis-label", x: String(W - M.right), y: String(HEIGHT - 1), "text-anchor": "end", text: q > 0 ? "Quota credit (% of quota)" : "Credit" }));

    const path = points.map((p, i) => `${i ? "L" : "M"}${X(p.x).toFixed(1)} ${Y(p.y).toFixed(1)}`).join(" ");
    const base = Y(0).toFixed(1);
    const last = points[points.length - 1];
    svg.append(s("path", { class: "curve-area", d: `${path} L${X(last.x).toFixed(1)} ${base} L${X(points[0].x).toFixed(1)} ${base} Z` }));
    svg.append(s("path", { class: "curve-line", d: path }));
    svg.append(s("line", { class: "axis", x1: String(M.left), x2: String(W - M.right), y1: base, y2: base }));

    const cx = X(current.x);
    const cy = Y(current.y);
    svg.append(s("circle", { class: "curve-dot", cx: cx.toFixed(1), cy: cy.toFixed(1), r: "5.5" }));
    const you = `You: ${fmt.compactMoney(String(current.y))}`;
    // The curve never falls, so above and left of the dot is clear of the
    // line; near the left edge the label goes right, higher above the line.
    const left = cx > M.left + plotW * 0.3;
    svg.append(s("text", { class: "curve-you", x: (cx + (left ? -10 : 10)).toFixed(1), y: Math.max(M.top + 12, cy - (left ? 10 : 24)).toFixed(1), "text-anchor": left ? "end" : "start", text: you }));

    this.plot.replaceChildren(svg);
  }

  disconnect() {
    this.observer?.disconnect();
  }
}
