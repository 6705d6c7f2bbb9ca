// The team view (view="team"): a manager's team as the engine's
// team(managerId) gives it — a table of every member below them (name,
// role, attainment with a bar, earned, payable, due), sortable by any
// column from the keyboard, the team's totals and the engine's sentence of
// the team attainment; opening a member shows their whole statement (the
// engine's, every line's sentence). Sorting compares the engine's decimal
// strings exactly; no figure is worked out here. A live update moves only
// the rows whose figures changed (they flash).

import { flash, h, s, setText } from "./dom.js";
import { compare, toNumber } from "./decimal.js";

const COLUMNS = [
  { key: "name", label: "Name", text: true },
  { key: "role_name", label: "Role", text: true },
  { key: "attainment", label: "Attainment" },
  { key: "earned", label: "Earned" },
  { key: "payable", label: "Payable" },
  { key: "due", label: "Due" },
];

const FIGURES = ["earned", "payable", "paid", "due"];
const SHOWN = ["name", "role_name", "level", "manager", "attainment", "at_target", "earned", "payable", "paid", "due"];

/** a vs b for column `col` (neither null): text by the locale's collation, decimals exactly. */
function order(col, a, b, collator) {
  const x = String(a[col.key]);
  const y = String(b[col.key]);
  return col.text ? collator.compare(x, y) : compare(x, y);
}

/** A small attainment bar: the share of 150% drawn, a tick at 100%, green when the engine says the member is at target. */
function attainmentBar(value, atTarget) {
  const v = value === null || value === undefined ? 0 : Math.max(0, Math.min(1.5, toNumber(value)));
  return s(
    "svg",
    { class: "team-bar", viewBox: "0 0 150 8", preserveAspectRatio: "none", "aria-hidden": "true", focusable: "false" },
    s("rect", { class: "team-bar-track", x: "0", y: "0", width: "150", height: "8", rx: "4" }),
    s("rect", { class: atTarget ? "team-bar-fill at-target" : "team-bar-fill", x: "0", y: "0", width: (v * 100).toFixed(2), height: "8", rx: "4" }),
    s("line", { class: "team-bar-target", x1: "100", x2: "100", y1: "0", y2: "8" }),
  );
}

class MemberRow {
  constructor(onOpen) {
    this.open = h("button", { type: "button", class: "member-open", part: "team-open" });
    this.open.addEventListener("click", () => onOpen(this.member.participant));
    this.role = h("td", { "data-label": "Role" });
    this.att = h("span", { class: "team-att" });
    this.wrap = h("span", { class: "att-wrap" }, this.att);
    this.barCell = h("td", { class: "num att", "data-label": "Attainment" }, this.wrap);
    this.money = Object.fromEntries(["earned", "payable", "due"].map((k) => [k, h("td", { class: "num", "data-label": k[0].toUpperCase() + k.slice(1) })]));
    this.row = h("tr", { class: "team-member", part: "team-row" }, h("th", { scope: "row", class: "member" }, this.open), this.role, this.barCell, this.money.earned, this.money.payable, this.money.due);
    this.bar = null;
    this.member = null;
    this.fmt = null;
  }

  /** m: the engine's TeamMember. Returns whether a figure changed. */
  update(m, fmt, reportsTo) {
    const before = this.member;
    this.member = m;
    // Nothing shown moved: no formatting, no DOM touched (a live update moves one row of 200).
    const sameFormat = this.fmt === fmt;
    this.fmt = fmt;
    if (before && sameFormat && SHOWN.every((k) => before[k] === m[k])) return false;
    this.row.dataset.participant = m.participant;
    this.row.dataset.level = String(m.level);
    setText(this.open, m.name);
    this.open.setAttribute("aria-label", `${m.name}: open their statement`);
    this.open.title = m.level > 1 ? `Reports to ${reportsTo}` : "";
    setText(this.role, m.role_name);
    setText(this.att, m.attainment === null ? "no quota" : fmt.percent(m.attainment));
    if (!before || before.attainment !== m.attainment || before.at_target !== m.at_target) {
      const bar = attainmentBar(m.attainment, m.at_target === true);
      if (this.bar) this.bar.replaceWith(bar);
      else this.wrap.prepend(bar);
      this.bar = bar;
    }
    for (const k of ["earned", "payable", "due"]) setText(this.money[k], fmt.money(m[k]));
    return Boolean(before) && FIGURES.some((k) => before[k] !== m[k]);
  }
}

