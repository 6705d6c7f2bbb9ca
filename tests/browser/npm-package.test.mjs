// The npm package as a portal installs it: the tarball the build packs
// (dist/incentive-widget-<version>.tgz, scripts/npm-pack.mjs) installed into
// an empty project (target/npm-scratch/, ignored), then the engine imported
// by its package name in Node and the element in headless Chromium through
// an import map (no bundler), with the figures of a shared fixture.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "./helpers/server.mjs";
import { launch, openPage } from "./helpers/browser.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const DIST = join(ROOT, "dist");
const SCRATCH = join(ROOT, "target", "npm-scratch");
const FIXTURE = join(ROOT, "..", "shared", "fixtures", "joint-company-goal");
const CSP = "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; style-src 'self'";

let tarball;
let server;
let browser;

before(async () => {
  const tgz = existsSync(DIST) ? readdirSync(DIST).filter((f) => /^incentive-widget-.*\.tgz$/.test(f)) : [];
  if (tgz.length !== 1) throw new Error("dist/ holds no npm tarball: run `bash scripts/build.sh`");
  tarball = join(DIST, tgz[0]);
  rmSync(SCRATCH, { recursive: true, force: true });
  mkdirSync(SCRATCH, { recursive: true });
  writeFileSync(join(SCRATCH, "package.json"), JSON.stringify({ name: "portal-scratch", private: true, type: "module" }));
  // A local tarball without dependencies: nothing is fetched.
  execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--silent", tarball], { cwd: SCRATCH, stdio: "pipe" });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

describe("the npm package", () => {
  test("installs into an empty project with an exports map for the engine and the element", () => {
    const pkg = JSON.parse(readFileSync(join(SCRATCH, "node_modules", "incentive-widget", "package.json"), "utf8"));
    assert.equal(pkg.name, "incentive-widget");
    for (const key of [".", "./engine", "./element"]) assert.ok(pkg.exports[key], `exports ${key}`);
    assert.equal(pkg.customElements, "custom-elements.json");
    for (const f of ["incentive_widget_bg.wasm", "incentive-widget.js", "incentive-widget.css", "lib/card.js", "custom-elements.json", "incentive_widget.d.ts"]) {
      assert.ok(existsSync(join(SCRATCH, "node_modules", "incentive-widget", f)), f);
    }
  });

  test("in Node: `import … from \"incentive-widget\"` scores the fixture to the cent", () => {
    const script = `
      import init, { Engine } from "incentive-widget";
      import { readFileSync } from "node:fs";
      const wasm = readFileSync(new URL(import.meta.resolve("incentive-widget/incentive_widget_bg.wasm")));
      await init({ module_or_path: wasm });
      const engine = new Engine(readFileSync(${JSON.stringify(join(FIXTURE, "plan.json"))}, "utf8"), readFileSync(${JSON.stringify(join(FIXTURE, "activity.json"))}, "utf8"));
      const element = import.meta.resolve("incentive-widget/element");
      console.log(JSON.stringify({ statements: engine.statements(), element }));
    `;
    writeFileSync(join(SCRATCH, "use.mjs"), script);
    const out = JSON.parse(execFileSync(process.execPath, ["use.mjs"], { cwd: SCRATCH, encoding: "utf8" }));
    const expected = JSON.parse(readFileSync(join(FIXTURE, "expected.json"), "utf8"));
    const want = Array.isArray(expected) ? expected : expected.statements;
    for (const e of want) {
      const got = out.statements.find((s) => s.participant === e.participant);
      for (const key of ["earned", "payable", "paid", "due"]) assert.equal(got[key], e[key], `${e.participant} ${key}`);
    }
    assert.match(out.element, /node_modules\/incentive-widget\/incentive-widget\.js$/);
  });

  test("in Chromium: `import \"incentive-widget/element\"` through an import map shows the fixture's figures", async () => {
    writeFileSync(
      join(SCRATCH, "index.html"),
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>npm package</title>
<script type="importmap">{ "imports": { "incentive-widget/element": "/node_modules/incentive-widget/incentive-widget.js" } }</script>
<script type="module">import "incentive-widget/element";</script></head>
<body><incentive-widget participant="rep-ada" locale="en-US" plan-src="/fixture/plan.json" activity-src="/fixture/activity.json"></incentive-widget></body></html>\n`,
    );
    server = await startServer({ "/fixture/": FIXTURE, "/": SCRATCH }, { csp: CSP });
    browser = await launch();
    const watch = await openPage(browser, server.url);
    try {
      await watch.page.goto(`${server.url}/index.html`);
      await watch.page.waitForFunction(() => document.querySelector("incentive-widget")?.statement != null, null, { timeout: 20_000 });
      const expected = JSON.parse(readFileSync(join(FIXTURE, "expected.json"), "utf8"));
      const want = (Array.isArray(expected) ? expected : expected.statements).find((s) => s.participant === "rep-ada");
      const earned = await watch.page.evaluate(() => document.querySelector("incentive-widget").statement.earned);
      assert.equal(earned, want.earned);
      const shown = await watch.page.locator("incentive-widget .figure-earned .figure-value").textContent();
      assert.equal(shown, new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(want.earned));
      assert.deepEqual(watch.problems, []);
    } finally {
      await watch.context.close();
    }
  });
});
