// The plan year through the package (issue 13): periods(), statement(p, { period })
// and periodStatements(p), on the repository's plan-year fixtures.
//
//   node --test tests/node/plan-year.test.mjs     (needs pkg/: bash scripts/build.sh)
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import init, { Engine } from "../../pkg/incentive_widget.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const fixture = (name, file) => JSON.parse(readFileSync(join(ROOT, "tests/fixtures/plan-year", name, file), "utf8"));
const engineOf = (name) => new Engine(fixture(name, "plan.json"), fixture(name, "activity.json"));

before(async () => {
  await init({ module_or_path: readFileSync(join(ROOT, "pkg", "incentive_widget_bg.wasm")) });
});

test("periods() lists the pay periods and the one of the as-of date", () => {
  const e = engineOf("installed-next-month");
  const { periods, current } = e.periods();
  assert.deepEqual(periods.map((p) => p.id), ["2027-01", "2027-02", "2027-03"]);
  assert.deepEqual(periods[1], { id: "2027-02", start: "2027-02-01", end: "2027-02-28" });
  assert.equal(current, "2027-03");
});

test("statement(participant, { period }) is that pay period's statement", () => {
  const e = engineOf("installed-next-month");
  const feb = e.statement("rep-ada", { period: "2027-02" });
  assert.equal(feb.period, "2027-02");
  assert.equal(feb.earned, "1000.00");
  assert.equal(feb.payable, "2800.00");
  assert.equal(feb.balance, "2800.00");
  const release = feb.components[0].lines.find((l) => l.kind === "release");
  assert.equal(release.deal, "D-1");
  assert.equal(release.payable, "1800.00");
  assert.match(release.explain, /50% at installed 2027-02-03/);
  // Without options: the version-1 statement of the whole plan period.
  assert.equal(e.statement("rep-ada").next_tier, null);
  assert.equal(e.statement("rep-ada").period, undefined);
});

test("periodStatements() gives the year's strip; the same figures as statement(p, { period })", () => {
  const e = engineOf("one-third-schedule");
  const all = e.periodStatements("rep-ada");
  assert.deepEqual(all.map((s) => s.payable), ["20.00", "53.33", "53.33", "33.34"]);
  for (const s of all) assert.deepEqual(e.statement("rep-ada", { period: s.period }), s);
});

test("an unknown period throws unknown_period with the ids", () => {
  const e = engineOf("clawbacks");
  assert.throws(() => e.statement("rep-half", { period: "2027-13" }), (err) => {
    assert.equal(err.code, "unknown_period");
    assert.equal(err.problems[0].path, "period");
    assert.match(err.problems[0].message, /"2027-13" is not a pay period of the plan/);
    return true;
  });
  assert.throws(() => e.statement("rep-half", { period: 7 }), (err) => err.code === "unknown_period");
  assert.equal(e.statement("rep-half", { period: "2027-08" }).due, "-5000.00");
});
