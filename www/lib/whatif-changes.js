// The scenario's changes, in order, each with its own effect (the engine's
// marginal delta) or the reason it was skipped, and a Remove button. Rows
// are keyed by entry and moved only when out of place (focus stays put).

import { h, setText, uid } from "./dom.js";
import { compare, sign } from "./decimal.js";
import { button } from "./form.js";
import { describe } from "./whatif-model.js";

class ChangeRow {
  constructor(onRemove, item, onEdit) {
    this.item = item;
    this.badge = h("span", { class: "wi-badge" });
    this.title = h("span", { class: "wi-change-title" });
    this.detail = h("span", { class: "wi-change-detail" });
    this.skip = h("span", { class: "wi-change-skip", hidden: true });
    this.delta = h("span", { class: "delta wi-change-delta" });
    this.after = h("span", { class: "wi-change-after" });
    this.remove = button("Remove", { class: "small quiet wi-remove" });
    this.remove.addEventListener("click", () => onRemove(item));
    // A hypothetical deal is edited in the "Add a deal" form.
    this.edit = item.change?.op === "add_deal" && onEdit ? button("Edit", { class: "small quiet wi-edit-change" }) : null;
    this.edit?.addEventListener("click", () => onEdit(item));
    this.el = h(
      "li",
      { class: "wi-change", part: "whatif-change" },
      this.badge,
      h("span", { class: "wi-change-text" }, this.title, this.detail, this.skip),
      h("span", { class: "wi-change-effect" }, this.delta, this.after),
      h("span", { class: "wi-change-buttons" }, this.edit, this.remove),
    );
  }

  update(desc, effect, skipped, fmt, rowsNote) {
    setText(this.badge, desc.label);
    setText(this.title, desc.title);
    setText(this.detail, [desc.detail, rowsNote].filter(Boolean).join(" · "));
    setText(this.skip, skipped ? `Skipped: ${skipped}` : "");
    this.skip.hidden = !skipped;
    this.el.dataset.state = skipped ? "skipped" : "applied";
    if (effect) {
      const d = effect.delta.earned;
      setText(this.delta, sign(d) === 0 ? "±0" : fmt.signedMoney(d));
      this.delta.dataset.direction = fmt.direction(d);
      const payableMoved = compare(effect.delta.payable, d) !== 0;
      // The engine says why a change moved nothing ("outside the plan period", …).
      const why = effect.note ? ` · ${effect.note}` : "";
      setText(this.after, `earned ${fmt.money(effect.earned)}${payableMoved ? ` · payable ${fmt.signedMoney(effect.delta.payable)}` : ""}${why}`);
    } else {
      setText(this.delta, "—");
      this.delta.dataset.direction = "";
      setText(this.after, skipped ? "not applied" : "");
    }
    this.remove.setAttribute("aria-label", `Remove change: ${desc.label}, ${desc.title}`);
    this.edit?.setAttribute("aria-label", `Edit ${desc.title}`);
  }
}

export class ChangeList {
  /** onRemove(entry): a row's Remove; onEdit(entry): a hypothetical deal's Edit; onClear(): "Remove all". */
  constructor({ onRemove, onEdit, onClear }) {
    this.onRemove = onRemove;
    this.onEdit = onEdit;
    this.rows = new Map();
    const titleId = uid("wi-changes");
    this.title = h("h4", { id: titleId, tabindex: "-1" });
    this.clearButton = button("Remove all", { class: "small quiet" });
    this.clearButton.addEventListener("click", () => {
      onClear();
      this.title.focus();
    });
    this.list = h("ol", { class: "wi-change-list", "aria-labelledby": titleId });
    this.empty = h("p", {
      class: "note",
      text: "No changes yet. Add a deal, edit or drop one of yours, leave out a campaign touch, move company revenue, or import deals from a CSV file: the totals above move at once.",
    });
    this.el = h(
      "section",
      { class: "wi-changes", part: "whatif-changes" },
      h("div", { class: "wi-changes-head" }, this.title, this.clearButton),
      this.empty,
      this.list,
    );
  }

  /** Forgets every row (another person or plan). */
  reset() {
    this.rows.clear();
    this.list.replaceChildren();
  }

  /** entries: the scenario's; outcome: { result, applied, skipped } of run(). */
  render(entries, outcome, ctx) {
    const { fmt } = ctx;
    const effects = new Map(outcome.applied.map((e, i) => [e.id, outcome.result?.changes?.[i]]));
    const seen = new Set();
    entries.forEach((item, i) => {
      seen.add(item.id);
      let row = this.rows.get(item.id);
      if (!row || row.item !== item) {
        row?.el.remove();
        row = new ChangeRow(this.onRemove, item, this.onEdit);
        this.rows.set(item.id, row);
      }
      const rowsNote = [item.rows ? `CSV ${item.rows.length > 1 ? "rows" : "row"} ${item.rows.join(", ")}` : "", item.note ?? ""].filter(Boolean).join(", ");
      row.update(describe(item.change, ctx), effects.get(item.id), outcome.skipped.get(item.id), fmt, rowsNote);
      const at = this.list.children[i];
      if (at !== row.el) this.list.insertBefore(row.el, at ?? null);
    });
    for (const [id, row] of this.rows) {
      if (!seen.has(id)) {
        row.el.remove();
        this.rows.delete(id);
      }
    }
    const n = entries.length;
    setText(this.title, n ? `Changes (${n})` : "Changes");
    this.empty.hidden = n > 0;
    this.list.hidden = n === 0;
    this.clearButton.hidden = n === 0;
  }

  /** After a removal at index i: the focus goes to the next change's button (or the previous, or the heading). */
  focusAfterRemoval(entries, i) {
    const next = entries[i] ?? entries[i - 1];
    (next ? this.rows.get(next.id)?.remove : this.title)?.focus();
  }
}
