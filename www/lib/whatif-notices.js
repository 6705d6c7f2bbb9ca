// The what-if panel's notices: what was saved, skipped or refused, each
// with a Dismiss button (and at most one action, such as "Delete it").
// The newest few are kept; a notice like the last one replaces it rather
// than piling up.

import { h } from "./dom.js";
import { button } from "./form.js";

const MAX_NOTICES = 6;

export class Notices {
  /** focusAfter(): where the focus goes when a notice is dismissed. */
  constructor(focusAfter) {
    this.focusAfter = focusAfter;
    this.items = [];
    this.list = h("ul", { class: "wi-notices" });
    // A live region by role (status: polite), so that the element's own
    // announcer stays the first aria-live region of the card.
    this.el = h("div", { class: "wi-notice-region", role: "status", part: "whatif-notices", "aria-atomic": "false", hidden: true }, this.list);
  }

  /** Adds a notice: level "info" | "warning" | "error"; action { label, run } or null. */
  add(level, text, action = null) {
    const item = { level, text, action };
    const rest = this.items.filter((n) => n.text !== text);
    this.items = [...rest, item].slice(-MAX_NOTICES);
    this.#render();
    return item;
  }

  clear() {
    this.items = [];
    this.#render();
  }

  #remove(n) {
    this.items = this.items.filter((x) => x !== n);
    this.#render();
  }

  #render() {
    this.list.replaceChildren(
      ...this.items.map((n) => {
        const dismiss = button("Dismiss", { class: "small quiet", "aria-label": `Dismiss: ${n.text}` });
        dismiss.addEventListener("click", () => {
          this.#remove(n);
          this.focusAfter()?.focus();
        });
        let act = null;
        if (n.action) {
          act = button(n.action.label, { class: "small" });
          act.addEventListener("click", () => {
            n.action.run();
            this.#remove(n);
          });
        }
        return h("li", { class: "wi-notice", "data-level": n.level }, h("span", { class: "wi-notice-text", text: n.text }), act, dismiss);
      }),
    );
    this.el.hidden = this.items.length === 0;
  }
}
