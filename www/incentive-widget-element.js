// <incentive-widget>: a rep's (or marketer's) live incentive pay and why.
//
// This module only defines the class; `incentive-widget.js` registers it.
// Data flows one way: inputs (plan, activity, participant, locale, live
// updates) mark what is dirty; one batched update per microtask rebuilds
// the engine if the data changed (lib/session.js), asks it for the
// headline and its facts, and the card (lib/card.js) renders them in
// place. Downloads are lib/loader.js's. Everything shown is set through
// textContent; no plan rule is worked out here (the engine decides).
//
// @element incentive-widget
// @attr {string} participant - The participant whose pay is shown (an id of the activity).
// @attr {string} plan-src - URL of the plan document (JSON); or set the `plan` property.
// @attr {string} activity-src - URL of the activity document (JSON); or set the `activity` property.
// @attr {string} locale - BCP 47 locale for money, percentages and dates (default: the page's).
// @fires incentive-load - A participant's statement is on screen for the first time: { participant, statement }.
// @fires earnings-change - The figures moved: { participant, statement, previous, delta: { earned, payable, due }, cause }.
// @fires incentive-error - Data the widget can't use: { source, code, message, problems: [{ path, message }] }.
// @csspart card - The card around everything.
// @csspart figures - Earned, payable, paid and due.
// @csspart attainment - The quota attainment panel.
// @csspart company - The company goal panel.
// @csspart components - The components and their lines.
// @csspart curve - The earnings curve.
// @csspart whatif - The what-if panel.
// @csspart problems - The panel listing data problems.
// @cssprop --incentive-accent - The accent colour (bars, buttons, focus).
// @cssprop --incentive-font - The font (default: inherited from the page).
// @cssprop --incentive-radius - The card's corner radius.

import { stylesheet } from "./lib/dom.js";
import { toProblems } from "./lib/engine.js";
import { subtract, sign } from "./lib/decimal.js";
import { makeFormat } from "./lib/format.js";
import { Loader } from "./lib/loader.js";
import { Session } from "./lib/session.js";
import { Card } from "./lib/card.js";

const STYLESHEET = new URL("./incentive-widget.css", import.meta.url);

