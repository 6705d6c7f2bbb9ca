// The browser benchmark (issue 7), run by `bash scripts/bench.sh`:
//
//   1. workloads with the CLI (`incentive workload`, seeded) into bench/data/
//      (gitignored): one rep (10 participants, 2,000 deals of rep-0, 10,000
//      touches) and the company (1,000 / 100,000 / 500,000), plus the plan
//      subset the JavaScript baselines compute (bench/lib/subset.mjs);
//   2. native peak memory: /usr/bin/time -v on `incentive score` and
//      `incentive validate` of the company;
//   3. the repository served on 127.0.0.1 (scripts/serve.mjs, a free port),
//      headless /usr/bin/chromium through playwright-core (TOOLCHAIN.md
//      flags; every host but 127.0.0.1 unresolvable, any other request
//      aborted and reported as a failure);
//   4. bench/page.html measures in the page (performance.now(), batches,
//      median): one rep (statement, headline, both baselines, what-if,
//      curve, upsertDeal → figure on screen), then in a fresh browser the
//      company (parse + construct, all statements, a live change) with
//      memory between steps (wasm memory, JS heap, the renderer's peak RSS);
//   5. sizes (gzip -9) of dist/incentive-widget/; the native criterion
//      figures of target/criterion when present;
//   6. the table on stdout; everything in bench/data/results.json and the
//      table in bench/data/results.md.
//   With --profile: CPU profiles (Chrome's profiler over CDP on a build that
//   keeps the wasm function names, native `perf` on the criterion binary)
//   and the wasm code size by crate, into bench/data/profiles/.
//
// Options: --quick (no company), --profile, --only-profile (skip timing),
// --timeout SECONDS (whole run, default 2400). Exit 1 on any failure
// (a baseline that disagrees with the engine, a page error, a timeout).

import { chromium } from "playwright-core";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync, cpSync, rmSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { cpus, totalmem, loadavg } from "node:os";
import { serve } from "../scripts/serve.mjs";
import { subsetPlan } from "./lib/subset.mjs";
import { analyze, crateOf, demangle } from "./lib/wasm.mjs";
import { CHROMIUM_ARGS } from "../tests/browser/helpers/browser.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DATA = join(ROOT, "bench", "data");
const CLI = join(ROOT, "target", "release", "incentive");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const opt = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const QUICK = flag("--quick");
const PROFILE = flag("--profile") || flag("--only-profile");
const ONLY_PROFILE = flag("--only-profile");
const TIMEOUT_S = Number(opt("--timeout", process.env.BENCH_TIMEOUT ?? 2400));

const log = (...a) => console.error("bench:", ...a);
const die = (msg) => {
  console.error(`bench: error: ${msg}`);
  process.exit(1);
};

// The whole run is bounded: past the timeout, kill the browser and fail.
let browsers = new Set();
const watchdog = setTimeout(async () => {
  console.error(`bench: error: the run took longer than ${TIMEOUT_S} s; stopping`);
  for (const b of browsers) await b.close().catch(() => {});
  process.exit(1);
}, TIMEOUT_S * 1000);
watchdog.unref();

// --- helpers ------------------------------------------------------------------

function run(cmd, args, { timeoutS = 300, stdout = "pipe", env } = {}) {
  const r = spawnSync(cmd, args, {
    cwd: ROOT,
    encoding: "utf8",
    timeout: timeoutS * 1000,
    maxBuffer: 256 * 1024 * 1024,
    stdio: ["ignore", stdout, "pipe"],
    env: env ? { ...process.env, ...env } : process.env,
  });
  if (r.error) throw new Error(`${cmd} ${args.join(" ")}: ${r.error.message}`);
  return r;
}

const ms = (x) => (x === null || x === undefined || Number.isNaN(x) ? "–" : x >= 100 ? `${x.toFixed(0)} ms` : x >= 10 ? `${x.toFixed(1)} ms` : x >= 1 ? `${x.toFixed(2)} ms` : `${x.toFixed(3)} ms`);
const mb = (bytes) => (bytes === null || bytes === undefined ? "–" : `${(bytes / 1048576).toFixed(1)} MiB`);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const ratio = (x) => (x === null || x === undefined || !Number.isFinite(x) ? "–" : `${x.toFixed(x >= 10 ? 1 : 2)}×`);
const verdict = (ok) => (ok === null || ok === undefined ? "–" : ok ? "met" : "MISSED");

/** Pids of every process below `pid`. */
function descendants(pid) {
  const children = new Map();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(d));
    } catch {
      // gone
    }
  }
  const out = [];
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop();
    for (const c of children.get(p) ?? []) {
      out.push(c);
      stack.push(c);
    }
  }
  return out;
}

/** Chromium's processes under this one: renderers' peak and current RSS. */
function chromiumMemory() {
  const procs = [];
  for (const pid of descendants(process.pid)) {
    try {
      // Chromium rewrites its children's command lines into one string.
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").split(/[\0 ]/);
      if (!/chrom/i.test(cmd[0] ?? "")) continue;
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      const kbOf = (k) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0) * 1024;
      const type = cmd.find((a) => a.startsWith("--type="))?.slice(7) ?? "browser";
      procs.push({ pid, type, peakRss: kbOf("VmHWM"), rss: kbOf("VmRSS") });
    } catch {
      // gone
    }
  }
  const renderers = procs.filter((p) => p.type === "renderer");
  return {
    rendererPeakRss: Math.max(0, ...renderers.map((p) => p.peakRss)),
    rendererRss: Math.max(0, ...renderers.map((p) => p.rss)),
    allRss: procs.reduce((s, p) => s + p.rss, 0),
    processes: procs.length,
  };
}

function machine() {
  const cpu = readFileSync("/proc/cpuinfo", "utf8");
  const model = /^model name\s*:\s*(.*)$/m.exec(cpu)?.[1] ?? "unknown";
  const chromium = run(CHROMIUM, ["--version"], { timeoutS: 30 }).stdout.trim();
  const rustc = run("rustc", ["--version"], { timeoutS: 30 }).stdout?.trim() ?? null;
  const git = (args) => run("git", args, { timeoutS: 30 }).stdout?.trim() ?? "";
  const pkg = join(ROOT, "pkg", "incentive_widget_bg.wasm");
  return {
    nproc: cpus().length,
    cpu: model,
    memory: totalmem(),
    chromium,
    node: process.version,
    rustc,
    loadavg: loadavg(),
    commit: git(["rev-parse", "--short", "HEAD"]),
    dirty: git(["status", "--porcelain", "--untracked-files=no"]).length > 0,
    pkgBuilt: existsSync(pkg) ? statSync(pkg).mtime.toISOString() : null,
    cliBuilt: existsSync(CLI) ? statSync(CLI).mtime.toISOString() : null,
  };
}

