// <incentive-widget>: a rep's (or marketer's) live incentive pay and why.
//
// This module only defines the class; `incentive-widget.js` registers it.
// Data flows one way: inputs (plan, activity, participant, locale, live
// updates) mark what is dirty; one batched update per microtask rebuilds
// the engine if the data changed, asks it for the statement and updates
// the view in place. Everything shown is set through textContent.

import { h, setText, uid } from "./lib/dom.js";
import { loadEngine, toProblems } from "./lib/engine.js";
import { subtract, sign } from "./lib/decimal.js";
import { makeFormat } from "./lib/format.js";
import { bandsOf, personOf, roleOf, tieredCommission } from "./lib/plan.js";
import { FiguresView } from "./lib/figures.js";
import { AttainmentView } from "./lib/attainment.js";
import { CompanyView } from "./lib/company.js";
import { ComponentsView } from "./lib/components.js";
import { CurveView, pointsFromLines } from "./lib/curve.js";
import { ProblemsView } from "./lib/problems.js";
import { WhatIfView } from "./lib/whatif.js";

const STYLESHEET = new URL("./incentive-widget.css", import.meta.url);

const ATTRIBUTES = {
  participant: "participant",
  "plan-src": "planSrc",
  "activity-src": "activitySrc",
  locale: "locale",
};

/** A deep copy of plain JSON data (what the host passed stays theirs). */
function copy(value) {
  try {
    return structuredClone(value);
  } catch {
    return JSON.parse(JSON.stringify(value));
  }
}

function upsertInto(activity, deal) {
  if (!Array.isArray(activity.deals)) activity.deals = [];
  const i = activity.deals.findIndex((d) => d?.id === deal?.id);
  if (i >= 0) activity.deals[i] = copy(deal);
  else activity.deals.push(copy(deal));
}

export class IncentiveWidgetElement extends HTMLElement {
  static get observedAttributes() {
    return Object.keys(ATTRIBUTES);
  }

