// Debian's Chromium through playwright-core (shared/TOOLCHAIN.md), with the
// checks every widget test shares: locale and time zone pinned, no request
// to any other origin, and any console error, page error or CSP violation
// collected so the test fails on it.

import { chromium } from "playwright-core";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

export function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/**
 * A fresh context and page watched for trouble. `origin` is the test
 * server's; everything else is blocked and recorded.
 * Returns { context, page, problems, logs, foreign }.
 */
export async function openPage(browser, origin, { colorScheme = "light", viewport = { width: 1280, height: 900 }, reducedMotion = "reduce" } = {}) {
  const context = await browser.newContext({
    locale: "en-US",
    timezoneId: "UTC",
    colorScheme,
    reducedMotion,
    viewport,
    deviceScaleFactor: 1,
  });
  const problems = [];
  const logs = [];
  const foreign = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    foreign.push(url);
    return route.abort("blockedbyclient");
  });
  // Runs before any page script (through the DevTools protocol, so the
  // page's CSP doesn't apply to it): CSP violations become page problems.
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  const page = await context.newPage();
  page.on("console", (msg) => {
    logs.push(`[${msg.type()}] ${msg.text()}`);
    if (msg.type() === "error") problems.push(`console.error: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
  page.on("requestfailed", (req) => {
    if (!foreign.includes(req.url())) problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`);
  });
  page.on("dialog", (d) => {
    problems.push(`dialog opened: ${d.type()} ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  return { context, page, problems, logs, foreign };
}

/** Asserts a watched page saw no trouble; prints its console on failure. */
export function assertClean(watch, assert) {
  const { problems, logs, foreign } = watch;
  if (problems.length || foreign.length) {
    console.log(`--- browser console ---\n${logs.join("\n")}\n---`);
  }
  assert.deepEqual(foreign, [], "requests left for another origin");
  assert.deepEqual(problems, [], "console errors, page errors or failed requests");
}

/**
 * Opens `path` on the test server in a fresh watched context, checks it was
 * served with `csp`, runs fn(page, watch), then asserts the page stayed
 * clean. options.allow: regexps of console errors the test expects (and
 * checks); options.init: { fn, arg } for addInitScript before the visit.
 */
export async function withCleanPage({ browser, origin, csp, assert }, path, fn, { allow = [], init = null, ...options } = {}) {
  const watch = await openPage(browser, origin, options);
  try {
    if (init) await watch.context.addInitScript(init.fn, init.arg);
    const response = await watch.page.goto(`${origin}${path}`);
    assert.equal(response.status(), 200, `GET ${path}`);
    assert.equal(response.headers()["content-security-policy"], csp);
    await fn(watch.page, watch);
    watch.problems.splice(0, Infinity, ...watch.problems.filter((p) => !allow.some((re) => re.test(p))));
    assertClean(watch, assert);
  } finally {
    await watch.context.close();
  }
}

/**
 * Mounts an <incentive-widget id="w"> in the page's #host on the plan and
 * activity under `base` (the activity's `as_of` replaced when given; the
 * activity kept as window.__activity for the test to edit).
 */
export async function mountWidget(page, base, participant, asOf) {
  await page.waitForFunction(() => customElements.get("incentive-widget"));
  await page.evaluate(
    async ({ base, participant, asOf }) => {
      const plan = await (await fetch(`${base}/plan.json`)).json();
      const activity = await (await fetch(`${base}/activity.json`)).json();
      if (asOf) activity.as_of = asOf;
      window.__activity = activity;
      const w = document.createElement("incentive-widget");
      w.id = "w";
      w.participant = participant;
      document.querySelector("#host").append(w);
      w.plan = plan;
      w.activity = activity;
      await w.updateComplete;
    },
    { base, participant, asOf },
  );
}

/**
 * The engine the widget ships (dist/incentive-widget/), run in Node: what a
 * panel on screen must agree with. Returns the package's `Engine` class.
 */
export async function packageEngine(widgetDir) {
  const { pathToFileURL } = await import("node:url");
  const { readFileSync } = await import("node:fs");
  const { join } = await import("node:path");
  const pkg = await import(pathToFileURL(join(widgetDir, "incentive_widget.js")).href);
  await pkg.default({ module_or_path: readFileSync(join(widgetDir, "incentive_widget_bg.wasm")) });
  return pkg.Engine;
}

/**
 * Asserts the page and the panel with `part` in #w's shadow root do not
 * spill sideways (a 390 px phone); returns whether the panel is hidden.
 */
export async function assertFits(page, part, assert) {
  const got = await page.evaluate((part) => {
    const panel = document.querySelector("#w").shadowRoot.querySelector(`[part~='${part}']`);
    return { page: document.documentElement.scrollWidth, panel: panel.scrollWidth - panel.clientWidth, hidden: panel.hidden };
  }, part);
  assert.ok(got.page <= 390, `page ${got.page}px wide`);
  assert.ok(got.panel <= 1, `${part} spills ${got.panel}px`);
  return got.hidden;
}
