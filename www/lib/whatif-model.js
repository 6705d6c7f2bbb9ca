// The what-if scenario as data: an ordered list of entries, each one engine
// change (`engine.whatIf`'s `Change`), and how to run it.
//
// Entries keep `remove_touch` by the touch's index in the data (its
// "original" index), so a touch can be put back in any order; compile()
// turns that into the index the engine sees after the earlier removals.
// run() applies the scenario with `engine.whatIf` on a copy (the engine is
// never changed); a change the data no longer fits (a deal that went away, a
// deal id taken since) is reported and skipped, and the rest still applies.
//
// No DOM.

import { add, compare, divide } from "./decimal.js";

let counter = 0;

/** A new entry for a change. `meta`: { rows } for CSV rows, … */
export function entry(change, meta = {}) {
  counter += 1;
  return { id: counter, change, ...meta };
}

/** What makes two edits the same edit (a second one replaces the first). */
export function editKey(change) {
  const c = change ?? {};
  switch (c.op) {
    case "set_amount":
    case "set_discount":
    case "set_product":
      return `${c.op}|${c.deal}|${c.line ?? 0}`;
    case "set_stage":
    case "set_close_date":
    case "remove_deal":
      return `${c.op}|${c.deal}`;
    case "remove_touch":
      return `${c.op}|${c.deal}|${c.index}`;
    case "add_deal":
      return `${c.op}|${c.deal?.id}`;
    case "set_company_revenue":
      return c.op;
    case "set_metric":
      return `${c.op}|${c.participant ?? ""}|${c.name}`;
    default:
      return `#${JSON.stringify(c)}`;
  }
}

/** The deal id an entry is about (null for company and metric changes). */
export function dealOf(change) {
  if (change?.op === "add_deal") return change.deal?.id ?? null;
  return typeof change?.deal === "string" ? change.deal : null;
}

/** Engine changes from entries: remove_touch indexes shifted by the earlier removals on the same deal. */
export function compile(entries) {
  const removed = new Map(); // deal → original indexes removed so far
  return entries.map(({ change }) => {
    if (change.op !== "remove_touch" || !Number.isInteger(change.index)) return change;
    const before = removed.get(change.deal) ?? [];
    const shift = before.filter((i) => i < change.index).length;
    removed.set(change.deal, [...before, change.index]);
    return { ...change, index: change.index - shift };
  });
}

/** The inverse of compile(): stored engine changes → entries' changes (original touch indexes). */
export function decompile(changes) {
  const removed = new Map();
  return changes.map((change) => {
    if (change?.op !== "remove_touch" || !Number.isInteger(change.index)) return change;
    const before = [...(removed.get(change.deal) ?? [])].sort((a, b) => a - b);
    let original = change.index;
    for (const r of before) if (r <= original) original += 1;
    removed.set(change.deal, [...before, original]);
    return { ...change, index: original };
  });
}

/** The index of the change an engine error is about (its path starts with changes[i]), or null. */
export function changeIndex(err) {
  for (const p of err?.problems ?? []) {
    const m = /^changes\[(\d+)\]/.exec(String(p?.path ?? ""));
    if (m) return Number(m[1]);
  }
  return null;
}

/** An engine error about one change, as a sentence without the changes[i] prefix. */
export function problemText(err) {
  const list = Array.isArray(err?.problems) && err.problems.length ? err.problems : [{ path: "", message: String(err?.message ?? err) }];
  return list
    .map((p) => {
      const path = String(p.path ?? "").replace(/^changes\[\d+\]\.?/, "");
      return path ? `${path}: ${p.message}` : String(p.message);
    })
    .join("; ");
}

/**
 * Runs the entries for `participant` with engine.whatIf. Entries the data
 * no longer fits are left out, one by one, and reported.
 * Returns { result (WhatIf, or null with no entries left), applied: [entry],
 * skipped: Map(entry id → sentence) }. Throws what isn't about one change.
 */
