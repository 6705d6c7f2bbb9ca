// Downloads for `plan-src` and `activity-src`: one at a time per kind (a
// newer address replaces a load still running), a time limit that covers
// the body too, and failures as errors a portal can log: a documented
// `code` and a sentence in `message`.
//
//   fetch_failed   the server could not be reached, or answered 4xx/5xx
//   not_json       it answered a web page (a login or proxy page) or text
//                  that is not JSON
//   timeout        no complete answer within the time limit

/** A failed download: `code` is one of the codes above, `message` a sentence. */
export class LoadError extends Error {
  constructor(code, message, url) {
    super(message);
    this.name = "LoadError";
    this.code = code;
    this.url = url;
  }
}

export class Loader {
  #controllers = { plan: null, activity: null };

  /** Whether a download of `kind` is running. */
  busy(kind) {
    return this.#controllers[kind] !== null;
  }

  /** Stops the download of `kind` (a property set by the host wins). */
  abort(kind) {
    this.#controllers[kind]?.abort();
    this.#controllers[kind] = null;
  }

  /**
   * Downloads `url` as JSON. Resolves to { data } or { error: LoadError },
   * or to null when a newer load of the same kind replaced this one.
   */
  async load(kind, url, timeoutMs) {
    this.abort(kind);
    const ctrl = new AbortController();
    this.#controllers[kind] = ctrl;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ctrl.abort();
    }, timeoutMs);
    try {
      const data = await this.#get(url, ctrl.signal);
      if (ctrl.signal.aborted && !timedOut) return null;
      return { data };
    } catch (err) {
      if (ctrl.signal.aborted && !timedOut) return null; // replaced by a newer load
      if (timedOut) return { error: new LoadError("timeout", `${url} did not answer within ${timeoutMs / 1000} s; gave up`, url) };
      return { error: err instanceof LoadError ? err : new LoadError("fetch_failed", `could not load ${url}: ${err?.message ?? err}`, url) };
    } finally {
      clearTimeout(timer);
      if (this.#controllers[kind] === ctrl) this.#controllers[kind] = null;
    }
  }

  async #get(url, signal) {
    let res;
    try {
      res = await fetch(url, { signal, credentials: "same-origin", headers: { Accept: "application/json" } });
    } catch (err) {
      throw new LoadError("fetch_failed", `could not load ${url}: ${err.message}`, url);
    }
    if (!res.ok) {
      throw new LoadError("fetch_failed", `could not load ${res.url || url}: HTTP ${res.status} ${res.statusText}`.trim(), url);
    }
    const text = await res.text();
    try {
      return JSON.parse(text);
    } catch (err) {
      const type = res.headers.get("content-type") ?? "";
      if (/html/i.test(type) || /^\s*</.test(text)) {
        throw new LoadError("not_json", `${url} sent a web page (${type || "HTML"}), not JSON: check the address, or sign in again`, url);
      }
      throw new LoadError("not_json", `${url} is not valid JSON: ${err.message}`, url);
    }
  }
}
