// The what-if panel's tools: add a hypothetical deal, edit or drop a deal of
// the data (amount, discount, product, stage, close date, campaign touches),
// and nudge company revenue. Each tool turns what the user does into engine
// changes through the panel (whatif.js), which recomputes at once.

import { h, setText, uid } from "./dom.js";
import { add, compare, divide, shift, trim } from "./decimal.js";
import { button, decimalInput, field, options, readDecimal } from "./form.js";
import { editedDeal, lineDiscount, linesOf, newDealId, touchText } from "./whatif-model.js";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A percentage typed by the user ("20", "12.5") as a fraction string ("0.2"), or null. */
function readPercent(text) {
  const s = readDecimal(String(text ?? "").replace(/%\s*$/, ""));
  if (s === null) return null;
  return trim(shift(s, 2));
}

/** "0.2" → "20" for an input showing percent (to 2 places: "4.76" for 0.047619…). */
function percentText(fraction) {
  if (compare(fraction, "0") === 0) return "";
  return trim(shift(fraction, -2) ?? "0").replace(/^(-?\d+\.\d{2})\d+$/, "$1");
}

/** Fills a select with the engine's names (its vocabulary), once they are known. */
function fillNames(select, names) {
  const key = names.join("|");
  if (select.dataset.names === key) return;
  const before = select.value;
  select.dataset.names = key;
  select.replaceChildren(...options(names.map((n) => [n, n]), before || names[0]));
}

// --- add a hypothetical deal ------------------------------------------------------------

export class AddDealTool {
  constructor(panel) {
    this.panel = panel;
    this.name = field("Name", h("input", { type: "text", autocomplete: "off", placeholder: "Hypothetical deal" }), { class: "wide" });
    this.amount = field("Amount", decimalInput({ placeholder: "25000", required: true }));
    this.type = field("Type", h("select"));
    this.product = field("Product", h("select"));
    this.discount = field("Discount %", decimalInput({ placeholder: "0" }));
    this.stage = field("Stage", h("select"));
    this.close = field("Close date", h("input", { type: "date" }));
    this.status = h("p", { class: "note wi-form-status", hidden: true });
    this.submit = h("button", { type: "submit", class: "btn primary" }, "Add deal");
    this.el = h(
      "form",
      { class: "wi-form wi-add", novalidate: true, "aria-label": "Add a hypothetical deal" },
      h("div", { class: "wi-fields" }, this.name.el, this.amount.el, this.type.el, this.product.el, this.discount.el, this.stage.el, this.close.el),
      h("div", { class: "wi-actions" }, this.submit, this.status),
    );
    this.el.addEventListener("submit", (e) => {
      e.preventDefault();
      this.#add();
    });
    for (const f of [this.type, this.product, this.discount, this.stage]) f.control.addEventListener("change", () => panel.templateChanged());
    this.key = null;
  }

  /** New plan or participant: fresh choices and defaults. */
  refresh(ctx) {
    const words = this.panel.vocabulary();
    fillNames(this.type.control, words?.deal_types ?? []);
    fillNames(this.stage.control, words?.payout_stages ?? []);
    const key = `${ctx.plan?.name}|${ctx.participant}|${ctx.products.join(",")}`;
    if (key === this.key) return;
    this.key = key;
    this.product.control.replaceChildren(...options([["", "none"], ...ctx.products.map((p) => [p, p])]));
    this.type.control.value = ctx.defaultType;
    this.close.control.value = ctx.defaultCloseDate;
    this.close.control.min = ctx.plan?.period?.start ?? "";
    this.close.control.max = ctx.plan?.period?.end ?? "";
  }

  /** The form's deal, for whatItTakes: { type, product, discount, stage }. */
  template() {
    const t = { type: this.type.control.value, stage: this.stage.control.value };
    if (this.product.control.value) t.product = this.product.control.value;
    const d = readPercent(this.discount.control.value);
    if (d !== null && compare(d, "0") > 0 && compare(d, "1") < 0) t.discount = d;
    return t;
  }

  /** Puts an amount in the form and the focus on it ("what it takes" → "use this amount"). */
  useAmount(amount) {
    this.amount.control.value = amount;
    this.amount.error("");
    this.amount.control.focus();
  }

