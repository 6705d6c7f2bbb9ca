// Attainment against quota, with the tier bands of the role's first tiered
// commission (the engine's facts: bands, the band in force), where the
// person stands, and what the next tier takes.

import { h, setText, flash } from "./dom.js";
import { bandBar } from "./bar.js";

export class AttainmentView {
  constructor(headingId) {
    this.heading = h("h3", { id: headingId, text: "Quota attainment" });
    this.value = h("span", { class: "big-value", part: "attainment-value" });
    this.sub = h("span", { class: "big-sub" });
    this.barHolder = h("div", { class: "bar-holder" });
    this.tierNote = h("p", { class: "note tier-mode" });
    this.next = h("p", { class: "next-tier", part: "next-tier" });
    this.el = h(
      "section",
      { class: "panel attainment", part: "attainment" },
      this.heading,
      h("p", { class: "big" }, this.value, " ", this.sub),
      this.barHolder,
      this.next,
      this.tierNote,
    );
  }

  update({ statement, facts, fmt, live }) {
    const hasQuota = statement.quota !== null && statement.attainment !== null;
    this.el.hidden = !hasQuota;
    if (!hasQuota) return;
    const tiered = facts?.tiers?.[0] ?? null;
    const bands = tiered?.bands ?? [];
    if (setText(this.value, fmt.percent(statement.attainment)) && live) flash(this.value, "changed");
    setText(this.sub, `${fmt.money(statement.quota_credit)} of ${fmt.roundMoney(statement.quota)} quota`);
    const label =
      `Attainment ${fmt.percent(statement.attainment)} of quota` +
      (bands.length ? `; tiers: ${bands.map((b) => `${fmt.multiplier(b.multiplier)} from ${fmt.percent(b.from)}`).join(", ")}` : "");
    this.barHolder.replaceChildren(bandBar({ bands, value: statement.attainment, current: tiered?.band ?? null, fmt, label, partName: "attainment-bar" }));

    const nt = statement.next_tier;
    if (nt) {
      setText(
        this.next,
        `Next tier: ${fmt.multiplier(nt.multiplier)} from ${fmt.percent(nt.attainment)} of quota — ` +
          `${fmt.money(nt.quota_credit_needed)} more quota credit to reach it.`,
      );
    } else if (bands.length) {
      setText(this.next, "Top tier reached: every further sale earns at the highest rate.");
    } else {
      setText(this.next, "");
    }
    this.next.hidden = !this.next.textContent;
    if (tiered) {
      const mode = tiered.mode === "marginal"
        ? "each slice of attainment earns its own band's multiplier"
        : "the band of your final attainment applies to every deal";
      setText(this.tierNote, `${tiered.component}: ${tiered.mode} tiers — ${mode}.`);
    }
    this.tierNote.hidden = !tiered;
  }
}
