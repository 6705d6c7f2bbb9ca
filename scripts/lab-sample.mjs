// A seeded organisation for the plan lab: the demo, its browser tests and
// its benchmark. 40% hunters, 30% farmers, 30% marketers, managers of ten
// each, quotas set near what each person's book will credit (so attainment
// spreads around 100%, as a real company's does).
//
//   import { organisation } from "./lab-sample.mjs";
//   const activity = organisation({ participants: 200, deals: 20000 });
//
//   node scripts/lab-sample.mjs OUT_DIR [participants] [deals]
//     writes OUT_DIR/plan.json (www/sample/lab/plan.json) and OUT_DIR/activity.json

import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const PRODUCTS = ["suite-bundle", "analytics", "services", "hardware"];
const CAMPAIGNS = ["Q4 webinar", "Trade show", "Paid search", "Ebook", "Customer summit", "Retargeting"];
const FIRST = ["Ada", "Ben", "Cy", "Dee", "Eli", "Fay", "Gus", "Hal", "Ivy", "Jo", "Kai", "Lu", "Mo", "Nia", "Oz", "Pia", "Quin", "Ria", "Sol", "Tam"];
const LAST = ["Park", "Ortiz", "Lane", "Moss", "Reyes", "Chen", "Novak", "Okafor", "Silva", "Berg", "Haas", "Ito", "Khan", "Lund", "Mora"];

export const PLAN = join(dirname(fileURLToPath(import.meta.url)), "..", "www", "sample", "lab", "plan.json");

function rng(seed) {
  let s = BigInt(seed);
  const M = (1n << 64n) - 1n;
  return (n) => {
    s = (s + 0x9e3779b97f4a7c15n) & M;
    let z = s;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & M;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & M;
    z ^= z >> 31n;
    return Number(z % BigInt(n));
  };
}

const roleOf = (i) => (i % 10 < 4 ? "hunter" : i % 10 < 7 ? "farmer" : "marketer");
const day = (d) => {
  const [m, dd] = d <= 30 ? [1, d + 1] : d <= 58 ? [2, d - 30] : [3, Math.min(d - 58, 31)];
  return `2027-${String(m).padStart(2, "0")}-${String(dd).padStart(2, "0")}`;
};

/** The activity of a seeded organisation of `participants` people and `deals` deals. */
export function organisation({ participants = 200, deals = 20000, seed = 11 } = {}) {
  const r = rng(seed);
  const people = Array.from({ length: participants }, (_, i) => {
    const role = roleOf(i);
    const id = `${role === "marketer" ? "mkt" : "rep"}-${i}`;
    const p = { id, name: `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${i}`, role };
    if (role === "marketer") {
      p.target_bonus = "10000";
      p.metrics = { lead_followup: `0.${80 + r(20)}` };
    }
    return p;
  });
  const sellers = people.filter((p) => p.role !== "marketer");
  const marketers = people.filter((p) => p.role === "marketer");
  const credit = new Map(people.map((p) => [p.id, 0]));
  const list = [];
  for (let k = 0; k < deals; k++) {
    const owner = sellers[r(sellers.length)];
    const type = owner.role === "farmer" ? ["renewal", "expansion", "renewal"][r(3)] : ["new", "new", "expansion"][r(3)];
    const close = r(90);
    const stage = r(50) === 0 ? "cancelled" : ["booked", "installed", "activated", "activated", "booked"][r(5)];
    const lines = Array.from({ length: 1 + r(2) }, () => {
      const amount = 5000 + r(95) * 1000;
      return { product: PRODUCTS[r(4)], amount: String(amount), list_price: String(amount + Math.floor((amount * r(30)) / 100)), cost: String(Math.floor((amount * (30 + r(40))) / 100)) };
    });
    const revenue = lines.reduce((a, l) => a + Number(l.amount), 0);
    const source = r(2) === 0 ? "marketing" : "sales";
    const touches = marketers.length
      ? Array.from({ length: 1 + r(4) }, (_, t) => {
          const who = marketers[r(marketers.length)];
          const back = r(120);
          const at = close - back >= 0 ? day(close - back) : `2026-12-${String(1 + ((back - close) % 28)).padStart(2, "0")}`;
          return { campaign: CAMPAIGNS[r(6)], at, participant: who.id, marks: t === 0 ? ["lead_created"] : [] };
        })
      : [];
    if (stage !== "cancelled") {
      if (type !== "renewal" || owner.role === "farmer") credit.set(owner.id, credit.get(owner.id) + revenue);
      for (const t of touches) credit.set(t.participant, credit.get(t.participant) + revenue / touches.length);
    }
    list.push({ id: `D-${String(k).padStart(6, "0")}`, name: `Account ${k}`, type, source, close_date: day(close), stage, owners: [{ participant: owner.id, split: "1" }], lines, touches });
  }
  // Quotas near each book's credit: 75% to 135% of it, to the thousand.
  for (const p of people) {
    const c = credit.get(p.id);
    p.quota = String(Math.max(10000, Math.round((c * (75 + r(60))) / 100 / 1000) * 1000));
  }
  return { format: "incentive-activity/1", as_of: "2027-03-31", participants: people, deals: list };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [out, n = "200", d = "20000"] = process.argv.slice(2);
  if (!out) {
    console.error("usage: node scripts/lab-sample.mjs OUT_DIR [participants] [deals]");
    process.exit(2);
  }
  mkdirSync(out, { recursive: true });
  copyFileSync(PLAN, join(out, "plan.json"));
  writeFileSync(join(out, "activity.json"), JSON.stringify(organisation({ participants: Number(n), deals: Number(d) })));
  console.log(`lab-sample: ${out}/plan.json and activity.json (${n} people, ${d} deals)`);
}
