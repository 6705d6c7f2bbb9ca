// Earned, payable, paid and due, with a change chip after live updates.

import { h, setText, flash } from "./dom.js";
import { sign } from "./decimal.js";

const FIGURES = [
  ["earned", "Earned", "this period"],
  ["payable", "Payable", "stages reached"],
  ["paid", "Paid", "already paid out"],
  ["due", "Due", "payable − paid"],
];

export class FiguresView {
  constructor() {
    this.el = h("dl", { class: "figures", part: "figures" });
    this.items = new Map();
    for (const [key, label, hint] of FIGURES) {
      const value = h("span", { class: "figure-value", part: `figure-value ${key}` });
      const delta = h("span", { class: "delta", part: "delta", hidden: true });
      const labelEl = h("dt", { class: "figure-label", part: "figure-label", text: label });
      const hintEl = h("span", { class: "figure-hint", text: hint });
      this.el.append(
        h("div", { class: `figure figure-${key}`, part: `figure figure-${key}` }, labelEl, h("dd", {}, value, delta, hintEl)),
      );
      this.items.set(key, { value, delta, labelEl, hintEl, label });
    }
  }

  /** deltas: { earned, payable, due } decimal strings after a live change, else null. */
  update(statement, fmt, deltas) {
    for (const [key, item] of this.items) {
      const changed = setText(item.value, fmt.money(statement[key]));
      const d = deltas?.[key];
      if (d && sign(d) !== 0) {
        setText(item.delta, fmt.signedMoney(d));
        item.delta.dataset.direction = fmt.direction(d);
        item.delta.hidden = false;
        flash(item.delta, "delta-show");
        if (changed) flash(item.value, "changed");
      } else if (deltas) {
        item.delta.hidden = true;
      }
    }
    // With total pay, payable also holds the draw and the adjustments.
    const payable = this.items.get("payable");
    setText(payable.hintEl, statement.draw || statement.adjustments ? "released, draw, adjustments" : "stages reached");
    const due = this.items.get("due");
    const clawback = sign(statement.due) < 0;
    due.value.classList.toggle("negative", clawback);
    setText(due.labelEl, clawback ? "Due (clawback)" : due.label);
    setText(due.hintEl, clawback ? "paid more than payable" : "payable − paid");
  }
}
