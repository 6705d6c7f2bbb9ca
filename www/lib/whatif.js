// The what-if panel: a disclosure under the gauges where a rep tries
// changes (a hypothetical deal, an edited or dropped deal, a campaign touch
// left out, company revenue moved, deals from a CRM export) and sees, at
// once and for each change, the new total and the delta against actual.
// Everything is computed by `engine.whatIf` on a copy (the engine and the
// figures above never change); `engine.headline` gives the actual figures
// where no sentences are needed, `engine.whatItTakes` the way to the next
// tier. Scenarios are named, saved in this browser (scenarios.js) and
// exported or imported as JSON files.

import { h, setText, uid } from "./dom.js";
import { compare, sign } from "./decimal.js";
import { button, field, filePicker, options } from "./form.js";
import { ScenarioStore, fileName, makeRecord, nameProblem, readRecord } from "./scenarios.js";
import { compile, decompile, describe, editKey, entry, problemText, run } from "./whatif-model.js";
import { AddDealTool, EditDealTool, RevenueTool } from "./whatif-tools.js";
import { CsvTool } from "./whatif-csv.js";

const MAX_NOTICES = 6;
const TOTALS = [
  ["earned", "Earned"],
  ["payable", "Payable"],
  ["due", "Due"],
];

/** Products the plan or the person's deals name, for the product selects. */
function productsOf(plan, deals) {
  const found = new Set();
  for (const role of plan?.roles ?? []) {
    for (const c of role?.components ?? []) {
      for (const p of Object.keys(c?.products ?? {})) found.add(p);
      for (const p of c?.deals?.products ?? []) found.add(String(p));
    }
  }
  for (const d of deals.values()) {
    for (const l of d?.lines ?? []) if (l?.product) found.add(String(l.product));
  }
  return [...found].sort();
}

/** The close date a new deal gets: the data's as-of date inside the period, else the period's end. */
function defaultCloseDate(plan, asOf) {
  const { start, end } = plan?.period ?? {};
  if (asOf && (!start || asOf >= start) && (!end || asOf <= end)) return asOf;
  return end ?? asOf ?? "";
}

class ChangeRow {
  constructor(panel, item) {
    this.item = item;
    this.badge = h("span", { class: "wi-badge" });
    this.title = h("span", { class: "wi-change-title" });
    this.detail = h("span", { class: "wi-change-detail" });
    this.skip = h("span", { class: "wi-change-skip", hidden: true });
    this.delta = h("span", { class: "delta wi-change-delta" });
    this.after = h("span", { class: "wi-change-after" });
    this.remove = button("Remove", { class: "small quiet wi-remove" });
    this.remove.addEventListener("click", () => panel.removeEntry(item));
    this.el = h(
      "li",
      { class: "wi-change", part: "whatif-change" },
      this.badge,
      h("span", { class: "wi-change-text" }, this.title, this.detail, this.skip),
      h("span", { class: "wi-change-effect" }, this.delta, this.after),
      this.remove,
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
      setText(this.after, `earned ${fmt.money(effect.earned)}${payableMoved ? ` · payable ${fmt.signedMoney(effect.delta.payable)}` : ""}`);
    } else {
      setText(this.delta, "—");
      this.delta.dataset.direction = "";
      setText(this.after, skipped ? "not applied" : "");
    }
    this.remove.setAttribute("aria-label", `Remove change: ${desc.label}, ${desc.title}`);
  }
}

