// <incentive-widget> end to end: the BUILT dist/ served on 127.0.0.1 under
// the strict CSP of interfaces.md §1, driven in Debian's headless Chromium.
//
//   bash scripts/build.sh            # builds pkg/ and dist/
//   node --test tests/browser/
//
// Every test fails on a console error, a page error, a failed request, a
// CSP violation, a dialog (alert) or a request to another origin. Locale
// en-US and time zone UTC are pinned. Screenshots of the three personas,
// light and dark, go to docs/screenshots/.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { startServer, STRICT_CSP } from "./helpers/server.mjs";
import { assertClean, launch, openPage, withCleanPage } from "./helpers/browser.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const DIST = join(ROOT, "dist");
const FIXTURES = join(ROOT, "..", "shared", "fixtures");
const PAGES = join(ROOT, "tests", "browser", "helpers", "pages");
// Screenshots go to an ignored folder; `bash scripts/screenshots.sh` points
// SCREENSHOTS_DIR at docs/screenshots to refresh the README's.
const SHOTS = process.env.SCREENSHOTS_DIR ?? join(ROOT, "target", "screenshots");
const JOINT = join(FIXTURES, "joint-company-goal");

const expected = JSON.parse(readFileSync(join(JOINT, "expected.json"), "utf8"));
const fixturePlan = JSON.parse(readFileSync(join(JOINT, "plan.json"), "utf8"));
const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
const money = (s) => usd.format(s);

let server;
let browser;

