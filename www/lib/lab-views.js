// The plan lab's figures, as the engine's report gives them: the two plans'
// totals and cost of sales, payout by role, each role's spread of
// attainment and pay, the movers with the line that moved, and the company
// goal's cost at 80%, 100% and 120% of target. Rendering only: every
// figure and sentence is the engine's.

import { h, s, setText } from "./dom.js";
import { toNumber } from "./decimal.js";

function cell(tag, text, cls) {
  return h(tag, { class: cls, text });
}

export class Totals {
  constructor() {
    this.base = h("dd", { part: "base-payout" });
    this.edited = h("dd", { part: "edited-payout" });
    this.delta = h("dd", { part: "delta" });
    this.baseCost = h("dd", { part: "base-cost" });
    this.editedCost = h("dd", { part: "edited-cost" });
    this.why = h("p", { class: "why", part: "totals-explain" });
    this.el = h(
      "section",
      { class: "panel totals", part: "totals", "aria-labelledby": "lab-totals" },
      h("h3", { id: "lab-totals", text: "Total payout and cost of sales" }),
      h("dl", { class: "pairs" }, h("dt", { text: "Current plan" }), this.base, h("dt", { text: "Edited plan" }), this.edited, h("dt", { text: "Change" }), this.delta, h("dt", { text: "Cost of sales, current" }), this.baseCost, h("dt", { text: "Cost of sales, edited" }), this.editedCost),
      this.why,
    );
  }

  update(r, fmt) {
    setText(this.base, fmt.money(r.base.payout));
    setText(this.edited, fmt.money(r.edited.payout));
    setText(this.delta, fmt.signedMoney(r.delta));
    this.delta.dataset.direction = fmt.direction(r.delta);
    setText(this.baseCost, r.base.cost_of_sales === null ? "—" : fmt.exactPercent(r.base.cost_of_sales));
    setText(this.editedCost, r.edited.cost_of_sales === null ? "—" : fmt.exactPercent(r.edited.cost_of_sales));
    setText(this.why, `Current: ${r.base.explain}. Edited: ${r.edited.explain}.`);
  }
}

export class Roles {
  constructor() {
    this.body = h("tbody");
    this.el = h(
      "section",
      { class: "panel roles", part: "roles", "aria-labelledby": "lab-roles" },
      h("h3", { id: "lab-roles", text: "Payout by role" }),
      h("table", {}, h("thead", {}, h("tr", {}, ...["Role", "People", "Current", "Edited", "Change"].map((t) => h("th", { scope: "col", text: t })))), this.body),
    );
  }

  update(r, fmt) {
    this.body.replaceChildren(
      ...r.roles.map((x) => h("tr", {}, h("th", { scope: "row", text: x.name }), cell("td", String(x.people), "num"), cell("td", fmt.money(x.base), "num"), cell("td", fmt.money(x.edited), "num"), h("td", { class: "num", "data-direction": fmt.direction(x.delta), text: fmt.signedMoney(x.delta) }))),
    );
  }
}

