// Deals from a CRM export (CSV, parsed by csv.js) as hypothetical deals.
//
// Columns are matched to deal fields by name ("Close Date", "close_date" and
// "Expected close date" all mean close_date). When a column's name isn't a
// field's own name, the panel shows a mapping step (a select per column)
// before anything is imported. Each row becomes a deal; rows that share a
// deal id are one deal with several owners (a split deal), whose splits must
// add up to 1. A row that can't become a deal is reported with its row
// number and column, and the good rows are kept.
//
// No DOM: the module runs in Node too (tests/node/csv.test.mjs).

import { add, compare, shift, trim } from "./decimal.js";
import { readMoney } from "./form.js";

/** The deal fields a column can feed, with the names CRMs give them (compared lowercased, letters and digits only). */
export const FIELDS = [
  { key: "id", label: "Deal ID", names: ["dealid", "opportunityid", "oppid", "recordid", "dealnumber", "crmid"] },
  { key: "name", label: "Name", names: ["dealname", "opportunityname", "opportunity", "deal", "account", "accountname", "company", "customer"] },
  { key: "type", label: "Type", names: ["dealtype", "opportunitytype", "businesstype", "kind"] },
  { key: "amount", label: "Amount", required: true, names: ["dealamount", "value", "dealvalue", "arr", "acv", "total", "totalamount", "revenue", "netamount"] },
  { key: "close_date", label: "Close date", required: true, names: ["closedate", "closedon", "closed", "closingdate", "expectedclosedate", "closedat", "date"] },
  { key: "stage", label: "Stage", names: ["dealstage", "status", "opportunitystage"] },
  { key: "product", label: "Product", names: ["productname", "productcode", "sku", "plan"] },
  { key: "list_price", label: "List price", names: ["listprice", "list", "msrp", "listamount", "grossamount"] },
  { key: "discount", label: "Discount", names: ["discountpct", "discountpercent", "discountrate", "discountpercentage"] },
  { key: "owner", label: "Owner", names: ["ownerid", "dealowner", "opportunityowner", "rep", "salesrep", "participant", "assignedto"] },
  { key: "split", label: "Split", names: ["ownersplit", "share", "splitpercent", "splitpct", "percentage"] },
  { key: "source", label: "Source", names: ["leadsource", "dealsource", "origin", "channel"] },
];

const BY_KEY = new Map(FIELDS.map((f) => [f.key, f]));
const squash = (s) => String(s ?? "").toLowerCase().replace(/[^a-z0-9]/g, "");

/** The field a column name means, and whether it is the field's own name. */
export function fieldForName(name) {
  const n = squash(name);
  if (!n) return { key: "", exact: false };
  for (const f of FIELDS) if (n === squash(f.key)) return { key: f.key, exact: true };
  for (const f of FIELDS) if (f.names.includes(n)) return { key: f.key, exact: false };
  return { key: "", exact: false };
}

/**
 * The mapping guessed from a header: { mapping: [fieldKey or "" per column],
 * exact: every column is a field's own name, problems }.
 * Without `exact`, the panel asks the user to confirm (the mapping step).
 */
export function autoMap(header) {
  const mapping = [];
  let exact = header.length > 0;
  const taken = new Set();
  for (const name of header) {
    const { key, exact: own } = fieldForName(name);
    if (key && !taken.has(key)) {
      mapping.push(key);
      taken.add(key);
      if (!own) exact = false;
    } else {
      mapping.push("");
      exact = false;
    }
  }
  const problems = checkMapping(mapping, header);
  return { mapping, exact: exact && problems.length === 0, problems };
}

/** What is wrong with a mapping: required fields with no column, fields fed by two columns. */
export function checkMapping(mapping, header = []) {
  const problems = [];
  const cols = new Map();
  mapping.forEach((key, i) => {
    if (!key) return;
    if (!BY_KEY.has(key)) problems.push(`column “${header[i] ?? i + 1}” maps to an unknown field ${key}`);
    else if (cols.has(key)) problems.push(`${BY_KEY.get(key).label} comes from two columns (“${header[cols.get(key)] ?? cols.get(key) + 1}” and “${header[i] ?? i + 1}”): pick one`);
    else cols.set(key, i);
  });
  for (const f of FIELDS) if (f.required && !cols.has(f.key)) problems.push(`${f.label} needs a column`);
  return problems;
}

// --- values ---------------------------------------------------------------------

const TYPES = {
  new: "new", newbusiness: "new", newlogo: "new", newcustomer: "new",
  expansion: "expansion", upsell: "expansion", addon: "expansion", crosssell: "expansion", existingbusiness: "expansion",
  renewal: "renewal", renew: "renewal",
};
const STAGES = {
  booked: "booked", closedwon: "booked", won: "booked", signed: "booked",
  installed: "installed", implemented: "installed",
  activated: "activated", live: "activated", active: "activated",
  cancelled: "cancelled", canceled: "cancelled", churned: "cancelled",
};
const SOURCES = { marketing: "marketing", sales: "sales", partner: "partner", outbound: "sales", inbound: "marketing", channel: "partner", referral: "partner" };

