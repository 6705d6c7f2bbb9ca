// The widget as a new rep and a new portal engineer meet it (issue 21): the
// BUILT dist/ in headless Chromium, light and dark, 1440 → 390 px, keyboard
// only, and the README's embed sample pasted into a bare page.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer, STRICT_CSP } from "./helpers/server.mjs";
import { launch, withCleanPage } from "./helpers/browser.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const DIST = join(ROOT, "dist");
const PAGES = join(ROOT, "tests", "browser", "helpers", "pages");
const README_PAGE = join(ROOT, "target", "readme-page");
const SHOTS = process.env.SCREENSHOTS_DIR ?? join(ROOT, "target", "screenshots");
// A folder whose plan appears only after the first request (a server that was briefly down).
const LATE = join(ROOT, "target", "late-plan");
// A portal's own page may run its inline module script; the widget still
// needs nothing more than 'self' and 'wasm-unsafe-eval'.
const PORTAL_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; style-src 'self'";

let server;
let portal;
let browser;

/** The README's embed sample: its html block and the js block after it. */
function readmeSample() {
  const text = readFileSync(join(ROOT, "README.md"), "utf8");
  const at = text.indexOf("## Embed the widget");
  const html = /```html\n([\s\S]*?)```/.exec(text.slice(at));
  const js = /```js\n([\s\S]*?)```/.exec(text.slice(at));
  assert.ok(html && js, "the README's embed section has an html and a js sample");
  return { html: html[1], js: js[1] };
}

before(async () => {
  if (!existsSync(join(DIST, "incentive-widget", "incentive-widget.js"))) throw new Error("dist/ is not built: run `bash scripts/build.sh`");
  const { html, js } = readmeSample();
  mkdirSync(README_PAGE, { recursive: true });
  writeFileSync(
    join(README_PAGE, "index.html"),
    `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>README sample</title></head>\n<body>\n${html}\n<script type="module">\nwindow.__logged = [];\nconst log = console.log;\nconsole.log = (...a) => { window.__logged.push(a.join(" ")); log(...a); };\n${js}\nwindow.__done = true;\n</script>\n</body>\n</html>\n`,
  );
  rmSync(LATE, { recursive: true, force: true });
  mkdirSync(LATE, { recursive: true });
  server = await startServer({ "/": DIST, "/__test__/": PAGES, "/__late__/": LATE });
  portal = await startServer(
    { "/widgets/incentive-widget/": join(DIST, "incentive-widget"), "/comp/": join(ROOT, "www", "sample"), "/": README_PAGE },
    { csp: PORTAL_CSP },
  );
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await portal?.close();
});

function withPage(path, fn, options) {
  return withCleanPage({ browser, origin: server.url, csp: STRICT_CSP, assert }, path, fn, options);
}

/** The demo page with Ada's statement on screen. */
async function demo(page) {
  await page.waitForFunction(() => document.querySelector("incentive-widget")?.statement != null, null, { timeout: 20_000 });
  await page.evaluate(() => document.querySelector("incentive-widget").updateComplete);
}

