// The mapping step of the CSV import: which column of a CRM export feeds
// which deal field, guessed from the column names ("Close Date",
// "close_date" and "Expected close date" all mean close_date), and the date
// format guessed from the close dates. The rows themselves are read by the
// engine (`importDeals`), the same importer as `incentive import`, with a
// mapping of this shape: `{ columns: { field: column name }, date_format }`
// (a mapping file's `[opportunities]` section).
//
// No DOM: the module runs in Node too (tests/node/csv.test.mjs).

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

/** The mapping for the engine: a mapping file's `[opportunities]` section (field → the file's column name). */
export function engineMapping(mapping, header, dateFormat) {
  const columns = {};
  mapping.forEach((key, i) => {
    if (key) columns[key] = header[i];
  });
  return { columns, date_format: dateFormat };
}

/** How a file writes its dates, as the engine's formats: [format, what people read]. */
export const DATE_FORMATS = [
  ["%Y-%m-%d", "YYYY-MM-DD"],
  ["%m/%d/%Y", "MM/DD/YYYY"],
  ["%d/%m/%Y", "DD/MM/YYYY"],
  ["%d.%m.%Y", "DD.MM.YYYY"],
  ["%m-%d-%Y", "MM-DD-YYYY"],
  ["%d-%m-%Y", "DD-MM-YYYY"],
];

/**
 * The date format a column's values suggest: ISO unless the dates are
 * written day and month first; month first (the US default of CRM exports)
 * when both could be, for the user to confirm.
 */
export function guessDateFormat(values) {
  let sep = "";
  for (const v of values) {
    const m = /^\s*(\d{1,2})([/.-])(\d{1,2})\2(\d{4})/.exec(String(v ?? ""));
    if (!m) continue;
    sep ||= m[2];
    if (+m[1] > 12) return `%d${sep}%m${sep}%Y`;
    if (+m[3] > 12) return `%m${sep}%d${sep}%Y`;
  }
  if (!sep) return "%Y-%m-%d";
  return sep === "." ? "%d.%m.%Y" : `%m${sep}%d${sep}%Y`;
}