/**
 * An amount as a decimal string: "30000", "30,000.00", "$30,000", "USD 30000".
 * Returns { value } or { error }.
 */
export function readAmount(text) {
  return readMoney(text);
}

/** A share: "0.2", "20%" or "20" (above 1: a percentage). Returns { value } or { error }. */
export function readFraction(text, what) {
  const raw = String(text ?? "").trim();
  const pct = raw.endsWith("%");
  const s = pct ? raw.slice(0, -1).trim() : raw;
  if (!/^\d+(\.\d+)?$/.test(s)) return { error: `“${text}” is not a ${what}: use 0.2 or 20%` };
  const value = pct || compare(s, "1") > 0 ? shift(s, 2) : s;
  return { value: trim(value) };
}

/** A date as YYYY-MM-DD, from "2027-03-12" or "2027-03-12T10:00:00Z". Returns { value } or { error }. */
/** How a file writes its dates: "iso" (2027-03-28), "mdy" (03/28/2027, the US default of CRM exports) or "dmy" (28/03/2027). */
export const DATE_FORMATS = [
  ["iso", "YYYY-MM-DD"],
  ["mdy", "MM/DD/YYYY"],
  ["dmy", "DD/MM/YYYY"],
];

/** The date format a column's values suggest: "iso", "mdy", "dmy", or "mdy" when slashes could be either (the user can change it). */
export function guessDateFormat(values) {
  let slashes = false;
  for (const v of values) {
    const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})/.exec(String(v ?? ""));
    if (!m) continue;
    slashes = true;
    if (+m[1] > 12) return "dmy";
    if (+m[2] > 12) return "mdy";
  }
  return slashes ? "mdy" : "iso";
}

