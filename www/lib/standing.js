// "Where you stand": the rep's role benchmarks instead of a rank — the
// attainment the top quarter and the top half of their peers start at, and
// what more quota credit takes them there — as the engine's standing(id)
// gives it (computed from the peers' data the page was given, or the
// anonymous benchmarks a cut carries). It never holds another person's id,
// name or pay. Shown only when the role has benchmarks.

import { h, setText } from "./dom.js";

export class StandingView {
  constructor(id) {
    this.list = h("ul", { class: "standing-marks", part: "standing-marks" });
    this.note = h("p", { class: "muted standing-note" });
    this.el = h(
      "section",
      { class: "panel standing", part: "standing", "aria-labelledby": `${id}-h`, hidden: true },
      h("h3", { id: `${id}-h` }, "Where you stand"),
      this.list,
      this.note,
    );
  }

  /** model: { standing (the engine's BenchmarkStanding, or null), fmt }. */
  update(model) {
    const st = model.standing;
    const marks = st?.marks ?? [];
    this.el.hidden = marks.length === 0;
    if (!marks.length) return;
    const fmt = model.fmt;
    this.list.replaceChildren(
      ...marks.map((m) => {
        const title = m.title[0].toUpperCase() + m.title.slice(1);
        const words = m.reached ? `You're in the ${m.title}.` : `${fmt.money(m.credit_needed)} more credit puts you in the ${m.title}.`;
        return h(
          "li",
          { class: m.reached ? "mark reached" : "mark", part: "standing-mark", "data-mark": m.mark },
          h("span", { class: "mark-title", text: `${title}: from ${fmt.exactPercent(m.attainment)} attainment` }),
          h("span", { class: "mark-words", text: words }),
          h("span", { class: "mark-exact", text: m.explain }),
        );
      }),
    );
    setText(this.note, `Among ${st.peers} people in your role. Benchmarks show what it takes, not anyone's rank, name or pay.`);
  }
}