export class WhatIfView {
  /** host: { engine() → the element's engine or null, storage() → a Storage (may throw) }. */
  constructor(headingId, host) {
    this.host = host;
    this.entries = [];
    this.ctx = null;
    this.scope = null;
    this.open = false;
    this.rows = new Map();
    this.notices = [];
    this.name = "";
    this.dirty = false;
    this.saved = [];
    this.outcome = { result: null, applied: [], skipped: new Map() };
    this.baseline = null;
    this.stale = true;

    const bodyId = uid("wi-body");
    this.toggle = h("button", { type: "button", class: "btn primary whatif-toggle", part: "whatif-toggle", "aria-expanded": "false", "aria-controls": bodyId }, "Try a what-if");
    this.toggle.addEventListener("click", () => this.setOpen(!this.open));

    // Live regions by role (status: polite), so that the element's own
    // announcer stays the first aria-live region of the card.
    this.noticeList = h("ul", { class: "wi-notices" });
    this.noticeRegion = h("div", { class: "wi-notice-region", role: "status", part: "whatif-notices", "aria-atomic": "false", hidden: true }, this.noticeList);
    this.announcer = h("p", { class: "visually-hidden wi-announcer", role: "status" });

    // Scenario bar: name, save, saved list, files.
    this.nameField = field("Scenario", h("input", { type: "text", autocomplete: "off", maxlength: "120", placeholder: "Name this scenario" }), { class: "wi-name" });
    this.state = h("span", { class: "wi-state" });
    this.saveButton = button("Save", { class: "primary" });
    this.savedField = field("Saved scenarios", h("select"), { class: "wi-saved" });
    this.openButton = button("Open");
    this.deleteButton = button("Delete");
    this.newButton = button("Start over");
    this.exportButton = button("Export file");
    const importer = filePicker("Import file…", ".json,application/json", (file) => this.#importFile(file));
    this.importButton = importer.button;
    this.scenarioBar = h(
      "div",
      { class: "wi-scenario", part: "whatif-scenario" },
      h("div", { class: "wi-row" }, this.nameField.el, this.saveButton),
      h("div", { class: "wi-row" }, this.savedField.el, this.openButton, this.deleteButton),
      h("div", { class: "wi-buttons wi-file-buttons" }, this.state, this.newButton, this.exportButton, this.importButton, importer.input),
    );
    this.saveButton.addEventListener("click", () => this.#save());
    this.nameField.control.addEventListener("keydown", (e) => {
      if (e.key === "Enter") {
        e.preventDefault();
        this.#save();
      }
    });
    this.nameField.control.addEventListener("input", () => {
      this.nameField.error("");
      this.#renderState();
    });
    this.openButton.addEventListener("click", () => this.#openSaved());
    this.deleteButton.addEventListener("click", () => this.#deleteSaved());
    this.newButton.addEventListener("click", () => this.#startOver());
    this.exportButton.addEventListener("click", () => this.#export());
    this.savedField.control.addEventListener("change", () => this.#renderState());

    // Totals: the scenario against actual.
    this.totals = new Map();
    this.totalsEl = h("dl", { class: "wi-totals", part: "whatif-totals" });
    for (const [key, label] of TOTALS) {
      const value = h("span", { class: "wi-total-value" });
      const delta = h("span", { class: "delta" });
      const actual = h("span", { class: "wi-total-actual" });
      this.totalsEl.append(h("div", { class: `wi-total wi-total-${key}` }, h("dt", { text: label }), h("dd", {}, value, delta, actual)));
      this.totals.set(key, { value, delta, actual });
    }
    this.totalsNote = h("p", { class: "note wi-totals-note" });

    // What it takes.
    this.takesText = h("p", { class: "wi-takes-text" });
    this.takesButton = button("Put it in the form", { class: "small" });
    this.takesButton.addEventListener("click", () => {
      this.#showTool("add");
      this.addTool.useAmount(this.takesButton.dataset.amount ?? "");
    });
    this.takes = h("div", { class: "wi-takes", part: "whatif-takes" }, h("h4", { text: "What it takes" }), this.takesText, h("div", { class: "wi-actions" }, this.takesButton));

    // Tools.
    this.addTool = new AddDealTool(this);
    this.editTool = new EditDealTool(this);
    this.revenueTool = new RevenueTool(this);
    this.csvTool = new CsvTool(this);
    this.tools = [
      ["add", "Add a deal", this.addTool],
      ["edit", "Edit a deal", this.editTool],
      ["revenue", "Company revenue", this.revenueTool],
      ["csv", "Import CSV", this.csvTool],
    ].map(([key, label, tool]) => {
      const paneId = uid("wi-pane");
      const btn = h("button", { type: "button", class: "wi-tool-button", "aria-pressed": "false", "aria-controls": paneId }, label);
      const pane = h("div", { class: "wi-pane", id: paneId, role: "group", "aria-label": label, hidden: true }, tool.el);
      btn.addEventListener("click", () => this.#showTool(key));
      return { key, label, tool, btn, pane };
    });
    this.toolsEl = h(
      "div",
      { class: "wi-tools", part: "whatif-tools" },
      h("div", { class: "wi-tool-bar", role: "group", "aria-label": "Make a change" }, ...this.tools.map((t) => t.btn)),
      ...this.tools.map((t) => t.pane),
    );

    // The changes, in order, each with its effect.
    this.changesTitleId = uid("wi-changes");
    this.changesTitle = h("h4", { id: this.changesTitleId, tabindex: "-1" });
    this.clearButton = button("Remove all", { class: "small quiet" });
    this.clearButton.addEventListener("click", () => {
      this.entries = [];
      this.#changed("All changes removed.");
      this.changesTitle.focus();
    });
    this.changeList = h("ol", { class: "wi-change-list", "aria-labelledby": this.changesTitleId });
    this.changesEmpty = h("p", { class: "note", text: "No changes yet. Add a deal, edit or drop one of yours, leave out a campaign touch, move company revenue, or import deals from a CSV file: the totals above move at once." });
    this.changesEl = h(
      "section",
      { class: "wi-changes", part: "whatif-changes" },
      h("div", { class: "wi-changes-head" }, this.changesTitle, this.clearButton),
      this.changesEmpty,
      this.changeList,
    );

    this.body = h(
      "div",
      { class: "whatif-body", id: bodyId, hidden: true },
      this.scenarioBar,
      this.noticeRegion,
      h("div", { class: "wi-result" }, this.totalsEl, this.totalsNote, this.takes),
      this.toolsEl,
      this.changesEl,
      this.announcer,
    );
    this.el = h(
      "section",
      { class: "panel whatif", part: "whatif" },
      h(
        "div",
        { class: "whatif-head" },
        h("div", {}, h("h3", { id: headingId, text: "What if?" }), h("p", { class: "note", text: "Try changes on a copy of your numbers: nothing here changes your pay data, and scenarios stay in this browser." })),
        this.toggle,
      ),
      this.body,
    );
    this.#showTool("add", false);
  }

  // --- the element's side -------------------------------------------------------------

  /**
   * Called on every render of the element with its model (statement,
   * facts, plan, fmt; deals, dealFacts and people are asked of the engine
   * only when read, so only while the panel is open).
   */
  update(model) {
    const { statement, facts, plan, fmt } = model;
    const participant = statement.participant;
    const scope = `${plan?.name ?? ""}\u0000${participant}`;
    const role = (plan?.roles ?? []).find((r) => r?.id === statement.role) ?? null;
    let products = null;
    this.ctx = {
      statement,
      facts,
      plan,
      role,
      fmt,
      participant,
      get deals() {
        return model.deals;
      },
      get dealFacts() {
        return model.dealFacts;
      },
      get people() {
        return model.people;
      },
      get products() {
        products ??= productsOf(plan, model.deals);
        return products;
      },
      goal: facts?.company ? String(facts.company.target) : null,
      defaultType: role?.quota?.types?.[0] ?? "new",
      defaultCloseDate: defaultCloseDate(plan, facts?.as_of),
    };
    if (scope !== this.scope) {
      // Another person or plan: their own scenarios.
      this.scope = scope;
      this.store = new ScenarioStore(this.host.storage, plan?.name ?? "", participant);
      this.entries = [];
      this.rows.clear();
      this.changeList.replaceChildren();
      this.notices = [];
      this.#renderNotices();
      this.name = "";
      this.nameField.control.value = "";
      this.dirty = false;
      this.listLoaded = false;
    }
    this.stale = true;
    if (this.open) this.#refresh();
  }

  setOpen(open) {
    this.open = open;
    this.body.hidden = !open;
    this.toggle.setAttribute("aria-expanded", String(open));
    setText(this.toggle, open ? "Close what-if" : "Try a what-if");
    if (open && this.ctx) this.#refresh();
  }

  #refresh() {
    if (!this.listLoaded) {
      this.listLoaded = true;
      this.#loadList(true);
    }
    for (const t of this.tools) t.tool.refresh?.(this.ctx);
    const revenue = this.tools.find((t) => t.key === "revenue");
    revenue.btn.hidden = !RevenueTool.applies(this.ctx);
    if (revenue.btn.hidden && this.tool === "revenue") this.#showTool("add", false);
    if (this.stale) {
      this.stale = false;
      this.#recompute();
      this.#renderTakes();
    }
  }

  // --- the tools' side -------------------------------------------------------------------

  /** Adds changes (each a change, or { change, meta }) at the end. */
  addChanges(list, { announce = "" } = {}) {
    const room = this.room();
    const items = list.slice(0, room).map((x) => (x.op ? entry(x) : entry(x.change, x.meta)));
    if (list.length > room) this.#notice("warning", `A scenario holds at most ${this.#maxChanges()} changes; ${list.length - room} were left out.`);
    this.entries.push(...items);
    this.#changed(announce);
  }

  /** Sets an edit (replacing the same edit), or with `remove` takes it out. */
  setChange(change, remove) {
    const key = editKey(change);
    const at = this.entries.findIndex((e) => editKey(e.change) === key);
    if (remove) {
      if (at < 0) return;
      this.entries.splice(at, 1);
    } else if (at >= 0) {
      this.entries[at] = { ...this.entries[at], change };
    } else {
      this.entries.push(entry(change));
    }
    this.#changed();
  }

  /** Removes the changes that `pred(change)` picks. */
  removeChanges(pred, { quiet = false } = {}) {
    const before = this.entries.length;
    this.entries = this.entries.filter((e) => !pred(e.change));
    if (this.entries.length !== before && !quiet) this.#changed();
  }

  /** One change's Remove button. */
  removeEntry(item) {
    const i = this.entries.indexOf(item);
    if (i < 0) return;
    this.entries.splice(i, 1);
    this.#changed(`Removed: ${describe(item.change, this.ctx).title}.`);
    // Focus goes to the next change's button (or the previous, or the heading).
    const next = this.entries[i] ?? this.entries[i - 1];
    (next ? this.rows.get(next.id)?.remove : this.changesTitle)?.focus();
  }

  /** How many more changes a scenario can take. */
  room() {
    return Math.max(0, this.#maxChanges() - this.entries.length);
  }

  /** The engine's limit on one what-if (its vocabulary()). */
  #maxChanges() {
    return this.vocabulary()?.limits?.max_changes ?? 0;
  }

  /** The engine's vocabularies and limits (deal types, stages, …), or null before it loads. */
  vocabulary() {
    return this.host.vocabulary?.() ?? null;
  }

  /** The add-deal form's type, product or discount moved: what it takes follows. */
  templateChanged() {
    this.#renderTakes();
  }

  #changed(announce = "") {
    this.dirty = true;
    this.#recompute(true, announce);
    for (const t of this.tools) if (t.tool !== this.csvTool && t.tool !== this.addTool) t.tool.refresh?.(this.ctx);
  }

  // --- computing ---------------------------------------------------------------------------

  #recompute(announce = false, prefix = "") {
    const engine = this.host.engine();
    if (!engine || !this.ctx) return;
    const pid = this.ctx.participant;
    try {
      this.outcome = this.entries.length ? run(engine, pid, this.entries) : { result: null, applied: [], skipped: new Map() };
      this.baseline = this.outcome.result ? this.outcome.result.baseline : engine.headline(pid);
    } catch (err) {
      this.#notice("error", `The scenario can't be computed: ${problemText(err)}`);
      return;
    }
    this.#renderTotals();
    this.#renderChanges();
    this.#renderState();
    if (announce) {
      const { fmt } = this.ctx;
      const r = this.outcome.result;
      const earned = r ? r.scenario.earned : this.baseline.earned;
      const d = r ? r.delta.earned : "0";
      const move = sign(d) === 0 ? "the same as actual" : `${sign(d) > 0 ? "up" : "down"} ${fmt.money(d.replace(/^-/, ""))} against actual`;
      const skipped = this.outcome.skipped.size ? ` ${this.outcome.skipped.size} skipped.` : "";
      setText(this.announcer, `${prefix ? `${prefix} ` : ""}Scenario: earned ${fmt.money(earned)}, ${move}.${skipped}`);
    }
  }

  #renderTotals() {
    const { fmt } = this.ctx;
    const r = this.outcome.result;
    for (const [key, t] of this.totals) {
      const actual = this.baseline[key];
      const value = r ? r.scenario[key] : actual;
      const d = r ? r.delta[key] : "0";
      setText(t.value, fmt.money(value));
      setText(t.delta, sign(d) === 0 ? "±0" : fmt.signedMoney(d));
      t.delta.dataset.direction = fmt.direction(d);
      setText(t.actual, `actual ${fmt.money(actual)}`);
    }
    const n = this.outcome.applied.length;
    const skipped = this.outcome.skipped.size;
    setText(
      this.totalsNote,
      n || skipped
        ? `The scenario's ${n} ${n === 1 ? "change" : "changes"}${skipped ? ` (and ${skipped} skipped)` : ""} against your actual pay. Your figures above stay as they are.`
        : "No changes yet: the scenario equals your actual pay.",
    );
  }

  #renderChanges() {
    const { fmt } = this.ctx;
    const effects = new Map(this.outcome.applied.map((e, i) => [e.id, this.outcome.result?.changes?.[i]]));
    const seen = new Set();
    this.entries.forEach((item, i) => {
      seen.add(item.id);
      let row = this.rows.get(item.id);
      if (!row || row.item !== item) {
        row?.el.remove();
        row = new ChangeRow(this, item);
        this.rows.set(item.id, row);
      }
      const rowsNote = item.rows ? `CSV ${item.rows.length > 1 ? "rows" : "row"} ${item.rows.join(", ")}` : "";
      row.update(describe(item.change, this.ctx), effects.get(item.id), this.outcome.skipped.get(item.id), fmt, rowsNote);
      const at = this.changeList.children[i];
      if (at !== row.el) this.changeList.insertBefore(row.el, at ?? null);
    });
    for (const [id, row] of this.rows) {
      if (!seen.has(id)) {
        row.el.remove();
        this.rows.delete(id);
      }
    }
    const n = this.entries.length;
    setText(this.changesTitle, n ? `Changes (${n})` : "Changes");
    this.changesEmpty.hidden = n > 0;
    this.changeList.hidden = n === 0;
    this.clearButton.hidden = n === 0;
  }

  #renderTakes() {
    const ctx = this.ctx;
    const engine = this.host.engine();
    if (!ctx || !engine) return;
    const st = ctx.statement;
    this.takes.hidden = st.quota === null || st.quota === undefined;
    if (this.takes.hidden) return;
    const { fmt } = ctx;
    const template = this.addTool.template();
    let w;
    try {
      w = engine.whatItTakes(ctx.participant, template);
    } catch (err) {
      setText(this.takesText, `What it takes can't be worked out for this deal: ${problemText(err)}`);
      this.takesButton.hidden = true;
      return;
    }
    this.takesButton.hidden = true;
    if (!w.next_tier) {
      setText(this.takesText, "You are in the top tier already: every further sale earns at the highest rate.");
      return;
    }
    const nt = w.next_tier;
    const head = `Next tier: ${fmt.multiplier(nt.multiplier)} from ${fmt.percent(nt.attainment)} of quota, ${fmt.money(nt.quota_credit_needed)} of quota credit away (from your actual numbers).`;
    if (w.amount_needed === null) {
      const why = ctx.role?.quota?.credit === "attribution"
        ? "Your quota credit comes from campaign attribution, so no single deal amount can be named."
        : `A ${template.type} deal doesn't count toward your quota${ctx.role?.quota?.types ? ` (it counts ${ctx.role.quota.types.join(" and ")} deals)` : ""}: pick another type in “Add a deal”.`;
      setText(this.takesText, `${head} ${why}`);
      return;
    }
    const like = [template.type, template.product, template.discount ? `${fmt.percent(template.discount)} off` : "", template.stage !== "booked" ? template.stage : ""].filter(Boolean).join(", ");
    setText(
      this.takesText,
      `${head} The smallest deal that gets you there: ${fmt.money(w.amount_needed)} (${like}, as set in “Add a deal”), adding ${fmt.money(w.extra_earned)} to what you earn.`,
    );
    this.takesButton.hidden = false;
    this.takesButton.dataset.amount = w.amount_needed;
    setText(this.takesButton, `Put ${fmt.money(w.amount_needed)} in the form`);
  }

  #showTool(key, focus = true) {
    this.tool = key;
    for (const t of this.tools) {
      const on = t.key === key;
      t.btn.setAttribute("aria-pressed", String(on));
      t.pane.hidden = !on;
    }
    if (focus) this.tools.find((t) => t.key === key)?.btn.focus();
  }

  // --- notices -----------------------------------------------------------------------------

  #notice(level, text, action = null) {
    const item = { level, text, action };
    this.notices = [...this.notices, item].slice(-MAX_NOTICES);
    this.#renderNotices();
    return item;
  }

