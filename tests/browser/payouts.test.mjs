// "When it is paid" (the BUILT dist/, headless Chromium, strict CSP): the
// engine's payout timeline and each deal's status, in people's words; it
// follows a live update, opens and folds by keyboard, fits a phone, reads
// a plan year's later pay periods, and asks the engine nothing while
// folded.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer, STRICT_CSP } from "./helpers/server.mjs";
import { launch, mountWidget, withCleanPage } from "./helpers/browser.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const DIST = join(ROOT, "dist");
const FIXTURES = join(ROOT, "..", "shared", "fixtures");
const PAGES = join(ROOT, "tests", "browser", "helpers", "pages");
const YEAR = join(ROOT, "tests", "fixtures", "plan-year");
// SCREENSHOTS_DIR at docs/screenshots to refresh the docs' (scripts/screenshots.sh).
const SHOTS = process.env.SCREENSHOTS_DIR ?? join(ROOT, "target", "screenshots");

let server;
let browser;

before(async () => {
  if (!existsSync(join(DIST, "incentive-widget", "incentive-widget.js"))) throw new Error("dist/ is not built: run `bash scripts/build.sh`");
  server = await startServer({ "/": DIST, "/__fixtures__/": FIXTURES, "/__test__/": PAGES, "/__year__/": YEAR });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

function withPage(path, fn, options) {
  return withCleanPage({ browser, origin: server.url, csp: STRICT_CSP, assert }, path, fn, options);
}

/** What the panel shows: the steps, each deal's row, whether it is open. */
function read(page) {
  return page.evaluate(() => {
    const root = document.querySelector("#w").shadowRoot;
    const box = root.querySelector("[part~='payouts-box']");
    const text = (n) => n?.textContent.trim() ?? "";
    return {
      open: box.open,
      steps: [...root.querySelectorAll("[part~='payout-step']")].map((li) => [...li.children].map(text).filter(Boolean).join(" | ")),
      deals: Object.fromEntries(
        [...root.querySelectorAll("[part~='payout-deal']")].map((tr) => [
          tr.querySelector(".deal-name").textContent,
          { cells: [...tr.querySelectorAll("td.num")].map(text), status: text(tr.querySelector(".payout-status")), later: text(tr.querySelector(".payout-later")), data: tr.dataset.status },
        ]),
      ),
      segments: root.querySelectorAll(".payout-segment").length,
      note: text(root.querySelector(".payout-note")),
    };
  });
}

async function openPanel(page) {
  await page.evaluate(() => {
    const box = document.querySelector("#w").shadowRoot.querySelector("[part~='payouts-box']");
    box.querySelector("summary").focus();
  });
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector("#w").shadowRoot.querySelectorAll("[part~='payout-step']").length > 0);
}

describe("when it is paid", () => {
  test("the timeline and each deal's status are the engine's, in people's words, and follow a live update", async () => {
    await withPage("/__test__/blank.html", async (page) => {
      await mountWidget(page, "/__fixtures__/payout-stages-clawback", "rep-kim");
      assert.equal((await read(page)).open, false, "folded at first");
      await openPanel(page);
      let got = await read(page);
      assert.deepEqual(got.steps, [
        "Paid so far | $6,800.00",
        "Due at the next pay run | $2,000.00",
        "On installation · 1 deal | $1,000.00",
        "On activation · 2 deals | $2,200.00",
      ]);
      assert.equal(got.segments, 4);
      assert.equal(got.note, "Earned $12,000.00 in all: these add up to it.");
      assert.deepEqual(got.deals["D-401"], { cells: ["$4,000.00", "$0.00", "$2,000.00"], status: "Due", later: "then $1,000.00 on installation, $1,000.00 on activation", data: "due" });
      assert.equal(got.deals["D-402"].status, "Part paid");
      assert.equal(got.deals["D-403"].status, "Paid");
      assert.deepEqual(got.deals["D-404"], { cells: ["$0.00", "$1,200.00", "-$1,200.00"], status: "Clawed back", later: "", data: "clawback" });

      // D-401 is installed: its quarter is due now, the installation step is gone.
      await page.evaluate(async () => {
        const w = document.querySelector("#w");
        const d = window.__activity.deals.find((x) => x.id === "D-401");
        w.upsertDeal({ ...d, stage: "installed" });
        await w.updateComplete;
      });
      await page.waitForFunction(() => document.querySelector("#w").shadowRoot.querySelectorAll("[part~='payout-step']").length === 3);
      got = await read(page);
      assert.deepEqual(got.steps, ["Paid so far | $6,800.00", "Due at the next pay run | $3,000.00", "On activation · 2 deals | $2,200.00"]);
      assert.equal(got.deals["D-401"].later, "then $1,000.00 on activation");
    });
  });

  test("a deal's Why is the engine's sentence; Escape folds it and gives the focus back", async () => {
    await withPage("/__test__/blank.html", async (page) => {
      await mountWidget(page, "/__fixtures__/payout-stages-clawback", "rep-kim");
      await openPanel(page);
      const sentence = await page.evaluate(() => {
        const root = document.querySelector("#w").shadowRoot;
        const row = [...root.querySelectorAll("[part~='payout-deal']")][0];
        row.querySelector(".explain-button").focus();
        return null;
      });
      assert.equal(sentence, null);
      await page.keyboard.press("Enter");
      const open = await page.evaluate(() => {
        const root = document.querySelector("#w").shadowRoot;
        const b = root.querySelector("[part~='payout-deal'] .explain-button");
        const row = root.getElementById(b.getAttribute("aria-controls"));
        return { expanded: b.getAttribute("aria-expanded"), hidden: row.hidden, text: row.textContent };
      });
      assert.deepEqual(open, {
        expanded: "true",
        hidden: false,
        text: "Earned 4,000.00: 2,000.00 payable + 1,000.00 when installed + 1,000.00 when activated; payable 2,000.00 = paid 0.00 + due 2,000.00.",
      });
      await page.keyboard.press("Escape");
      const closed = await page.evaluate(() => {
        const root = document.querySelector("#w").shadowRoot;
        const b = root.querySelector("[part~='payout-deal'] .explain-button");
        return { expanded: b.getAttribute("aria-expanded"), focused: root.activeElement === b };
      });
      assert.deepEqual(closed, { expanded: "false", focused: true });
    });
  });

  test("at 390 px the open panel fits: due and status stay, nothing spills sideways", async () => {
    await withPage(
      "/__test__/blank.html",
      async (page) => {
        await mountWidget(page, "/__fixtures__/payout-stages-clawback", "rep-kim");
        await openPanel(page);
        const got = await page.evaluate(() => {
          const root = document.querySelector("#w").shadowRoot;
          const panel = root.querySelector("[part~='payouts']");
          const cell = (i) => getComputedStyle(root.querySelector(`[part~='payout-deal'] > :nth-child(${i})`)).display;
          return {
            page: document.documentElement.scrollWidth,
            panel: panel.scrollWidth - panel.clientWidth,
            due: cell(4),
            status: cell(5),
          };
        });
        assert.ok(got.page <= 390, `page ${got.page}px wide`);
        assert.ok(got.panel <= 1, `panel spills ${got.panel}px`);
        assert.notEqual(got.due, "none");
        assert.notEqual(got.status, "none");
      },
      { viewport: { width: 390, height: 800 } },
    );
  });

  test("a plan year: paid and due to the as-of pay period, then what each later pay period releases", async () => {
    await withPage("/__test__/blank.html", async (page) => {
      await mountWidget(page, "/__year__/one-third-schedule", "rep-ada", "2027-02-28");
      await openPanel(page);
      const got = await read(page);
      assert.equal(got.steps.length, 4, got.steps.join(" / "));
      assert.deepEqual(got.steps.slice(0, 2), ["Paid so far | $0.00", "Due at the next pay run | $73.33"]);
      assert.match(got.steps[2], /^In .+ · 2 deals \| \$53\.33$/);
      assert.match(got.steps[3], /^In .+ · 1 deal \| \$33\.34$/);
      assert.match(got.deals["D-2"].later, /^then \$33\.33 in .+, \$33\.34 in .+$/);
      assert.equal(got.note.startsWith("To the end of "), true, got.note);
    });
  });

  test("folded, the panel asks the engine nothing on a live update; open, it asks once per update", async () => {
    await withPage("/__test__/blank.html", async (page) => {
      await page.waitForFunction(() => customElements.get("incentive-widget"));
      const calls = await page.evaluate(async () => {
        const { Engine } = await import("/incentive-widget/incentive_widget.js");
        let n = 0;
        const { payouts } = Engine.prototype;
        Engine.prototype.payouts = function (...a) {
          n += 1;
          return payouts.apply(this, a);
        };
        const plan = await (await fetch("/__fixtures__/payout-stages-clawback/plan.json")).json();
        const activity = await (await fetch("/__fixtures__/payout-stages-clawback/activity.json")).json();
        const w = document.createElement("incentive-widget");
        w.id = "w";
        w.participant = "rep-kim";
        document.querySelector("#host").append(w);
        w.plan = plan;
        w.activity = activity;
        await w.updateComplete;
        const d = activity.deals.find((x) => x.id === "D-401");
        w.upsertDeal({ ...d, amount: "51000" });
        await w.updateComplete;
        const folded = n;
        const box = w.shadowRoot.querySelector("[part~='payouts-box']");
        box.open = true;
        await new Promise((r) => box.addEventListener("toggle", r, { once: true }));
        const opened = n;
        w.upsertDeal({ ...d, amount: "52000" });
        await w.updateComplete;
        const due = [...w.shadowRoot.querySelectorAll("[part~='payout-step']")][1].textContent;
        Engine.prototype.payouts = payouts;
        return { folded, opened, updated: n, due, statementDue: w.statement.due };
      });
      assert.deepEqual({ folded: calls.folded, opened: calls.opened, updated: calls.updated }, { folded: 0, opened: 1, updated: 2 });
      // 8% of 52,000 × 50% booked = 2,080.00 due on D-401.
      assert.equal(calls.statementDue, "2080.00");
      assert.ok(calls.due.includes("$2,080.00"), calls.due);
    });
  });

  for (const [width, colorScheme] of [[1100, "light"], [390, "dark"]]) {
    test(`screenshot: when it is paid, open, at ${width} px ${colorScheme}`, async () => {
      await withPage(
        "/__test__/blank.html",
        async (page) => {
          await mountWidget(page, "/__fixtures__/payout-stages-clawback", "rep-kim");
          await openPanel(page);
          mkdirSync(SHOTS, { recursive: true });
          await page.locator("#w").evaluate((w) => w.shadowRoot.querySelector("[part~='payouts']").scrollIntoView());
          const panel = await page.locator("#w").evaluateHandle((w) => w.shadowRoot.querySelector("[part~='payouts']"));
          await panel.asElement().screenshot({ path: join(SHOTS, `payouts-${width}-${colorScheme}.png`) });
        },
        { viewport: { width, height: 900 }, colorScheme },
      );
    });
  }
});
