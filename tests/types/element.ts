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
  const leadApplied: boolean = typed.upsertLead({
    id: "L-1", campaign: "webinar", created_at: "2027-01-10T09:00:00Z", created_by: "mkt-cho",
    routed_to: "rep-ada", routed_at: "2027-01-10T09:00:00Z", attempts: [{ at: "2027-01-10T10:00:00Z", channel: "call" }], status: "open",
  });
  typed.removeLead("L-1");
  console.log(leadApplied);
  typed.addEventListener("earnings-change", (e) => {
    const earned: string = e.detail.delta.earned;
    const total: string = e.detail.statement.earned;
    console.log(applied, earned, total);
  });
  typed.addEventListener("incentive-error", (e) => {
    for (const p of e.detail.problems) console.log(p.path, p.message);
  });
}
