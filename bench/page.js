// The in-page half of the browser benchmark (bench/run.mjs drives it through
// playwright-core): every figure is measured here with performance.now(),
// many repetitions, median. Each step is one `window.bench.*` call so the
// runner can put a timeout on it and sample memory between steps.
//
// Timing: an operation runs in batches long enough (≥ 5 ms) that the timer's
// resolution (100 µs in a page that is not cross-origin isolated) does not
// matter; a sample is the batch time over the batch size; the figure is the
// median sample (p10 and p90 beside it).

import { teamSetup, teamUpserts } from "./team.js";
import { summarize } from "./lib/summary.mjs";
import * as plain from "./baselines/plain.js";
import * as dec from "./baselines/decimaljs.js";

const params = new URLSearchParams(location.search);
// ?pkg=URL loads another build of the package (the profile step uses one
// that keeps the wasm function names).
const PKG = new URL(params.get("pkg") ?? "../pkg/incentive_widget.js", import.meta.url).href;

const S = { ops: {} };
let sink = 0;
const keep = (v) => {
  sink = (sink + (v ? 1 : 0)) | 0;
};

// --- timing -------------------------------------------------------------------


/** Median time (ms) of one call of `fn`. */
function measure(fn, { budgetMs = 1500, minSamples = 9, maxSamples = 201, batchMs = 5, warmup = 3 } = {}) {
  for (let i = 0; i < warmup; i++) keep(fn());
  let batch = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) keep(fn());
    const dt = performance.now() - t0;
    if (dt >= batchMs || batch >= 1 << 20) break;
    batch *= dt < batchMs / 16 ? 8 : 2;
  }
  const samples = [];
  const start = performance.now();
  while (samples.length < maxSamples && (samples.length < minSamples || performance.now() - start < budgetMs)) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) keep(fn());
    samples.push((performance.now() - t0) / batch);
  }
  return summarize(samples, batch);
}

