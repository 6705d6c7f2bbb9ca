// The WebAssembly package in headless Chromium, served the way a portal
// would serve it (scripts/serve.mjs, strict CSP: script-src 'self'
// 'wasm-unsafe-eval'): the demo page renders a statement, one fixture gives
// the CLI's statements, and a bad plan throws an Error with `code` and
// `problems` while the same engine keeps answering. Any console.error or
// page error fails the test; console output is printed only on failure.
//
//   node --test tests/browser/
//
// Needs pkg/ (bash scripts/build.sh), target/{release,debug}/incentive and
// /usr/bin/chromium (bash scripts/setup.sh).
import { test, describe, before, after, beforeEach, afterEach } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { launch } from "./helpers/browser.mjs";
import { serve } from "../../scripts/serve.mjs";
import { cliPath } from "../helpers/cli.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const FIXTURES = join(ROOT, "..", "shared", "fixtures");
const FIXTURE = "attribution-w-shaped-time-decay";



function cliScore(dir) {
  const out = execFileSync(cliPath(), ["score", "--plan", join(dir, "plan.json"), "--activity", join(dir, "activity.json")], {
    encoding: "utf8",
  });
  return JSON.parse(out);
}

const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));

describe("the package in headless Chromium", { timeout: 120_000 }, () => {
  let server;
  let browser;
  let context;
  let page;
  let logs;
  let errors;

  before(async () => {
    assert.ok(existsSync(join(ROOT, "pkg", "incentive_widget_bg.wasm")), "pkg/ is not built: bash scripts/build.sh");
    server = await serve({ root: ROOT, port: 0, csp: true });
    browser = await launch();
    context = await browser.newContext({ locale: "en-US", timezoneId: "UTC" });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  beforeEach(async () => {
    logs = [];
    errors = [];
    page = await context.newPage();
    page.on("console", (m) => {
      logs.push(`console.${m.type()}: ${m.text()}`);
      if (m.type() === "error") errors.push(`console.error: ${m.text()}`);
    });
    page.on("response", (r) => {
      if (r.status() >= 400) logs.push(`HTTP ${r.status()} ${r.url()}`);
    });
    page.on("pageerror", (e) => {
      logs.push(`pageerror: ${e.message}`);
      errors.push(`pageerror: ${e.message}`);
    });
  });

  afterEach(async (t) => {
    await page.close();
    // Console output only when something went wrong.
    if (errors.length) console.log(`--- browser console (${t.name}) ---\n${logs.join("\n")}`);
    assert.deepEqual(errors, [], "no console.error or page error");
  });

  /** A page of the server's origin with no script of its own. */
  const blank = () => page.goto(server.url);

  test("the demo page shows a statement under a strict CSP", async () => {
    const expected = cliScore(join(ROOT, "www", "pkg-demo"))[0];
    await page.goto(`${server.url}www/pkg-demo.html`);
    await page.waitForSelector("html[data-ready]");
    assert.equal(await page.getAttribute("html", "data-ready"), "true", await page.textContent("#status"));
    assert.equal(await page.textContent('dd[data-field="earned"]'), expected.earned);
    assert.deepStrictEqual(JSON.parse(await page.textContent("#json")), expected);
    assert.equal(await page.locator("#lines tr").count(), expected.components.reduce((n, c) => n + c.lines.length, 0));
  });

  test(`fixture ${FIXTURE}: Engine gives the CLI's statements`, async () => {
    const dir = join(FIXTURES, FIXTURE);
    const expected = cliScore(dir);
    await blank();
    const got = await page.evaluate(
      async ({ plan, activity }) => {
        const { default: init, Engine } = await import("/pkg/incentive_widget.js");
        await init();
        const engine = new Engine(plan, activity);
        const all = engine.statements();
        const each = all.map((s) => engine.statement(s.participant));
        const fromText = new Engine(JSON.stringify(plan), JSON.stringify(activity)).statements();
        return { all, each, fromText };
      },
      { plan: readJson(join(dir, "plan.json")), activity: readJson(join(dir, "activity.json")) },
    );
    assert.deepStrictEqual(got.all, expected);
    assert.deepStrictEqual(got.each, expected);
    assert.deepStrictEqual(got.fromText, expected);
  });

  test("a bad plan throws an Error with code and problems; the engine still answers", async () => {
    const dir = join(FIXTURES, FIXTURE);
    const expected = cliScore(dir);
    await blank();
    const got = await page.evaluate(
      async ({ plan, activity }) => {
        const { default: init, Engine } = await import("/pkg/incentive_widget.js");
        await init();
        const engine = new Engine(plan, activity);
        const caught = (fn) => {
          try {
            fn();
            return null;
          } catch (e) {
            return { isError: e instanceof Error, name: e.name, code: e.code, problems: e.problems, message: e.message };
          }
        };
        const badPlan = structuredClone(plan);
        badPlan.roles[0].components[0].kind = "salary";
        badPlan.currency = 42;
        const cyclic = { ...plan };
        cyclic.self = cyclic;
        return {
          badPlan: caught(() => new Engine(badPlan, activity)),
          cyclic: caught(() => new Engine(cyclic, activity)),
          badDeal: caught(() => engine.upsertDeal({ id: "D-x", type: "upsell" })),
          unknown: caught(() => engine.statement("nobody")),
          after: engine.statements(),
        };
      },
      { plan: readJson(join(dir, "plan.json")), activity: readJson(join(dir, "activity.json")) },
    );
    const { badPlan } = got;
    assert.ok(badPlan, "new Engine(bad plan) throws");
    assert.equal(badPlan.isError, true, "a real Error");
    assert.equal(badPlan.name, "IncentiveError");
    assert.equal(badPlan.code, "invalid_plan");
    assert.ok(Array.isArray(badPlan.problems) && badPlan.problems.length >= 2, JSON.stringify(badPlan.problems));
    assert.ok(badPlan.problems.some((p) => p.path === "plan.currency"), badPlan.message);
    assert.ok(badPlan.problems.some((p) => p.path.startsWith("plan.roles[0].components[0]")), badPlan.message);
    assert.equal(badPlan.message, badPlan.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
    assert.equal(got.cyclic?.code, "invalid_json");
    assert.equal(got.badDeal?.code, "invalid_activity");
    assert.equal(got.unknown?.code, "unknown_participant");
    assert.deepStrictEqual(got.after, expected);
  });
});
