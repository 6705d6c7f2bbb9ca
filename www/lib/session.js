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
   * Builds the engine: `plan` under the current engine's activity when only
   * the plan changed (`planOnly`), else a new engine from both documents.
   * Queued live calls are then made on it; the ones it refuses come back as
   * [{ source, err }]. Throws what the engine throws (the old one stays).
   */
  async build(plan, activity, planOnly) {
    const mod = await loadEngine();
    this.#vocabulary ??= mod.vocabulary();
    return () => {
      const engine = planOnly && this.engine ? this.engine.withPlan(plan) : new mod.Engine(plan, activity);
      const old = this.engine;
      this.engine = engine;
      this.plan = plan;
      if (old && old !== engine) old.free?.();
      this.#forget(true);
      const refused = [];
      for (const call of this.#queue.splice(0)) {
        try {
          call.run(engine);
        } catch (err) {
          refused.push({ source: call.source, err });
        }
      }
      return refused;
    };
  }

  /**
   * A live update: made on the engine now (throws if refused; nothing
   * changed), or queued until there is one. `dealsMove`: it changes deals.
   */
  call(source, run, dealsMove) {
    if (!this.engine) {
      this.#queue.push({ source, run });
      return false;
    }
    run(this.engine);
    if (dealsMove) this.#forget(false);
    return true;
  }

  /** Forgets the queue (the host gave a new activity: earlier calls were on the old one). */
  dropQueued() {
    this.#queue = [];
  }

  // --- what the views ask -------------------------------------------------------------

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

  /** Everyone's id → name (owners, touches). */
  people() {
    return this.#kept("people", () => new Map(this.engine.people().map((p) => [p.id, p.name ?? p.id])));
  }
}
