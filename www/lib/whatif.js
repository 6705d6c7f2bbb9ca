// The what-if panel: a disclosure under the gauges where a rep tries
// changes (a hypothetical deal, an edited or dropped deal, a campaign touch
// left out, company revenue moved, deals from a CRM export) and sees, at
// once and for each change, the new total and the delta against actual.
// Everything is computed by `engine.whatIf` on a copy (the engine and the
// figures above never change); `engine.headline` gives the actual figures
// where no sentences are needed, `engine.whatItTakes` the way to the next
// tier. Scenarios are named, saved in this browser (scenarios.js) and
// exported or imported as JSON files.

import { h, setText, stylesheet, uid } from "./dom.js";
import { sign } from "./decimal.js";
import { ScenarioStore } from "./scenarios.js";
import { decompile, describe, editKey, entry, problemText, run } from "./whatif-model.js";
import { AddDealTool } from "./whatif-add.js";
import { EditDealTool } from "./whatif-edit.js";
import { RevenueTool } from "./whatif-revenue.js";
import { CsvTool } from "./whatif-csv.js";
import { ChangeList } from "./whatif-changes.js";
import { Notices } from "./whatif-notices.js";
import { ScenarioBar } from "./whatif-scenarios-bar.js";
import { TakesBox } from "./whatif-takes.js";
import { TotalsView } from "./whatif-totals.js";
import { contextOf } from "./whatif-context.js";

// The panel body's sheets, linked when it first opens.
const SHEETS = [new URL("./whatif.css", import.meta.url), new URL("./whatif-tools.css", import.meta.url)];

export class WhatIfView {
  #styled = null;
  #entries = [];
  #ctx = null;
  #scope = null;
  #open = false;
  #outcome = { result: null, applied: [], skipped: new Map() };
  #baseline = null;
  #stale = true;
  #store = null;
  #tool = "add";
  /** Unsaved scenarios of the people switched away from, kept for this page's life: scope → { entries, name }. */
  #drafts = new Map();

