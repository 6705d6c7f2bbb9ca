// The plan lab's benchmark (issue 18), run by `bash scripts/bench.sh` (or
// alone: `node bench/lab.mjs [--quick]`): <incentive-plan-lab> from
// dist/ in headless Chromium on the seeded organisations of
// scripts/lab-sample.mjs, 200 people / 20,000 deals and (without --quick)
// 1,000 / 100,000. For each, an edit typed into the form's field →
//
//   "report": the totals, roles, spreads and movers on screen (the
//             element's `lab-rendered`, the frame after they are drawn);
//   "goal":   the company goal's costs at 80/100/120% on screen too
//             (`lab-goal`): every figure the edit changes but the cost
//             curve, which fills in afterwards as progress;
//
// for a hunter's rate (the hunters re-scored), a marketer's rate
// (attribution) and the company target (everyone), each value typed in
// turn; the longest main-thread task of the whole run (a longtask
// observer and a 10 ms interval's longest delay, both first shown to see
// a deliberate 80 ms task: the page must stay responsive, no task over
// 50 ms). Goals:
// every figure ≤ 100 ms at 200/20,000 and ≤ 1 s at 1,000/100,000.
// Prints the table; writes bench/data/lab.json. Exits 1 on a failure,
// and with --check also when a goal is missed.

import { chromium } from "playwright-core";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { cpus } from "node:os";
import { startServer } from "../tests/browser/helpers/server.mjs";
import { CHROMIUM_ARGS } from "../tests/browser/helpers/browser.mjs";
import { summarize } from "./lib/summary.mjs";
import { organisation, PLAN } from "../scripts/lab-sample.mjs";
import { copyFileSync } from "node:fs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DIST = join(ROOT, "dist");
const DATA = join(ROOT, "bench", "data");
const QUICK = process.argv.includes("--quick");
const CHECK = process.argv.includes("--check");
const REPS = QUICK ? 6 : 4;
const log = (...a) => console.error("bench lab:", ...a);

const EDITS = [
  { what: "a hunter's rate", path: "plan.roles[0].components[0].rates.new", values: ["0.11", "0.10"] },
  { what: "a marketer's rate", path: "plan.roles[2].components[0].rate", values: ["0.012", "0.01"] },
  { what: "the company target", path: "plan.company_goal.target", values: ["2100000000", "2000000000"] },
];

const WORKLOADS = [
  { people: 200, deals: 20000, goal: 100 },
  ...(QUICK ? [] : [{ people: 1000, deals: 100000, goal: 1000 }]),
];

function organisationDir({ people, deals }) {
  const dir = join(DATA, `lab-${people}-${deals}`);
  if (!existsSync(join(dir, "activity.json"))) {
    log(`writing the ${people}/${deals} organisation`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "activity.json"), JSON.stringify(organisation({ participants: people, deals })));
  }
  copyFileSync(PLAN, join(dir, "plan.json"));
  return dir;
}