  // Inputs as the host gave them, and the activity with live updates applied.
  #planInput = null;
  #activityInput = null;
  #working = null;
  #pendingOps = [];
  // What is in force: the engine and the plan it was built from.
  #engine = null;
  #goodPlan = null;
  /** The statement on screen: the engine's headline figures (no sentences). */
  #statement = null;
  /** The same statement with every line's sentence, computed on first ask. */
  #full = null;
  #shownFor = null;
  #curve = null;
  #curveJob = null;
  // Batching.
  #dirty = { engine: false, statement: false };
  #pass = false;
  #running = null;
  #liveCalls = 0;
  // Problems by source, shown together.
  #reports = new Map();
  #fetches = { plan: null, activity: null };
  #loading = new Set();
  #views;

  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    const link = h("link", { rel: "stylesheet", href: STYLESHEET.href });
    const ids = { title: uid("iw-title"), att: uid("iw-att"), co: uid("iw-co"), comp: uid("iw-comp"), curve: uid("iw-curve"), whatif: uid("iw-whatif") };
    const v = {
      title: h("h2", { class: "title", part: "title", id: ids.title }),
      subtitle: h("p", { class: "subtitle", part: "subtitle" }),
      period: h("p", { class: "period", part: "period" }),
      status: h("p", { class: "status", part: "status" }),
      announcer: h("p", { class: "visually-hidden", role: "status", "aria-live": "polite", "aria-atomic": "true" }),
      problems: new ProblemsView(),
      figures: new FiguresView(),
      clawback: h("p", { class: "note clawback", part: "clawback", hidden: true }),
      attainment: new AttainmentView(ids.att),
      company: new CompanyView(ids.co),
      components: new ComponentsView(ids.comp),
      curve: new CurveView(ids.curve),
      // What-if works on copies through the engine's whatIf (never changing it).
      whatif: new WhatIfView(ids.whatif, { engine: () => this.#engine, storage: () => window.localStorage }),
    };
    v.body = h(
      "div",
      { class: "body" },
      v.figures.el,
      v.clawback,
      h("div", { class: "gauges" }, v.attainment.el, v.company.el),
      v.whatif.el,
      v.components.el,
      v.curve.el,
    );
    v.card = h(
      "section",
      { class: "card", part: "card", "aria-labelledby": ids.title, hidden: true },
      h("header", { class: "header", part: "header" }, h("div", { class: "heading" }, v.title, v.subtitle), v.period),
      v.status,
      v.problems.el,
      v.body,
      v.announcer,
    );
    // Shown once the stylesheet is in (or failed): no flash of unstyled content.
    const reveal = () => {
      v.card.hidden = false;
    };
    link.addEventListener("load", reveal, { once: true });
    link.addEventListener("error", reveal, { once: true });
    root.append(link, v.card);
    this.#views = v;
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
    this.#abort("plan");
    this.#setInput("plan", value, "plan");
  }

  /** The activity object last given (property or activity-src), without live updates. */
  get activity() {
    return this.#activityInput;
  }
  set activity(value) {
    this.#abort("activity");
    this.#setInput("activity", value, "activity");
  }

  /** The statement on screen (plan-format.md §Statement), or null. */
  get statement() {
    return this.#fullStatement();
  }

  /** The statement on screen with its `explain` sentences (computed once). */
  #fullStatement() {
    const st = this.#statement;
    if (!st || !this.#engine) return st;
    if (!this.#full) {
      try {
        this.#full = this.#engine.statement(st.participant);
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

  // --- live updates ------------------------------------------------------------

  /** Adds a deal or replaces the one with the same id. False if rejected (see incentive-error). */
  upsertDeal(deal) {
    return this.#apply("upsertDeal", (e) => e.upsertDeal(deal), (a) => upsertInto(a, deal));
  }

  /** Removes a deal by id. False if rejected. */
  removeDeal(id) {
    return this.#apply(
      "removeDeal",
      (e) => e.removeDeal(String(id)),
      (a) => {
        a.deals = (a.deals ?? []).filter((d) => d?.id !== id);
      },
    );
  }

  /** Sets company revenue (decimal string or number), or null to sum the deals. False if rejected. */
  setCompanyRevenue(amount) {
    const value = amount === undefined ? null : amount;
    return this.#apply(
      "setCompanyRevenue",
      (e) => e.setCompanyRevenue(value),
      (a) => {
        a.company = { ...(a.company ?? {}) };
        if (value === null) delete a.company.revenue;
        else a.company.revenue = value;
      },
    );
  }

  /** Sets a participant metric such as lead_followup. False if rejected. */
  setMetric(participant, name, value) {
    return this.#apply(
      "setMetric",
      (e) => e.setMetric(String(participant), String(name), value),
      (a) => {
        const p = (a.participants ?? []).find((x) => x?.id === participant);
        if (p) p.metrics = { ...(p.metrics ?? {}), [name]: value };
      },
    );
  }

  #apply(source, onEngine, onWorking) {
    if (this.#engine) {
      try {
        onEngine(this.#engine);
      } catch (err) {
        this.#problem("update", "That update was rejected; nothing changed.", err, source);
        this.#schedule();
        return false;
      }
      this.#reports.delete("update");
      if (this.#working) onWorking(this.#working);
      this.#dirty.statement = true;
    } else if (this.#working) {
      onWorking(this.#working);
      this.#dirty.engine = true;
    } else {
      this.#pendingOps.push(onWorking);
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
        this.#problem(`load-${kind}`, `The ${kind} is not valid JSON.`, { problems: [{ path, message: `is not valid JSON: ${err.message}` }] }, path);
        this.#schedule();
        return;
      }
    }
    this.#reports.delete(`load-${kind}`);
    if (kind === "plan") {
      this.#planInput = data ?? null;
    } else {
      this.#activityInput = data ?? null;
      this.#working = data ? copy(data) : null;
      if (this.#working) {
        for (const op of this.#pendingOps) op(this.#working);
        this.#pendingOps = [];
      }
    }
    this.#dirty.engine = true;
    this.#schedule();
  }

  #abort(kind) {
    this.#fetches[kind]?.abort();
    this.#fetches[kind] = null;
  }

  #load(kind, url) {
    const job = this.#fetch(kind, url);
    this.#loading.add(job);
    job.finally(() => this.#loading.delete(job));
  }

  /** How long plan-src and activity-src may take (ms), body included, before the widget gives up. */
  static fetchTimeout = 20_000;

  async #fetch(kind, url) {
    this.#abort(kind);
    if (!url) return;
    const ctrl = new AbortController();
    this.#fetches[kind] = ctrl;
    const path = `${kind}-src`;
    const limit = Number(IncentiveWidgetElement.fetchTimeout) > 0 ? Number(IncentiveWidgetElement.fetchTimeout) : 20_000;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ctrl.abort();
    }, limit);
    let data;
    try {
      let res;
      try {
        res = await fetch(url, { signal: ctrl.signal, credentials: "same-origin", headers: { Accept: "application/json" } });
      } catch (err) {
        throw new Error(`could not load ${url}: ${err.message}`);
      }
      if (!res.ok) throw new Error(`could not load ${res.url || url}: HTTP ${res.status} ${res.statusText}`.trim());
      const text = await res.text();
      try {
        data = JSON.parse(text);
      } catch (err) {
        // A login page or a proxy's error page instead of the data.
        const type = res.headers.get("content-type") ?? "";
        if (/html/i.test(type) || /^\s*</.test(text)) throw new Error(`${url} sent a web page (${type || "HTML"}), not JSON: check the address, or sign in again`);
        throw new Error(`${url} is not valid JSON: ${err.message}`);
      }
    } catch (err) {
      if (ctrl.signal.aborted && !timedOut) return; // replaced by a newer load
      this.#fetches[kind] = null;
      const message = timedOut ? `${url} did not answer within ${limit / 1000} s; gave up` : String(err?.message ?? err);
      this.#problem(`load-${kind}`, `The ${kind} could not be loaded.`, { problems: [{ path, message }] }, path);
      this.#schedule();
      return;
    } finally {
      clearTimeout(timer);
    }
    if (ctrl.signal.aborted && !timedOut) return; // (the data won a race with the timer: keep it)
    this.#fetches[kind] = null;
    this.#setInput(kind, data, path);
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

