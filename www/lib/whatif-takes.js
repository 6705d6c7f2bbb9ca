// "What it takes": the next tier from the scenario's numbers (the engine's
// whatItTakes on the scenario's changes), the smallest deal like the one in
// the add-deal form that gets there, and a button putting that amount in
// the form.

import { h, setText } from "./dom.js";
import { button } from "./form.js";
import { compile, problemText } from "./whatif-model.js";

export class TakesBox {
  /** useAmount(amount): puts the amount in the add-deal form. */
  constructor(useAmount) {
    this.text = h("p", { class: "wi-takes-text" });
    this.button = button("Put it in the form", { class: "small" });
    this.button.addEventListener("click", () => useAmount(this.button.dataset.amount ?? ""));
    this.el = h("div", { class: "wi-takes", part: "whatif-takes" }, h("h4", { text: "What it takes" }), this.text, h("div", { class: "wi-actions" }, this.button));
  }

  /**
   * engine, ctx (the panel's), template (the add-deal form's deal), applied:
   * the scenario's entries in force (what it takes is counted from there).
   */
  render(engine, ctx, template, applied) {
    const st = ctx.statement;
    this.el.hidden = st.quota === null || st.quota === undefined;
    if (this.el.hidden) return;
    const { fmt } = ctx;
    const scenario = applied.length > 0;
    let w;
    try {
      w = engine.whatItTakes(ctx.participant, scenario ? { ...template, changes: compile(applied) } : template);
    } catch (err) {
      setText(this.text, `What it takes can't be worked out for this deal: ${problemText(err)}`);
      this.button.hidden = true;
      return;
    }
    this.button.hidden = true;
    const from = scenario ? "from this scenario's numbers" : "from your actual numbers";
    if (!w.next_tier) {
      setText(this.text, `${scenario ? "This scenario is" : "You are"} in the top tier already: every further sale earns at the highest rate.`);
      return;
    }
    const nt = w.next_tier;
    const head = `Next tier: ${fmt.multiplier(nt.multiplier)} from ${fmt.percent(nt.attainment)} of quota, ${fmt.money(nt.quota_credit_needed)} of quota credit away (${from}).`;
    if (w.amount_needed === null) {
      setText(this.text, `${head} ${w.why_no_amount ?? "No single deal amount can be named."}`);
      return;
    }
    const like = [template.type, template.product, template.discount ? `${fmt.percent(template.discount)} off` : "", template.stage !== "booked" ? template.stage : ""]
      .filter(Boolean)
      .join(", ");
    setText(
      this.text,
      `${head} The smallest deal that gets you there: ${fmt.money(w.amount_needed)} (${like}, as set in “Add a deal”), adding ${fmt.money(w.extra_earned)} to what you earn.`,
    );
    this.button.hidden = false;
    this.button.dataset.amount = w.amount_needed;
    setText(this.button, `Put ${fmt.money(w.amount_needed)} in the form`);
  }
}
