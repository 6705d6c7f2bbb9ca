// The pipeline panel (the BUILT dist/, headless Chromium, strict CSP): the
// leads routed to a rep and created by a marketer, the SLA warning, each
// measure's sentence, what the measures do to pay and the alignment stage
// track — all the engine's `pipeline()`, checked against the same engine
// run in Node; live updates (upsertLead, removeLead) move it; a lead's
// what-if from the keyboard shows the engine's delta; it fits a phone;
// axe finds nothing; the docs screenshots.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { startServer, STRICT_CSP } from "./helpers/server.mjs";
import { assertFits, launch, mountWidget, packageEngine, withCleanPage } from "./helpers/browser.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const DIST = join(ROOT, "dist");
const WIDGET = join(DIST, "incentive-widget");
const PAGES = join(ROOT, "tests", "browser", "helpers", "pages");
const PIPE = join(ROOT, "tests", "fixtures", "pipeline");
const HANDOFF = join(PIPE, "handoff");
// SCREENSHOTS_DIR at docs/screenshots to refresh the docs' (scripts/screenshots.sh).
const SHOTS = process.env.SCREENSHOTS_DIR ?? join(ROOT, "target", "screenshots");

let server;
let browser;
let Engine;

before(async () => {
  if (!existsSync(join(WIDGET, "incentive-widget.js"))) throw new Error("dist/ is not built: run `bash scripts/build.sh`");
  Engine = await packageEngine(WIDGET);
  server = await startServer({ "/": DIST, "/__test__/": PAGES, "/__pipeline__/": PIPE });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

function withPage(path, fn, options) {
  return withCleanPage({ browser, origin: server.url, csp: STRICT_CSP, assert }, path, fn, options);
}

/** The engine in Node on a fixture's documents (or the sample's), with `leads` pushed first. */
function engineOn(dir, leads = []) {
  const e = new Engine(readFileSync(join(dir, "plan.json"), "utf8"), readFileSync(join(dir, "activity.json"), "utf8"));
  for (const l of leads) e.upsertLead(l);
  return e;
}

function leadOf(dir, id) {
  return JSON.parse(readFileSync(join(dir, "activity.json"), "utf8")).leads.find((l) => l.id === id);
}

/** The panel as people see it. */
function read(page) {
  return page.evaluate(() => {
    const root = document.querySelector("#w").shadowRoot;
    const panel = root.querySelector("[part~='pipeline']");
    const text = (n) => n?.textContent.replace(/\s+/g, " ").trim() ?? "";
    const warning = panel.querySelector("[part~='pipeline-warning']");
    const tables = [...panel.querySelectorAll("[part~='pipeline-leads']")];
    // A row: its cells (the lead's id and campaign are two lines of the first).
    const cell = (c) => (c.tagName === "TH" ? [...c.children].map(text).join(" ") : text(c));
    const rows = (t) => [...t.querySelectorAll("[part~='pipeline-lead']")].map((tr) => [...tr.children].slice(0, -1).map(cell).join(" | "));
    return {
      hidden: panel.hidden,
      warning: warning.hidden ? null : text(warning),
      warningRole: warning.getAttribute("role"),
      routed: tables[0].closest(".pipeline-side").hidden ? null : rows(tables[0]),
      created: tables[1].closest(".pipeline-side").hidden ? null : rows(tables[1]),
      measures: [...panel.querySelectorAll(".pipeline-measure")].map((li) => ({ measure: li.dataset.measure, value: text(li.querySelector(".measure-value")), explain: text(li.querySelector(".measure-explain")) })),
      pays: [...panel.querySelectorAll("[part~='pipeline-pays'] li")].map(text),
      stages: [...panel.querySelectorAll("[part~='alignment']:not([hidden]) [part~='alignment-stage']")].map((li) => `${text(li.querySelector(".stage-name"))}${li.getAttribute("aria-current") === "step" ? "*" : ""}`),
      alignment: [...panel.querySelectorAll("[part~='alignment']:not([hidden])")].map((a) => text(a)),
      whatif: text(panel.querySelector("[part~='pipeline-whatif']")),
    };
  });
}

async function call(page, method, arg) {
  return page.evaluate(
    async ({ method, arg }) => {
      const w = document.querySelector("#w");
      const ok = w[method](arg);
      await w.updateComplete;
      await new Promise((r) => requestAnimationFrame(() => r()));
      return ok;
    },
    { method, arg },
  );
}

const usd = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 4 });

