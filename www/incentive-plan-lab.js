// The plan lab's entry module, for the comp admin's page:
//
//   <script type="module" src="/widgets/incentive-widget/incentive-plan-lab.js"></script>
//   <incentive-plan-lab plan-src="plan.json" activity-src="activity.json"></incentive-plan-lab>
//
// Registers <incentive-plan-lab> unless something already did. The engine
// runs in a Web Worker (lib/lab-worker.js) beside it; everything is found
// relative to this file, so the folder works wherever it is served.

import { IncentivePlanLabElement } from "./lib/lab-element.js";

export { IncentivePlanLabElement };

if (!customElements.get("incentive-plan-lab")) {
  customElements.define("incentive-plan-lab", IncentivePlanLabElement);
}