  async #update() {
    const live = this.#liveCalls > 0;
    this.#liveCalls = 0;
    let dataChanged = false;
    if (this.#dirty.engine && this.#planInput && this.#working) {
      let mod;
      try {
        mod = await loadEngine();
        this.#reports.delete("engine");
      } catch (err) {
        this.#problem("engine", "The pay engine could not be loaded.", err, "engine");
        this.#render(null);
        return;
      }
      if (this.#pass) {
        // More changes arrived while loading: the next pass takes them all.
        this.#liveCalls += live ? 1 : 0;
        return;
      }
      this.#dirty.engine = false;
      try {
        const engine = new mod.Engine(this.#planInput, this.#working);
        this.#engine?.free?.();
        this.#engine = engine;
        this.#goodPlan = this.#planInput;
        this.#reports.delete("data");
        this.#reports.delete("update");
        this.#dirty.statement = true;
        dataChanged = true;
      } catch (err) {
        this.#problem("data", "This plan or activity can't be used.", err, "data");
      }
    }

    let previous = null;
    if (this.#engine && this.#dirty.statement) {
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
    if (deltas) {
      this.#announce(next, deltas);
      const self = this;
      this.#emit("earnings-change", {
        participant: next.participant,
        // The full statement (with sentences) is built only if a listener reads it.
        get statement() {
          return self.#statement === next ? self.#fullStatement() : next;
        },
        previous,
        delta: deltas,
        cause: live ? "update" : "data",
      });
    } else if (next && this.#shownFor !== next.participant) {
      const self = this;
      this.#emit("incentive-load", {
        participant: next.participant,
        get statement() {
          return self.#statement === next ? self.#fullStatement() : next;
        },
      });
    }
    this.#shownFor = next ? next.participant : null;
  }

  #computeStatement() {
    const pid = this.participant;
    if (!pid) {
      this.#statement = null;
      this.#reports.delete("participant");
      return;
    }
    try {
      // The figures come from headline() (the same numbers, several times
      // faster); a line's sentence is built only when someone asks for it.
      this.#statement = this.#engine.headline(pid);
      this.#full = null;
      this.#reports.delete("participant");
    } catch (err) {
      this.#statement = null;
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
        if (this.#statement === st && this.#engine) {
          this.#curve = { ...this.#curveFor(st), statement: st };
          this.#views.curve.update(this.#curve.points ? { ...this.#curve, fmt: this.#format(st) } : null);
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
    const role = roleOf(this.#goodPlan, st.role);
    const bands = bandsOf(tieredCommission(role)?.tiers?.bands);
    const last = bands.length ? Number(bands[bands.length - 1].from) : 1;
    if (typeof this.#engine.curve === "function") {
      try {
        const to = Math.max(last + 0.5, Number(st.attainment) * 1.1, 1.5);
        const pts = this.#engine.curve(st.participant, { to_attainment: String(Math.ceil(to * 4) / 4), points: 61 });
        if (Array.isArray(pts) && pts.length > 1) {
          return {
            source: "engine",
            bands,
            quota: st.quota,
            points: pts.map((p) => ({ x: Number(p.quota_credit), y: Number(p.earned) })),
            current: { x: Number(st.quota_credit), y: Number(st.earned) },
          };
        }
      } catch {
        // fall through to the statement's own lines
      }
    }
    const points = pointsFromLines(st, role, this.#dealMap());
    if (points.length < 2) return { points: null };
    return { source: "lines", bands, quota: st.quota, points, current: points[points.length - 1] };
  }

  /** Payments to this person on deals since cancelled. */
  #clawbacks(pid, deals) {
    return (this.#working?.payments ?? [])
      .filter((p) => p?.participant === pid && p.deal !== undefined && deals.get(p.deal)?.stage === "cancelled")
      .map((p) => ({ id: String(p.deal), name: String(deals.get(p.deal).name ?? p.deal), amount: String(p.amount) }));
  }

  #dealMap() {
    return new Map((this.#working?.deals ?? []).filter((d) => d && d.id !== undefined).map((d) => [d.id, d]));
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
    const fmt = this.#format(st);
    const parts = [`${this.#personName(st.participant)}: earned ${fmt.money(st.earned)}`];
    if (sign(deltas.earned) !== 0) parts[0] += ` (${sign(deltas.earned) > 0 ? "up" : "down"} ${fmt.money(deltas.earned.replace(/^-/, ""))})`;
    parts.push(`due ${fmt.money(st.due)}`);
    const text = `${parts.join("; ")}.`;
    this.#views.announcer.textContent = text;
  }

  // --- view ---------------------------------------------------------------------

  #localeTag() {
    return this.locale || this.closest("[lang]")?.getAttribute("lang") || document.documentElement.lang || navigator.language;
  }

  #format(st) {
    const scale = Number.isInteger(this.#goodPlan?.currency_scale) ? this.#goodPlan.currency_scale : 2;
    return makeFormat(this.#localeTag(), st?.currency ?? this.#goodPlan?.currency ?? "USD", scale);
  }

  #personName(pid) {
    const p = personOf(this.#working, pid);
    return p?.name ? String(p.name) : String(pid ?? "");
  }

  #render(deltas, live = false) {
    const v = this.#views;
    if (!v) return;
    const st = this.#statement;
    const fmt = this.#format(st);
    const plan = this.#goodPlan;

    const reports = [...this.#reports.values()];
    v.problems.update(
      reports.length ? { title: reports[0].title, problems: reports.flatMap((r) => r.problems) } : null,
      Boolean(st),
    );

    const loading = this.#fetches.plan || this.#fetches.activity || (this.#planInput && this.#working && !this.#engine && !reports.length);
    v.card.setAttribute("aria-busy", loading ? "true" : "false");
    let status = "";
    if (!st && !reports.length) {
      if (loading || !this.#engine) status = "Loading pay data…";
      else if (!this.participant) status = "No participant chosen: set the participant attribute.";
    }
    setText(v.status, status);
    v.status.hidden = !status;

    const pid = this.participant;
    setText(v.title, st ? this.#personName(st.participant) : pid ? this.#personName(pid) : "Incentive pay");
    const role = st ? roleOf(plan, st.role) : null;
    setText(v.subtitle, st ? [role?.name ?? st.role, plan?.name].filter(Boolean).join(" · ") : "");
    v.subtitle.hidden = !st;
    const asOf = this.#working?.as_of;
    setText(
      v.period,
      st && plan?.period ? `${fmt.dateRange(plan.period.start, plan.period.end)}${asOf ? ` · as of ${fmt.date(asOf)}` : ""}` : "",
    );
    v.period.hidden = !v.period.textContent;

    v.body.hidden = !st;
    if (!st) return;
    const person = personOf(this.#working, st.participant);
    const model = {
      statement: st,
      plan,
      role,
      person,
      deals: this.#dealMap(),
      fmt,
      live: Boolean(deltas) && live,
      explain: (component, deal) => this.#explainFor(component, deal),
    };
    v.figures.update(st, fmt, deltas);
    const claws = this.#clawbacks(st.participant, model.deals);
    setText(
      v.clawback,
      claws.length
        ? `Paid includes ${claws.map((c) => `${fmt.money(c.amount)} on ${c.name} (${c.id})`).join(" and ")}, since cancelled: ` +
            "it comes back out of what is due (a clawback)."
        : "",
    );
    v.clawback.hidden = claws.length === 0;
    v.attainment.update(model);
    v.company.update(model);
    v.components.update(model);
    v.whatif.update({ ...model, activity: this.#working });
    // The curve of this statement, once computed (#scheduleCurve); a locale
    // change redraws it.
    if (this.#curve?.statement === st) v.curve.update(this.#curve.points ? { ...this.#curve, fmt } : null);
    else if (this.#curve?.statement?.participant !== st.participant) v.curve.update(null);
  }
}
