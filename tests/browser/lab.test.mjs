// <incentive-plan-lab> in headless Chromium under the strict CSP, on the
// demo's organisation (dist/lab.html: 200 people, 20,000 deals): the
// figures on load against `incentive lab`; a rate changed in the form
// moving the totals, the hunters' row and the movers (with the line that
// moved and its sentence); a bad band shown at its field and the figures
// kept; export → `incentive validate` and `incentive lab` on the exported
// plan give the figures on screen, and re-importing it gives them again;
// the cost-curve slider; the backtest CSV; axe; offline after the first
// visit; the README's screenshot.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { startServer, STRICT_CSP } from "./helpers/server.mjs";
import { launch, withCleanPage } from "./helpers/browser.mjs";
import { cliPath } from "../helpers/cli.mjs";
import { manifest, LAB_SOURCE } from "../../scripts/manifest.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const DIST = join(ROOT, "dist");
const OUT = join(ROOT, "target", "lab-test");
const SHOTS = process.env.SCREENSHOTS_DIR ?? join(ROOT, "target", "screenshots");
const RATE = "plan.roles[0].components[0].rates.new";
const BAND = "plan.roles[0].components[0].tiers.bands[2].from";

let server;
let browser;

before(async () => {
  if (!existsSync(join(DIST, "lab.html"))) throw new Error("dist/ is not built: run `bash scripts/build.sh`");
  mkdirSync(OUT, { recursive: true });
  server = await startServer({ "/": DIST });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

function withLab(fn, options) {
  return withCleanPage({ browser, origin: server.url, csp: STRICT_CSP, assert }, "/lab.html", async (page, watch) => {
    await page.waitForFunction(() => document.querySelector("incentive-plan-lab")?.report, null, { timeout: 60_000 });
    await fn(page, watch);
  }, options);
}

const lab = (page) => page.locator("incentive-plan-lab");
const text = (page, part) => lab(page).locator(`[part~='${part}']`).first().textContent();

function cli(...args) {
  return execFileSync(cliPath(), args, { encoding: "utf8", maxBuffer: 1 << 28 });
}

/** Types into the field at `path` and waits for the figures (or problems) it brings. */
async function typeInto(page, path, value, event = "lab-rendered") {
  const waiting = page.evaluate((event) => new Promise((done) => document.querySelector("incentive-plan-lab").addEventListener(event, (e) => done(e.detail), { once: true })), event);
  const input = lab(page).locator(`[data-path='${path}']`);
  await input.fill(value);
  return waiting;
}

describe("<incentive-plan-lab>", () => {
  test("loads the organisation: both plans' figures are incentive lab's, to the cent", async () => {
    await withLab(async (page) => {
      const report = await page.evaluate(() => document.querySelector("incentive-plan-lab").report);
      const plan = join(DIST, "sample", "lab", "plan.json");
      const activity = join(DIST, "sample", "lab", "activity.json");
      const native = JSON.parse(cli("lab", "--plan", plan, "--against", plan, "--activity", activity));
      assert.deepEqual(report, native);
      assert.equal(report.people, 200);
      assert.equal(report.delta, "0.00");
      assert.match(await text(page, "status"), /200 people scored on both plans/);
      assert.equal(await text(page, "base-payout"), await text(page, "edited-payout"));
      assert.match(await text(page, "totals-explain"), /payout ÷ .* revenue = .*% cost of sales/);
      // The form is the engine's list of fields.
      assert.equal(await lab(page).locator(`[data-path='${RATE}']`).inputValue(), "0.10");
      assert.equal(await lab(page).locator(`label[for]`).filter({ hasText: "rates · new" }).first().count(), 1);
    });
  });

  test("a rate changed in the form moves the totals, the hunters' payout and the movers", async () => {
    await withLab(async (page) => {
      const before = await text(page, "edited-payout");
      const detail = await typeInto(page, RATE, "0.12");
      assert.equal(detail.edit.everyone, false, "only whom the edit can move is re-scored");
      assert.ok(detail.edit.scored > 0 && detail.edit.scored < 200);
      const r = detail.report;
      assert.ok(Number(r.delta) > 0);
      assert.notEqual(await text(page, "edited-payout"), before);
      assert.equal(await text(page, "base-payout"), before);
      const hunters = r.roles.find((x) => x.role === "hunter");
      assert.ok(Number(hunters.delta) > 0);
      for (const x of r.roles.filter((x) => x.role !== "hunter")) assert.equal(x.delta, "0.00");
      assert.equal(r.down.length, 0);
      assert.equal(r.up.length, 5);
      for (const m of r.up) assert.match(m.line.explain, /12% new rate/);
      const first = lab(page).locator("[part~='movers-up'] .mover").first();
      assert.match(await first.textContent(), new RegExp(r.up[0].name));
      assert.match(await first.locator(".mover-why").textContent(), /12% new rate/);
      assert.match(await text(page, "delta"), /^\+/);
      // The company goal's cost and the curve follow, off the critical path.
      await page.waitForFunction(() => document.querySelector("incentive-plan-lab").shadowRoot.querySelector("[part~='goal']").getAttribute("aria-busy") === "false", null, { timeout: 60_000 });
      assert.equal(await lab(page).locator("[part~='goal'] tbody tr").count(), 3);
    });
  });

  test("each edit's figures come before its goal costs: lab-rendered, then lab-goal", async () => {
    await withLab(async (page) => {
      await page.evaluate(() => {
        window.__order = [];
        const el = document.querySelector("incentive-plan-lab");
        // Edits only: the load's goal costs (ms null) may still be on their way.
        for (const t of ["lab-rendered", "lab-goal"]) el.addEventListener(t, (e) => e.detail.ms !== null && window.__order.push(t));
      });
      // A hunter's rate (its goal costs are often ready before its report),
      // a marketer's rate, the company target (its goal costs need no
      // re-scoring at all), then back.
      for (const [path, value] of [[RATE, "0.11"], ["plan.roles[2].components[0].rate", "0.012"], ["plan.company_goal.target", "2100000000"], [RATE, "0.10"]]) {
        await typeInto(page, path, value, "lab-goal");
      }
      const order = await page.evaluate(() => window.__order);
      assert.deepEqual(order, Array(4).fill(["lab-rendered", "lab-goal"]).flat());
    });
  });

  test("the lab's parts, attributes and events are its custom-elements manifest's", async () => {
    const el = manifest().modules.find((m) => m.path === "lib/lab-element.js").declarations[0];
    assert.equal(el.tagName, "incentive-plan-lab");
    const source = readFileSync(LAB_SOURCE, "utf8");
    const fired = [...new Set([...source.matchAll(/new CustomEvent\("(lab-[a-z-]+)"/g)].map((m) => m[1]))].sort();
    assert.deepEqual(el.events.map((e) => e.name).sort(), fired);
    await withLab(async (page) => {
      const seen = await page.evaluate(() => {
        const root = document.querySelector("incentive-plan-lab").shadowRoot;
        const parts = new Set();
        for (const n of root.querySelectorAll("[part]")) for (const p of n.getAttribute("part").split(/\s+/)) parts.add(p);
        return { parts: [...parts].sort(), observed: customElements.get("incentive-plan-lab").observedAttributes };
      });
      assert.deepEqual(seen.parts, el.cssParts.map((p) => p.name).sort());
      assert.deepEqual([...seen.observed].sort(), el.attributes.map((a) => a.name).sort());
    });
  });

  test("after the first visit, the lab reloads with the network cut: the organisation scored again, an edit too", async () => {
    await withLab(async (page, watch) => {
      // demo/lab.js registered the demo's sw.js and had it keep the organisation.
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null && /Works offline/.test(document.getElementById("offline-state").textContent), null, { timeout: 30_000 });
      const cached = await page.evaluate(async () => {
        const names = (await caches.keys()).filter((n) => n.startsWith("incentive-widget-offline "));
        const urls = [];
        for (const n of names) for (const r of await (await caches.open(n)).keys()) urls.push(new URL(r.url).pathname);
        return { names, urls };
      });
      assert.equal(cached.names.length, 1);
      assert.match(cached.names[0], /^incentive-widget-offline [0-9a-f]{16} http:\/\/127\.0\.0\.1:\d+\/$/);
      for (const want of ["/lab.html", "/incentive-widget/incentive-plan-lab.js", "/incentive-widget/lib/lab-worker.js", "/incentive-widget/incentive_widget_bg.wasm", "/sample/lab/activity.json", "/sample/lab/plan.json"]) {
        assert.ok(cached.urls.includes(want), `${want} is cached`);
      }
      const online = await text(page, "edited-payout");
      const served = server.requests.length;
      await watch.context.setOffline(true);
      await page.reload();
      await page.waitForFunction(() => document.querySelector("incentive-plan-lab")?.report, null, { timeout: 60_000 });
      assert.equal(await page.evaluate(() => navigator.onLine), false);
      assert.equal(await text(page, "edited-payout"), online);
      await page.waitForFunction(() => /Offline: the page runs from the copy/.test(document.getElementById("offline-state").textContent));
      const detail = await typeInto(page, RATE, "0.12");
      assert.ok(Number(detail.report.delta) > 0);
      assert.deepEqual(server.requests.slice(served), [], "no request reached the server while offline");
      await watch.context.setOffline(false);
    });
  });

  test("a bad band shows its problem at the field; the figures stay the last valid plan's", async () => {
    await withLab(async (page) => {
      const before = await text(page, "edited-payout");
      const error = await typeInto(page, BAND, "0.2", "lab-invalid");
      assert.ok(error.problems.some((p) => p.path === BAND), JSON.stringify(error.problems));
      const input = lab(page).locator(`[data-path='${BAND}']`);
      assert.equal(await input.getAttribute("aria-invalid"), "true");
      const described = (await input.getAttribute("aria-describedby")).split(" ");
      const message = await lab(page).locator(`[id='${described[1]}']`).textContent();
      assert.ok(message.length > 10, message);
      assert.match(await text(page, "problems"), /1 problem/);
      assert.equal(await text(page, "edited-payout"), before);
      // Fixing it clears the problem.
      await typeInto(page, BAND, "1");
      assert.equal(await input.getAttribute("aria-invalid"), null);
    });
  });

  test("export, validate and re-import: incentive lab on the exported plan gives the figures on screen", async () => {
    await withLab(async (page) => {
      const detail = await typeInto(page, RATE, "0.11");
      const [download] = await Promise.all([page.waitForEvent("download"), lab(page).locator("[part~='export']").click()]);
      const file = join(OUT, "exported.json");
      await download.saveAs(file);
      assert.match(cli("validate", "--plan", file), /^ok: plan/);
      const plan = join(DIST, "sample", "lab", "plan.json");
      const activity = join(DIST, "sample", "lab", "activity.json");
      const native = JSON.parse(cli("lab", "--plan", file, "--against", plan, "--activity", activity));
      assert.deepEqual(native, detail.report);
      // incentive score on the exported plan: everyone's earned sums to the edited payout.
      const statements = cli("score", "--plan", file, "--activity", activity, "--format", "jsonl").trim().split("\n").map((l) => JSON.parse(l));
      const cents = statements.reduce((a, s) => a + BigInt(s.earned.replace(".", "")), 0n);
      assert.equal(cents, BigInt(detail.report.edited.payout.replace(".", "")));
      // Back to the plan it came with by typing, then import the exported file.
      await typeInto(page, RATE, "0.10");
      const again = page.evaluate(() => new Promise((done) => document.querySelector("incentive-plan-lab").addEventListener("lab-rendered", (e) => done(e.detail), { once: true })));
      const [chooser] = await Promise.all([page.waitForEvent("filechooser"), lab(page).locator("[part~='import']").click()]);
      await chooser.setFiles(file);
      assert.deepEqual((await again).report, detail.report);
      assert.equal(await lab(page).locator(`[data-path='${RATE}']`).inputValue(), "0.11");
    });
  });

  test("the cost curve's slider, the backtest CSV, the keyboard and axe", async () => {
    await withLab(async (page) => {
      await typeInto(page, RATE, "0.12");
      const slider = lab(page).locator("[part~='scale']");
      await slider.focus();
      for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowRight");
      assert.equal(await slider.inputValue(), "120");
      await page.waitForFunction(() => /At 120%: current plan/.test(document.querySelector("incentive-plan-lab").shadowRoot.querySelector("[part~='curve-figures']").textContent), null, { timeout: 90_000 });
      const [download] = await Promise.all([page.waitForEvent("download"), lab(page).locator("[part~='backtest']").click()]);
      const csv = join(OUT, "backtest.csv");
      await download.saveAs(csv);
      const rows = readFileSync(csv, "utf8").trim().split("\r\n");
      assert.equal(rows[0], "participant,name,role,base_attainment,edited_attainment,base_earned,edited_earned,delta");
      assert.equal(rows.length, 201);
      // A field is reached and edited with the keyboard alone.
      const input = lab(page).locator(`[data-path='${RATE}']`);
      await input.focus();
      const waiting = page.evaluate(() => new Promise((done) => document.querySelector("incentive-plan-lab").addEventListener("lab-rendered", (e) => done(e.detail), { once: true })));
      await page.keyboard.press("End");
      await page.keyboard.press("Backspace");
      await page.keyboard.type("5");
      assert.match((await waiting).report.up[0].line.explain, /15% new rate/);
      const axe = await new AxeBuilder({ page }).include("incentive-plan-lab").analyze();
      assert.deepEqual(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`), []);
      mkdirSync(SHOTS, { recursive: true });
      await page.waitForFunction(() => /All 17 points/.test(document.querySelector("incentive-plan-lab").shadowRoot.querySelector("[part~='curve-status']").textContent), null, { timeout: 120_000 });
      await lab(page).screenshot({ path: join(SHOTS, "plan-lab.png") });
      writeFileSync(join(OUT, "done"), "ok\n");
    }, { viewport: { width: 1400, height: 1000 }, allow: [/Applying inline style violates/, /CSP violation: style-src-elem blocked inline/] });
  });
});