// --- 1. workloads ---------------------------------------------------------------------

const WORKLOADS = {
  "one-rep": ["--participants", "10", "--deals", "2000", "--touches", "10000", "--deals-of-first", "2000", "--seed", "7"],
  company: ["--participants", "1000", "--deals", "100000", "--touches", "500000", "--deals-of-first", "100", "--seed", "7"],
  // The company with the shared pipeline: 100,000 leads, 500,000 attempts,
  // and a plan paying on speed-to-lead, acceptance and the alignment stage.
  "company-leads": ["--participants", "1000", "--deals", "100000", "--touches", "500000", "--deals-of-first", "100", "--seed", "7", "--leads", "100000", "--attempts", "500000"],
};

function workloads() {
  if (!existsSync(CLI)) die(`${relative(ROOT, CLI)} not found: build it with \`cargo build --release\``);
  for (const [name, args] of Object.entries(WORKLOADS)) {
    if (QUICK && name.startsWith("company")) continue;
    const dir = join(DATA, name);
    const stamp = join(dir, "workload.args");
    const want = `${statSync(CLI).mtimeMs} ${args.join(" ")}`;
    if (existsSync(stamp) && readFileSync(stamp, "utf8") === want && existsSync(join(dir, "activity.json"))) {
      log(`workload ${name}: up to date`);
    } else {
      log(`workload ${name}: incentive workload ${args.join(" ")}`);
      mkdirSync(dir, { recursive: true });
      const r = run(CLI, ["workload", "--out", dir, ...args], { timeoutS: 300 });
      if (r.status !== 0) die(`incentive workload failed (${r.status}): ${r.stderr}`);
      writeFileSync(stamp, want);
    }
    const plan = JSON.parse(readFileSync(join(dir, "plan.json"), "utf8"));
    writeFileSync(join(dir, "plan-subset.json"), JSON.stringify(subsetPlan(plan), null, 1));
  }
}

// --- 2. native memory -------------------------------------------------------------------

function nativeMemory() {
  if (QUICK) return null;
  if (!existsSync("/usr/bin/time")) {
    log("no /usr/bin/time: native peak memory skipped");
    return null;
  }
  const one = (sub, extra, dir = join(DATA, "company")) => {
    const r = run("/usr/bin/time", ["-v", CLI, sub, "--plan", join(dir, "plan.json"), "--activity", join(dir, "activity.json"), ...extra], {
      timeoutS: 600,
      stdout: "ignore",
    });
    if (r.status !== 0) die(`incentive ${sub} failed (${r.status}): ${r.stderr.slice(-2000)}`);
    const kbRss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1]);
    const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)/.exec(r.stderr)?.[1] ?? "";
    const secs = wall.split(":").reduce((s, x) => s * 60 + Number(x), 0);
    return { peakRss: kbRss * 1024, wallMs: secs * 1000 };
  };
  log("native memory: incentive score / validate on the company (/usr/bin/time -v)");
  const score = one("score", []);
  log("native: incentive score on the company with 100,000 leads and 500,000 attempts");
  const leads = one("score", [], join(DATA, "company-leads"));
  return { score, validate: one("validate", []), leads };
}

// --- 5. sizes and criterion ----------------------------------------------------------------

function sizes() {
  const dir = join(ROOT, "dist", "incentive-widget");
  if (!existsSync(dir)) die("dist/incentive-widget/ not found: run `bash scripts/build.sh release`");
  const gz = (f) => gzipSync(readFileSync(f), { level: 9 }).length;
  const raw = (f) => statSync(f).size;
  const groups = {
    "wasm (incentive_widget_bg.wasm)": ["incentive_widget_bg.wasm"],
    "glue (incentive_widget.js)": ["incentive_widget.js"],
    "element (incentive-widget*.js, lib/*.js)": [
      "incentive-widget.js",
      "incentive-widget-element.js",
      ...readdirSync(join(dir, "lib")).filter((f) => f.endsWith(".js")).map((f) => `lib/${f}`),
    ],
    "CSS (incentive-widget.css)": ["incentive-widget.css"],
  };
  const out = [];
  for (const [name, files] of Object.entries(groups)) {
    const present = files.filter((f) => existsSync(join(dir, f)));
    out.push({
      name,
      files: present,
      raw: present.reduce((s, f) => s + raw(join(dir, f)), 0),
      gzip: present.reduce((s, f) => s + gz(join(dir, f)), 0),
    });
  }
  return { items: out, totalGzip: out.reduce((s, x) => s + x.gzip, 0), totalRaw: out.reduce((s, x) => s + x.raw, 0) };
}

function criterion() {
  const base = join(ROOT, "target", "criterion");
  if (!existsSync(base)) return [];
  const out = [];
  for (const group of readdirSync(base)) {
    const gdir = join(base, group);
    if (!statSync(gdir).isDirectory() || group === "report") continue;
    for (const fn of readdirSync(gdir)) {
      const est = join(gdir, fn, "new", "estimates.json");
      const meta = join(gdir, fn, "new", "benchmark.json");
      if (!existsSync(est) || !existsSync(meta)) continue;
      const e = JSON.parse(readFileSync(est, "utf8"));
      const b = JSON.parse(readFileSync(meta, "utf8"));
      out.push({
        group: b.group_id,
        name: b.function_id ?? fn,
        median: e.median.point_estimate / 1e6,
        low: e.median.confidence_interval.lower_bound / 1e6,
        high: e.median.confidence_interval.upper_bound / 1e6,
        when: statSync(est).mtime.toISOString(),
      });
    }
  }
  return out.sort((a, b) => a.group.localeCompare(b.group) || a.name.localeCompare(b.name));
}

// --- 3/4. the browser -----------------------------------------------------------------------

