// The plan's cost curve: everyone's book of business scaled from 70% to
// 150% of today, both plans' payout at each step as the engine scores it
// (points arrive one by one from the worker), and a slider that reads the
// figures at one step.

import { h, s, setText } from "./dom.js";
import { toNumber } from "./decimal.js";

/** The slider's steps: 70% to 150% by 5% ("0.70" … "1.50"). */
export const FACTORS = Array.from({ length: 17 }, (_, k) => (0.7 + k * 0.05).toFixed(2));
/** The order the worker is asked for them: a coarse curve first. */
export const ORDER = [...FACTORS.filter((_, k) => k % 4 === 0), ...FACTORS.filter((_, k) => k % 4 !== 0)];

export class CostCurve {
  constructor() {
    this.points = new Map(); // factor → CostPoint
    this.slider = h("input", { type: "range", min: "70", max: "150", step: "5", value: "100", part: "scale", "aria-label": "Everyone's attainment, as a share of today's" });
    this.output = h("output", { class: "scale-value" });
    this.figures = h("p", { class: "curve-figures", part: "curve-figures", "aria-live": "polite" });
    this.status = h("p", { class: "why", part: "curve-status" });
    this.chart = s("svg", { class: "curve", viewBox: "0 0 320 140", role: "img", "aria-label": "Payout against everyone's attainment, current and edited plan" });
    this.slider.addEventListener("input", () => {
      this.#draw();
      this.#read();
    });
    this.el = h(
      "section",
      { class: "panel", part: "curve", "aria-labelledby": "lab-curve" },
      h("h3", { id: "lab-curve", text: "Cost curve: the whole company at 70% to 150% of today" }),
      h("label", { class: "scale" }, "Scale everyone's attainment ", this.slider, " ", this.output),
      this.figures,
      this.chart,
      this.status,
    );
  }

  factor() {
    return (Number(this.slider.value) / 100).toFixed(2);
  }

  /** A new edit: every point is stale. */
  reset() {
    this.points.clear();
    this.#draw();
    this.#read();
  }

  add(point, done, of) {
    this.points.set(Number(point.factor).toFixed(2), point);
    setText(this.status, done < of ? `Scoring the curve: ${done} of ${of} points…` : `All ${of} points scored.`);
    this.el.setAttribute("aria-busy", String(done < of));
    this.#draw();
    this.#read();
  }

  setFormat(fmt) {
    this.fmt = fmt;
  }

  #read() {
    const f = this.factor();
    setText(this.output, `${Math.round(Number(f) * 100)}% of today`);
    const p = this.points.get(f);
    const fmt = this.fmt;
    if (!p || !fmt) {
      setText(this.figures, `At ${Math.round(Number(f) * 100)}%: scoring…`);
      return;
    }
    const cost = (t) => (t.cost_of_sales === null ? "" : ` (${fmt.exactPercent(t.cost_of_sales)} of ${fmt.money(p.revenue)} revenue)`);
    setText(this.figures, `At ${Math.round(Number(f) * 100)}%: current plan ${fmt.money(p.base.payout)}${cost(p.base)}; edited ${fmt.money(p.edited.payout)}${cost(p.edited)}.`);
  }

  #draw() {
    const pts = FACTORS.map((f) => this.points.get(f)).filter(Boolean);
    if (pts.length === 0) {
      this.chart.replaceChildren();
      return;
    }
    const most = Math.max(...pts.flatMap((p) => [toNumber(p.base.payout), toNumber(p.edited.payout)]), 1);
    const x = (f) => 20 + ((toNumber(f) - 0.7) / 0.8) * 290;
    const y = (v) => 130 - (toNumber(v) / most) * 120;
    const line = (key, cls) => s("polyline", { class: cls, fill: "none", points: pts.map((p) => `${x(p.factor).toFixed(1)},${y(p[key].payout).toFixed(1)}`).join(" ") });
    const marker = s("line", { class: "curve-at", x1: x(this.factor()), x2: x(this.factor()), y1: 5, y2: 130 });
    this.chart.replaceChildren(s("line", { class: "axis", x1: 20, x2: 310, y1: 130, y2: 130 }), line("base", "line-base"), line("edited", "line-edited"), marker);
  }
}
