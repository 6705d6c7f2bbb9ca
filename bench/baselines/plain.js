// Baseline 1 of the browser benchmark: the speed limit. The same commission
// figures as the engine, for the plan subset the comparison uses, in plain
// JavaScript `number` (binary64) arithmetic: fast, not exact (a line can be a
// cent off, and totals drift in the last bits).
//
// The subset (docs/BENCHMARKS.md): one participant's first commission of
// their role, with
//   - owner credit (the participant's split of each deal they own),
//   - rates by deal type (`rates`, or one `rate`),
//   - product multipliers (`products`, default 1),
//   - marginal tiers on quota attainment (the role's quota rule: owner
//     credit, optional `types` / `sources` filters), each slice of a deal's
//     credit paid at its own band's multiplier;
// and the engine's rules around them: deals closed in the plan period and not
// cancelled, taken in (close_date, id) order; per deal the sum over its lines,
// floored at 0, rounded once to cents; totals are sums of rounded lines. A
// default payout (everything payable at booking) makes payable = earned.
//
// Anything else in the component (discounts, caps, payout schedules,
// attribution credit, margin basis, deal filters, retroactive tiers) or
// modifiers in the role makes `prepare` throw: this code does not compute
// them, so it refuses rather than returning a different figure.
//
// Like the engine, the data is read once (`prepare`: decimals parsed, deals
// indexed by owner and sorted) and each call computes from that.
//
//   import * as plain from "./bench/baselines/plain.js";
//   const book = plain.prepare(plan, activity);
//   plain.statement(book, "rep-0");   // { earned, payable, quota_credit, lines: [...] }
//   plain.headline(book, "rep-0");    // { earned, payable, quota_credit }

const num = (v) => (v === undefined || v === null ? null : Number(v));

/** The subset of `role` this baseline computes, or an Error saying why not. */
export function subsetRule(role) {
  const c = role.components.find((x) => x.kind === "commission");
  if (!c) throw new Error(`role ${role.id}: no commission component`);
  const unsupported = [];
  if ((c.credit ?? "owner") !== "owner") unsupported.push("attribution credit");
  if ((c.basis ?? "revenue") !== "revenue") unsupported.push("margin basis");
  if (c.deals && (c.deals.types || c.deals.sources || c.deals.products)) unsupported.push("deal filters");
  if (c.discounts?.length) unsupported.push("discounts");
  if (c.cap !== undefined && c.cap !== null) unsupported.push("cap");
  if (c.payout && Object.keys(c.payout).length) unsupported.push("payout schedule");
  if (c.tiers && c.tiers.mode !== "marginal") unsupported.push(`${c.tiers.mode} tiers`);
  if (role.components.some((x) => x.kind === "modifier")) unsupported.push("modifiers");
  const q = role.quota ?? {};
  if ((q.credit ?? "owner") !== "owner") unsupported.push("attribution quota credit");
  if (unsupported.length) {
    throw new Error(`role ${role.id}, component "${c.name}": outside the benchmark subset: ${unsupported.join(", ")}`);
  }
  return { role: role.id, component: c, quota: q };
}

