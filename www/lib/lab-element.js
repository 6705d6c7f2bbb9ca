// <incentive-plan-lab>: the comp admin's plan lab. Load a plan and the
// whole organisation's activity; edit the plan in a form built from it (or
// as JSON); after every edit the engine, in a Web Worker, re-scores whom
// the edit can move and the lab shows both plans' totals and cost of
// sales, payout by role, the spread of attainment and pay, the movers with
// the line that moved, what the company goal costs at 80/100/120% of
// target and the cost curve; a backtest as CSV; saved versions to compare.
//
//   <incentive-plan-lab plan-src="plan.json" activity-src="activity.json"></incentive-plan-lab>
//
// Its attributes, events and parts are the class's JSDoc below (which
// custom-elements.json is made from) and docs/WIDGET.md.

import { h, setText } from "./dom.js";
import { makeFormat } from "./format.js";
import { PlanForm } from "./lab-form.js";
import { Totals, Roles, Spreads, Movers, Goal } from "./lab-views.js";
import { CostCurve, ORDER } from "./lab-curve.js";
import { Versions, download } from "./lab-versions.js";

const CSS = new URL("./lab.css", import.meta.url);

/**
 * The comp admin's plan lab: edit a plan in a form built from it and see the
 * whole organisation's pay move, both plans side by side, scored by the engine
 * in Web Workers.
 *
 * @element incentive-plan-lab
 * @summary Change the plan, see everyone's pay move.
 *
 * @attr {string} plan-src - URL of the plan the activity came with (JSON); or set the `plan` property.
 * @attr {string} activity-src - URL of the whole organisation's activity (JSON); or set the `activity` property.
 * @attr {string} locale - BCP 47 locale for money and percentages (default: the page's).
 *
 * @event {CustomEvent<{ ms: number, report: object }>} lab-ready - The organisation is loaded and scored on both plans.
 * @event {CustomEvent<{ ms: number, worker: number, edit: { scored: number, everyone: boolean }, report: object }>} lab-rendered - An edit's figures are on screen (ms from the edit, the frame after drawing).
 * @event {CustomEvent<{ ms: number | null, worker: number, goal: object | null }>} lab-goal - The company goal's costs at 80/100/120% of target are on screen too; always after the edit's lab-rendered (ms null on load).
 * @event {CustomEvent<{ points: number }>} lab-curve - The cost curve is complete.
 * @event {CustomEvent<{ code: string, message: string, problems: { path: string, message: string }[] }>} lab-invalid - The edited plan has problems, each shown at its field; the figures stay the last valid plan's.
 * @event {CustomEvent<{ stage: string, code: string, message: string }>} lab-error - A load, goal or curve step failed (stage: load, goal or curve).
 *
 * @csspart title - The lab's heading.
 * @csspart toolbar - Export, import, backtest CSV, save and compare.
 * @csspart save - The button that saves the edited plan as a version.
 * @csspart export - The button that downloads the edited plan as JSON.
 * @csspart import - The button that reads a plan from a JSON file.
 * @csspart backtest - The button that downloads the backtest as CSV.
 * @csspart status - What the last step did and how long it took.
 * @csspart lab - The form and the figures side by side.
 * @csspart form - The plan form.
 * @csspart fields - The form's fields.
 * @csspart problems - The edited plan's problems.
 * @csspart json-view - The JSON view of the plan.
 * @csspart json - The JSON text area.
 * @csspart figures - Every figure.
 * @csspart totals - Both plans' payout and cost of sales.
 * @csspart base-payout - The plan the activity came with: total payout.
 * @csspart edited-payout - The edited plan: total payout.
 * @csspart base-cost - The plan the activity came with: cost of sales.
 * @csspart edited-cost - The edited plan: cost of sales.
 * @csspart delta - Edited payout less base payout.
 * @csspart totals-explain - The totals' sentence.
 * @csspart roles - Payout by role.
 * @csspart distribution - Attainment and pay spread per role.
 * @csspart movers - The people whose pay moves most.
 * @csspart movers-up - The largest rises.
 * @csspart movers-down - The largest falls.
 * @csspart goal - The company goal's cost at 80/100/120% of target.
 * @csspart goal-status - Whether the goal costs are being worked out.
 * @csspart curve - The cost curve.
 * @csspart curve-status - The cost curve's progress.
 * @csspart curve-figures - The cost curve's points as figures.
 * @csspart scale - The attainment slider (70%–150% of today).
 * @csspart compare - The saved version compared with.
 * @csspart version-name - The name to save a version under.
 */
