// Loads the WebAssembly engine once per page, from the folder this module
// was served from (`../incentive_widget.js` and its `.wasm` beside it), so
// the widget works wherever a portal copies the folder.

let loading = null;

/** The wasm-bindgen module ({ Engine, ... }), initialised. */
export function loadEngine() {
  loading ??= (async () => {
    const glue = new URL("../incentive_widget.js", import.meta.url);
    const mod = await import(glue.href);
    await mod.default({ module_or_path: new URL("../incentive_widget_bg.wasm", import.meta.url) });
    return mod;
  })();
  loading.catch(() => {
    loading = null; // let a later widget try again
  });
  return loading;
}

/**
 * A thrown value as { code, message, problems: [{ path, message }] }.
 * `fallbackPath` names the input when the error carries no problems.
 */
export function toProblems(err, fallbackPath = "") {
  const problems = Array.isArray(err?.problems)
    ? err.problems.map((p) => ({ path: String(p?.path ?? ""), message: String(p?.message ?? "") }))
    : [];
  const message = String(err?.message ?? err ?? "unknown error");
  if (problems.length === 0) problems.push({ path: fallbackPath, message });
  // Every error the widget reports carries a documented code: the engine's,
  // the loader's (fetch_failed, not_json, timeout) or the element's own.
  return { code: String(err?.code ?? "unexpected"), message, problems };
}
