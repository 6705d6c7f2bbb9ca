// The element's views show the engine's facts, not facts of their own, and
// the element is what its manifest says (the BUILT dist/, headless Chromium):
//
// - a modifier's band a hair below and a hair above its edge, where the
//   rounded attainment string reads as the edge itself: the bar's band in
//   force, the multiplier shown and the pay all the engine's;
// - custom-elements.json (generated from the element's JSDoc) against the
//   element: every ::part the views set, every --incentive-* property the
//   stylesheets read, the observed attributes, the events it fires;
// - no plan rule in www/: no band search, discount, clawback or applies_to
//   logic (grep-able), no copy of the engine's vocabularies.

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer, STRICT_CSP } from "./helpers/server.mjs";
import { launch, withCleanPage } from "./helpers/browser.mjs";
import { manifest } from "../../scripts/manifest.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const DIST = join(ROOT, "dist");
const WWW = join(ROOT, "www");
const FIXTURES = join(ROOT, "..", "shared", "fixtures");
const PAGES = join(ROOT, "tests", "browser", "helpers", "pages");
const YEAR = join(ROOT, "tests", "fixtures", "plan-year");
const TOTAL = join(ROOT, "tests", "fixtures", "total-pay");

let server;
let browser;

before(async () => {
  if (!existsSync(join(DIST, "incentive-widget", "incentive-widget.js"))) throw new Error("dist/ is not built: run `bash scripts/build.sh`");
  server = await startServer({ "/": DIST, "/__fixtures__/": FIXTURES, "/__test__/": PAGES, "/__year__/": YEAR, "/__total__/": TOTAL });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

function withPage(path, fn) {
  return withCleanPage({ browser, origin: server.url, csp: STRICT_CSP, assert }, path, fn);
}

/** A plan whose commission a company modifier multiplies, its band turning at exactly 1. */
function edgePlan() {
  return {
    format: "incentive-plan/1",
    name: "Edge plan",
    currency: "USD",
    period: { start: "2027-01-01", end: "2027-03-31" },
    company_goal: { target: "999999999999.999" },
    roles: [
      {
        id: "ae",
        name: "Account executive",
        components: [
          { kind: "commission", name: "New logos", rate: "0.10" },
          { kind: "modifier", name: "Company goal", measure: "company", bands: [{ from: "0", multiplier: "0.9" }, { from: "1", multiplier: "1.1" }] },
        ],
      },
    ],
  };
}

function edgeActivity(revenue) {
  return {
    format: "incentive-activity/1",
    company: { revenue },
    participants: [{ id: "rep", name: "Rhea Park", role: "ae", quota: "100000" }],
    deals: [{ id: "D1", name: "Acme", type: "new", close_date: "2027-01-10", amount: "10000", owners: [{ participant: "rep", split: "1" }] }],
  };
}

/** Puts plan and activity on a widget in the blank page; returns what it shows and what the engine says. */
async function showEdge(page, revenue) {
  return page.evaluate(async ({ plan, activity }) => {
    let w = document.querySelector("#edge");
    if (!w) {
      w = document.createElement("incentive-widget");
      w.id = "edge";
      w.participant = "rep";
      document.querySelector("#host").append(w);
    }
    w.plan = plan;
    w.activity = activity;
    await w.updateComplete;
    const root = w.shadowRoot;
    const bar = root.querySelector("[part~='company-bar']");
    const bands = [...bar.querySelectorAll("rect.band")];
    const { Engine } = await import("/incentive-widget/incentive_widget.js");
    const engine = new Engine(plan, activity);
    const facts = engine.facts("rep", { deals: false });
    engine.free();
    return {
      statementAttainment: w.statement.company_attainment,
      barCurrent: bands.findIndex((r) => r.classList.contains("band-current")),
      effect: root.querySelector("[part~='company-effects'] .effect-value")?.textContent,
      earned: w.statement.earned,
      engineBand: facts.modifiers[0].band,
      engineValue: facts.modifiers[0].value,
    };
  }, { plan: edgePlan(), activity: edgeActivity(revenue) });
}

describe("views show the engine's facts", () => {
  test("a modifier band a hair below and a hair above its edge is the engine's", async () => {
    await withPage("/__test__/blank.html", async (page) => {
      await page.waitForFunction(() => customElements.get("incentive-widget"));
      // A thousandth short of the target: attainment 0.999999999999999999…,
      // which reads "1" at 12 places. The band below the edge is in force.
      const below = await showEdge(page, "999999999999.998");
      assert.equal(below.engineValue, "1", "the rounded value reads as the edge");
      assert.equal(below.engineBand, 0);
      assert.equal(below.barCurrent, 0, "the bar marks the engine's band, not the rounded string's");
      assert.equal(below.effect, "×0.9 now");
      assert.equal(below.earned, "900.00"); // 10,000 × 10% × 0.9
      // The target itself: the band from 1.
      const above = await showEdge(page, "999999999999.999");
      assert.equal(above.engineBand, 1);
      assert.equal(above.barCurrent, 1);
      assert.equal(above.effect, "×1.1 now");
      assert.equal(above.earned, "1100.00");
    });
  });
});

describe("words for people", () => {
  test("a bonus reads in the page's formats and the plan's names; the engine's exact sentence is one click away", async () => {
    await withPage("/__test__/blank.html", async (page) => {
      await page.waitForFunction(() => customElements.get("incentive-widget"));
      const got = await page.evaluate(async () => {
        const plan = await (await fetch("/__fixtures__/joint-company-goal/plan.json")).json();
        const activity = await (await fetch("/__fixtures__/joint-company-goal/activity.json")).json();
        const w = document.createElement("incentive-widget");
        w.participant = "mkt-cho";
        document.querySelector("#host").append(w);
        w.plan = plan;
        w.activity = activity;
        await w.updateComplete;
        const root = w.shadowRoot;
        const block = [...root.querySelectorAll("[part~='component']")].find((d) => d.querySelector(".component-name").textContent === "Company goal bonus");
        const exact = block.querySelector(".exact");
        const company = root.querySelector("[part~='company-effects']");
        return {
          note: block.querySelector(".component-note").textContent,
          exactHidden: exact.hidden,
          exact: exact.querySelector(".exact-text").textContent,
          companyNote: [...company.querySelectorAll(".effect-note")].map((n) => n.textContent),
        };
      });
      assert.equal(got.note, "$10,000 target × 125% payout at company attainment of 110% = $12,500.00");
      assert.ok(got.companyNote.includes(got.note), got.companyNote.join(" | "));
      assert.equal(got.exactHidden, false);
      assert.equal(got.exact, "10,000.00 target × 125% payout at company attainment 1.1 = 12,500.00", "the engine's own sentence");
    });
  });
});

describe("a line's Why in people's words", () => {
  /** The first line's Why of `fixture`'s first participant: { words, exact }. */
  async function why(page, fixture) {
    return page.evaluate(async (fx) => {
      const plan = await (await fetch(`/__fixtures__/${fx}/plan.json`)).json();
      const activity = await (await fetch(`/__fixtures__/${fx}/activity.json`)).json();
      const w = document.createElement("incentive-widget");
      w.participant = activity.participants[0].id;
      document.querySelector("#host").append(w);
      w.plan = plan;
      w.activity = activity;
      await w.updateComplete;
      const root = w.shadowRoot;
      const block = root.querySelector("[part~='components'] [part~='component']");
      block.open = true;
      await new Promise((r) => setTimeout(r, 0));
      const b = block.querySelector(".explain-button");
      b.click();
      const row = root.getElementById(b.getAttribute("aria-controls"));
      const exact = row.querySelector(".exact");
      const out = { words: row.querySelector(".explain").textContent, exact: exact.querySelector(".exact-text").textContent, exactHidden: exact.hidden };
      w.remove();
      return out;
    }, fixture);
  }

  test("a commission line reads in the plan's names and the page's money; the engine's sentence one click away", async () => {
    await withPage("/__test__/blank.html", async (page) => {
      await page.waitForFunction(() => customElements.get("incentive-widget"));
      const margin = await why(page, "margin-discounts-products");
      assert.equal(margin.words, "(€30,000.00 margin × 1.25 (suite-bundle) + €4,000.00 margin) × 20% (the new-deal rate) = €8,300.00; all of it payable now.");
      assert.equal(margin.exact, "100% × ((40,000.00 − 10,000.00 cost) suite-bundle × 1.25 + (10,000.00 − 6,000.00 cost) services) × 20% new rate = 8,300.00; 100% payable at booked = 8,300.00");
      assert.equal(margin.exactHidden, false);
      const tier = await why(page, "marginal-vs-retroactive");
      assert.equal(tier.words, "$60,000.00 × 10% (the new-deal rate) × 0 (tier: your attainment went from 0% to 30%) = $0.00; all of it payable now.");
      const staged = await why(page, "payout-stages-clawback");
      assert.equal(staged.words, "$50,000.00 × 8% (the new-deal rate) = $4,000.00; 50% of it payable on booking = $2,000.00.");
      const goal = await why(page, "joint-company-goal");
      assert.equal(goal.words, "$60,000.00 × 10% (the new-deal rate) × 1.1 (Company goal multiplier) = $6,600.00; all of it payable now.");
    });
  });
});

describe("component titles at phone width", () => {
  test("at 390 px each component's name has its row to itself: one line, the amount on the row under it", async () => {
    await withCleanPage(
      { browser, origin: server.url, csp: STRICT_CSP, assert },
      "/",
      async (page) => {
        await page.waitForFunction(() => document.querySelector("incentive-widget")?.statement != null, null, { timeout: 20_000 });
        const rows = await page.evaluate(() =>
          [...document.querySelectorAll("incentive-widget")].flatMap((w) =>
            [...w.shadowRoot.querySelectorAll("[part~='components'] .component-summary")].map((s) => {
              const name = s.querySelector(".component-name");
              const amount = s.querySelector(".component-amount").getBoundingClientRect();
              const line = parseFloat(getComputedStyle(name).lineHeight) || 1.4 * parseFloat(getComputedStyle(name).fontSize);
              const box = name.getBoundingClientRect();
              return { name: name.textContent, lines: Math.round(box.height / line), below: amount.top >= box.bottom - 1 };
            }),
          ),
        );
        assert.ok(rows.length >= 3, JSON.stringify(rows));
        for (const r of rows) {
          assert.equal(r.lines, 1, `${r.name} takes ${r.lines} lines`);
          assert.equal(r.below, true, `${r.name}: the amount is beside it`);
        }
      },
      { viewport: { width: 390, height: 900 } },
    );
  });
});

describe("a live update asks the engine only for what is on screen", () => {
  test("with every component folded, upsertDeal asks for no deal list and no per-deal facts", async () => {
    await withPage("/__test__/blank.html", async (page) => {
      await page.waitForFunction(() => customElements.get("incentive-widget"));
      const asked = await page.evaluate(async ({ plan, activity }) => {
        const { Engine } = await import("/incentive-widget/incentive_widget.js");
        const calls = { deals: 0, dealFacts: 0, headline: 0 };
        const { deals, facts, headline } = Engine.prototype;
        Engine.prototype.deals = function (...a) {
          calls.deals += 1;
          return deals.apply(this, a);
        };
        Engine.prototype.facts = function (pid, o) {
          if (o?.deals !== false) calls.dealFacts += 1;
          return facts.call(this, pid, o);
        };
        Engine.prototype.headline = function (...a) {
          calls.headline += 1;
          return headline.apply(this, a);
        };
        const w = document.createElement("incentive-widget");
        w.participant = "rep";
        document.querySelector("#host").append(w);
        w.plan = plan;
        w.activity = activity;
        await w.updateComplete;
        const folded = [...w.shadowRoot.querySelectorAll("[part~='components'] details")].every((d) => !d.open);
        const before = { ...calls };
        for (let i = 0; i < 3; i += 1) {
          w.upsertDeal({ id: `N${i}`, type: "new", close_date: "2027-02-01", amount: "1000", owners: [{ participant: "rep", split: "1" }] });
          await w.updateComplete;
        }
        Object.assign(Engine.prototype, { deals, facts, headline });
        return { folded, headlines: calls.headline - before.headline, deals: calls.deals - before.deals, dealFacts: calls.dealFacts - before.dealFacts, earned: w.statement.earned };
      }, {
        plan: edgePlan(),
        activity: {
          ...edgeActivity("1"),
          deals: Array.from({ length: 12 }, (_, i) => ({ id: `D${i}`, type: "new", close_date: "2027-01-10", amount: "1000", owners: [{ participant: "rep", split: "1" }] })),
        },
      });
      assert.equal(asked.folded, true, "twelve lines: the component starts folded");
      assert.ok(asked.headlines >= 1, "the figures were asked again");
      assert.equal(asked.earned, String(15 * 100 * 0.9) + ".00");
      assert.equal(asked.deals, 0, "no deal list while no view shows one");
      assert.equal(asked.dealFacts, 0, "no per-deal facts while no view shows them");
    });
  });
});

/** Every file under www/ with one of these endings. */
function files(dir, ends) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return files(p, ends);
    return ends.some((x) => e.name.endsWith(x)) ? [p] : [];
  });
}

