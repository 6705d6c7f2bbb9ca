// The data in force: the engine built from the host's plan and activity,
// and the live updates pushed to it. The element keeps no copy of the
// activity and applies no update itself: a live call goes to the engine (or
// waits in a queue until there is one), a new plan is put under the same
// engine's activity with `withPlan` (live updates kept), and everything the
// views show is asked of the engine — the headline, its facts (bands,
// multipliers, tier edges, clawbacks), the person's deals, the people.
// Answers that only a deal change can move are kept until one does.

import { loadEngine } from "./engine.js";

export class Session {
  /** The engine in force, or null. */
  engine = null;
  /** The plan the engine was built from (the host's object), or null. */
  plan = null;
  /** Live calls made while there was no engine: [{ source, run(engine) }]. */
  #queue = [];
  #cache = new Map();
  #vocabulary = null;
  #readAmount = null;
  /** The last activity given could not be used. */
  #activityRefused = false;

  /** Drops the engine answers kept: all (a new engine), or the deals' (a deal changed). */
  #forget(all) {
    for (const key of [...this.#cache.keys()]) if (all || key !== "people") this.#cache.delete(key);
  }

  /** A kept engine answer, asked once. */
  #kept(key, ask) {
    if (!this.#cache.has(key)) this.#cache.set(key, ask());
    return this.#cache.get(key);
  }

  /**
   * Builds the engine from the host's documents: `plan` under the current
   * engine's activity when only the plan changed (the live updates stay),
   * else a new engine from both. Queued live calls are then made on it.
   * `stale()`: whether newer changes arrived while the engine module
   * loaded (then nothing is built: the caller's next pass takes them all).
   * Returns { status: "built" | "failed" | "later" | "unavailable", error,
   * refused: [{ source, err }] }; a failed build keeps the old engine.
   */
  async build(plan, activity, activityChanged, stale) {
    let mod;
    try {
      mod = await loadEngine();
    } catch (error) {
      return { status: "unavailable", error, refused: [] };
    }
    if (stale()) return { status: "later", refused: [] };
    this.#vocabulary ??= mod.vocabulary();
    this.#readAmount ??= mod.readAmount;
    const planOnly = !activityChanged && !this.#activityRefused && this.engine;
    let engine;
    try {
      engine = planOnly ? this.engine.withPlan(plan) : new mod.Engine(plan, activity);
    } catch (error) {
      if (!planOnly) {
        // The activity given can't be used: the next build starts from the
        // documents, and the calls queued for it go with it.
        this.#activityRefused = true;
        if (!this.engine) this.#queue = [];
      }
      return { status: "failed", error, refused: [] };
    }
    this.#activityRefused = false;
    const old = this.engine;
    this.engine = engine;
    this.plan = plan;
    if (old && old !== engine) old.free?.();
    this.#forget(true);
    const refused = [];
    for (const call of this.#queue.splice(0)) {
      try {
        call.run(engine, this);
      } catch (err) {
        refused.push({ source: call.source, err });
      }
    }
    return { status: "built", refused };
  }

  /**
   * A live update: made on the engine now (throws if refused; nothing
   * changed), or queued until there is one. `dealsMove`: it changes deals.
   * `run(engine, session)`.
   */
  call(source, run, dealsMove) {
    if (!this.engine) {
      this.#queue.push({ source, run });
      return false;
    }
    run(this.engine, this);
    if (dealsMove) this.#forget(false);
    else for (const key of [...this.#cache.keys()]) if (key.startsWith("year:") || key.startsWith("payouts:") || key.startsWith("pipeline:") || key.startsWith("team:") || key.startsWith("standing:")) this.#cache.delete(key);
    return true;
  }

  // --- what the views ask -------------------------------------------------------------

  /** An amount as people type it ("$30,000", "30k") read by the engine's one money reader: { value } or { error }; null before the module loaded. */
  readAmount(text) {
    return this.#readAmount ? this.#readAmount(String(text ?? "")) : null;
  }

  /** The engine's vocabularies and limits, or null before the engine module loaded. */
  vocabulary() {
    return this.#vocabulary;
  }

  headline(pid) {
    return this.engine.headline(pid);
  }

  statement(pid) {
    return this.engine.statement(pid);
  }

  /** Bands, multipliers, tier edges, company figures and clawbacks (no deal lines). */
  facts(pid) {
    return this.engine.facts(pid, { deals: false });
  }

  /** The person's deals as the engine holds them: Map id → deal. */
  deals(pid) {
    return this.#kept(`deals:${pid}`, () => new Map(this.engine.deals(pid).map((d) => [d.id, d])));
  }

  /** The person's deals' facts (each line's discount, why a deal does not count): Map id → facts. */
  dealFacts(pid) {
    return this.#kept(`dealfacts:${pid}`, () => new Map(this.engine.facts(pid).deals.map((d) => [d.id, d])));
  }

  /**
   * What the card shows on every update: { statement: the headline figures,
   * year: { periods, current, strip: every pay period's statement of `pid` }
   * (a plan with pay periods; else null) }. A plan year's figures and strip
   * come from one scoring of the year (`yearView`).
   */
  figures(pid) {
    const { periods, current } = this.engine.periods();
    if (periods.length < 2) return { statement: this.engine.headline(pid), year: null };
    const v = this.engine.yearView(pid);
    return { statement: v.statement, year: { periods, current, strip: v.periods } };
  }

  /** The engine's sentence of one line of a pay period's statement (asked when its "Why" opens; kept until the next live update). */
  periodLineExplain(pid, period, component, deal, kind) {
    const st = this.#kept(`year:${pid}:${period}`, () => this.engine.statement(pid, { period }));
    const c = st.components.find((x) => x.name === component);
    const line = c?.lines.find((l) => (l.deal ?? null) === (deal ?? null) && l.kind === kind);
    return line?.explain ?? "";
  }

  /** When each amount is paid and each deal's status (the engine's payouts). Kept until the next live update. */
  payouts(pid) {
    return this.#kept(`payouts:${pid}`, () => this.engine.payouts(pid));
  }

  /** One deal line's terms (share, amount, rate, multipliers, tier, modifiers), or null: the words of its "Why". */
  lineTerms(pid, component, deal) {
    return this.engine.lineTerms(pid, component, deal) ?? null;
  }

  /**
   * The pipeline as the person's screen shows it (`engine.pipeline`), or
   * null when the activity has no lead ledger. Kept until the next live
   * update.
   */
  pipeline(pid) {
    return this.#kept(`pipeline:${pid}`, () => {
      try {
        return this.engine.pipeline(pid);
      } catch (err) {
        if (err?.code === "unknown_participant") return null;
        throw err;
      }
    });
  }

  /**
   * One lead change tried out, nothing changed: { result: the engine's
   * whatIf (pay, and the measures the role pays on), before, after: the
   * pipeline view now and with the change made (on a copy of the engine) }.
   */
  leadWhatIf(pid, change) {
    const result = this.engine.whatIf(pid, [change], { explain: true });
    let after = null;
    {
      // A copy of the engine (its activity, live updates in), changed and asked.
      const scratch = this.engine.withPlan(this.plan);
      try {
        if (change.op === "upsert_lead") scratch.upsertLead(change.lead);
        else scratch.removeLead(change.lead);
        after = scratch.pipeline(pid);
      } finally {
        scratch.free?.();
      }
    }
    return { result, before: this.pipeline(pid), after };
  }

  /** A manager's team statement (`engine.team`): every member's headline figures and the sums. Kept until the next live update. */
  team(pid) {
    return this.#kept(`team:${pid}`, () => this.engine.team(pid));
  }

  /** Where the person stands against their role's benchmarks (`engine.standing`), or null. Kept until the next live update. */
  standing(pid) {
    return this.#kept(`standing:${pid}`, () => {
      try {
        return this.engine.standing(pid);
      } catch (err) {
        // A secondary panel: a person who is not there, or figures past 28 digits (the statement says so), shows none.
        if (err?.code === "unknown_participant" || err?.code === "too_large") return null;
        throw err;
      }
    });
  }

  /** Everyone's id → name (owners, touches). */
  people() {
    return this.#kept("people", () => new Map(this.engine.people().map((p) => [p.id, p.name ?? p.id])));
  }
}
