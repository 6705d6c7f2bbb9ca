// The what-if panel's CSV import: a CRM export becomes hypothetical deals.
// Columns whose names are the fields' own names import at once; otherwise a
// mapping step (a select per column) comes first. The rows are read by the
// engine's importer (`importDeals`, the one `incentive import` uses); rows
// that can't become a deal are listed with their row number and column, and
// the good rows import.

import { h, setText, uid } from "./dom.js";
import { parseCsv } from "./csv.js";
import { DATE_FORMATS, FIELDS, autoMap, checkMapping, engineMapping, guessDateFormat } from "./crm-import.js";
import { button, field, filePicker, options } from "./form.js";

const MAX_LISTED = 50;
const MAX_BYTES = 20 * 1024 * 1024;

export class CsvTool {
  constructor(panel) {
    this.panel = panel;
    const picker = filePicker("Choose a CSV file…", ".csv,text/csv,text/plain", (file) => this.#read(file), { class: "primary" });
    this.picker = picker;
    this.intro = h(
      "p",
      { class: "note" },
      "Deals from a CRM export become hypothetical deals in this scenario. The file needs a header row. Columns named ",
      h("code", { text: "id, name, type, amount, close_date, stage, product, list_price, discount, owner, split" }),
      " (or source) import directly; for other names you match the columns to fields first. Rows with the same id are one deal split between owners.",
    );
    this.mapTitleId = uid("wi-map");
    this.mapBody = h("tbody");
    this.mapProblems = h("ul", { class: "wi-problems", hidden: true });
    this.dateFormat = field("Dates in this file", h("select", {}, ...options(DATE_FORMATS)));
    this.importButton = button("Import", { class: "primary" });
    this.cancelButton = button("Cancel");
    this.mapping = h(
      "div",
      { class: "wi-mapping", hidden: true },
      h("p", { class: "wi-map-title", id: this.mapTitleId }),
      h(
        "table",
        { class: "wi-map-table", "aria-labelledby": this.mapTitleId },
        h("thead", {}, h("tr", {}, h("th", { scope: "col", text: "Column in the file" }), h("th", { scope: "col", text: "First row" }), h("th", { scope: "col", text: "Deal field" }))),
        this.mapBody,
      ),
      this.dateFormat.el,
      this.mapProblems,
      h("div", { class: "wi-actions" }, this.importButton, this.cancelButton),
    );
    this.result = h("div", { class: "wi-import-result", role: "status" });
    this.el = h("div", { class: "wi-form wi-csv" }, this.intro, h("div", { class: "wi-actions" }, picker.button, picker.input), this.mapping, this.result);
    this.importButton.addEventListener("click", () => this.#import(this.selects.map((s) => s.value)));
    this.cancelButton.addEventListener("click", () => this.#closeMapping(true));
    this.pending = null;
    this.selects = [];
  }

  async #read(file) {
    this.#closeMapping(false);
    if (file.size > MAX_BYTES) {
      this.#report(`${file.name} is ${Math.round(file.size / 1048576)} MB; the import takes files up to 20 MB.`, []);
      return;
    }
    let text;
    try {
      text = await file.text();
    } catch (err) {
      this.#report(`${file.name} could not be read (${err.message}).`, []);
      return;
    }
    const parsed = parseCsv(text);
    const headerProblem = parsed.problems.find((p) => p.row === 1);
    if (headerProblem || parsed.header.length === 0) {
      this.#report(`${file.name} can't be imported: ${headerProblem?.message ?? "it has no header row"}.`, []);
      return;
    }
    if (parsed.records.length === 0 && parsed.problems.length === 0) {
      this.#report(`${file.name} has a header row but no deals.`, []);
      return;
    }
    this.pending = { name: file.name, text, parsed };
    const auto = autoMap(parsed.header);
    // The close dates' format, guessed from the column; slashes (03/28/2027)
    // are shown for the user to confirm.
    const dateCol = auto.mapping.indexOf("close_date");
    const format = guessDateFormat(dateCol < 0 ? [] : parsed.records.map((r) => r.fields[dateCol]));
    const select = this.dateFormat.control;
    if (![...select.options].some((o) => o.value === format)) select.append(...options([[format, format.replace(/%Y/, "YYYY").replace(/%m/, "MM").replace(/%d/, "DD")]]));
    select.value = format;
    if (auto.exact && format === "%Y-%m-%d") this.#import(auto.mapping);
    else this.#showMapping(auto.mapping);
  }

  #showMapping(mapping) {
    const { name, parsed } = this.pending;
    const n = parsed.records.length;
    setText(this.mapping.querySelector(".wi-map-title"), `Match the columns of ${name} to deal fields (${n} ${n === 1 ? "row" : "rows"}). Amount and close date are needed; without a type column every deal is ${this.panel.context().defaultType}.`);
    const first = parsed.records[0]?.fields ?? [];
    this.selects = parsed.header.map((col, i) => {
      const select = h("select", { "aria-label": `Deal field for the column “${col || `column ${i + 1}`}”` }, ...options([["", "— leave out —"], ...FIELDS.map((f) => [f.key, `${f.label}${f.required ? " (needed)" : ""}`])], mapping[i]));
      select.addEventListener("change", () => this.#checkMapping());
      return select;
    });
    this.mapBody.replaceChildren(
      ...parsed.header.map((col, i) =>
        h("tr", {}, h("th", { scope: "row", text: col || `(column ${i + 1})` }), h("td", { class: "wi-sample", text: first[i] ?? "" }), h("td", {}, this.selects[i])),
      ),
    );
    setText(this.importButton, `Import ${n} ${n === 1 ? "row" : "rows"}`);
    this.mapping.hidden = false;
    this.#checkMapping();
    this.selects[0]?.focus();
  }

  #checkMapping() {
    const problems = checkMapping(this.selects.map((s) => s.value), this.pending.parsed.header);
    this.mapProblems.replaceChildren(...problems.map((p) => h("li", { text: p })));
    this.mapProblems.hidden = problems.length === 0;
    this.importButton.disabled = problems.length > 0;
  }

  /** Escape: cancels an open mapping step (focus back on the file button). True if there was one. */
  cancel() {
    if (this.mapping.hidden) return false;
    this.pending = null;
    this.#closeMapping(true);
    return true;
  }

  #closeMapping(focus) {
    this.mapping.hidden = true;
    this.mapBody.replaceChildren();
    this.selects = [];
    if (focus) this.picker.button.focus();
  }