async function launch(origin) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    timeout: 60_000,
    args: [
      ...CHROMIUM_ARGS,
      // Nothing but the local server: every other host fails to resolve.
      "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
      "--enable-precise-memory-info",
      "--js-flags=--expose-gc",
    ],
  });
  browsers.add(browser);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US", timezoneId: "UTC" });
  const problems = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith("data:")) return route.continue();
    problems.push(`request outside ${origin}: ${url}`);
    return route.abort();
  });
  const page = await context.newPage();
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  page.on("requestfailed", (r) => {
    if (!r.url().startsWith("data:")) problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  const close = async () => {
    browsers.delete(browser);
    await browser.close().catch(() => {});
  };
  return { browser, page, cdp, problems, close };
}

async function step(session, name, fn, arg, timeoutS = 300) {
  const t0 = Date.now();
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`step ${name} took longer than ${timeoutS} s`)), timeoutS * 1000);
  });
  try {
    const value = await Promise.race([session.page.evaluate(([f, a]) => window.bench[f](a), [fn, arg]), timeout]);
    if (session.problems.length) throw new Error(`during ${name}: ${session.problems.join("; ")}`);
    log(`  ${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return value;
  } finally {
    clearTimeout(timer);
  }
}

async function heap(session) {
  const { metrics } = await session.cdp.send("Performance.getMetrics");
  const get = (n) => metrics.find((m) => m.name === n)?.value ?? null;
  return { jsHeapUsed: get("JSHeapUsedSize"), jsHeapTotal: get("JSHeapTotalSize"), ...chromiumMemory() };
}

async function open(session, url) {
  await session.page.goto(url, { waitUntil: "load", timeout: 60_000 });
  await session.page.waitForFunction(() => window.benchReady === true, null, { timeout: 60_000 });
}

async function oneRep(origin, pageUrl) {
  const s = await launch(origin);
  try {
    await open(s, pageUrl);
    const out = {};
    out.setup = await step(s, "setup", "setup", null, 120);
    out.load = await step(s, "load one rep", "loadOneRep", { data: "data/one-rep" }, 300);
    out.check = await step(s, "check baselines against the engine", "checkOneRep", null, 120);
    if (!out.check.ok) {
      throw new Error(`the baselines disagree with the engine:\n  ${out.check.problems.join("\n  ")}`);
    }
    log(`  check: wasm ${out.check.wasm.earned}, decimal.js ${out.check.decimaljs.earned} (${out.check.decimaljs.exactLines}/${out.check.lines} lines exact), plain ${out.check.plain.earned} (max line diff ${out.check.plain.maxLineDiff})`);
    out.times = await step(s, "time one-rep operations", "measureOneRep", { budgetMs: 1500 }, 900);
    out.widget = await step(s, "widget setup", "widgetSetup", { participant: "rep-0" }, 300);
    out.upsert = await step(s, "widget upsertDeal → screen", "widgetUpserts", { reps: 15, warmup: 2, timeoutMs: 30000, budgetMs: 40000 }, 900);
    // The same rep on a plan year paid monthly (12 pay periods, issue 13).
    out.yearWidget = await step(s, "widget setup (plan year, monthly)", "widgetSetup", { participant: "rep-0", payPeriods: "monthly" }, 300);
    if (out.yearWidget.periods !== 12) throw new Error(`the plan-year widget shows ${out.yearWidget.periods} pay periods, not 12`);
    out.yearUpsert = await step(s, "widget upsertDeal → screen (plan year)", "widgetUpserts", { reps: 15, warmup: 2, timeoutMs: 30000, budgetMs: 40000 }, 900);
    // A manager of 200 reps with 20,000 deals: the team view (issue 16).
    out.team = await step(s, "team view: a manager of 200, 20,000 deals", "teamSetup", { reps: 200, dealsEach: 100 }, 300);
    out.teamUpsert = await step(s, "team view: upsertDeal → the row on screen", "teamUpserts", { reps: 15, warmup: 2 }, 600);
    out.memory = await heap(s);
    return out;
  } finally {
    await s.close();
  }
}

async function company(origin, pageUrl) {
  const s = await launch(origin);
  try {
    await open(s, pageUrl);
    const out = { memory: {} };
    await step(s, "setup", "setup", null, 120);
    out.memory.start = await heap(s);
    out.load = await step(s, "company: fetch + new Engine(text)", "companyLoad", { data: "data/company" }, 900);
    out.memory.loaded = { ...(await heap(s)), page: out.load.memory };
    out.statementsFirst = await step(s, "company: statements() (first)", "companyStatements", { reps: 1 }, 900);
    out.memory.afterStatements = { ...(await heap(s)), page: out.statementsFirst.memory };
    out.statements = await step(s, "company: statements() ×3", "companyStatements", { reps: 3 }, 1800);
    out.construct = await step(s, "company: construct ×2 (text, objects)", "companyConstruct", { data: "data/company", reps: 2 }, 1800);
    out.memory.afterObjects = { ...(await heap(s)), page: out.construct.memory };
    out.incremental = await step(s, "company: live change (upsertDeal + touched statements)", "companyIncremental", { deal: 50000, reps: 15 }, 600);
    out.memory.end = await heap(s);
    return out;
  } finally {
    await s.close();
  }
}

// --- profiles (--profile) ----------------------------------------------------------------------

/** Self and total time per function of a Chrome .cpuprofile. */
function summarizeProfile(profile, top = 12) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = new Map();
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (deltas[i] ?? 0)));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n) => {
    const cf = n.callFrame;
    const name = demangle(cf.functionName || "(anonymous)");
    const file = cf.url ? basename(cf.url.split("?")[0]) : "";
    return file && !name.startsWith("(") ? `${name} [${file}]` : name;
  };
  const self = new Map();
  const total = new Map();
  let all = 0;
  for (const [id, t] of dt) {
    all += t;
    const n = byId.get(id);
    self.set(label(n), (self.get(label(n)) ?? 0) + t);
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const l = label(byId.get(cur));
      if (seen.has(l)) continue;
      seen.add(l);
      total.set(l, (total.get(l) ?? 0) + t);
    }
  }
  const rows = (m) =>
    [...m]
      .filter(([l]) => l !== "(root)")
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([l, t]) => ({ fn: l, ms: t / 1000, pct: (100 * t) / all }));
  // Where the time goes: wasm code, the JS glue, the page's JS, GC, the rest.
  const kinds = new Map();
  for (const [id, t] of dt) {
    const cf = byId.get(id).callFrame;
    const url = cf.url ?? "";
    const k = /\.wasm/.test(url) || /^(wasm-function|\$|_ZN|_R)/.test(cf.functionName) ? "wasm"
      : /incentive_widget\.js/.test(url) ? "JS glue (wasm-bindgen)"
      : cf.functionName === "decode" && !url ? "strings out of wasm (TextDecoder.decode)"
      : cf.functionName === "(garbage collector)" ? "GC"
      : ["(program)", "(idle)", "(root)"].includes(cf.functionName) ? cf.functionName
      : url ? `JS (${basename(url.split("?")[0])})` : `(${cf.functionName || "native"})`;
    kinds.set(k, (kinds.get(k) ?? 0) + t);
  }
  const split = [...kinds].sort((a, b) => b[1] - a[1]).map(([k, t]) => ({ kind: k, pct: (100 * t) / all }));
  // Inclusive time of the parts the report argues from.
  const focus = [];
  for (const [name, re] of FOCUS) {
    let t = 0;
    for (const [id, dtv] of dt) {
      for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
        if (re.test(label(byId.get(cur)))) {
          t += dtv;
          break;
        }
      }
    }
    if (t > 0) focus.push({ name, pct: (100 * t) / all });
  }
  return { totalMs: all / 1000, self: rows(self), total: rows(total), split, focus };
}

const FOCUS = [
  ["engine work (Engine::statement / headline / statements)", /^incentive_widget::engine::Engine::(statement|headline|statements) \[/],
  ["the result turned into JS objects (wasm::convert::to_js)", /^incentive_widget::wasm::convert::to_js \[/],
  ["  of which strings decoded out of wasm memory (TextDecoder.decode)", /^decode$/],
  ["engine.curve() (whatif::curve, inlined into its export shim)", /^(incentive_widget::whatif::curve|engine_curve\b)/],
  ["the element: #curveFor → engine.curve()", /^#curveFor \[/],
  ["the element: #render", /^#render \[/],
  ["the element: flash() (reads offsetWidth: forced style + layout)", /^flash \[/],
  ["decimal.js: marginal()", /^marginal \[decimaljs\.js\]/],
];

async function chromeProfile(session, name, evaluate, file) {
  await session.cdp.send("Profiler.enable");
  await session.cdp.send("Profiler.setSamplingInterval", { interval: 100 });
  await session.cdp.send("Profiler.start");
  await evaluate();
  const { profile } = await session.cdp.send("Profiler.stop");
  writeFileSync(file, JSON.stringify(profile));
  const sum = summarizeProfile(profile);
  log(`  profile ${name}: ${sum.totalMs.toFixed(0)} ms sampled → ${relative(ROOT, file)}`);
  return { name, file: relative(ROOT, file), ...sum };
}

/** pkg/ rebuilt with the wasm function names kept (for readable profiles). */
function namesBuild(dir) {
  // The package's own Cargo profile (wasm-pack.toml: wasm-release), else release.
  const src = ["wasm-release", "release"]
    .map((p) => join(ROOT, "target", "wasm32-unknown-unknown", p, "incentive_widget.wasm"))
    .find((p) => existsSync(p)) ?? join(ROOT, "target", "wasm32-unknown-unknown", "wasm-release", "incentive_widget.wasm");
  const bindgen = join(process.env.CARGO_HOME ?? join(process.env.HOME ?? "/root", ".cargo"), "bin", "wasm-bindgen");
  const wasmOpt = join(ROOT, "node_modules", ".bin", "wasm-opt");
  if (!existsSync(src) || !existsSync(bindgen) || !existsSync(wasmOpt)) {
    log(`no ${relative(ROOT, src)}, wasm-bindgen or wasm-opt: profiles use pkg/ (wasm functions unnamed)`);
    return null;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let r = run(bindgen, ["--target", "web", "--out-dir", dir, src], { timeoutS: 300 });
  if (r.status !== 0) {
    log(`wasm-bindgen failed: ${r.stderr.slice(-500)}; profiles use pkg/`);
    return null;
  }
  const wasm = join(dir, "incentive_widget_bg.wasm");
  r = run(wasmOpt, ["-Oz", "-g", wasm, "-o", `${wasm}.opt`], { timeoutS: 600 });
  if (r.status !== 0) {
    log(`wasm-opt failed: ${r.stderr.slice(-500)}; profiling the unoptimized names build`);
  } else {
    cpSync(`${wasm}.opt`, wasm);
    rmSync(`${wasm}.opt`);
  }
  // The element, on that build (the widget loads ../incentive_widget.js beside its lib/).
  const el = join(dir, "widget");
  cpSync(join(ROOT, "dist", "incentive-widget"), el, { recursive: true });
  for (const f of ["incentive_widget.js", "incentive_widget_bg.wasm"]) cpSync(join(dir, f), join(el, f));
  return { dir, source: relative(ROOT, src), sourceTime: statSync(src).mtime.toISOString(), pkgTime: statSync(join(ROOT, "pkg", "incentive_widget_bg.wasm")).mtime.toISOString() };
}

function wasmSize(path, top = 15) {
  const a = analyze(path);
  const code = a.functions.reduce((s, f) => s + f.size, 0);
  const crates = new Map();
  for (const f of a.functions) {
    const c = crateOf(demangle(f.name));
    crates.set(c, (crates.get(c) ?? 0) + f.size);
  }
  return {
    file: relative(ROOT, path),
    bytes: a.bytes,
    named: a.named,
    sections: a.sections,
    code,
    crates: [...crates].sort((x, y) => y[1] - x[1]).slice(0, top).map(([crate, bytes]) => ({ crate, bytes, pct: (100 * bytes) / code })),
    functions: [...a.functions].sort((x, y) => y.size - x.size).slice(0, top).map((f) => ({ fn: demangle(f.name), bytes: f.size })),
  };
}

function nativePerf(outDir) {
  const perf = ["/usr/bin/perf", "/usr/local/bin/perf"].find((p) => existsSync(p));
  const deps = join(ROOT, "target", "release", "deps");
  const bin = existsSync(deps)
    ? readdirSync(deps)
        .filter((f) => /^engine-[0-9a-f]+$/.test(f))
        .map((f) => join(deps, f))
        .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]
    : null;
  if (!perf || !bin) {
    log(`native profile skipped (${!perf ? "no perf" : "no criterion binary target/release/deps/engine-*: run cargo bench once"})`);
    return null;
  }
  const cases = [
    ["statement (every line explained)", "statement .every line explained.", true],
    ["headline figures", "headline figures", true],
    ["curve, 101 points", "curve, 101 points", true],
    ["what-if, 10 changes", "what-if, 10 changes", true],
  ];
  if (!QUICK) {
    cases.push(["company: all statements", "all statements", false]);
    cases.push(["company: parse + validate", "parse . validate", false]);
  }
  const out = { binary: relative(ROOT, bin), built: statSync(bin).mtime.toISOString(), cases: [] };
  for (const [name, filter, quick] of cases) {
    const data = join(outDir, `perf-${name.replace(/[^a-z0-9]+/gi, "-")}.data`);
    // The company's setup (generate, serialize and parse 100,000 deals)
    // takes ~10 s: profile for 24 s and report only the second half of the
    // recording, which starts after the setup as long as it takes < 24 s.
    const secs = quick ? "6" : "24";
    const window = quick ? [] : ["--time", "50%-100%"];
    log(`  perf: ${name}${quick ? "" : " (the second half of the recording: after the setup)"}`);
    const r = run(perf, ["record", "-F", quick ? "999" : "499", "-g", "-o", data, bin, "--bench", "--profile-time", secs, filter], {
      timeoutS: 300,
      env: quick ? { BENCH_QUICK: "1" } : {},
    });
    if (r.status !== 0) {
      log(`perf record failed for ${name}: ${r.stderr.slice(-400)}`);
      continue;
    }
    const rep = run(perf, ["report", "-i", data, ...window, "--no-children", "--sort", "symbol", "--stdio", "-g", "none", "--percent-limit", "0.8"], { timeoutS: 300 });
    const rows = rep.stdout
      .split("\n")
      .filter((l) => /^\s+[\d.]+%/.test(l))
      .map((l) => {
        const m = /^\s+([\d.]+)%\s+\[[.k]\]\s+(.*?)\s*$/.exec(l);
        return m ? { pct: Number(m[1]), fn: m[2].replace(/\s+-\s+-\s*$/, "") } : null;
      })
      .filter(Boolean)
      .slice(0, 14);
    out.cases.push({ name, file: relative(ROOT, data), top: rows });
  }
  return out;
}

/** Native heap at its peak (valgrind massif) on a tenth of the company. */
function nativeHeap(outDir) {
  const valgrind = ["/usr/bin/valgrind", "/usr/local/bin/valgrind"].find((p) => existsSync(p));
  const msPrint = ["/usr/bin/ms_print", "/usr/local/bin/ms_print"].find((p) => existsSync(p));
  if (!valgrind || !msPrint) {
    log("native heap profile skipped (no valgrind / ms_print)");
    return null;
  }
  const dir = join(DATA, "company-10k");
  const args = ["--participants", "100", "--deals", "10000", "--touches", "50000", "--deals-of-first", "10", "--seed", "7"];
  let r = run(CLI, ["workload", "--out", dir, ...args], { timeoutS: 120 });
  if (r.status !== 0) return null;
  const out = { workload: `incentive workload ${args.join(" ")}`, cases: [] };
  for (const sub of ["validate", "score"]) {
    const file = join(outDir, `massif-${sub}.out`);
    log(`  massif: incentive ${sub} (10,000 deals)`);
    r = run(valgrind, ["--tool=massif", `--massif-out-file=${file}`, "--depth=12", CLI, sub, "--plan", join(dir, "plan.json"), "--activity", join(dir, "activity.json")], {
      timeoutS: 600,
      stdout: "ignore",
    });
    if (r.status !== 0) {
      log(`massif failed: ${r.stderr.slice(-400)}`);
      continue;
    }
    const text = run(msPrint, [file], { timeoutS: 120 }).stdout;
    const peak = /Detailed snapshots: \[[^\]]*?(\d+) \(peak\)/.exec(text)?.[1];
    const lines = text.split("\n");
    const start = lines.findIndex((l) => new RegExp(`^\\s+${peak}\\s+[\\d,]+\\s+[\\d,]+`).test(l));
    const head = lines[start]?.trim().split(/\s+/) ?? [];
    const num = (x) => Number(String(x ?? "").replace(/,/g, ""));
    // Top-level allocation sites at the peak, each with the first caller
    // down its largest branch that is not a generic alloc/core frame.
    const top = [];
    const generic = /^(<?(alloc|core|std|hashbrown)::|in \d+ places|\?\?\?)/;
    for (let i = start + 1; i < lines.length && i < start + 2000; i++) {
      const l = lines[i];
      if (/^\s+\d+\s+[\d,]+/.test(l) || /^-{10}/.test(l)) break;
      const m = /^([| ]*)->\s*([\d.]+)% \(([\d,]+)B\) (?:0x[0-9A-F]+: )?(.*?)(?: \(in .*\))?$/.exec(l);
      if (!m) continue;
      if (m[1].length === 0) top.push({ pct: Number(m[2]), bytes: num(m[3]), fn: m[4], via: null });
      else if (top.length && !top[top.length - 1].via && !generic.test(m[4])) top[top.length - 1].via = m[4];
    }
    out.cases.push({ name: `incentive ${sub}`, file: relative(ROOT, file), peakBytes: num(head[2]), usefulBytes: num(head[3]), extraBytes: num(head[4]), top: top.slice(0, 24) });
  }
  return out;
}

async function profiles(origin) {
  const dir = join(DATA, "profiles");
  mkdirSync(dir, { recursive: true });
  const out = {};
  log("profiles: a build that keeps the wasm function names (wasm-bindgen + wasm-opt -Oz -g)");
  const names = namesBuild(join(DATA, "pkg-names"));
  out.namesBuild = names;
  const pkgParam = names ? `?pkg=${encodeURIComponent("/bench/data/pkg-names/incentive_widget.js")}` : "";
  const s = await launch(origin);
  try {
    await open(s, `${origin}bench/page.html${pkgParam}`);
    await step(s, "setup (names build)", "setup", null, 120);
    await step(s, "load one rep", "loadOneRep", { data: "data/one-rep" }, 300);
    out.chrome = [];
    for (const [op, n] of [
      ["wasm statement (full plan)", 300],
      ["wasm headline (full plan)", 1000],
      ["wasm totals (full plan)", 3000],
      ["wasm curve, 101 points (full plan)", 3],
      ["plain statement (subset)", 3000],
      ["decimal.js statement (subset)", 100],
    ]) {
      out.chrome.push(await chromeProfile(s, op, () => s.page.evaluate(([o, k]) => window.bench.loop(o, k), [op, n]), join(dir, `chrome-${op.replace(/[^a-z0-9]+/gi, "-")}.cpuprofile`)));
    }
    // The element, from the copy on the names build (defined first, so the
    // page's own import of dist/ finds the name taken).
    const widgetUrl = names ? "/bench/data/pkg-names/widget/incentive-widget.js" : "/dist/incentive-widget/incentive-widget.js";
    await s.page.evaluate(async (u) => {
      await import(u);
    }, widgetUrl);
    await step(s, "widget setup", "widgetSetup", { participant: "rep-0" }, 300);
    out.chrome.push(await chromeProfile(s, "widget upsertDeal → screen", () => s.page.evaluate(() => window.bench.widgetUpserts({ reps: 5, warmup: 0, budgetMs: 60000 })), join(dir, "chrome-widget-upsert.cpuprofile")));
    if (!QUICK) {
      await step(s, "company load", "companyLoad", { data: "data/company" }, 900);
      out.chrome.push(await chromeProfile(s, "company statements()", () => s.page.evaluate(() => window.bench.companyStatements({ reps: 1 })), join(dir, "chrome-company-statements.cpuprofile")));
    }
  } finally {
    await s.close();
  }
  log("profiles: native perf on the criterion binary");
  out.native = nativePerf(dir);
  log("profiles: native heap at its peak (valgrind massif)");
  out.heap = nativeHeap(dir);
  const sizeSrc = names ? join(names.dir, "incentive_widget_bg.wasm") : join(ROOT, "pkg", "incentive_widget_bg.wasm");
  out.size = wasmSize(sizeSrc);
  return out;
}

// --- 6. the report --------------------------------------------------------------------------------

function report(r) {
  const t = r.oneRep?.times ?? {};
  const med = (k) => t[k]?.median ?? null;
  const spread = (k) => (t[k] ? `min ${ms(t[k].min)}; p10–p90 ${ms(t[k].p10)} – ${ms(t[k].p90)}` : "");
  const crit = new Map((r.criterion ?? []).map((c) => [`${c.group}/${c.name}`, c]));
  const critMed = (needle) => [...crit.values()].find((c) => c.name.includes(needle))?.median ?? null;
  const rows = [];
  const row = (what, median, extra = "", target = "", ok = null) => rows.push([what, median, extra, target, target ? verdict(ok) : ""]);

  row("**One rep, 2,000 deals, 10,000 touches (Chromium)**", "", "", "", null);
  row("full statement, every line explained (full plan)", ms(med("wasm statement (full plan)")), spread("wasm statement (full plan)"), "≤ 2 ms", med("wasm statement (full plan)") <= 2);
  row("headline figures alone: totals() (full plan)", ms(med("wasm totals (full plan)")), spread("wasm totals (full plan)"), "≤ 0.5 ms", med("wasm totals (full plan)") <= 0.5);
  row("every line's figures, no sentences: headline() (full plan)", ms(med("wasm headline (full plan)")), spread("wasm headline (full plan)"));
  row("wasm statement (subset plan)", ms(med("wasm statement (subset)")), spread("wasm statement (subset)"));
  row("plain-number JS statement (subset)", ms(med("plain statement (subset)")), spread("plain statement (subset)"));
  row("decimal.js statement (subset)", ms(med("decimal.js statement (subset)")), spread("decimal.js statement (subset)"));
  row("wasm totals() (subset plan)", ms(med("wasm totals (subset)")), spread("wasm totals (subset)"));
  row("wasm headline(): every line's figures (subset plan)", ms(med("wasm headline (subset)")), spread("wasm headline (subset)"));
  row("plain-number JS headline total (subset)", ms(med("plain headline (subset)")), spread("plain headline (subset)"));
  row("decimal.js headline total (subset)", ms(med("decimal.js headline (subset)")), spread("decimal.js headline (subset)"));
  const wpS = med("wasm statement (subset)") / med("plain statement (subset)");
  // The baselines' headline returns the totals only: compared with totals().
  const wpH = med("wasm totals (subset)") / med("plain headline (subset)");
  const dwS = med("decimal.js statement (subset)") / med("wasm statement (subset)");
  const dwH = med("decimal.js headline (subset)") / med("wasm totals (subset)");
  row("ratio wasm / plain JS, full statement", ratio(wpS), "", "≤ 10×", wpS <= 10);
  // Like for like: every line's figures, no sentences, on both sides.
  const wpF = med("wasm headline (subset)") / med("plain statement (subset)");
  const dwF = med("decimal.js statement (subset)") / med("wasm headline (subset)");
  row("ratio wasm headline() / plain JS statement (every line's figures, no sentences either side)", ratio(wpF));
  row("ratio decimal.js statement / wasm headline() (every line's figures)", ratio(dwF));
  row("ratio wasm totals() / plain JS headline total", ratio(wpH), "", "≤ 3×", wpH <= 3);
  row("ratio decimal.js / wasm, full statement", ratio(dwS), "", "≥ 10×", dwS >= 10);
  row("ratio decimal.js headline total / wasm totals()", ratio(dwH), "", "(≥ 10×)", dwH >= 10);
  row("whatIf, 10 changes (full plan)", ms(med("wasm whatIf, 10 changes (full plan)")), spread("wasm whatIf, 10 changes (full plan)"));
  row("curve, 101 points (full plan)", ms(med("wasm curve, 101 points (full plan)")), spread("wasm curve, 101 points (full plan)"));
  row("engine upsertDeal + statement (full plan)", ms(med("wasm upsertDeal + statement (full plan)")), spread("wasm upsertDeal + statement (full plan)"));
  const up = r.oneRep?.upsert;
  if (up) {
    row("element: upsertDeal → earned text changed", ms(up.dom.median), `min ${ms(up.dom.min)}; p10–p90 ${ms(up.dom.p10)} – ${ms(up.dom.p90)}; n=${up.dom.n}`);
    row("element: upsertDeal → next frame (on screen)", ms(up.frame.median), `min ${ms(up.frame.min)}; p10–p90 ${ms(up.frame.p10)} – ${ms(up.frame.p90)}`, "≤ 16 ms", up.frame.median <= 16);
  }
  const yup = r.oneRep?.yearUpsert;
  if (yup) {
    row("element, the same rep on a monthly plan year (12 pay periods): upsertDeal → next frame", ms(yup.frame.median), `min ${ms(yup.frame.min)}; p10–p90 ${ms(yup.frame.p10)} – ${ms(yup.frame.p90)}; text changed ${ms(yup.dom.median)}`, "≤ 16 ms", yup.frame.median <= 16);
  }
  const team = r.oneRep?.team;
  if (team) {
    row(`**Team view: a manager of ${team.members} reps, ${team.deals.toLocaleString("en-US")} deals (Chromium)**`, "", "", "", null);
    row("element: view=\"team\" rendered (engine loaded), to the next frame", ms(team.render.median), `min ${ms(team.render.min)}; p10–p90 ${ms(team.render.p10)} – ${ms(team.render.p90)}; first view with the engine built ${ms(team.firstViewMs)}`, "< 100 ms", team.render.median < 100);
    const tu = r.oneRep.teamUpsert;
    row("element: upsertDeal → the rep's row and the totals, next frame", ms(tu.frame.median), `min ${ms(tu.frame.min)}; p10–p90 ${ms(tu.frame.p10)} – ${ms(tu.frame.p90)}; text changed ${ms(tu.dom.median)}`, "≤ 16 ms", tu.frame.median <= 16);
  }
  if (r.oneRep?.load) {
    const c = r.oneRep.load.construct;
    row("new Engine (one rep, from objects / from text)", `${ms(c.fullFromObjects)} / ${ms(c.fullFromText)}`, "single run");
  }
  const co = r.company;
  if (co) {
    row("**Company, 1,000 people, 100,000 deals, 500,000 touches (Chromium)**", "", "", "", null);
    row("fetch activity JSON (74 MB)", ms(co.load.fetchMs), "single run");
    const fromText = [co.load.constructFromTextMs, ...co.construct.fromText.all].sort((a, b) => a - b);
    row("parse + construct: new Engine(text)", ms(fromText[Math.floor(fromText.length / 2)]), `min ${ms(fromText[0])}; n=${fromText.length}`);
    row("JSON.parse in JS, then new Engine(objects)", `${ms(co.construct.jsonParseMs)} + ${ms(co.construct.fromObjects.median)}`, `n=${co.construct.fromObjects.n}`);
    const allTimes = [...co.statementsFirst.times, ...co.statements.times].sort((a, b) => a - b);
    const all = allTimes[Math.floor(allTimes.length / 2)];
    row("all statements: statements()", ms(all), `min ${ms(allTimes[0])}; n=${allTimes.length}; ${co.statements.statements} statements, ${co.statements.lines} lines`, "≤ 2 s", all <= 2000);
    const inc = co.incremental;
    row(`live change: upsertDeal(${inc.deal}) + the ${inc.participantsTouched.length} touched statements`, ms(inc.total.median), `upsert ${ms(inc.upsert.median)}; ${(all / inc.total.median).toFixed(0)}× less than statements()`, "recompute only what it touches", inc.participantsTouched.length < co.statements.statements);
    row(`one participant's statement / headline (${inc.owner})`, `${ms(inc.ownerStatement.median)} / ${ms(inc.ownerHeadline.median)}`);
  }
  if (co || r.native) row("**Memory, 100,000-deal load**", "", "", "", null);
  if (co) {
    const m = co.memory;
    const peakLoad = m.loaded.rendererPeakRss;
    row("Chromium renderer peak RSS: fetch text → new Engine(text) (the load)", mb(peakLoad), `wasm memory ${mb(m.loaded.page.wasmBytes)}, JS heap ${mb(m.loaded.jsHeapUsed)}`, "≤ 200 MB", peakLoad <= 200e6);
    const peakText = m.afterStatements.rendererPeakRss;
    row("  … then statements() (1,000 statements as JS objects)", mb(peakText), `wasm memory ${mb(m.afterStatements.page.wasmBytes)}, JS heap ${mb(m.afterStatements.jsHeapUsed)}`);
    row("  wasm linear memory after load / after statements()", `${mb(m.loaded.page.wasmBytes)} / ${mb(m.afterStatements.page.wasmBytes)}`, "never shrinks: the wasm peak");
    row("  … then JSON.parse + new Engine(objects) too", mb(m.afterObjects.rendererPeakRss), `wasm ${mb(m.afterObjects.page.wasmBytes)}, JS heap ${mb(m.afterObjects.jsHeapUsed)}`);
  }
  if (r.native) {
    row("native peak RSS: incentive score (all statements)", mb(r.native.score.peakRss), `wall ${ms(r.native.score.wallMs)} incl. parse + JSON out`, "≤ 200 MB", r.native.score.peakRss <= 200e6);
    row("native peak RSS: incentive validate (parse + validate)", mb(r.native.validate.peakRss), `wall ${ms(r.native.validate.wallMs)}`);
    if (r.native.leads) {
      const more = r.native.leads.wallMs / r.native.score.wallMs - 1;
      row("native: full run with 100,000 leads / 500,000 attempts", ms(r.native.leads.wallMs), `+${(more * 100).toFixed(1)}% on the company's ${ms(r.native.score.wallMs)}; peak ${mb(r.native.leads.peakRss)}`, "≤ +30%", more <= 0.3);
    }
  }
  row("**Size (gzip -9, dist/incentive-widget/)**", "", "", "", null);
  for (const x of r.sizes.items) row(x.name, kb(x.gzip), `${kb(x.raw)} raw`);
  row("wasm + glue + element + CSS", kb(r.sizes.totalGzip), `${kb(r.sizes.totalRaw)} raw`, "≤ 120 KB", r.sizes.totalGzip <= 120 * 1024);
  if (r.criterion?.length) {
    row("**Native (criterion, target/criterion)**", "", "", "", null);
    for (const c of r.criterion) {
      const isAll = c.name === "all statements";
      row(`${c.group.replace(/, .*/, "")}: ${c.name}`, ms(c.median), `[${ms(c.low)} – ${ms(c.high)}] ${c.when.slice(0, 16).replace("T", " ")}`, isAll ? "≤ 1 s" : "", isAll ? c.median <= 1000 : null);
    }
  }
  void critMed;

  const md = ["| measurement | median | spread / notes | target | |", "| --- | ---: | --- | --- | --- |", ...rows.map((x) => `| ${x.join(" | ")} |`)].join("\n");
  const w = [0, 1, 2, 3, 4].map((i) => Math.max(...rows.map((x) => x[i].replace(/\*\*/g, "").length)));
  const text = rows
    .map((x) => (x[0].startsWith("**") ? `\n${x[0].replace(/\*\*/g, "")}` : `  ${x[0].padEnd(w[0])}  ${x[1].padStart(w[1])}  ${x[4].padEnd(6)}  ${x[3].padEnd(w[3])}  ${x[2]}`))
    .join("\n");
  return { md, text };
}