/** One timed call (ms) and its result. */
function once(fn) {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

async function text(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
  return res.text();
}

function memory() {
  const m = performance.memory;
  return {
    wasmBytes: S.wasm?.memory?.buffer?.byteLength ?? null,
    jsHeapUsed: m?.usedJSHeapSize ?? null,
    jsHeapTotal: m?.totalJSHeapSize ?? null,
  };
}

function gc() {
  if (typeof globalThis.gc === "function") globalThis.gc();
}

// --- the workloads' operations ------------------------------------------------------

// The ten what-if changes of benches/engine.rs.
function tenChanges() {
  const changes = [
    { op: "add_deal", deal: { id: "W-1", type: "new", close_date: "2027-03-30", amount: "120000",
      product: "suite-bundle", owners: [{ participant: "rep-0", split: "1" }] } },
    { op: "set_stage", deal: "W-1", stage: "activated" },
    { op: "set_discount", deal: "W-1", discount: "0.15" },
    { op: "set_company_revenue", amount: "2500000000" },
  ];
  for (let k = 0; k < 6; k++) {
    changes.push({ op: "set_amount", deal: `D-${String(k * 7).padStart(6, "0")}`, amount: "90000", line: 0 });
  }
  return changes;
}

// --- steps -----------------------------------------------------------------------

async function setup() {
  const mod = await import(PKG);
  S.mod = mod;
  S.wasm = await mod.default();
  return { pkg: PKG, version: mod.version?.() ?? null, memory: memory(), userAgent: navigator.userAgent };
}

/** Loads the one-rep workload: the full plan, the subset plan, the activity. */
async function loadOneRep({ data, participant = "rep-0" }) {
  const base = new URL(`${data}/`, location.href);
  const [planText, subsetText, activityText] = await Promise.all(
    ["plan.json", "plan-subset.json", "activity.json"].map((f) => text(new URL(f, base))),
  );
  const plan = JSON.parse(planText);
  const subset = JSON.parse(subsetText);
  const activity = JSON.parse(activityText);
  const { Engine } = S.mod;
  const full = once(() => new Engine(plan, activity));
  const sub = once(() => new Engine(subset, activity));
  const fromText = once(() => new Engine(planText, activityText));
  fromText.value.free();
  const live = new Engine(plan, activity);
  const pb = once(() => plain.prepare(subset, activity));
  const db = once(() => dec.prepare(subset, activity));
  Object.assign(S, { plan, subset, activity, participant, full: full.value, sub: sub.value, live, plainBook: pb.value, decBook: db.value });

  const id = participant;
  const changes = tenChanges();
  const curveOpts = { to_attainment: "2", points: 101 };
  const liveDeal = { id: "D-000003", type: "new", close_date: "2027-02-02", amount: "77000",
    owners: [{ participant: id, split: "1" }] };
  S.ops = {
    "wasm statement (full plan)": () => S.full.statement(id),
    "wasm headline (full plan)": () => S.full.headline(id),
    "wasm totals (full plan)": () => S.full.totals(id),
    "wasm statement (subset)": () => S.sub.statement(id),
    "wasm headline (subset)": () => S.sub.headline(id),
    "wasm totals (subset)": () => S.sub.totals(id),
    "plain statement (subset)": () => plain.statement(S.plainBook, id),
    "plain headline (subset)": () => plain.headline(S.plainBook, id),
    "decimal.js statement (subset)": () => dec.statement(S.decBook, id),
    "decimal.js headline (subset)": () => dec.headline(S.decBook, id),
    "wasm whatIf, 10 changes (full plan)": () => S.full.whatIf(id, changes),
    "wasm curve, 101 points (full plan)": () => S.full.curve(id, curveOpts),
    "wasm upsertDeal + statement (full plan)": () => {
      S.live.upsertDeal(liveDeal);
      return S.live.statement(id);
    },
  };
  return {
    deals: activity.deals.length,
    construct: { fullFromObjects: full.ms, subsetFromObjects: sub.ms, fullFromText: fromText.ms },
    prepare: { plain: pb.ms, decimaljs: db.ms },
    memory: memory(),
  };
}

/** The baselines against the engine on the subset plan: decimal.js to the cent, plain within a cent. */
function checkOneRep() {
  const id = S.participant;
  const w = S.sub.statement(id);
  const wh = S.sub.headline(id);
  const wt = S.sub.totals(id);
  const lines = w.components[0].lines;
  const p = plain.statement(S.plainBook, id);
  const d = dec.statement(S.decBook, id);
  const ph = plain.headline(S.plainBook, id);
  const dh = dec.headline(S.decBook, id);
  const problems = [];
  if (w.components.length !== 1) problems.push(`subset plan: ${w.components.length} components, expected 1`);
  if (wh.earned !== w.earned) problems.push(`wasm headline ${wh.earned} != statement ${w.earned}`);
  if (wt.earned !== w.earned || wt.payable !== w.payable || wt.quota_credit !== w.quota_credit) {
    problems.push(`wasm totals ${wt.earned}/${wt.payable}/${wt.quota_credit} != statement ${w.earned}/${w.payable}/${w.quota_credit}`);
  }
  if (p.lines.length !== lines.length) problems.push(`plain: ${p.lines.length} lines, wasm ${lines.length}`);
  if (d.lines.length !== lines.length) problems.push(`decimal.js: ${d.lines.length} lines, wasm ${lines.length}`);
  let decExact = 0;
  let plainWithinCent = 0;
  let plainMaxDiff = 0;
  lines.forEach((l, i) => {
    const dl = d.lines[i];
    const pl = p.lines[i];
    if (dl && dl.deal === l.deal && dl.earned === l.earned && dl.credit === l.credit && dl.payable === l.payable) decExact++;
    else if (problems.length < 12) problems.push(`decimal.js line ${i} (${l.deal}): ${JSON.stringify(dl)} vs wasm ${JSON.stringify({ deal: l.deal, credit: l.credit, earned: l.earned })}`);
    if (pl && pl.deal === l.deal) {
      const diff = Math.abs(pl.earned - Number(l.earned));
      plainMaxDiff = Math.max(plainMaxDiff, diff);
      if (diff <= 0.01 + 1e-9) plainWithinCent++;
    }
  });
  if (decExact !== lines.length) problems.push(`decimal.js: ${lines.length - decExact} of ${lines.length} lines differ`);
  if (d.earned !== w.earned || dh.earned !== w.earned) problems.push(`decimal.js earned ${d.earned} / headline ${dh.earned} != wasm ${w.earned}`);
  if (d.quota_credit !== w.quota_credit) problems.push(`decimal.js quota credit ${d.quota_credit} != wasm ${w.quota_credit}`);
  if (plainWithinCent !== lines.length) problems.push(`plain: ${lines.length - plainWithinCent} lines off by more than a cent`);
  const plainTotalDiff = Math.abs(p.earned - Number(w.earned));
  // Lines are each within a cent; the total may carry those cents.
  if (plainTotalDiff > 0.01 * Math.max(1, lines.length - plainWithinCent + 1) || Math.abs(ph.earned - p.earned) > 1e-6) {
    problems.push(`plain earned ${p.earned} (headline ${ph.earned}) vs wasm ${w.earned}`);
  }
  const full = S.full.statement(id);
  return {
    ok: problems.length === 0,
    problems,
    participant: id,
    lines: lines.length,
    wasm: { earned: w.earned, quota_credit: w.quota_credit },
    decimaljs: { earned: d.earned, quota_credit: d.quota_credit, exactLines: decExact },
    plain: { earned: p.earned, quota_credit: p.quota_credit, linesWithinCent: plainWithinCent, maxLineDiff: plainMaxDiff, totalDiff: plainTotalDiff },
    fullPlan: { earned: full.earned, components: full.components.map((c) => `${c.name}: ${c.earned} (${c.lines.length} lines)`) },
  };
}

/** Times every one-rep operation (names: Object.keys of S.ops, or `only`). */
function measureOneRep({ only = null, budgetMs = 1500 } = {}) {
  const out = {};
  for (const [name, fn] of Object.entries(S.ops)) {
    if (only && !only.includes(name)) continue;
    const slow = /curve|whatIf/.test(name);
    out[name] = measure(fn, slow ? { budgetMs, minSamples: 7, warmup: 1, batchMs: 1 } : { budgetMs });
  }
  out.__memory = memory();
  keep(sink);
  return out;
}

/** Runs one operation n times (for the CPU profiler). */
function loop(name, n) {
  const fn = S.ops[name];
  if (!fn) throw new Error(`no operation "${name}" (have: ${Object.keys(S.ops).join(", ")})`);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) keep(fn());
  return (performance.now() - t0) / n;
}

