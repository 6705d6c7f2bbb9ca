// Each component of the statement with its lines; each line's `explain`
// sentence behind a native disclosure button. Rows are keyed (component
// name, deal id) and updated in place, so a live update never steals the
// keyboard focus or closes what the reader opened.

import { exactFigures, h, setText, flash, uid, whyToggle } from "./dom.js";
import { bonusText, lineText, modifierText } from "./words.js";


const KIND_LABELS = { commission: "Commission", spif: "SPIF", bonus: "Bonus", modifier: "Multiplier", discretionary: "Discretionary pool" };

// A pay period's lines (plans with pay periods) say what they are: a deal
// closed in the period, a release of an earlier deal, a true-up, a clawback.
const PERIOD_KINDS = { release: "released now", true_up: "true-up", clawback: "clawback" };

function lineKey(line, index) {
  const kind = line.kind && line.kind !== "deal" ? `${line.kind}:` : "";
  return line.deal === null || line.deal === undefined ? `#${kind}${index}` : `${kind}deal:${line.deal}`;
}

function lineName(line, component, deals) {
  if (line.deal !== null && line.deal !== undefined) {
    const deal = deals.get(line.deal);
    return { name: deal?.name ? String(deal.name) : String(line.deal), deal };
  }
  if (line.kind === "true_up") return { name: "True-up", deal: null };
  if (component.kind === "bonus") return { name: "Bonus payout", deal: null };
  if (component.kind === "discretionary") return { name: "Your part of the pool", deal: null };
  return { name: "Cap", deal: null };
}

class LineRows {
  constructor(onToggle) {
    const explainId = uid("explain");
    this.name = h("span", { class: "deal-name" });
    this.meta = h("span", { class: "deal-meta" });
    this.credit = h("td", { class: "num" });
    this.earned = h("td", { class: "num" });
    this.payable = h("td", { class: "num" });
    this.hiddenName = h("span", { class: "visually-hidden" });
    this.button = h(
      "button",
      { type: "button", class: "explain-button", part: "explain-button", "aria-expanded": "false", "aria-controls": explainId },
      "Why",
      this.hiddenName,
    );
    this.explain = h("p", { class: "explain", part: "explain" });
    // The engine's exact sentence under the words for people.
    this.exact = exactFigures();
    this.row = h(
      "tr",
      { class: "line", part: "line" },
      h("th", { scope: "row", class: "deal" }, this.name, this.meta),
      this.credit,
      this.earned,
      this.payable,
      h("td", { class: "why" }, this.button),
    );
    this.explainRow = h("tr", { class: "explain-row", id: explainId, hidden: true }, h("td", { colspan: "5" }, this.explain, this.exact.el));
    // A click toggles the sentence; Escape folds it, the focus back on "Why".
    this.setOpen = whyToggle(this.button, this.explainRow, (open) => {
      if (open) this.#fill();
      onToggle?.(open);
    });
  }

