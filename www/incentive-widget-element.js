// <incentive-widget>: a rep's (or marketer's) live incentive pay and why.
//
// This module only defines the class; `incentive-widget.js` registers it.
// Data flows one way: inputs (plan, activity, participant, locale, live
// updates) mark what is dirty; one batched update per microtask rebuilds
// the engine if the data changed (lib/session.js), asks it for the
// headline and its facts, and the card (lib/card.js) renders them in
// place. Downloads are lib/loader.js's. Everything shown is set through
// textContent; no plan rule is worked out here (the engine decides).

import { stylesheet } from "./lib/dom.js";
import { toProblems } from "./lib/engine.js";
import { subtract } from "./lib/decimal.js";
import { Loader } from "./lib/loader.js";
import { Session } from "./lib/session.js";
import { Card } from "./lib/card.js";
import { CurveJob } from "./lib/curve-job.js";

const STYLESHEET = new URL("./incentive-widget.css", import.meta.url);

const ATTRIBUTES = {
  participant: "participant",
  "plan-src": "planSrc",
  "activity-src": "activitySrc",
  locale: "locale",
};

/**
 * A rep's or marketer's incentive pay, live: figures, attainment, company
 * goal, each component's lines with their "Why", the earnings curve and a
 * what-if panel, all computed by the engine in the browser.
 *
 * @element incentive-widget
 * @summary Live incentive pay, explained line by line.
 *
 * @attr {string} participant - The participant whose pay is shown (an id of the activity).
 * @attr {string} plan-src - URL of the plan document (JSON); or set the `plan` property.
 * @attr {string} activity-src - URL of the activity document (JSON); or set the `activity` property.
 * @attr {string} locale - BCP 47 locale for money, percentages and dates (default: the page's).
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
 * @csspart clawback - The note on payments of cancelled deals.
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

  // Inputs as the host gave them (the engine holds the live updates).
  #planInput = null;
  #activityInput = null;
  #session = new Session();
  #loader = new Loader();
  /** The statement on screen: the engine's headline figures (no sentences), and its facts. */
  #statement = null;
  #facts = null;
  /** The same statement with every line's sentence, computed on first ask. */
  #full = null;
  #shownFor = null;
  #curve;
  // Batching: what changed since the last pass.
  #dirty = { plan: false, activity: false, statement: false };
  #pass = false;
  #running = null;
  #liveCalls = 0;
  // Problems by source, shown together.
  #reports = new Map();
  #loading = new Set();
  #card;

  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    const base = stylesheet(STYLESHEET);
    this.#card = new Card({
      engine: () => this.#session.engine,
      vocabulary: () => this.#session.vocabulary(),
      storage: () => window.localStorage,
    });
    // Shown once the stylesheets are in (or failed): no flash of unstyled content.
    const sheets = [base, ...this.#card.sheets];
    Promise.all(sheets.map((x) => x.ready)).then(() => {
      this.#card.el.hidden = false;
    });
    root.append(...sheets.map((x) => x.link), this.#card.el);
    this.#curve = new CurveJob(this.#card.curve, () => this.#session.engine, () => this.#statement);
    this.#render(null);
  }

  connectedCallback() {
    // Properties set before the element was defined are rescued (own
    // properties shadow the class's accessors until deleted).
    for (const prop of ["plan", "activity", "participant", "planSrc", "activitySrc", "locale"]) {
      if (Object.hasOwn(this, prop)) {
        const value = this[prop];
        delete this[prop];
        this[prop] = value;
      }
    }
    this.#schedule();
  }

  attributeChangedCallback(name, oldValue, value) {
    if (oldValue === value) return;
    if (name === "participant") this.#dirty.statement = true;
    if (name === "plan-src") this.#load("plan", value);
    if (name === "activity-src") this.#load("activity", value);
    this.#schedule();
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
  set locale(v) {
    this.#reflect("locale", v);
  }

  #reflect(name, v) {
    if (v === null || v === undefined) this.removeAttribute(name);
    else this.setAttribute(name, String(v));
  }

  // --- data properties -------------------------------------------------------

  /** The plan object last given (property or plan-src). */
  get plan() {
    return this.#planInput;
  }
  set plan(value) {
    this.#loader.abort("plan");
    this.#setInput("plan", value, "plan");
  }

  /** The activity object last given (property or activity-src), without live updates. */
  get activity() {
    return this.#activityInput;
  }
  set activity(value) {
    this.#loader.abort("activity");
    this.#setInput("activity", value, "activity");
  }

  /** The statement on screen (plan-format.md §Statement), or null. */
  get statement() {
    return this.#fullStatement();
  }

  /** The statement on screen with its `explain` sentences (computed once). */
  #fullStatement() {
    const st = this.#statement;
    if (!st || !this.#session.engine) return st;
    if (!this.#full) {
      try {
        this.#full = this.#session.statement(st.participant);
      } catch {
        return st;
      }
    }
    return this.#full;
  }

  /** The sentence of one line of the statement on screen. */
  #explainFor(componentName, deal) {
    const c = this.#fullStatement()?.components?.find((x) => x.name === componentName);
    const line = c?.lines?.find((l) => (l.deal ?? null) === (deal ?? null));
    return line?.explain ?? "";
  }

  /** Resolves once every load and change so far is computed and on screen. */
  get updateComplete() {
    return (async () => {
      while (this.#loading.size || this.#running || this.#curve.job) {
        await Promise.all([...this.#loading, this.#running, this.#curve.job]);
      }
    })();
  }

  // --- live updates: the engine's, made on it (or queued until there is one) ---

  /** Adds a deal or replaces the one with the same id. False if rejected (see incentive-error). */
  upsertDeal(deal) {
    return this.#apply("upsertDeal", (e) => e.upsertDeal(deal), true);
  }

  /** Removes a deal by id. False if rejected. */
  removeDeal(id) {
    return this.#apply("removeDeal", (e) => e.removeDeal(String(id)), true);
  }

  /** Sets company revenue (decimal string or number), or null to sum the deals. False if rejected. */
  setCompanyRevenue(amount) {
    const value = amount === undefined ? null : amount;
    return this.#apply("setCompanyRevenue", (e) => e.setCompanyRevenue(value), false);
  }

  /** Sets a participant metric such as lead_followup. False if rejected. */
  setMetric(participant, name, value) {
    return this.#apply("setMetric", (e) => e.setMetric(String(participant), String(name), value), false);
  }

  #apply(source, run, dealsMove) {
    try {
      if (this.#session.call(source, run, dealsMove)) {
        this.#reports.delete("update");
        this.#dirty.statement = true;
      }
    } catch (err) {
      this.#problem("update", "That update was rejected; nothing changed.", err, source);
      this.#schedule();
      return false;
    }
    this.#liveCalls += 1;
    this.#schedule();
    return true;
  }

  // --- inputs ------------------------------------------------------------------

  #setInput(kind, value, path) {
    let data = value;
    if (typeof data === "string") {
      try {
        data = JSON.parse(data);
      } catch (err) {
        this.#problem(`load-${kind}`, `The ${kind} is not valid JSON.`, { code: "invalid_json", message: `The ${kind} is not valid JSON: ${err.message}`, problems: [{ path, message: `is not valid JSON: ${err.message}` }] }, path);
        this.#schedule();
        return;
      }
    }
    this.#reports.delete(`load-${kind}`);
    if (kind === "plan") this.#planInput = data ?? null;
    else this.#activityInput = data ?? null;
    this.#dirty[kind] = true;
    this.#schedule();
  }

  #load(kind, url) {
    const job = this.#fetch(kind, url);
    this.#loading.add(job);
    job.finally(() => this.#loading.delete(job));
  }

  async #fetch(kind, url) {
    this.#loader.abort(kind);
    if (!url) return;
    const limit = Number(IncentiveWidgetElement.fetchTimeout) > 0 ? Number(IncentiveWidgetElement.fetchTimeout) : 20_000;
    const path = `${kind}-src`;
    this.#schedule(); // shows "Loading…"
    const got = await this.#loader.load(kind, url, limit);
    if (got === null) return; // replaced by a newer load
    if (got.error) {
      this.#problem(`load-${kind}`, `The ${kind} could not be loaded.`, { code: got.error.code, message: got.error.message, problems: [{ path, message: got.error.message }] }, path);
      this.#schedule();
      return;
    }
    this.#setInput(kind, got.data, path);
  }

  // --- the batched update -------------------------------------------------------

  #schedule() {
    this.#pass = true;
    if (this.#running) return;
    this.#running = (async () => {
      await null; // everything done in this task goes into one pass
      while (this.#pass) {
        this.#pass = false;
        await this.#update();
      }
    })().finally(() => {
      this.#running = null;
    });
  }

  /** Builds (or rebuilds) the engine: "built", "failed" or "later" (the next pass takes the changes). */
  async #rebuild() {
    const activityChanged = this.#dirty.activity;
    const got = await this.#session.build(this.#planInput, this.#activityInput, activityChanged, () => this.#pass);
    if (got.status === "unavailable") {
      const message = `The pay engine could not be loaded: ${got.error?.message ?? got.error}`;
      this.#problem("engine", "The pay engine could not be loaded.", { code: "engine_unavailable", message }, "engine");
      return "failed";
    }
    this.#reports.delete("engine");
    if (got.status === "later") return "later";
    this.#dirty.plan = false;
    this.#dirty.activity = false;
    if (got.status === "failed") {
      this.#problem("data", "This plan or activity can't be used.", got.error, "data");
      return "failed";
    }
    this.#reports.delete("data");
    this.#reports.delete("update");
    for (const r of got.refused) this.#problem("update", "That update was rejected; nothing changed.", r.err, r.source);
    this.#dirty.statement = true;
    return "built";
  }

  async #update() {
    const live = this.#liveCalls > 0;
    this.#liveCalls = 0;
    let dataChanged = false;
    if ((this.#dirty.plan || this.#dirty.activity) && this.#planInput && this.#activityInput) {
      const built = await this.#rebuild();
      if (built === "later") {
        this.#liveCalls += live ? 1 : 0;
        return;
      }
      if (built === "failed" && !this.#session.engine) {
        this.#render(null);
        return;
      }
      dataChanged = built === "built";
    }

    let previous = null;
    if (this.#session.engine && this.#dirty.statement) {
      this.#dirty.statement = false;
      previous = this.#shownFor === this.participant ? this.#statement : null;
      this.#computeStatement();
    }

    const next = this.#statement;
    let deltas = null;
    if (previous && next && JSON.stringify(previous) !== JSON.stringify(next)) {
      deltas = {
        earned: subtract(next.earned, previous.earned),
        payable: subtract(next.payable, previous.payable),
        due: subtract(next.due, previous.due),
      };
    }
    this.#render(deltas, live || dataChanged);
    const self = this;
    // The full statement (with sentences) is built only if a listener reads it.
    const fullOf = () => (self.#statement === next ? self.#fullStatement() : next);
    if (deltas) {
      this.#card.announce(this.#view(), deltas);
      this.#emit("earnings-change", {
        participant: next.participant,
        get statement() {
          return fullOf();
        },
        previous,
        delta: deltas,
        cause: live ? "update" : "data",
      });
    } else if (next && this.#shownFor !== next.participant) {
      this.#emit("incentive-load", {
        participant: next.participant,
        get statement() {
          return fullOf();
        },
      });
    }
    this.#shownFor = next ? next.participant : null;
  }

  #computeStatement() {
    const pid = this.participant;
    if (!pid) {
      this.#statement = null;
      this.#facts = null;
      this.#reports.delete("participant");
      return;
    }
    try {
      // The figures come from headline() (the same numbers, several times
      // faster); a line's sentence is built only when someone asks for it.
      this.#statement = this.#session.headline(pid);
      this.#facts = this.#session.facts(pid);
      this.#full = null;
      this.#reports.delete("participant");
    } catch (err) {
      this.#statement = null;
      this.#facts = null;
      this.#problem("participant", `No statement for “${pid}”.`, err, "participant");
    }
  }

  // --- problems and events ------------------------------------------------------

  #problem(key, title, err, source) {
    const { code, message, problems } = toProblems(err, source);
    this.#reports.set(key, { title, problems });
    this.#emit("incentive-error", { source, code, message, problems });
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  // --- view ---------------------------------------------------------------------

  #localeTag() {
    return this.locale || this.closest("[lang]")?.getAttribute("lang") || document.documentElement.lang || navigator.language;
  }

  /** What the card shows now; `deltas` after a change, `live` when a live update caused it. */
  #view(deltas = null, live = false) {
    return {
      session: this.#session,
      statement: this.#statement,
      facts: this.#facts,
      participant: this.participant,
      locale: this.#localeTag(),
      reports: [...this.#reports.values()],
      fetching: this.#loader.busy("plan") || this.#loader.busy("activity"),
      waiting: Boolean(this.#planInput && this.#activityInput && !this.#session.engine),
      deltas,
      live,
      explain: (component, deal) => this.#explainFor(component, deal),
    };
  }

  #render(deltas, live = false) {
    if (!this.#card) return;
    const model = this.#card.render(this.#view(deltas, live));
    if (model) this.#curve.follow(model.statement, this.#facts, model.fmt);
  }
}
