// The error panel: what was wrong, as JSON path + sentence, and whether the
// numbers on screen are the last good ones.

import { h, setText } from "./dom.js";

const MAX_SHOWN = 25;

export class ProblemsView {
  constructor() {
    this.title = h("p", { class: "problems-title" });
    this.list = h("ul", { class: "problems-list" });
    this.more = h("p", { class: "note" });
    this.el = h("div", { class: "problems", part: "error", role: "alert", hidden: true }, this.title, this.list, this.more);
  }

  /** report: { title, problems: [{ path, message }] } or null to hide. */
  update(report, keepingNumbers) {
    if (!report) {
      this.el.hidden = true;
      this.list.replaceChildren();
      return;
    }
    this.el.hidden = false;
    setText(this.title, `${report.title}${keepingNumbers ? " The figures below are the last good ones." : ""}`);
    const shown = report.problems.slice(0, MAX_SHOWN);
    this.list.replaceChildren(
      ...shown.map((p) => h("li", {}, p.path ? h("code", { class: "problem-path", text: p.path }) : null, p.path ? ": " : null, h("span", { text: p.message }))),
    );
    const rest = report.problems.length - shown.length;
    setText(this.more, rest > 0 ? `…and ${rest} more.` : "");
    this.more.hidden = rest <= 0;
  }
}
