// When the earnings curve is computed: it costs the engine a statement per
// point, so it is asked for after the figures are on screen (next frame),
// a slice of points per task (no long task after a live update), only for
// the latest statement, and kept until the statement changes. The
// range shown is the engine's tier bands plus room to see where one stands.

/** Points of the curve, and how many the engine scores per task. */
const POINTS = 61;
const SLICE = 8;

export class CurveJob {
  #view;
  #engine;
  #latest = () => null;
  #curve = null;
  #pending = null;
  /** The computation under way (a promise), or null. */
  job = null;

  /** view: the CurveView; engine() → the engine or null; latest() → the statement on screen. */
  constructor(view, engine, latest) {
    this.#view = view;
    this.#engine = engine;
    this.#latest = latest;
  }

  /** The statement on screen changed (or was drawn again): keep the curve in step. */
  follow(st, facts, fmt) {
    if (this.#curve?.statement === st) {
      this.#view.update(this.#curve.points ? { ...this.#curve, fmt } : null); // a locale change redraws it
      return;
    }
    if (this.#curve?.statement?.participant !== st.participant) this.#view.update(null);
    if (this.#pending === st) return; // asked for already
    this.#pending = st;
    const job = new Promise((done) => {
      let ran = false;
      const run = async () => {
        if (ran) return;
        ran = true;
        if (this.#pending === st) this.#pending = null;
        if (this.#latest() === st && this.#engine()) {
          const curve = await this.#compute(st, facts);
          // A newer statement came while the slices ran: its own job draws it.
          if (curve && this.#latest() === st) {
            this.#curve = { ...curve, statement: st };
            this.#view.update(this.#curve.points ? { ...this.#curve, fmt } : null);
          }
        }
        done();
      };
      requestAnimationFrame(() => setTimeout(run, 0));
      setTimeout(run, 250); // a hidden tab runs no animation frames
    }).finally(() => {
      if (this.job === job) this.job = null;
    });
    this.job = job;
  }

  /**
   * The curve, a slice of points per task (the engine scores a statement a
   * point: 61 in one go would be one long task after every live update);
   * null when a newer statement made it moot.
   */
  async #compute(st, facts) {
    if (st.quota === null || st.quota === undefined) return { points: null };
    const bands = facts?.tiers?.[0]?.bands ?? [];
    const last = bands.length ? Number(bands[bands.length - 1].from) : 1;
    try {
      // Wide enough to show the last band and where the person stands.
      const to = Math.max(last + 0.5, Number(st.attainment) * 1.1, 1.5);
      const options = { to_attainment: String(Math.ceil(to * 4) / 4), points: POINTS };
      const pts = [];
      for (let first = 0; first < POINTS; first += SLICE) {
        if (first > 0) {
          await new Promise((r) => setTimeout(r, 0));
          if (this.#latest() !== st || !this.#engine()) return null;
        }
        pts.push(...this.#engine().curve(st.participant, { ...options, first, last: Math.min(first + SLICE, POINTS) - 1 }));
      }
      if (pts.length < 2) return { points: null };
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
}
