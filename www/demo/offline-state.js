// The demo pages' offline opt-in (the widget and the lab never register a
// service worker on their own): registers `script` and says in the page's
// #offline-state whether a copy is saved. `keep`: URLs of the worker's
// keep list to cache before saying so (the lab's organisation).
// ?offline=off leaves the worker out.

export function offerOffline(script, { keep = [] } = {}) {
  const state = document.getElementById("offline-state");
  if (!state || !("serviceWorker" in navigator) || new URLSearchParams(location.search).get("offline") === "off") return;
  let ready = false;
  const show = () => {
    let text = "";
    if (!navigator.onLine) text = ready ? "Offline: the page runs from the copy saved in this browser." : "Offline.";
    else if (ready) text = "Works offline: a copy is saved in this browser.";
    if (!text) return;
    state.textContent = text;
    state.dataset.state = navigator.onLine ? "ready" : "offline";
    state.hidden = false;
  };
  navigator.serviceWorker
    .register(script)
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => (keep.length && navigator.onLine ? kept(registration.active, keep) : null))
    .then(() => {
      ready = true;
      show();
    })
    .catch((err) => console.warn(`Offline copy unavailable: ${err.message}`));
  addEventListener("online", show);
  addEventListener("offline", show);
  show();
}

/** Asks the active worker to cache `urls`; resolves once it has. */
function kept(worker, urls) {
  return new Promise((done, fail) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (e) => (e.data.ok ? done() : fail(new Error(e.data.error)));
    worker.postMessage({ type: "incentive-widget-offline:keep", urls }, [channel.port2]);
  });
}
