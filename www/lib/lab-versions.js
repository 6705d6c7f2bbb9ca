// Saved versions of the plan (in this browser's localStorage), the choice
// of which one the edited plan is compared with, exporting the edited plan
// as JSON, importing one, and the backtest's CSV download.

import { h } from "./dom.js";

const KEY = "incentive-plan-lab:versions";

function readAll() {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? "[]");
    return Array.isArray(v) ? v.filter((x) => x && typeof x.name === "string" && x.plan) : [];
  } catch {
    return [];
  }
}

/** Offers `text` as a file download. */
export function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export class Versions {
  /** `current()` the edited plan; `onCompare(plan | null)` (null: the plan it came with); `onImport(plan)`; `onBacktest()`. */
  constructor({ current, onCompare, onImport, onBacktest, onStatus }) {
    this.current = current;
    this.onStatus = onStatus;
    this.name = h("input", { type: "text", part: "version-name", "aria-label": "Name of this version", placeholder: "Version name" });
    this.compare = h("select", { part: "compare", "aria-label": "Compare the edited plan with" });
    this.compare.addEventListener("change", () => {
      const v = readAll().find((x) => x.name === this.compare.value);
      onCompare(v ? v.plan : null);
    });
    const file = h("input", { type: "file", accept: "application/json,.json", hidden: true, "aria-hidden": "true", tabindex: "-1" });
    file.addEventListener("change", async () => {
      const f = file.files?.[0];
      if (!f) return;
      try {
        onImport(JSON.parse(await f.text()));
      } catch (err) {
        onStatus(`${f.name} is not JSON: ${err.message}`);
      }
      file.value = "";
    });
    const button = (text, part, onclick) => h("button", { type: "button", part, text, onclick });
    this.el = h(
      "div",
      { class: "toolbar", part: "toolbar", role: "toolbar", "aria-label": "Plan versions" },
      this.name,
      button("Save version", "save", () => this.save()),
      h("label", { class: "compare-label" }, "Compare with ", this.compare),
      button("Export plan JSON", "export", () => download(`${this.#slug()}.json`, `${JSON.stringify(this.current(), null, 2)}\n`, "application/json")),
      button("Import plan…", "import", () => file.click()),
      button("Backtest CSV", "backtest", () => onBacktest()),
      file,
    );
    this.refresh();
  }

  #slug() {
    const n = String(this.current()?.name ?? "plan").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    return n || "plan";
  }

  save() {
    const name = this.name.value.trim() || `Version ${readAll().length + 1}`;
    const all = readAll().filter((v) => v.name !== name);
    all.push({ name, saved: new Date().toISOString(), plan: this.current() });
    try {
      localStorage.setItem(KEY, JSON.stringify(all));
      this.onStatus(`Saved "${name}".`);
    } catch (err) {
      this.onStatus(`Could not save "${name}": ${err.message}`);
    }
    this.name.value = "";
    this.refresh();
  }

  refresh() {
    const chosen = this.compare.value;
    this.compare.replaceChildren(h("option", { value: "", text: "the plan it came with" }), ...readAll().map((v) => h("option", { value: v.name, text: v.name })));
    this.compare.value = [...this.compare.options].some((o) => o.value === chosen) ? chosen : "";
  }
}