async function measure(browser, workload) {
  const dir = organisationDir(workload);
  // The demo page, its organisation swapped for this one.
  const server = await startServer({ "/": DIST, "/sample/lab/": dir });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("response", (r) => r.status() >= 400 && !r.url().endsWith("/favicon.ico") && errors.push(`${r.status()} ${r.url()}`));
  // Two independent watches on the main thread: the longtask observer,
  // and a 10 ms interval's longest gap between ticks (a task of n ms
  // delays the next tick by about n ms). Both are checked on a deliberate
  // 80 ms task below before their figures are believed.
  await page.addInitScript(() => {
    window.__long = [];
    new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => e.duration))).observe({ type: "longtask", buffered: true });
    window.__gap = { max: 0, last: performance.now() };
    setInterval(() => {
      const now = performance.now();
      window.__gap.max = Math.max(window.__gap.max, now - window.__gap.last - 10);
      window.__gap.last = now;
    }, 10);
  });
  const t0 = Date.now();
  await page.goto(`${server.url}/lab.html`);
  const ready = await page.evaluate(() => new Promise((done) => {
    const lab = document.querySelector("incentive-plan-lab");
    if (lab.report) return done({ ms: null });
    lab.addEventListener("lab-ready", (e) => done({ ms: e.detail.ms }), { once: true });
    lab.addEventListener("lab-error", (e) => done({ error: e.detail.message }), { once: true });
  }));
  if (ready.error) throw new Error(`the lab did not load: ${ready.error}`);
  // Each edit starts from a quiet lab: the goal costs and the cost curve
  // of the one before complete (a comp admin reads the figures).
  const quiet = () => page.evaluate((ms) => new Promise((done) => {
    const lab = document.querySelector("incentive-plan-lab");
    const t0 = performance.now();
    const timer = setTimeout(() => done(null), ms);
    lab.addEventListener("lab-curve", () => (clearTimeout(timer), done(performance.now() - t0)), { once: true });
  }), workload.people >= 1000 ? 120_000 : 30_000);
  if ((await quiet()) === null) throw new Error("the load's cost curve did not complete");
  const calibration = await page.evaluate(() => new Promise((done) => {
    window.__long = [];
    window.__gap.max = 0;
    setTimeout(() => {
      const t = performance.now();
      while (performance.now() - t < 80);
    }, 0);
    setTimeout(() => done({ observer: Math.max(0, ...window.__long), gap: window.__gap.max }), 400);
  }));
  log(`calibration, a deliberate 80 ms task: the observer saw ${fmt(calibration.observer)}, the interval's gap ${fmt(calibration.gap)}`);
  if (calibration.observer < 75 || calibration.gap < 70) {
    throw new Error(`the main-thread watches missed a deliberate 80 ms task: ${JSON.stringify(calibration)}`);
  }
  await page.evaluate(() => ((window.__long = []), (window.__gap.max = 0)));
  const rows = [];
  for (const edit of EDITS) {
    const report = [];
    const goal = [];
    const worker = [];
    const goalWorker = [];
    const curve = [];
    let scored = 0;
    for (let i = 0; i < REPS; i++) {
      const value = edit.values[i % edit.values.length];
      const waiting = page.evaluate(() => new Promise((done) => {
        const lab = document.querySelector("incentive-plan-lab");
        let r = null;
        lab.addEventListener("lab-rendered", (e) => (r = e.detail), { once: true });
        lab.addEventListener("lab-goal", (e) => done(r ? { report: r.ms, worker: r.worker, goalWorker: e.detail.worker, goal: e.detail.ms, scored: r.edit?.scored } : { error: "lab-goal came before lab-rendered" }), { once: true });
        lab.addEventListener("lab-invalid", (e) => done({ error: e.detail.message }), { once: true });
      }));
      const settled = quiet();
      await page.locator(`incentive-plan-lab [data-path='${edit.path}']`).fill(value);
      const m = await waiting;
      if (m.error) throw new Error(`${edit.what} = ${value}: ${m.error}`);
      report.push(m.report);
      goal.push(m.goal);
      worker.push(m.worker);
      goalWorker.push(m.goalWorker);
      scored = m.scored;
      const c = await settled;
      if (c === null) throw new Error(`${edit.what} = ${value}: the cost curve did not complete`);
      curve.push(c);
    }
    rows.push({ edit: edit.what, scored, report: summarize(report), goal: summarize(goal), worker: summarize(worker), curve: summarize(curve), goalWorker: summarize(goalWorker) });
  }
  const long = await page.evaluate(() => window.__long);
  const gap = await page.evaluate(() => window.__gap.max);
  await context.close();
  await server.close();
  if (errors.length) throw new Error(`page errors: ${errors.join("; ")}`);
  return { ...workload, loadMs: ready.ms, wallS: (Date.now() - t0) / 1000, rows, longest: long.length ? Math.max(...long) : 0, longTasks: long.length, gap, calibration };
}

const fmt = (ms) => (ms >= 100 ? `${Math.round(ms)} ms` : `${ms.toFixed(1)} ms`);

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
const results = [];
let missed = 0;
try {
  for (const w of WORKLOADS) {
    log(`${w.people} people / ${w.deals} deals`);
    results.push(await measure(browser, w));
  }
} finally {
  await browser.close();
}

const lines = ["| plan lab (Chromium, worker) | median | p90 | max | goal |", "| --- | --- | --- | --- | --- |"];
for (const r of results) {
  lines.push(`| ${r.people} / ${r.deals}: load, both plans scored | ${fmt(r.loadMs)} | | | |`);
  for (const row of r.rows) {
    const ok = row.goal.max <= r.goal;
    if (!ok) missed++;
    lines.push(`| ${r.people} / ${r.deals}: ${row.edit} (${row.scored} re-scored) → report on screen (in the worker ${fmt(row.worker.median)}) | ${fmt(row.report.median)} | ${fmt(row.report.p90)} | ${fmt(row.report.max)} | |`);
    lines.push(`| ${r.people} / ${r.deals}: ${row.edit} → every figure on screen (goal costs in the worker ${fmt(row.goalWorker.median)}) | ${fmt(row.goal.median)} | ${fmt(row.goal.p90)} | ${fmt(row.goal.max)} | ≤ ${r.goal} ms ${ok ? "met" : "MISSED"} |`);
    lines.push(`| ${r.people} / ${r.deals}: ${row.edit} → the cost curve complete (progress, 17 points) | ${fmt(row.curve.median)} | ${fmt(row.curve.p90)} | ${fmt(row.curve.max)} | |`);
  }
  const ok = r.longest <= 50 && r.gap <= 50;
  if (!ok) missed++;
  lines.push(`| ${r.people} / ${r.deals}: longest main-thread task during the edits (${r.longTasks} over 50 ms; a 10 ms interval's longest delay ${fmt(r.gap)}; both saw a deliberate 80 ms task as ${fmt(r.calibration.observer)} / ${fmt(r.calibration.gap)}) | ${fmt(r.longest)} | | | ≤ 50 ms ${ok ? "met" : "MISSED"} |`);
}
mkdirSync(DATA, { recursive: true });
writeFileSync(join(DATA, "lab.json"), JSON.stringify({ cpus: cpus().length, reps: REPS, results }, null, 2));
console.log(lines.join("\n"));
if (CHECK && missed) {
  console.error(`bench lab: ${missed} goal(s) missed`);
  process.exit(1);
}