describe("every width", () => {
  test("1440 → 1100 → 390 px: the element and the page never scroll sideways, the curve fits its card", async () => {
    await withPage(
      "/",
      async (page) => {
        await demo(page);
        for (const width of [1440, 1100, 390, 1100]) {
          await page.setViewportSize({ width, height: 900 });
          // Two frames: the resize observer redraws the curve, then layout settles.
          await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
          await page.evaluate(() => document.querySelector("incentive-widget").updateComplete);
          const m = await page.evaluate(() => {
            const w = document.querySelector("incentive-widget");
            const card = w.shadowRoot.querySelector("[part~='card']");
            const curve = w.shadowRoot.querySelector("[part~='curve']");
            const chart = w.shadowRoot.querySelector("[part~='curve-chart']");
            return {
              page: document.documentElement.scrollWidth,
              view: document.documentElement.clientWidth,
              card: card.scrollWidth - card.clientWidth,
              curve: curve.getBoundingClientRect().width,
              chart: chart?.getBoundingClientRect().width ?? 0,
            };
          });
          assert.ok(m.page <= m.view, `${width}px: the page scrolls sideways (${m.page} > ${m.view})`);
          assert.ok(m.card <= 0, `${width}px: the card overflows by ${m.card}px`);
          assert.ok(m.chart > 0 && m.chart <= m.curve, `${width}px: the chart (${m.chart}px) spills out of its card (${m.curve}px)`);
        }
      },
      { viewport: { width: 1440, height: 900 } },
    );
  });

  test("390 px: the open what-if panel's buttons and fields stay inside it", async () => {
    await withPage(
      "/",
      async (page) => {
        await demo(page);
        await page.locator("incentive-widget .whatif-toggle").first().click();
        await page.locator("incentive-widget .whatif-body").first().waitFor({ state: "visible" });
        for (const tool of ["Add a deal", "Edit a deal", "Company revenue", "Import CSV"]) {
          const b = page.locator("incentive-widget .wi-tool-button", { hasText: tool }).first();
          if (await b.isVisible()) await b.click();
          const out = await page.evaluate(() => {
            const root = document.querySelector("incentive-widget").shadowRoot;
            const panel = root.querySelector("[part~='whatif']").getBoundingClientRect();
            return [...root.querySelectorAll(".whatif button, .whatif input, .whatif select")]
              .filter((n) => n.checkVisibility())
              .map((n) => ({ n: n.textContent || n.getAttribute("aria-label") || n.name || n.type, r: n.getBoundingClientRect() }))
              .filter(({ r }) => r.right > panel.right + 0.5 || r.left < panel.left - 0.5)
              .map(({ n, r }) => `${n} (${Math.round(r.left)}–${Math.round(r.right)} of ${Math.round(panel.left)}–${Math.round(panel.right)})`);
          });
          assert.deepEqual(out, [], `${tool}: controls past the panel's border`);
        }
      },
      { viewport: { width: 390, height: 900 } },
    );
  });
});

/** WCAG contrast of two rgb() colours. */
const CONTRAST = `(() => {
  // "rgb(31, 95, 204)", "rgba(…, 0.5)" or color-mix()'s "color(srgb 0.12 0.37 0.8 / 0.5)".
  const rgb = (s) => {
    const n = (s.match(/[\\d.]+/g) ?? []).map(Number);
    if (!s.startsWith("color(")) return n;
    return n.map((v, i) => (i < 3 ? v * 255 : v));
  };
  const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }).reduce((a, v, i) => a + v * [0.2126, 0.7152, 0.0722][i], 0);
  const mix = (top, under) => { const a = top[3] ?? 1; return [0, 1, 2].map((i) => top[i] * a + under[i] * (1 - a)); };
  return { rgb, lum, mix };
})()`;

describe("screenshots", () => {
  for (const scheme of ["light", "dark"]) {
    test(`${scheme}: the demo at 1440, 1100 and 390 px`, async () => {
      mkdirSync(SHOTS, { recursive: true });
      await withPage(
        "/",
        async (page) => {
          await demo(page);
          for (const width of [1440, 1100, 390]) {
            await page.setViewportSize({ width, height: 900 });
            await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
            await page.evaluate(() => document.querySelector("incentive-widget").updateComplete);
            await page.locator("incentive-widget").first().screenshot({ path: join(SHOTS, `widths-${width}-${scheme}.png`) });
          }
        },
        { colorScheme: scheme, viewport: { width: 1440, height: 900 } },
      );
    });
  }
});