/** Reads the plan and activity once: numbers parsed, deals by owner in (close_date, id) order. */
export function prepare(plan, activity) {
  const rules = new Map();
  for (const role of plan.roles) {
    try {
      const { component: c, quota: q } = subsetRule(role);
      const rates = {};
      for (const t of ["new", "expansion", "renewal"]) {
        const r = c.rate !== undefined && c.rate !== null ? c.rate : c.rates?.[t];
        rates[t] = r === undefined || r === null ? null : Number(r);
      }
      const products = Object.create(null);
      for (const [k, v] of Object.entries(c.products ?? {})) products[k] = Number(v);
      rules.set(role.id, {
        name: c.name,
        rates,
        products,
        bands: c.tiers ? c.tiers.bands.map((b) => ({ from: Number(b.from), multiplier: Number(b.multiplier) })) : null,
        quotaTypes: q.types ?? null,
        quotaSources: q.sources ?? null,
      });
    } catch (e) {
      rules.set(role.id, e);
    }
  }
  const people = new Map();
  for (const p of activity.participants) {
    people.set(p.id, { id: p.id, role: p.role, quota: num(p.quota), deals: [] });
  }
  for (const d of activity.deals ?? []) {
    const lines = d.lines
      ? d.lines.map((l) => ({ product: l.product ?? null, amount: Number(l.amount) }))
      : [{ product: d.product ?? null, amount: Number(d.amount) }];
    let revenue = 0;
    for (const l of lines) revenue += l.amount;
    const deal = {
      id: d.id,
      type: d.type,
      source: d.source ?? "sales",
      close: String(d.close_date).slice(0, 10),
      stage: d.stage ?? "booked",
      owners: d.owners.map((o) => ({ participant: o.participant, split: Number(o.split) })),
      lines,
      revenue,
    };
    for (const o of deal.owners) people.get(o.participant)?.deals.push(deal);
  }
  for (const p of people.values()) {
    p.deals.sort((a, b) => (a.close < b.close ? -1 : a.close > b.close ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  return { start: plan.period.start, end: plan.period.end, rules, people };
}

const cents = (x) => Math.round(x * 100) / 100;

function split(deal, who) {
  for (const o of deal.owners) if (o.participant === who) return o.split;
  return 0;
}

/** The band covering credit `c` of quota `q`: the last whose `from` it reaches. */
function bandAt(bands, c, q) {
  let m = bands[0].multiplier;
  for (const b of bands) if (c >= b.from * q) m = b.multiplier;
  return m;
}

/** Marginal tiers: the multiplier of a deal moving credit from a to b. */
function marginal(bands, a, b, q) {
  if (b <= a) return bandAt(bands, a, q);
  let paid = 0;
  for (let i = 0; i < bands.length; i++) {
    const lo = Math.max(bands[i].from * q, a);
    const hi = i + 1 < bands.length ? Math.min(bands[i + 1].from * q, b) : b;
    if (hi > lo) paid += (hi - lo) * bands[i].multiplier;
  }
  return paid / (b - a);
}

function setup(book, id) {
  const person = book.people.get(id);
  if (!person) throw new Error(`"${id}" is not a participant`);
  const rule = book.rules.get(person.role);
  if (!rule || rule instanceof Error) throw rule ?? new Error(`no role ${person.role}`);
  return { person, rule };
}

// One pass in (close_date, id) order: credit before and after each deal,
// its tier multiplier, its earnings. `lines` = null for the headline.
function run(book, id, lines) {
  const { person, rule } = setup(book, id);
  const { start, end } = book;
  const quota = person.quota !== null && person.quota > 0 ? person.quota : null;
  const { rates, products, bands, quotaTypes, quotaSources } = rule;
  let credit = 0;
  let earned = 0;
  for (const d of person.deals) {
    if (d.close < start || d.close > end || d.stage === "cancelled") continue;
    const share = split(d, id);
    const a = credit;
    if ((!quotaTypes || quotaTypes.includes(d.type)) && (!quotaSources || quotaSources.includes(d.source))) {
      credit += share * d.revenue;
    }
    const rate = rates[d.type];
    if (rate === null || share <= 0) continue;
    const tier = bands && quota !== null ? marginal(bands, a, credit, quota) : 1;
    let exact = 0;
    for (const l of d.lines) {
      const m = l.product !== null ? products[l.product] : undefined;
      exact += share * l.amount * rate * (m === undefined ? 1 : m) * tier;
    }
    const e = cents(exact > 0 ? exact : 0);
    earned += e;
    if (lines) lines.push({ deal: d.id, credit: cents(share * d.revenue), tier, earned: e, payable: e });
  }
  earned = cents(earned);
  return { participant: id, component: rule.name, quota_credit: cents(credit), earned, payable: earned, lines };
}

/** Every line (deal, credit, tier multiplier, earned, payable) and the totals. */
export function statement(book, id) {
  return run(book, id, []);
}

/** The totals only. */
export function headline(book, id) {
  return run(book, id, null);
}