export function run(engine, participant, entries) {
  const applied = [...entries];
  const skipped = new Map();
  while (applied.length) {
    try {
      const result = engine.whatIf(participant, compile(applied), { explain: false });
      return { result, applied, skipped };
    } catch (err) {
      const i = changeIndex(err);
      if (i === null || i >= applied.length) throw err;
      skipped.set(applied[i].id, problemText(err));
      applied.splice(i, 1);
    }
  }
  return { result: null, applied, skipped };
}

// --- the deal as a scenario has it ------------------------------------------------

/** The lines of a deal as [{ product, amount, list_price }] (a single-amount deal is one line). */
export function linesOf(deal) {
  if (Array.isArray(deal?.lines) && deal.lines.length) {
    return deal.lines.map((l) => ({ product: l?.product ?? null, amount: String(l?.amount ?? "0"), list_price: l?.list_price ?? null }));
  }
  return [{ product: deal?.product ?? null, amount: String(deal?.amount ?? "0"), list_price: deal?.list_price ?? null }];
}

/** Line `i`'s discount as the engine has it (a fraction string, "0" without a list price). */
export function lineDiscount(dealFacts, i) {
  return dealFacts?.lines?.[i]?.discount ?? "0";
}

/**
 * A deal of the data with the scenario's edits applied, for the editor:
 * { stage, close_date, lines, removed (dropped), touchesOff: Set of original
 * indexes }. `dealFacts`: the engine's facts of the deal (its discounts).
 */
export function editedDeal(deal, entries, dealFacts) {
  const lines = linesOf(deal).map((l, i) => ({ ...l, discount: lineDiscount(dealFacts, i) }));
  const view = { stage: deal?.stage ?? "booked", close_date: deal?.close_date ?? "", lines, removed: false, touchesOff: new Set() };
  for (const { change: c } of entries) {
    if (dealOf(c) !== deal?.id) continue;
    const line = lines[c.line ?? 0];
    if (c.op === "remove_deal") view.removed = true;
    else if (c.op === "set_stage") view.stage = c.stage;
    else if (c.op === "set_close_date") view.close_date = c.close_date;
    else if (c.op === "set_amount" && line) line.amount = String(c.amount);
    else if (c.op === "set_discount" && line) line.discount = String(c.discount);
    else if (c.op === "set_product" && line) line.product = c.product;
    else if (c.op === "remove_touch") view.touchesOff.add(c.index);
  }
  return view;
}

/** A fresh id for a hypothetical deal: "WHATIF-1", "WHATIF-2", … not taken by the data or the scenario. */
export function newDealId(dealIds, entries, prefix = "WHATIF-") {
  const taken = new Set(dealIds);
  for (const { change } of entries) if (change.op === "add_deal") taken.add(change.deal?.id);
  let n = 1;
  while (taken.has(`${prefix}${n}`)) n += 1;
  return `${prefix}${n}`;
}

// --- words --------------------------------------------------------------------------

export const OP_LABELS = {
  add_deal: "New deal",
  remove_deal: "Dropped",
  set_amount: "Amount",
  set_stage: "Stage",
  set_close_date: "Close date",
  set_discount: "Discount",
  set_product: "Product",
  add_touch: "Touch",
  remove_touch: "Touch off",
  set_company_revenue: "Company",
  set_metric: "Metric",
};

/**
 * A change in words: { label, title, detail }.
 * ctx: { deals: Map id → deal (the data), people: Map id → name, fmt, goal (company target or null) }.
 */