describe("every hover", () => {
  for (const scheme of ["light", "dark"]) {
    test(`${scheme}: every what-if button keeps a 4.5:1 contrast under the pointer`, async () => {
      await withPage(
        "/",
        async (page) => {
          await demo(page);
          const toggle = page.locator("incentive-widget .whatif-toggle").first();
          await toggle.click();
          await page.locator("incentive-widget .whatif-body").first().waitFor({ state: "visible" });
          const count = await page.locator("incentive-widget .whatif button:visible").count();
          const low = [];
          for (let i = 0; i < count; i++) {
            const b = page.locator("incentive-widget .whatif button:visible").nth(i);
            if (await b.isDisabled()) continue;
            await b.hover();
            const r = await b.evaluate((el, code) => {
              const { rgb, lum, mix } = eval(code);
              const cs = getComputedStyle(el);
              // The background under the text: the button's, over its ancestors' (shadow host included).
              const layers = [];
              for (let n = el; n; n = n.parentElement ?? n.getRootNode().host) {
                const c = rgb(getComputedStyle(n).backgroundColor);
                if (c.length >= 3) layers.push(c);
                if (c.length === 3 || c[3] === 1) break;
              }
              let bg = [255, 255, 255];
              for (const l of layers.reverse()) bg = mix(l, bg);
              const fg = mix(rgb(cs.color), bg);
              const [a, b2] = [lum(fg), lum(bg)].sort((x, y) => y - x);
              return { name: el.textContent.trim() || el.getAttribute("aria-label"), ratio: (a + 0.05) / (b2 + 0.05) };
            }, CONTRAST);
            if (r.ratio < 4.5) low.push(`${r.name}: ${r.ratio.toFixed(2)}`);
          }
          // The open toggle ("Close what-if") is the one the issue saw go blue on blue.
          await toggle.hover();
          assert.deepEqual(low, [], "buttons under 4.5:1 when hovered");
        },
        { colorScheme: scheme },
      );
    });
  }
});

describe("errors a portal can log", () => {
  for (const [what, url, code] of [
    ["a 404", "/__test__/no-such-plan.json", "fetch_failed"],
    ["an HTML page", "/__test__/blank.html", "not_json"],
  ]) {
    test(`plan-src answering ${what}: incentive-error says ${code} and a sentence`, async () => {
      await withPage(
        "/__test__/blank.html",
        async (page) => {
          const detail = await page.evaluate(async (src) => {
            await customElements.whenDefined("incentive-widget");
            const w = document.createElement("incentive-widget");
            const got = new Promise((done) => w.addEventListener("incentive-error", (e) => done(e.detail), { once: true }));
            w.setAttribute("participant", "rep-ada");
            w.setAttribute("plan-src", src);
            document.body.append(w);
            const d = await got;
            return { code: d.code, message: d.message, source: d.source, problems: d.problems };
          }, url);
          assert.equal(detail.code, code);
          assert.equal(detail.source, "plan-src");
          assert.match(detail.message, /^(could not load|\/__test__\/blank\.html sent a web page)/);
          assert.doesNotMatch(detail.message, /\[object Object\]/);
          assert.equal(detail.problems[0].path, "plan-src");
        },
        { allow: [/404/] },
      );
    });
  }
});

describe("a failed load", () => {
  test("offers Try again, which loads the plan once it is there; later problems keep their own heading", async () => {
    await withPage(
      "/__test__/blank.html",
      async (page) => {
        const before = await page.evaluate(async () => {
          await customElements.whenDefined("incentive-widget");
          const w = document.createElement("incentive-widget");
          w.id = "late";
          w.setAttribute("participant", "rep-ada");
          w.setAttribute("plan-src", "/__late__/plan.json");
          w.setAttribute("activity-src", "/sample/activity.json");
          document.body.append(w);
          await w.updateComplete;
          return [...w.shadowRoot.querySelectorAll(".problems-heading")].map((n) => n.textContent);
        });
        // The plan is there now: Try again loads it from the same address.
        copyFileSync(join(ROOT, "www", "sample", "plan.json"), join(LATE, "plan.json"));
        await page.locator("#late [part~='error']").getByRole("button", { name: "Try again" }).click();
        await page.waitForFunction(() => document.querySelector("#late").statement != null, null, { timeout: 10_000 });
        const r = await page.evaluate(async () => {
          const w = document.querySelector("#late");
          await w.updateComplete;
          return { before: [], hadRetry: true, after: [...w.shadowRoot.querySelectorAll(".problems-heading")].map((n) => n.textContent), earned: w.statement.earned };
        });
        r.before = before;
        assert.deepEqual(r.before, ["The plan could not be loaded."]);
        assert.ok(r.hadRetry, "a Try again button");
        assert.deepEqual(r.after, []);
        assert.equal(r.earned, "48629.00");
      },
      { allow: [/404/] },
    );
  });
});