export class IncentivePlanLabElement extends HTMLElement {
  static observedAttributes = ["plan-src", "activity-src", "locale"];

  #worker = null;
  #sweep = null;
  #goals = new Map(); // edit id → its goal costs, when they came before its figures
  #id = 0;
  #sent = new Map(); // edit id → time posted
  #plan = null; // the edited plan
  #data = { plan: null, activity: null };
  #built = false;
  #report = null;

  constructor() {
    super();
    this.attachShadow({ mode: "open" });
  }

  /** The plan (an object) and the organisation's activity (an object or JSON text), instead of the -src attributes. */
  set plan(v) {
    this.#data.plan = v;
    this.#load();
  }
  get plan() {
    return this.#plan;
  }
  set activity(v) {
    this.#data.activity = v;
    this.#load();
  }

  /** The last report (the engine's figures), or null. */
  get report() {
    return this.#report;
  }

  connectedCallback() {
    this.#build();
    this.#load();
  }

  disconnectedCallback() {
    this.#worker?.terminate();
    this.#sweep?.terminate();
    this.#worker = this.#sweep = null;
  }

  attributeChangedCallback() {
    if (this.isConnected) this.#load();
  }

  #fmt() {
    return makeFormat(this.getAttribute("locale") || navigator.language || "en-US", this.#report?.currency ?? "USD", 2);
  }

  #build() {
    if (this.#built) return;
    this.#built = true;
    this.status = h("p", { class: "status", part: "status", role: "status", "aria-live": "polite", text: "Loading the plan and the organisation…" });
    this.form = new PlanForm({ onEdit: (plan) => this.#edit(plan), fmt: () => this.#fmt() });
    this.versions = new Versions({
      current: () => this.#plan,
      onCompare: (plan) => this.#compare(plan),
      onImport: (plan) => {
        this.form.setPlan(plan, null);
        this.#edit(plan);
      },
      onBacktest: () => this.#worker?.postMessage({ type: "backtest" }),
      onStatus: (t) => setText(this.status, t),
    });
    this.totals = new Totals();
    this.roles = new Roles();
    this.spreads = new Spreads();
    this.movers = new Movers();
    this.goal = new Goal();
    this.curve = new CostCurve();
    this.figures = h("div", { class: "figures", part: "figures" }, this.totals.el, this.roles.el, this.movers.el, this.spreads.el, this.goal.el, this.curve.el);
    const edit = h("section", { class: "edit", "aria-labelledby": "lab-edit" }, h("h3", { id: "lab-edit", text: "Edit the plan" }), this.form.el);
    this.main = h("div", { class: "lab", part: "lab", hidden: true }, edit, this.figures);
    this.shadowRoot.replaceChildren(h("link", { rel: "stylesheet", href: CSS.href }), h("header", { class: "top" }, h("h2", { part: "title", text: "Plan lab" }), this.versions.el), this.status, this.main);
  }

  #pending = false;

  /** Loads once for several attributes and properties set together. */
  #load() {
    if (this.#pending) return;
    this.#pending = true;
    queueMicrotask(() => {
      this.#pending = false;
      this.#loadNow();
    });
  }

  #loadNow() {
    if (!this.isConnected) return;
    this.#build();
    const planUrl = this.getAttribute("plan-src");
    const activityUrl = this.getAttribute("activity-src");
    const msg = this.#data.plan && this.#data.activity ? { type: "load", plan: this.#data.plan, activity: this.#data.activity } : planUrl && activityUrl ? { type: "load", planUrl: new URL(planUrl, document.baseURI).href, activityUrl: new URL(activityUrl, document.baseURI).href } : null;
    if (!msg) return;
    if (!this.#worker) {
      // Two workers: the figures' (answers every edit at once) and the
      // sweep's (the goal costs and the cost curve: whole-company scorings
      // that an edit must not wait behind).
      const start = () => {
        const w = new Worker(new URL("./lab-worker.js", import.meta.url), { type: "module" });
        w.onmessage = (e) => this.#answer(e.data);
        w.onerror = (e) => this.#fail({ code: "worker_failed", message: e.message || "the lab's worker failed", problems: [] });
        return w;
      };
      this.#worker = start();
      this.#sweep = start();
    }
    this.#id += 1;
    this.#goals.clear();
    setText(this.status, "Loading the plan and scoring the organisation…");
    this.#worker.postMessage(msg);
    this.#sweep.postMessage({ ...msg, role: "sweep" });
  }

  #edit(plan) {
    this.#plan = plan;
    this.#id += 1;
    this.#sent.set(this.#id, performance.now());
    this.main.setAttribute("aria-busy", "true");
    this.#worker?.postMessage({ type: "edit", id: this.#id, plan });
    this.#sweep?.postMessage({ type: "edit", id: this.#id, plan });
  }

