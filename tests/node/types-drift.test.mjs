// The TypeScript declarations (src/wasm/types.d.ts, shipped in pkg/) against
// what the Rust engine really returns: every answer of the package on every
// shared fixture, plan-year and total-pay fixture is written out as a typed
// constant (`const x: Statement = {…}`) and type-checked with tsc. A field
// the engine sends that the declarations lack (an excess property), a
// declared field it never sends (a missing property) or a wrong type (a
// number where a decimal string is declared) fails the check — the
// declarations cannot drift from the Rust types unnoticed.
//
//   node --test tests/node/types-drift.test.mjs   (needs pkg/ and node_modules/)
//
// The generated file goes to target/types-drift/ (ignored by git).

import { test, before } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import init, { Engine, readAmount, vocabulary } from "../../pkg/incentive_widget.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const OUT = join(ROOT, "target", "types-drift");
const SHARED = join(ROOT, "..", "shared", "fixtures");
const YEAR = join(ROOT, "tests", "fixtures", "plan-year");
const TOTAL = join(ROOT, "tests", "fixtures", "total-pay");
const RATES = join(ROOT, "tests", "fixtures", "rate-tables");
const PIPELINE = join(ROOT, "tests", "fixtures", "pipeline");
const TEAMS = join(ROOT, "tests", "fixtures", "teams");

before(async () => {
  await init({ module_or_path: readFileSync(join(ROOT, "pkg", "incentive_widget_bg.wasm")) });
});

/** Fixture folders holding a plan.json and an activity.json. */
function fixtures() {
  const dirs = [];
  for (const base of [SHARED, YEAR, TOTAL, RATES, PIPELINE, TEAMS]) {
    if (!existsSync(base)) continue;
    for (const d of readdirSync(base, { withFileTypes: true })) {
      const dir = join(base, d.name);
      if (d.isDirectory() && existsSync(join(dir, "plan.json")) && existsSync(join(dir, "activity.json"))) dirs.push(dir);
    }
  }
  return dirs;
}

/** Every kind of answer the package gives, as [type, value] pairs. */
function answers(dir) {
  const plan = readFileSync(join(dir, "plan.json"), "utf8");
  const activity = JSON.parse(readFileSync(join(dir, "activity.json"), "utf8"));
  const engine = new Engine(plan, JSON.stringify(activity));
  const out = [];
  try {
    out.push(["Vocabulary", vocabulary()]);
    out.push(["AmountRead", readAmount("$30k")], ["AmountRead", readAmount("x")]);
    out.push(["Person[]", engine.people()]);
    const periods = engine.periods();
    out.push(["PayPeriods", periods]);
    for (const p of activity.participants ?? []) {
      const id = p.id;
      out.push(["Statement", engine.statement(id)], ["Statement", engine.headline(id)], ["Statement", engine.totals(id)]);
      out.push(["Facts", engine.facts(id)], ["Facts", engine.facts(id, { deals: false })]);
      out.push(["Deal[]", engine.deals(id)]);
      out.push(["Activity", engine.activityFor(id)]);
      out.push(["Payouts", engine.payouts(id)]);
      out.push(["TeamStatement", engine.team(id)], ["BenchmarkStanding", engine.standing(id)]);
      if (p.quota !== undefined && p.quota !== null) {
        out.push(["CurvePoint[]", engine.curve(id, { points: 5 })]);
        out.push(["WhatItTakes", engine.whatItTakes(id, { type: "new" })]);
      }
      out.push(["WhatIf", engine.whatIf(id, [{ op: "set_company_revenue", amount: "1000000" }])]);
      const csv = `name,amount,close_date,stage,discount,owner\nA,"$1,000",2027-03-01,Negotiation,10%,\nB,x,2027-03-01,,,nobody\n`;
      out.push(["ImportedDeals", engine.importDeals(id, csv, { file: "a.csv", mapping: { columns: { name: "name", amount: "amount", close_date: "close_date", stage: "stage", discount: "discount", owner: "owner" } } })]);
      if (activity.leads) {
        out.push(["PipelineView", engine.pipeline(id)]);
        out.push(["Lead[]", engine.leads(id)]);
        // A lead no deal names (one a deal names cannot be removed).
        const named = new Set((activity.deals ?? []).map((d) => d.lead).filter(Boolean));
        const lead = activity.leads.find((l) => (l.routed_to === id || l.created_by === id) && !named.has(l.id));
        if (lead) out.push(["WhatIf", engine.whatIf(id, [{ op: "upsert_lead", lead: { ...lead, status: "accepted" } }, { op: "remove_lead", lead: lead.id }])]);
      }
      if (periods.periods.length > 1) {
        out.push(["PeriodStatement", engine.statement(id, { period: periods.periods[0].id })]);
        out.push(["PeriodStatement[]", engine.periodStatements(id)]);
      }
    }
    out.push(["Statement[]", engine.statements()], ["Benchmarks", engine.benchmarks()]);
  } finally {
    engine.free();
  }
  return out;
}

