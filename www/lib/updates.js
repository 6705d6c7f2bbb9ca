// The widget's batched update: what the host gave (plan, activity,
// participant, locale, live updates) marks what is dirty; one pass per
// microtask rebuilds the engine if the documents changed (session.js),
// asks it for the headline and its facts, and the card renders them; then
// the events go out (earnings-change with its deltas, incentive-load,
// incentive-error with a documented code and a sentence). Downloads for
// plan-src and activity-src are loader.js's. The element (the public API)
// only forwards to this.

import { toProblems } from "./engine.js";
import { subtract } from "./decimal.js";
import { Loader } from "./loader.js";
import { Session } from "./session.js";
import { Card } from "./card.js";
import { CurveJob } from "./curve-job.js";

export class Updates {
  /** The documents as the host gave them (the engine holds the live updates). */
  plan = null;
  activity = null;
  #session = new Session();
  #loader = new Loader();
  /** The statement on screen: the engine's headline figures (no sentences), and its facts. */
  #statement = null;
  #facts = null;
  /** The plan year (pay periods) of the statement on screen, or null. */
  #year = null;
  /** The same statement with every line's sentence, computed on first ask. */
  #full = null;
  #shownFor = null;
  #curve;
  /** What changed since the last pass. */
  dirty = { plan: false, activity: false, statement: false };
  #pass = false;
  #running = null;
  #liveCalls = 0;
  // Problems by source, shown together.
  #reports = new Map();
  #loading = new Set();
  #host;

  /** host: { target (fires the events), participant(), view(), period(), choosePeriod(id), locale(), fetchTimeout() }. */
  constructor(host) {
    this.#host = host;
    this.card = new Card({
      choosePeriod: (id) => host.choosePeriod(id),
      engine: () => this.#session.engine,
      vocabulary: () => this.#session.vocabulary(),
      readAmount: (text) => this.#session.readAmount(text),
      storage: () => window.localStorage,
      statement: (pid) => this.#session.statement(pid),
    });
    this.#curve = new CurveJob(this.card.curve, () => this.#session.engine, () => this.#statement);
    this.#render(null);
  }

  /** Stops the download of `kind` (the host set the document itself). */
  abort(kind) {
    this.#loader.abort(kind);
  }

  /** The statement on screen with its `explain` sentences (computed once). */
  fullStatement() {
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
    const c = this.fullStatement()?.components?.find((x) => x.name === componentName);
    const line = c?.lines?.find((l) => (l.deal ?? null) === (deal ?? null));
    return line?.explain ?? "";
  }

