// The WebAssembly package tested the way a user consumes it: import pkg/
// (built by `bash scripts/build.sh`), give init the .wasm bytes (Node has no
// fetch of file: URLs), and compare with the `incentive` CLI, which is the
// same core compiled natively.
//
//   node --test tests/node/
//
// Needs pkg/ and target/{release,debug}/incentive (scripts/test.sh builds
// both); INCENTIVE_BIN overrides the CLI's path.
import { test, describe, before } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import init, { Engine, version } from "../../pkg/incentive_widget.js";
import { cliPath } from "../helpers/cli.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const FIXTURES = join(ROOT, "..", "shared", "fixtures");


const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));

/** `incentive score` on these documents, parsed. */
function cliScore(plan, activity) {
  const dir = mkdtempSync(join(tmpdir(), "incentive-pkg-test-"));
  try {
    writeFileSync(join(dir, "plan.json"), JSON.stringify(plan));
    writeFileSync(join(dir, "activity.json"), JSON.stringify(activity));
    const out = execFileSync(cliPath(), ["score", "--plan", join(dir, "plan.json"), "--activity", join(dir, "activity.json")], {
      encoding: "utf8",
    });
    return JSON.parse(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every fixture folder with a plan and an activity. */
function fixtures() {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(FIXTURES, d.name, "plan.json")) && existsSync(join(FIXTURES, d.name, "activity.json")))
    .map((d) => d.name)
    .sort();
}

function fixture(name) {
  const dir = join(FIXTURES, name);
  return { plan: readJson(join(dir, "plan.json")), activity: readJson(join(dir, "activity.json")), dir };
}

/** Asserts `fn` throws an IncentiveError with this code; returns it. */
function throwsIncentive(fn, code) {
  let caught;
  assert.throws(fn, (e) => {
    caught = e;
    return true;
  });
  assert.ok(caught instanceof Error, `a real Error, got ${caught}`);
  assert.equal(caught.name, "IncentiveError");
  assert.equal(caught.code, code, caught.message);
  assert.ok(Array.isArray(caught.problems) && caught.problems.length > 0, "problems is a non-empty array");
  for (const p of caught.problems) {
    assert.deepEqual(Object.keys(p).sort(), ["message", "path"]);
    assert.equal(typeof p.path, "string");
    assert.equal(typeof p.message, "string");
  }
  assert.equal(caught.message, caught.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
  return caught;
}

const byId = (statements, id) => statements.find((s) => s.participant === id);

before(async () => {
  await init({ module_or_path: readFileSync(join(ROOT, "pkg", "incentive_widget_bg.wasm")) });
});

test("version is the crate's", () => {
  const cargo = readFileSync(join(ROOT, "Cargo.toml"), "utf8");
  assert.equal(version(), cargo.match(/^version = "([^"]+)"/m)[1]);
});

test("the declarations name our types: no `any` in the public API", () => {
  const dts = readFileSync(join(ROOT, "pkg", "incentive_widget.d.ts"), "utf8");
  // wasm-bindgen's InitOutput (raw wasm exports) is internal; the rest is ours.
  const api = dts.slice(0, dts.indexOf("export interface InitOutput"));
  assert.ok(api.includes("export class Engine"), "Engine is declared");
  assert.doesNotMatch(api, /\bany\b/);
  for (const name of ["Plan", "Activity", "Deal", "Statement", "ComponentStatement", "StatementLine", "NextTier", "Problem", "IncentiveError"]) {
    assert.match(api, new RegExp(`export (interface|type) ${name}\\b`), name);
  }
  assert.match(api, /constructor\(plan: Plan \| string, activity: Activity \| string\)/);
  assert.match(api, /statements\(\): Statement\[\];/);
});

describe("every fixture: Engine gives the CLI's statements", () => {
  const names = fixtures();
  test("fixtures are there", () => assert.ok(names.length >= 1, `no fixtures in ${FIXTURES}`));
  for (const name of names) {
    test(name, () => {
      const { plan, activity } = fixture(name);
      const expected = cliScore(plan, activity);
      const engine = new Engine(plan, activity);
      try {
        const got = engine.statements();
        assert.deepStrictEqual(got, expected);
        for (const s of expected) assert.deepStrictEqual(engine.statement(s.participant), s);
        // JSON text in gives the same as objects in.
        const fromText = new Engine(JSON.stringify(plan), JSON.stringify(activity));
        assert.deepStrictEqual(fromText.statements(), expected);
        fromText.free();
      } finally {
        engine.free();
      }
    });
  }
});

test("text beyond ASCII comes back as given (results cross as escaped ASCII JSON)", () => {
  const { plan, activity } = fixture(fixtures()[0]);
  const odd = "rep-é→😀\u2028";
  const a = structuredClone(activity);
  const old = a.participants[0].id;
  a.participants[0].id = odd;
  for (const d of a.deals ?? []) for (const o of d.owners ?? []) if (o.participant === old) o.participant = odd;
  for (const d of a.deals ?? []) for (const t of d.touches ?? []) if (t.participant === old) t.participant = odd;
  for (const p of a.payments ?? []) if (p.participant === old) p.participant = odd;
  const engine = new Engine(plan, a);
  try {
    const s = engine.statement(odd);
    assert.equal(s.participant, odd);
    assert.equal(engine.statements()[0].participant, odd);
    assert.match(JSON.stringify(s), /×|=/);
  } finally {
    engine.free();
  }
});

describe("errors are Errors with code and problems; the engine keeps answering", () => {
  const { plan, activity } = fixture("joint-company-goal");

  test("a bad plan", () => {
    const bad = structuredClone(plan);
    bad.roles[0].components[0].rate = "ten percent";
    bad.currency_scle = 2;
    const e = throwsIncentive(() => new Engine(bad, activity), "invalid_plan");
    assert.ok(e.problems.some((p) => p.path === "plan.roles[0].components[0].rate"), e.message);
    assert.ok(e.problems.some((p) => p.path.startsWith("plan.currency_scle")), e.message);
  });

  test("a bad activity, and JSON that is not JSON", () => {
    const bad = structuredClone(activity);
    bad.deals[0].owners[0].split = "0.5";
    throwsIncentive(() => new Engine(plan, bad), "invalid_activity");
    throwsIncentive(() => new Engine("{ not json", activity), "invalid_json");
    throwsIncentive(() => new Engine(), "invalid_plan");
  });

  test("after errors on every method the same engine answers as before", () => {
    const engine = new Engine(plan, activity);
    const before = engine.statements();
    const cyclic = structuredClone(plan);
    cyclic.self = cyclic;
    throwsIncentive(() => new Engine(cyclic, activity), "invalid_json");
    throwsIncentive(() => engine.statement("nobody"), "unknown_participant");
    throwsIncentive(() => engine.removeDeal("D-404"), "unknown_deal");
    throwsIncentive(() => engine.upsertDeal({ id: "D-101", type: "new" }), "invalid_activity");
    throwsIncentive(() => engine.upsertDeal({ ...activity.deals[0], owners: [{ participant: "rep-ada", split: "2" }] }), "invalid_activity");
    const deal = { id: "D-9" };
    deal.loop = deal;
    throwsIncentive(() => engine.upsertDeal(deal), "invalid_json");
    let deep = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    throwsIncentive(() => engine.upsertDeal({ id: "D-9", deep }), "invalid_json");
    throwsIncentive(() => engine.upsertDeal(() => 1), "invalid_json");
    throwsIncentive(() => engine.setCompanyRevenue("-1"), "invalid_activity");
    throwsIncentive(() => engine.setCompanyRevenue(10n), "invalid_json");
    throwsIncentive(() => engine.setCompanyRevenue("1e999"), "invalid_activity");
    throwsIncentive(() => engine.setMetric("rep-ada", "lead_followup", "lots"), "invalid_activity");
    throwsIncentive(() => engine.setMetric("nobody", "lead_followup", "1"), "unknown_participant");
    // Arguments of the wrong JS type are errors too, never a trap.
    throwsIncentive(() => engine.statement(42), "unknown_participant");
    throwsIncentive(() => engine.statement(), "unknown_participant");
    throwsIncentive(() => engine.removeDeal({ id: "D-101" }), "unknown_deal");
    throwsIncentive(() => engine.setMetric("rep-ada", null, "1"), "invalid_activity");
    const freed = new Engine(plan, activity);
    freed.free();
    assert.throws(() => freed.statements(), Error);
    assert.deepStrictEqual(engine.statements(), before);
    engine.free();
  });
});

describe("live updates change the numbers as the CLI does", () => {
  const { plan, activity } = fixture("joint-company-goal");
  const newDeal = {
    id: "D-106", name: "Fir Partners", type: "new", source: "sales", close_date: "2027-03-25",
    amount: "50000", owners: [{ participant: "rep-ada", split: "1" }],
  };

  test("upsertDeal adds a deal, then replaces it", () => {
    const engine = new Engine(plan, activity);
    assert.deepStrictEqual(engine.upsertDeal(newDeal), ["rep-ada"]);
    const ada = engine.statement("rep-ada");
    assert.equal(ada.earned, "22000.00"); // 16,500 + 50,000 × 10% × 1.1
    assert.equal(ada.quota_credit, "200000.00");
    assert.equal(ada.attainment, "1");
    assert.deepStrictEqual(engine.statements(), cliScore(plan, { ...activity, deals: [...activity.deals, newDeal] }));

    const moved = { ...newDeal, amount: 20000, owners: [{ participant: "rep-ben", split: "1" }] };
    assert.deepStrictEqual(engine.upsertDeal(moved), ["rep-ada", "rep-ben"]);
    assert.equal(engine.statement("rep-ada").earned, "16500.00");
    assert.deepStrictEqual(engine.statements(), cliScore(plan, { ...activity, deals: [...activity.deals, moved] }));
    engine.free();
  });

  test("removeDeal", () => {
    const engine = new Engine(plan, activity);
    assert.deepStrictEqual(engine.removeDeal("D-102"), ["rep-ada"]);
    assert.equal(engine.statement("rep-ada").earned, "6600.00");
    assert.deepStrictEqual(engine.statements(), cliScore(plan, { ...activity, deals: activity.deals.filter((d) => d.id !== "D-102") }));
    throwsIncentive(() => engine.removeDeal("D-102"), "unknown_deal");
    engine.free();
  });

  test("setCompanyRevenue: string, number, null", () => {
    const engine = new Engine(plan, activity);
    engine.setCompanyRevenue("3000000");
    const ada = engine.statement("rep-ada");
    assert.equal(ada.company_attainment, "0.75");
    assert.equal(ada.earned, "13500.00"); // 150,000 × 10% × 0.9
    assert.deepStrictEqual(engine.statements(), cliScore(plan, { ...activity, company: { revenue: "3000000" } }));

    engine.setCompanyRevenue(4800000);
    assert.equal(engine.statement("rep-ada").company_attainment, "1.2");
    assert.deepStrictEqual(engine.statements(), cliScore(plan, { ...activity, company: { revenue: 4800000 } }));

    engine.setCompanyRevenue(null); // back to the sum of counted deals: 390,000
    assert.equal(engine.statement("rep-ada").company_attainment, "0.0975");
    const { company, ...noCompany } = activity;
    assert.ok(company);
    assert.deepStrictEqual(engine.statements(), cliScore(plan, noCompany));
    engine.free();
  });

  test("setMetric", () => {
    const metricPlan = {
      format: "incentive-plan/1", name: "Metric plan", currency: "EUR",
      period: { start: "2027-01-01", end: "2027-03-31" },
      roles: [{
        id: "sdr", name: "Sales development",
        components: [{
          kind: "bonus", name: "Follow-up bonus", target: "1000", measure: { metric: "lead_followup" },
          curve: [{ at: "0.8", payout: "0.5" }, { at: "1", payout: "1" }], max_payout: "1",
        }],
      }],
    };
    const metricActivity = {
      participants: [{ id: "sdr-dee", role: "sdr", metrics: { lead_followup: "0.9" } }],
      deals: [],
    };
    const engine = new Engine(metricPlan, metricActivity);
    assert.equal(engine.statement("sdr-dee").earned, "750.00");
    assert.deepStrictEqual(engine.statements(), cliScore(metricPlan, metricActivity));
    engine.setMetric("sdr-dee", "lead_followup", "1.05");
    assert.equal(engine.statement("sdr-dee").earned, "1000.00");
    engine.setMetric("sdr-dee", "lead_followup", 0.85);
    assert.equal(engine.statement("sdr-dee").earned, "625.00");
    assert.deepStrictEqual(
      engine.statements(),
      cliScore(metricPlan, { ...metricActivity, participants: [{ ...metricActivity.participants[0], metrics: { lead_followup: 0.85 } }] }),
    );
    engine.free();
  });
});

describe("what-if, curve, what it takes, headline: the core's answers, the engine unchanged", () => {
  const { plan, activity } = fixture("marginal-vs-retroactive");

  test("whatIf gives baseline, scenario, delta and per-change effects", () => {
    const engine = new Engine(plan, activity);
    const before = engine.statements();
    // Mia at 1.2: a 60,000 new deal goes 1.2 → 1.5, all in the ×1.5 band: 60,000 × 10% × 1.5 = 9,000.
    const r = engine.whatIf("rep-mia", [
      { op: "add_deal", deal: { id: "M-9", type: "new", close_date: "2027-03-30", amount: "60000", owners: [{ participant: "rep-mia", split: "1" }] } },
      { op: "set_amount", deal: "M-1", amount: "0" },
    ]);
    assert.equal(r.baseline.earned, "16000.00");
    assert.equal(r.changes[0].delta.earned, "9000.00");
    assert.equal(r.changes[0].op, "add_deal");
    assert.equal(r.scenario.earned, r.changes[1].earned);
    const sum = r.changes.reduce((acc, c) => acc + Number(c.delta.earned), 0);
    assert.equal(sum.toFixed(2), r.delta.earned);
    assert.deepStrictEqual(engine.statements(), before, "the engine is unchanged");
    const quick = engine.whatIf("rep-mia", [{ op: "set_amount", deal: "M-1", amount: "0" }], { explain: false });
    assert.equal(quick.scenario.earned, engine.whatIf("rep-mia", [{ op: "set_amount", deal: "M-1", amount: "0" }]).scenario.earned);
    assert.ok(quick.scenario.components[0].lines.every((l) => l.explain === ""));
    const e = throwsIncentive(() => engine.whatIf("rep-mia", [{ op: "set_amount", deal: "M-1", amount: "-1" }]), "invalid_change");
    assert.equal(e.problems[0].path, "changes[0].amount");
    assert.equal(engine.statement("rep-mia").earned, "16000.00");
    engine.free();
  });

  test("curve, whatItTakes, headline and totals", () => {
    const engine = new Engine(plan, activity);
    const points = engine.curve("rep-mia", { to_attainment: "2", points: 5 });
    assert.deepStrictEqual(points.map((p) => p.attainment), ["0", "0.5", "1", "1.5", "2"]);
    assert.equal(points[2].quota_credit, "200000.00");
    const t = engine.whatItTakes("rep-lee", { type: "new" });
    assert.equal(t.next_tier.quota_credit_needed, "20000.00");
    assert.equal(t.amount_needed, "20000.00");
    // Lee at 0.4 retroactive: a 20,000 deal lifts him to 0.5 (×1): (80,000 + 20,000) × 10% = 10,000.
    assert.equal(t.extra_earned, "10000.00");
    const head = engine.headline("rep-raj");
    const full = engine.statement("rep-raj");
    assert.equal(head.earned, full.earned);
    assert.ok(head.components[0].lines.every((l) => l.explain === ""));
    // totals(): the same figures, no lines.
    const totals = engine.totals("rep-raj");
    const { components: tc, ...tRest } = totals;
    const { components: fc, ...fRest } = full;
    assert.deepStrictEqual(tRest, fRest);
    assert.deepStrictEqual(
      tc,
      fc.map((c) => ({ ...c, lines: [] })),
    );
    engine.free();
  });
});