describe("pipeline panel", () => {
  test("a rep's leads, measures and pay as the engine gives them; upsertLead moves speed-to-lead on screen", async () => {
    await withPage("/__test__/blank.html", async (page) => {
      await mountWidget(page, "/__pipeline__/handoff", "ada");
      const e = engineOn(HANDOFF);
      const want = e.pipeline("ada");
      let got = await read(page);
      assert.equal(got.hidden, false);
      assert.equal(got.routed.length, want.routed.leads.length);
      assert.equal(got.created, null, "ada created no leads");
      assert.equal(got.routed.find((r) => r.startsWith("L03 ")), "L03 spring-webinar | Cho Lee | Converted | Missed | 30 h | 2");
      assert.deepEqual(got.measures.map((m) => m.explain), want.routed.measures.map((m) => m.explain));
      assert.deepEqual(got.pays, want.pays);
      assert.equal(got.stages.filter((s) => s.endsWith("*")).length, 1, "one current stage");
      assert.equal(got.stages.find((s) => s.endsWith("*")), `${want.company.stage}*`);
      const speedBefore = got.measures.find((m) => m.measure === "speed_to_lead");
      assert.equal(speedBefore.value, usd.format(want.routed.measures[0].value));

      // L11 had no attempt: an attempt an hour after routing meets the SLA.
      const l11 = { ...leadOf(HANDOFF, "L11"), attempts: [{ at: "2027-03-11T10:00:00Z", channel: "call" }] };
      assert.equal(await call(page, "upsertLead", l11), true);
      const after = engineOn(HANDOFF, [l11]).pipeline("ada");
      got = await read(page);
      const speed = got.measures.find((m) => m.measure === "speed_to_lead");
      assert.notEqual(speed.explain, speedBefore.explain);
      assert.equal(speed.explain, after.routed.measures.find((m) => m.measure === "speed_to_lead").explain);
      assert.equal(speed.value, usd.format(after.routed.measures[0].value));
      assert.equal(got.routed.find((r) => r.startsWith("L11 ")), "L11 spring-webinar | Cho Lee | Open | Met | 1 h | 1");
      assert.deepEqual(got.pays, after.pays);
    });
  });

  test("a marketer sees how their leads fared: rejected with reasons, converted, credited back, revenue", async () => {
    await withPage("/__test__/blank.html", async (page) => {
      await mountWidget(page, "/__pipeline__/handoff", "cho");
      const want = engineOn(HANDOFF).pipeline("cho");
      const got = await read(page);
      assert.equal(got.routed, null);
      assert.equal(got.created.length, want.created.leads.length);
      assert.equal(got.created.find((r) => r.startsWith("L07 ")), "L07 spring-webinar | Ada Park | Rejected | Rejected: no budget");
      assert.equal(got.created.find((r) => r.startsWith("L10 ")), "L10 pricing-ebook | Ada Park | Credited back | Rejected: not a fit (then became D4)");
      assert.equal(got.created.find((r) => r.startsWith("L01 ")), "L01 spring-webinar | Ada Park | Converted | Became D1");
      assert.deepEqual(got.measures.map((m) => m.explain), want.created.measures.map((m) => m.explain));
      assert.ok(got.measures.some((m) => m.measure === "sourced_revenue" && m.value.startsWith("$")), JSON.stringify(got.measures));
    });
  });

  test("the SLA warning shows for waiting leads (role=status) and goes once they are attempted", async () => {
    await withPage("/__test__/blank.html", async (page) => {
      await mountWidget(page, "/sample", "rep-ada");
      const sample = join(DIST, "sample");
      const want = engineOn(sample).pipeline("rep-ada");
      assert.ok(want.waiting.due.length >= 2 && want.waiting.overdue.length >= 1, "the sample has leads waiting and overdue");
      let got = await read(page);
      assert.equal(got.warningRole, "status");
      assert.equal(got.warning, want.waiting.sentence);
      // Each waiting lead attempted: the warning goes.
      const attempted = [...want.waiting.due, ...want.waiting.overdue].map((id) => {
        const l = leadOf(sample, id);
        return { ...l, attempts: [{ at: "2027-03-12T23:00:00Z", channel: "call" }] };
      });
      for (const l of attempted.slice(0, -1)) await call(page, "upsertLead", l);
      got = await read(page);
      assert.equal(got.warning, engineOn(sample, attempted.slice(0, -1)).pipeline("rep-ada").waiting.sentence, "one lead still waits");
      await call(page, "upsertLead", attempted.at(-1));
      got = await read(page);
      assert.equal(got.warning, null);
      assert.equal(engineOn(sample, attempted).pipeline("rep-ada").waiting.sentence, "");
    });
  });

  test("removeLead, then the same lead again: the same screen; a rejected update leaves it as it was", async () => {
    await withPage("/__test__/blank.html", async (page) => {
      await mountWidget(page, "/__pipeline__/handoff", "ada");
      const before = await read(page);
      // The ledger's last lead: put back, it is last again (rows follow the ledger's order).
      const l12 = leadOf(HANDOFF, "L12");
      const events = await page.evaluate(() => {
        window.__events = [];
        for (const t of ["earnings-change", "incentive-error"]) document.querySelector("#w").addEventListener(t, (e) => window.__events.push(`${t}:${e.detail.source ?? e.detail.cause}`));
        return true;
      });
      assert.ok(events);
      assert.equal(await call(page, "removeLead", "L12"), true);
      const removed = await read(page);
      assert.equal(removed.routed.length, before.routed.length - 1);
      assert.ok(!removed.routed.some((r) => r.startsWith("L12 ")));
      assert.notDeepEqual(removed.measures, before.measures);
      assert.equal(await call(page, "upsertLead", l12), true);
      assert.deepEqual(await read(page), before);
      // An unknown lead: refused, reported, nothing moves.
      assert.equal(await call(page, "removeLead", "L-nope"), false);
      assert.deepEqual(await read(page), before);
      const seen = await page.evaluate(() => window.__events);
      assert.ok(seen.includes("incentive-error:removeLead"), seen.join(", "));
    }, { allow: [] });
  });

  test("keyboard: Tab reaches a waiting lead's what-if, Enter shows the engine's delta", async () => {
    await withPage("/__test__/blank.html", async (page) => {
      await mountWidget(page, "/__pipeline__/handoff", "ada");
      // A lead routed on the as_of day, not attempted yet: it waits within the SLA.
      const l90 = { id: "L90", campaign: "spring-webinar", created_at: "2027-03-31T10:00:00Z", created_by: "cho", routed_to: "ada", routed_at: "2027-03-31T10:00:00Z", attempts: [], status: "open" };
      await call(page, "upsertLead", l90);
      let found = false;
      for (let i = 0; i < 200 && !found; i++) {
        await page.keyboard.press("Tab");
        found = await page.evaluate(() => {
          const a = document.querySelector("#w").shadowRoot.activeElement;
          return Boolean(a?.matches("[part~='pipeline-whatif-button']") && a.textContent.includes("(L90)"));
        });
      }
      assert.ok(found, "Tab reaches L90's what-if button");
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => document.querySelector("#w").shadowRoot.querySelector("[part~='pipeline-whatif']").textContent.length > 0);
      // The engine's answer to the same change: an attempt at the end of as_of (2027-03-31).
      const e = engineOn(HANDOFF, [l90]);
      const change = { op: "upsert_lead", lead: { ...l90, attempts: [{ at: "2027-03-31T23:59:59Z", channel: "call" }] } };
      const want = e.whatIf("ada", [change], { explain: true });
      const was = want.baseline.pipeline.find((m) => m.measure === "speed_to_lead");
      const now = want.scenario.pipeline.find((m) => m.measure === "speed_to_lead");
      assert.notEqual(was.value, now.value);
      const got = await read(page);
      assert.match(got.whatif, /^If you follow up on L90 now:/);
      assert.ok(got.whatif.includes(`Speed-to-lead: ${usd.format(was.value)} → ${usd.format(now.value)}`), got.whatif);
      assert.ok(got.whatif.includes(now.explain), got.whatif);
      const signed = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", signDisplay: "exceptZero" });
      const pay = Number(want.delta.earned) === 0 && Number(want.delta.payable) === 0 ? "Pay: no change." : `Pay: earned ${signed.format(want.delta.earned)}, payable ${signed.format(want.delta.payable)}.`;
      assert.ok(got.whatif.includes(pay), got.whatif);
      // Nothing changed: the figures and the panel's own numbers stay.
      assert.deepEqual(got.measures, (await read(page)).measures);
      const focused = await page.evaluate(() => document.querySelector("#w").shadowRoot.activeElement?.textContent);
      assert.match(focused, /\(L90\)/, "focus stays on the button");
    });
  });

  test("a marketer's open lead: What if accepted? shows acceptance moving", async () => {
    await withPage("/__test__/blank.html", async (page) => {
      await mountWidget(page, "/__pipeline__/handoff", "cho");
      await page.evaluate(() => {
        const root = document.querySelector("#w").shadowRoot;
        [...root.querySelectorAll("[part~='pipeline-whatif-button']")].find((b) => !b.hidden && b.textContent.includes("(L11)")).click();
      });
      const got = await read(page);
      assert.match(got.whatif, /^If L11 is accepted:/);
      const after = (() => {
        const e = engineOn(HANDOFF, [{ ...leadOf(HANDOFF, "L11"), status: "accepted", decided_at: "2027-03-31T23:59:59Z" }]);
        return e.pipeline("cho");
      })();
      const acc = after.created.measures.find((m) => m.measure === "acceptance");
      assert.ok(got.whatif.includes(acc.explain), got.whatif);
    });
  });

  test("no lead ledger, no panel", async () => {
    await withPage("/__test__/blank.html", async (page) => {
      await mountWidget(page, "/sample", "rep-ada");
      await page.evaluate(async () => {
        const w = document.querySelector("#w");
        const { leads, ...rest } = window.__activity;
        void leads;
        // Deals naming a lead go with the ledger; without it the plan's
        // pipeline measures are version-1 metrics, typed in.
        const participants = rest.participants.map((p) => ({ ...p, metrics: { ...p.metrics, speed_to_lead: "0.8", alignment_stage: "2" } }));
        w.activity = { ...rest, participants, deals: rest.deals.map(({ lead, ...d }) => (void lead, d)) };
        await w.updateComplete;
      });
      assert.equal((await read(page)).hidden, true);
    });
  });

  test("at 390 px nothing spills sideways", async () => {
    await withPage(
      "/__test__/blank.html",
      async (page) => {
        await mountWidget(page, "/sample", "rep-ada");
        assert.equal(await assertFits(page, "pipeline", assert), false);
        mkdirSync(SHOTS, { recursive: true });
        await page.locator("#w [part~='pipeline']").screenshot({ path: join(SHOTS, "pipeline-390.png") });
      },
      { viewport: { width: 390, height: 900 } },
    );
  });

  test("axe finds no violations on the panel, light and dark; the docs screenshot", async () => {
    mkdirSync(SHOTS, { recursive: true });
    for (const colorScheme of ["light", "dark"]) {
      await withPage(
        "/__test__/blank.html",
        async (page) => {
          await mountWidget(page, "/sample", "rep-ada");
          await page.evaluate(() => document.fonts.ready);
          const axe = new AxeBuilder({ page }).include("#w");
          if (colorScheme === "light") axe.withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]);
          else axe.withRules(["color-contrast"]);
          const results = await axe.analyze();
          const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join("; ")})`);
          assert.deepEqual(summary, [], colorScheme);
          // screenshot: the rep's panel (written to SHOTS as pipeline-light.png / pipeline-dark.png).
          await page.locator("#w [part~='pipeline']").screenshot({ path: join(SHOTS, `pipeline-${colorScheme}.png`) });
        },
        { colorScheme, allow: [/Applying inline style violates/, /CSP violation: style-src-elem blocked inline/] },
      );
    }
  });
});
