// The widget's card: header (person, role, plan, period), status and
// problems, then the views — figures, total pay, clawback note, when it is paid,
// attainment, company goal, pipeline, what-if, components, curve. render() takes what the element asked
// of the engine and hands each view its part; no view works out a plan rule.

import { h, setText, stylesheet, uid } from "./dom.js";
import { sign } from "./decimal.js";
import { makeFormat } from "./format.js";
import { FiguresView } from "./figures.js";
import { AttainmentView } from "./attainment.js";
import { CompanyView } from "./company.js";
import { ComponentsView } from "./components.js";
import { CurveView } from "./curve.js";
import { ProblemsView } from "./problems.js";
import { WhatIfView } from "./whatif.js";
import { PeriodStrip } from "./periods.js";
import { PayoutsView } from "./payouts.js";
import { TotalPayView } from "./totalpay.js";
import { PipelinePanel } from "./pipeline.js";
import { TeamView } from "./team.js";
import { StandingView } from "./standing.js";

// The sheets of the views the card shows at once (the what-if panel links
// its own when it first opens).
const SHEETS = [new URL("./gauges.css", import.meta.url), new URL("./components.css", import.meta.url), new URL("./periods.css", import.meta.url), new URL("./payouts.css", import.meta.url), new URL("./totalpay.css", import.meta.url), new URL("./pipeline.css", import.meta.url), new URL("./team.css", import.meta.url), new URL("./motion.css", import.meta.url)];

