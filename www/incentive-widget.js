// The entry module a portal loads:
//
//   <script type="module" src="/widgets/incentive-widget/incentive-widget.js"></script>
//
// Registers <incentive-widget> unless something already did, and re-exports
// the class for hosts that want to subclass it or register another name.
// The engine (../incentive_widget_bg.wasm) and the stylesheet are found
// relative to this file, wherever the folder is served.

import { IncentiveWidgetElement } from "./incentive-widget-element.js";

export { IncentiveWidgetElement };

if (!customElements.get("incentive-widget")) {
  customElements.define("incentive-widget", IncentiveWidgetElement);
}
