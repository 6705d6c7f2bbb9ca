// Total pay (the BUILT dist/, headless Chromium, strict CSP): the panel
// shows each fixed amount, the variable pay, the draw and each adjustment
// adding up to the total, with the engine's sentence behind "Why" and the
// balance owed; it follows the pay period chosen in the strip and a live
// update, works from the keyboard, fits a phone, stays away from plans
// without total pay; the what-if panel shows the effect on total pay; the
// demo's marketer sees salary + company-goal bonus + attribution credit.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer, STRICT_CSP } from "./helpers/server.mjs";
import { assertFits, launch, mountWidget, packageEngine, withCleanPage } from "./helpers/browser.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const DIST = join(ROOT, "dist");
const WIDGET = join(DIST, "incentive-widget");
const FIXTURES = join(ROOT, "..", "shared", "fixtures");
const PAGES = join(ROOT, "tests", "browser", "helpers", "pages");
const TOTAL = join(ROOT, "tests", "fixtures", "total-pay");
// SCREENSHOTS_DIR at docs/screenshots to refresh the docs' (scripts/screenshots.sh).
const SHOTS = process.env.SCREENSHOTS_DIR ?? join(ROOT, "target", "screenshots");

let server;
let browser;
let Engine;

before(async () => {
  if (!existsSync(join(WIDGET, "incentive-widget.js"))) throw new Error("dist/ is not built: run `bash scripts/build.sh`");
  Engine = await packageEngine(WIDGET);
  server = await startServer({ "/": DIST, "/__fixtures__/": FIXTURES, "/__test__/": PAGES, "/__total__/": TOTAL });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

function withPage(path, fn, options) {
  return withCleanPage({ browser, origin: server.url, csp: STRICT_CSP, assert }, path, fn, options);
}

/** The panel as people see it: heading, each row's label and amount, total, the owed note. */
function read(page, sel = "#w") {
  return page.evaluate((sel) => {
    const root = document.querySelector(sel).shadowRoot;
    const panel = root.querySelector("[part~='total-pay']");
    const text = (n) => n?.textContent.replace(/\s+/g, " ").trim() ?? "";
    return {
      hidden: panel.hidden,
      heading: text(panel.querySelector("h3")),
      rows: [...panel.querySelectorAll("[part~='pay-part']")].map((tr) => `${text(tr.querySelector(".pay-label"))} | ${text(tr.querySelector("td.num"))}`),
      kinds: [...panel.querySelectorAll("[part~='pay-part']")].map((tr) => tr.dataset.kind),
      total: text(panel.querySelector("[part~='total-pay-value']")),
      owed: panel.querySelector("[part~='balance-owed']").hidden ? null : text(panel.querySelector("[part~='balance-owed']")),
    };
  }, sel);
}

async function choosePeriod(page, id) {
  await page.evaluate(async (id) => {
    const w = document.querySelector("#w");
    const b = [...w.shadowRoot.querySelectorAll("[part~='period-button']")].find((x) => x.getAttribute("aria-label").startsWith(`${id}:`));
    b.click();
    await w.updateComplete;
  }, id);
}

describe("total pay", () => {
  test("a mid-month hire: each fixed amount, variable pay and the total of the pay period shown, the engine's sentence behind Why", async () => {
    await withPage("/__test__/blank.html", async (page) => {
      await mountWidget(page, "/__total__/mid-month-hire", "mkt-new", "2027-09-30");
      const got = await read(page);
      assert.equal(got.hidden, false);
      assert.match(got.heading, /^Total pay · Sep 1/);
      assert.deepEqual(got.rows, ["Base salary | $3,000.00", "Car allowance | $250.00", "Phone | $25.00", "Variable pay | $0.00"]);
      assert.equal(got.total, "$3,275.00");
      assert.equal(got.owed, null);
      // Why, by keyboard: the engine's sentence; Escape folds it and gives the focus back.
      await page.evaluate(() => document.querySelector("#w").shadowRoot.querySelector("[part~='pay-part'] .explain-button").focus());
      await page.keyboard.press("Enter");
      const open = await page.evaluate(() => {
        const root = document.querySelector("#w").shadowRoot;
        const b = root.querySelector("[part~='pay-part'] .explain-button");
        const row = root.getElementById(b.getAttribute("aria-controls"));
        return { expanded: b.getAttribute("aria-expanded"), hidden: row.hidden, text: row.textContent };
      });
      assert.deepEqual(open, {
        expanded: "true",
        hidden: false,
        text: "Base salary: 72,000.00 a year × 1/12 (2027-09 is 1 month of 12) × 15/30 (employed from 2027-09-16: 15 of its 30 days) = 3,000.00",
      });
      await page.keyboard.press("Escape");
      const closed = await page.evaluate(() => {
        const root = document.querySelector("#w").shadowRoot;
        const b = root.querySelector("[part~='pay-part'] .explain-button");
        return { expanded: b.getAttribute("aria-expanded"), focused: root.activeElement === b };
      });
      assert.deepEqual(closed, { expanded: "false", focused: true });
      // October: the adjustment is a row of its own.
      await choosePeriod(page, "2027-10");
      const oct = await read(page);
      assert.deepEqual(oct.rows.slice(-1), ["Sign-on bonus | +$400.00"]);
      assert.equal(oct.total, "$6,950.00");
    });
  });

  test("a recoverable draw: the advance, the repayment and the balance owed follow the strip and a live update", async () => {
    await withPage("/__test__/blank.html", async (page) => {
      await mountWidget(page, "/__total__/recoverable-draw", "rep-rec");
      let got = await read(page);
      assert.deepEqual(got.rows, ["Variable pay | $1,000.00", "Ramp draw | +$500.00"]);
      assert.deepEqual(got.kinds, ["variable", "draw"]);
      assert.equal(got.total, "$1,500.00");
      assert.match(got.owed, /^Balance owed on the draw: \$500\.00/);
      await choosePeriod(page, "2027-09");
      got = await read(page);
      assert.deepEqual(got.rows, ["Variable pay | $3,000.00", "Ramp draw | -$1,000.00"]);
      assert.equal(got.total, "$2,000.00");
      assert.equal(got.owed, null, "nothing owed after September");
      // A live deal in January: the commission covers the draw, nothing is advanced.
      await choosePeriod(page, "2028-01");
      await page.evaluate(async () => {
        const w = document.querySelector("#w");
        w.upsertDeal({ id: "rep-rec-9", type: "new", close_date: "2028-01-20", amount: "20000", owners: [{ participant: "rep-rec", split: "1" }] });
        await w.updateComplete;
        await new Promise((r) => requestAnimationFrame(() => r()));
      });
      got = await read(page);
      assert.deepEqual(got.rows, ["Variable pay | $3,000.00", "Ramp draw | $0.00"]);
      assert.equal(got.total, "$3,000.00");
      const sentence = await page.evaluate(() => {
        const root = document.querySelector("#w").shadowRoot;
        const row = [...root.querySelectorAll("[part~='pay-part']")].find((r) => r.dataset.kind === "draw");
        return root.getElementById(row.querySelector(".explain-button").getAttribute("aria-controls")).textContent;
      });
      assert.match(sentence, /^Ramp draw: commission 3,000\.00 is at least the draw 1,500\.00: nothing advanced/);
    });
  });

  test("a plan without salary, draw or adjustments shows no total pay panel", async () => {
    await withPage("/__test__/blank.html", async (page) => {
      await mountWidget(page, "/__fixtures__/payout-stages-clawback", "rep-kim");
      assert.equal((await read(page)).hidden, true);
    });
  });

  test("at 390 px the panel fits: amounts stay, nothing spills sideways; the docs screenshot", async () => {
    await withPage(
      "/__test__/blank.html",
      async (page) => {
        await mountWidget(page, "/__total__/quarter-salary", "rep-q");
        await assertFits(page, "total-pay", assert);
        const amount = await page.evaluate(() => getComputedStyle(document.querySelector("#w").shadowRoot.querySelector("[part~='total-pay'] [part~='pay-part'] td.num")).display);
        assert.notEqual(amount, "none");
        const rows = (await read(page)).rows;
        assert.deepEqual(rows, ["Base salary | $7,500.00", "Variable pay | $2,000.00", "Missed SPIF | +$250.00", "Expense advance repaid | -$100.00"]);
        mkdirSync(SHOTS, { recursive: true });
        await page.locator("#w").screenshot({ path: join(SHOTS, "total-pay-phone.png") });
      },
      { viewport: { width: 390, height: 900 } },
    );
  });

  test("the demo's marketer: salary, company-goal bonus and attribution credit; what-if shows the effect on total pay", async () => {
    await withPage("/?feed=paused&offline=off&as=mkt-cho", async (page) => {
      await page.waitForFunction(() => document.querySelector("#pay")?.statement?.participant === "mkt-cho", null, { timeout: 20_000 });
      await page.evaluate(() => document.querySelector("#pay").updateComplete);
      const st = await page.evaluate(() => document.querySelector("#pay").statement);
      const got = await read(page, "#pay");
      assert.deepEqual(got.kinds, ["fixed", "variable"]);
      assert.equal(got.rows[0], "Base salary | $24,000.00");
      assert.match(got.rows[1], /^Variable pay \| \$[\d,]+\.\d\d$/);
      assert.equal(st.fixed_pay, "24000.00");
      const kinds = st.components.map((c) => `${c.kind}:${c.name}`);
      assert.ok(kinds.includes("bonus:Company goal bonus") && kinds.includes("commission:Marketing-sourced revenue"), kinds.join(", "));
      // What-if: company revenue up 5% of goal moves the company-goal bonus, and total pay with it.
      const toggle = page.locator("#pay .whatif-toggle");
      await toggle.focus();
      await page.keyboard.press("Enter");
      await page.locator("#pay .wi-tool-button", { hasText: "Company revenue" }).click();
      for (let i = 0; i < 5; i++) await page.locator("#pay .wi-revenue").getByRole("button", { name: "+1% of goal" }).click();
      const plan = readFileSync(join(DIST, "sample", "plan.json"), "utf8");
      const activity = readFileSync(join(DIST, "sample", "activity.json"), "utf8");
      const engine = new Engine(plan, activity);
      const want = engine.whatIf("mkt-cho", [{ op: "set_company_revenue", amount: "6120000" }]);
      engine.free();
      assert.notEqual(Number(want.delta.total_pay), 0, "the scenario moves total pay");
      const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
      const signed = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", signDisplay: "exceptZero" });
      assert.equal(await page.textContent("#pay .wi-total-total_pay .wi-total-value"), usd.format(want.scenario.total_pay));
      assert.equal(await page.textContent("#pay .wi-total-total_pay .delta"), signed.format(want.delta.total_pay));
      assert.equal(await page.textContent("#pay .wi-total-total_pay .wi-total-actual"), `actual ${usd.format(want.baseline.total_pay)}`);
    });
  });
});
