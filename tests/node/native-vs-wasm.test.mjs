// Native and wasm give the same JSON: random plan and activity pairs from a
// seeded generator (every model, tiers, caps, payouts, splits, touches,
// stages, rounding, currency_scale), scored by the `incentive` CLI (the core
// compiled natively) and by the package (the core compiled to wasm), from
// objects and from JSON text, compared whole: explain sentences included.
// Broken variants must give the same problems both ways (the CLI's stderr
// lines against error.problems).
//
//   node --test tests/node/native-vs-wasm.test.mjs
//   SEED=12345 CASES=200 node --test tests/node/native-vs-wasm.test.mjs   # more
//
// Needs pkg/ and target/{release,debug}/incentive (or $INCENTIVE_BIN).
import { test, describe, before } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import init, { Engine } from "../../pkg/incentive_widget.js";
import { cliPath } from "../helpers/cli.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SEED = Number(process.env.SEED ?? 20270101);
const CASES = Number(process.env.CASES ?? 30);


/** `incentive score`: { status, stdout (parsed when 0), stderr lines }. */
function cli(plan, activity, participant) {
  const dir = mkdtempSync(join(tmpdir(), "incentive-nvw-"));
  try {
    writeFileSync(join(dir, "plan.json"), JSON.stringify(plan));
    writeFileSync(join(dir, "activity.json"), JSON.stringify(activity));
    const args = ["score", "--plan", join(dir, "plan.json"), "--activity", join(dir, "activity.json")];
    if (participant !== undefined) args.push("--participant", participant);
    const r = spawnSync(cliPath(), args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    assert.ok(r.status === 0 || r.status === 2, `the CLI exits 0 or 2, not ${r.status} (${r.signal ?? ""}): ${r.stderr.slice(0, 2000)}`);
    return {
      status: r.status,
      out: r.status === 0 ? JSON.parse(r.stdout) : null,
      // The CLI names the file in a JSON syntax error; we write valid JSON.
      lines: r.stderr.replace(/\n$/, "").split("\n").filter((l) => l !== ""),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// --- a seeded generator of valid documents --------------------------------------------

/** mulberry32 */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generator(seed) {
  const rnd = prng(seed);
  const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = (xs) => xs[int(0, xs.length - 1)];
  const chance = (p) => rnd() < p;
  const subset = (xs, min = 0) => {
    const out = xs.filter(() => chance(0.5));
    while (out.length < min) {
      const x = pick(xs);
      if (!out.includes(x)) out.push(x);
    }
    return xs.filter((x) => out.includes(x));
  };
  /** A decimal string with up to dp places, or sometimes a JSON number. */
  const dec = (lo, hi, dp = 2, { numbers = true } = {}) => {
    const scale = 10 ** dp;
    const v = int(Math.round(lo * scale), Math.round(hi * scale)) / scale;
    const s = v.toFixed(dp);
    if (numbers && chance(0.2)) return Number(s); // shortest decimal of a double: exact below 15 digits
    return chance(0.15) ? s.replace(/\.?0+$/, "") || "0" : s;
  };
  /** n fractions (strings, dp places) that sum to exactly 1, each above 0. */
  const parts = (n, dp = 2) => {
    const unit = 10 ** dp;
    const cuts = new Set();
    while (cuts.size < n - 1) cuts.add(int(1, unit - 1));
    const points = [0, ...[...cuts].sort((a, b) => a - b), unit];
    return points.slice(1).map((p, i) => ((p - points[i]) / unit).toFixed(dp));
  };
  const ascending = (n, lo, hi, dp) => {
    const seen = new Set();
    while (seen.size < n) seen.add(dec(lo, hi, dp, { numbers: false }));
    return [...seen].map(Number).sort((a, b) => a - b).map((x) => x.toFixed(dp));
  };
  const bands = (maxFrom) => {
    const n = int(1, 4);
    const froms = ["0", ...ascending(n - 1, 0.1, maxFrom, 2).filter((f) => Number(f) > 0)];
    return [...new Set(froms)].map((from, i) => ({ from, multiplier: i === 0 && chance(0.3) ? "0" : dec(0.5, 2.5, 2) }));
  };
  const MODELS = ["first_touch", "last_touch", "linear", "time_decay", "position_based", "u_shaped", "w_shaped", "full_path", "custom"];
  const attribution = () => {
    const model = pick(MODELS);
    const a = { model };
    if (chance(0.4)) a.lookback_days = int(5, 120);
    if (model === "time_decay") a.half_life_days = dec(1, 30, 1);
    if (model === "custom") {
      const keys = subset(["first", "lead_created", "opportunity_created", "last", "rest"], 1);
      const w = parts(keys.length, 2);
      a.weights = Object.fromEntries(keys.map((k, i) => [k, w[i]]));
    }
    return a;
  };
  const TYPES = ["new", "expansion", "renewal"];
  const SOURCES = ["marketing", "sales", "partner"];
  const STAGES = ["booked", "installed", "activated", "cancelled"];
  const PRODUCTS = ["suite", "analytics", "hardware", "services"];
  const METRICS = ["lead_followup", "nps"];
  const filter = () => {
    const f = {};
    if (chance(0.3)) f.types = subset(TYPES, 1);
    if (chance(0.2)) f.sources = subset(SOURCES, 1);
    if (chance(0.2)) f.products = subset(PRODUCTS, 1);
    return f;
  };
  const payout = () => {
    const stages = subset(["booked", "installed", "activated"], 1);
    const w = parts(stages.length, 2);
    return Object.fromEntries(stages.map((s, i) => [s, w[i]]));
  };

  function plan() {
    const scale = pick([undefined, 0, 2, 2, 3, 4]);
    const p = {
      format: "incentive-plan/1",
      name: `Random plan ${int(1, 9999)}`,
      currency: pick(["USD", "EUR", "JPY", "GBP", "CHF"]),
      period: { start: "2027-01-01", end: "2027-03-31" },
    };
    if (chance(0.5)) p.rounding = pick(["half_even", "half_up"]);
    if (scale !== undefined) p.currency_scale = scale;
    const goal = chance(0.6);
    if (goal) p.company_goal = { target: dec(50_000, 2_000_000, 0) };
    const capDp = scale ?? 2;
    p.roles = Array.from({ length: int(1, 3) }, (_, r) => {
      const role = { id: `role-${r}`, name: `Role ${r}` };
      if (chance(0.7)) {
        role.quota = chance(0.25) ? { credit: "attribution", attribution: attribution() } : { credit: "owner" };
        if (chance(0.3)) role.quota.types = subset(TYPES, 1);
        if (chance(0.2)) role.quota.sources = subset(SOURCES, 1);
      }
      const comps = [];
      const n = int(1, 4);
      for (let c = 0; c < n; c++) {
        const kind = c === 0 ? pick(["commission", "commission", "spif"]) : pick(["commission", "spif", "bonus", "modifier"]);
        const name = `${kind} ${c}`;
        const credit = chance(0.3) ? { credit: "attribution", attribution: attribution() } : chance(0.5) ? { credit: "owner" } : {};
        if (kind === "commission") {
          const x = { kind, name, ...credit };
          const f = filter();
          if (Object.keys(f).length) x.deals = f;
          if (chance(0.3)) x.basis = pick(["revenue", "margin"]);
          if (chance(0.6)) x.rate = dec(0.01, 0.2, 3);
          else x.rates = Object.fromEntries(subset(TYPES, 1).map((t) => [t, dec(0.01, 0.2, 3)]));
          if (chance(0.4)) x.products = Object.fromEntries(subset(PRODUCTS, 1).map((k) => [k, dec(0.5, 1.5, 2)]));
          if (chance(0.3)) {
            const above = ascending(int(1, 3), 0.05, 0.4, 2);
            x.discounts = above.map((a) => ({ above: a, multiplier: dec(0.3, 1, 2) }));
          }
          if (chance(0.6)) x.tiers = { mode: pick(["marginal", "retroactive"]), bands: bands(2) };
          if (chance(0.25)) x.cap = dec(500, 20_000, Math.min(capDp, 2), { numbers: false });
          if (chance(0.3)) x.payout = payout();
          comps.push(x);
        } else if (kind === "spif") {
          const x = { kind, name, amount: dec(50, 1000, 2), ...credit };
          const f = filter();
          if (Object.keys(f).length) x.deals = f;
          if (chance(0.2)) x.cap = dec(100, 5000, Math.min(capDp, 2), { numbers: false });
          if (chance(0.3)) x.payout = payout();
          comps.push(x);
        } else if (kind === "bonus") {
          const measure = pick(goal ? ["company", "quota", { metric: pick(METRICS) }] : ["quota", { metric: pick(METRICS) }]);
          const ats = ascending(int(1, 3), 0.3, 1.5, 2);
          const x = { kind, name, measure, curve: ats.map((at, i) => ({ at, payout: (0.25 * (i + 1)).toFixed(2) })) };
          if (chance(0.6)) x.target = dec(1000, 20_000, 0);
          if (chance(0.3)) x.max_payout = dec(1, 2, 2);
          comps.push(x);
        } else {
          const others = comps.filter((o) => o.kind !== "modifier").map((o) => o.name);
          const measure = pick(goal ? ["company", "quota", { metric: pick(METRICS) }] : ["quota", { metric: pick(METRICS) }]);
          const x = { kind, name, measure, bands: bands(1.5) };
          if (others.length && chance(0.5)) x.applies_to = subset(others, 1);
          comps.push(x);
        }
      }
      role.components = comps;
      return role;
    });
    return p;
  }

  function activity(p) {
    const people = Array.from({ length: int(2, 6) }, (_, i) => ({
      id: `p-${i}`,
      name: `Person ${i}`,
      role: pick(p.roles).id,
      quota: dec(20_000, 300_000, 0),
      target_bonus: dec(1000, 10_000, 0),
      metrics: Object.fromEntries(METRICS.map((m) => [m, dec(0.5, 1.2, 2)])),
    }));
    if (chance(0.2)) delete people[0].name;
    const ids = people.map((x) => x.id);
    const day = (d) => new Date(Date.UTC(2027, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
    const deals = Array.from({ length: int(0, 14) }, (_, i) => {
      const owners = subset([...ids, "outsider"], 1).slice(0, 3);
      const splits = parts(owners.length, 2);
      const closeDay = int(-10, 95); // some outside the period
      const d = {
        id: `D-${100 + i}`,
        type: pick(TYPES),
        close_date: day(closeDay),
        owners: owners.map((participant, j) => ({ participant, split: splits[j] })),
      };
      if (chance(0.8)) d.name = `Deal ${i}`;
      if (chance(0.7)) d.source = pick(SOURCES);
      if (chance(0.5)) d.stage = pick(STAGES);
      const line = () => {
        const amount = dec(0, 80_000, 2);
        const l = { amount, cost: dec(0, Number(amount) * 0.9 + 1, 2) };
        if (chance(0.7)) l.product = pick(PRODUCTS);
        if (chance(0.4)) l.list_price = dec(Math.max(1, Number(amount)), Number(amount) * 1.6 + 1, 2);
        return l;
      };
      if (chance(0.3)) d.lines = Array.from({ length: int(1, 3) }, line);
      else Object.assign(d, line());
      if (chance(0.6)) {
        d.touches = Array.from({ length: int(1, 5) }, () => {
          const t = { at: chance(0.5) ? day(closeDay - int(-3, 60)) : `${day(closeDay - int(0, 60))}T${String(int(0, 23)).padStart(2, "0")}:${String(int(0, 59)).padStart(2, "0")}:00Z` };
          if (chance(0.85)) t.participant = pick([...ids, "outsider"]);
          if (chance(0.7)) t.campaign = `Campaign ${int(1, 5)}`;
          const marks = subset(["lead_created", "opportunity_created"]);
          if (marks.length) t.marks = marks;
          return t;
        });
      }
      return d;
    });
    const a = { format: "incentive-activity/1", as_of: day(int(30, 89)), participants: people, deals };
    if (chance(0.4)) a.company = { revenue: dec(0, 3_000_000, 0) };
    if (deals.length && chance(0.5)) {
      a.payments = Array.from({ length: int(1, 3) }, () => {
        const pay = { participant: pick(ids), amount: dec(10, 3000, 2) };
        if (chance(0.7)) pay.deal = pick(deals).id;
        return pay;
      });
    }
    return a;
  }

  return () => {
    const p = plan();
    return { plan: p, activity: activity(p) };
  };
}

/** Ways to break a sound pair, each giving one or more problems. */
const BREAKS = [
  ["owner splits that don't sum to 1", ({ activity }) => {
    const d = activity.deals.find(Boolean);
    if (d) d.owners[0].split = "0.37";
    else activity.deals.push({ id: "X", type: "new", close_date: "2027-01-02", amount: "1", owners: [{ participant: "p-0", split: "0.5" }] });
  }],
  ["a typo in a plan field", ({ plan }) => { plan.roles[0].components[0].rat = "0.1"; }],
  ["bands that descend", ({ plan }) => { plan.roles[0].components.push({ kind: "modifier", name: "Broken", measure: "quota", bands: [{ from: "0", multiplier: "1" }, { from: "1", multiplier: "2" }, { from: "0.5", multiplier: "3" }] }); }],
  ["a rate that is not a number", ({ plan }) => { plan.roles[0].components.unshift({ kind: "commission", name: "Bad rate", rate: "ten percent" }); }],
  ["a deal without type, a negative amount and a bad date", ({ activity }) => {
    activity.deals.push({ id: "Y", close_date: "2027-02-30", amount: "-5", owners: [{ participant: "p-0", split: "1" }] });
  }],
  ["a participant with an unknown role and duplicate ids", ({ activity }) => {
    activity.participants.push({ id: "p-0", role: "nobody" });
  }],
  ["a payment on an unknown deal, a 13-decimal amount", ({ activity }) => {
    activity.payments = [{ participant: "p-0", deal: "D-404", amount: "1.0000000000001" }];
  }],
  ["many problems in both documents", ({ plan, activity }) => {
    plan.currency = "dollars";
    plan.period.end = "2026-12-31";
    plan.roles.push({ id: plan.roles[0].id, name: "Duplicate", components: [] });
    activity.participants[0].quota = "-1";
    activity.deals.push({ id: "Z", type: "new", close_date: "2027-01-02", amount: 1e15, owners: [] });
  }],
];

before(async () => {
  await init({ module_or_path: readFileSync(join(ROOT, "pkg", "incentive_widget_bg.wasm")) });
});

describe(`native and wasm agree on ${CASES} random plan/activity pairs (seed ${SEED})`, () => {
  const next = generator(SEED);
  const pairs = Array.from({ length: CASES }, next);

  test("the generator covers the format", () => {
    const all = JSON.stringify(pairs);
    for (const want of ["marginal", "retroactive", '"cap"', '"payout"', "time_decay", "custom", "w_shaped", "u_shaped", "full_path", "position_based", "first_touch", "last_touch", "linear",
      "half_up", "currency_scale", '"cancelled"', '"installed"', '"activated"', '"touches"', '"lines"', "margin", '"discounts"', '"bonus"', '"modifier"', '"spif"', '"payments"', "lookback_days", "T"]) {
      assert.ok(all.includes(want), `no case uses ${want}`);
    }
  });

  pairs.forEach(({ plan, activity }, i) => {
    test(`case ${i}: ${plan.roles.length} roles, ${activity.participants.length} people, ${activity.deals.length} deals`, () => {
      const native = cli(plan, activity);
      assert.equal(native.status, 0, `the generator made an invalid pair:\n${native.lines.join("\n")}\n${JSON.stringify({ plan, activity })}`);
      const fromObjects = new Engine(plan, activity);
      const fromText = new Engine(JSON.stringify(plan), JSON.stringify(activity));
      try {
        assert.deepStrictEqual(fromObjects.statements(), native.out);
        assert.deepStrictEqual(fromText.statements(), native.out);
        const who = activity.participants[i % activity.participants.length].id;
        assert.deepStrictEqual(fromObjects.statement(who), cli(plan, activity, who).out);
      } finally {
        fromObjects.free();
        fromText.free();
      }
    });
  });
});

describe("broken variants: the same problems both ways", () => {
  const next = generator(SEED + 1);
  BREAKS.forEach(([label, breakIt], i) => {
    test(label, () => {
      const pair = next();
      breakIt(pair);
      const native = cli(pair.plan, pair.activity);
      assert.equal(native.status, 2, `the CLI rejects it: ${JSON.stringify(native.out)?.slice(0, 200)}`);
      let caught;
      assert.throws(() => new Engine(pair.plan, pair.activity), (e) => {
        caught = e;
        return true;
      });
      assert.equal(caught.name, "IncentiveError", caught.message);
      assert.deepStrictEqual(caught.problems.map((p) => `${p.path}: ${p.message}`), native.lines, `case ${i}`);
      // Unknown participant: the CLI's --participant against statement().
      if (i === 0) {
        const sound = next();
        const r = cli(sound.plan, sound.activity, "nobody");
        assert.equal(r.status, 2);
        const e = new Engine(sound.plan, sound.activity);
        assert.throws(() => e.statement("nobody"), (err) => {
          assert.equal(err.code, "unknown_participant");
          assert.deepStrictEqual(err.problems.map((p) => `${p.path}: ${p.message}`), r.lines);
          return true;
        });
        e.free();
      }
    });
  });
});