export function readDate(text, format = "iso") {
  const s = String(text ?? "").trim();
  const d2 = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[T ][\d:.]+.*)?$/.exec(s);
  if (d2 && format !== "iso") {
    const [month, day] = format === "mdy" ? [d2[1], d2[2]] : [d2[2], d2[1]];
    const iso = `${d2[3]}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
    const d = new Date(Date.UTC(+d2[3], +month - 1, +day));
    if (d.getUTCMonth() === +month - 1 && d.getUTCDate() === +day) return { value: iso };
    return { error: `“${text}” is not a date as ${format === "mdy" ? "MM/DD/YYYY" : "DD/MM/YYYY"}` };
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) {
    const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    if (d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3]) return { value: `${m[1]}-${m[2]}-${m[3]}` };
  }
  return { error: `“${text}” is not a date: use YYYY-MM-DD (2027-03-12)${d2 ? ", or pick the file's date format" : ""}` };
}

function readName(table, text, what, allowed) {
  const v = table[squash(text)];
  return v ? { value: v } : { error: `“${text}” is not a ${what} (${allowed})` };
}

// --- rows to deals --------------------------------------------------------------

/**
 * Turns parsed CSV records into hypothetical deals.
 *
 * context: { participant (the default owner), participants: [{ id, name }],
 *            owners: ids of other people the data's deals name as owners,
 *            dealIds: Set of the ids already in the data, defaultType,
 *            idPrefix ("CSV-"), maxDeals }
 * Returns { deals: [{ deal, rows: [row numbers] }], problems: [{ row, column, message }] }.
 */
export function recordsToDeals(header, records, mapping, context = {}) {
  const problems = [];
  const col = new Map();
  mapping.forEach((key, i) => key && col.set(key, i));
  const columnName = (key) => (col.has(key) ? header[col.get(key)] || BY_KEY.get(key).label : BY_KEY.get(key).label);
  const people = context.participants ?? [];
  const byId = new Map([...(context.owners ?? []), ...people.map((p) => p.id)].map((id) => [String(id), String(id)]));
  const byName = new Map(people.filter((p) => p.name).map((p) => [String(p.name).trim().toLowerCase(), String(p.id)]));
  const existing = context.dealIds ?? new Set();
  const prefix = context.idPrefix ?? "CSV-";
  const maxDeals = context.maxDeals ?? 10_000;

  const groups = new Map(); // deal id → { deal, rows, owners: Map }
  let generated = 0;
  for (const rec of records) {
    const { row, fields } = rec;
    if (fields.length !== header.length) {
      problems.push({ row, column: "", message: `has ${fields.length} ${fields.length === 1 ? "field" : "fields"}; the header has ${header.length} (a missing or extra delimiter, or an unquoted comma)` });
      continue;
    }
    const cell = (key) => (col.has(key) ? String(fields[col.get(key)] ?? "").trim() : "");
    const errors = [];
    const take = (key, result) => {
      if (result.error) errors.push({ row, column: columnName(key), message: result.error });
      return result.value;
    };

    const amount = cell("amount") === "" ? take("amount", { error: "is empty: every deal needs an amount" }) : take("amount", readAmount(cell("amount")));
    const closeDate = cell("close_date") === "" ? take("close_date", { error: "is empty: every deal needs a close date" }) : take("close_date", readDate(cell("close_date"), context.dateFormat ?? "iso"));
    const type = cell("type") === "" ? context.defaultType ?? "new" : take("type", readName(TYPES, cell("type"), "deal type", "new, expansion or renewal"));
    // A pipeline export is mostly open deals: an open stage ("Negotiation")
    // is imported as booked (that is the what-if) and the row says so; a
    // lost deal is left out, with the reason.
    let note = "";
    let stage;
    if (cell("stage") !== "") {
      const known = STAGES[squash(cell("stage"))];
      if (known) stage = known;
      else if (/lost|dead|disqualified/i.test(cell("stage"))) {
        problems.push({ row, column: columnName("stage"), message: `“${cell("stage")}” is a lost deal: left out (it pays nothing)` });
        continue;
      } else {
        stage = "booked";
        note = `open (${cell("stage")}): imported as if booked`;
      }
    }
    const source = cell("source") === "" ? undefined : take("source", readName(SOURCES, cell("source"), "deal source", "marketing, sales or partner"));
    const product = cell("product") || undefined;
    const listPrice = cell("list_price") === "" ? undefined : take("list_price", readAmount(cell("list_price")));
    const discount = cell("discount") === "" ? undefined : take("discount", readFraction(cell("discount"), "discount"));
    if (discount !== undefined && compare(discount, "1") >= 0) {
      errors.push({ row, column: columnName("discount"), message: `“${cell("discount")}” is 100% or more: a discount must be below 100%` });
    }
    if (listPrice !== undefined && amount !== undefined && compare(listPrice, amount) < 0) {
      errors.push({ row, column: columnName("list_price"), message: `${listPrice} is below the amount ${amount}: the list price is the price before the discount` });
    }
    let owner = context.participant ?? "";
    if (cell("owner") !== "") {
      const o = cell("owner");
      owner = byId.get(o) ?? byName.get(o.toLowerCase());
      if (!owner) errors.push({ row, column: columnName("owner"), message: `“${o}” is neither a participant nor a deal owner in the data (use an id such as ${people[0]?.id ?? "rep-ada"} or a name)` });
    } else if (!owner) errors.push({ row, column: columnName("owner"), message: "is empty and the widget shows no participant to default to" });
    const split = cell("split") === "" ? "1" : take("split", readFraction(cell("split"), "split"));
    if (split !== undefined && (compare(split, "0") <= 0 || compare(split, "1") > 0)) {
      errors.push({ row, column: columnName("split"), message: `“${cell("split")}” must be above 0 and at most 100%` });
    }
    let id = cell("id");
    if (id && existing.has(id)) {
      errors.push({ row, column: columnName("id"), message: `“${id}” is already a deal in the data: edit it in “Edit a deal” instead` });
    }
    if (errors.length) {
      problems.push(...errors);
      continue;
    }

    if (!id) {
      do {
        generated += 1;
        id = `${prefix}${generated}`;
      } while (existing.has(id) || groups.has(id));
    }
    const group = groups.get(id);
    if (group) {
      // Another owner of a deal already read: a split deal.
      if (group.owners.has(owner)) {
        problems.push({ row, column: columnName("owner"), message: `repeats deal “${id}” for ${owner} (row ${group.owners.get(owner).row}): one row per owner` });
        continue;
      }
      group.owners.set(owner, { split, row });
      group.rows.push(row);
      continue;
    }
    if (groups.size >= maxDeals) {
      problems.push({ row, column: "", message: `is past the limit of ${maxDeals} deals in one scenario` });
      continue;
    }
    const deal = { id, type, close_date: closeDate, amount };
    const name = cell("name");
    if (name) deal.name = name;
    if (stage) deal.stage = stage;
    if (source) deal.source = source;
    if (product) deal.product = product;
    if (listPrice !== undefined && compare(listPrice, amount) > 0) deal.list_price = listPrice;
    // A discount without a list price: the engine prices the deal (add_deal's `discount`).
    const off = listPrice === undefined && discount !== undefined && compare(discount, "0") > 0 ? discount : undefined;
    groups.set(id, { deal, rows: [row], owners: new Map([[owner, { split, row }]]), discount: off, note });
  }

  const deals = [];
  for (const [id, g] of groups) {
    const owners = [...g.owners].map(([participant, { split }]) => ({ participant, split }));
    const total = owners.reduce((sum, o) => add(sum, o.split), "0");
    if (compare(total, "1") !== 0) {
      const rows = g.rows.join(", ");
      for (const row of g.rows) {
        problems.push({ row, column: columnName("split"), message: `the splits of deal “${id}” (rows ${rows}) add up to ${trim(total)}; they must add up to 1 (100%)` });
      }
      continue;
    }
    deals.push({ deal: { ...g.deal, owners }, rows: g.rows, ...(g.discount !== undefined ? { discount: g.discount } : {}), ...(g.note ? { note: g.note } : {}) });
  }
  problems.sort((a, b) => a.row - b.row);
  return { deals, problems };
}
