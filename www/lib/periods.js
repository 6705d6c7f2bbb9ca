// The plan year's strip (plans with pay periods): one button a pay period
// with what it earned and what is due in it, the one shown pressed; under
// it the chosen period's figures to date and the balance carried into the
// next period. Every figure is the engine's period statement
// (`periodStatements`); choosing a period asks the host to show it (the
// element's `period` attribute).

import { h, setText } from "./dom.js";

export class PeriodStrip {
  /** choose(id): the user picked a pay period. */
  constructor(choose) {
    this.choose = choose;
    this.list = h("div", { class: "period-list", role: "group", "aria-label": "Pay periods" });
    this.toDate = h("p", { class: "note period-to-date", part: "period-to-date" });
    this.el = h("section", { class: "panel periods", part: "periods", hidden: true }, h("h3", { text: "Pay periods" }), this.list, this.toDate);
    this.buttons = new Map();
  }

  /** year: { strip: [PeriodStatement], shown: id, current: id } or null (a one-period plan). */
  update(year, fmt) {
    this.el.hidden = !year;
    if (!year) return;
    const ids = year.strip.map((p) => p.period).join("|");
    if (this.ids !== ids) {
      this.ids = ids;
      this.buttons.clear();
      this.list.replaceChildren(
        ...year.strip.map((p) => {
          const b = h("button", { type: "button", class: "period-button", part: "period-button", "aria-pressed": "false" }, h("span", { class: "period-name" }), h("span", { class: "period-figures" }));
          b.addEventListener("click", () => this.choose(p.period));
          this.buttons.set(p.period, b);
          return b;
        }),
      );
    }
    for (const p of year.strip) {
      const b = this.buttons.get(p.period);
      setText(b.querySelector(".period-name"), `${fmt.dateRange(p.start, p.end)}${p.period === year.current ? " · now" : ""}`);
      setText(b.querySelector(".period-figures"), `earned ${fmt.money(p.earned)} · due ${fmt.money(p.due)}`);
      b.setAttribute("aria-pressed", String(p.period === year.shown));
      b.setAttribute("aria-label", `${p.period}: ${fmt.dateRange(p.start, p.end)}, earned ${fmt.money(p.earned)}, due ${fmt.money(p.due)}`);
    }
    const shown = year.strip.find((p) => p.period === year.shown);
    setText(
      this.toDate,
      shown
        ? `To the end of ${fmt.dateRange(shown.start, shown.end)}: earned ${fmt.money(shown.earned_to_date)}, payable ${fmt.money(shown.payable_to_date)}, paid ${fmt.money(shown.paid_to_date)}; ${fmt.money(shown.balance)} carried into the next period.`
        : "",
    );
  }
}
