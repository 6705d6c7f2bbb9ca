// When it is paid: the engine's payout timeline (paid, due, then what each
// later stage or pay period releases) as a bar and a list, and each deal's
// status (paid, part paid, due, waiting for a stage, clawed back) with the
// engine's sentence behind "Why". Folded by default: the engine is asked
// (`payouts`) only while it is open, so live updates stay inside a frame.

import { h, s, setText, uid, whyToggle } from "./dom.js";
import { sign, toNumber } from "./decimal.js";
import { stageWords } from "./words.js";


/** The step's label in people's words; `periods`: id → { start, end }. */
function stepLabel(step, fmt, periods) {
  switch (step.when) {
    case "paid":
      return "Paid so far";
    case "due":
      return sign(step.amount) < 0 ? "Taken back at the next pay run (a clawback)" : "Due at the next pay run";
    case "stage":
      return `On ${stageWords(step.stage)}`;
    case "period": {
      const p = periods.get(step.period);
      return `In ${p ? fmt.dateRange(p.start, p.end) : step.period}`;
    }
    default:
      return "Later, once released";
  }
}

function waitWords(w, fmt, periods) {
  if (w.stage) return `${fmt.money(w.amount)} on ${stageWords(w.stage)}`;
  if (w.period) {
    const p = periods.get(w.period);
    return `${fmt.money(w.amount)} in ${p ? fmt.dateRange(p.start, p.end) : w.period}`;
  }
  return `${fmt.money(w.amount)} later`;
}

function statusWords(d, fmt, periods) {
  switch (d.status) {
    case "paid":
      return "Paid";
    case "part_paid":
      return "Part paid";
    case "due":
      return "Due";
    case "overpaid":
      return "Paid ahead";
    case "clawback":
      return "Clawed back";
    case "waiting": {
      const w = d.waiting[0];
      if (w?.stage) return `Waiting for ${stageWords(w.stage)}`;
      const p = w?.period ? periods.get(w.period) : null;
      return p ? `Waiting for ${fmt.dateRange(p.start, p.end)}` : "Waiting";
    }
    default:
      return "Nothing earned";
  }
}

/** Later steps alternate two tints, so neighbours in the bar stay apart. */
function tint(step, list) {
  if (step.when === "paid" || step.when === "due") return "";
  const later = list.filter((x) => x.when !== "paid" && x.when !== "due");
  return later.indexOf(step) % 2 ? " tint-b" : " tint-a";
}

class DealRow {
  constructor() {
    const id = uid("payout-why");
    this.name = h("span", { class: "deal-name" });
    this.meta = h("span", { class: "deal-meta" });
    this.earned = h("td", { class: "num" });
    this.paid = h("td", { class: "num" });
    this.due = h("td", { class: "num" });
    this.status = h("span", { class: "payout-status" });
    this.later = h("span", { class: "payout-later" });
    this.hidden = h("span", { class: "visually-hidden" });
    this.button = h("button", { type: "button", class: "explain-button", part: "explain-button", "aria-expanded": "false", "aria-controls": id }, "Why", this.hidden);
    this.explain = h("p", { class: "explain", part: "explain" });
    this.row = h(
      "tr",
      { class: "line payout-deal", part: "payout-deal" },
      h("th", { scope: "row", class: "deal" }, this.name, this.meta),
      this.earned,
      this.paid,
      this.due,
      h("td", { class: "payout-state" }, this.status, this.later),
      h("td", { class: "why" }, this.button),
    );
    this.explainRow = h("tr", { class: "explain-row", id, hidden: true }, h("td", { colspan: "6" }, this.explain));
    whyToggle(this.button, this.explainRow);
  }

  update(d, fmt, periods) {
    const name = d.name ? String(d.name) : String(d.deal);
    setText(this.name, name);
    // The id under a name (a deal without one is named by its id).
    const meta = [d.name ? String(d.deal) : "", d.stage === "booked" ? "" : d.stage].filter(Boolean);
    setText(this.meta, meta.join(" · "));
    this.meta.hidden = !meta.length;
    setText(this.hidden, ` (${name})`);
    setText(this.earned, fmt.money(d.earned));
    setText(this.paid, fmt.money(d.paid));
    setText(this.due, fmt.money(d.due));
    this.due.classList.toggle("negative", sign(d.due) < 0);
    this.row.dataset.status = d.status;
    setText(this.status, statusWords(d, fmt, periods));
    const later = d.waiting.map((w) => waitWords(w, fmt, periods));
    setText(this.later, later.length ? `then ${later.join(", ")}` : "");
    this.later.hidden = !later.length;
    setText(this.explain, d.explain);
  }
}