const ATTRIBUTES = {
  participant: "participant",
  "plan-src": "planSrc",
  "activity-src": "activitySrc",
  locale: "locale",
};

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
  #curve = null;
  #curveJob = null;
  // Batching: what changed since the last pass.
  #dirty = { plan: false, activity: false, statement: false };
  #pass = false;
  #running = null;
  #liveCalls = 0;
  // Problems by source, shown together.
  #reports = new Map();
  #loading = new Set();
  /** The last activity given could not be used: the next build starts from the documents. */
  #activityRefused = false;
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
      while (this.#loading.size || this.#running || this.#curveJob) {
        await Promise.all([...this.#loading, this.#running, this.#curveJob]);
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

  /**
   * Builds (or rebuilds) the engine when the plan or the activity changed:
   * "built", "failed", or "later" (more changes arrived while the engine
   * module loaded: the next pass takes them all).
   */
  async #rebuild() {
    let commit;
    try {
      commit = await this.#session.build(this.#planInput, this.#activityInput, !this.#dirty.activity && !this.#activityRefused);
      this.#reports.delete("engine");
    } catch (err) {
      this.#problem("engine", "The pay engine could not be loaded.", { code: "engine_unavailable", message: `The pay engine could not be loaded: ${err?.message ?? err}` }, "engine");
      return "failed";
    }
    if (this.#pass) return "later";
    const activityChanged = this.#dirty.activity;
    this.#dirty.plan = false;
    this.#dirty.activity = false;
    try {
      const refused = commit();
      this.#activityRefused = false;
      this.#reports.delete("data");
      this.#reports.delete("update");
      for (const r of refused) this.#problem("update", "That update was rejected; nothing changed.", r.err, r.source);
      this.#dirty.statement = true;
      return "built";
    } catch (err) {
      this.#problem("data", "This plan or activity can't be used.", err, "data");
      // A new activity that can't be used: the calls queued for it go with it.
      if (activityChanged) {
        this.#activityRefused = true;
        if (!this.#session.engine) this.#session.dropQueued();
      }
      return "failed";
    }
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
    if (next && this.#curve?.statement !== next) this.#scheduleCurve(next);
    const self = this;
    // The full statement (with sentences) is built only if a listener reads it.
    const fullOf = () => (self.#statement === next ? self.#fullStatement() : next);
    if (deltas) {
      this.#announce(next, deltas);
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

  /**
   * The curve costs the engine a statement per point, so it is drawn after
   * the figures are on screen (next frame), and only for the latest statement.
   */
  #scheduleCurve(st) {
    const job = new Promise((done) => {
      let ran = false;
      const run = () => {
        if (ran) return;
        ran = true;
        if (this.#statement === st && this.#session.engine) {
          this.#curve = { ...this.#curveFor(st), statement: st };
          this.#card.curve.update(this.#curve.points ? { ...this.#curve, fmt: this.#format() } : null);
        }
        done();
      };
      requestAnimationFrame(() => setTimeout(run, 0));
      setTimeout(run, 250); // a hidden tab runs no animation frames
    }).finally(() => {
      if (this.#curveJob === job) this.#curveJob = null;
    });
    this.#curveJob = job;
  }

  #curveFor(st) {
    if (st.quota === null || st.quota === undefined) return { points: null };
    const bands = this.#facts?.tiers?.[0]?.bands ?? [];
    const last = bands.length ? Number(bands[bands.length - 1].from) : 1;
    try {
      // Wide enough to show the last band and where the person stands.
      const to = Math.max(last + 0.5, Number(st.attainment) * 1.1, 1.5);
      const pts = this.#session.engine.curve(st.participant, { to_attainment: String(Math.ceil(to * 4) / 4), points: 61 });
      if (!Array.isArray(pts) || pts.length < 2) return { points: null };
      return {
        bands,
        quota: st.quota,
        points: pts.map((p) => ({ x: Number(p.quota_credit), y: Number(p.earned) })),
        current: { x: Number(st.quota_credit), y: Number(st.earned) },
      };
    } catch {
      return { points: null };
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

  #announce(st, deltas) {
    const fmt = this.#format();
    const parts = [`${this.#personName(st.participant)}: earned ${fmt.money(st.earned)}`];
    if (sign(deltas.earned) !== 0) parts[0] += ` (${sign(deltas.earned) > 0 ? "up" : "down"} ${fmt.money(deltas.earned.replace(/^-/, ""))})`;
    parts.push(`due ${fmt.money(st.due)}`);
    this.#card.announce(`${parts.join("; ")}.`);
  }

  // --- view ---------------------------------------------------------------------

  #localeTag() {
    return this.locale || this.closest("[lang]")?.getAttribute("lang") || document.documentElement.lang || navigator.language;
  }

  #format() {
    const f = this.#facts;
    const plan = this.#session.plan;
    const scale = f ? f.currency_scale : Number.isInteger(plan?.currency_scale) ? plan.currency_scale : 2;
    return makeFormat(this.#localeTag(), f?.currency ?? this.#statement?.currency ?? plan?.currency ?? "USD", scale);
  }

  #personName(pid) {
    if (this.#facts && this.#facts.participant === pid) return this.#facts.name ?? String(pid);
    if (!this.#session.engine) return String(pid ?? "");
    return this.#session.people().get(pid) ?? String(pid ?? "");
  }

  #render(deltas, live = false) {
    if (!this.#card) return;
    const st = this.#statement;
    const reports = [...this.#reports.values()];
    const fetching = this.#loader.busy("plan") || this.#loader.busy("activity");
    const loading = fetching || (this.#planInput && this.#activityInput && !this.#session.engine && !reports.length);
    let status = "";
    if (!st && !reports.length) {
      if (loading || !this.#session.engine) status = "Loading pay data…";
      else if (!this.participant) status = "No participant chosen: set the participant attribute.";
    }
    const pid = this.participant;
    const session = this.#session;
    const model = st
      ? {
          statement: st,
          facts: this.#facts,
          plan: session.plan,
          fmt: this.#format(),
          live: Boolean(deltas) && live,
          explain: (component, deal) => this.#explainFor(component, deal),
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
        }
      : null;
    this.#card.render({
      reports,
      loading,
      status,
      title: st ? this.#personName(st.participant) : pid ? this.#personName(pid) : "Incentive pay",
      model,
      deltas,
    });
    if (!st) return;
    // The curve of this statement, once computed (#scheduleCurve); a locale
    // change redraws it.
    if (this.#curve?.statement === st) this.#card.curve.update(this.#curve.points ? { ...this.#curve, fmt: model.fmt } : null);
    else if (this.#curve?.statement?.participant !== st.participant) this.#card.curve.update(null);
  }
}
