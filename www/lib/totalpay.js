// Total pay: everything the period pays the person — each fixed amount
// (salary, allowances), the variable pay released, the draw (an advance, or
// repaying the balance owed) and each adjustment — adding up to the total,
// each part's sentence behind "Why", and the balance owed on a recoverable
// draw. Every figure and sentence is the engine's (statement.fixed, draw,
// adjustments, variable_pay, total_pay, balance_owed); shown only when the
// statement has total pay.

import { h, setText, uid, whyToggle } from "./dom.js";
import { sign } from "./decimal.js";

class PartRow {
  constructor() {
    const id = uid("pay-why");
    this.label = h("span", { class: "pay-label" });
    this.meta = h("span", { class: "pay-meta" });
    this.amount = h("td", { class: "num" });
    this.hidden = h("span", { class: "visually-hidden" });
    this.button = h("button", { type: "button", class: "explain-button", part: "explain-button", "aria-expanded": "false", "aria-controls": id }, "Why", this.hidden);
    this.explain = h("div", { class: "explain", part: "explain" });
    this.row = h("tr", { class: "line pay-part", part: "pay-part" }, h("th", { scope: "row" }, this.label, this.meta), this.amount, h("td", { class: "why" }, this.button));
    this.explainRow = h("tr", { class: "explain-row", id, hidden: true }, h("td", { colspan: "3" }, this.explain));
    whyToggle(this.button, this.explainRow);
  }

  /** part: { label, meta?, kind, amount, sentences: [string] } */
  update(part, fmt) {
    setText(this.label, part.label);
    setText(this.meta, part.meta ?? "");
    this.meta.hidden = !part.meta;
    setText(this.hidden, ` (${part.label})`);
    setText(this.amount, part.signed ? fmt.signedMoney(part.amount) : fmt.money(part.amount));
    this.amount.classList.toggle("negative", sign(part.amount) < 0);
    this.row.dataset.kind = part.kind;
    this.button.hidden = !part.sentences.length;
    this.explain.replaceChildren(...part.sentences.map((t) => h("p", { text: t })));
  }
}

/** The rows of a statement's total pay, in the order they add up. */
function partsOf(st, fmt) {
  const rows = [];
  for (const f of st.fixed ?? []) {
    rows.push({ key: `fixed:${f.name}`, kind: "fixed", label: f.name, meta: "fixed", amount: f.amount, sentences: f.lines.map((l) => l.explain) });
  }
  const variable = (st.components ?? []).filter((c) => c.kind !== "modifier");
  rows.push({
    key: "variable",
    kind: "variable",
    label: "Variable pay",
    meta: variable.map((c) => c.name).join(", ") || "none in this plan",
    amount: st.variable_pay,
    sentences: variable.map((c) => `${c.name}: ${fmt.money(c.payable)} payable this period (see How it adds up)`),
  });
  if (st.draw) {
    rows.push({ key: "draw", kind: "draw", label: st.draw.name, meta: "draw", amount: st.draw.amount, signed: true, sentences: st.draw.lines.map((l) => l.explain) });
  }
  for (const [i, l] of (st.adjustments?.lines ?? []).entries()) {
    rows.push({ key: `adj:${l.id ?? i}`, kind: "adjustment", label: l.reason ?? "Adjustment", meta: ["adjustment", l.id, l.deal].filter(Boolean).join(" · "), amount: l.amount, signed: true, sentences: [l.explain] });
  }
  return rows;
}

export class TotalPayView {
  constructor() {
    this.tbody = h("tbody");
    this.total = h("td", { class: "num pay-total-value", part: "total-pay-value" });
    this.totalLabel = h("th", { scope: "row", text: "Total pay" });
    this.table = h(
      "table",
      { class: "pay-table", part: "pay-table" },
      h("caption", { class: "visually-hidden", text: "Total pay: each part and the total" }),
      h("thead", {}, h("tr", {}, h("th", { scope: "col", text: "Part" }), h("th", { scope: "col", class: "num", text: "Amount" }), h("th", { scope: "col" }, h("span", { class: "visually-hidden", text: "Explanation" })))),
      this.tbody,
      h("tfoot", {}, h("tr", { class: "pay-total" }, this.totalLabel, this.total, h("td"))),
    );
    this.owed = h("p", { class: "note pay-owed", part: "balance-owed", hidden: true });
    this.heading = h("h3", { class: "panel-title", text: "Total pay" });
    this.el = h("section", { class: "panel total-pay", part: "total-pay", hidden: true }, this.heading, this.table, this.owed);
    this.rows = new Map();
  }

  /** st: the statement shown (a plan year: the pay period's); periodName: its dates, if a pay period. */
  update(st, fmt, periodName) {
    const has = st && st.total_pay !== undefined;
    this.el.hidden = !has;
    if (!has) return;
    setText(this.heading, periodName ? `Total pay · ${periodName}` : "Total pay");
    const parts = partsOf(st, fmt);
    const seen = new Set();
    parts.forEach((p, i) => {
      seen.add(p.key);
      let row = this.rows.get(p.key);
      if (!row) {
        row = new PartRow();
        this.rows.set(p.key, row);
      }
      row.update(p, fmt);
      const at = this.tbody.children[2 * i];
      if (at !== row.row) this.tbody.insertBefore(row.row, at ?? null);
      if (row.row.nextSibling !== row.explainRow) this.tbody.insertBefore(row.explainRow, row.row.nextSibling);
    });
    for (const [key, row] of this.rows) {
      if (!seen.has(key)) {
        row.row.remove();
        row.explainRow.remove();
        this.rows.delete(key);
      }
    }
    setText(this.total, fmt.money(st.total_pay));
    const owed = st.balance_owed;
    this.owed.hidden = owed === undefined || sign(owed) === 0;
    // The engine's own sentence of the balance (its draw's balance_owed line).
    const line = (st.draw?.lines ?? []).filter((l) => l.kind === "balance_owed").at(-1);
    setText(this.owed, owed === undefined ? "" : `Balance owed on the draw: ${fmt.money(owed)}${line ? ` (${line.explain})` : ""}.`);
  }
}
