// The error panel: what was wrong, each source under its own heading (a
// failed download is not mixed with a rejected update), as JSON path +
// sentence, whether the numbers on screen are the last good ones, and a
// "Try again" where trying again can help (a download).

import { h, setText } from "./dom.js";
import { button } from "./form.js";

const MAX_SHOWN = 25;

export class ProblemsView {
  constructor() {
    this.title = h("p", { class: "problems-title" });
    this.groups = h("div", { class: "problems-groups" });
    this.el = h("div", { class: "problems", part: "error", role: "alert", hidden: true }, this.title, this.groups);
  }

  /**
   * reports: [{ title, problems: [{ path, message }], retry?: () => void }]
   * (empty to hide); keepingNumbers: the figures shown are the last good ones.
   */
  update(reports, keepingNumbers) {
    if (!reports.length) {
      this.el.hidden = true;
      this.groups.replaceChildren();
      return;
    }
    this.el.hidden = false;
    setText(this.title, keepingNumbers ? "The figures below are the last good ones." : "");
    this.title.hidden = !keepingNumbers;
    let room = MAX_SHOWN;
    this.groups.replaceChildren(
      ...reports.map((r) => {
        const shown = r.problems.slice(0, Math.max(1, room));
        room -= shown.length;
        const rest = r.problems.length - shown.length;
        let retry = null;
        if (r.retry) {
          retry = button("Try again", { class: "small" });
          retry.addEventListener("click", () => r.retry());
        }
        return h(
          "section",
          { class: "problems-group" },
          h("p", { class: "problems-heading", text: r.title }),
          h(
            "ul",
            { class: "problems-list" },
            ...shown.map((p) => h("li", {}, p.path ? h("code", { class: "problem-path", text: p.path }) : null, p.path ? ": " : null, h("span", { text: p.message }))),
          ),
          rest > 0 ? h("p", { class: "note", text: `…and ${rest} more.` }) : null,
          retry,
        );
      }),
    );
  }
}