function profileReport(p) {
  const lines = [];
  if (!p) return "";
  for (const c of p.chrome ?? []) {
    lines.push(`\nChrome CPU profile: ${c.name} (${c.totalMs.toFixed(0)} ms sampled; ${c.file})`);
    lines.push(`  split: ${c.split.filter((x) => x.pct >= 0.5).map((x) => `${x.kind} ${x.pct.toFixed(1)}%`).join(", ")}`);
    if (c.focus?.length) {
      lines.push("  inclusive:");
      for (const x of c.focus) lines.push(`    ${x.pct.toFixed(1).padStart(5)}%  ${x.name}`);
    }
    lines.push("  self time:");
    for (const x of c.self.slice(0, 10)) lines.push(`    ${x.pct.toFixed(1).padStart(5)}%  ${x.fn}`);
    lines.push("  total (inclusive) time:");
    for (const x of c.total.slice(0, 8)) lines.push(`    ${x.pct.toFixed(1).padStart(5)}%  ${x.fn}`);
  }
  if (p.native) {
    lines.push(`\nnative perf (${p.native.binary}, built ${p.native.built}):`);
    for (const c of p.native.cases) {
      lines.push(`  ${c.name}:`);
      for (const x of c.top.slice(0, 10)) lines.push(`    ${x.pct.toFixed(1).padStart(5)}%  ${x.fn}`);
    }
  }
  if (p.heap) {
    lines.push(`\nnative heap at its peak, valgrind massif (${p.heap.workload}):`);
    for (const c of p.heap.cases) {
      lines.push(`  ${c.name}: peak ${mb(c.peakBytes)} (${mb(c.usefulBytes)} asked for + ${mb(c.extraBytes)} allocator overhead)`);
      for (const x of c.top) lines.push(`    ${x.pct.toFixed(1).padStart(5)}%  ${mb(x.bytes).padStart(10)}  ${x.fn}${x.via ? `  ← ${x.via}` : ""}`);
    }
  }
  if (p.size) {
    const s = p.size;
    lines.push(`\nwasm size by crate (${s.file}, ${kb(s.bytes)}; code ${kb(s.code)}; names ${s.named ? "kept" : "absent"}):`);
    lines.push(`  sections: ${s.sections.filter((x) => x.size > 1000).map((x) => `${x.name} ${kb(x.size)}`).join(", ")}`);
    for (const c of s.crates) lines.push(`    ${c.pct.toFixed(1).padStart(5)}%  ${kb(c.bytes).padStart(10)}  ${c.crate}`);
    lines.push("  largest functions:");
    for (const f of s.functions) lines.push(`    ${kb(f.bytes).padStart(10)}  ${f.fn}`);
  }
  return lines.join("\n");
}