  /**
   * Statements on screen carry no sentences: a line's is asked of the
   * engine when shown — its terms in people's words, the exact sentence one
   * click away (a line without terms, such as a cap: the sentence alone).
   */
  #fill() {
    if (this.filled === this.key) return;
    this.filled = this.key;
    const exact = (this.sentence ? this.sentence() : "") || this.lineExplain;
    const words = this.terms ? lineText(this.terms(), this.fmt) : null;
    setText(this.explain, words ?? exact);
    this.exact.set(words ? exact : "");
  }

  update(line, component, deals, fmt, live, explain, terms) {
    const { name, deal } = lineName(line, component, deals);
    // Nothing this row shows changed (most rows on a live update): skip it.
    const key = [name, line.kind, line.deal, line.credit, line.earned, line.payable, line.explain, deal?.type, deal?.stage, deal?.close_date].join("\u0000");
    if (this.fmt === fmt && this.key === key) return;
    this.fmt = fmt;
    this.key = key;
    setText(this.name, name);
    const meta = [];
    if (deal) {
      meta.push(String(line.deal));
      if (deal.type) meta.push(String(deal.type));
      if (deal.stage && deal.stage !== "booked") meta.push(String(deal.stage));
      if (deal.close_date) meta.push(fmt.date(deal.close_date));
    }
    if (PERIOD_KINDS[line.kind]) meta.push(PERIOD_KINDS[line.kind]);
    setText(this.meta, meta.join(" · "));
    this.meta.hidden = meta.length === 0;
    setText(this.hiddenName, ` (${name})`);
    setText(this.credit, line.credit === null || line.credit === undefined ? "" : fmt.money(line.credit));
    const changed = setText(this.earned, fmt.money(line.earned));
    setText(this.payable, fmt.money(line.payable));
    this.lineExplain = line.explain ?? "";
    this.filled = null;
    this.sentence = explain ? () => explain(component.name, line.deal, line.kind) : null;
    this.terms = terms && line.deal !== null && line.deal !== undefined ? () => terms(component.name, line.deal) : null;
    if (this.button.getAttribute("aria-expanded") === "true") this.#fill();
    if (live && changed) flash(this.row, "changed");
  }
}

class ComponentBlock {
  constructor(name, open) {
    this.name = h("span", { class: "component-name", text: name });
    this.kind = h("span", { class: "component-kind" });
    this.amount = h("span", { class: "component-amount" });
    this.summary = h("summary", { class: "component-summary", part: "component-summary" }, h("span", { class: "component-title" }, this.name, this.kind), this.amount);
    this.note = h("p", { class: "note component-note" });
    this.exact = exactFigures();
    this.tbody = h("tbody");
    this.caption = h("caption", { class: "visually-hidden" });
    this.table = h(
      "table",
      { class: "lines", part: "lines" },
      this.caption,
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col", text: "Deal" }),
          h("th", { scope: "col", class: "num", text: "Credit" }),
          h("th", { scope: "col", class: "num", text: "Earned" }),
          h("th", { scope: "col", class: "num", text: "Payable" }),
          h("th", { scope: "col" }, h("span", { class: "visually-hidden", text: "Explanation" })),
        ),
      ),
      this.tbody,
    );
    this.el = h("details", { class: "component", part: "component" }, this.summary, h("div", { class: "component-body" }, this.note, this.exact.el, this.table));
    this.el.open = open;
    this.rows = new Map();
    // A closed component's rows are brought up to date when it opens: a
    // rep's 2,000 deal lines are not rebuilt on every live update unseen.
    this.pending = null;
    this.el.addEventListener("toggle", () => {
      if (this.el.open && this.pending) this.#updateRows({ ...this.pending, live: false });
    });
  }

  /** model: the card's (statement, facts, fmt, live, explain; `deals` read only when the rows show). */
  update(model) {
    const { component, facts, fmt, live, explain } = model;
    this.el.dataset.kind = component.kind;
    const n = component.lines?.length ?? 0;
    const kind = KIND_LABELS[component.kind] ?? component.kind;
    const unit = model.periodName ? ["line", "lines"] : ["deal", "deals"];
    const count = component.kind === "commission" || component.kind === "spif" ? ` · ${n} ${n === 1 ? unit[0] : unit[1]}` : "";
    setText(this.kind, `${kind}${count}`);

    if (component.kind === "modifier") {
      // The engine's band and multiplier in force, and what it applies to.
      const m = (facts?.modifiers ?? []).find((x) => x.name === component.name);
      setText(this.amount, m && m.band !== null ? fmt.multiplier(m.multiplier) : "—");
      setText(this.note, m ? `${modifierText(m, fmt)} Its effect is inside those lines.` : "");
      this.table.hidden = true;
      return;
    }

    const changed = setText(this.amount, fmt.money(component.earned));
    if (live && changed) flash(this.amount, "changed");
    if (component.kind === "bonus" || component.kind === "discretionary") {
      // One line, no deal: its sentence in people's words (the plan's
      // names, the page's formats), the engine's exact one a click away
      // (a pool's is the engine's: funded, and your part or "up to").
      const exact = (component.lines ?? []).map((l) => l.explain ?? "").join(" ");
      const words = component.kind === "bonus" ? bonusText(component, facts, fmt) : null;
      setText(this.note, words ?? exact);
      this.note.hidden = !this.note.textContent;
      this.exact.set(words ? exact : "");
      this.table.hidden = true;
      return;
    }
    this.exact.set("");
    const payableNote = model.periodName
      ? component.payable !== component.earned
        ? `Payable in ${model.periodName}: ${fmt.money(component.payable)} (what its deals release in it).`
        : ""
      : component.payable !== component.earned
        ? `${fmt.money(component.payable)} of it payable now.`
        : "";
    setText(this.note, payableNote);
    this.note.hidden = !payableNote;
    setText(this.caption, `Lines of ${component.name}`);
    this.table.hidden = n === 0;
    if (this.el.open) this.#updateRows({ component, model, fmt, live, explain });
    else this.pending = { component, model, fmt, explain };
  }

  #updateRows({ component, model, fmt, live, explain }) {
    this.pending = null;
    const deals = model.deals;
    const seen = new Set();
    (component.lines ?? []).forEach((line, i) => {
      const key = lineKey(line, i);
      seen.add(key);
      let rows = this.rows.get(key);
      const fresh = !rows;
      if (!rows) {
        rows = new LineRows();
        this.rows.set(key, rows);
      }
      rows.update(line, component, deals, fmt, live, explain, model.terms);
      // Move rows only when out of place (moving a node would blur it).
      const at = this.tbody.children[2 * i];
      if (at !== rows.row) this.tbody.insertBefore(rows.row, at ?? null);
      if (rows.row.nextSibling !== rows.explainRow) this.tbody.insertBefore(rows.explainRow, rows.row.nextSibling);
      if (fresh && live) flash(rows.row, "changed");
    });
    for (const [key, rows] of this.rows) {
      if (!seen.has(key)) {
        rows.row.remove();
        rows.explainRow.remove();
        this.rows.delete(key);
      }
    }
  }
}