describe("custom-elements.json is the element's", () => {
  const m = manifest();
  const el = m.modules[0].declarations[0];

  test("dist ships the generated manifest", () => {
    const shipped = JSON.parse(readFileSync(join(DIST, "incentive-widget", "custom-elements.json"), "utf8"));
    assert.deepEqual(shipped, m);
    assert.equal(el.tagName, "incentive-widget");
    assert.ok(el.members.some((x) => x.kind === "method" && x.name === "upsertDeal" && x.description));
  });

  test("every --incentive-* property the stylesheets read is documented, and no other", () => {
    const used = new Set();
    for (const f of files(WWW, [".css"])) for (const x of readFileSync(f, "utf8").matchAll(/var\((--incentive-[a-z-]+)/g)) used.add(x[1]);
    assert.deepEqual([...used].sort(), el.cssProperties.map((p) => p.name).sort());
  });

  test("parts, attributes and events in the running element are the manifest's", async () => {
    await withPage("/__test__/fixture.html", async (page) => {
      await page.waitForFunction(() => document.querySelector("incentive-widget")?.statement != null, null, { timeout: 20_000 });
      const seen = await page.evaluate(async () => {
        // A plan year beside the fixture: its strip of pay periods has parts of its own.
        const year = document.createElement("incentive-widget");
        year.setAttribute("participant", "rep-ada");
        year.setAttribute("plan-src", "/__year__/ytd-marginal-12/plan.json");
        year.setAttribute("activity-src", "/__year__/ytd-marginal-12/activity.json");
        document.body.append(year);
        await year.updateComplete;
        // A statement with total pay (salary, adjustments): the total pay panel's parts.
        const pay = document.createElement("incentive-widget");
        pay.setAttribute("participant", "rep-q");
        pay.setAttribute("plan-src", "/__total__/quarter-salary/plan.json");
        pay.setAttribute("activity-src", "/__total__/quarter-salary/activity.json");
        document.body.append(pay);
        await pay.updateComplete;
        // An activity with a lead ledger (the demo's sample): the pipeline panel's parts.
        const leads = document.createElement("incentive-widget");
        leads.setAttribute("participant", "rep-ada");
        leads.setAttribute("plan-src", "/sample/plan.json");
        leads.setAttribute("activity-src", "/sample/activity.json");
        document.body.append(leads);
        await leads.updateComplete;
        // A manager's team view with a member opened: the team panel's parts.
        const team = document.createElement("incentive-widget");
        team.setAttribute("participant", "mgr-dee");
        team.setAttribute("view", "team");
        team.setAttribute("plan-src", "/sample/plan.json");
        team.setAttribute("activity-src", "/sample/activity.json");
        document.body.append(team);
        await team.updateComplete;
        team.shadowRoot.querySelector("[part~='team-open']").click();
        // A rep among eight peers: "Where you stand".
        const peers = document.createElement("incentive-widget");
        peers.participant = "r3";
        peers.plan = { name: "P", currency: "USD", period: { start: "2027-01-01", end: "2027-03-31" }, roles: [{ id: "rep", name: "Rep", components: [{ kind: "commission", name: "C", rate: "0.1" }] }] };
        peers.activity = {
          participants: [0, 1, 2, 3, 4, 5, 6, 7].map((i) => ({ id: `r${i}`, role: "rep", quota: "1000" })),
          deals: [0, 1, 2, 3, 4, 5, 6, 7].map((i) => ({ id: `D${i}`, type: "new", close_date: "2027-02-01", amount: String(200 * (i + 1)), owners: [{ participant: `r${i}`, split: "1" }] })),
        };
        document.body.append(peers);
        await peers.updateComplete;
        const w = document.querySelector("incentive-widget");
        await w.updateComplete;
        const root = w.shadowRoot;
        root.querySelector("[part~='whatif-toggle']").click();
        for (const d of root.querySelectorAll("details")) d.open = true;
        // "toggle" is a task of its own: the views that fill on it, filled.
        await new Promise((r) => setTimeout(r, 0));
        // One change, so that a change row is on screen too.
        [...root.querySelectorAll(".wi-revenue button")].find((b) => b.textContent === "+1% of goal").click();
        await w.updateComplete;
        const parts = new Set();
        for (const r of [root, year.shadowRoot, pay.shadowRoot, leads.shadowRoot, team.shadowRoot, peers.shadowRoot]) for (const n of r.querySelectorAll("[part]")) for (const p of n.getAttribute("part").split(/\s+/)) if (p) parts.add(p);
        return { parts: [...parts].sort(), observed: [...customElements.get("incentive-widget").observedAttributes].sort() };
      });
      const documented = el.cssParts.map((p) => p.name).sort();
      assert.deepEqual(seen.parts.filter((p) => !documented.includes(p)), [], "parts on screen the manifest does not name");
      assert.deepEqual(documented.filter((p) => !seen.parts.includes(p)), [], "parts the manifest names that are not on screen");
      assert.deepEqual(seen.observed, el.attributes.map((a) => a.name).sort());
    });
    // The events the element fires: the names in its source.
    const source = files(WWW, [".js"]).map((f) => readFileSync(f, "utf8")).join("\n");
    const fired = new Set([...source.matchAll(/#emit\("([a-z-]+)"/g)].map((x) => x[1]));
    assert.deepEqual([...fired].sort(), el.events.map((e) => e.name).sort());
  });
});

describe("a plan year", () => {
  test("the strip shows every pay period's figures as the engine gives them; choosing one shows it and sets `period`", async () => {
    await withPage("/__test__/blank.html", async (page) => {
      const got = await page.evaluate(async () => {
        await customElements.whenDefined("incentive-widget");
        const w = document.createElement("incentive-widget");
        w.setAttribute("participant", "rep-ada");
        w.setAttribute("locale", "en-US");
        w.setAttribute("plan-src", "/__year__/ytd-marginal-12/plan.json");
        w.setAttribute("activity-src", "/__year__/ytd-marginal-12/activity.json");
        document.body.append(w);
        await w.updateComplete;
        const root = w.shadowRoot;
        const read = () => ({
          buttons: root.querySelectorAll("[part~='period-button']").length,
          pressed: [...root.querySelectorAll("[part~='period-button']")].findIndex((b) => b.getAttribute("aria-pressed") === "true"),
          earned: root.querySelector(".figure-earned .figure-value").textContent,
          due: root.querySelector(".figure-due .figure-value").textContent,
          toDate: root.querySelector("[part~='period-to-date']").textContent,
        });
        const first = read();
        root.querySelectorAll("[part~='period-button']")[2].click();
        await w.updateComplete;
        const third = { ...read(), attribute: w.getAttribute("period") };
        const plan = await (await fetch("/__year__/ytd-marginal-12/plan.json")).text();
        const activity = await (await fetch("/__year__/ytd-marginal-12/activity.json")).text();
        const { Engine } = await import("/incentive-widget/incentive_widget.js");
        const e = new Engine(plan, activity);
        const strip = e.periodStatements("rep-ada");
        const { current } = e.periods();
        e.free();
        return { first, third, strip, current };
      });
      const money = (v) => new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(v);
      assert.equal(got.first.buttons, got.strip.length);
      const now = got.strip.findIndex((p) => p.period === got.current);
      assert.equal(got.first.pressed, now, "the current pay period is shown first");
      assert.equal(got.first.earned, money(got.strip[now].earned));
      assert.equal(got.third.attribute, got.strip[2].period);
      assert.equal(got.third.pressed, 2);
      assert.equal(got.third.earned, money(got.strip[2].earned));
      assert.equal(got.third.due, money(got.strip[2].due));
      assert.match(got.third.toDate, new RegExp(`earned ${money(got.strip[2].earned_to_date).replace(/[$.]/g, "\\$&")}.*${money(got.strip[2].balance).replace(/[$.]/g, "\\$&")} carried`));
    });
  });
});

describe("a plan year's lines", () => {
  test("How it adds up shows the shown pay period's lines — deals, releases, true-ups — each with the engine's sentence", async () => {
    await withPage("/__test__/blank.html", async (page) => {
      const got = await page.evaluate(async () => {
        await customElements.whenDefined("incentive-widget");
        const w = document.createElement("incentive-widget");
        w.setAttribute("participant", "rep-ada");
        w.setAttribute("locale", "en-US");
        w.setAttribute("plan-src", "/__year__/quarterly-true-up/plan.json");
        w.setAttribute("activity-src", "/__year__/quarterly-true-up/activity.json");
        document.body.append(w);
        await w.updateComplete;
        const root = w.shadowRoot;
        const plan = await (await fetch("/__year__/quarterly-true-up/plan.json")).text();
        const activity = await (await fetch("/__year__/quarterly-true-up/activity.json")).text();
        const { Engine } = await import("/incentive-widget/incentive_widget.js");
        const e = new Engine(plan, activity);
        const strip = e.periodStatements("rep-ada");
        e.free();
        const views = [];
        for (let k = 0; k < strip.length; k += 1) {
          root.querySelectorAll("[part~='period-button']")[k].click();
          await w.updateComplete;
          for (const d of root.querySelectorAll("[part~='components'] [part~='component']")) d.open = true;
          await new Promise((r) => setTimeout(r, 0));
          const comps = [...root.querySelectorAll("[part~='components'] [part~='component']")].map((c) => ({
            name: c.querySelector(".component-name").textContent,
            amount: c.querySelector(".component-amount").textContent,
            lines: [...c.querySelectorAll("tr.line")].map((tr) => ({ name: tr.querySelector(".deal-name").textContent, meta: tr.querySelector(".deal-meta").textContent, payable: tr.querySelectorAll("td.num")[2].textContent })),
          }));
          const firstWhy = root.querySelector("[part~='components'] tr.line .explain-button");
          let sentence = null;
          if (firstWhy) {
            firstWhy.click();
            sentence = root.getElementById(firstWhy.getAttribute("aria-controls")).querySelector(".explain").textContent;
          }
          views.push({ heading: root.querySelector("[part~='components'] h3").textContent, comps, sentence });
        }
        return { strip, views };
      });
      const money = (v) => new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(v);
      let trueUps = 0;
      got.strip.forEach((p, k) => {
        const view = got.views[k];
        assert.match(view.heading, /^How .+ adds up$/);
        for (const c of p.components.filter((x) => x.kind !== "modifier")) {
          const shown = view.comps.find((x) => x.name === c.name);
          assert.ok(shown, `${p.period}: ${c.name}`);
          if (c.kind === "bonus") continue;
          assert.equal(shown.amount, money(c.earned), `${p.period}: ${c.name} earned in the period`);
          assert.deepEqual(shown.lines.map((l) => l.payable), c.lines.map((l) => money(l.payable)), `${p.period}: ${c.name} lines`);
          trueUps += c.lines.filter((l) => l.kind === "true_up").length;
          c.lines.forEach((l, i) => {
            if (l.kind === "true_up") assert.equal(shown.lines[i].name, "True-up");
            if (l.kind === "release") assert.match(shown.lines[i].meta, /released now/);
          });
        }
        const first = p.components.filter((c) => c.kind === "commission" || c.kind === "spif").flatMap((c) => c.lines)[0];
        if (first && view.sentence !== null) assert.equal(view.sentence, first.explain, `${p.period}: the engine's sentence`);
      });
      assert.ok(trueUps >= 1, "a true-up line is shown");
    });
  });
});

describe("no plan rule in www/", () => {
  test("no band search, discount, clawback or applies_to logic, no copied vocabulary", () => {
    const found = [];
    // What a re-derived rule looks like: the plan's own fields read to decide
    // something (bands compared, applies_to defaulted, a list price divided,
    // stages tested for cancellation) or the engine's lists copied.
    const RULES = [
      [/applies_to\s*(\?\?|\|\|)|isArray\([^)]*applies_to|\.applies_to\.map\(String\)/, "defaults applies_to (the engine's facts say what a modifier multiplies)"],
      [/\.bands\b.*\bcompare\(|compare\([^)]*\.from\b/, "compares against band edges (the engine's facts give the band in force)"],
      [/stage\s*===?\s*"cancelled"/, "tests for cancelled deals (the engine's facts give clawbacks)"],
      [/divide\((amount|[^)]*list)|add\("1",\s*`-/, "works out a list price or a discount (the engine prices discounts)"],
      [/\["new",\s*"expansion",\s*"renewal"\]|\["booked",\s*"installed"/, "copies the engine's vocabulary (vocabulary())"],
      [/MAX_CHANGES\s*=/, "copies an engine limit (vocabulary().limits)"],
    ];
    for (const f of files(WWW, [".js"])) {
      if (f.includes(`${join("www", "demo")}`) || f.includes(`${join("www", "pkg-demo")}`)) continue; // sample data and the package demo
      readFileSync(f, "utf8").split("\n").forEach((line, i) => {
        if (/^\s*(\/\/|\*)/.test(line)) return;
        for (const [re, why] of RULES) if (re.test(line)) found.push(`${f.slice(ROOT.length + 1)}:${i + 1}: ${why}`);
      });
    }
    assert.deepEqual(found, []);
  });
});