export class TeamView {
  /** host: { statement(participantId) → the engine's full statement }. */
  constructor(id, host) {
    this.host = host;
    this.sort = { key: null, dir: "ascending" };
    this.rows = new Map();
    this.data = null;
    this.opened = null;
    this.collator = new Intl.Collator();
    this.caption = h("caption", { class: "team-caption" });
    this.heads = COLUMNS.map((col) => {
      const button = h("button", { type: "button", class: "sort", part: "team-sort" }, col.label, h("span", { class: "sort-mark", "aria-hidden": "true" }));
      button.addEventListener("click", () => this.#sortBy(col.key));
      return h("th", { scope: "col", class: col.text ? "" : "num", "data-key": col.key }, button);
    });
    this.body = h("tbody");
    this.body.addEventListener("keydown", (e) => this.#arrows(e));
    this.foot = Object.fromEntries(["count", "att", "earned", "payable", "due"].map((k) => [k, h("td", { class: k === "count" ? "" : "num" })]));
    this.table = h(
      "table",
      { class: "team-table", part: "team-table" },
      this.caption,
      h("thead", null, h("tr", null, ...this.heads)),
      this.body,
      h("tfoot", null, h("tr", { part: "team-totals" }, h("th", { scope: "row" }, "Team"), this.foot.count, this.foot.att, this.foot.earned, this.foot.payable, this.foot.due)),
    );
    this.explain = h("p", { class: "team-explain", part: "team-explain" });
    this.member = this.#memberPanel(id);
    this.el = h(
      "section",
      { class: "panel team", part: "team", "aria-labelledby": `${id}-h`, hidden: true },
      h("h3", { id: `${id}-h` }, "Your team"),
      h("div", { class: "team-scroll" }, this.table),
      this.explain,
      this.member.el,
    );
  }

  #memberPanel(id) {
    const title = h("h4", { id: `${id}-m`, tabindex: "-1" });
    const close = h("button", { type: "button", class: "member-close", part: "team-member-close" }, "Back to the team");
    close.addEventListener("click", () => this.close());
    const figures = h("dl", { class: "member-figures" });
    const components = h("div", { class: "member-components" });
    const el = h("section", { class: "team-member-panel", part: "team-member", role: "region", "aria-labelledby": `${id}-m`, hidden: true }, h("div", { class: "member-head" }, title, close), figures, components);
    el.addEventListener("keydown", (e) => {
      if (e.key === "Escape") {
        e.stopPropagation();
        this.close();
      }
    });
    return { el, title, figures, components };
  }

  /** model: { team (the engine's TeamStatement, or null), fmt }. */
  update(model) {
    const t = model.team;
    this.el.hidden = !t;
    if (!t) return;
    this.fmt = model.fmt;
    this.data = t;
    const names = new Map(t.members.map((m) => [m.participant, m.name]));
    names.set(t.manager, t.name);
    const seen = new Set();
    for (const m of t.members) {
      let row = this.rows.get(m.participant);
      if (!row) {
        row = new MemberRow((pid) => this.open(pid));
        this.rows.set(m.participant, row);
      }
      if (row.update(m, model.fmt, names.get(m.manager) ?? m.manager)) flash(row.row, "changed");
      seen.add(m.participant);
    }
    for (const [pid, row] of this.rows) {
      if (!seen.has(pid)) {
        row.row.remove();
        this.rows.delete(pid);
      }
    }
    this.#place();
    const tot = t.totals;
    setText(this.caption, `${t.name}'s team: ${tot.members} ${tot.members === 1 ? "person" : "people"}, ${tot.at_target} of ${tot.with_quota} at or above target`);
    setText(this.foot.count, `${tot.members} ${tot.members === 1 ? "person" : "people"}`);
    setText(this.foot.att, tot.attainment === null ? "—" : model.fmt.percent(tot.attainment));
    for (const k of ["earned", "payable", "due"]) setText(this.foot[k], model.fmt.money(tot[k]));
    // Nobody below: no empty table, a sentence (a rep shown with view="team", a cut without the team).
    this.table.closest(".team-scroll").hidden = tot.members === 0;
    setText(this.explain, tot.members === 0 ? `Nobody reports to ${t.name} in the data this page was given.` : tot.explain);
    if (this.opened) this.#showMember(false);
  }

  /** Puts the rows in the sorted order (the engine's order until a column is chosen); moves only what moved. */
  #place() {
    const members = this.data.members.slice();
    const col = COLUMNS.find((c) => c.key === this.sort.key);
    if (col) {
      const sign = this.sort.dir === "ascending" ? 1 : -1;
      const none = (m) => m[col.key] === null || m[col.key] === undefined;
      members.sort((a, b) => {
        // A member without the figure (no quota) last, whichever way; then the column; then the name.
        if (none(a) || none(b)) return none(a) - none(b) || this.collator.compare(a.name, b.name);
        return sign * order(col, a, b, this.collator) || this.collator.compare(a.name, b.name);
      });
    }
    const wanted = members.map((m) => this.rows.get(m.participant).row);
    const now = [...this.body.children];
    if (wanted.length === now.length && wanted.every((r, i) => r === now[i])) return;
    this.body.replaceChildren(...wanted);
  }

