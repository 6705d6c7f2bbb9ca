// The what-if tool "Edit a deal": one of the person's deals (as the engine
// holds it) edited line by line — amount, discount, product, stage, close
// date, campaign touches left out — or dropped, each edit one change.

import { h, setText, uid } from "./dom.js";
import { add, compare } from "./decimal.js";
import { button, decimalInput, field, options } from "./form.js";
import { editedDeal, lineDiscount, linesOf, touchText } from "./whatif-model.js";
import { fillNames, ISO_DATE, percentText, readPercent } from "./whatif-fields.js";

export class EditDealTool {
  constructor(panel) {
    this.panel = panel;
    this.dealSelect = field("Deal", h("select"), { class: "wide" });
    this.summary = h("p", { class: "wi-deal-summary" });
    this.lineSelect = field("Line", h("select"));
    this.amount = field("Amount", decimalInput());
    this.discount = field("Discount %", decimalInput({ placeholder: "0" }));
    this.product = field("Product", h("select"));
    this.stage = field("Stage", h("select"));
    this.close = field("Close date", h("input", { type: "date" }));
    this.touchList = h("ul", { class: "wi-touches" });
    this.touchLegendId = uid("wi-touches");
    this.touches = h(
      "fieldset",
      { class: "wi-touch-set" },
      h("legend", { id: this.touchLegendId, text: "Campaign touches (untick to leave one out)" }),
      this.touchList,
    );
    this.drop = button("Drop this deal", { class: "danger" });
    this.reset = button("Undo edits to this deal");
    this.fields = h("div", { class: "wi-fields" }, this.lineSelect.el, this.amount.el, this.discount.el, this.product.el, this.stage.el, this.close.el);
    this.detail = h("div", { class: "wi-edit-detail" }, this.summary, this.fields, this.touches, h("div", { class: "wi-actions" }, this.drop, this.reset));
    this.empty = h("p", { class: "note", text: "There are no deals in the data yet." });
    this.el = h("div", { class: "wi-form wi-edit" }, this.dealSelect.el, this.detail, this.empty);

    this.dealSelect.control.addEventListener("change", () => this.render());
    this.lineSelect.control.addEventListener("change", () => this.render());
    // The amount applies as you type (a valid one; a half-typed one waits), and on leaving the field.
    this.amount.control.addEventListener("change", () => this.#editAmount());
    let typing = 0;
    this.amount.control.addEventListener("input", () => {
      clearTimeout(typing);
      typing = setTimeout(() => this.#editAmount(true), 250);
    });
    this.discount.control.addEventListener("change", () => this.#editDiscount());
    this.product.control.addEventListener("change", () => this.#edit("set_product", "product", this.product.control.value, this.#line().original.product ?? "", { line: true }));
    this.stage.control.addEventListener("change", () => this.#edit("set_stage", "stage", this.stage.control.value, this.#deal()?.stage ?? "booked"));
    this.close.control.addEventListener("change", () => {
      const v = this.close.control.value;
      if (this.close.error(ISO_DATE.test(v) ? "" : "Pick a date.")) this.#edit("set_close_date", "close_date", v, this.#deal()?.close_date ?? "");
    });
    this.drop.addEventListener("click", () => this.#toggleDrop());
    this.reset.addEventListener("click", () => {
      const id = this.dealSelect.control.value;
      this.panel.removeChanges((c) => c.deal === id);
      this.render();
    });
    this.listKey = null;
  }

  #deal() {
    return this.panel.context().deals.get(this.dealSelect.control.value) ?? null;
  }

  #line() {
    const deal = this.#deal();
    const i = Number(this.lineSelect.control.value || 0);
    const view = editedDeal(deal, this.panel.changes(), this.panel.context().dealFacts.get(deal?.id));
    return { index: i, original: linesOf(deal)[i] ?? linesOf(deal)[0], current: view.lines[i] ?? view.lines[0], multi: linesOf(deal).length > 1, view };
  }

  /** Selects a deal (from a change in the list). */
  select(id) {
    if (!this.panel.context().deals.has(id)) return false;
    this.dealSelect.control.value = id;
    this.render();
    return true;
  }

  /** The deal list (the person's deals first) and the selected deal's fields. */
  refresh(ctx) {
    fillNames(this.stage.control, this.panel.vocabulary()?.stages ?? []);
    const pid = ctx.participant;
    const mine = (d) => (d.owners ?? []).some((o) => o?.participant === pid) || (d.touches ?? []).some((t) => t?.participant === pid);
    const list = [...ctx.deals.values()].filter((d) => d && typeof d.id === "string");
    const key = `${pid}|${list.map((d) => `${d.id}:${d.name ?? ""}`).join("|")}`;
    if (key !== this.listKey) {
      this.listKey = key;
      const before = this.dealSelect.control.value;
      const byDate = (a, b) => String(a.close_date ?? "").localeCompare(String(b.close_date ?? "")) || String(a.id).localeCompare(String(b.id));
      const yours = list.filter(mine).sort(byDate);
      const others = list.filter((d) => !mine(d)).sort(byDate);
      const item = (d, group) => ({ value: d.id, text: `${d.name ? `${d.name} · ` : ""}${d.id}`, group });
      this.dealSelect.control.replaceChildren(
        ...options([...yours.map((d) => item(d, "Your deals")), ...others.map((d) => item(d, "Other deals"))], before || yours[0]?.id || others[0]?.id),
      );
    }
    this.render();
  }

  /** The selected deal's fields as the scenario has them. */
  render() {
    const ctx = this.panel.context();
    const deal = this.#deal();
    this.detail.hidden = !deal;
    this.empty.hidden = Boolean(deal) || ctx.deals.size > 0;
    if (!deal) return;
    const lines = linesOf(deal);
    if (this.lineSelect.control.options.length !== lines.length || this.lineSelect.control.dataset.deal !== deal.id) {
      this.lineSelect.control.dataset.deal = deal.id;
      this.lineSelect.control.replaceChildren(...options(lines.map((l, i) => [i, `Line ${i + 1}${l.product ? `: ${l.product}` : ""} (${ctx.fmt.money(l.amount)})`]), 0));
    }
    const line = this.#line();
    this.lineSelect.el.hidden = !line.multi;
    const view = line.view;

    const pays = (ctx.statement.components ?? []).flatMap((c) => c.lines ?? []).filter((l) => l.deal === deal.id).reduce((sum, l) => add(sum, l.earned) ?? sum, "0");
    const facts = [deal.type, deal.stage ?? "booked", deal.close_date ? `closes ${ctx.fmt.date(deal.close_date)}` : "", `${ctx.fmt.money(lines.reduce((s, l) => add(s, l.amount) ?? s, "0"))}`];
    setText(this.summary, `${facts.filter(Boolean).join(" · ")} — pays you ${ctx.fmt.money(pays)} now${view.removed ? ". Dropped in this scenario." : "."}`);

    const setIfIdle = (control, value) => {
      if (control.getRootNode()?.activeElement !== control || control.tagName === "SELECT") control.value = value;
    };
    setIfIdle(this.amount.control, line.current.amount);
    setIfIdle(this.discount.control, percentText(line.current.discount));
    // A product can be changed, not taken away: "none" only for a line without one.
    const product = line.current.product ?? "";
    const choices = [...new Set([...(line.original.product ? [] : [""]), ...ctx.products, ...(product ? [product] : [])])];
    const key = choices.join("\u0000");
    if (this.product.control.dataset.choices !== key) {
      this.product.control.dataset.choices = key;
      this.product.control.replaceChildren(...options(choices.map((p) => [p, p || "none"])));
    }
    this.product.control.value = product;
    this.stage.control.value = view.stage;
    setIfIdle(this.close.control, view.close_date);
    for (const f of [this.lineSelect, this.amount, this.discount, this.product, this.stage, this.close]) f.control.disabled = view.removed;
    this.amount.error("");
    this.discount.error("");

    const touches = deal.touches ?? [];
    this.touches.hidden = touches.length === 0;
    const touchKey = `${deal.id}\u0000${touches.map((t) => touchText(t, ctx)).join("\u0000")}`;
    if (this.touchList.dataset.key !== touchKey) {
      // Rebuilt only for another deal: a checkbox just toggled keeps the focus.
      this.touchList.dataset.key = touchKey;
      this.touchList.replaceChildren(
        ...touches.map((t, i) => {
          const box = h("input", { type: "checkbox", id: uid("wi-touch") });
          box.addEventListener("change", () => this.#toggleTouch(i, box.checked));
          return h("li", {}, box, h("label", { for: box.id, text: touchText(t, ctx) }));
        }),
      );
    }
    this.touchList.querySelectorAll("input").forEach((box, i) => {
      box.checked = !view.touchesOff.has(i);
      box.disabled = view.removed;
    });
    setText(this.drop, view.removed ? "Bring this deal back" : "Drop this deal");
    this.drop.setAttribute("aria-pressed", String(view.removed));
  }

  /** Sets one edit of the selected deal, or takes it out when the value is the data's again. */
  #edit(op, prop, value, original, { line: perLine = false, numeric = false } = {}) {
    const deal = this.#deal();
    if (!deal) return;
    const change = { op, deal: deal.id, [prop]: value };
    const line = this.#line();
    if (perLine && line.multi) change.line = line.index;
    const same = numeric ? compare(String(value), String(original)) === 0 : String(value) === String(original);
    this.panel.setChange(change, same);
    this.render();
  }

  #editAmount(typing = false) {
    const read = this.panel.readAmount(this.amount.control.value);
    const v = read.value ?? null;
    const problem = read.error ? `${read.error}.` : "";
    if (typing && problem) return; // not yet: said when the field is left
    if (!this.amount.error(problem)) return;
    this.#edit("set_amount", "amount", v, this.#line().original.amount, { line: true, numeric: true });
  }

  #editDiscount() {
    const text = this.discount.control.value.trim();
    const v = text === "" ? "0" : readPercent(text);
    if (!this.discount.error(v === null ? "Type a percentage such as 15." : compare(v, "1") >= 0 ? "A discount must be below 100%." : "")) return;
    const line = this.#line();
    this.#edit("set_discount", "discount", v, lineDiscount(this.panel.context().dealFacts.get(this.#deal()?.id), line.index), { line: true, numeric: true });
  }

  #toggleTouch(index, on) {
    const deal = this.#deal();
    this.panel.setChange({ op: "remove_touch", deal: deal.id, index }, on);
    this.render();
  }

  #toggleDrop() {
    const deal = this.#deal();
    if (!deal) return;
    const dropped = editedDeal(deal, this.panel.changes(), null).removed;
    if (dropped) {
      this.panel.setChange({ op: "remove_deal", deal: deal.id }, true);
    } else {
      // Dropping replaces the deal's other edits (they would no longer apply).
      this.panel.removeChanges((c) => c.deal === deal.id && c.op !== "add_deal", { quiet: true });
      this.panel.setChange({ op: "remove_deal", deal: deal.id }, false);
    }
    this.render();
    this.drop.focus();
  }
}

