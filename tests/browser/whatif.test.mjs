// The what-if panel of <incentive-widget>, end to end: the BUILT dist/
// served on 127.0.0.1 under the strict CSP, in Debian's headless Chromium
// (same conventions as widget.test.mjs: any console error, page error,
// failed request, dialog, CSP violation or request to another origin fails
// the test; en-US and UTC pinned).
//
//   bash scripts/build.sh            # builds pkg/ and dist/
//   node --test tests/browser/whatif.test.mjs
//
// Covers: per-change effects and totals (checked against the engine run in
// Node), keyboard use, the engine left unchanged; scenarios saved, reloaded
// and reopened; a stored scenario that no longer fits (a deal gone, an old
// format, corrupt JSON, storage switched off); export and import as a file;
// a generated 200-deal CSV with a mapping step and per-row errors; offline
// reload through the demo's service worker; axe; the docs screenshot. The
// panel's pure modules (scenario records, change compilation, skipping) are
// tested in Node at the end.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { startServer, STRICT_CSP } from "./helpers/server.mjs";
import { launch, packageEngine, withCleanPage } from "./helpers/browser.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const DIST = join(ROOT, "dist");
const WIDGET = join(DIST, "incentive-widget");
const FIXTURES = join(ROOT, "..", "shared", "fixtures");
const PAGES = join(ROOT, "tests", "browser", "helpers", "pages");
// Screenshots go to an ignored folder; `bash scripts/screenshots.sh` points
// SCREENSHOTS_DIR at docs/screenshots to refresh the README's.
const SHOTS = process.env.SCREENSHOTS_DIR ?? join(ROOT, "target", "screenshots");
const DEMO = "/?feed=paused&offline=off";
const KEY_PREFIX = "incentive-widget/scenario/";

const samplePlan = JSON.parse(readFileSync(join(DIST, "sample", "plan.json"), "utf8"));
const sampleActivity = JSON.parse(readFileSync(join(DIST, "sample", "activity.json"), "utf8"));
const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
const signed = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", signDisplay: "exceptZero" });
const money = (s) => usd.format(s);
const signedMoney = (s) => signed.format(s);

let server;
let browser;
let Engine;

