// The demo pages' service worker (dist/sw.js, so its scope is the demo):
// after the first visit the pages, the widget, the plan lab and the sample
// data open with the network off. The lab's organisation (20,000 deals) is
// cached only when lab.html asks (demo/lab.js), so the rep's page never
// downloads it. A portal writes its own few lines like these
// (docs/WIDGET.md, "Offline").

importScripts("incentive-widget/offline.js");

self.IncentiveWidgetOffline.serve({
  widget: "incentive-widget/",
  fresh: ["./", "lab.html", "demo/demo.css", "demo/demo.js", "demo/lab.js", "demo/offline-state.js", "sample/plan.json", "sample/activity.json"],
  keep: ["sample/lab/plan.json", "sample/lab/activity.json"],
});