/** One role's attainment histogram (both plans) and the spread of its pay. */
function roleSpread(d, fmt) {
  const W = 300;
  const H = 90;
  const n = d.edges.length;
  const most = Math.max(1, ...d.base, ...d.edited);
  const bw = W / n;
  const bars = [];
  for (let k = 0; k < n; k++) {
    const label = k === n - 1 ? `${fmt.percent(d.edges[k])} and up` : `${fmt.percent(d.edges[k])} to ${fmt.percent(d.edges[k + 1])}`;
    const hb = (d.base[k] / most) * (H - 12);
    const he = (d.edited[k] / most) * (H - 12);
    bars.push(
      s("rect", { class: "bar-base", x: k * bw + 1, y: H - hb, width: bw / 2 - 1, height: hb }, s("title", { text: `${label}: ${d.base[k]} current` })),
      s("rect", { class: "bar-edited", x: k * bw + bw / 2, y: H - he, width: bw / 2 - 1, height: he }, s("title", { text: `${label}: ${d.edited[k]} edited` })),
    );
  }
  const counts = d.edges.map((e, k) => `${fmt.percent(e)}${k === n - 1 ? "+" : ""}: ${d.base[k]} → ${d.edited[k]}`).filter((_, k) => d.base[k] || d.edited[k]);
  const chart = s("svg", { class: "histogram", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": `${d.name}: people by attainment, current → edited: ${counts.join("; ") || "nobody with a quota"}` }, ...bars);
  const spread = (p) => (p ? `${fmt.money(p.min)} · ${fmt.money(p.q1)} · ${fmt.money(p.median)} · ${fmt.money(p.q3)} · ${fmt.money(p.max)}` : "—");
  return h(
    "figure",
    { class: "spread" },
    h("figcaption", { text: d.name }),
    chart,
    h("p", { class: "legend" }, h("span", { class: "key key-base", text: "current" }), " ", h("span", { class: "key key-edited", text: "edited" }), d.no_quota ? ` · ${d.no_quota} without a quota` : ""),
    h("p", { class: "pay-spread", text: `Pay (lowest · quarter · median · three quarters · highest), current: ${spread(d.base_pay)}` }),
    h("p", { class: "pay-spread", text: `Edited: ${spread(d.edited_pay)}` }),
  );
}

export class Spreads {
  constructor() {
    this.list = h("div", { class: "spreads" });
    this.el = h("section", { class: "panel", part: "distribution", "aria-labelledby": "lab-dist" }, h("h3", { id: "lab-dist", text: "Attainment and pay, by role" }), this.list);
  }

  update(r, fmt) {
    this.list.replaceChildren(...r.distribution.map((d) => roleSpread(d, fmt)));
  }
}

function moverItem(m, fmt) {
  const l = m.line;
  const where = l ? [l.component, l.deal, l.member].filter(Boolean).join(" · ") : "";
  return h(
    "li",
    { class: "mover" },
    h("span", { class: "mover-name", text: m.name }),
    h("span", { class: "mover-role", text: m.role }),
    h("span", { class: "mover-delta", "data-direction": fmt.direction(m.delta), text: fmt.signedMoney(m.delta) }),
    h("span", { class: "mover-pay", text: `${fmt.money(m.base)} → ${fmt.money(m.edited)}` }),
    l ? h("p", { class: "mover-line", text: `${where}: ${fmt.money(l.base)} → ${fmt.money(l.edited)}` }) : null,
    l && l.explain ? h("p", { class: "mover-why", text: l.explain }) : l && l.base_explain ? h("p", { class: "mover-why", text: `Gone: ${l.base_explain}` }) : null,
  );
}

export class Movers {
  constructor() {
    this.up = h("ol", { class: "movers", part: "movers-up" });
    this.down = h("ol", { class: "movers", part: "movers-down" });
    this.el = h(
      "section",
      { class: "panel", part: "movers", "aria-labelledby": "lab-movers" },
      h("h3", { id: "lab-movers", text: "Whose pay moves most" }),
      h("div", { class: "two" }, h("div", {}, h("h4", { text: "Up" }), this.up), h("div", {}, h("h4", { text: "Down" }), this.down)),
    );
  }

  update(r, fmt) {
    const none = (t) => h("li", { class: "none", text: t });
    this.up.replaceChildren(...(r.up.length ? r.up.map((m) => moverItem(m, fmt)) : [none("Nobody's pay goes up.")]));
    this.down.replaceChildren(...(r.down.length ? r.down.map((m) => moverItem(m, fmt)) : [none("Nobody's pay goes down.")]));
  }
}

export class Goal {
  constructor() {
    this.body = h("tbody");
    this.note = h("p", { class: "why", part: "goal-status", text: "Working out the company goal's cost…" });
    this.el = h(
      "section",
      { class: "panel", part: "goal", "aria-labelledby": "lab-goal", "aria-busy": "true" },
      h("h3", { id: "lab-goal", text: "What the company goal costs" }),
      h("table", {}, h("thead", {}, h("tr", {}, ...["Company at", "Revenue", "Current: payout", "cost of the goal", "Edited: payout", "cost of the goal"].map((t) => h("th", { scope: "col", text: t })))), this.body),
      this.note,
    );
  }

  pending() {
    this.el.setAttribute("aria-busy", "true");
    setText(this.note, "Working out the company goal's cost…");
  }

  update(goal, fmt) {
    this.el.setAttribute("aria-busy", "false");
    if (!goal) {
      this.body.replaceChildren();
      setText(this.note, "The edited plan has no company goal.");
      return;
    }
    this.body.replaceChildren(
      ...goal.levels.map((l) =>
        h("tr", {}, h("th", { scope: "row", text: fmt.percent(l.at) }), cell("td", l.base.revenue === l.revenue ? fmt.money(l.revenue) : `${fmt.money(l.revenue)} (current plan: ${fmt.money(l.base.revenue)})`, "num"), cell("td", fmt.money(l.base.payout), "num"), h("td", { class: "num", title: l.base.explain, text: fmt.money(l.base.cost) }), cell("td", fmt.money(l.edited.payout), "num"), h("td", { class: "num", title: l.edited.explain, text: fmt.money(l.edited.cost) })),
      ),
    );
    const at = goal.levels.find((l) => toNumber(l.at) === 1) ?? goal.levels[0];
    setText(this.note, `Edited, ${at.edited.explain}.`);
  }
}