before(async () => {
  if (!existsSync(join(WIDGET, "incentive-widget.js")) || !existsSync(join(WIDGET, "offline.js")) || !existsSync(join(DIST, "sw.js"))) {
    throw new Error("dist/ is not built (or predates the what-if panel): run `bash scripts/build.sh` (or `node scripts/dist.mjs` after building pkg/)");
  }
  // The engine the widget ships, run in Node: what the panel must show.
  Engine = await packageEngine(WIDGET);
  server = await startServer({ "/": DIST, "/__fixtures__/": FIXTURES, "/__test__/": PAGES });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens a page, runs fn(page, watch), asserts it stayed clean (helpers/browser.mjs). */
function withPage(path, fn, options) {
  return withCleanPage({ browser, origin: server.url, csp: STRICT_CSP, assert }, path, fn, options);
}

async function ready(page, sel = "#pay") {
  await page.waitForFunction((s) => document.querySelector(s)?.statement != null, sel, { timeout: 20_000 });
  await page.evaluate((s) => document.querySelector(s).updateComplete, sel);
}

/** Opens the what-if panel of widget `sel` from the keyboard. */
async function openPanel(page, sel = "#pay") {
  const toggle = page.locator(`${sel} .whatif-toggle`);
  assert.equal(await toggle.getAttribute("aria-expanded"), "false");
  await toggle.focus();
  await page.keyboard.press("Enter");
  assert.equal(await toggle.getAttribute("aria-expanded"), "true");
  const body = page.locator(`${sel} #${await toggle.getAttribute("aria-controls")}`);
  // The panel's stylesheets come with it on first opening: shown once they are in.
  await body.waitFor({ state: "visible", timeout: 2_000 });
}

const panel = (sel = "#pay") => ({
  total: (key) => `${sel} .wi-total-${key} .wi-total-value`,
  totalDelta: (key) => `${sel} .wi-total-${key} .delta`,
  changes: `${sel} .wi-change`,
  notices: `${sel} .wi-notice`,
});

async function addDeal(page, { name, amount, type, product, discount, stage, close } = {}, sel = "#pay") {
  await page.locator(`${sel} .wi-tool-button`, { hasText: "Add a deal" }).click();
  const form = page.locator(`${sel} .wi-add`);
  if (name !== undefined) await form.getByLabel("Name").fill(name);
  await form.getByLabel("Amount").fill(amount);
  if (type) await form.getByLabel("Type").selectOption(type);
  if (product) await form.getByLabel("Product").selectOption(product);
  if (discount !== undefined) await form.getByLabel("Discount %").fill(discount);
  if (stage) await form.getByLabel("Stage").selectOption(stage);
  if (close) await form.getByLabel("Close date").fill(close);
  await form.getByRole("button", { name: "Add deal" }).click();
}

async function texts(page, sel) {
  return (await page.locator(sel).allTextContents()).map((t) => t.replace(/\s+/g, " ").trim());
}

/** The engine in Node on the sample data: the what-if the panel should show. */
function expectedWhatIf(participant, changes, activity = sampleActivity) {
  const engine = new Engine(samplePlan, activity);
  try {
    return engine.whatIf(participant, changes);
  } finally {
    engine.free();
  }
}

const adaDeal = (id, name, amount, extra = {}) => ({
  id, name, type: "new", close_date: "2027-03-12", stage: "booked", owners: [{ participant: "rep-ada", split: "1" }], amount, ...extra,
});

describe("what-if panel", () => {
  test("each edit shows the new total and its own delta at once; the figures and the engine stay as they are", async () => {
    await withPage(DEMO, async (page) => {
      await ready(page);
      const actual = await page.evaluate(() => document.querySelector("#pay").statement);
      await openPanel(page);
      const P = panel();
      assert.equal(await page.textContent(P.total("earned")), money(actual.earned));
      assert.match(await page.textContent(`#pay .wi-takes-text`), /Next tier: ×1\.5 from 100% of quota, \$12,000\.00 of quota credit away/);
      assert.match(await page.textContent(`#pay .wi-takes-text`), /smallest deal that gets you there: \$12,000\.00 \(new, as set in “Add a deal”\), adding \$960\.00/);

      // What it takes → the form: the amount lands in "Amount", focused.
      await page.locator("#pay .wi-takes button").click();
      assert.equal(await page.evaluate(() => document.querySelector("#pay").shadowRoot.activeElement?.value), "12000.00");

      await addDeal(page, { name: "Northwind Traders", amount: "40000", product: "platform-suite", discount: "10" });
      await page.locator("#pay .wi-tool-button", { hasText: "Edit a deal" }).click();
      const edit = page.locator("#pay .wi-edit");
      await edit.getByLabel("Deal", { exact: true }).selectOption("D-2013");
      await edit.getByLabel("Stage").selectOption("activated");
      await edit.getByLabel("Deal", { exact: true }).selectOption("D-2002");
      await edit.getByLabel("Amount").fill("30000");
      await edit.getByLabel("Amount").press("Tab");
      await edit.getByLabel("Deal", { exact: true }).selectOption("D-2009");
      await edit.getByRole("button", { name: "Drop this deal" }).click();
      await page.locator("#pay .wi-tool-button", { hasText: "Company revenue" }).click();
      for (let i = 0; i < 9; i++) await page.locator("#pay .wi-revenue").getByRole("button", { name: "+1% of goal" }).click();

      const changes = [
        { op: "add_deal", deal: adaDeal("WHATIF-1", "Northwind Traders", "40000", { product: "platform-suite", list_price: "44444.444444444444" }) },
        { op: "set_stage", deal: "D-2013", stage: "activated" },
        { op: "set_amount", deal: "D-2002", amount: "30000" },
        { op: "remove_deal", deal: "D-2009" },
        { op: "set_company_revenue", amount: "6360000" },
      ];
      const want = expectedWhatIf("rep-ada", changes);
      for (const key of ["earned", "payable", "due"]) {
        assert.equal(await page.textContent(P.total(key)), money(want.scenario[key]), key);
        assert.equal(await page.textContent(P.totalDelta(key)), signedMoney(want.delta[key]), `${key} delta`);
      }
      const rows = page.locator(P.changes);
      assert.equal(await rows.count(), 5);
      for (const [i, eff] of want.changes.entries()) {
        const shown = (await rows.nth(i).locator(".wi-change-delta").textContent()).trim();
        assert.equal(shown, Number(eff.delta.earned) === 0 ? "±0" : signedMoney(eff.delta.earned), `change ${i + 1}`);
        assert.match(await rows.nth(i).locator(".wi-change-after").textContent(), new RegExp(`^earned ${money(eff.earned).replace(/[$.]/g, "\\$&")}`));
      }
      assert.deepEqual(await texts(page, `${P.changes} .wi-change-title`), [
        "Northwind Traders (WHATIF-1)", "Meridian Hotels (D-2013)", "Birchwood Health (D-2002)", "Ironbridge Capital (D-2009)", "Company revenue",
      ]);
      assert.match(await page.textContent("#pay .wi-announcer"), /^Scenario: earned \$[\d,.]+, up \$[\d,.]+ against actual\./);

      // The figures above and the element's statement are the actual ones.
      assert.equal(await page.textContent("#pay .figure-earned .figure-value"), money(actual.earned));
      assert.deepEqual(await page.evaluate(() => document.querySelector("#pay").statement), actual);

      // Remove a change: its row goes, focus moves to the next change's button, totals follow.
      await rows.nth(3).getByRole("button").click();
      assert.equal(await rows.count(), 4);
      const focused = await page.evaluate(() => document.querySelector("#pay").shadowRoot.activeElement?.getAttribute("aria-label"));
      assert.equal(focused, "Remove change: Company, Company revenue");
      const without = expectedWhatIf("rep-ada", changes.filter((c) => c.op !== "remove_deal"));
      assert.equal(await page.textContent(P.total("earned")), money(without.scenario.earned));

      // A live update under an open scenario: the baseline moves, the scenario is recomputed.
      await page.evaluate(() => {
        const w = document.querySelector("#pay");
        w.upsertDeal({ id: "D-2018", name: "Northwind Logistics", type: "new", close_date: "2027-03-12", owners: [{ participant: "rep-ada", split: "1" }], amount: "30000" });
        return w.updateComplete;
      });
      const live = structuredClone(sampleActivity);
      live.deals.push(adaDeal("D-2018", "Northwind Logistics", "30000", { stage: undefined }));
      delete live.deals.at(-1).stage;
      const after = expectedWhatIf("rep-ada", changes.filter((c) => c.op !== "remove_deal"), live);
      assert.equal(await page.textContent(P.total("earned")), money(after.scenario.earned));
      assert.equal(await page.textContent(`#pay .wi-total-earned .wi-total-actual`), `actual ${money(after.baseline.earned)}`);

      // No inline style anywhere (CSP style-src 'self').
      assert.equal(await page.evaluate(() => document.querySelector("#pay").shadowRoot.querySelectorAll("[style]").length), 0);
    });
  });

  test("a hypothetical deal is edited in place: Edit loads it into the form, Save changes replaces it where it stands", async () => {
    await withPage(DEMO, async (page) => {
      await ready(page);
      await openPanel(page);
      await addDeal(page, { name: "Opal Labs", amount: "40000", discount: "10" });
      await addDeal(page, { name: "Pine Co", amount: "5000" });
      const rows = page.locator(panel().changes);
      assert.equal(await rows.count(), 2);
      await rows.nth(0).getByRole("button", { name: "Edit Opal Labs" }).click();
      const form = page.locator("#pay .wi-add");
      assert.equal(await form.getByLabel("Amount").inputValue(), "40000");
      assert.equal(await form.getByLabel("Discount %").inputValue(), "10");
      await form.getByLabel("Amount").fill("$25k");
      await form.getByLabel("Discount %").fill("");
      await form.getByRole("button", { name: "Save changes" }).click();
      assert.equal(await rows.count(), 2, "replaced, not added");
      assert.match(await rows.nth(0).textContent(), /Opal Labs/);
      assert.equal(await form.getByRole("button", { name: "Add deal" }).count(), 1, "the form adds again");
      const want = expectedWhatIf("rep-ada", [
        { op: "add_deal", deal: adaDeal("WHATIF-1", "Opal Labs", "25000") },
        { op: "add_deal", deal: adaDeal("WHATIF-2", "Pine Co", "5000") },
      ]);
      for (const key of ["earned", "payable", "due"]) assert.equal(await page.textContent(panel().total(key)), money(want.scenario[key]), key);
      assert.equal((await rows.nth(0).locator(".wi-change-delta").textContent()).trim(), signedMoney(want.changes[0].delta.earned));
      // Cancel edit leaves the deal as it is.
      await rows.nth(1).getByRole("button", { name: "Edit Pine Co" }).click();
      await form.getByLabel("Amount").fill("1");
      await form.getByRole("button", { name: "Cancel edit" }).click();
      for (const key of ["earned", "payable", "due"]) assert.equal(await page.textContent(panel().total(key)), money(want.scenario[key]), key);
    });
  });

  test("touches and lines: the marketer leaves campaign touches out and puts them back; a line of a two-line deal is edited", async () => {
    await withPage(`${DEMO}&as=mkt-cho`, async (page) => {
      await ready(page);
      await openPanel(page);
      await page.locator("#pay .wi-tool-button", { hasText: "Edit a deal" }).click();
      const edit = page.locator("#pay .wi-edit");
      await edit.getByLabel("Deal", { exact: true }).selectOption("D-2003");
      const boxes = edit.locator(".wi-touches input[type=checkbox]");
      assert.equal(await boxes.count(), 3);
      // Leave out the second and then the first touch: indexes shift in the engine, not in the list.
      // From the keyboard: the checkbox keeps the focus while the scenario is recomputed.
      await boxes.nth(1).focus();
      await page.keyboard.press("Space");
      assert.equal(await boxes.nth(1).isChecked(), false);
      assert.equal(await boxes.nth(1).evaluate((el) => el.getRootNode().activeElement === el), true);
      await boxes.nth(0).uncheck();
      const want = expectedWhatIf("mkt-cho", [
        { op: "remove_touch", deal: "D-2003", index: 1 },
        { op: "remove_touch", deal: "D-2003", index: 0 },
      ]);
      assert.equal(await page.textContent(panel().total("earned")), money(want.scenario.earned));
      assert.notEqual(want.delta.earned, "0.00");
      assert.deepEqual(await texts(page, `${panel().changes} .wi-change-detail`), [
        "without Q4 CFO webinar (Cho Lee, Nov 5, 2026)",
        "without Paid search – Platform (mkt-fay, Oct 20, 2026, lead created)",
      ]);
      // Back on: the change goes away.
      await boxes.nth(1).check();
      assert.equal(await page.locator(panel().changes).count(), 1);
      await boxes.nth(0).check();
      assert.equal(await page.locator(panel().changes).count(), 0);
      assert.equal(await page.textContent(panel().totalDelta("earned")), "±0");

      // A deal with two lines: the line is picked, and the change names it.
      await edit.getByLabel("Deal", { exact: true }).selectOption("D-2010");
      const line = edit.getByLabel("Line");
      assert.deepEqual(await texts(page, "#pay .wi-edit .field:has(label:text-is('Line')) option"), ["Line 1: platform-suite ($40,000.00)", "Line 2: onboarding-services ($24,000.00)"]);
      assert.equal(await edit.getByLabel("Discount %").inputValue(), "9.09");
      await line.selectOption("1");
      assert.equal(await edit.getByLabel("Amount").inputValue(), "24000");
      await edit.getByLabel("Amount").fill("36,000");
      await edit.getByLabel("Amount").press("Tab");
      assert.deepEqual(await texts(page, `${panel().changes} .wi-change-detail`), ["$24,000.00 → $36,000.00, line 2"]);
      const lined = expectedWhatIf("mkt-cho", [{ op: "set_amount", deal: "D-2010", amount: "36000", line: 1 }]);
      assert.equal(await page.textContent(panel().total("earned")), money(lined.scenario.earned));
      // Typing the data's value again takes the edit out.
      await edit.getByLabel("Amount").fill("24000");
      await edit.getByLabel("Amount").press("Tab");
      assert.equal(await page.locator(panel().changes).count(), 0);

      // The company revenue slider, from the keyboard: two steps of 0.5% of the goal.
      await page.locator("#pay .wi-tool-button", { hasText: "Company revenue" }).click();
      const slider = page.locator("#pay .wi-revenue input[type=range]");
      assert.match(await page.textContent("#pay .wi-revenue-now"), /^Actual: \$5,820,000\.00, 97% of the \$6,000,000\.00 company goal\.$/);
      await slider.focus();
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("ArrowRight");
      await page.waitForFunction(() => document.querySelector("#pay").shadowRoot.querySelectorAll(".wi-change").length === 1);
      await page.waitForFunction(() => /5,880,000/.test(document.querySelector("#pay").shadowRoot.querySelector(".wi-change-detail").textContent));
      assert.equal(await slider.getAttribute("aria-valuetext"), "$5,880,000.00 · 98% of the goal");
      const moved = expectedWhatIf("mkt-cho", [{ op: "set_company_revenue", amount: "5880000" }]);
      assert.equal(await page.textContent(panel().total("earned")), money(moved.scenario.earned));
      await page.locator("#pay .wi-revenue").getByRole("button", { name: "Back to actual" }).click();
      assert.equal(await page.locator(panel().changes).count(), 0);
    });
  });

  test("a scenario edited, saved, reloaded and still there; one that no longer fits is reported and the rest loads", async () => {
    await withPage(DEMO, async (page) => {
      await ready(page);
      await openPanel(page);
      await addDeal(page, { name: "Quartz Mobility", amount: "64000", product: "platform-suite" });
      await page.locator("#pay .wi-tool-button", { hasText: "Edit a deal" }).click();
      await page.locator("#pay .wi-edit").getByLabel("Deal", { exact: true }).selectOption("D-2015");
      await page.locator("#pay .wi-edit").getByLabel("Close date").fill("2027-02-20");
      await page.locator("#pay .wi-edit").getByLabel("Close date").press("Tab");
      const before = await page.textContent(panel().total("earned"));
      assert.match(await page.textContent("#pay .wi-state"), /Unsaved changes/);

      // Save needs a name.
      await page.locator("#pay .wi-scenario").getByRole("button", { name: "Save" }).click();
      assert.equal(await page.locator("#pay .wi-name input").getAttribute("aria-invalid"), "true");
      await page.locator("#pay .wi-name input").fill("Strong March");
      await page.locator("#pay .wi-name input").press("Enter");
      assert.match(await page.textContent("#pay .wi-state"), /Saved in this browser/);

      const stored = await page.evaluate((prefix) => Object.keys(localStorage).filter((k) => k.startsWith(prefix)).map((k) => [k, JSON.parse(localStorage.getItem(k))]), KEY_PREFIX);
      assert.equal(stored.length, 1);
      const [key, record] = stored[0];
      assert.equal(key, `${KEY_PREFIX}${encodeURIComponent(samplePlan.name)}/rep-ada/Strong%20March`);
      assert.equal(record.format, "incentive-widget/scenario");
      assert.equal(record.version, 1);
      assert.equal(record.name, "Strong March");
      assert.equal(record.participant, "rep-ada");
      assert.equal(record.plan, samplePlan.name);
      assert.deepEqual(record.changes.map((c) => c.op), ["add_deal", "set_close_date"]);

      // Reload: the scenario is still there and opens with the same result.
      await page.reload();
      await ready(page);
      await openPanel(page);
      const saved = page.locator("#pay .wi-saved select");
      assert.deepEqual(await texts(page, "#pay .wi-saved option"), ["Strong March (2 changes)"]);
      await saved.selectOption("Strong March");
      await page.locator("#pay .wi-scenario").getByRole("button", { name: "Open" }).click();
      assert.equal(await page.locator(panel().changes).count(), 2);
      assert.equal(await page.textContent(panel().total("earned")), before);
      assert.equal(await page.inputValue("#pay .wi-name input"), "Strong March");
      assert.match(await page.textContent(panel().notices), /Opened “Strong March”\. 2 changes\./);

      // The data moves on: a scenario whose deal went away, and one in an old format.
      await page.evaluate(({ key, record }) => {
        const gone = { ...record, name: "Gone deal", changes: [{ op: "set_amount", deal: "D-9999", amount: "1000" }, ...record.changes] };
        localStorage.setItem(key.replace(/Strong%20March$/, "Gone%20deal"), JSON.stringify(gone));
        localStorage.setItem(key.replace(/Strong%20March$/, "Ancient"), JSON.stringify({ ...record, name: "Ancient", version: 0 }));
      }, { key, record });
      await page.reload();
      await ready(page);
      await openPanel(page);
      const notices = await texts(page, panel().notices);
      assert.equal(notices.length, 1, notices.join(" | "));
      assert.match(notices[0], /The saved scenario “Ancient” was saved in an old format \(version 0\); this widget reads version 1\. It was left as it is and not loaded\./);
      assert.deepEqual(await texts(page, "#pay .wi-saved option"), ["Gone deal (3 changes)", "Strong March (2 changes)"]);
      await saved.selectOption("Gone deal");
      await page.locator("#pay .wi-scenario").getByRole("button", { name: "Open" }).click();
      const opened = (await texts(page, panel().notices)).at(-1);
      assert.match(opened, /Opened “Gone deal”\. 1 of its 3 changes no longer fits the data and is skipped \(D-9999: deal: "D-9999" is not a deal of the activity\)\. The rest apply\./);
      const rows = page.locator(panel().changes);
      assert.equal(await rows.count(), 3);
      assert.equal(await rows.nth(0).getAttribute("data-state"), "skipped");
      assert.match(await rows.nth(0).textContent(), /Skipped: deal: "D-9999" is not a deal of the activity/);
      assert.equal(await page.textContent(panel().total("earned")), before, "the rest still applies");

      // The old-format entry can be deleted from its notice; it stays otherwise.
      assert.ok(await page.evaluate((p) => Object.keys(localStorage).some((k) => k.startsWith(p) && k.endsWith("/Ancient")), KEY_PREFIX));
      await page.locator(panel().notices).first().getByRole("button", { name: "Delete it" }).click();
      assert.ok(!(await page.evaluate((p) => Object.keys(localStorage).some((k) => k.startsWith(p) && k.endsWith("/Ancient")), KEY_PREFIX)));

      // Another person has their own scenarios.
      await page.evaluate(() => {
        document.querySelector("#pay").participant = "rep-ben";
        return document.querySelector("#pay").updateComplete;
      });
      assert.deepEqual(await texts(page, "#pay .wi-saved option"), ["none yet"]);
      assert.equal(await page.locator(panel().changes).count(), 0);
    });
  });

  test("corrupt storage shows a message, is reset, and the widget still works", async () => {
    const corrupt = {
      fn: ({ prefix, plan }) => {
        if (sessionStorage.getItem("seeded")) return;
        sessionStorage.setItem("seeded", "1");
        localStorage.setItem(`${prefix}${encodeURIComponent(plan)}/rep-ada/Broken`, "{ this is not JSON");
        localStorage.setItem(`${prefix}${encodeURIComponent(plan)}/rep-ada/Stranger`, JSON.stringify({ hello: "world" }));
      },
      arg: { prefix: KEY_PREFIX, plan: samplePlan.name },
    };
    await withPage(DEMO, async (page) => {
      await ready(page);
      // The widget itself is unaffected.
      assert.equal(await page.textContent("#pay .figure-earned .figure-value"), "$48,629.00");
      await openPanel(page);
      const notices = await texts(page, panel().notices);
      assert.equal(notices.length, 2, notices.join(" | "));
      assert.match(notices[0], /The saved scenario “Broken” is not valid JSON \(.+\), so it can't be opened; it was removed from this browser\./);
      assert.match(notices[1], /The saved scenario “Stranger” is not a saved scenario .+; it was removed from this browser\./);
      assert.deepEqual(await page.evaluate((p) => Object.keys(localStorage).filter((k) => k.startsWith(p)), KEY_PREFIX), []);
      // What-if still works, and saving works again.
      await addDeal(page, { amount: "20000" });
      assert.equal(await page.textContent(panel().totalDelta("earned")), signedMoney(expectedWhatIf("rep-ada", [{ op: "add_deal", deal: adaDeal("WHATIF-1", "x", "20000") }]).delta.earned));
      await page.locator("#pay .wi-name input").fill("After the reset");
      await page.locator("#pay .wi-scenario").getByRole("button", { name: "Save" }).click();
      assert.deepEqual(await texts(page, "#pay .wi-saved option"), ["After the reset (1 change)"]);
      // Dismissing a notice.
      await page.locator(panel().notices).first().getByRole("button", { name: /^Dismiss/ }).click();
      assert.equal(await page.locator(panel().notices).count(), 2);
    }, { init: corrupt });

    // Storage switched off (a sandboxed frame, a privacy setting): said once, what-if still works.
    const blocked = { fn: () => Object.defineProperty(window, "localStorage", { get() { throw new DOMException("The operation is insecure.", "SecurityError"); } }) };
    await withPage(DEMO, async (page) => {
      await ready(page);
      await openPanel(page);
      assert.match((await texts(page, panel().notices)).join(" "), /Saved scenarios can't be read: this browser keeps the widget from using storage \(The operation is insecure\.\)/);
      await addDeal(page, { amount: "20000" });
      await page.locator("#pay .wi-name input").fill("Nowhere");
      await page.locator("#pay .wi-scenario").getByRole("button", { name: "Save" }).click();
      assert.match((await texts(page, panel().notices)).at(-1), /“Nowhere” was not saved: this browser keeps the widget from using storage .+ Export it as a file instead\./);
      assert.equal(await page.locator(panel().changes).count(), 1);
    }, { init: blocked });
  });

  test("export a scenario as a JSON file and import it back", async () => {
    await withPage(DEMO, async (page) => {
      await ready(page);
      await openPanel(page);
      await addDeal(page, { name: "Opal Systems", amount: "46000", discount: "20" });
      await page.locator("#pay .wi-tool-button", { hasText: "Company revenue" }).click();
      await page.locator("#pay .wi-revenue").getByLabel("Exact amount").fill("6300000");
      await page.locator("#pay .wi-revenue").getByLabel("Exact amount").press("Tab");
      await page.locator("#pay .wi-name input").fill("Opal & the 105% line");
      const total = await page.textContent(panel().total("earned"));

      const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#pay .wi-scenario").getByRole("button", { name: "Export file" }).click()]);
      assert.equal(download.suggestedFilename(), "opal-the-105-line.scenario.json");
      const file = JSON.parse(readFileSync(await download.path(), "utf8"));
      assert.equal(file.format, "incentive-widget/scenario");
      assert.equal(file.version, 1);
      assert.equal(file.name, "Opal & the 105% line");
      assert.deepEqual(file.changes, [
        // The engine prices the discount (add_deal's `discount`): no list price worked out here.
        { op: "add_deal", deal: adaDeal("WHATIF-1", "Opal Systems", "46000"), discount: "0.2" },
        { op: "set_company_revenue", amount: "6300000" },
      ]);
      // The exported changes are the engine's own: it reads them as they are.
      assert.equal(money(expectedWhatIf("rep-ada", file.changes).scenario.earned), total);

      // Exported is not saved: Start over asks before it drops the changes.
      await page.locator("#pay .wi-scenario").getByRole("button", { name: "Start over" }).click();
      assert.equal(await page.locator(panel().changes).count(), 2);
      assert.match(await page.locator(panel().notices).last().textContent(), /Start over drops 2 unsaved changes/);
      await page.locator(panel().notices).last().getByRole("button", { name: "Start over anyway" }).click();
      assert.equal(await page.locator(panel().changes).count(), 0);
      const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.locator("#pay .wi-scenario").getByRole("button", { name: "Import file…" }).click()]);
      await chooser.setFiles({ name: "opal.scenario.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(file)) });
      await page.waitForFunction(() => document.querySelector("#pay").shadowRoot.querySelectorAll(".wi-change").length === 2);
      assert.equal(await page.textContent(panel().total("earned")), total);
      assert.match((await texts(page, panel().notices)).at(-1), /Imported “Opal & the 105% line” from opal\.scenario\.json; save it to keep it in this browser\. 2 changes\./);
      assert.match(await page.textContent("#pay .wi-state"), /Unsaved changes/);

      // A file that isn't a scenario is refused with a reason.
      const [again] = await Promise.all([page.waitForEvent("filechooser"), page.locator("#pay .wi-scenario").getByRole("button", { name: "Import file…" }).click()]);
      await again.setFiles({ name: "notes.json", mimeType: "application/json", buffer: Buffer.from("[1, 2") });
      await page.waitForFunction(() => /notes\.json can't be imported/.test(document.querySelector("#pay").shadowRoot.querySelector(".wi-notices").textContent));
      assert.equal(await page.locator(panel().changes).count(), 2);
    });
  });
});

// --- CSV ---------------------------------------------------------------------------------

const PRODUCTS = ["platform-suite", "analytics", ""];
const DISCOUNTS = [0, 20, 25, 40];
const STAGES = ["booked", "installed", "activated"];

/** 200 CRM rows for Ada (CRM-style column names), plus 3 broken ones at known rows. */
function crmExport() {
  const header = ["Opportunity ID", "Opportunity Name", "Deal Type", "Amount", "Close Date", "Stage", "Product", "Discount", "Deal Owner", "Notes"];
  const rows = [];
  const deals = [];
  for (let i = 1; i <= 200; i++) {
    const amount = 1200 * (5 + ((i * 37) % 60)); // multiples of 1200: exact list prices
    const pct = DISCOUNTS[i % DISCOUNTS.length];
    const product = PRODUCTS[i % PRODUCTS.length];
    const stage = STAGES[i % STAGES.length];
    const type = i % 7 === 0 ? "Expansion" : "New Business";
    const day = String(1 + (i % 28)).padStart(2, "0");
    const close = `2027-0${1 + (i % 3)}-${day}`;
    const name = i % 10 === 0 ? `Acme "Rocket" ${i}, Inc.` : `Prospect ${i}`;
    const quote = (s) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
    rows.push([`OPP-${i}`, quote(name), type, i % 5 === 0 ? `"$${amount.toLocaleString("en-US")}.00"` : String(amount), close, stage, product, pct ? `${pct}%` : "", i % 2 ? "Ada Park" : "rep-ada", i % 9 === 0 ? '"multi-line\nnote"' : ""].join(","));
    const deal = { id: `OPP-${i}`, type: type === "Expansion" ? "expansion" : "new", close_date: close, amount: String(amount), name, stage };
    if (product) deal.product = product;
    if (pct) deal.list_price = String((amount * 100) / (100 - pct));
    deal.owners = [{ participant: "rep-ada", split: "1" }];
    deals.push(deal);
  }
  // Broken rows, at file rows 52, 103 and 154 (the header is row 1).
  rows.splice(50, 0, "OPP-X1,Broken amount,New Business,twelve,2027-03-01,booked,,,,");
  rows.splice(101, 0, "OPP-X2,Broken date,New Business,1000,2027-02-30,booked,,,,");
  rows.splice(152, 0, "OPP-X3,Nobody,New Business,1000,2027-03-01,booked,,,Zed Unknown,");
  return { text: `${header.join(",")}\r\n${rows.join("\r\n")}\r\n`, deals };
}

describe("CSV import", () => {
  test("a CRM export with 200 deals: mapping step, per-row errors, the good rows imported", async () => {
    const { text, deals } = crmExport();
    await withPage(DEMO, async (page) => {
      await ready(page);
      await openPanel(page);
      await page.locator("#pay .wi-tool-button", { hasText: "Import CSV" }).click();
      const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.locator("#pay .wi-csv").getByRole("button", { name: "Choose a CSV file…" }).click()]);
      await chooser.setFiles({ name: "pipeline.csv", mimeType: "text/csv", buffer: Buffer.from(text) });

      // The names differ from the fields': a select per column, guessed.
      const mapping = page.locator("#pay .wi-mapping");
      await mapping.waitFor({ state: "visible" });
      assert.match(await mapping.locator(".wi-map-title").textContent(), /Match the columns of pipeline\.csv to deal fields \(203 rows\)/);
      // A select per column (and the dates' format, below the table).
      const selects = mapping.locator(".wi-map-table select");
      assert.equal(await selects.count(), 10);
      const guessed = await selects.evaluateAll((list) => list.map((s) => s.value));
      assert.deepEqual(guessed, ["id", "name", "type", "amount", "close_date", "stage", "product", "discount", "owner", ""]);
      // Leaving out a needed field blocks the import and says why.
      await mapping.getByLabel("Deal field for the column “Amount”").selectOption("");
      assert.equal(await mapping.getByRole("button", { name: "Import 203 rows" }).isDisabled(), true);
      assert.match(await mapping.locator(".wi-problems").textContent(), /Amount needs a column/);
      await mapping.getByLabel("Deal field for the column “Amount”").selectOption("amount");
      await mapping.getByRole("button", { name: "Import 203 rows" }).click();

      const result = page.locator("#pay .wi-import-result");
      await result.locator("p").waitFor();
      assert.equal(await result.locator("p").textContent(), "Imported 200 deals from pipeline.csv as hypothetical deals. 3 rows were left out:");
      assert.deepEqual(await texts(page, "#pay .wi-import-result li"), [
        "Row 52, Amount: “twelve” is not an amount: use digits such as 30000, 30,000.00, $30,000 or 30k",
        "Row 103, Close Date: “2027-02-30” is not a date as YYYY-MM-DD (no such day)",
        "Row 154, Deal Owner: “Zed Unknown” is neither a participant nor a deal owner in the data (use an id such as rep-ada or a name)",
      ]);
      assert.equal(await page.locator(panel().changes).count(), 200);
      const want = expectedWhatIf("rep-ada", deals.map((deal) => ({ op: "add_deal", deal })));
      for (const key of ["earned", "payable", "due"]) {
        assert.equal(await page.textContent(panel().total(key)), money(want.scenario[key]), key);
      }
      const tenth = page.locator(panel().changes).nth(9);
      assert.equal(await tenth.locator(".wi-change-title").textContent(), 'Acme "Rocket" 10, Inc. (OPP-10)');
      assert.match(await tenth.locator(".wi-change-detail").textContent(), /CSV row 11$/);
      assert.equal((await tenth.locator(".wi-change-delta").textContent()).trim(), Number(want.changes[9].delta.earned) ? signedMoney(want.changes[9].delta.earned) : "±0");

      // Columns named as the fields: imported at once, no mapping step; ids already taken are reported.
      const plain = "id,name,type,amount,close_date,owner,split\r\nSPLIT-1,Shared deal,new,50000,2027-03-20,rep-ada,0.5\r\nSPLIT-1,Shared deal,new,50000,2027-03-20,rep-dev,0.5\r\nD-2001,Acme again,new,1,2027-03-20,,\r\n";
      const [second] = await Promise.all([page.waitForEvent("filechooser"), page.locator("#pay .wi-csv").getByRole("button", { name: "Choose a CSV file…" }).click()]);
      await second.setFiles({ name: "split.csv", mimeType: "text/csv", buffer: Buffer.from(plain) });
      await page.waitForFunction(() => /split\.csv/.test(document.querySelector("#pay").shadowRoot.querySelector(".wi-import-result").textContent));
      assert.equal(await mapping.isVisible(), false);
      assert.equal(await result.locator("p").textContent(), "Imported 1 deal from split.csv as a hypothetical deal. 1 row was left out:");
      assert.match(await result.locator("li").textContent(), /^Row 4, id: “D-2001” is already a deal in the data/);
      assert.equal(await page.locator(panel().changes).count(), 201);
      assert.match(await page.locator(panel().changes).last().locator(".wi-change-detail").textContent(), /owner Ada Park 50%, rep-dev 50% · CSV rows 2, 3$/);
    });
  });
});

// --- offline -------------------------------------------------------------------------------

describe("offline", () => {
  test("after the first visit, the demo reloads with the network cut and what-if works", async () => {
    await withPage("/?feed=paused", async (page, watch) => {
      await ready(page);
      // The demo registered its worker; wait until it controls the page (its install cached everything).
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
      const cached = await page.evaluate(async () => {
        const names = await caches.keys();
        const cache = await caches.open(names.find((n) => n.startsWith("incentive-widget-offline ")));
        return { names, urls: (await cache.keys()).map((r) => new URL(r.url).pathname).sort() };
      });
      assert.equal(cached.names.length, 1);
      assert.match(cached.names[0], /^incentive-widget-offline [0-9a-f]{16} http:\/\/127\.0\.0\.1:\d+\/$/);
      for (const want of ["/", "/incentive-widget/incentive-widget.js", "/incentive-widget/incentive_widget_bg.wasm", "/incentive-widget/incentive-widget.css", "/incentive-widget/lib/whatif.js", "/demo/demo.js", "/sample/activity.json"]) {
        assert.ok(cached.urls.includes(want), `${want} is cached`);
      }
      assert.ok(!cached.urls.some((u) => u.endsWith(".d.ts")), "no type declarations cached");
      assert.ok(!cached.urls.includes("/sample/lab/activity.json"), "the lab's organisation only when the lab asks");

      // Network off: nothing reaches the server any more.
      const served = server.requests.length;
      await watch.context.setOffline(true);
      await page.reload();
      await ready(page);
      assert.equal(await page.evaluate(() => navigator.onLine), false);
      assert.equal(await page.textContent("#pay .figure-earned .figure-value"), "$48,629.00");
      assert.match(await page.textContent("#offline-state"), /Offline/);
      await openPanel(page);
      await addDeal(page, { amount: "12000" });
      assert.equal(await page.textContent(panel().totalDelta("earned")), "+$960.00");
      assert.deepEqual(server.requests.slice(served), [], "no request reached the server while offline");
      await watch.context.setOffline(false);
    });
  });
});

// --- accessibility and looks -----------------------------------------------------------------

describe("accessibility and looks", () => {
  test("axe finds no violations in the open panel (light; contrast in dark too); the docs screenshot", async () => {
    mkdirSync(SHOTS, { recursive: true });
    await withPage(DEMO, async (page, watch) => {
      await ready(page);
      await openPanel(page);
      await addDeal(page, { name: "Northwind Traders", amount: "40000", product: "platform-suite", discount: "10" });
      await page.locator("#pay .wi-tool-button", { hasText: "Edit a deal" }).click();
      const edit = page.locator("#pay .wi-edit");
      await edit.getByLabel("Deal", { exact: true }).selectOption("D-2013");
      await edit.getByLabel("Stage").selectOption("activated");
      await edit.getByLabel("Deal", { exact: true }).selectOption("D-2009");
      await edit.getByRole("button", { name: "Drop this deal" }).click();
      await page.locator("#pay .wi-tool-button", { hasText: "Company revenue" }).click();
      for (let i = 0; i < 9; i++) await page.locator("#pay .wi-revenue").getByRole("button", { name: "+1% of goal" }).click();
      await page.locator("#pay .wi-name input").fill("Strong March");
      await page.locator("#pay .wi-scenario").getByRole("button", { name: "Save" }).click();
      await page.locator(panel().notices).first().getByRole("button", { name: /^Dismiss/ }).click();
      await page.locator("#pay .wi-tool-button", { hasText: "Add a deal" }).click();
      await page.evaluate(() => document.fonts.ready);
      await page.locator("#pay [part~='whatif']").screenshot({ path: join(SHOTS, "whatif-light.png") });

      // The edit tool open too (touches, the drop button), and a skipped change shown.
      await page.locator("#pay .wi-tool-button", { hasText: "Edit a deal" }).click();
      await edit.getByLabel("Deal", { exact: true }).selectOption("D-2001");
      await edit.locator(".wi-touches input").first().uncheck();
      assert.deepEqual(watch.problems, []);
      for (const colorScheme of ["light", "dark"]) {
        await page.emulateMedia({ colorScheme });
        // Dark changes colours only: its pass checks contrast (and keeps the suite fast).
        const axe = new AxeBuilder({ page }).include("#pay");
        if (colorScheme === "light") axe.withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]);
        else axe.withRules(["color-contrast"]);
        const results = await axe.analyze();
        const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join("; ")})`);
        assert.deepEqual(summary, [], colorScheme);
      }
    }, { allow: [/Applying inline style violates/, /CSP violation: style-src-elem blocked inline/] });
  });
});

// --- the panel's modules, in Node ------------------------------------------------------------

describe("what-if modules (Node)", () => {
  const lib = (f) => import(pathToFileURL(join(ROOT, "www", "lib", f)).href);

  test("scenario records: written, read back, and every kind of bad entry told apart", async () => {
    const { ScenarioStore, makeRecord, readRecord, storageKey, fileName } = await lib("scenarios.js");
    const area = new Map();
    const storage = {
      get length() { return area.size; },
      key: (i) => [...area.keys()][i] ?? null,
      getItem: (k) => (area.has(k) ? area.get(k) : null),
      setItem: (k, v) => area.set(k, String(v)),
      removeItem: (k) => area.delete(k),
    };
    const store = new ScenarioStore(storage, "Plan: Q1/27", "rep-ada");
    const rec = makeRecord({ name: "B plan", plan: "Plan: Q1/27", participant: "rep-ada", changes: [{ op: "remove_deal", deal: "D-1" }], savedAt: new Date(0) });
    assert.equal(store.save(rec), "");
    assert.equal(store.save({ ...rec, name: "A plan" }), "");
    assert.ok(area.has("incentive-widget/scenario/Plan%3A%20Q1%2F27/rep-ada/B%20plan"));
    assert.equal(storageKey("Plan: Q1/27", "rep-ada", "B plan"), "incentive-widget/scenario/Plan%3A%20Q1%2F27/rep-ada/B%20plan");
    area.set(storageKey("Plan: Q1/27", "rep-ada", "bad"), "nope");
    area.set(storageKey("Plan: Q1/27", "rep-ada", "future"), JSON.stringify({ ...rec, name: "future", version: 2 }));
    area.set(storageKey("Plan: Q1/27", "rep-ben", "other"), JSON.stringify(rec));
    area.set(storageKey("Plan: Q1/27", "rep-ada", "odd"), JSON.stringify({ ...rec, name: "odd", changes: [{ op: "remove_deal", deal: "D-1" }, 7, null] }));
    const { scenarios, notices } = store.list();
    assert.deepEqual(scenarios.map((s) => s.name), ["A plan", "B plan", "odd"]);
    assert.equal(scenarios[2].changes.length, 1);
    assert.deepEqual(notices.map((n) => n.kind).sort(), ["corrupt", "dropped", "dropped", "version"]);
    assert.ok(!area.has(storageKey("Plan: Q1/27", "rep-ada", "bad")), "corrupt entries are reset");
    assert.ok(area.has(storageKey("Plan: Q1/27", "rep-ada", "future")), "other versions are kept");
    assert.equal(readRecord(JSON.stringify({ ...rec, name: "  " })).kind, "corrupt");
    assert.equal(readRecord(JSON.stringify({ ...rec, version: "1" })).kind, "version");
    assert.equal(fileName("Ünïcode & 105%!"), "unicode-105.scenario.json");
    assert.equal(fileName("***"), "scenario.scenario.json");
    // A full storage says so.
    const full = new ScenarioStore({ ...storage, setItem() { throw new DOMException("full", "QuotaExceededError"); } }, "p", "q");
    assert.match(full.save(rec), /storage for the page is full/);
  });

  test("touch removals compile to the engine's shifting indexes and back", async () => {
    const { compile, decompile, entry } = await lib("whatif-model.js");
    const mine = [
      { op: "remove_touch", deal: "D", index: 2 },
      { op: "remove_touch", deal: "E", index: 0 },
      { op: "remove_touch", deal: "D", index: 0 },
      { op: "remove_touch", deal: "D", index: 3 },
      { op: "set_amount", deal: "D", amount: "5" },
    ];
    const engine = compile(mine.map((c) => entry(c)));
    assert.deepEqual(engine.map((c) => c.index), [2, 0, 0, 1, undefined]);
    assert.deepEqual(decompile(engine), mine);
  });

  test("run() skips the changes the data no longer fits, reports them, applies the rest", async () => {
    const { entry, run } = await lib("whatif-model.js");
    const engine = new Engine(samplePlan, sampleActivity);
    try {
      const entries = [
        entry({ op: "add_deal", deal: adaDeal("H-1", "Hypo", "20000") }),
        entry({ op: "set_amount", deal: "D-0000", amount: "5" }),
        entry({ op: "add_deal", deal: adaDeal("D-2001", "Taken id", "1") }),
        entry({ op: "set_company_revenue", amount: "6300000" }),
      ];
      const out = run(engine, "rep-ada", entries);
      assert.deepEqual(out.applied.map((e) => e.id), [entries[0].id, entries[3].id]);
      assert.deepEqual([...out.skipped.keys()], [entries[1].id, entries[2].id]);
      assert.match(out.skipped.get(entries[1].id), /^deal: "D-0000" is not a deal of the activity$/);
      assert.match(out.skipped.get(entries[2].id), /"D-2001" is already a deal/);
      const direct = engine.whatIf("rep-ada", [entries[0].change, entries[3].change]);
      assert.deepEqual(out.result.delta, direct.delta);
      assert.equal(engine.statement("rep-ada").earned, "48629.00", "the engine is unchanged");
    } finally {
      engine.free();
    }
  });
});
