// The widget's card: header (person, role, plan, period), status and
// problems, then the views — figures, clawback note, attainment, company
// goal, what-if, components, curve. render() takes what the element asked
// of the engine and hands each view its part; no view works out a plan rule.

import { h, setText, stylesheet, uid } from "./dom.js";
import { FiguresView } from "./figures.js";
import { AttainmentView } from "./attainment.js";
import { CompanyView } from "./company.js";
import { ComponentsView } from "./components.js";
import { CurveView } from "./curve.js";
import { ProblemsView } from "./problems.js";
import { WhatIfView } from "./whatif.js";

// The sheets of the views the card shows at once (the what-if panel links
// its own when it first opens).
const SHEETS = [new URL("./gauges.css", import.meta.url), new URL("./components.css", import.meta.url)];

export class Card {
  /** host: { engine(), vocabulary(), storage() → a Storage (may throw) }. */
  constructor(host) {
    this.sheets = SHEETS.map(stylesheet);
    const ids = { title: uid("iw-title"), att: uid("iw-att"), co: uid("iw-co"), comp: uid("iw-comp"), curve: uid("iw-curve"), whatif: uid("iw-whatif") };
    this.title = h("h2", { class: "title", part: "title", id: ids.title });
    this.subtitle = h("p", { class: "subtitle", part: "subtitle" });
    this.period = h("p", { class: "period", part: "period" });
    this.status = h("p", { class: "status", part: "status" });
    this.announcer = h("p", { class: "visually-hidden", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    this.problems = new ProblemsView();
    this.figures = new FiguresView();
    this.clawback = h("p", { class: "note clawback", part: "clawback", hidden: true });
    this.attainment = new AttainmentView(ids.att);
    this.company = new CompanyView(ids.co);
    this.components = new ComponentsView(ids.comp);
    this.curve = new CurveView(ids.curve);
    // What-if works on copies through the engine's whatIf (never changing it).
    this.whatif = new WhatIfView(ids.whatif, host);
    this.body = h(
      "div",
      { class: "body" },
      this.figures.el,
      this.clawback,
      h("div", { class: "gauges" }, this.attainment.el, this.company.el),
      this.whatif.el,
      this.components.el,
      this.curve.el,
    );
    this.el = h(
      "section",
      { class: "card", part: "card", "aria-labelledby": ids.title, hidden: true },
      h("header", { class: "header", part: "header" }, h("div", { class: "heading" }, this.title, this.subtitle), this.period),
      this.status,
      this.problems.el,
      this.body,
      this.announcer,
    );
  }

  /**
   * state: { reports: [{ title, problems }], loading, status, title,
   * model (null without a statement): { statement, facts, plan, fmt, live,
   * deals, explain, … }, deltas, curve }.
   */
  render({ reports, loading, status, title, model, deltas }) {
    this.problems.update(reports.length ? { title: reports[0].title, problems: reports.flatMap((r) => r.problems) } : null, Boolean(model));
    this.el.setAttribute("aria-busy", loading ? "true" : "false");
    setText(this.status, status);
    this.status.hidden = !status;
    setText(this.title, title);
    const st = model?.statement;
    const facts = model?.facts;
    const plan = model?.plan;
    setText(this.subtitle, st ? [facts?.role_name || st.role, plan?.name].filter(Boolean).join(" · ") : "");
    this.subtitle.hidden = !st;
    const fmt = model?.fmt;
    const asOf = facts?.as_of;
    setText(this.period, st && plan?.period ? `${fmt.dateRange(plan.period.start, plan.period.end)}${asOf ? ` · as of ${fmt.date(asOf)}` : ""}` : "");
    this.period.hidden = !this.period.textContent;
    this.body.hidden = !st;
    if (!st) return;

    this.figures.update(st, fmt, deltas);
    // The engine's clawbacks: cancelled deals already paid.
    const claws = (facts?.deals ?? []).filter((d) => d.clawback !== null && d.clawback !== undefined);
    setText(
      this.clawback,
      claws.length
        ? `Paid includes ${claws.map((d) => `${fmt.money(d.paid)} on ${d.name ?? d.id} (${d.id})`).join(" and ")}, since cancelled: ` +
            "it comes back out of what is due (a clawback)."
        : "",
    );
    this.clawback.hidden = claws.length === 0;
    this.attainment.update(model);
    this.company.update(model);
    this.components.update(model);
    this.whatif.update(model);
  }

  announce(text) {
    this.announcer.textContent = text;
  }
}