  #import(mapping) {
    const { name, text, parsed } = this.pending;
    const ctx = this.panel.context();
    const engine = this.panel.engine();
    this.#closeMapping(false);
    this.pending = null;
    if (!engine) {
      this.#report(`${name} can't be imported yet: the engine is still loading. Try again in a moment.`, []);
      return;
    }
    let deals;
    let rows;
    try {
      ({ deals, problems: rows } = engine.importDeals(ctx.participant, text, {
        file: name,
        mapping: engineMapping(mapping, parsed.header, this.dateFormat.control.value),
        taken: this.panel.changes().filter((e) => e.change.op === "add_deal").map((e) => String(e.change.deal?.id)),
        max_deals: this.panel.room(),
      }));
    } catch (err) {
      this.#report(`${name} can't be imported: ${err?.message ?? err}.`, []);
      return;
    }
    if (deals.length) {
      this.panel.addChanges(
        deals.map((d) => ({ change: { op: "add_deal", deal: d.deal, ...(d.discount !== undefined ? { discount: d.discount } : {}) }, meta: { rows: d.rows, file: name, ...(d.note ? { note: d.note } : {}) } })),
        { announce: `Imported ${deals.length} deals from ${name}.` },
      );
    }
    const rowCount = new Set(rows.map((r) => r.row)).size;
    const head = deals.length
      ? `Imported ${deals.length} ${deals.length === 1 ? "deal" : "deals"} from ${name} as ${deals.length === 1 ? "a hypothetical deal" : "hypothetical deals"}.`
      : `No deals were imported from ${name}.`;
    this.#report(rows.length ? `${head} ${rowCount} ${rowCount === 1 ? "row was" : "rows were"} left out:` : head, rows);
    this.picker.button.focus();
  }

  #report(text, rows) {
    const shown = rows.slice(0, MAX_LISTED);
    const list = shown.length
      ? h(
        "ul",
        { class: "wi-problems" },
        ...shown.map((r) => h("li", {}, h("span", { class: "wi-row", text: `Row ${r.row}${r.column ? `, ${r.column}` : ""}` }), `: ${r.message}`)),
        rows.length > shown.length ? h("li", { text: `…and ${rows.length - shown.length} more.` }) : null,
      )
      : null;
    this.result.replaceChildren(h("p", { text }), list);
    this.result.dataset.state = rows.length ? "partial" : "ok";
  }
}