describe("the keyboard", () => {
  test("Escape closes the what-if panel and returns the focus to its button; Escape folds an open Why", async () => {
    await withPage("/", async (page) => {
      await demo(page);
      const toggle = page.locator("incentive-widget .whatif-toggle").first();
      await toggle.focus();
      await page.keyboard.press("Enter");
      await page.locator("incentive-widget .whatif-body").first().waitFor({ state: "visible" });
      await page.locator("incentive-widget .wi-add input").first().focus();
      await page.keyboard.press("Escape");
      assert.equal(await toggle.getAttribute("aria-expanded"), "false");
      assert.equal(await page.locator("incentive-widget .whatif-body").first().isVisible(), false);
      assert.equal(await toggle.evaluate((b) => b.getRootNode().activeElement === b), true, "focus is back on the toggle");

      const why = page.locator("incentive-widget [part~='explain-button']:visible").first();
      await why.focus();
      await page.keyboard.press("Enter");
      assert.equal(await why.getAttribute("aria-expanded"), "true");
      await page.keyboard.press("Escape");
      assert.equal(await why.getAttribute("aria-expanded"), "false");
      assert.equal(await why.evaluate((b) => b.getRootNode().activeElement === b), true);
    });
  });
});

describe("what-if rough edges", () => {
  test("one money reader, clear words for a negative amount, saving over a name and switching persona ask first", async () => {
    await withPage("/", async (page) => {
      await demo(page);
      const w = "incentive-widget";
      await page.locator(`${w} .whatif-toggle`).first().click();
      await page.locator(`${w} .whatif-body`).first().waitFor({ state: "visible" });
      const form = page.locator(`${w} .wi-add`).first();
      const changes = page.locator(`${w} .wi-change`);
      const add = async (amount) => {
        await form.getByLabel("Amount").fill(amount);
        await form.getByRole("button", { name: "Add deal" }).click();
      };
      // What the CSV import reads, the form reads: $30,000, USD 30000, 30k.
      for (const [i, amount] of ["$30,000", "USD 30000", "30k"].entries()) {
        await add(amount);
        assert.equal(await changes.count(), i + 1, amount);
        assert.match(await changes.nth(i).textContent(), /\$30,000\.00/);
      }
      await add("-5000");
      assert.equal(await changes.count(), 3);
      assert.match(await form.locator("[aria-invalid='true']").evaluate((n) => n.closest(".field").textContent), /negative: an amount must be above zero/);

      // "What it takes" counts from the scenario: three $30,000 deals passed
      // Ada's next tier ($12,000 away), so it no longer says "$12,000 away".
      const takes = await page.locator(`${w} .wi-takes-text`).first().textContent();
      assert.doesNotMatch(takes, /\$12,000\.00 of quota credit away/);
      assert.match(takes, /this scenario/);

      // Saving under a name taken asks before replacing it.
      const bar = page.locator(`${w} .wi-scenario`).first();
      await bar.getByLabel("Scenario", { exact: true }).fill("Three deals");
      await bar.getByRole("button", { name: "Save" }).click();
      // A new scenario (saved ones start over without asking) under the same name.
      await bar.getByRole("button", { name: "Start over" }).click();
      assert.equal(await changes.count(), 0);
      await page.locator(`${w} .wi-tool-button`, { hasText: "Company revenue" }).first().click();
      await page.locator(`${w} .wi-revenue`).getByRole("button", { name: "+1% of goal" }).click();
      await bar.getByLabel("Scenario", { exact: true }).fill("Three deals");
      await bar.getByRole("button", { name: "Save" }).click();
      const notice = page.locator(`${w} .wi-notice`).last();
      assert.match(await notice.textContent(), /A scenario named “Three deals” is saved already/);
      await notice.getByRole("button", { name: "Replace “Three deals”" }).click();
      assert.match(await page.locator(`${w} .wi-notice`).last().textContent(), /Saved “Three deals” \(1 change\)/);

      // Unsaved changes survive a persona switch and come back.
      await page.locator(`${w} .wi-revenue`).getByRole("button", { name: "+1% of goal" }).click();
      await page.evaluate(() => {
        document.querySelector("incentive-widget").participant = "rep-ben";
      });
      await page.evaluate(() => document.querySelector("incentive-widget").updateComplete);
      assert.equal(await changes.count(), 0, "Ben starts with his own (empty) scenario");
      await page.evaluate(() => {
        document.querySelector("incentive-widget").participant = "rep-ada";
      });
      await page.evaluate(() => document.querySelector("incentive-widget").updateComplete);
      assert.equal(await changes.count(), 1, "Ada's unsaved change is back");
      assert.match(await page.locator(`${w} .wi-notice`).last().textContent(), /unsaved change is back/);
    });
  });
});