export class ComponentsView {
  constructor(headingId) {
    this.list = h("div", { class: "component-list" });
    this.el = h(
      "section",
      { class: "panel components", part: "components" },
      (this.heading = h("h3", { id: headingId, text: "How it adds up" })),
      this.list,
    );
    this.blocks = new Map();
    this.roleId = null;
  }

  /** model.statement: the statement, or (a plan year) the shown pay period's statement; model.periodName: its dates. */
  update(model) {
    const { statement } = model;
    setText(this.heading, model.periodName ? `How ${model.periodName} adds up` : "How it adds up");
    if (this.roleId !== statement.role) {
      // Another role has other components: start over.
      this.blocks.clear();
      this.list.replaceChildren();
      this.roleId = statement.role;
    }
    const seen = new Set();
    (statement.components ?? []).forEach((component, i) => {
      const key = String(component.name);
      seen.add(key);
      let block = this.blocks.get(key);
      if (!block) {
        // Short components start open; long ones show their summary.
        const n = component.lines?.length ?? 0;
        block = new ComponentBlock(key, component.kind !== "modifier" && n > 0 && n <= 8);
        this.blocks.set(key, block);
      }
      // The card's model with this component; its lazy getters (deals,
      // dealFacts) stay lazy: a spread would ask the engine for every deal
      // on every render.
      block.update(Object.assign(Object.create(model), { component }));
      const at = this.list.children[i];
      if (at !== block.el) this.list.insertBefore(block.el, at ?? null);
    });
    for (const [key, block] of this.blocks) {
      if (!seen.has(key)) {
        block.el.remove();
        this.blocks.delete(key);
      }
    }
  }
}