// --- main ------------------------------------------------------------------------------------------

async function main() {
  for (const f of ["pkg/incentive_widget.js", "pkg/incentive_widget_bg.wasm", "dist/incentive-widget/incentive-widget.js", "node_modules/decimal.js/decimal.mjs"]) {
    if (!existsSync(join(ROOT, f))) die(`${f} not found (build: bash scripts/build.sh release; npm ci)`);
  }
  if (!existsSync(CHROMIUM)) die(`${CHROMIUM} not found (apt-get install chromium)`);
  mkdirSync(DATA, { recursive: true });
  const results = { started: new Date().toISOString(), machine: machine(), quick: QUICK };
  log(`machine: ${results.machine.nproc} × ${results.machine.cpu}; ${results.machine.chromium}; load ${results.machine.loadavg.map((x) => x.toFixed(2)).join(" ")}`);
  const busy = run("pgrep", ["-x", "cargo"], { timeoutS: 10 }).stdout.trim();
  if (busy) log(`warning: cargo is running (pid ${busy.split("\n").join(", ")}): figures will be noisy`);
  workloads();
  results.sizes = sizes();
  results.criterion = criterion();
  const server = await serve({ root: ROOT, port: 0 });
  const origin = server.url;
  log(`serving ${ROOT} at ${origin}`);
  try {
    if (!ONLY_PROFILE) {
      results.native = nativeMemory();
      log("one rep (Chromium)");
      results.oneRep = await oneRep(origin, `${origin}bench/page.html`);
      if (!QUICK) {
        log("company (Chromium, a fresh browser)");
        results.company = await company(origin, `${origin}bench/page.html`);
      }
    }
    if (PROFILE) results.profiles = await profiles(origin);
  } finally {
    await server.close();
  }
  results.finished = new Date().toISOString();
  results.machine.loadavgEnd = loadavg();
  const resultsFile = join(DATA, ONLY_PROFILE ? "profiles.json" : "results.json");
  writeFileSync(resultsFile, JSON.stringify(results, null, 1));
  const m = results.machine;
  const header = [
    `machine: ${m.nproc} × ${m.cpu}, ${mb(m.memory)} RAM; ${m.chromium}; Node ${m.node}; ${m.rustc ?? ""}`,
    `code: commit ${m.commit}${m.dirty ? " + uncommitted changes" : ""}; pkg/ built ${m.pkgBuilt}; target/release/incentive built ${m.cliBuilt}`,
    `run: ${results.started} → ${results.finished}; load average ${m.loadavg.map((x) => x.toFixed(2)).join(" ")} → ${m.loadavgEnd.map((x) => x.toFixed(2)).join(" ")}`,
  ].join("\n");
  const prof = profileReport(results.profiles);
  if (!ONLY_PROFILE) {
    const { md, text } = report(results);
    writeFileSync(join(DATA, "results.md"), `${header}\n\n${md}\n${prof ? `\n\`\`\`\n${prof.trim()}\n\`\`\`\n` : ""}`);
    console.log(`\n${header}\n${text}`);
  } else if (prof) {
    writeFileSync(join(DATA, "profiles.md"), `${header}\n\n\`\`\`\n${prof.trim()}\n\`\`\`\n`);
  }
  if (prof) console.log(prof);
  console.log(`\n(results: ${relative(ROOT, resultsFile)}, ${relative(ROOT, join(DATA, ONLY_PROFILE ? "profiles.md" : "results.md"))})`);
}

main()
  .then(() => process.exit(0))
  .catch(async (e) => {
    console.error(`bench: error: ${e.stack ?? e}`);
    for (const b of browsers) await b.close().catch(() => {});
    process.exit(1);
  });
