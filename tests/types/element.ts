// The element's declarations as a portal's TypeScript sees them, from the
// built dist/ folder (checked by tsc --noEmit -p tests/types).
import { IncentiveWidgetElement } from "../../dist/incentive-widget/incentive-widget.js";

const el = document.querySelector("incentive-widget");
if (el) {
  const typed: IncentiveWidgetElement = el;
  typed.participant = "rep-ada";
  typed.locale = "en-US";
  const applied: boolean = typed.upsertDeal({
    id: "D-1", type: "new", close_date: "2027-01-10", amount: "100",
    owners: [{ participant: "rep-ada", split: "1" }],
  });
  typed.setCompanyRevenue("4400000");
  typed.addEventListener("earnings-change", (e) => {
    const earned: string = e.detail.delta.earned;
    const total: string = e.detail.statement.earned;
    console.log(applied, earned, total);
  });
  typed.addEventListener("incentive-error", (e) => {
    for (const p of e.detail.problems) console.log(p.path, p.message);
  });
}
