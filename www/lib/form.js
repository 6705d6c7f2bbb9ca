// Form controls for the what-if panel: labelled fields with an error line
// wired through aria-describedby / aria-invalid, buttons, selects. All text
// goes in through textContent (dom.js).

import { h, setText, uid } from "./dom.js";

/** A button: button("Save", { class: "primary", onclick }). */
export function button(text, props = {}) {
  const { class: cls, ...rest } = props;
  return h("button", { type: "button", class: ["btn", cls], ...rest }, text);
}

/** Options from [value, text] pairs or { value, text, group } objects; groups become <optgroup>s. */
export function options(list, selected) {
  const out = [];
  const groups = new Map();
  for (const item of list) {
    const [value, text, group] = Array.isArray(item) ? item : [item.value, item.text, item.group];
    const opt = h("option", { value: String(value), text: String(text) });
    if (String(value) === String(selected ?? "")) opt.selected = true;
    if (!group) {
      out.push(opt);
      continue;
    }
    let g = groups.get(group);
    if (!g) {
      g = h("optgroup", { label: group });
      groups.set(group, g);
      out.push(g);
    }
    g.append(opt);
  }
  return out;
}

/**
 * A labelled control with a hint and an error line:
 * const f = field("Amount", h("input", {...}), { hint: "in USD" });
 * f.el (the wrapper), f.control, f.error(text) shows or clears the error.
 */
export function field(label, control, { hint = "", class: cls = "" } = {}) {
  const id = control.id || uid("wi-field");
  control.id = id;
  const errorId = uid("wi-err");
  const hintId = hint ? uid("wi-hint") : null;
  const errorEl = h("span", { class: "field-error", id: errorId, hidden: true });
  const hintEl = hint ? h("span", { class: "field-hint", id: hintId, text: hint }) : null;
  control.setAttribute("aria-describedby", [hintId, errorId].filter(Boolean).join(" "));
  const el = h("div", { class: ["field", cls] }, h("label", { class: "field-label", for: id, text: label }), control, hintEl, errorEl);
  return {
    el,
    control,
    error(text) {
      setText(errorEl, text ?? "");
      errorEl.hidden = !text;
      if (text) control.setAttribute("aria-invalid", "true");
      else control.removeAttribute("aria-invalid");
      return !text;
    },
  };
}

/** A text input for decimals (exact: read as a string, never a float). */
export function decimalInput(props = {}) {
  return h("input", { type: "text", inputmode: "decimal", autocomplete: "off", spellcheck: "false", ...props });
}

/** A hidden file input opened by a visible button; onFile(file) gets the chosen file. */
export function filePicker(text, accept, onFile, props = {}) {
  const input = h("input", { type: "file", accept, hidden: true, tabindex: "-1", "aria-hidden": "true" });
  const btn = button(text, props);
  btn.addEventListener("click", () => input.click());
  input.addEventListener("change", () => {
    const file = input.files?.[0];
    input.value = ""; // the same file again is a new choice
    if (file) onFile(file);
  });
  return { button: btn, input };
}

/** The user's decimal ("30,000.00", "30000") as a plain decimal string, or null. */
export function readDecimal(text) {
  let s = String(text ?? "").trim().replace(/\s+/g, "");
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replaceAll(",", "");
  return /^\d+(\.\d+)?$/.test(s) ? s : null;
}
