// Offline support for <incentive-widget>: a service worker that imports this
// file serves the widget's own files from a versioned cache, and the pages
// and data it is told about fresh from the network with the cached copy as
// the fallback. The widget never registers a service worker itself: the page
// that wants offline use does (docs/WIDGET.md, "Offline").
//
//   // /sw.js, served from a path whose scope covers the page:
//   importScripts("/widgets/incentive-widget/offline.js");
//   IncentiveWidgetOffline.serve({
//     widget: "/widgets/incentive-widget/",        // the folder, as served
//     fresh: ["/my-pay", "/comp/plan.json", "/comp/activity.json"],
//     keep: ["/comp/organisation.json"],   // optional: cached when a page asks
//   });
//
// Only same-origin GET requests for those URLs are answered; everything
// else goes to the network untouched. The cache is named after the widget's
// build (a hash of its files), so a new build caches afresh and the old
// cache is deleted once the new worker takes over.
//
// A classic script (importScripts), not a module: every browser with service
// workers can import it.

(function () {
  "use strict";

  // scripts/dist.mjs replaces the next line: the widget folder's files
  // (relative to the folder) and a hash of their content.
  const BUILD = { version: "dev", files: [] };

  const PREFIX = "incentive-widget-offline";

  /** A URL without its query and fragment: one cache entry per file. */
  function keyOf(url) {
    const u = new URL(url, self.location.href);
    return u.origin + u.pathname;
  }

  function serve(options) {
    const opts = options || {};
    const widget = new URL(opts.widget || "incentive-widget/", self.location.href);
    if (!widget.pathname.endsWith("/")) widget.pathname += "/";
    const scope = self.registration ? self.registration.scope : self.location.href;
    const cacheName = `${PREFIX} ${BUILD.version} ${scope}`;
    const pinned = new Set(BUILD.files.map((f) => keyOf(new URL(f, widget))));
    const fresh = new Set((opts.fresh || []).map((f) => keyOf(f)));
    // Data cached only when a page asks (keep(urls) from the page, such as
    // the plan lab's organisation), served as fresh is.
    const kept = new Set((opts.keep || []).map((f) => keyOf(f)));
    const foreign = [...pinned, ...fresh, ...kept].filter((k) => new URL(k).origin !== self.location.origin);
    if (foreign.length) throw new Error(`IncentiveWidgetOffline: only same-origin URLs can be cached: ${foreign.join(", ")}`);

    self.addEventListener("install", (event) => {
      event.waitUntil(
        caches.open(cacheName).then((cache) =>
          // cache: "reload" skips the HTTP cache: what is stored is what the server has now.
          cache.addAll([...pinned, ...fresh].map((url) => new Request(url, { cache: "reload", credentials: "same-origin" }))),
        ),
      );
    });

    self.addEventListener("activate", (event) => {
      event.waitUntil(
        caches
          .keys()
          .then((names) =>
            Promise.all(names.filter((n) => n.startsWith(`${PREFIX} `) && n.endsWith(` ${scope}`) && n !== cacheName).map((n) => caches.delete(n))),
          )
          .then(() => self.clients.claim()),
      );
    });

    self.addEventListener("fetch", (event) => {
      const request = event.request;
      if (request.method !== "GET") return;
      const url = new URL(request.url);
      if (url.origin !== self.location.origin) return;
      const key = url.origin + url.pathname;
      if (pinned.has(key)) event.respondWith(cacheFirst(request, key));
      else if (fresh.has(key) || kept.has(key)) event.respondWith(networkFirst(request, key));
    });

    // A page asks for some of `keep` to be cached now:
    //   postMessage({ type: "incentive-widget-offline:keep", urls }, [port])
    // answers { ok: true } on the port once they are, or { ok: false, error }.
    self.addEventListener("message", (event) => {
      const m = event.data;
      if (!m || m.type !== `${PREFIX}:keep` || !Array.isArray(m.urls)) return;
      const port = event.ports && event.ports[0];
      const keys = m.urls.map((u) => keyOf(u));
      const unknown = keys.filter((k) => !kept.has(k));
      const done = unknown.length
        ? Promise.reject(new Error(`not in the worker's keep list: ${unknown.join(", ")}`))
        : caches.open(cacheName).then((cache) => cache.addAll(keys.map((url) => new Request(url, { cache: "reload", credentials: "same-origin" }))));
      event.waitUntil(
        done.then(
          () => port && port.postMessage({ ok: true }),
          (err) => port && port.postMessage({ ok: false, error: String(err && err.message ? err.message : err) }),
        ),
      );
    });

    /** The widget's own files: they only change with the build, and so does the cache. */
    async function cacheFirst(request, key) {
      const cache = await caches.open(cacheName);
      const hit = await cache.match(key);
      if (hit) return hit;
      const response = await fetch(request);
      if (response.ok && response.type === "basic") await cache.put(key, response.clone());
      return response;
    }

    /** Pages and data: the network's copy when there is one, else the last one seen. */
    async function networkFirst(request, key) {
      const cache = await caches.open(cacheName);
      try {
        const response = await fetch(request);
        if (response.ok && response.type === "basic") await cache.put(key, response.clone());
        return response;
      } catch (err) {
        const hit = await cache.match(key);
        if (hit) return hit;
        throw err;
      }
    }
  }

  self.IncentiveWidgetOffline = Object.freeze({ version: BUILD.version, files: BUILD.files.slice(), serve });
})();
