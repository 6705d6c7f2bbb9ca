// The what-if tool "Add a deal": a hypothetical deal of the person's (name,
// amount, type, product, discount, stage, close date) as an add_deal
// change; its type, product, discount and stage also shape "what it takes".

import { h } from "./dom.js";
import { compare } from "./decimal.js";
import { decimalInput, field, options } from "./form.js";
import { newDealId } from "./whatif-model.js";
import { fillNames, ISO_DATE, percentText, readPercent } from "./whatif-fields.js";

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
    this.cancel = h("button", { type: "button", class: "btn", hidden: true }, "Cancel edit");
    this.cancel.addEventListener("click", () => this.#stopEditing());
    // The hypothetical deal being edited (its entry), or null: adding.
    this.editing = null;
    this.el = h(
      "form",
      { class: "wi-form wi-add", novalidate: true, "aria-label": "Add a hypothetical deal" },
      h("div", { class: "wi-fields" }, this.name.el, this.amount.el, this.type.el, this.product.el, this.discount.el, this.stage.el, this.close.el),
      h("div", { class: "wi-actions" }, this.submit, this.cancel, this.status),
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

  /** Loads a hypothetical deal (an add_deal entry) into the form to edit it in place. */
  load(item) {
    const { deal = {}, discount } = item.change ?? {};
    this.editing = item;
    this.name.control.value = deal.name ?? "";
    this.amount.control.value = String(deal.amount ?? deal.lines?.[0]?.amount ?? "");
    this.type.control.value = deal.type ?? this.type.control.value;
    this.product.control.value = deal.product ?? "";
    this.discount.control.value = discount ? percentText(String(discount)) : "";
    this.stage.control.value = deal.stage ?? this.stage.control.value;
    this.close.control.value = deal.close_date ?? "";
    for (const f of [this.amount, this.discount, this.close]) f.error("");
    this.submit.textContent = "Save changes";
    this.cancel.hidden = false;
    this.amount.control.focus();
    this.panel.templateChanged();
  }

  #stopEditing() {
    this.editing = null;
    this.submit.textContent = "Add deal";
    this.cancel.hidden = true;
    this.name.control.value = "";
    this.amount.control.value = "";
  }

  /** Puts an amount in the form and the focus on it ("what it takes" → "use this amount"). */
  useAmount(amount) {
    this.amount.control.value = amount;
    this.amount.error("");
    this.amount.control.focus();
  }

  #add() {
    const ctx = this.panel.context();
    // The engine's money reader, as the CSV import's: "$30,000", "USD 30000", "30k".
    const read = this.panel.readAmount(this.amount.control.value);
    const amount = read.value ?? null;
    const amountProblem = this.amount.control.value.trim() === "" ? "Type an amount such as 25000, $25,000 or 25k." : read.error ? `${read.error}.` : compare(amount, "0") <= 0 ? "The amount must be above zero." : "";
    let ok = this.amount.error(amountProblem);
    const discountText = this.discount.control.value.trim();
    const discount = discountText === "" ? "0" : readPercent(discountText);
    ok = this.discount.error(discount === null ? "Type a percentage such as 15." : compare(discount, "1") >= 0 ? "A discount must be below 100%." : "") && ok;
    const close = this.close.control.value;
    ok = this.close.error(ISO_DATE.test(close) ? "" : "Pick a close date.") && ok;
    if (!ok) {
      this.el.querySelector("[aria-invalid='true']")?.focus();
      return;
    }
    const editing = this.editing;
    const id = editing?.change?.deal?.id ?? newDealId(ctx.deals.keys(), this.panel.changes());
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
    if (editing) {
      // In place: the same deal, the same position in the scenario.
      const owners = editing.change.deal?.owners;
      if (owners?.length) deal.owners = owners;
      this.panel.replaceChange(editing, change, { announce: `Saved ${deal.name}.` });
      this.#stopEditing();
      this.amount.control.focus();
      return;
    }
    this.panel.addChanges([change], { announce: `Added ${deal.name}.` });
    this.name.control.value = "";
    this.amount.control.value = "";
    this.amount.control.focus();
  }
}