test("every answer of the package type-checks against its declaration, both ways", () => {
  const dirs = fixtures();
  assert.ok(dirs.length >= 6, `fixtures found: ${dirs.length}`);
  const lines = [`import type * as T from "../../pkg/incentive_widget.js";`, ""];
  const kinds = new Map();
  let n = 0;
  for (const dir of dirs) {
    for (const [type, value] of answers(dir)) {
      n += 1;
      kinds.set(type, (kinds.get(type) ?? 0) + 1);
      const ts = type.endsWith("[]") ? `T.${type.slice(0, -2)}[]` : `T.${type}`;
      lines.push(`// ${dir.slice(ROOT.length - 1)}: ${type}`);
      lines.push(`export const a${n}: ${ts} = ${JSON.stringify(value)};`);
    }
  }
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, "answers.ts"), `${lines.join("\n")}\n`);
  writeFileSync(
    join(OUT, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: { target: "es2022", module: "esnext", moduleResolution: "bundler", lib: ["es2022", "esnext.disposable", "dom"], strict: true, noEmit: true, exactOptionalPropertyTypes: true, types: [] },
      files: ["answers.ts"],
    }),
  );
  let output = "";
  try {
    execFileSync(join(ROOT, "node_modules", ".bin", "tsc"), ["--noEmit", "-p", OUT], { encoding: "utf8", stdio: "pipe" });
  } catch (err) {
    output = `${err.stdout ?? ""}${err.stderr ?? ""}`;
  }
  // The first lines of tsc's report name the answer, the field and the type.
  assert.equal(output.split("\n").slice(0, 40).join("\n"), "", `types.d.ts and the engine disagree (target/types-drift/answers.ts)`);
  for (const t of ["Statement", "Facts", "WhatIf", "WhatItTakes", "CurvePoint[]", "Vocabulary", "Deal[]", "Person[]", "PeriodStatement", "PipelineView"]) {
    assert.ok(kinds.get(t) > 0, `no ${t} was checked`);
  }
});

test("the check fails when the declarations and an answer differ", () => {
  // An answer with a field the declarations lack must not type-check.
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, "drift.ts"), `import type * as T from "../../pkg/incentive_widget.js";\nexport const p: T.Person = { id: "a", name: null, role: "ae", nickname: "x" };\n`);
  writeFileSync(join(OUT, "tsconfig.drift.json"), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: "esnext", moduleResolution: "bundler", target: "es2022", types: [] }, files: ["drift.ts"] }));
  let failed = false;
  try {
    execFileSync(join(ROOT, "node_modules", ".bin", "tsc"), ["--noEmit", "-p", join(OUT, "tsconfig.drift.json")], { stdio: "pipe" });
  } catch (err) {
    failed = /nickname/.test(`${err.stdout}`);
  }
  assert.ok(failed, "an excess property is reported");
});