  #renderNotices() {
    this.noticeList.replaceChildren(
      ...this.notices.map((n) => {
        const dismiss = button("Dismiss", { class: "small quiet", "aria-label": `Dismiss: ${n.text}` });
        dismiss.addEventListener("click", () => {
          this.notices = this.notices.filter((x) => x !== n);
          this.#renderNotices();
          this.toggle.focus();
        });
        let act = null;
        if (n.action) {
          act = button(n.action.label, { class: "small" });
          act.addEventListener("click", () => {
            n.action.run();
            this.notices = this.notices.filter((x) => x !== n);
            this.#renderNotices();
          });
        }
        return h("li", { class: "wi-notice", "data-level": n.level }, h("span", { class: "wi-notice-text", text: n.text }), act, dismiss);
      }),
    );
    this.noticeRegion.hidden = this.notices.length === 0;
  }

  // --- scenarios -----------------------------------------------------------------------------

  #loadList(report) {
    const { scenarios, notices } = this.store.list();
    this.saved = scenarios;
    if (report) {
      for (const n of notices) {
        const action = n.kind === "version" && n.key ? { label: "Delete it", run: () => this.store.remove("", n.key) } : null;
        this.#notice(n.level, n.text, action);
      }
    }
    const selected = this.savedField.control.value || this.name;
    this.savedField.control.replaceChildren(
      ...options(scenarios.length ? scenarios.map((s) => [s.name, `${s.name} (${s.changes.length} ${s.changes.length === 1 ? "change" : "changes"})`]) : [["", "none yet"]], selected),
    );
    this.#renderState();
  }

  #renderState() {
    const hasSaved = this.saved.length > 0;
    this.openButton.disabled = !hasSaved;
    this.deleteButton.disabled = !hasSaved;
    this.savedField.control.disabled = !hasSaved;
    this.exportButton.disabled = this.entries.length === 0;
    const typed = this.nameField.control.value.trim();
    let state = "";
    if (this.entries.length && (this.dirty || typed !== this.name)) state = "Unsaved changes";
    else if (this.name && typed === this.name) state = "Saved in this browser";
    setText(this.state, state);
    this.state.dataset.state = state.startsWith("Unsaved") ? "dirty" : "clean";
  }

  #save() {
    const name = this.nameField.control.value.trim();
    if (!this.nameField.error(nameProblem(name))) {
      this.nameField.control.focus();
      return;
    }
    const record = makeRecord({ name, plan: this.ctx.plan?.name, participant: this.ctx.participant, changes: compile(this.entries) });
    const problem = this.store.save(record);
    if (problem) {
      this.#notice("error", problem);
      return;
    }
    this.name = name;
    this.dirty = false;
    this.savedField.control.value = name;
    this.#loadList(false);
    this.savedField.control.value = name;
    this.#notice("info", `Saved “${name}” (${record.changes.length} ${record.changes.length === 1 ? "change" : "changes"}) in this browser.`);
    this.#renderState();
  }

  #openSaved() {
    const name = this.savedField.control.value;
    this.#loadList(false);
    const record = this.saved.find((s) => s.name === name);
    if (!record) {
      this.#notice("warning", `“${name}” is no longer saved in this browser.`);
      return;
    }
    this.#load(record, `Opened “${record.name}”.`);
  }

  #deleteSaved() {
    const name = this.savedField.control.value;
    if (!name) return;
    const problem = this.store.remove(name);
    if (problem) this.#notice("error", problem);
    else this.#notice("info", `Deleted “${name}” from this browser. The changes on screen stay until you start over.`);
    if (name === this.name) this.name = "";
    this.savedField.control.value = "";
    this.#loadList(false);
  }

  #startOver() {
    this.entries = [];
    this.name = "";
    this.nameField.control.value = "";
    this.nameField.error("");
    this.#changed("Started a new scenario.");
    this.dirty = false;
    this.#renderState();
    this.nameField.control.focus();
  }

  /** Makes a record the scenario on screen; reports the changes the data no longer fits. */
  #load(record, message, fromFile = false) {
    this.entries = decompile(record.changes).map((c) => entry(c));
    this.name = fromFile ? "" : record.name;
    this.nameField.control.value = record.name;
    this.nameField.error("");
    this.#recompute(true, message);
    this.dirty = fromFile;
    for (const t of this.tools) if (t.tool !== this.csvTool && t.tool !== this.addTool) t.tool.refresh?.(this.ctx);
    const skipped = this.outcome.skipped;
    const total = this.entries.length;
    if (skipped.size) {
      const first = this.entries.filter((e) => skipped.has(e.id)).slice(0, 3).map((e) => `${describe(e.change, this.ctx).title}: ${skipped.get(e.id)}`);
      this.#notice(
        "warning",
        `${message} ${skipped.size} of its ${total} changes no longer ${skipped.size === 1 ? "fits" : "fit"} the data and ${skipped.size === 1 ? "is" : "are"} skipped (${first.join("; ")}${skipped.size > 3 ? "; …" : ""}). The rest ${total - skipped.size === 1 ? "applies" : "apply"}.`,
      );
    } else {
      this.#notice("info", `${message} ${total} ${total === 1 ? "change" : "changes"}.`);
    }
    this.#renderState();
  }

  #export() {
    if (!this.entries.length) return;
    const name = this.nameField.control.value.trim() || this.name || "Untitled scenario";
    const record = makeRecord({ name, plan: this.ctx.plan?.name, participant: this.ctx.participant, changes: compile(this.entries) });
    const blob = new Blob([`${JSON.stringify(record, null, 2)}\n`], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    const a = h("a", { href: url, download: fileName(name), hidden: true });
    this.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    this.#notice("info", `Exported “${name}” as ${fileName(name)}.`);
  }

  async #importFile(file) {
    let text;
    try {
      text = await file.text();
    } catch (err) {
      this.#notice("error", `${file.name} could not be read (${err.message}).`);
      return;
    }
    const read = readRecord(text);
    if (!read.record) {
      this.#notice("error", `${file.name} can't be imported: it ${read.problem}.`);
      return;
    }
    const { record } = read;
    for (const d of read.dropped) this.#notice("warning", `${file.name}: ${d}.`);
    const ctx = this.ctx;
    const elsewhere = [];
    if (record.participant && record.participant !== ctx.participant) elsewhere.push(`for ${ctx.people.get(record.participant) ?? record.participant}`);
    if (record.plan && record.plan !== ctx.plan?.name) elsewhere.push(`on the plan “${record.plan}”`);
    if (elsewhere.length) this.#notice("warning", `${file.name} was made ${elsewhere.join(" ")}; its changes are tried on ${ctx.people.get(ctx.participant) ?? ctx.participant} here.`);
    this.#load(record, `Imported “${record.name}” from ${file.name}; save it to keep it in this browser.`, true);
  }
}
