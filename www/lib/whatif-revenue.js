// The what-if tool "Company revenue": a slider and an exact field moving
// company revenue against the company goal (set_company_revenue), from the
// engine's figure (the activity's, or the sum of the counted deals).

import { h, setText } from "./dom.js";
import { add, compare, divide, shift, trim } from "./decimal.js";
import { button, decimalInput, field, readDecimal } from "./form.js";

export class RevenueTool {
  constructor(panel) {
    this.panel = panel;
    this.now = h("p", { class: "wi-revenue-now" });
    this.range = h("input", { type: "range", class: "wi-range" });
    this.rangeField = field("Company revenue in this scenario", this.range, { class: "wide" });
    this.output = h("output", { class: "wi-revenue-value", for: this.range.id });
    this.exact = field("Exact amount", decimalInput());
    this.down = button("−1% of goal", { class: "small" });
    this.up = button("+1% of goal", { class: "small" });
    this.reset = button("Back to actual", { class: "small" });
    this.el = h(
      "div",
      { class: "wi-form wi-revenue" },
      this.now,
      this.rangeField.el,
      this.output,
      h("div", { class: "wi-actions" }, this.down, this.up, this.exact.el, this.reset),
    );
    let frame = 0;
    // Whole currency units: a slider's steps are floating point.
    const picked = () => String(Math.round(Number(this.range.value)));
    this.range.addEventListener("input", () => {
      this.#show(picked());
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => this.#set(picked()));
    });
    this.exact.control.addEventListener("change", () => {
      const v = readDecimal(this.exact.control.value);
      if (this.exact.error(v === null ? "Type an amount such as 6100000." : "")) this.#set(v);
    });
    this.down.addEventListener("click", () => this.#nudge(-1));
    this.up.addEventListener("click", () => this.#nudge(1));
    this.reset.addEventListener("click", () => {
      this.panel.setChange({ op: "set_company_revenue", amount: null }, true);
      this.refresh(this.panel.context());
    });
  }

  /** Whether the plan has a company goal to nudge revenue against. */
  static applies(ctx) {
    return Boolean(ctx.goal) && ctx.statement.company_attainment !== null && ctx.statement.company_attainment !== undefined;
  }

  #actual(ctx) {
    // The engine's company revenue: the activity's figure, or the sum of the counted deals.
    return String(ctx.facts?.company?.revenue ?? "0");
  }

  #current() {
    const e = this.panel.changes().find((x) => x.change.op === "set_company_revenue");
    return e && e.change.amount !== null && e.change.amount !== undefined ? String(e.change.amount) : null;
  }

  refresh(ctx) {
    if (!RevenueTool.applies(ctx)) return;
    const goal = Number(ctx.goal);
    const actual = this.#actual(ctx);
    const { fmt } = ctx;
    setText(this.now, `Actual: ${fmt.money(actual)}, ${fmt.percent(divide(actual, String(ctx.goal), 6))} of the ${fmt.money(ctx.goal)} company goal.`);
    const value = this.#current() ?? actual;
    if (this.range.getRootNode()?.activeElement !== this.range) {
      // The slider runs in steps of 0.5 % of the goal, from 75 % to 130 % of
      // it (wider when revenue is already outside that).
      const step = goal / 200;
      this.range.min = String(Math.max(0, Math.floor(Math.min(goal * 0.75, Number(value) * 0.9) / step) * step));
      this.range.max = String(Math.ceil(Math.max(goal * 1.3, Number(value) * 1.1) / step) * step);
      this.range.step = String(step);
      this.range.value = value;
    }
    if (this.exact.control.getRootNode()?.activeElement !== this.exact.control) this.exact.control.value = this.#current() ?? "";
    this.exact.control.placeholder = actual;
    this.reset.disabled = this.#current() === null;
    this.#show(value);
  }

  #show(value) {
    const ctx = this.panel.context();
    const text = `${ctx.fmt.money(value)} · ${ctx.fmt.percent(divide(value, String(ctx.goal), 6))} of the goal`;
    setText(this.output, text);
    this.range.setAttribute("aria-valuetext", text);
  }

  #set(value) {
    const actual = this.#actual(this.panel.context());
    this.panel.setChange({ op: "set_company_revenue", amount: value }, compare(value, actual) === 0);
    this.refresh(this.panel.context());
  }

  #nudge(direction) {
    const ctx = this.panel.context();
    const step = trim(shift(String(ctx.goal), 2)); // 1% of the goal
    const from = this.#current() ?? this.#actual(ctx);
    const next = direction > 0 ? add(from, step) : add(from, `-${step}`);
    this.#set(compare(next, "0") < 0 ? "0" : trim(next));
  }
}