before(async () => {
  if (!existsSync(join(DIST, "incentive-widget", "incentive-widget.js")) || !existsSync(join(DIST, "incentive-widget", "incentive_widget_bg.wasm"))) {
    throw new Error("dist/ is not built: run `bash scripts/build.sh` (or `node scripts/dist.mjs` after building pkg/)");
  }
  server = await startServer({
    "/": DIST,
    "/__fixtures__/": FIXTURES,
    "/__test__/": PAGES,
    // The same folder under a deep, unrelated path (a portal's CDN layout).
    "/static/cdn/v1.2/widgets/incentive-widget/": join(DIST, "incentive-widget"),
  });
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

/** Waits until the widget `sel` shows a statement (and its update is done). */
async function ready(page, sel) {
  await page.waitForFunction((s) => document.querySelector(s)?.statement != null, sel, { timeout: 20_000 });
  await page.evaluate((s) => document.querySelector(s).updateComplete, sel);
}

function withoutExplain(statement) {
  const copy = structuredClone(statement);
  for (const c of copy.components) for (const l of c.lines) delete l.explain;
  return copy;
}

const text = (page, sel) => page.locator(sel).first().textContent();

describe("fixture: joint-company-goal", () => {
  test("renders each statement's figures, lines, attainment and company goal", async () => {
    await withPage("/__test__/fixture.html", async (page) => {
      for (const [i, id] of ["#ada", "#ben", "#cho"].entries()) {
        await ready(page, id);
        const want = expected[i];
        // The element shows exactly the engine's statement (explain
        // sentences are for people, not part of the numeric contract).
        const shown = await page.evaluate((s) => document.querySelector(s).statement, id);
        assert.deepEqual(withoutExplain(shown), withoutExplain(want));
        for (const key of ["earned", "payable", "paid", "due"]) {
          assert.equal(await text(page, `${id} .figure-${key} .figure-value`), money(want[key]), `${id} ${key}`);
        }
        assert.equal(await text(page, `${id} [part~="attainment-value"]`), `${Math.round(Number(want.attainment) * 100)}%`);
        assert.equal(await text(page, `${id} [part~="company-value"]`), "110%");
        // Every line of every component, with the deal's name and its figures.
        const components = page.locator(`${id} [part~="component"]`);
        assert.equal(await components.count(), want.components.length);
        for (const [c, comp] of want.components.entries()) {
          const block = components.nth(c);
          assert.equal(await block.locator(".component-name").textContent(), comp.name);
          if (comp.kind === "bonus") {
            // A bonus is one sentence (its single line's explain) and an amount.
            assert.equal(await block.locator(".component-amount").textContent(), money(comp.earned));
            assert.match(await block.locator(".component-note").textContent(), /12,500\.00/);
            continue;
          }
          const rows = block.locator("tr.line");
          assert.equal(await rows.count(), comp.lines.length, `${id} ${comp.name} lines`);
          for (const [l, line] of comp.lines.entries()) {
            const cells = rows.nth(l).locator("td.num");
            assert.equal(await cells.nth(1).textContent(), money(line.earned));
            assert.equal(await cells.nth(2).textContent(), money(line.payable));
          }
        }
      }
      assert.equal(await text(page, "#ada tr.line .deal-name"), "Acme Corp");
      // The earnings curve is drawn (after the figures), current point marked.
      assert.equal(await page.locator("#ada [part~='curve-chart'] .curve-dot").count(), 1);
      assert.match(await page.locator("#ada [part~='curve-chart']").getAttribute("aria-label"), /\$16,500\.00 earned at \$150,000\.00 credit \(75% of quota\)/);
      // The marketer's company-goal bonus and the multiplier it's under.
      const effects = await page.locator("#cho [part~='company-effects'] li").allTextContents();
      assert.ok(effects.some((e) => e.includes("Company goal multiplier") && e.includes("×1.1 now")), effects.join(" | "));
      assert.ok(effects.some((e) => e.includes("Company goal bonus") && e.includes("$12,500.00")), effects.join(" | "));
    });
  });

  test("a closed component is not re-rendered on updates, and is up to date when opened", async () => {
    await withPage("/__test__/fixture.html", async (page) => {
      await ready(page, "#ada");
      const result = await page.evaluate(async () => {
        const w = document.querySelector("#ada");
        const block = w.shadowRoot.querySelector("[part~='component']");
        const rows = () => [...block.querySelectorAll("tr.line")].map((r) => r.querySelector(".deal-name").textContent);
        block.open = false;
        await new Promise((r) => block.addEventListener("toggle", r, { once: true }));
        const before = rows();
        w.upsertDeal({
          id: "D-106", name: "Fir Street Bakery", type: "new", close_date: "2027-03-25", amount: "20000",
          owners: [{ participant: "rep-ada", split: "1" }],
        });
        await w.updateComplete;
        await new Promise(requestAnimationFrame);
        const whileClosed = rows();
        const figure = block.querySelector(".component-amount").textContent;
        block.open = true;
        await new Promise((r) => block.addEventListener("toggle", r, { once: true }));
        const lines = w.statement.components[0].lines.map((l) => l.deal);
        return { before, whileClosed, figure, opened: rows(), lines, earned: w.statement.components[0].earned };
      });
      // Closed: the summary figure moves, the hidden rows wait.
      assert.deepEqual(result.whileClosed, result.before);
      assert.equal(result.figure, money(result.earned));
      // Opened: every line, the new deal among them.
      assert.equal(result.opened.length, result.lines.length);
      assert.equal(result.opened.length, result.before.length + 1);
      assert.ok(result.opened.includes("Fir Street Bakery"), result.opened.join(", "));
    });
  });

  test("upsertDeal updates within one frame and fires earnings-change with the right delta", async () => {
    await withPage("/__test__/fixture.html", async (page) => {
      await ready(page, "#ada");
      const result = await page.evaluate(async () => {
        const w = document.querySelector("#ada");
        const events = [];
        w.addEventListener("earnings-change", (e) => events.push({ detail: e.detail, bubbles: e.bubbles, composed: e.composed }));
        const ok = w.upsertDeal({
          id: "D-106", name: "Fir Street Bakery", type: "new", close_date: "2027-03-25", amount: "20000",
          owners: [{ participant: "rep-ada", split: "1" }],
        });
        await new Promise(requestAnimationFrame);
        const shown = w.shadowRoot.querySelector(".figure-earned .figure-value").textContent;
        await w.updateComplete;
        return { ok, shown, events };
      });
      assert.equal(result.ok, true);
      assert.equal(result.shown, "$18,700.00", "the new figure is on screen by the next animation frame");
      assert.equal(result.events.length, 1);
      const [{ detail, bubbles, composed }] = result.events;
      assert.ok(bubbles && composed);
      assert.deepEqual(detail.delta, { earned: "2200.00", payable: "2200.00", due: "2200.00" });
      assert.equal(detail.statement.earned, "18700.00");
      assert.equal(detail.previous.earned, "16500.00");
      assert.equal(detail.cause, "update");
      assert.equal(await text(page, "#ada .figure-earned .delta"), "+$2,200.00");
      assert.equal(await page.locator("#ada tr.line .deal-name").nth(2).textContent(), "Fir Street Bakery");
      assert.match(await text(page, "#ada [aria-live='polite']"), /earned \$18,700\.00 \(up \$2,200\.00\); due \$18,700\.00/);
      // The other widgets on the page hold their own engines: unchanged.
      assert.equal(await text(page, "#ben .figure-earned .figure-value"), "$7,700.00");

      // Several calls in one task: one recomputation, one event.
      const batch = await page.evaluate(async () => {
        const w = document.querySelector("#ada");
        const events = [];
        w.addEventListener("earnings-change", (e) => events.push(e.detail.delta));
        w.removeDeal("D-106");
        w.setCompanyRevenue("3900000"); // company attainment 0.975: ×0.9
        await w.updateComplete;
        return events;
      });
      // 150,000 × 10% × 0.9 = 13,500.00, from 18,700.00
      assert.deepEqual(batch, [{ earned: "-5200.00", payable: "-5200.00", due: "-5200.00" }]);
      assert.equal(await text(page, "#ada .figure-earned .figure-value"), "$13,500.00");
      assert.equal(await text(page, "#ada .figure-earned .delta"), "-$5,200.00");
      assert.equal(await text(page, "#ada [part~='company-value']"), "97.5%");

      // Host-set inputs: a new participant is a load, not an earnings change.
      const switched = await page.evaluate(async () => {
        const w = document.querySelector("#ada");
        const seen = [];
        w.addEventListener("earnings-change", () => seen.push("earnings-change"));
        w.addEventListener("incentive-load", (e) => seen.push(`incentive-load ${e.detail.participant}`));
        w.participant = "rep-ben";
        await w.updateComplete;
        return seen;
      });
      assert.deepEqual(switched, ["incentive-load rep-ben"]);
      assert.equal(await text(page, "#ada [part~='title']"), "Ben Ortiz");
    });
  });

  test("a bad plan shows the problems with their paths and keeps the last good numbers", async () => {
    await withPage("/__test__/fixture.html", async (page) => {
      await ready(page, "#ada");
      const bad = structuredClone(fixturePlan);
      bad.roles[0].components[0].rate = "ten percent";
      bad.roles[1].quota.credit = "osmosis";
      const detail = await page.evaluate(async (plan) => {
        const w = document.querySelector("#ada");
        const got = new Promise((ok) => w.addEventListener("incentive-error", (e) => ok(e.detail), { once: true }));
        w.plan = plan;
        return got;
      }, bad);
      const paths = detail.problems.map((p) => p.path);
      assert.ok(paths.includes("plan.roles[0].components[0].rate"), paths.join(", "));
      assert.ok(paths.includes("plan.roles[1].quota.credit"), paths.join(", "));
      assert.equal(detail.source, "data");
      const error = page.locator("#ada [part~='error']");
      await error.waitFor({ state: "visible", timeout: 5000 }); // drawn in the frame after the event
      assert.equal(await error.getAttribute("role"), "alert");
      const shown = await error.textContent();
      assert.match(shown, /last good/);
      assert.ok(shown.includes("plan.roles[0].components[0].rate"));
      // The last good numbers stay.
      assert.equal(await text(page, "#ada .figure-earned .figure-value"), "$16,500.00");
      assert.equal(await page.locator("#ada tr.line").count(), 2);
      assert.equal(await page.evaluate(() => document.querySelector("#ada").statement.earned), "16500.00");

      // Live updates still work against the last good plan...
      await page.evaluate(() => {
        const w = document.querySelector("#ada");
        w.upsertDeal({ id: "D-107", name: "Gull Marine", type: "new", close_date: "2027-03-26", amount: "10000", owners: [{ participant: "rep-ada", split: "1" }] });
        return w.updateComplete;
      });
      assert.equal(await text(page, "#ada .figure-earned .figure-value"), "$17,600.00");
      // ...and a good plan clears the error and keeps them.
      await page.evaluate(async (plan) => {
        const w = document.querySelector("#ada");
        w.plan = plan;
        await w.updateComplete;
      }, fixturePlan);
      assert.equal(await error.isVisible(), false);
      assert.equal(await text(page, "#ada .figure-earned .figure-value"), "$17,600.00");

      // A rejected live update: nothing changes, the problem is shown.
      const rejected = await page.evaluate(async () => {
        const w = document.querySelector("#ada");
        const got = new Promise((ok) => w.addEventListener("incentive-error", (e) => ok(e.detail), { once: true }));
        const ok = w.upsertDeal({ id: "D-108", type: "new", close_date: "2027-03-26", amount: "-5", owners: [{ participant: "rep-ada", split: "1" }] });
        return { ok, detail: await got };
      });
      assert.equal(rejected.ok, false);
      assert.equal(rejected.detail.source, "upsertDeal");
      assert.ok(rejected.detail.problems.some((p) => p.path.startsWith("deal")), JSON.stringify(rejected.detail.problems));
      assert.equal(await text(page, "#ada .figure-earned .figure-value"), "$17,600.00");
    });
  });

  test("a missing activity-src is reported by URL, never a blank box", async () => {
    await withPage("/__test__/blank.html", async (page) => {
      const detail = await page.evaluate(async () => {
        await customElements.whenDefined("incentive-widget");
        const w = document.createElement("incentive-widget");
        const got = new Promise((ok) => w.addEventListener("incentive-error", (e) => ok(e.detail), { once: true }));
        w.participant = "rep-ada";
        w.planSrc = "/__fixtures__/joint-company-goal/plan.json";
        w.activitySrc = "/__fixtures__/no-such-fixture/activity.json";
        document.querySelector("#host").append(w);
        return got;
      });
      assert.equal(detail.source, "activity-src");
      assert.match(detail.problems[0].message, /HTTP 404/);
      // The panel is drawn in the frame after the event.
      const error = page.locator("incentive-widget [part~='error']");
      await error.waitFor({ state: "visible", timeout: 5000 });
      assert.match(await error.textContent(), /activity-src/);
    }, { allow: [/status of 404/] });
  });
});

describe("safety", () => {
  test("a deal named <img src=x onerror=alert(1)> renders as text", async () => {
    const name = "<img src=x onerror=alert(1)>";
    await withPage("/__test__/fixture.html", async (page) => {
      await ready(page, "#ada");
      await page.evaluate(async (n) => {
        const w = document.querySelector("#ada");
        w.upsertDeal({ id: "D-666", name: n, type: "new", close_date: "2027-03-30", amount: "1000", owners: [{ participant: "rep-ada", split: "1" }] });
        await w.updateComplete;
      }, name);
      const names = await page.locator("#ada tr.line .deal-name").allTextContents();
      assert.ok(names.includes(name), names.join(" | "));
      const inShadow = await page.evaluate(() => {
        const root = document.querySelector("#ada").shadowRoot;
        return { imgs: root.querySelectorAll("img").length, styled: root.querySelectorAll("[style]").length };
      });
      assert.deepEqual(inShadow, { imgs: 0, styled: 0 });
      await page.waitForTimeout(200); // an onerror would have fired by now
    });
  });

  test("the demo works under the strict CSP and asks no other origin for anything", async () => {
    await withPage("/?feed=paused", async (page, watch) => {
      await ready(page, "#pay");
      const served = new Set(server.requests);
      for (const want of ["/incentive-widget/incentive-widget.js", "/incentive-widget/incentive-widget.css", "/incentive-widget/incentive_widget_bg.wasm", "/sample/plan.json", "/sample/activity.json"]) {
        assert.ok(served.has(want), `${want} was requested`);
      }
      assert.deepEqual(watch.foreign, []);
      // No inline style attribute anywhere, light DOM or shadow.
      const styled = await page.evaluate(() => document.querySelectorAll("[style]").length + document.querySelector("#pay").shadowRoot.querySelectorAll("[style]").length);
      assert.equal(styled, 0);
    });
  });

  test("the widget folder works from any URL (files found relative to the entry module)", async () => {
    await withPage("/__test__/subpath.html", async (page) => {
      await ready(page, "#ada");
      assert.equal(await text(page, "#ada .figure-earned .figure-value"), "$16,500.00");
      assert.ok(server.requests.includes("/static/cdn/v1.2/widgets/incentive-widget/incentive_widget_bg.wasm"));
      assert.ok(server.requests.includes("/static/cdn/v1.2/widgets/incentive-widget/incentive-widget.css"));
    });
  });
});

describe("host API", () => {
  test("properties set before the element is defined are rescued; locale formats money", async () => {
    const watch = await openPage(browser, server.url);
    try {
      // A page that loads the element only after the host set properties.
      await watch.page.goto(`${server.url}/__test__/late.html`);
      const plan = fixturePlan;
      const activity = JSON.parse(readFileSync(join(JOINT, "activity.json"), "utf8"));
      await watch.page.evaluate(({ plan, activity }) => {
        const w = document.querySelector("#late");
        w.plan = plan;
        w.activity = activity;
        w.participant = "mkt-cho";
        w.locale = "de-DE";
      }, { plan, activity });
      await watch.page.addScriptTag({ type: "module", url: "/incentive-widget/incentive-widget.js" });
      await ready(watch.page, "#late");
      assert.equal(await watch.page.getAttribute("#late", "participant"), "mkt-cho");
      const earned = await text(watch.page, "#late .figure-earned .figure-value");
      assert.equal(earned.replace(/\s/g, " "), "14.260,00 $");
      assertClean(watch, assert);
    } finally {
      await watch.context.close();
    }
  });

  test("keyboard: explain buttons and component disclosures; live updates keep focus", async () => {
    await withPage("/__test__/fixture.html", async (page) => {
      await ready(page, "#ada");
      const first = page.locator("#ada .explain-button").first();
      await first.focus();
      assert.equal(await first.getAttribute("aria-expanded"), "false");
      await page.keyboard.press("Enter");
      const explainId = await first.getAttribute("aria-controls");
      const button = page.locator(`#ada [aria-controls="${explainId}"]`);
      assert.equal(await button.getAttribute("aria-expanded"), "true");
      const explain = page.locator(`#ada #${explainId}`);
      assert.equal(await explain.isVisible(), true);
      const sentence = await page.evaluate(() => document.querySelector("#ada").statement.components[0].lines[0].explain);
      // People's words first, the engine's exact sentence under "Exact figures".
      assert.equal(await explain.locator(".explain").textContent(), "$60,000.00 × 10% (the new-deal rate) × 1.1 (Company goal multiplier) = $6,600.00; all of it payable now.");
      assert.equal(await explain.locator(".exact-text").textContent(), sentence);
      assert.match(sentence, /60,000\.00/);

      // A live update re-renders in place: focus and the open explanation stay.
      await page.evaluate(async () => {
        const w = document.querySelector("#ada");
        w.upsertDeal({ id: "D-100", name: "Aspen Ltd", type: "new", close_date: "2027-01-02", amount: "5000", owners: [{ participant: "rep-ada", split: "1" }] });
        await w.updateComplete;
      });
      const focused = await page.evaluate(() => document.querySelector("#ada").shadowRoot.activeElement?.getAttribute("aria-controls"));
      assert.equal(focused, explainId);
      assert.equal(await button.getAttribute("aria-expanded"), "true");
      await page.keyboard.press("Space");
      assert.equal(await button.getAttribute("aria-expanded"), "false");
      assert.equal(await explain.isVisible(), false);

      // Component summaries are native <details>: Enter toggles them.
      const summary = page.locator("#ada [part~='component-summary']").first();
      await summary.focus();
      await page.keyboard.press("Enter");
      assert.equal(await page.locator("#ada [part~='component']").first().evaluate((d) => d.open), false);
      await page.keyboard.press("Enter");
      assert.equal(await page.locator("#ada [part~='component']").first().evaluate((d) => d.open), true);
    });
  });
});

describe("accessibility", () => {
  for (const colorScheme of ["light", "dark"]) {
    test(`axe finds no violations on the fixture and demo pages (${colorScheme})`, async () => {
      for (const path of ["/__test__/fixture.html", "/?feed=paused"]) {
        await withPage(path, async (page, watch) => {
          await ready(page, "incentive-widget");
          // Open every disclosure so axe sees all content.
          await page.evaluate(async () => {
            for (const w of document.querySelectorAll("incentive-widget")) {
              await w.updateComplete;
              for (const d of w.shadowRoot.querySelectorAll("details")) d.open = true;
              w.shadowRoot.querySelector(".explain-button")?.click();
            }
          });
          // The page itself is clean under the CSP before axe goes in...
          assert.deepEqual(watch.problems, []);
          const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
          const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join("; ")})`);
          assert.deepEqual(summary, [], `${path} ${colorScheme}`);
          // ...and axe's own injected <style> is what the CSP then blocks.
        }, { colorScheme, allow: [/Applying inline style violates/, /CSP violation: style-src-elem blocked inline/] });
      }
    });
  }
});

describe("demo page", () => {
  test("the CRM feed moves the numbers, logs the events, and pauses", async () => {
    await withPage("/?interval=600", async (page) => {
      await ready(page, "#pay");
      const before = await page.evaluate(() => document.querySelector("#pay").statement.earned);
      await page.waitForFunction(() => document.querySelectorAll("#event-log li").length >= 1, null, { timeout: 15_000 });
      const afterFirst = await page.evaluate(() => document.querySelector("#pay").statement.earned);
      assert.notEqual(afterFirst, before);
      assert.match(await page.locator("#event-log li").first().textContent(), /^Ada Park: earned \+\$/);
      await page.click("#feed-toggle");
      assert.equal(await page.getAttribute("#feed-toggle", "aria-pressed"), "true");
      const pushed = await page.locator("#feed-log li").count();
      await page.waitForTimeout(1500);
      assert.equal(await page.locator("#feed-log li").count(), pushed, "nothing pushed while paused");
      // Replay sets the activity again: the live updates are dropped.
      await page.click("#feed-replay");
      await page.evaluate(() => document.querySelector("#pay").updateComplete);
      assert.equal(await page.evaluate(() => document.querySelector("#pay").statement.earned), before);
      assert.equal(await page.locator("#feed-log li").count(), 0);
    });
  });

  test("only this person's data: each persona loads their own cut and sees the same pay, none of a colleague's other deals", async () => {
    const whole = {};
    await withPage("/?feed=paused", async (page) => {
      await ready(page, "#pay");
      for (const id of ["rep-ada", "rep-ben", "mkt-cho"]) {
        await page.check(`input[name=persona][value=${id}]`);
        await page.evaluate(() => document.querySelector("#pay").updateComplete);
        whole[id] = await page.evaluate(() => JSON.stringify(document.querySelector("#pay").statement));
      }
    });
    await withPage("/?feed=paused&as=rep-ada", async (page) => {
      await ready(page, "#pay");
      const deals = await page.evaluate(() => document.querySelector("#pay").activity.deals.length);
      await page.check("input[name=cut]");
      assert.match(new URL(page.url()).search, /cut=1/);
      for (const id of ["rep-ada", "rep-ben", "mkt-cho"]) {
        await page.check(`input[name=persona][value=${id}]`);
        await page.waitForFunction((want) => document.querySelector("#pay").getAttribute("activity-src") === `sample/viewers/${want}.json` && document.querySelector("#pay").activity?.participants?.[0]?.id === want, id);
        await page.evaluate(() => document.querySelector("#pay").updateComplete);
        const got = await page.evaluate(() => {
          const w = document.querySelector("#pay");
          const me = w.participant;
          return {
            statement: JSON.stringify(w.statement),
            people: w.activity.participants.length,
            deals: w.activity.deals.length,
            foreign: w.activity.deals.filter((d) => !d.owners.some((o) => o.participant === me) && !(d.touches ?? []).some((t) => t.participant === me)).length,
            payments: (w.activity.payments ?? []).filter((p) => p.participant !== me).length,
          };
        });
        assert.equal(got.statement, whole[id], `${id}: the same pay from their own data`);
        assert.equal(got.people, 1);
        assert.equal(got.foreign, 0, "no deal the viewer is not on");
        assert.equal(got.payments, 0, "no colleague's payments");
        assert.ok(got.deals < deals, `${got.deals} of ${deals} deals`);
      }
    });
  });

  test("screenshots: the three personas, light and dark", async () => {
    mkdirSync(SHOTS, { recursive: true });
    const personas = [
      ["rep-ada", "hunter"],
      ["rep-ben", "farmer"],
      ["mkt-cho", "marketer"],
    ];
    for (const colorScheme of ["light", "dark"]) {
      for (const [id, role] of personas) {
        await withPage(`/?feed=paused&as=${id}`, async (page) => {
          await ready(page, "#pay");
          assert.equal(await page.evaluate(() => document.querySelector("#pay").statement.participant), id);
          await page.evaluate(() => document.fonts.ready);
          await page.screenshot({ path: join(SHOTS, `${role}-${colorScheme}.png`), fullPage: true });
        }, { colorScheme });
      }
    }
    // One close-up with a component open and a line explained.
    await withPage("/?feed=paused&as=rep-ada", async (page) => {
      await ready(page, "#pay");
      await page.locator("#pay [part~='component-summary']").first().click();
      await page.locator("#pay .explain-button").nth(8).click();
      await page.locator("#pay [part~='components']").screenshot({ path: join(SHOTS, "hunter-lines-light.png") });
    });
  });
});
