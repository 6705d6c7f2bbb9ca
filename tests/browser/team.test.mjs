// The team view (view="team") and "Where you stand" (the BUILT dist/,
// headless Chromium, strict CSP): a manager's table of every member below
// them as the engine's team() gives it, checked against the same engine in
// Node; sorting by a column with the mouse and the keyboard (aria-sort);
// opening a member's whole statement and closing it with Escape; a live
// upsertDeal moving the right rows; a rep's benchmarks with no other
// person's id, name or pay on screen; axe; 390 px; the docs screenshots.

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
const TEAMS = join(ROOT, "tests", "fixtures", "teams");
const TWO = join(TEAMS, "two-levels");
const SHOTS = process.env.SCREENSHOTS_DIR ?? join(ROOT, "target", "screenshots");

let server;
let browser;
let Engine;

before(async () => {
  if (!existsSync(join(WIDGET, "incentive-widget.js"))) throw new Error("dist/ is not built: run `bash scripts/build.sh`");
  Engine = await packageEngine(WIDGET);
  server = await startServer({ "/": DIST, "/__test__/": PAGES, "/__teams__/": TEAMS });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

function withPage(path, fn, options) {
  return withCleanPage({ browser, origin: server.url, csp: STRICT_CSP, assert }, path, fn, options);
}

function engineOn(dir, deals = []) {
  const e = new Engine(readFileSync(join(dir, "plan.json"), "utf8"), readFileSync(join(dir, "activity.json"), "utf8"));
  for (const d of deals) e.upsertDeal(d);
  return e;
}

async function mountTeam(page, base, manager) {
  await mountWidget(page, base, manager);
  await page.evaluate(async () => {
    const w = document.querySelector("#w");
    w.view = "team";
    await w.updateComplete;
  });
}

const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

/** The table as people see it: rows of [name, role, attainment, earned, payable, due], the footer, the caption. */
function read(page) {
  return page.evaluate(() => {
    const root = document.querySelector("#w").shadowRoot;
    const panel = root.querySelector("[part~='team']");
    const text = (n) => n?.textContent.replace(/\s+/g, " ").trim() ?? "";
    return {
      hidden: panel.hidden,
      caption: text(panel.querySelector("caption")),
      ids: [...panel.querySelectorAll("[part~='team-row']")].map((r) => r.dataset.participant),
      rows: [...panel.querySelectorAll("[part~='team-row']")].map((r) => [...r.children].map(text)),
      totals: [...panel.querySelector("[part~='team-totals']").children].map(text),
      explain: text(panel.querySelector("[part~='team-explain']")),
      sorted: [...panel.querySelectorAll("thead th")].map((th) => th.getAttribute("aria-sort")),
      member: (() => {
        const m = panel.querySelector("[part~='team-member']");
        return m.hidden ? null : { title: text(m.querySelector("h4")), lines: [...m.querySelectorAll("li")].map(text), figures: text(m.querySelector("dl")) };
      })(),
      focused: root.activeElement ? `${root.activeElement.tagName}:${text(root.activeElement)}` : null,
    };
  });
}

describe("team view", () => {
  test("a manager's table is the engine's team(): every member, their figures, the totals and the sentence", async () => {
    await withPage("/__test__/blank.html", async (page) => {
      await mountTeam(page, "/__teams__/two-levels", "dir-vi");
      const want = engineOn(TWO).team("dir-vi");
      const got = await read(page);
      assert.equal(got.hidden, false);
      assert.deepEqual(got.ids, want.members.map((m) => m.participant), "the engine's order until a column is chosen");
      assert.deepEqual(
        got.rows,
        want.members.map((m) => [m.name, m.role_name, m.attainment === null ? "no quota" : `${Math.round(Number(m.attainment) * 1000) / 10}%`, money.format(m.earned), money.format(m.payable), money.format(m.due)]),
      );
      assert.deepEqual(got.totals, ["Team", "4 people", "81.8%", money.format(want.totals.earned), money.format(want.totals.payable), money.format(want.totals.due)]);
      assert.equal(got.explain, want.totals.explain);
      assert.equal(got.caption, "Vi Laine's team: 4 people, 0 of 3 at or above target");
      // Someone nobody reports to: a sentence, no empty table.
      await page.evaluate(async () => {
        const w = document.querySelector("#w");
        w.participant = "rep-cy";
        await w.updateComplete;
      });
      const cy = await read(page);
      assert.equal(cy.explain, "Nobody reports to Cy Diaz in the data this page was given.");
      assert.equal(await page.evaluate(() => document.querySelector("#w").shadowRoot.querySelector(".team-scroll").hidden), true);
    });
  });

  test("sorting by a column with the mouse and the keyboard; arrows move between members", async () => {
    await withPage("/__test__/blank.html", async (page) => {
      await mountTeam(page, "/__teams__/two-levels", "dir-vi");
      const want = engineOn(TWO).team("dir-vi");
      const byEarned = [...want.members].sort((a, b) => Number(a.earned) - Number(b.earned)).map((m) => m.participant);
      await page.locator("#w [part~='team-sort']", { hasText: "Earned" }).click();
      let got = await read(page);
      assert.deepEqual(got.ids, byEarned);
      assert.deepEqual(got.sorted, [null, null, null, "ascending", null, null]);
      // The keyboard: the same button, Enter then Space.
      await page.locator("#w [part~='team-sort']", { hasText: "Earned" }).focus();
      await page.keyboard.press("Enter");
      got = await read(page);
      assert.deepEqual(got.ids, [...byEarned].reverse());
      assert.equal(got.sorted[3], "descending");
      await page.locator("#w [part~='team-sort']", { hasText: "Name" }).focus();
      await page.keyboard.press(" ");
      got = await read(page);
      assert.deepEqual(got.ids, ["rep-ada", "rep-ben", "rep-cy", "mgr-dee"]);
      assert.deepEqual(got.sorted, ["ascending", null, null, null, null, null]);
      // Attainment: no quota (Dee) last, whichever way.
      await page.locator("#w [part~='team-sort']", { hasText: "Attainment" }).click();
      assert.deepEqual((await read(page)).ids, ["rep-cy", "rep-ben", "rep-ada", "mgr-dee"]);
      await page.locator("#w [part~='team-sort']", { hasText: "Attainment" }).click();
      assert.deepEqual((await read(page)).ids, ["rep-ada", "rep-ben", "rep-cy", "mgr-dee"]);
      // ArrowDown / ArrowUp / End between the members' buttons.
      await page.locator("#w [part~='team-open']").first().focus();
      await page.keyboard.press("ArrowDown");
      assert.equal((await read(page)).focused, "BUTTON:Ben Ortiz");
      await page.keyboard.press("End");
      assert.equal((await read(page)).focused, "BUTTON:Dee Lane");
      await page.keyboard.press("ArrowUp");
      assert.equal((await read(page)).focused, "BUTTON:Cy Diaz");
    });
  });

  test("opening a member shows their whole statement (the engine's sentences); Escape closes it and focus returns", async () => {
    await withPage("/__test__/blank.html", async (page) => {
      await mountTeam(page, "/__teams__/two-levels", "dir-vi");
      const e = engineOn(TWO);
      await page.locator("#w [part~='team-open']", { hasText: "Dee Lane" }).focus();
      await page.keyboard.press("Enter");
      let got = await read(page);
      const st = e.statement("mgr-dee");
      assert.equal(got.member.title, "Dee Lane's statement · Sales manager");
      assert.equal(got.focused, `H4:${got.member.title}`);
      assert.deepEqual(got.member.lines, st.components.flatMap((c) => c.lines.map((l) => l.explain)));
      assert.ok(got.member.lines.includes("8% of Ada Park's 708,000.00 credited revenue = 56,640.00"));
      assert.ok(got.member.figures.includes(money.format(st.due)), got.member.figures);
      await page.keyboard.press("Escape");
      got = await read(page);
      assert.equal(got.member, null);
      assert.equal(got.focused, "BUTTON:Dee Lane");
    });
  });

  test("a live upsertDeal moves the right rows: the member's, their manager's, and the totals; the rest stay", async () => {
    await withPage("/__test__/blank.html", async (page) => {
      await mountTeam(page, "/__teams__/two-levels", "dir-vi");
      await page.locator("#w [part~='team-sort']", { hasText: "Earned" }).click();
      await page.locator("#w [part~='team-sort']", { hasText: "Earned" }).click();
      const before = await read(page);
      const deal = { id: "D9", type: "new", close_date: "2027-03-20", amount: "650000", owners: [{ participant: "rep-cy", split: "1" }] };
      const frame = await page.evaluate(async (deal) => {
        const w = document.querySelector("#w");
        const t0 = performance.now();
        const ok = w.upsertDeal(deal);
        await w.updateComplete;
        await new Promise((r) => requestAnimationFrame(() => r()));
        return { ok, ms: performance.now() - t0 };
      }, deal);
      assert.equal(frame.ok, true);
      const want = engineOn(TWO, [deal]).team("dir-vi");
      const got = await read(page);
      const row = (r, id) => r.rows[r.ids.indexOf(id)];
      const of = (id) => want.members.find((m) => m.participant === id);
      // Cy: 750,000 credit, 75,000.00 earned: his row moves above Ada's 70,800.00.
      assert.deepEqual(before.ids, ["mgr-dee", "rep-ada", "rep-ben", "rep-cy"]);
      assert.equal(row(got, "rep-cy")[3], money.format(of("rep-cy").earned));
      assert.notEqual(row(got, "rep-cy")[3], row(before, "rep-cy")[3]);
      assert.deepEqual(row(got, "rep-ada"), row(before, "rep-ada"));
      assert.deepEqual(row(got, "mgr-dee"), row(before, "mgr-dee"), "Cy is not in Dee's team");
      assert.deepEqual(got.ids, [...want.members].sort((a, b) => Number(b.earned) - Number(a.earned)).map((m) => m.participant));
      assert.equal(got.totals[3], money.format(want.totals.earned));
      // Vi's own figures (the override on Cy) moved too.
      const earnedTile = await page.evaluate(() => document.querySelector("#w").shadowRoot.querySelector("[part~='earned']").textContent);
      assert.equal(earnedTile, money.format(engineOn(TWO, [deal]).statement("dir-vi").earned));
    });
  });

  test("axe finds no violations on the team view, light and dark, with a member open; it fits 390 px; the docs screenshots", async () => {
    mkdirSync(SHOTS, { recursive: true });
    for (const colorScheme of ["light", "dark"]) {
      await withPage(
        "/__test__/blank.html",
        async (page) => {
          await mountTeam(page, "/sample", "mgr-dee");
          await page.evaluate(() => document.fonts.ready);
          await page.locator("#w [part~='team']").screenshot({ path: join(SHOTS, `team-${colorScheme}.png`) });
          await page.locator("#w [part~='team-open']").first().click();
          const axe = new AxeBuilder({ page }).include("#w");
          if (colorScheme === "light") axe.withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]);
          else axe.withRules(["color-contrast"]);
          const results = await axe.analyze();
          const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join("; ")})`);
          assert.deepEqual(summary, [], colorScheme);
        },
        { colorScheme, allow: [/Applying inline style violates/, /CSP violation: style-src-elem blocked inline/] },
      );
    }
    await withPage(
      "/__test__/blank.html",
      async (page) => {
        await mountTeam(page, "/sample", "mgr-dee");
        assert.equal(await assertFits(page, "team", assert), false);
      },
      { viewport: { width: 390, height: 900 } },
    );
  });
});

/** Eight reps (quota 100,000) at 150% … 20%, and their manager. */
function peers() {
  const plan = { name: "P", currency: "USD", period: { start: "2027-01-01", end: "2027-03-31" }, roles: [
    { id: "rep", name: "Account Executives", components: [{ kind: "commission", name: "Commission", rate: "0.07" }] },
    { id: "mgr", name: "Managers", components: [{ kind: "override", name: "Override", rate: "0.01" }] }] };
  const credit = [150000, 120000, 110000, 100000, 90000, 80000, 50000, 20000];
  const participants = [{ id: "boss", name: "Bea Boss", role: "mgr" }, ...credit.map((_, i) => ({ id: `r${i}`, name: `Rep Number${i}`, role: "rep", quota: "100000", manager: "boss" }))];
  const deals = credit.map((c, i) => ({ id: `D${i}`, type: "new", close_date: "2027-02-01", amount: String(c), owners: [{ participant: `r${i}`, split: "1" }] }));
  return { plan, activity: { participants, deals } };
}

describe("where you stand", () => {
  test("a rep sees the top quarter and half as the engine gives them, and no one else's id, name or pay", async () => {
    const { plan, activity } = peers();
    const e = new Engine(JSON.stringify(plan), JSON.stringify(activity));
    for (const cut of [false, true]) {
      await withPage("/__test__/blank.html", async (page) => {
        await page.waitForFunction(() => customElements.get("incentive-widget"));
        const data = { plan, activity: cut ? e.activityFor("r4") : activity };
        const got = await page.evaluate(async ({ plan, activity }) => {
          const w = document.createElement("incentive-widget");
          w.id = "w";
          w.participant = "r4";
          document.querySelector("#host").append(w);
          w.plan = plan;
          w.activity = activity;
          await w.updateComplete;
          const root = w.shadowRoot;
          const panel = root.querySelector("[part~='standing']");
          return {
            hidden: panel.hidden,
            marks: [...panel.querySelectorAll("[part~='standing-mark']")].map((li) => [...li.children].map((c) => c.textContent)),
            all: root.textContent,
            panel: panel.textContent,
          };
        }, data);
        const want = e.standing("r4");
        assert.equal(got.hidden, false);
        assert.deepEqual(got.marks, [
          ["Top quarter: from 120% attainment", "$30,000.00 more credit puts you in the top quarter.", want.marks[0].explain],
          ["Top half: from 100% attainment", "$10,000.00 more credit puts you in the top half.", want.marks[1].explain],
        ]);
        for (const p of activity.participants.filter((x) => x.id !== "r4")) {
          assert.ok(!got.all.includes(p.name), `${cut ? "cut" : "whole"}: ${p.name} on screen`);
          const earned = e.statement(p.id).earned;
          if (Number(earned) !== 0) assert.ok(!got.panel.includes(money.format(earned)) && !JSON.stringify(want).includes(`"${earned}"`), `${p.id}'s pay in the benchmarks`);
          assert.ok(!JSON.stringify(want).includes(`"${p.id}"`), `${p.id} in the standing`);
        }
      });
    }
  });
});