// --- the element: upsertDeal → the earned figure on screen ---------------------------------

/**
 * The one-rep data as a plan year: the plan period stretched to `end` and
 * paid `payPeriods` ("monthly": 12 pay periods), each payment dated on the
 * plan's first day (a plan year dates its payments).
 */
function asPlanYear(payPeriods, end) {
  const plan = { ...S.plan, period: { ...S.plan.period, end, pay_periods: payPeriods } };
  const payments = (S.activity.payments ?? []).map((p) => ({ ...p, date: p.date ?? plan.period.start }));
  return { plan, activity: { ...S.activity, payments } };
}

async function widgetSetup({ participant = "rep-0", payPeriods = null, end = "2027-12-31" } = {}) {
  await import(new URL("../dist/incentive-widget/incentive-widget.js", import.meta.url).href);
  const { plan, activity } = payPeriods ? asPlanYear(payPeriods, end) : S;
  S.widget?.el.remove();
  const el = document.createElement("incentive-widget");
  el.setAttribute("locale", "en-US");
  el.plan = plan;
  el.activity = activity;
  el.participant = participant;
  const t0 = performance.now();
  document.getElementById("widget-host").append(el);
  await el.updateComplete;
  await new Promise((r) => requestAnimationFrame(() => r()));
  const firstRender = performance.now() - t0;
  const fig = el.shadowRoot?.querySelector('[part~="figure-value"][part~="earned"]');
  if (!fig) throw new Error("the earned figure (part=\"figure-value earned\") is not in the element's shadow root");
  if (!fig.textContent.trim()) throw new Error("the earned figure is empty after updateComplete");
  S.widget = { el, fig, k: 0, participant };
  const periods = el.shadowRoot.querySelectorAll('[part~="period-button"]').length;
  return { firstRenderMs: firstRender, earnedText: fig.textContent, statementEarned: el.statement?.earned ?? null, periods };
}

/** One upsertDeal on the element, timed to the figure's text change and to the next frame. */
function widgetUpsertOnce(timeoutMs) {
  const { el, fig, participant } = S.widget;
  const k = ++S.widget.k;
  const deal = { id: "BENCH-LIVE", name: "Live deal", type: "new", close_date: "2027-03-15", stage: "booked",
    owners: [{ participant, split: "1" }], amount: String(20000 + k * 100), product: "analytics" };
  const before = fig.textContent;
  return new Promise((resolve, reject) => {
    let t0 = 0;
    const timer = setTimeout(() => {
      mo.disconnect();
      reject(new Error(`upsertDeal #${k}: the earned figure did not change within ${timeoutMs} ms (still ${before})`));
    }, timeoutMs);
    const mo = new MutationObserver(() => {
      if (fig.textContent === before) return;
      const t1 = performance.now();
      mo.disconnect();
      requestAnimationFrame(() => {
        const t2 = performance.now();
        clearTimeout(timer);
        resolve({ dom: t1 - t0, frame: t2 - t0, before, after: fig.textContent });
      });
    });
    mo.observe(fig, { characterData: true, childList: true, subtree: true });
    t0 = performance.now();
    const ok = el.upsertDeal(deal);
    if (ok !== true) {
      clearTimeout(timer);
      mo.disconnect();
      reject(new Error(`upsertDeal #${k} returned ${ok}`));
    }
  });
}

