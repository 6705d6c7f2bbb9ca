// The plan lab's form: one input per field the engine lists (planFields:
// path, label, kind, choices), grouped by role and component, and the
// plan's JSON beside it. An edit writes the value at its path into a copy
// of the plan and hands the copy on; a problem comes back at its path and
// is shown at that field (or, for a path no field has, at the nearest
// group and in the summary).

import { h, uid } from "./dom.js";

const HINTS = {
  fraction: "a fraction: 0.1 is 10%",
  multiplier: "a multiplier: 1.5 is ×1.5",
  money: "an amount",
  number: "a whole number",
  date: "a date, YYYY-MM-DD",
  list: "comma-separated",
};

/** Sets `value` at a problem path (`plan.roles[0].rates.new`) of `doc`. */
export function setAt(doc, path, value) {
  const keys = [...path.replace(/^plan\.?/, "").matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]));
  let node = doc;
  for (const k of keys.slice(0, -1)) node = node[k];
  node[keys[keys.length - 1]] = value;
}

/** A field's text as the plan writes it. */
function toJson(field, text) {
  if (field.kind === "list") return text.split(",").map((x) => x.trim()).filter(Boolean);
  if (field.number) {
    const n = Number(text.trim());
    return text.trim() !== "" && Number.isFinite(n) ? n : text;
  }
  return text.trim();
}

export class PlanForm {
  /** `onEdit(plan)` after every change; `fmt()` the current formats. */
  constructor({ onEdit, fmt }) {
    this.onEdit = onEdit;
    this.fmt = fmt;
    this.plan = null;
    this.inputs = new Map(); // path → { field, input, error, echo, group }
    this.groups = new Map(); // group name → { el, error }
    this.summary = h("div", { class: "problems", part: "problems", role: "alert", hidden: true });
    this.fieldsEl = h("div", { class: "fields", part: "fields" });
    this.json = h("textarea", { class: "json", part: "json", spellcheck: "false", rows: 24, "aria-label": "The plan as JSON" });
    this.jsonError = h("p", { class: "field-error", id: uid("json-error"), hidden: true });
    this.json.setAttribute("aria-describedby", this.jsonError.id);
    this.json.addEventListener("input", () => this.#fromJson());
    this.jsonView = h("details", { class: "json-view", part: "json-view" }, h("summary", { text: "The plan as JSON" }), this.json, this.jsonError);
    this.el = h("form", { class: "plan-form", part: "form", "aria-label": "The edited plan", onsubmit: (e) => e.preventDefault() }, this.summary, this.fieldsEl, this.jsonView);
  }

  /** A new plan (loaded, imported or typed as JSON); `fields` when its fields changed. */
  setPlan(plan, fields) {
    this.plan = structuredClone(plan);
    if (fields) this.#build(fields);
    else for (const { field, input } of this.inputs.values()) this.#fill(field, input);
    if (this.json !== this.json.getRootNode().activeElement) this.json.value = JSON.stringify(this.plan, null, 2);
  }

  #fill(field, input) {
    const at = this.#valueAt(field.path);
    const text = Array.isArray(at) ? at.join(", ") : at === undefined || at === null ? "" : String(at);
    if (input.value !== text && input !== input.getRootNode().activeElement) input.value = text;
  }