  /** host: { engine() → the element's engine or null, vocabulary() → its vocabulary or null, readAmount(text) → the engine's money reader, storage() → a Storage (may throw) }. */
  constructor(headingId, host) {
    this.host = host;
    const bodyId = uid("wi-body");
    this.toggle = h("button", { type: "button", class: "btn primary whatif-toggle", part: "whatif-toggle", "aria-expanded": "false", "aria-controls": bodyId }, "Try a what-if");
    this.toggle.addEventListener("click", () => this.setOpen(!this.#open));

    this.notices = new Notices(() => this.toggle);
    this.announcer = h("p", { class: "visually-hidden wi-announcer", role: "status" });
    this.bar = new ScenarioBar({
      changes: () => this.#entries,
      context: () => this.#ctx,
      store: () => this.#store,
      notice: (level, text, action) => this.#notice(level, text, action),
      replaceChanges: (changes, message) => this.#replace(changes, message),
    });

    // Totals: the scenario against actual.
    this.totals = new TotalsView();
    this.takes = new TakesBox((amount) => {
      this.#showTool("add");
      this.addTool.useAmount(amount);
    });

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
    this.changeList = new ChangeList({
      onRemove: (item) => this.#removeEntry(item),
      onEdit: (item) => {
        this.#showTool("add");
        this.addTool.load(item);
      },
      onClear: () => {
        this.#entries = [];
        this.#changed("All changes removed.");
      },
    });

    this.body = h(
      "div",
      { class: "whatif-body", id: bodyId, hidden: true },
      this.bar.el,
      this.notices.el,
      h("div", { class: "wi-result" }, this.totals.list, this.totals.note, this.takes.el),
      this.toolsEl,
      this.changeList.el,
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
    // Escape cancels the CSV mapping step if it is open, else closes the
    // panel; the focus goes back where the user started (the file button,
    // the toggle).
    this.el.addEventListener("keydown", (e) => {
      if (e.key !== "Escape" || !this.#open || e.defaultPrevented) return;
      e.preventDefault();
      if (this.csvTool.cancel()) return;
      this.setOpen(false);
      this.toggle.focus();
    });
  }

  // --- the element's side -------------------------------------------------------------

  /**
   * Called on every render of the element with its model (statement,
   * facts, plan, fmt; deals, dealFacts and people are asked of the engine
   * only when read, so only while the panel is open).
   */
  update(model) {
    const { statement, plan } = model;
    const participant = statement.participant;
    const scope = `${plan?.name ?? ""}\u0000${participant}`;
    this.#ctx = contextOf(model);
    if (scope !== this.#scope) {
      // Another person or plan: their own scenarios. Unsaved changes are
      // kept aside (not dropped) and come back with the person.
      if (this.#scope !== null && this.bar.unsaved()) this.#drafts.set(this.#scope, { entries: this.#entries, typed: this.bar.nameField.control.value });
      this.#scope = scope;
      this.#store = new ScenarioStore(this.host.storage, plan?.name ?? "", participant);
      const draft = this.#drafts.get(scope);
      this.#drafts.delete(scope);
      this.#entries = draft ? draft.entries : [];
      this.changeList.reset();
      this.notices.clear();
      this.bar.reset();
      if (draft) {
        this.bar.nameField.control.value = draft.typed;
        this.bar.touched();
        const n = draft.entries.length;
        this.#notice("info", `Your ${n} unsaved ${n === 1 ? "change is" : "changes are"} back, as you left ${n === 1 ? "it" : "them"}.`);
      }
    }
    this.#stale = true;
    if (this.#open) this.#refresh();
  }

  /** Whether the panel is open. */
  get isOpen() {
    return this.#open;
  }

  setOpen(open) {
    this.#open = open;
    if (!open) this.body.hidden = true;
    else {
      // Its styles come with the panel: shown once they are in.
      if (!this.#styled) {
        const sheets = SHEETS.map(stylesheet);
        this.el.prepend(...sheets.map((x) => x.link));
        this.#styled = Promise.all(sheets.map((x) => x.ready));
      }
      this.#styled.then(() => {
        if (this.#open) this.body.hidden = false;
      });
    }
    this.toggle.setAttribute("aria-expanded", String(open));
    setText(this.toggle, open ? "Close what-if" : "Try a what-if");
    if (open && this.#ctx) this.#refresh();
  }

  #refresh() {
    this.bar.opened();
    for (const t of this.tools) t.tool.refresh?.(this.#ctx);
    const revenue = this.tools.find((t) => t.key === "revenue");
    revenue.btn.hidden = !RevenueTool.applies(this.#ctx);
    if (revenue.btn.hidden && this.#tool === "revenue") this.#showTool("add", false);
    if (this.#stale) {
      this.#stale = false;
      this.#recompute();
      this.#renderTakes();
    }
  }

  // --- the tools' side -------------------------------------------------------------------

  /** What the tools work from: statement, facts, plan, role, fmt, participant, deals, dealFacts, people, products, goal, defaults. */
  context() {
    return this.#ctx;
  }

  /** The scenario's entries, in order ([{ id, change, rows? }]; read only). */
  changes() {
    return this.#entries;
  }

  /** The engine in force, or null. */
  engine() {
    return this.host.engine();
  }

  /** An amount as typed, read by the engine's money reader: { value } or { error }. */
  readAmount(text) {
    return this.host.readAmount?.(text) ?? { error: "The engine is still loading; try again in a moment." };
  }

  /** The engine's vocabularies and limits (deal types, stages, …), or null before it loads. */
  vocabulary() {
    return this.host.vocabulary?.() ?? null;
  }

  /** Adds changes (each a change, or { change, meta }) at the end. */
  addChanges(list, { announce = "" } = {}) {
    const room = this.room();
    const items = list.slice(0, room).map((x) => (x.op ? entry(x) : entry(x.change, x.meta)));
    if (list.length > room) this.#notice("warning", `A scenario holds at most ${this.#maxChanges()} changes; ${list.length - room} were left out.`);
    this.#entries.push(...items);
    this.#changed(announce);
  }

  /** Sets an edit (replacing the same edit), or with `remove` takes it out. */
  setChange(change, remove) {
    const key = editKey(change);
    const at = this.#entries.findIndex((e) => editKey(e.change) === key);
    if (remove) {
      if (at < 0) return;
      this.#entries.splice(at, 1);
    } else if (at >= 0) {
      this.#entries[at] = { ...this.#entries[at], change };
    } else {
      this.#entries.push(entry(change));
    }
    this.#changed();
  }

  /** Removes the changes that `pred(change)` picks. */
  removeChanges(pred, { quiet = false } = {}) {
    const before = this.#entries.length;
    this.#entries = this.#entries.filter((e) => !pred(e.change));
    if (this.#entries.length !== before && !quiet) this.#changed();
  }

  /** How many more changes a scenario can take. */
  room() {
    return Math.max(0, this.#maxChanges() - this.#entries.length);
  }

  /** The add-deal form's type, product or discount moved: what it takes follows. */
  templateChanged() {
    this.#renderTakes();
  }

  /** The engine's limit on one what-if (its vocabulary()). */
  #maxChanges() {
    return this.vocabulary()?.limits?.max_changes ?? 0;
  }

  /** Puts `change` in place of the entry `item` (an edited hypothetical deal); false when it is gone. */
  replaceChange(item, change, { announce = "" } = {}) {
    const i = this.#entries.indexOf(item);
    if (i < 0) return false;
    this.#entries[i] = { ...item, change };
    this.#changed(announce);
    return true;
  }

  /** One change's Remove button. */
  #removeEntry(item) {
    const i = this.#entries.indexOf(item);
    if (i < 0) return;
    this.#entries.splice(i, 1);
    this.#changed(`Removed: ${describe(item.change, this.#ctx).title}.`);
    this.changeList.focusAfterRemoval(this.#entries, i);
  }

  /** A saved or imported scenario (engine changes) becomes the one on screen. */
  #replace(changes, message) {
    this.#entries = decompile(changes).map((c) => entry(c));
    this.#recompute(true, message);
    this.#renderTakes();
    for (const t of this.tools) if (t.tool !== this.csvTool && t.tool !== this.addTool) t.tool.refresh?.(this.#ctx);
    return { skipped: this.#outcome.skipped, entries: this.#entries };
  }

  #changed(announce = "") {
    this.bar.touched();
    this.#recompute(true, announce);
    this.#renderTakes();
    for (const t of this.tools) if (t.tool !== this.csvTool && t.tool !== this.addTool) t.tool.refresh?.(this.#ctx);
  }

  // --- computing ---------------------------------------------------------------------------

  #recompute(announce = false, prefix = "") {
    const engine = this.host.engine();
    if (!engine || !this.#ctx) return;
    const pid = this.#ctx.participant;
    try {
      this.#outcome = this.#entries.length ? run(engine, pid, this.#entries) : { result: null, applied: [], skipped: new Map() };
      this.#baseline = this.#outcome.result ? this.#outcome.result.baseline : engine.headline(pid);
    } catch (err) {
      this.#notice("error", `The scenario can't be computed: ${problemText(err)}`);
      return;
    }
    this.totals.render(this.#outcome, this.#baseline, this.#ctx.fmt);
    this.changeList.render(this.#entries, this.#outcome, this.#ctx);
    this.bar.render();
    if (announce) {
      const { fmt } = this.#ctx;
      const r = this.#outcome.result;
      const earned = r ? r.scenario.earned : this.#baseline.earned;
      const d = r ? r.delta.earned : "0";
      const move = sign(d) === 0 ? "the same as actual" : `${sign(d) > 0 ? "up" : "down"} ${fmt.money(d.replace(/^-/, ""))} against actual`;
      const skipped = this.#outcome.skipped.size ? ` ${this.#outcome.skipped.size} skipped.` : "";
      setText(this.announcer, `${prefix ? `${prefix} ` : ""}Scenario: earned ${fmt.money(earned)}, ${move}.${skipped}`);
    }
  }



  #renderTakes() {
    const engine = this.host.engine();
    if (!this.#ctx || !engine) return;
    this.takes.render(engine, this.#ctx, this.addTool.template(), this.#outcome.applied);
  }

  #showTool(key, focus = true) {
    this.#tool = key;
    for (const t of this.tools) {
      const on = t.key === key;
      t.btn.setAttribute("aria-pressed", String(on));
      t.pane.hidden = !on;
    }
    if (focus) this.tools.find((t) => t.key === key)?.btn.focus();
  }

  #notice(level, text, action = null) {
    return this.notices.add(level, text, action);
  }
}