async function widgetUpserts({ reps = 15, warmup = 2, timeoutMs = 30000, budgetMs = 30000 } = {}) {
  const dom = [];
  const frame = [];
  let last = null;
  const start = performance.now();
  for (let i = 0; i < warmup + reps; i++) {
    const r = await widgetUpsertOnce(timeoutMs);
    await S.widget.el.updateComplete;
    await new Promise((res) => setTimeout(res, 20));
    if (i >= warmup) {
      dom.push(r.dom);
      frame.push(r.frame);
    }
    last = r;
    if (i >= warmup + 4 && performance.now() - start > budgetMs) break;
  }
  return { dom: summarize(dom, 1), frame: summarize(frame, 1), last };
}

// --- the company: 1,000 participants, 100,000 deals --------------------------------------

async function companyLoad({ data }) {
  const base = new URL(`${data}/`, location.href);
  const t0 = performance.now();
  const [planText, activityText] = await Promise.all(["plan.json", "activity.json"].map((f) => text(new URL(f, base))));
  const fetchMs = performance.now() - t0;
  S.companyPlanText = planText;
  S.companyText = activityText;
  const c = once(() => new S.mod.Engine(planText, activityText));
  S.company = c.value;
  return { fetchMs, bytes: activityText.length, constructFromTextMs: c.ms, memory: memory() };
}

function companyDropText() {
  S.companyText = null;
  gc();
  return memory();
}

function companyStatements({ reps = 1 } = {}) {
  const times = [];
  let n = 0;
  let lines = 0;
  for (let i = 0; i < reps; i++) {
    const r = once(() => S.company.statements());
    times.push(r.ms);
    n = r.value.length;
    lines = r.value.reduce((s, st) => s + st.components.reduce((t, c) => t + c.lines.length, 0), 0);
  }
  return { times, summary: summarize(times, 1), statements: n, lines, memory: memory() };
}

async function companyConstruct({ data, reps = 2 }) {
  const base = new URL(`${data}/`, location.href);
  const activityText = S.companyText ?? (await text(new URL("activity.json", base)));
  const times = [];
  for (let i = 0; i < reps; i++) {
    const r = once(() => new S.mod.Engine(S.companyPlanText, activityText));
    times.push(r.ms);
    r.value.free();
  }
  const p = once(() => JSON.parse(activityText));
  const plan = JSON.parse(S.companyPlanText);
  const objTimes = [];
  for (let i = 0; i < reps; i++) {
    const r = once(() => new S.mod.Engine(plan, p.value));
    objTimes.push(r.ms);
    r.value.free();
  }
  S.companyActivity = p.value;
  return { fromText: { ...summarize(times, 1), all: times }, jsonParseMs: p.ms, fromObjects: summarize(objTimes, 1), memory: memory() };
}

/** A live change in the company: upsert one deal, then only the statements it touches. */
function companyIncremental({ deal = 50000, reps = 15 } = {}) {
  const src = S.companyActivity?.deals?.[deal];
  if (!src) throw new Error(`no deal #${deal} (run companyConstruct first)`);
  const base = structuredClone(src);
  const touched = [];
  const upsert = [];
  const statements = [];
  let ids = [];
  for (let i = 0; i < reps; i++) {
    const d = structuredClone(base);
    d.lines[0].amount = String(Number(base.lines[0].amount) + 1000 * (i + 1));
    const t0 = performance.now();
    ids = S.company.upsertDeal(d);
    const t1 = performance.now();
    for (const id of ids) keep(S.company.statement(id));
    const t2 = performance.now();
    upsert.push(t1 - t0);
    statements.push(t2 - t1);
    touched.push(t2 - t0);
  }
  const owner = base.owners[0].participant;
  const one = measure(() => S.company.statement(owner), { budgetMs: 1000 });
  const head = measure(() => S.company.headline(owner), { budgetMs: 1000 });
  return {
    deal: base.id,
    owner,
    participantsTouched: ids,
    upsert: summarize(upsert, 1),
    touchedStatements: summarize(statements, 1),
    total: summarize(touched, 1),
    ownerStatement: one,
    ownerHeadline: head,
    memory: memory(),
  };
}

window.bench = {
  setup,
  loadOneRep,
  checkOneRep,
  measureOneRep,
  loop,
  ops: () => Object.keys(S.ops),
  widgetSetup,
  widgetUpserts,
  teamSetup,
  teamUpserts,
  companyLoad,
  companyDropText,
  companyStatements,
  companyConstruct,
  companyIncremental,
  memory,
  gc: () => {
    gc();
    return memory();
  },
};
window.benchReady = true;
