// <incentive-widget>: a rep's (or marketer's) live incentive pay and why.
//
// This module only defines the class; `incentive-widget.js` registers it.
// This is the public API (attributes, properties, methods, events); the
// batched update is lib/updates.js, the engine and its live updates
// lib/session.js, downloads lib/loader.js, the card and its views
// lib/card.js. Everything shown is set through textContent; no plan rule
// is worked out in the browser (the engine decides).

import { stylesheet } from "./lib/dom.js";
import { Updates } from "./lib/updates.js";

const STYLESHEET = new URL("./incentive-widget.css", import.meta.url);

const ATTRIBUTES = {
  participant: "participant",
  "plan-src": "planSrc",
  "activity-src": "activitySrc",
  locale: "locale",
  period: "period",
  view: "view",
};

/**
 * A rep's or marketer's incentive pay, live: figures, attainment, company
 * goal, the shared pipeline (leads, speed-to-lead, alignment stage), each
 * component's lines with their "Why", the earnings curve and a what-if panel, all computed by the engine in the browser.
 *
 * @element incentive-widget
 * @summary Live incentive pay, explained line by line.
 *
 * @attr {string} participant - The participant whose pay is shown (an id of the activity).
 * @attr {string} plan-src - URL of the plan document (JSON); or set the `plan` property.
 * @attr {string} activity-src - URL of the activity document (JSON); or set the `activity` property.
 * @attr {string} locale - BCP 47 locale for money, percentages and dates (default: the page's).
 * @attr {string} period - A plan year's pay period to show (its id, e.g. "2027-03"; default: the one holding the activity's as_of).
 * @attr {"team" | ""} view - "team": a manager's view — their own figures, then their team as a sortable table (name, role, attainment, earned, payable, due), the team totals, and a member's whole statement on opening a row. Default: the participant's own pay.
 *
 * @event {CustomEvent<{participant: string, statement: Statement}>} incentive-load - A participant's statement is on screen for the first time.
 * @event {CustomEvent<{participant: string, statement: Statement, previous: Statement, delta: {earned: string, payable: string, due: string}, cause: "update" | "data"}>} earnings-change - The figures moved (a live update or new data).
 * @event {CustomEvent<{source: string, code: string, message: string, problems: {path: string, message: string}[]}>} incentive-error - Data the widget can't use; `code` is documented, `message` a sentence.
 *
 * @csspart card - The whole card.
 * @csspart header - The header: name, role and plan, period.
 * @csspart title - The person's name.
 * @csspart subtitle - Role and plan.
 * @csspart period - The period and the as-of date.
 * @csspart status - "Loading pay data…" / "No participant chosen".
 * @csspart error - The problems panel (role="alert").
 * @csspart figures - The list of the four figures.
 * @csspart figure - One figure tile (also figure-earned, figure-payable, figure-paid, figure-due).
 * @csspart figure-earned - The earned tile.
 * @csspart figure-payable - The payable tile.
 * @csspart figure-paid - The paid tile.
 * @csspart figure-due - The due tile.
 * @csspart figure-label - A figure's label.
 * @csspart figure-value - A figure's amount (also earned, payable, paid or due).
 * @csspart earned - The earned amount.
 * @csspart payable - The payable amount.
 * @csspart paid - The paid amount.
 * @csspart due - The due amount.
 * @csspart delta - The change chip after a live update.
 * @csspart periods - A plan year's strip of pay periods.
 * @csspart period-button - One pay period in the strip (aria-pressed: the one shown).
 * @csspart period-to-date - The shown period's figures to date and the balance carried.
 * @csspart total-pay - The total pay panel (salary, variable pay, draw, adjustments; statements with total pay only).
 * @csspart pay-table - Its table of parts and the total.
 * @csspart pay-part - One part's row (data-kind: fixed, variable, draw, adjustment).
 * @csspart total-pay-value - The total pay amount.
 * @csspart balance-owed - The note on a recoverable draw's balance owed.
 * @csspart clawback - The note on payments of cancelled deals.
 * @csspart payouts - The "When it is paid" panel.
 * @csspart payouts-box - Its disclosure (details), folded at first.
 * @csspart payouts-summary - The disclosure's summary row.
 * @csspart payout-steps - The timeline: paid, due, then what each stage or pay period releases.
 * @csspart payout-step - One step of the timeline.
 * @csspart payout-deals - The table of each deal's earned, paid, due and status.
 * @csspart payout-deal - One deal's row (data-status: paid, part_paid, due, waiting, overpaid, clawback, nothing).
 * @csspart pipeline - The pipeline panel (activities with a lead ledger only).
 * @csspart pipeline-warning - The SLA warning on leads waiting for a first attempt (role="status").
 * @csspart pipeline-leads - A table of leads: routed to the person, or created by them.
 * @csspart pipeline-lead - One lead's row (data-status, data-speed).
 * @csspart pipeline-measures - Each pipeline measure's value and sentence.
 * @csspart pipeline-pays - What each pipeline measure does to pay.
 * @csspart pipeline-whatif-button - A lead's "What if I follow up now?" / "What if accepted?" button.
 * @csspart pipeline-whatif - The answer of a lead's what-if.
 * @csspart team - The team panel (view="team").
 * @csspart team-table - Its table of members, with the totals in the footer.
 * @csspart team-sort - A column's sort button (the column's th carries aria-sort).
 * @csspart team-row - One member's row (data-participant, data-level).
 * @csspart team-open - A member's name: the button that opens their statement.
 * @csspart team-totals - The totals row.
 * @csspart team-explain - The engine's sentence of the team attainment.
 * @csspart team-member - An opened member's statement (a region; Escape or "Back to the team" closes it).
 * @csspart team-member-close - Its close button.
 * @csspart team-member-component - One component of the member's statement (details).
 * @csspart standing - "Where you stand": the top quarter and top half of the role's peers (roles with benchmarks only).
 * @csspart standing-marks - Its list.
 * @csspart standing-mark - One benchmark (data-mark: top_quarter, top_half; class reached).
 * @csspart alignment - The company's or team's alignment stage.
 * @csspart alignment-stages - Its track of stages.
 * @csspart alignment-stage - One stage (aria-current="step": the current one).
 * @csspart attainment - The quota attainment panel.
 * @csspart attainment-value - The attainment figure.
 * @csspart attainment-bar - The tier band bar (SVG).
 * @csspart next-tier - What the next tier takes.
 * @csspart company - The company goal panel.
 * @csspart company-value - The company attainment figure.
 * @csspart company-bar - The company band bar (SVG).
 * @csspart company-effects - The modifiers and bonuses the company goal moves.
 * @csspart components - The "How it adds up" panel.
 * @csspart component - One component (details).
 * @csspart component-summary - A component's summary row.
 * @csspart lines - A component's table of lines.
 * @csspart line - One line's row.
 * @csspart explain-button - A line's "Why" button.
 * @csspart explain - A line's sentence.
 * @csspart curve - The earnings-curve panel.
 * @csspart curve-chart - The earnings curve (SVG).
 * @csspart whatif - The what-if panel.
 * @csspart whatif-toggle - Its open/close button.
 * @csspart whatif-scenario - The scenario bar.
 * @csspart whatif-notices - The panel's notices.
 * @csspart whatif-totals - The scenario's totals against actual.
 * @csspart whatif-takes - "What it takes".
 * @csspart whatif-tools - The tool switch and the tools.
 * @csspart whatif-changes - The list of changes.
 * @csspart whatif-change - One change with its effect.
 *
 * @cssprop [--incentive-background=#ffffff] - Card background.
 * @cssprop [--incentive-surface=#f5f7fa] - Figure tiles, opened explanations.
 * @cssprop [--incentive-text=#1b2129] - Text.
 * @cssprop [--incentive-muted=#56606e] - Secondary text, axis labels.
 * @cssprop [--incentive-border=#d9dee6] - Borders, grid lines.
 * @cssprop [--incentive-accent=#1f5fcc] - Earned figure, progress, curve, buttons.
 * @cssprop [--incentive-accent-contrast=#ffffff] - Text on the accent.
 * @cssprop [--incentive-band=#1f5fcc] - Tier and multiplier bands.
 * @cssprop [--incentive-positive=#146c36] - An upward change.
 * @cssprop [--incentive-negative=#b42318] - A downward change, clawbacks, the error panel.
 * @cssprop [--incentive-warning=#8a5a00] - Notices that need a look.
 * @cssprop [--incentive-highlight=#fff0b3] - The flash behind a figure that just changed.
 * @cssprop [--incentive-focus=#1f5fcc] - Focus ring.
 * @cssprop [--incentive-radius=12px] - Card corner radius.
 * @cssprop [--incentive-spacing=16px] - Card padding and gaps.
 * @cssprop [--incentive-font=inherit] - Font family (the page's by default).
 * @cssprop [--incentive-font-size=15px] - Base font size (everything scales from it).
 * @cssprop [--incentive-shadow] - Card shadow (`none` to remove).
 */
