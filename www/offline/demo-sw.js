// The demo page's service worker (dist/sw.js, so its scope is the demo):
// after the first visit the page, the widget and the sample data open with
// the network off. A portal writes its own few lines like these
// (docs/WIDGET.md, "Offline").

importScripts("incentive-widget/offline.js");

self.IncentiveWidgetOffline.serve({
  widget: "incentive-widget/",
  fresh: ["./", "demo/demo.css", "demo/demo.js", "sample/plan.json", "sample/activity.json"],
});
