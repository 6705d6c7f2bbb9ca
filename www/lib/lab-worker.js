// The plan lab's worker: the engine's Lab off the main thread. The page
// never waits on a re-score; it posts edits and gets figures back.
//
//   → { type: "load", plan, activity, role } or { type: "load", planUrl, activityUrl, role }
//   → { type: "edit", id, plan }        the edited plan (an object)
//   → { type: "base", id, plan }        compare with this version from now on
//   → { type: "curve", id, factors }    cost points, one message each
//   → { type: "backtest" }              the backtest as CSV
//   ← { type: "loaded", fields, people, ms }
//   ← { type: "report", id, edit, report, fields, ms } | { type: "invalid", id, error }
//   ← { type: "goal", id, goal, ms } | { type: "point", id, point, done, of }
//   ← { type: "csv", csv } | { type: "error", stage, error }
//
// The lab runs two of these: the figures' worker (load, edit, base,
// backtest: it answers every edit at once) and, loaded with
// { role: "sweep" }, the sweep's (the same edits, then the goal costs and
// the cost curve, which take several scorings of the whole company; it
// stages each edit rather than re-scoring its report), so an edit never
// waits behind a curve point. Several edits waiting are one
// edit (the newest); a new edit drops the goal costs and curve points
// still waiting for the one before. Each step is its own task, so a
// message posted meanwhile is seen between steps.

// The lab's own engine package (the rep's has no Lab class).
const glue = new URL("../lab/incentive_widget.js", import.meta.url);
let engine = null; // the wasm-bindgen module
let lab = null;
let queue = [];
let pumping = false;
let lastFields = "";
let sweep = false; // this worker works out the goal costs and the curve

function problemsOf(err) {
  const problems = Array.isArray(err?.problems) ? err.problems.map((p) => ({ path: String(p.path), message: String(p.message) })) : [];
  return { code: String(err?.code ?? "unexpected"), message: String(err?.message ?? err), problems };
}

async function ensureEngine() {
  if (!engine) {
    const mod = await import(glue.href);
    await mod.default({ module_or_path: new URL("../lab/incentive_widget_bg.wasm", import.meta.url) });
    engine = mod;
  }
  return engine;
}

async function text(url) {
  const res = await fetch(url, { credentials: "same-origin" });
  if (!res.ok) throw Object.assign(new Error(`could not load ${url}: HTTP ${res.status}`), { code: "fetch_failed" });
  return res.text();
}

function fieldsOf(plan) {
  const fields = engine.planFields(plan);
  const key = fields.map((f) => f.path).join("\n");
  const changed = key !== lastFields;
  lastFields = key;
  return changed ? fields : null;
}

async function load(msg) {
  const t0 = performance.now();
  try {
    await ensureEngine();
    const planText = msg.planUrl ? await text(msg.planUrl) : JSON.stringify(msg.plan);
    const activity = msg.activityUrl ? await text(msg.activityUrl) : typeof msg.activity === "string" ? msg.activity : JSON.stringify(msg.activity);
    const plan = JSON.parse(planText);
    lab?.free();
    lab = new engine.Lab(plan, activity);
    lastFields = "";
    if (sweep) {
      queue.push({ type: "goal", id: 0 });
      return;
    }
    const report = lab.report({ movers: 5 });
    postMessage({ type: "loaded", plan, fields: fieldsOf(plan), report, ms: performance.now() - t0 });
  } catch (err) {
    // The figures' worker says why a load failed; the sweep's would say it twice.
    if (!sweep) postMessage({ type: "error", stage: "load", error: problemsOf(err) });
  }
}

function step(msg) {
  const t0 = performance.now();
  if (msg.type === "edit" || msg.type === "base") {
    try {
      // The sweep's worker stages the edit (no report re-scored: only the
      // goal costs and the curve are asked of it).
      const edit = msg.type === "edit" ? (sweep ? lab.stage(msg.plan) : lab.edit(msg.plan)) : (lab.compareWith(msg.plan), null);
      if (sweep) {
        queue.push({ type: "goal", id: msg.id });
        return;
      }
      const report = lab.report({ movers: 5 });
      const fields = msg.type === "edit" ? fieldsOf(msg.plan) : null;
      postMessage({ type: "report", id: msg.id, edit, report, fields, ms: performance.now() - t0 });
    } catch (err) {
      if (!sweep) postMessage({ type: "invalid", id: msg.id, error: problemsOf(err) });
    }
  } else if (msg.type === "goal") {
    try {
      postMessage({ type: "goal", id: msg.id, goal: lab.goalCosts(), ms: performance.now() - t0 });
    } catch (err) {
      postMessage({ type: "error", stage: "goal", error: problemsOf(err) });
    }
  } else if (msg.type === "point") {
    try {
      postMessage({ type: "point", id: msg.id, point: lab.costPoint(msg.factor), done: msg.done, of: msg.of });
    } catch (err) {
      postMessage({ type: "error", stage: "curve", error: problemsOf(err) });
    }
  } else if (msg.type === "backtest") {
    postMessage({ type: "csv", csv: lab.backtestCsv() });
  }
}

function pump() {
  if (pumping) return;
  pumping = true;
  setTimeout(() => {
    pumping = false;
    if (!lab || queue.length === 0) return;
    // The newest edit and the newest base win (each is a whole plan); the
    // goal costs and curve points of older edits go.
    const newest = (type) => queue.findLast((m) => m.type === type);
    const [base, edit] = [newest("base"), newest("edit")];
    const latest = Math.max(base?.id ?? -1, edit?.id ?? -1);
    queue = queue.filter((m) => {
      if (m.type === "base") return m === base;
      if (m.type === "edit") return m === edit;
      if (m.type === "goal" || m.type === "point") return m.id >= latest;
      return true;
    });
    step(queue.shift());
    if (queue.length) pump();
  }, 0);
}

onmessage = async (e) => {
  const msg = e.data;
  if (msg.type === "load") {
    queue = [];
    sweep = msg.role === "sweep";
    await load(msg);
  } else if (msg.type === "curve") {
    queue = queue.filter((m) => m.type !== "point");
    msg.factors.forEach((factor, i) => queue.push({ type: "point", id: msg.id, factor, done: i + 1, of: msg.factors.length }));
  } else {
    queue.push(msg);
  }
  pump();
};