export function describe(change, ctx) {
  const c = change ?? {};
  const { fmt } = ctx;
  const label = OP_LABELS[c.op] ?? String(c.op ?? "?");
  const deal = typeof c.deal === "string" ? ctx.deals.get(c.deal) : null;
  const dealName = typeof c.deal === "string" ? (deal?.name ? `${deal.name} (${c.deal})` : String(c.deal)) : "";
  const lineNote = c.line !== undefined && c.line !== null ? `, line ${Number(c.line) + 1}` : "";
  const original = deal ? linesOf(deal)[c.line ?? 0] : null;
  switch (c.op) {
    case "add_deal": {
      const d = c.deal ?? {};
      const lines = linesOf(d);
      const amount = lines.reduce((sum, l) => (add(sum, l.amount) ?? sum), "0");
      const parts = [String(d.type ?? ""), fmt.money(amount)];
      const product = lines.map((l) => l.product).filter(Boolean).join(", ");
      if (product) parts.push(product);
      if (c.discount !== undefined && compare(String(c.discount), "0") > 0) parts.push(`${fmt.percent(String(c.discount))} off`);
      parts.push(String(d.stage ?? "booked"));
      if (d.close_date) parts.push(`closes ${fmt.date(d.close_date)}`);
      const owners = (d.owners ?? []).map((o) => `${ctx.people.get(o?.participant) ?? o?.participant}${compare(String(o?.split ?? "1"), "1") === 0 ? "" : ` ${fmt.percent(String(o.split))}`}`);
      if (owners.length && !(owners.length === 1 && d.owners[0].participant === ctx.participant)) parts.push(`owner ${owners.join(", ")}`);
      return { label, title: `${d.name ? String(d.name) : "Hypothetical deal"} (${d.id ?? "?"})`, detail: parts.filter(Boolean).join(" · ") };
    }
    case "remove_deal":
      return { label, title: dealName, detail: "the deal is left out" };
    case "set_amount":
      return { label, title: dealName, detail: `${original ? `${fmt.money(original.amount)} → ` : ""}${fmt.money(String(c.amount))}${lineNote}` };
    case "set_stage":
      return { label, title: dealName, detail: `${deal?.stage ?? "booked"} → ${c.stage}` };
    case "set_close_date":
      return { label, title: dealName, detail: `${deal?.close_date ? `${fmt.date(deal.close_date)} → ` : ""}${fmt.date(c.close_date)}` };
    case "set_discount": {
      const was = original ? lineDiscount(ctx.dealFacts?.get(c.deal), c.line ?? 0) : null;
      return { label, title: dealName, detail: `${was !== null ? `${fmt.percent(was)} → ` : ""}${fmt.percent(String(c.discount))} off list${lineNote}` };
    }
    case "set_product":
      return { label, title: dealName, detail: `${original?.product ? `${original.product} → ` : ""}${c.product}${lineNote}` };
    case "remove_touch": {
      const t = deal?.touches?.[c.index];
      return { label, title: dealName, detail: t ? `without ${touchText(t, ctx)}` : `without touch ${Number(c.index) + 1}` };
    }
    case "add_touch":
      return { label, title: dealName, detail: `with ${touchText(c.touch ?? {}, ctx)}` };
    case "set_company_revenue": {
      if (c.amount === null || c.amount === undefined) return { label, title: "Company revenue", detail: "the sum of the deals" };
      const share = ctx.goal ? ` (${fmt.percent(divide(String(c.amount), String(ctx.goal), 6))} of the goal)` : "";
      return { label, title: "Company revenue", detail: `${fmt.money(String(c.amount))}${share}` };
    }
    case "set_metric":
      return { label, title: `Metric ${c.name}`, detail: `${c.value}${c.participant ? ` for ${ctx.people.get(c.participant) ?? c.participant}` : ""}` };
    default:
      return { label, title: String(c.op ?? "Unknown change"), detail: JSON.stringify(c) };
  }
}

/** "Q4 CFO webinar (Cho Lee, Feb 10, 2027)" */
export function touchText(t, ctx) {
  const who = t.participant ? ctx.people.get(t.participant) ?? t.participant : null;
  const when = t.at ? ctx.fmt.date(String(t.at).slice(0, 10)) : null;
  const marks = (t.marks ?? []).map((m) => String(m).replaceAll("_", " "));
  const extra = [who, when, ...marks].filter(Boolean).join(", ");
  return `${t.campaign ? String(t.campaign) : "a touch"}${extra ? ` (${extra})` : ""}`;
}
