// The what-if panel's scenario bar: name a scenario, save it in this
// browser, open or delete a saved one, start over, export it as a JSON
// file or import one. The panel (whatif.js) owns the changes; this bar
// keeps the name and whether what is on screen is saved.

import { h, setText } from "./dom.js";
import { button, field, filePicker, options } from "./form.js";
import { fileName, makeRecord, nameProblem, readRecord } from "./scenarios.js";
import { compile, describe } from "./whatif-model.js";

export class ScenarioBar {
  /**
   * panel: { changes(), context(), store(), notice(level, text, action),
   * replaceChanges(changes, message) → { skipped: Map, entries },
   * focusToggle() }.
   */
  constructor(panel) {
    this.panel = panel;
    this.name = "";
    this.dirty = false;
    this.saved = [];
    this.listLoaded = false;
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
    this.el = h(
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
      this.render();
    });
    this.openButton.addEventListener("click", () => this.#openSaved());
    this.deleteButton.addEventListener("click", () => this.#deleteSaved());
    this.newButton.addEventListener("click", () => this.#startOver());
    this.exportButton.addEventListener("click", () => this.#export());
    this.savedField.control.addEventListener("change", () => this.render());
  }

  /** Another person or plan: nothing named, nothing loaded yet. */
  reset() {
    this.name = "";
    this.nameField.control.value = "";
    this.dirty = false;
    this.listLoaded = false;
  }

  /** The panel opened: the saved list is read once (and its problems told). */
  opened() {
    if (this.listLoaded) return;
    this.listLoaded = true;
    this.#loadList(true);
  }

  /** The changes moved: what is on screen is no longer what was saved. */
  touched() {
    this.dirty = true;
    this.render();
  }

  render() {
    const hasSaved = this.saved.length > 0;
    this.openButton.disabled = !hasSaved;
    this.deleteButton.disabled = !hasSaved;
    this.savedField.control.disabled = !hasSaved;
    const n = this.panel.changes().length;
    this.exportButton.disabled = n === 0;
    const typed = this.nameField.control.value.trim();
    let state = "";
    if (n && (this.dirty || typed !== this.name)) state = "Unsaved changes";
    else if (this.name && typed === this.name) state = "Saved in this browser";
    setText(this.state, state);
    this.state.dataset.state = state.startsWith("Unsaved") ? "dirty" : "clean";
  }

  #loadList(report) {
    const store = this.panel.store();
    const { scenarios, notices } = store.list();
    this.saved = scenarios;
    if (report) {
      for (const n of notices) {
        const action = n.kind === "version" && n.key ? { label: "Delete it", run: () => store.remove("", n.key) } : null;
        this.panel.notice(n.level, n.text, action);
      }
    }
    const selected = this.savedField.control.value || this.name;
    this.savedField.control.replaceChildren(
      ...options(scenarios.length ? scenarios.map((s) => [s.name, `${s.name} (${s.changes.length} ${s.changes.length === 1 ? "change" : "changes"})`]) : [["", "none yet"]], selected),
    );
    this.render();
  }

  #record(name) {
    const ctx = this.panel.context();
    return makeRecord({ name, plan: ctx.plan?.name, participant: ctx.participant, changes: compile(this.panel.changes()) });
  }

  /** Saves under the typed name; another scenario of that name is replaced only when the user says so. */
  #save(replace = false) {
    const name = this.nameField.control.value.trim();
    if (!this.nameField.error(nameProblem(name))) {
      this.nameField.control.focus();
      return;
    }
    if (!replace && name !== this.name && this.saved.some((s) => s.name === name)) {
      this.panel.notice("warning", `A scenario named “${name}” is saved already.`, { label: `Replace “${name}”`, run: () => this.#save(true) });
      return;
    }
    const record = this.#record(name);
    const problem = this.panel.store().save(record);
    if (problem) {
      this.panel.notice("error", problem);
      return;
    }
    this.name = name;
    this.dirty = false;
    this.#loadList(false);
    this.savedField.control.value = name;
    this.panel.notice("info", `Saved “${name}” (${record.changes.length} ${record.changes.length === 1 ? "change" : "changes"}) in this browser.`);
    this.render();
  }

  #openSaved() {
    const name = this.savedField.control.value;
    this.#loadList(false);
    const record = this.saved.find((s) => s.name === name);
    if (!record) {
      this.panel.notice("warning", `“${name}” is no longer saved in this browser.`);
      return;
    }
    this.#load(record, `Opened “${record.name}”.`);
  }

  #deleteSaved() {
    const name = this.savedField.control.value;
    if (!name) return;
    const problem = this.panel.store().remove(name);
    if (problem) this.panel.notice("error", problem);
    else this.panel.notice("info", `Deleted “${name}” from this browser. The changes on screen stay until you start over.`);
    if (name === this.name) this.name = "";
    this.savedField.control.value = "";
    this.#loadList(false);
  }