  /** Resolves once every load and change so far is computed and on screen. */
  get complete() {
    return (async () => {
      while (this.#loading.size || this.#running || this.#curve.job) {
        await Promise.all([...this.#loading, this.#running, this.#curve.job]);
      }
    })();
  }

  apply(source, run, dealsMove) {
    try {
      if (this.#session.call(source, run, dealsMove)) {
        this.#reports.delete("update");
        this.dirty.statement = true;
      }
    } catch (err) {
      this.problem("update", "That update was rejected; nothing changed.", err, source);
      this.schedule();
      return false;
    }
    this.#liveCalls += 1;
    this.schedule();
    return true;
  }

  setInput(kind, value, path) {
    let data = value;
    if (typeof data === "string") {
      try {
        data = JSON.parse(data);
      } catch (err) {
        this.problem(`load-${kind}`, `The ${kind} is not valid JSON.`, { code: "invalid_json", message: `The ${kind} is not valid JSON: ${err.message}`, problems: [{ path, message: `is not valid JSON: ${err.message}` }] }, path);
        this.schedule();
        return;
      }
    }
    this.#reports.delete(`load-${kind}`);
    if (kind === "plan") this.plan = data ?? null;
    else this.activity = data ?? null;
    this.dirty[kind] = true;
    this.schedule();
  }

  load(kind, url) {
    const job = this.#fetch(kind, url);
    this.#loading.add(job);
    job.finally(() => this.#loading.delete(job));
  }

  async #fetch(kind, url) {
    this.#loader.abort(kind);
    if (!url) return;
    const limit = Number(this.#host.fetchTimeout()) > 0 ? Number(this.#host.fetchTimeout()) : 20_000;
    const path = `${kind}-src`;
    this.schedule(); // shows "Loading…"
    const got = await this.#loader.load(kind, url, limit);
    if (got === null) return; // replaced by a newer load
    if (got.error) {
      const retry = () => {
        this.#reports.delete(`load-${kind}`);
        this.load(kind, url);
      };
      this.problem(`load-${kind}`, `The ${kind} could not be loaded.`, { code: got.error.code, message: got.error.message, problems: [{ path, message: got.error.message }] }, path, retry);
      this.schedule();
      return;
    }
    this.setInput(kind, got.data, path);
  }

  // --- the batched update -------------------------------------------------------

  schedule() {
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
    const activityChanged = this.dirty.activity;
    const got = await this.#session.build(this.plan, this.activity, activityChanged, () => this.#pass);
    if (got.status === "unavailable") {
      const message = `The pay engine could not be loaded: ${got.error?.message ?? got.error}`;
      this.problem("engine", "The pay engine could not be loaded.", { code: "engine_unavailable", message }, "engine");
      return "failed";
    }
    this.#reports.delete("engine");
    if (got.status === "later") return "later";
    this.dirty.plan = false;
    this.dirty.activity = false;
    if (got.status === "failed") {
      this.problem("data", "This plan or activity can't be used.", got.error, "data");
      return "failed";
    }
    this.#reports.delete("data");
    this.#reports.delete("update");
    for (const r of got.refused) this.problem("update", "That update was rejected; nothing changed.", r.err, r.source);
    this.dirty.statement = true;
    return "built";
  }

  async #update() {
    const live = this.#liveCalls > 0;
    this.#liveCalls = 0;
    let dataChanged = false;
    if ((this.dirty.plan || this.dirty.activity) && this.plan && this.activity) {
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
    if (this.#session.engine && this.dirty.statement) {
      this.dirty.statement = false;
      previous = this.#shownFor === this.#host.participant() ? this.#statement : null;
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
    const fullOf = () => (self.#statement === next ? self.fullStatement() : next);
    if (deltas) {
      this.card.announce(this.#view(), deltas);
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
    const pid = this.#host.participant();
    if (!pid) {
      this.#statement = null;
      this.#facts = null;
      this.#year = null;
      this.#reports.delete("participant");
      return;
    }
    try {
      // The figures come from headline() (the same numbers, several times
      // faster); a line's sentence is built only when someone asks for it.
      const { statement, year } = this.#session.figures(pid);
      this.#statement = statement;
      this.#facts = this.#session.facts(pid);
      this.#year = year;
      this.#full = null;
      this.#reports.delete("participant");
    } catch (err) {
      this.#statement = null;
      this.#facts = null;
      this.#year = null;
      this.problem("participant", `No statement for “${pid}”.`, err, "participant");
    }
  }

  // --- problems and events ------------------------------------------------------

  /** Reports a problem (shown under `title`, in the incentive-error event); `retry` offers "Try again". */
  problem(key, title, err, source, retry = null) {
    const { code, message, problems } = toProblems(err, source);
    this.#reports.set(key, { title, problems, ...(retry ? { retry } : {}) });
    this.#emit("incentive-error", { source, code, message, problems });
  }

  #emit(type, detail) {
    this.#host.target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  // --- view ---------------------------------------------------------------------

  #localeTag() {
    return this.#host.locale();
  }

  /** What the card shows now; `deltas` after a change, `live` when a live update caused it. */
  #view(deltas = null, live = false) {
    return {
      session: this.#session,
      statement: this.#statement,
      facts: this.#facts,
      // The pay period shown: the one asked for (the `period` attribute), else the current one.
      year: this.#year ? { ...this.#year, shown: this.#year.strip.some((p) => p.period === this.#host.period()) ? this.#host.period() : this.#year.current } : null,
      participant: this.#host.participant(),
      view: this.#host.view?.() ?? "",
      locale: this.#localeTag(),
      reports: [...this.#reports.values()],
      fetching: this.#loader.busy("plan") || this.#loader.busy("activity"),
      waiting: Boolean(this.plan && this.activity && !this.#session.engine),
      deltas,
      live,
      explain: (component, deal) => this.#explainFor(component, deal),
    };
  }

  #render(deltas, live = false) {
    
    const model = this.card.render(this.#view(deltas, live));
    if (model) this.#curve.follow(model.statement, this.#facts, model.fmt);
  }
}