  #sortBy(key) {
    this.sort = { key, dir: this.sort.key === key && this.sort.dir === "ascending" ? "descending" : "ascending" };
    if (this.data) this.#place();
    for (const th of this.heads) {
      if (th.dataset.key === key) th.setAttribute("aria-sort", this.sort.dir);
      else th.removeAttribute("aria-sort");
    }
  }

  /** ArrowUp / ArrowDown (Home, End) move between the members' buttons. */
  #arrows(e) {
    if (!["ArrowUp", "ArrowDown", "Home", "End"].includes(e.key)) return;
    const buttons = [...this.body.querySelectorAll("button.member-open")];
    const at = buttons.indexOf(e.target);
    if (at < 0) return;
    const next = e.key === "Home" ? 0 : e.key === "End" ? buttons.length - 1 : at + (e.key === "ArrowDown" ? 1 : -1);
    if (next < 0 || next >= buttons.length) return;
    e.preventDefault();
    buttons[next].focus();
  }

  /** Opens a member's whole statement under the table. */
  open(pid) {
    this.opened = pid;
    this.#showMember(true);
  }

  close() {
    const pid = this.opened;
    this.opened = null;
    this.member.el.hidden = true;
    this.rows.get(pid)?.open.focus();
  }

  #showMember(focus) {
    const m = this.data?.members.find((x) => x.participant === this.opened);
    if (!m) {
      this.opened = null;
      this.member.el.hidden = true;
      return;
    }
    const st = this.host.statement(m.participant);
    const fmt = this.fmt;
    setText(this.member.title, `${m.name}'s statement · ${m.role_name}`);
    this.member.figures.replaceChildren(...FIGURES.flatMap((k) => [h("dt", { text: k[0].toUpperCase() + k.slice(1) }), h("dd", { "data-figure": k, text: fmt.money(st[k]) })]));
    this.member.components.replaceChildren(
      h("p", { class: "member-att", text: st.attainment === null ? "No quota" : `Attainment ${fmt.percent(st.attainment)} (${fmt.money(st.quota_credit)} quota credit of ${fmt.money(st.quota)})` }),
      ...st.components
        .filter((c) => c.kind !== "modifier")
        .map((c) =>
          h(
            "details",
            { class: "member-component", part: "team-member-component" },
            h("summary", null, h("span", { text: c.name }), h("span", { class: "num", text: fmt.money(c.earned) })),
            c.lines.length ? h("ul", { class: "member-lines" }, ...c.lines.map((l) => h("li", { text: l.explain }))) : h("p", { class: "muted", text: "No lines this period." }),
          ),
        ),
    );
    this.member.el.hidden = false;
    if (focus) this.member.title.focus();
  }
}