  #compare(plan) {
    this.#id += 1;
    this.#sent.set(this.#id, performance.now());
    const msg = { type: "base", id: this.#id, plan: plan ?? this.#original };
    this.#worker?.postMessage(msg);
    this.#sweep?.postMessage(msg);
  }

  #original = null;

  #answer(m) {
    if (m.type === "loaded") {
      this.#original = m.plan;
      this.#plan = structuredClone(m.plan);
      this.form.setPlan(m.plan, m.fields);
      this.main.hidden = false;
      this.#show(m.report, 0);
      setText(this.status, `${m.report.people.toLocaleString()} people scored on both plans in ${Math.round(m.ms)} ms. Edit a figure to see everyone's pay move.`);
      this.dispatchEvent(new CustomEvent("lab-ready", { detail: { ms: m.ms, report: m.report } }));
    } else if (m.type === "report" && m.id === this.#id) {
      if (m.fields) this.form.setPlan(this.#plan, m.fields);
      this.form.showProblems([]);
      // lab-rendered first, then lab-goal (frame callbacks run in the
      // order asked for: the goal costs may be here already and be shown
      // by #show).
      const t0 = this.#sent.get(m.id);
      requestAnimationFrame(() => this.dispatchEvent(new CustomEvent("lab-rendered", { detail: { ms: performance.now() - t0, worker: m.ms, edit: m.edit, report: m.report } })));
      this.#show(m.report, m.id);
      const who = m.edit ? (m.edit.everyone ? `everyone (${m.edit.scored})` : `${m.edit.scored} people the edit can move`) : "everyone on the plan compared with";
      setText(this.status, `Scored ${who} in ${Math.round(m.ms)} ms.`);
    } else if (m.type === "invalid" && m.id === this.#id) {
      this.main.removeAttribute("aria-busy");
      this.form.showProblems(m.error.problems.length ? m.error.problems : [{ path: "plan", message: m.error.message }]);
      setText(this.status, `The edited plan has ${m.error.problems.length || 1} problem${m.error.problems.length === 1 ? "" : "s"}; the figures are the last valid plan's.`);
      this.dispatchEvent(new CustomEvent("lab-invalid", { detail: m.error }));
    } else if (m.type === "goal") {
      if (m.id > this.#latestShown) this.#goals.set(m.id, m);
      if (m.id !== this.#latestShown) return;
      this.goal.update(m.goal, this.#fmt());
      const t0 = this.#sent.get(m.id);
      for (const k of this.#sent.keys()) if (k < m.id) this.#sent.delete(k);
      requestAnimationFrame(() => this.dispatchEvent(new CustomEvent("lab-goal", { detail: { ms: t0 === undefined ? null : performance.now() - t0, worker: m.ms, goal: m.goal } })));
    } else if (m.type === "point" && m.id === this.#latestShown) {
      this.curve.add(m.point, m.done, m.of);
      if (m.done === m.of) this.dispatchEvent(new CustomEvent("lab-curve", { detail: { points: m.of } }));
    } else if (m.type === "csv") {
      download("backtest.csv", m.csv, "text/csv");
    } else if (m.type === "error") {
      this.#fail(m.error, m.stage);
    }
  }

  #latestShown = 0;

  #show(report, id) {
    this.#report = report;
    this.#latestShown = id;
    const fmt = this.#fmt();
    this.main.removeAttribute("aria-busy");
    this.totals.update(report, fmt);
    this.roles.update(report, fmt);
    this.movers.update(report, fmt);
    this.spreads.update(report, fmt);
    this.curve.setFormat(fmt);
    this.curve.reset();
    this.#sweep.postMessage({ type: "curve", id, factors: ORDER });
    // The sweep's worker may have the goal costs already.
    for (const k of this.#goals.keys()) if (k < id) this.#goals.delete(k);
    const early = this.#goals.get(id);
    this.#goals.delete(id);
    if (early) this.#answer(early);
    else this.goal.pending();
  }

  #fail(error, stage = "load") {
    setText(this.status, `${stage === "load" ? "Could not load the lab" : `Could not work out the ${stage}`}: ${error.message}${error.problems?.length ? ` (${error.problems.map((p) => `${p.path}: ${p.message}`).join("; ")})` : ""}`);
    this.dispatchEvent(new CustomEvent("lab-error", { detail: { stage, ...error } }));
  }
}
