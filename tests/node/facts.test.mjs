// The package's facts() and vocabulary(): what a screen shows beside a
// statement, decided by the engine (the element renders these and works no
// plan rule out in JavaScript). Compared with the native engine's own
// figures through the statement they explain.
//
//   node --test tests/node/facts.test.mjs   (needs pkg/: bash scripts/build.sh)
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import init, { Engine, vocabulary } from "../../pkg/incentive_widget.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

before(async () => {
  await init({ module_or_path: readFileSync(join(ROOT, "pkg", "incentive_widget_bg.wasm")) });
});

function plan(target) {
  return {
    format: "incentive-plan/1", name: "Facts", currency: "USD",
    period: { start: "2027-01-01", end: "2027-03-31" },
    company_goal: { target },
    roles: [{ id: "ae", name: "AE", components: [
      { kind: "commission", name: "New logos", rate: "0.10",
        tiers: { mode: "retroactive", bands: [{ from: "0", multiplier: "1" }, { from: "1", multiplier: "1.5" }] } },
      { kind: "modifier", name: "Company goal", measure: "company",
        bands: [{ from: "0", multiplier: "0.9" }, { from: "1", multiplier: "1.1" }] },
    ] }],
  };
}

function activity(revenue, extraDeals = [], payments = []) {
  return {
    company: { revenue },
    participants: [{ id: "rep", role: "ae", quota: "100000" }],
    deals: [{ id: "D1", type: "new", close_date: "2027-01-10", amount: "60000",
              owners: [{ participant: "rep", split: "1" }] }, ...extraDeals],
    payments,
  };
}

test("a modifier's band a hair either side of its edge is the engine's, whatever the rounded value says", () => {
  // 0.999999999999999… of target prints as "1" (12 places) but is below the edge.
  const below = new Engine(plan("999999999999.999"), activity("999999999999.998")).facts("rep");
  assert.equal(below.modifiers[0].value, "1");
  assert.equal(below.modifiers[0].band, 0);
  assert.equal(below.modifiers[0].multiplier, "0.9");
  const above = new Engine(plan("999999999999.999"), activity("999999999999.999"));
  assert.equal(above.facts("rep").modifiers[0].band, 1);
  // and the statement moved with it: 60,000 × 10% × 1.1
  assert.equal(above.statement("rep").components[0].earned, "6600.00");
  assert.deepEqual(above.facts("rep").modifiers[0].applies_to, ["New logos"]);
});

test("tier edges in money, clawbacks and deals that do not count", () => {
  const cancelled = { id: "D2", type: "new", close_date: "2027-02-01", amount: "5000", stage: "cancelled",
                      owners: [{ participant: "rep", split: "1" }] };
  const later = { id: "D3", type: "new", close_date: "2027-05-01", amount: "5000",
                  owners: [{ participant: "rep", split: "1" }] };
  const e = new Engine(plan("1000000"), activity("500000", [cancelled, later], [{ participant: "rep", deal: "D2", amount: "500" }]));
  const f = e.facts("rep");
  assert.deepEqual(f.tiers[0].bands.map((b) => b.quota_credit), ["0.00", "100000.00"]);
  assert.equal(f.tiers[0].band, 0);
  const d2 = f.deals.find((d) => d.id === "D2");
  assert.equal(d2.not_counted, "cancelled");
  assert.equal(d2.clawback, "-500.00");
  assert.equal(f.deals.find((d) => d.id === "D3").not_counted, "outside the plan period");
  assert.equal(f.company.revenue, "500000");
});

test("the vocabulary is the engine's", () => {
  const v = vocabulary();
  assert.deepEqual(v.deal_types, ["new", "expansion", "renewal"]);
  assert.deepEqual(v.stages, ["booked", "installed", "activated", "cancelled"]);
  assert.equal(v.limits.max_changes, 10000);
  assert.ok(v.attribution_models.includes("w_shaped"));
});

test("facts of an unknown participant is an IncentiveError", () => {
  const e = new Engine(plan("1000000"), activity("1"));
  assert.throws(() => e.facts("nobody"), (err) => err.code === "unknown_participant");
});
