// The shared company goal: company attainment, and how it moves this
// person's pay (company-measured modifiers and bonuses), from the engine's
// facts: the target, each modifier's band in force and what it multiplies.

import { exactFigures, h, setText, flash } from "./dom.js";
import { bandBar } from "./bar.js";
import { bandsText, bonusText } from "./words.js";

export class CompanyView {
  constructor(headingId) {
    this.value = h("span", { class: "big-value", part: "company-value" });
    this.sub = h("span", { class: "big-sub" });
    this.barHolder = h("div", { class: "bar-holder" });
    this.effects = h("ul", { class: "effects", part: "company-effects" });
    this.el = h(
      "section",
      { class: "panel company", part: "company" },
      h("h3", { id: headingId, text: "Company goal" }),
      h("p", { class: "big" }, this.value, " ", this.sub),
      this.barHolder,
      this.effects,
    );
  }

  update({ statement, facts, fmt, live }) {
    const ca = statement.company_attainment;
    this.el.hidden = ca === null || ca === undefined;
    if (this.el.hidden) return;
    if (setText(this.value, fmt.percent(ca)) && live) flash(this.value, "changed");
    const target = facts?.company?.target;
    setText(this.sub, target !== undefined && target !== null ? `of the ${fmt.roundMoney(target)} company target` : "of the company target");

    const mods = (facts?.modifiers ?? []).filter((m) => m.measure === "company");
    const first = mods[0];
    const label = `Company attainment ${fmt.percent(ca)}` + (first ? `; ${first.name}: ${bandsText(first, fmt)}` : "");
    this.barHolder.replaceChildren(bandBar({ bands: first?.bands ?? [], value: ca, current: first?.band ?? null, fmt, label, partName: "company-bar" }));

    const items = [];
    for (const m of mods) {
      const now = m.band !== null ? `${fmt.multiplier(m.multiplier)} now` : "no multiplier yet";
      const nextBand = m.bands[m.band === null ? 0 : m.band + 1];
      const next = nextBand ? ` — ${fmt.multiplier(nextBand.multiplier)} from ${fmt.percent(nextBand.from)}` : "";
      items.push(
        h(
          "li",
          { class: "effect" },
          h("span", { class: "effect-name", text: m.name }),
          h("span", { class: "effect-value", text: now }),
          h("span", { class: "effect-note", text: `on ${m.applies_to.join(", ")}${next}` }),
        ),
      );
    }
    for (const c of statement.components ?? []) {
      const def = (facts?.components ?? []).find((x) => x.name === c.name);
      if ((c.kind !== "bonus" && c.kind !== "discretionary") || def?.measure !== "company") continue;
      items.push(
        h(
          "li",
          { class: "effect" },
          h("span", { class: "effect-name", text: c.name }),
          h("span", { class: "effect-value", text: fmt.money(c.earned) }),
          h("span", { class: "effect-note", text: (c.kind === "bonus" ? bonusText(c, facts, fmt) : null) ?? c.lines?.[0]?.explain ?? "" }),
          exactOf(c.lines?.[0]?.explain),
        ),
      );
    }
    if (items.length === 0) {
      items.push(h("li", { class: "effect" }, h("span", { class: "effect-note", text: "The company goal does not change this role's pay." })));
    }
    this.effects.replaceChildren(...items);
  }
}

/** The engine's sentence of a bonus line, one click away. */
function exactOf(sentence) {
  const x = exactFigures();
  x.set(sentence);
  return x.el;
}