describe("a real pipeline export", () => {
  test("open stages import as booked and say so, US dates are read as the mapping step says, a lost deal is left out with its reason; the step fits a phone", async () => {
    await withPage(
      "/",
      async (page) => {
        await demo(page);
        const w = "incentive-widget";
        await page.locator(`${w} .whatif-toggle`).first().click();
        await page.locator(`${w} .whatif-body`).first().waitFor({ state: "visible" });
        await page.locator(`${w} .wi-tool-button`, { hasText: "Import CSV" }).first().click();
        const csv =
          "Opportunity Name,Amount,Close Date,Stage\n" +
          'Acme Rockets,"$45,000.00",03/28/2027,Negotiation/Review\n' +
          "Beta Mills,20000,03/15/2027,Closed Won\n" +
          "Gone Corp,5000,03/01/2027,Closed Lost\n";
        const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.locator(`${w} .wi-csv`).getByRole("button", { name: /CSV file|Choose|Import/ }).first().click()]);
        await chooser.setFiles({ name: "pipeline.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
        const dates = page.locator(`${w} .wi-mapping`).getByLabel("Dates in this file");
        await dates.waitFor({ state: "visible" });
        assert.equal(await dates.inputValue(), "%m/%d/%Y", "slashes with a day above 12 in the second place: MM/DD/YYYY");
        // At phone width the mapping step stays inside the panel.
        const out = await page.evaluate(() => {
          const root = document.querySelector("incentive-widget").shadowRoot;
          const panel = root.querySelector("[part~='whatif']").getBoundingClientRect();
          return [...root.querySelectorAll(".wi-mapping select, .wi-mapping button")].filter((n) => n.getBoundingClientRect().right > panel.right + 0.5).length;
        });
        assert.equal(out, 0, "mapping controls past the panel");
        await page.locator(`${w} .wi-mapping`).getByRole("button", { name: /^Import/ }).click();
        const changes = page.locator(`${w} .wi-change`);
        await page.waitForFunction(() => document.querySelector("incentive-widget").shadowRoot.querySelectorAll(".wi-change").length === 2);
        assert.match(await changes.nth(0).textContent(), /Acme Rockets.*\$45,000\.00.*Mar 28, 2027.*open \(Negotiation\/Review\): imported as if booked/s);
        assert.match(await changes.nth(1).textContent(), /Beta Mills.*Mar 15, 2027/s);
        assert.match(await page.locator(`${w} .wi-import-result`).textContent(), /Closed Lost.*lost deal: left out/s);
        // A deal outside the plan period moves nothing, and its row says why.
        const form = page.locator(`${w} .wi-add`).first();
        await page.locator(`${w} .wi-tool-button`, { hasText: "Add a deal" }).first().click();
        await form.getByLabel("Amount").fill("10000");
        await form.getByLabel("Close date").fill("2027-05-02");
        await form.getByRole("button", { name: "Add deal" }).click();
        assert.match(await changes.nth(2).textContent(), /±0.*outside the plan period/s);
      },
      { viewport: { width: 390, height: 900 } },
    );
  });
});

describe("the README", () => {
  test("its embed sample, pasted into a bare page, works as written and logs the figure its comment promises", async () => {
    const { js } = readmeSample();
    const promised = /\/\/ "([\d.]+)"/.exec(js)?.[1];
    assert.ok(promised, "the sample's comment names the figure it logs");
    const watch = await (await import("./helpers/browser.mjs")).openPage(browser, portal.url);
    try {
      await watch.page.goto(`${portal.url}/`);
      await watch.page.waitForFunction(() => window.__logged?.length > 0, null, { timeout: 20_000 });
      assert.deepEqual(await watch.page.evaluate(() => window.__logged), [promised]);
      assert.deepEqual(watch.problems, []);
    } finally {
      await watch.context.close();
    }
  });
});
