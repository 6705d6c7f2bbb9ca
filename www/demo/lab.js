// The plan lab demo page: the demo's offline copy (sw.js), and the lab's
// organisation kept in it. See demo/offline-state.js.

import { offerOffline } from "./offline-state.js";

offerOffline(new URL("../sw.js", import.meta.url), {
  keep: ["sample/lab/plan.json", "sample/lab/activity.json"].map((u) => new URL(`../${u}`, import.meta.url).href),
});