  #valueAt(path) {
    const keys = [...path.replace(/^plan\.?/, "").matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]));
    return keys.reduce((n, k) => (n === undefined || n === null ? undefined : n[k]), this.plan);
  }

  #build(fields) {
    this.inputs.clear();
    this.groups.clear();
    const sets = [];
    for (const field of fields) {
      let group = this.groups.get(field.group);
      if (!group) {
        const error = h("p", { class: "group-error", hidden: true });
        const el = h("fieldset", { class: "group" }, h("legend", { text: field.group }), error);
        group = { el, error };
        this.groups.set(field.group, group);
        sets.push(el);
      }
      const id = uid("field");
      const error = h("p", { class: "field-error", id: `${id}-error`, hidden: true });
      const echo = h("span", { class: "echo", id: `${id}-echo` });
      const input =
        field.kind === "choice"
          ? h("select", { id, "data-path": field.path }, ...field.choices.map((c) => h("option", { value: c, text: c })))
          : h("input", { id, "data-path": field.path, type: "text", inputmode: field.kind === "text" || field.kind === "list" || field.kind === "date" ? "text" : "decimal", autocomplete: "off", spellcheck: "false" });
      input.setAttribute("aria-describedby", `${id}-echo ${id}-error`);
      const hint = HINTS[field.kind] ? `${HINTS[field.kind]}${field.choices?.length && field.kind === "list" ? ` of ${field.choices.join(", ")}` : ""}` : "";
      if (hint) input.setAttribute("title", hint);
      input.addEventListener(field.kind === "choice" ? "change" : "input", () => this.#edited(field, input));
      this.#fill(field, input);
      group.el.append(h("div", { class: "field", "data-kind": field.kind }, h("label", { for: id, text: field.label || field.path }), input, echo, error));
      this.inputs.set(field.path, { field, input, error, echo, group });
      this.#echo(field, input, echo);
    }
    this.fieldsEl.replaceChildren(...sets);
  }

  /** The value in people's words beside the input ("= 12%", "×1.5"). */
  #echo(field, input, echo) {
    const fmt = this.fmt();
    const v = input.value.trim();
    const ok = /^-?\d+(\.\d+)?$/.test(v);
    const text = !ok ? "" : field.kind === "fraction" ? `= ${fmt.exactPercent(v)}` : field.kind === "multiplier" ? fmt.multiplier(v) : field.kind === "money" ? fmt.money(v) : "";
    echo.textContent = text;
  }

  #edited(field, input) {
    setAt(this.plan, field.path, toJson(field, input.value));
    const entry = this.inputs.get(field.path);
    this.#echo(field, input, entry.echo);
    this.json.value = JSON.stringify(this.plan, null, 2);
    this.onEdit(structuredClone(this.plan));
  }

  #fromJson() {
    let plan;
    try {
      plan = JSON.parse(this.json.value);
    } catch (err) {
      this.jsonError.textContent = `Not JSON yet: ${err.message}`;
      this.jsonError.hidden = false;
      this.json.setAttribute("aria-invalid", "true");
      return;
    }
    this.jsonError.hidden = true;
    this.json.removeAttribute("aria-invalid");
    this.plan = plan;
    for (const { field, input } of this.inputs.values()) this.#fill(field, input);
    this.onEdit(structuredClone(plan));
  }

  /** Shows `problems` ([{ path, message }]) at their fields; [] clears them. */
  showProblems(problems) {
    for (const { input, error } of this.inputs.values()) {
      error.hidden = true;
      error.textContent = "";
      input.removeAttribute("aria-invalid");
    }
    for (const g of this.groups.values()) g.error.hidden = true;
    const items = [];
    for (const p of problems) {
      const entry = this.#entryFor(p.path);
      if (entry?.exact) {
        entry.error.textContent = entry.error.textContent ? `${entry.error.textContent} ${p.message}` : p.message;
        entry.error.hidden = false;
        entry.input.setAttribute("aria-invalid", "true");
      } else if (entry) {
        entry.group.error.textContent = `${p.path}: ${p.message}`;
        entry.group.error.hidden = false;
      }
      const go = entry ? h("button", { type: "button", class: "link", text: p.path, onclick: () => entry.input.focus() }) : h("code", { text: p.path });
      items.push(h("li", {}, go, `: ${p.message}`));
    }
    this.summary.hidden = problems.length === 0;
    this.summary.replaceChildren(...(problems.length ? [h("p", { text: problems.length === 1 ? "1 problem: the plan is not in force until it is fixed" : `${problems.length} problems: the plan is not in force until they are fixed` }), h("ul", {}, ...items)] : []));
  }

  /** The field at `path`, or the nearest one around it. */
  #entryFor(path) {
    const exact = this.inputs.get(path);
    if (exact) return { ...exact, exact: true };
    let best = null;
    for (const [p, e] of this.inputs) {
      if ((p.startsWith(`${path}.`) || p.startsWith(`${path}[`) || path.startsWith(`${p}.`) || path.startsWith(`${p}[`)) && (!best || p.length < best[0].length)) best = [p, e];
    }
    return best ? { ...best[1], exact: path.startsWith(best[0]) } : null;
  }
}