export class IncentiveWidgetElement extends HTMLElement {
  static get observedAttributes() {
    return Object.keys(ATTRIBUTES);
  }

  /** How long plan-src and activity-src may take (ms), body included, before the widget gives up. */
  static fetchTimeout = 20_000;

  #u;

  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    this.#u = new Updates({
      target: this,
      participant: () => this.participant,
      view: () => this.view,
      period: () => this.period,
      choosePeriod: (id) => {
        this.period = id;
      },
      locale: () => this.locale || this.closest("[lang]")?.getAttribute("lang") || document.documentElement.lang || navigator.language,
      fetchTimeout: () => (Number(IncentiveWidgetElement.fetchTimeout) > 0 ? Number(IncentiveWidgetElement.fetchTimeout) : 20_000),
    });
    const card = this.#u.card;
    // Shown once the stylesheets are in (or failed): no flash of unstyled content.
    const sheets = [stylesheet(STYLESHEET), ...card.sheets];
    Promise.all(sheets.map((x) => x.ready)).then(() => {
      card.el.hidden = false;
    });
    root.append(...sheets.map((x) => x.link), card.el);
  }

  connectedCallback() {
    // Properties set before the element was defined are rescued (own
    // properties shadow the class's accessors until deleted).
    for (const prop of ["plan", "activity", "participant", "planSrc", "activitySrc", "locale", "period", "view"]) {
      if (Object.hasOwn(this, prop)) {
        const value = this[prop];
        delete this[prop];
        this[prop] = value;
      }
    }
    this.#u.schedule();
  }

  attributeChangedCallback(name, oldValue, value) {
    if (oldValue === value) return;
    if (name === "participant" || name === "view") this.#u.dirty.statement = true;
    if (name === "plan-src") this.#u.load("plan", value);
    if (name === "activity-src") this.#u.load("activity", value);
    this.#u.schedule();
  }

  // --- attributes mirrored as properties ----------------------------------

  get participant() {
    return this.getAttribute("participant") ?? "";
  }
  set participant(v) {
    this.#reflect("participant", v);
  }
  get planSrc() {
    return this.getAttribute("plan-src") ?? "";
  }
  set planSrc(v) {
    this.#reflect("plan-src", v);
  }
  get activitySrc() {
    return this.getAttribute("activity-src") ?? "";
  }
  set activitySrc(v) {
    this.#reflect("activity-src", v);
  }
  get locale() {
    return this.getAttribute("locale") ?? "";
  }
  get period() {
    return this.getAttribute("period") ?? "";
  }
  set period(v) {
    this.#reflect("period", v);
  }
  set locale(v) {
    this.#reflect("locale", v);
  }
  get view() {
    return this.getAttribute("view") ?? "";
  }
  set view(v) {
    this.#reflect("view", v);
  }

  #reflect(name, v) {
    if (v === null || v === undefined) this.removeAttribute(name);
    else this.setAttribute(name, String(v));
  }

  // --- data properties -------------------------------------------------------

  /** The plan object last given (property or plan-src). */
  get plan() {
    return this.#u.plan;
  }
  set plan(value) {
    this.#u.abort("plan");
    this.#u.setInput("plan", value, "plan");
  }

  /** The activity object last given (property or activity-src), without live updates. */
  get activity() {
    return this.#u.activity;
  }
  set activity(value) {
    this.#u.abort("activity");
    this.#u.setInput("activity", value, "activity");
  }

  /** The statement on screen (plan-format.md §Statement), with every line's `explain` sentence; or null. */
  get statement() {
    return this.#u.fullStatement();
  }

  /** Resolves once every load and change so far is computed and on screen. */
  get updateComplete() {
    return this.#u.complete;
  }

  // --- live updates: the engine's, made on it (or queued until there is one) ---

  /** Adds a deal or replaces the one with the same id. False if rejected (see incentive-error). */
  upsertDeal(deal) {
    return this.#u.apply("upsertDeal", (e) => e.upsertDeal(deal), true);
  }

  /** Removes a deal by id. False if rejected. */
  removeDeal(id) {
    return this.#u.apply("removeDeal", (e) => e.removeDeal(String(id)), true);
  }

  /** Adds a lead to the activity's ledger or replaces the one with the same id. False if rejected (see incentive-error). */
  upsertLead(lead) {
    return this.#u.apply("upsertLead", (e) => e.upsertLead(lead), true);
  }

  /** Removes a lead from the ledger by id. False if rejected. */
  removeLead(id) {
    return this.#u.apply("removeLead", (e) => e.removeLead(String(id)), true);
  }

  /** Sets company revenue (decimal string or number), or null to sum the deals. False if rejected. */
  setCompanyRevenue(amount) {
    const value = amount === undefined ? null : amount;
    return this.#u.apply("setCompanyRevenue", (e) => e.setCompanyRevenue(value), false);
  }

  /** Sets a participant metric such as lead_followup. False if rejected. */
  setMetric(participant, name, value) {
    return this.#u.apply("setMetric", (e) => e.setMetric(String(participant), String(name), value), false);
  }
}