export class Card {
  /** host: { engine(), vocabulary(), readAmount(text), storage() → a Storage (may throw), statement(pid) → the engine's full statement }. */
  constructor(host) {
    this.sheets = SHEETS.map(stylesheet);
    const ids = { title: uid("iw-title"), att: uid("iw-att"), co: uid("iw-co"), comp: uid("iw-comp"), curve: uid("iw-curve"), whatif: uid("iw-whatif"), pipeline: uid("iw-pipeline"), team: uid("iw-team"), standing: uid("iw-standing") };
    this.title = h("h2", { class: "title", part: "title", id: ids.title });
    this.subtitle = h("p", { class: "subtitle", part: "subtitle" });
    this.period = h("p", { class: "period", part: "period" });
    this.status = h("p", { class: "status", part: "status" });
    this.announcer = h("p", { class: "visually-hidden", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    this.problems = new ProblemsView();
    this.figures = new FiguresView();
    this.totalPay = new TotalPayView();
    this.periods = new PeriodStrip((id) => host.choosePeriod?.(id));
    this.clawback = h("p", { class: "note clawback", part: "clawback", hidden: true });
    this.payouts = new PayoutsView();
    this.attainment = new AttainmentView(ids.att);
    this.company = new CompanyView(ids.co);
    this.components = new ComponentsView(ids.comp);
    this.curve = new CurveView(ids.curve);
    // The shared pipeline (activities with a lead ledger only).
    this.pipeline = new PipelinePanel(ids.pipeline);
    // A manager's team (view="team"), and a rep's benchmarks.
    this.team = new TeamView(ids.team, { statement: (pid) => host.statement(pid) });
    this.standing = new StandingView(ids.standing);
    // What-if works on copies through the engine's whatIf (never changing it).
    this.whatif = new WhatIfView(ids.whatif, host);
    this.body = h(
      "div",
      { class: "body" },
      this.figures.el,
      this.team.el,
      this.periods.el,
      this.totalPay.el,
      this.clawback,
      this.payouts.el,
      h("div", { class: "gauges" }, this.attainment.el, this.company.el),
      this.standing.el,
      this.pipeline.el,
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

  /** Money, percentages and dates in the view's locale and the plan's currency. */
  format(view) {
    const f = view.facts;
    const plan = view.session.plan;
    const scale = f ? f.currency_scale : Number.isInteger(plan?.currency_scale) ? plan.currency_scale : 2;
    return makeFormat(view.locale, f?.currency ?? view.statement?.currency ?? plan?.currency ?? "USD", scale);
  }

  /** A participant's name: the engine's (facts for the one shown, else its people). */
  personName(view, pid) {
    if (view.facts && view.facts.participant === pid) return view.facts.name ?? String(pid);
    if (!view.session.engine) return String(pid ?? "");
    return view.session.people().get(pid) ?? String(pid ?? "");
  }

  /**
   * Renders the view: { session, statement, facts, participant, locale,
   * reports: [{ title, problems }], fetching, waiting (documents in, no
   * engine yet), deltas, live, explain(component, deal) }. Returns the
   * model the views got (null without a statement).
   */
  render(view) {
    const { session, statement: st, facts, reports, deltas } = view;
    const loading = view.fetching || (view.waiting && !reports.length);
    let status = "";
    if (!st && !reports.length) {
      if (loading || !session.engine) status = "Loading pay data…";
      else if (!view.participant) status = "No participant chosen: set the participant attribute.";
    }
    this.problems.update(reports, Boolean(st));
    this.el.setAttribute("aria-busy", loading ? "true" : "false");
    setText(this.status, status);
    this.status.hidden = !status;
    const pid = view.participant;
    setText(this.title, st ? this.personName(view, st.participant) : pid ? this.personName(view, pid) : "Incentive pay");
    const plan = session.plan;
    setText(this.subtitle, st ? [facts?.role_name || st.role, plan?.name].filter(Boolean).join(" · ") : "");
    this.subtitle.hidden = !st;
    const fmt = this.format(view);
    const asOf = facts?.as_of;
    setText(this.period, st && plan?.period ? `${fmt.dateRange(plan.period.start, plan.period.end)}${asOf ? ` · as of ${fmt.date(asOf)}` : ""}` : "");
    this.period.hidden = !this.period.textContent;
    this.body.hidden = !st;
    if (!st) return null;

    const model = {
      statement: st,
      facts,
      plan,
      fmt,
      live: Boolean(deltas) && view.live,
      explain: view.explain,
      // Asked of the engine only when a view shows them (kept until a deal changes).
      get deals() {
        return session.deals(st.participant);
      },
      get dealFacts() {
        return session.dealFacts(st.participant);
      },
      get people() {
        return session.people();
      },
      // When each amount is paid (asked only while "When it is paid" is open).
      get payouts() {
        return session.payouts(st.participant);
      },
      // The pipeline view (null without a lead ledger) and one lead change tried out.
      get pipeline() {
        return session.pipeline(st.participant);
      },
      leadWhatIf: (change) => session.leadWhatIf(st.participant, change),
      // The team (view="team") and where a rep stands against their peers' benchmarks.
      team: view.view === "team" ? session.team(st.participant) : null,
      get standing() {
        return session.standing(st.participant);
      },
      periods: new Map((view.year?.periods ?? []).map((p) => [p.id, p])),
      // A deal line's terms for its words (asked when its "Why" opens).
      terms: (component, deal) => session.lineTerms(st.participant, component, deal),
    };
    // A plan year: the figures are the pay period's shown (its own
    // earned, payable, paid and due); the strip holds the others.
    const shown = view.year?.strip.find((p) => p.period === view.year.shown) ?? null;
    this.figures.update(shown ?? st, fmt, shown ? null : deltas);
    this.periods.update(view.year, fmt);
    // Salary, draw and adjustments beside variable pay (the pay period shown).
    this.totalPay.update(shown ?? st, fmt, shown ? fmt.dateRange(shown.start, shown.end) : null);
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
    // A plan year: the lines of the pay period shown (its deals, releases,
    // true-ups and clawbacks, each with the engine's sentence); the words of
    // a line are for one-period plans (a pay period's tiers read the year to
    // date, which its own sentence gives).
    this.components.update(
      shown
        ? Object.assign(Object.create(model), {
            statement: { role: st.role, components: shown.components },
            terms: null,
            // The strip carries no deal-line sentences: a line's is asked when its "Why" opens.
            explain: (component, deal, kind) => session.periodLineExplain(st.participant, shown.period, component, deal, kind),
            periodName: fmt.dateRange(shown.start, shown.end),
          })
        : model,
    );
    this.payouts.update(model);
    this.pipeline.update(model);
    this.team.update(model);
    this.standing.update(view.view === "team" ? { standing: null } : model);
    this.whatif.update(model);
    return model;
  }

  /** Tells screen readers what moved: "Ada Park: earned $21,500.00 (up $2,200.00); due $16,500.00." */
  announce(view, deltas) {
    const st = view.statement;
    const fmt = this.format(view);
    const parts = [`${this.personName(view, st.participant)}: earned ${fmt.money(st.earned)}`];
    if (sign(deltas.earned) !== 0) parts[0] += ` (${sign(deltas.earned) > 0 ? "up" : "down"} ${fmt.money(deltas.earned.replace(/^-/, ""))})`;
    parts.push(`due ${fmt.money(st.due)}`);
    this.announcer.textContent = `${parts.join("; ")}.`;
  }
}