  /** Whether there are changes on screen that are not saved. */
  unsaved() {
    return this.panel.changes().length > 0 && (this.dirty || this.nameField.control.value.trim() !== this.name);
  }

  #startOver(sure = false) {
    if (!sure && this.unsaved()) {
      const n = this.panel.changes().length;
      this.panel.notice("warning", `Start over drops ${n} unsaved ${n === 1 ? "change" : "changes"}.`, { label: "Start over anyway", run: () => this.#startOver(true) });
      return;
    }
    this.name = "";
    this.nameField.control.value = "";
    this.nameField.error("");
    this.panel.replaceChanges([], "Started a new scenario.");
    this.dirty = false;
    this.render();
    this.nameField.control.focus();
  }

  /** Makes a record the scenario on screen; reports the changes the data no longer fits. */
  #load(record, message, fromFile = false) {
    this.name = fromFile ? "" : record.name;
    this.nameField.control.value = record.name;
    this.nameField.error("");
    const { skipped, entries } = this.panel.replaceChanges(record.changes, message);
    this.dirty = fromFile;
    const total = entries.length;
    if (skipped.size) {
      const ctx = this.panel.context();
      const first = entries.filter((e) => skipped.has(e.id)).slice(0, 3).map((e) => `${describe(e.change, ctx).title}: ${skipped.get(e.id)}`);
      this.panel.notice(
        "warning",
        `${message} ${skipped.size} of its ${total} changes no longer ${skipped.size === 1 ? "fits" : "fit"} the data and ${skipped.size === 1 ? "is" : "are"} skipped (${first.join("; ")}${skipped.size > 3 ? "; …" : ""}). The rest ${total - skipped.size === 1 ? "applies" : "apply"}.`,
      );
    } else {
      this.panel.notice("info", `${message} ${total} ${total === 1 ? "change" : "changes"}.`);
    }
    this.render();
  }

  #export() {
    if (!this.panel.changes().length) return;
    const name = this.nameField.control.value.trim() || this.name || "Untitled scenario";
    const record = this.#record(name);
    const blob = new Blob([`${JSON.stringify(record, null, 2)}\n`], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    const a = h("a", { href: url, download: fileName(name), hidden: true });
    this.el.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    this.panel.notice("info", `Exported “${name}” as ${fileName(name)}.`);
  }

  async #importFile(file) {
    let text;
    try {
      text = await file.text();
    } catch (err) {
      this.panel.notice("error", `${file.name} could not be read (${err.message}).`);
      return;
    }
    const read = readRecord(text);
    if (!read.record) {
      this.panel.notice("error", `${file.name} can't be imported: it ${read.problem}.`);
      return;
    }
    const { record } = read;
    for (const d of read.dropped) this.panel.notice("warning", `${file.name}: ${d}.`);
    const ctx = this.panel.context();
    const elsewhere = [];
    if (record.participant && record.participant !== ctx.participant) elsewhere.push(`for ${ctx.people.get(record.participant) ?? record.participant}`);
    if (record.plan && record.plan !== ctx.plan?.name) elsewhere.push(`on the plan “${record.plan}”`);
    if (elsewhere.length) {
      this.panel.notice("warning", `${file.name} was made ${elsewhere.join(" ")}; its changes are tried on ${ctx.people.get(ctx.participant) ?? ctx.participant} here.`);
    }
    this.#load(record, `Imported “${record.name}” from ${file.name}; save it to keep it in this browser.`, true);
  }
}
