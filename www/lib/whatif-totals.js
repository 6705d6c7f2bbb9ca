// The scenario's totals against actual: earned, payable, due and (with
// salary, a draw or adjustments) total pay, each with its delta, and a
// sentence on how many changes are in force.

import { h, setText } from "./dom.js";
import { sign } from "./decimal.js";

const TOTALS = [
  ["earned", "Earned"],
  ["payable", "Payable"],
  ["due", "Due"],
  // Statements with total pay (salary, a draw, adjustments) only.
  ["total_pay", "Total pay"],
];

export class TotalsView {
  constructor() {
    this.totals = new Map();
    this.list = h("dl", { class: "wi-totals", part: "whatif-totals" });
    for (const [key, label] of TOTALS) {
      const value = h("span", { class: "wi-total-value" });
      const delta = h("span", { class: "delta" });
      const actual = h("span", { class: "wi-total-actual" });
      const item = h("div", { class: `wi-total wi-total-${key}` }, h("dt", { text: label }), h("dd", {}, value, delta, actual));
      this.list.append(item);
      this.totals.set(key, { value, delta, actual, item });
    }
    this.note = h("p", { class: "note wi-totals-note" });
  }

  /** outcome: run()'s { result, applied, skipped }; baseline: the actual figures. */
  render(outcome, baseline, fmt) {
    const r = outcome.result;
    for (const [key, t] of this.totals) {
      const actual = baseline[key];
      t.item.hidden = actual === undefined;
      if (actual === undefined) continue;
      const value = r ? r.scenario[key] : actual;
      const d = (r ? r.delta[key] : "0") ?? "0";
      setText(t.value, fmt.money(value));
      setText(t.delta, sign(d) === 0 ? "±0" : fmt.signedMoney(d));
      t.delta.dataset.direction = fmt.direction(d);
      setText(t.actual, `actual ${fmt.money(actual)}`);
    }
    const n = outcome.applied.length;
    const skipped = outcome.skipped.size;
    setText(
      this.note,
      n || skipped
        ? `The scenario's ${n} ${n === 1 ? "change" : "changes"}${skipped ? ` (and ${skipped} skipped)` : ""} against your actual pay. Your figures above stay as they are.`
        : "No changes yet: the scenario equals your actual pay.",
    );
  }
}