export class PayoutsView {
  constructor() {
    this.bar = s("svg", { class: "payout-bar", width: "100%", height: "14", "aria-hidden": "true", focusable: "false" });
    this.steps = h("ol", { class: "payout-steps", part: "payout-steps" });
    this.note = h("p", { class: "note payout-note" });
    this.tbody = h("tbody");
    this.table = h(
      "table",
      { class: "lines payout-deals", part: "payout-deals" },
      h("caption", { class: "visually-hidden", text: "Each deal: earned, paid, due and what waits" }),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col", text: "Deal" }),
          h("th", { scope: "col", class: "num", text: "Earned" }),
          h("th", { scope: "col", class: "num", text: "Paid" }),
          h("th", { scope: "col", class: "num", text: "Due" }),
          h("th", { scope: "col", text: "Status" }),
          h("th", { scope: "col" }, h("span", { class: "visually-hidden", text: "Explanation" })),
        ),
      ),
      this.tbody,
    );
    this.exact = h("p", { class: "exact-text" });
    this.box = h(
      "details",
      { class: "component payouts-box", part: "payouts-box" },
      h("summary", { class: "component-summary", part: "payouts-summary" }, h("span", { class: "component-title" }, h("span", { class: "component-name", text: "When it is paid" }), h("span", { class: "component-kind", text: "paid, due, and what comes later" }))),
      h("div", { class: "component-body" }, this.bar, this.steps, this.note, h("details", { class: "exact" }, h("summary", { text: "Exact figures" }), this.exact), this.table),
    );
    this.el = h("section", { class: "panel payouts", part: "payouts" }, this.box);
    this.rows = new Map();
    this.model = null;
    this.box.addEventListener("toggle", () => {
      if (this.box.open && this.model) this.#fill(this.model);
    });
  }

  /** model: the card's, with `payouts` (asked of the engine when read) and `periods` (id → { start, end }). */
  update(model) {
    this.model = model;
    if (this.box.open) this.#fill(model);
  }

  #fill(model) {
    const { fmt } = model;
    const p = model.payouts;
    const periods = model.periods ?? new Map();
    const key = JSON.stringify(p);
    if (this.key === key && this.fmt === fmt) return;
    this.key = key;
    this.fmt = fmt;
    // The bar is a picture of the list below (each step's share of the
    // whole, drawn in percentages): its numbers are only lengths.
    const parts = p.timeline.filter((x) => sign(x.amount) !== 0);
    const total = parts.reduce((n, x) => n + Math.abs(toNumber(x.amount)), 0) || 1;
    let at = 0;
    this.bar.replaceChildren(
      ...parts.map((x) => {
        const w = (Math.abs(toNumber(x.amount)) / total) * 100;
        const r = s("rect", { class: `payout-segment when-${x.when}${tint(x, parts)}`, x: `${at.toFixed(3)}%`, y: "0", width: `${w.toFixed(3)}%`, height: "14" });
        at += w;
        return r;
      }),
    );
    this.steps.replaceChildren(
      ...p.timeline.map((step) =>
        h(
          "li",
          { class: `payout-step when-${step.when}${tint(step, p.timeline)}`, part: "payout-step" },
          h("span", { class: "payout-swatch", "aria-hidden": "true" }),
          h(
            "span",
            { class: "payout-label" },
            stepLabel(step, fmt, periods),
            step.deals ? h("span", { class: "payout-count", text: ` · ${step.deals} ${step.deals === 1 ? "deal" : "deals"}` }) : null,
          ),
          h("span", { class: "payout-amount", text: fmt.money(step.amount) }),
        ),
      ),
    );
    const asOf = p.period && periods.get(p.period);
    setText(this.note, `${asOf ? `To the end of ${fmt.dateRange(asOf.start, asOf.end)}, earned` : "Earned"} ${fmt.money(p.earned)} in all: these add up to it.`);
    setText(this.exact, p.explain);
    const seen = new Set();
    p.deals.forEach((d, i) => {
      seen.add(d.deal);
      let row = this.rows.get(d.deal);
      if (!row) {
        row = new DealRow();
        this.rows.set(d.deal, row);
      }
      row.update(d, fmt, periods);
      const at = this.tbody.children[2 * i];
      if (at !== row.row) this.tbody.insertBefore(row.row, at ?? null);
      if (row.row.nextSibling !== row.explainRow) this.tbody.insertBefore(row.explainRow, row.row.nextSibling);
    });
    for (const [id, row] of this.rows) {
      if (!seen.has(id)) {
        row.row.remove();
        row.explainRow.remove();
        this.rows.delete(id);
      }
    }
    this.table.hidden = p.deals.length === 0;
  }
}