  #add() {
    const ctx = this.panel.ctx;
    const amount = readDecimal(this.amount.control.value);
    let ok = this.amount.error(amount === null ? "Type an amount such as 25000 or 25,000.00." : compare(amount, "0") <= 0 ? "The amount must be above zero." : "");
    const discountText = this.discount.control.value.trim();
    const discount = discountText === "" ? "0" : readPercent(discountText);
    ok = this.discount.error(discount === null ? "Type a percentage such as 15." : compare(discount, "1") >= 0 ? "A discount must be below 100%." : "") && ok;
    const close = this.close.control.value;
    ok = this.close.error(ISO_DATE.test(close) ? "" : "Pick a close date.") && ok;
    if (!ok) {
      this.el.querySelector("[aria-invalid='true']")?.focus();
      return;
    }
    const id = newDealId(ctx.deals.keys(), this.panel.entries);
    const deal = {
      id,
      name: this.name.control.value.trim() || `Hypothetical deal ${id.replace(/^\D+/, "")}`,
      type: this.type.control.value,
      close_date: close,
      stage: this.stage.control.value,
      owners: [{ participant: ctx.participant, split: "1" }],
      amount,
    };
    if (this.product.control.value) deal.product = this.product.control.value;
    // The engine prices a discounted deal (its list price) itself.
    const change = { op: "add_deal", deal };
    if (compare(discount, "0") > 0) change.discount = discount;
    this.panel.addChanges([change], { announce: `Added ${deal.name}.` });
    this.name.control.value = "";
    this.amount.control.value = "";
    this.amount.control.focus();
  }
}

// --- edit or drop a deal of the data ---------------------------------------------------------

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
    this.amount.control.addEventListener("change", () => this.#editAmount());
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
    return this.panel.ctx.deals.get(this.dealSelect.control.value) ?? null;
  }

  #line() {
    const deal = this.#deal();
    const i = Number(this.lineSelect.control.value || 0);
    const view = editedDeal(deal, this.panel.entries, this.panel.ctx.dealFacts.get(deal?.id));
    return { index: i, original: linesOf(deal)[i] ?? linesOf(deal)[0], current: view.lines[i] ?? view.lines[0], multi: linesOf(deal).length > 1, view };
  }

  /** Selects a deal (from a change in the list). */
  select(id) {
    if (!this.panel.ctx.deals.has(id)) return false;
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
    const ctx = this.panel.ctx;
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

  #editAmount() {
    const v = readDecimal(this.amount.control.value);
    if (!this.amount.error(v === null ? "Type an amount such as 25000." : "")) return;
    this.#edit("set_amount", "amount", v, this.#line().original.amount, { line: true, numeric: true });
  }

  #editDiscount() {
    const text = this.discount.control.value.trim();
    const v = text === "" ? "0" : readPercent(text);
    if (!this.discount.error(v === null ? "Type a percentage such as 15." : compare(v, "1") >= 0 ? "A discount must be below 100%." : "")) return;
    const line = this.#line();
    this.#edit("set_discount", "discount", v, lineDiscount(this.panel.ctx.dealFacts.get(this.#deal()?.id), line.index), { line: true, numeric: true });
  }

  #toggleTouch(index, on) {
    const deal = this.#deal();
    this.panel.setChange({ op: "remove_touch", deal: deal.id, index }, on);
    this.render();
  }

  #toggleDrop() {
    const deal = this.#deal();
    if (!deal) return;
    const dropped = editedDeal(deal, this.panel.entries, null).removed;
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

// --- company revenue ---------------------------------------------------------------------

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
      this.refresh(this.panel.ctx);
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
    const e = this.panel.entries.find((x) => x.change.op === "set_company_revenue");
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
    const ctx = this.panel.ctx;
    const text = `${ctx.fmt.money(value)} · ${ctx.fmt.percent(divide(value, String(ctx.goal), 6))} of the goal`;
    setText(this.output, text);
    this.range.setAttribute("aria-valuetext", text);
  }

  #set(value) {
    const actual = this.#actual(this.panel.ctx);
    this.panel.setChange({ op: "set_company_revenue", amount: value }, compare(value, actual) === 0);
    this.refresh(this.panel.ctx);
  }

  #nudge(direction) {
    const ctx = this.panel.ctx;
    const step = trim(shift(String(ctx.goal), 2)); // 1% of the goal
    const from = this.#current() ?? this.#actual(ctx);
    const next = direction > 0 ? add(from, step) : add(from, `-${step}`);
    this.#set(compare(next, "0") < 0 ? "0" : trim(next));
  }
}
