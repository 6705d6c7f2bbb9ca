// Baseline 2 of the browser benchmark: what a portal developer would reach
// for to get exact money in JavaScript, decimal.js (10.6.0, from
// node_modules). The same figures as the engine, for the same plan subset as
// ./plain.js (owner credit, rates by type, product multipliers, marginal
// tiers; see there for the rules), computed exactly: every line's earned and
// credit equal the engine's to the cent.
//
// Precision: 40 significant digits, rounding half-even (the plan's default
// `rounding`). The only inexact step is a marginal tier's average multiplier
// (paid / credit moved), which the engine also rounds (rust_decimal keeps 28
// digits); both agree far below a cent.
//
// Like the engine and ./plain.js, the data is read once (`prepare`: decimals
// parsed into Decimal objects, deals indexed by owner and sorted) and each
// call computes from that. Results are strings, as the engine returns them.
//
//   import * as dec from "./bench/baselines/decimaljs.js";
//   const book = dec.prepare(plan, activity);
//   dec.statement(book, "rep-0");   // { earned: "123.45", lines: [{ deal, credit, earned, ... }] }
//   dec.headline(book, "rep-0");    // { earned, payable, quota_credit }

import DecimalBase from "../../node_modules/decimal.js/decimal.mjs";
import { subsetRule } from "./plain.js";

export const Decimal = DecimalBase.clone({ precision: 40, rounding: DecimalBase.ROUND_HALF_EVEN });
const ZERO = new Decimal(0);
const ONE = new Decimal(1);
const dec = (v) => (v === undefined || v === null ? null : new Decimal(String(v)));

/** Reads the plan and activity once: decimals parsed, deals by owner in (close_date, id) order. */
export function prepare(plan, activity) {
  const scale = Number.isInteger(plan.currency_scale) ? plan.currency_scale : 2;
  const rounding = plan.rounding === "half_up" ? Decimal.ROUND_HALF_UP : Decimal.ROUND_HALF_EVEN;
  const rules = new Map();
  for (const role of plan.roles) {
    try {
      const { component: c, quota: q } = subsetRule(role);
      const rates = {};
      for (const t of ["new", "expansion", "renewal"]) {
        rates[t] = dec(c.rate !== undefined && c.rate !== null ? c.rate : c.rates?.[t]);
      }
      const products = new Map(Object.entries(c.products ?? {}).map(([k, v]) => [k, dec(v)]));
      rules.set(role.id, {
        name: c.name,
        rates,
        products,
        bands: c.tiers ? c.tiers.bands.map((b) => ({ from: dec(b.from), multiplier: dec(b.multiplier) })) : null,
        quotaTypes: q.types ?? null,
        quotaSources: q.sources ?? null,
      });
    } catch (e) {
      rules.set(role.id, e);
    }
  }
  const people = new Map();
  for (const p of activity.participants) {
    people.set(p.id, { id: p.id, role: p.role, quota: dec(p.quota), deals: [] });
  }
  for (const d of activity.deals ?? []) {
    const lines = d.lines
      ? d.lines.map((l) => ({ product: l.product ?? null, amount: dec(l.amount) }))
      : [{ product: d.product ?? null, amount: dec(d.amount) }];
    const revenue = lines.reduce((s, l) => s.plus(l.amount), ZERO);
    const deal = {
      id: d.id,
      type: d.type,
      source: d.source ?? "sales",
      close: String(d.close_date).slice(0, 10),
      stage: d.stage ?? "booked",
      owners: d.owners.map((o) => ({ participant: o.participant, split: dec(o.split) })),
      lines,
      revenue,
    };
    for (const o of deal.owners) people.get(o.participant)?.deals.push(deal);
  }
  for (const p of people.values()) {
    p.deals.sort((a, b) => (a.close < b.close ? -1 : a.close > b.close ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  return { start: plan.period.start, end: plan.period.end, scale, rounding, rules, people };
}

function split(deal, who) {
  for (const o of deal.owners) if (o.participant === who) return o.split;
  return ZERO;
}

function bandAt(bands, c, q) {
  let m = bands[0].multiplier;
  for (const b of bands) if (c.gte(b.from.times(q))) m = b.multiplier;
  return m;
}

function marginal(bands, a, b, q) {
  if (b.lte(a)) return bandAt(bands, a, q);
  let paid = ZERO;
  for (let i = 0; i < bands.length; i++) {
    const lo = Decimal.max(bands[i].from.times(q), a);
    const hi = i + 1 < bands.length ? Decimal.min(bands[i + 1].from.times(q), b) : b;
    if (hi.gt(lo)) paid = paid.plus(hi.minus(lo).times(bands[i].multiplier));
  }
  return paid.div(b.minus(a));
}

function setup(book, id) {
  const person = book.people.get(id);
  if (!person) throw new Error(`"${id}" is not a participant`);
  const rule = book.rules.get(person.role);
  if (!rule || rule instanceof Error) throw rule ?? new Error(`no role ${person.role}`);
  return { person, rule };
}

function run(book, id, lines) {
  const { person, rule } = setup(book, id);
  const { start, end, scale, rounding } = book;
  const money = (x) => x.toDecimalPlaces(scale, rounding);
  const quota = person.quota !== null && person.quota.gt(0) ? person.quota : null;
  const { rates, products, bands, quotaTypes, quotaSources } = rule;
  let credit = ZERO;
  let earned = ZERO;
  for (const d of person.deals) {
    if (d.close < start || d.close > end || d.stage === "cancelled") continue;
    const share = split(d, id);
    const a = credit;
    if ((!quotaTypes || quotaTypes.includes(d.type)) && (!quotaSources || quotaSources.includes(d.source))) {
      credit = credit.plus(share.times(d.revenue));
    }
    const rate = rates[d.type];
    if (rate === null || share.lte(0)) continue;
    const tier = bands && quota !== null ? marginal(bands, a, credit, quota) : ONE;
    let exact = ZERO;
    for (const l of d.lines) {
      const m = l.product !== null ? products.get(l.product) : undefined;
      exact = exact.plus(share.times(l.amount).times(rate).times(m ?? ONE).times(tier));
    }
    const e = money(Decimal.max(exact, ZERO));
    earned = earned.plus(e);
    if (lines) {
      const s = e.toFixed(scale);
      lines.push({ deal: d.id, credit: money(share.times(d.revenue)).toFixed(scale), tier: tier.toString(), earned: s, payable: s });
    }
  }
  const total = earned.toFixed(scale);
  return {
    participant: id,
    component: rule.name,
    quota_credit: money(credit).toFixed(scale),
    earned: total,
    payable: total,
    lines,
  };
}

/** Every line (deal, credit, tier multiplier, earned, payable) and the totals, as strings. */
export function statement(book, id) {
  return run(book, id, []);
}

/** The totals only. */
export function headline(book, id) {
  return run(book, id, null);
}
