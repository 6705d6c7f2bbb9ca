// The what-if panel's CSV import, without a browser: the RFC 4180 parser
// of the mapping step's preview (www/lib/csv.js), the column and date
// format guesses (www/lib/crm-import.js), and the rows → hypothetical deals
// step, which is the package's `importDeals`: the importer of `incentive
// import`, with the what-if's rules.
//
//   node --test tests/node/csv.test.mjs   (needs pkg/: bash scripts/build.sh)

import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import init, { Engine, readAmount } from "../../pkg/incentive_widget.js";
import { parseCsv, sniffDelimiter, toCsv } from "../../www/lib/csv.js";
import { autoMap, checkMapping, engineMapping, fieldForName, guessDateFormat } from "../../www/lib/crm-import.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
before(async () => {
  await init({ module_or_path: readFileSync(join(ROOT, "pkg", "incentive_widget_bg.wasm")) });
});

const fields = (text, opts) => parseCsv(text, opts).records.map((r) => r.fields);

describe("parseCsv (RFC 4180)", () => {
  test("header, CRLF records, a missing final line break", () => {
    const out = parseCsv("id,amount\r\nA,1\r\nB,2");
    assert.deepEqual(out.header, ["id", "amount"]);
    assert.deepEqual(out.records, [
      { row: 2, line: 2, fields: ["A", "1"] },
      { row: 3, line: 3, fields: ["B", "2"] },
    ]);
    assert.deepEqual(out.problems, []);
    assert.equal(out.delimiter, ",");
  });

  test("quoted fields hold delimiters, doubled quotes and line breaks", () => {
    const out = parseCsv('a,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\nnext,,""\r\n');
    assert.deepEqual(out.records.map((r) => r.fields), [
      ["x, y", 'say "hi"', "two\r\nlines"],
      ["next", "", ""],
    ]);
    // Rows count records; lines count the file's lines.
    assert.deepEqual(out.records.map((r) => [r.row, r.line]), [[2, 2], [3, 4]]);
  });

  test("LF and lone CR line ends, blank lines skipped, a byte-order mark dropped", () => {
    assert.deepEqual(fields("\ufeffa,b\n1,2\n\n3,4\r5,6\n   \n"), [["1", "2"], ["3", "4"], ["5", "6"]]);
    assert.deepEqual(parseCsv("\ufeffa,b\n").header, ["a", "b"]);
  });

  test("empty fields, a trailing delimiter, spaces kept inside fields and trimmed in the header", () => {
    const out = parseCsv(" id , name \n1, Acme ,\n");
    assert.deepEqual(out.header, ["id", "name"]);
    assert.deepEqual(out.records[0].fields, ["1", " Acme ", ""]);
  });

  test("semicolon and tab files are recognised from the header", () => {
    assert.equal(sniffDelimiter("id;amount\n1;2,5\n"), ";");
    assert.equal(sniffDelimiter("id\tamount\n"), "\t");
    assert.equal(sniffDelimiter('"a;b",c\n'), ",");
    assert.deepEqual(fields("id;amount\n1;\"2;5\"\n"), [["1", "2;5"]]);
    assert.deepEqual(fields("id\tamount\nA\t7\n"), [["A", "7"]]);
    assert.deepEqual(fields("a;b\n1;2\n", { delimiter: "," }), [["1;2"]]);
  });

  test("a malformed record is reported with its row and left out; the others stay", () => {
    const out = parseCsv('id,name\n1,ok\n2,bad"quote\n3,"closed"junk\n4,"fine"\n5,""""\n');
    assert.deepEqual(out.records.map((r) => r.fields[0]), ["1", "4", "5"]);
    assert.deepEqual(out.records.at(-1).fields, ["5", '"']);
    assert.deepEqual(out.problems.map((p) => p.row), [3, 4]);
    assert.match(out.problems[0].message, /a quote inside a field that doesn't start with one.*\(field 2\)/);
    assert.match(out.problems[1].message, /text after a quoted field's closing quote.*\(field 2\)/);
  });

  test("a quote never closed swallows the rest of the file and says so", () => {
    const out = parseCsv('id,name\n1,ok\n2,"never closed\n3,lost\n');
    assert.deepEqual(out.records.map((r) => r.fields[0]), ["1"]);
    assert.equal(out.problems.length, 1);
    assert.equal(out.problems[0].row, 3);
    assert.match(out.problems[0].message, /never closed/);
  });

  test("an empty file, and a broken header, are problems of row 1", () => {
    assert.deepEqual(parseCsv("").problems, [{ row: 1, line: 1, message: "the file is empty: it needs a header row" }]);
    assert.deepEqual(parseCsv("\n\n").header, []);
    assert.equal(parseCsv('a,b"c\n1,2\n').problems[0].row, 1);
  });

  test("toCsv writes what parseCsv reads", () => {
    const rows = [["id", "name", "note"], ["1", 'Acme "Rocket", Inc.', "two\nlines"], ["2", "", "plain"]];
    const text = toCsv(rows);
    assert.ok(text.endsWith("\r\n"));
    const out = parseCsv(text);
    assert.deepEqual([out.header, ...out.records.map((r) => r.fields)], rows);
  });

  test("10,000 rows parse quickly", () => {
    const rows = [["id", "amount", "name"]];
    for (let i = 0; i < 10_000; i++) rows.push([`D-${i}`, String(i * 10), `Name, ${i} "q"`]);
    const t0 = performance.now();
    const out = parseCsv(toCsv(rows));
    const ms = performance.now() - t0;
    assert.equal(out.records.length, 10_000);
    assert.equal(out.records[9999].fields[2], 'Name, 9999 "q"');
    assert.ok(ms < 2000, `${ms.toFixed(0)} ms`);
  });
});

describe("CRM columns → deals", () => {
  test("columns are matched by name; the fields' own names need no mapping step", () => {
    assert.deepEqual(fieldForName("Close Date"), { key: "close_date", exact: true });
    assert.deepEqual(fieldForName("close_date"), { key: "close_date", exact: true });
    assert.deepEqual(fieldForName("Expected close date"), { key: "close_date", exact: false });
    assert.deepEqual(fieldForName("Opportunity Owner"), { key: "owner", exact: false });
    assert.deepEqual(fieldForName("Colour"), { key: "", exact: false });

    const own = autoMap(["id", "name", "type", "amount", "close_date", "stage", "product", "list_price", "discount", "owner", "split"]);
    assert.equal(own.exact, true);
    assert.deepEqual(own.problems, []);

    const crm = autoMap(["Opportunity ID", "Account Name", "ARR", "Closed On", "Favourite colour"]);
    assert.equal(crm.exact, false, "other names: the user confirms the mapping");
    assert.deepEqual(crm.mapping, ["id", "name", "amount", "close_date", ""]);
    assert.deepEqual(crm.problems, []);

    const missing = autoMap(["id", "name"]);
    assert.equal(missing.exact, false);
    assert.deepEqual(missing.problems, ["Amount needs a column", "Close date needs a column"]);

    const twice = autoMap(["amount", "Deal amount", "close_date"]);
    assert.deepEqual(twice.mapping, ["amount", "", "close_date"], "the second column for a field is left out");
    assert.deepEqual(checkMapping(["amount", "amount", "close_date"], ["A", "B", "C"]), ["Amount comes from two columns (“A” and “B”): pick one"]);
  });

  test("one money reader, the engine's: amounts as people type them and CRMs export them", () => {
    // The add-deal form, the deal editor and the import all read money with it.
    for (const [text, want] of [["30000", "30000"], ["30,000.00", "30000.00"], ["$30,000", "30000"], ["USD 1250.5", "1250.5"], [" 7 ", "7"], ["1 200", "1200"], ["30k", "30000"], ["12.5K", "12500"], ["1.2m", "1200000"], ["$45k", "45000"], ["0.0005k", "0.5"]]) {
      assert.deepEqual(readAmount(text), { value: want }, text);
    }
    for (const bad of ["", "-5", "1.2.3", "30.000,00", "1,00", "k"]) assert.ok(readAmount(bad).error, bad);
    assert.match(readAmount("-5000").error, /negative: an amount must be above zero/);
    assert.match(readAmount("$-5000").error, /negative/);
  });

  // Ada and Ben; D-1 is a deal of the data (owned by Ada and rep-dev, who is
  // no participant); Ada's role counts renewals first.
  const engine = () =>
    new Engine(
      {
        format: "incentive-plan/1", name: "Import", currency: "USD",
        period: { start: "2027-01-01", end: "2027-12-31" },
        roles: [{ id: "ae", name: "AE", quota: { types: ["renewal", "new"] }, components: [{ kind: "commission", name: "Commission", rate: "0.1" }] }],
      },
      {
        participants: [{ id: "rep-ada", name: "Ada Park", role: "ae", quota: "100000" }, { id: "rep-ben", name: "Ben Ortiz", role: "ae", quota: "100000" }],
        deals: [{ id: "D-1", type: "new", close_date: "2027-01-10", amount: "100", owners: [{ participant: "rep-ada", split: "0.5" }, { participant: "rep-dev", split: "0.5" }] }],
      },
    );
  const read = (text, { dateFormat = "%Y-%m-%d", taken = [], maxDeals } = {}) => {
    const { header } = parseCsv(text);
    const e = engine();
    try {
      return e.importDeals("rep-ada", text, { file: "deals.csv", mapping: engineMapping(autoMap(header).mapping, header, dateFormat), taken, ...(maxDeals ? { max_deals: maxDeals } : {}) });
    } finally {
      e.free();
    }
  };

  test("a row becomes a deal: defaults, the discount for the engine to price, names of people", () => {
    const { deals, problems } = read(
      "id,name,type,amount,close_date,stage,product,discount,owner\n" +
        "X-1,Acme,New Business,\"$40,000.00\",2027-03-01,Closed Won,platform-suite,20%,Ben Ortiz\n" +
        ",,,1000,2027-03-02,,,,\n",
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(deals, [
      {
        deal: { id: "X-1", name: "Acme", type: "new", close_date: "2027-03-01", stage: "booked", amount: "40000.00", product: "platform-suite", owners: [{ participant: "rep-ben", split: "1" }] },
        rows: [2],
        discount: "0.2",
      },
      { deal: { id: "CSV-1", type: "renewal", close_date: "2027-03-02", amount: "1000", owners: [{ participant: "rep-ada", split: "1" }] }, rows: [3] },
    ]);
  });

  test("rows sharing an id are one split deal; splits must add up to 1", () => {
    const { deals, problems } = read(
      "id,amount,close_date,owner,split\n" +
        "S-1,1000,2027-03-01,rep-ada,60%\nS-1,1000,2027-03-01,rep-ben,0.4\n" +
        "S-2,1000,2027-03-01,rep-ada,50%\nS-2,1000,2027-03-01,rep-ben,30%\n" +
        "S-3,1000,2027-03-01,rep-ada,1\nS-3,1000,2027-03-01,rep-ada,1\n",
    );
    assert.deepEqual(deals.map((d) => [d.deal.id, d.deal.owners, d.rows]), [
      ["S-1", [{ participant: "rep-ada", split: "0.6" }, { participant: "rep-ben", split: "0.4" }], [2, 3]],
      ["S-3", [{ participant: "rep-ada", split: "1" }], [6]],
    ]);
    assert.deepEqual(problems.map((p) => [p.row, p.column]), [[4, "split"], [5, "split"], [7, "owner"]]);
    assert.match(problems[0].message, /the splits of deal “S-2” \(rows 4, 5\) add up to 0\.8; they must add up to 1/);
    assert.match(problems[2].message, /repeats deal “S-3” for rep-ada \(row 6\)/);
  });

  test("each bad row is reported by row and column; the good rows are kept", () => {
    const { deals, problems } = read(
      "Deal ID,Amount,Close Date,Type,Stage,Owner,List Price,Discount,Split\n" +
        "A,100,2027-03-01,new,,,,,\n" +
        "B,abc,2027-13-01,gift,negotiation,Zed,,150%,\n" +
        "D-1,5,2027-03-01,new,,,,,\n" +
        "C,100,2027-03-01,new,,,90,,\n" +
        "E,100,2027-03-01,new,,,,,0\n" +
        "F,,,new,,,,,\n" +
        "G,1\n",
    );
    assert.deepEqual(deals.map((d) => d.deal.id), ["A"]);
    const got = problems.map((p) => `${p.row} ${p.column}: ${p.message}`);
    assert.deepEqual(got, [
      "3 Amount: “abc” is not an amount: use digits such as 30000, 30,000.00, $30,000 or 30k",
      "3 Close Date: “2027-13-01” is not a date as YYYY-MM-DD (no such day)",
      "3 Owner: “Zed” is neither a participant nor a deal owner in the data (use an id such as rep-ada or a name)",
      "3 Type: “gift” is not a deal type (new, expansion or renewal)",
      "3 Discount: “150%” is 100% or more: a discount must be below 100%",
      "4 Deal ID: “D-1” is already a deal in the data: edit it in “Edit a deal” instead",
      "5 List Price: 90 is below the amount 100: the list price is the price before the discount",
      "6 Split: “0” must be above 0 and at most 100%",
      "7 Amount: is empty: every row needs its amount",
      "7 Close Date: is empty: every row needs its close date",
      "8 : has 2 fields; the header has 9 (a missing or extra delimiter, or an unquoted comma)",
    ]);
  });

  test("a pipeline export: open stages as booked with a note, lost deals left out with the reason, US and European dates", () => {
    const { deals, problems } = read(
      "id,amount,close_date,stage\n" + "O-1,100,03/28/2027 10:30,Negotiation\n" + "O-2,100,03/01/2027,Closed Lost\n" + "O-3,100,3/4/2027,Closed Won\n",
      { dateFormat: "%m/%d/%Y" },
    );
    assert.deepEqual(
      deals.map((d) => [d.deal.id, d.deal.stage, d.deal.close_date, d.note ?? ""]),
      [
        ["O-1", "booked", "2027-03-28", "open (Negotiation): imported as if booked"],
        ["O-3", "booked", "2027-03-04", ""],
      ],
    );
    assert.deepEqual(problems.map((p) => `${p.row} ${p.column}: ${p.message}`), ["3 stage: “Closed Lost” is a lost deal: left out (it pays nothing)"]);
    const dates = (text, dateFormat) => read(`amount,close_date\n1,${text}\n`, { dateFormat });
    assert.equal(dates("28/03/2027", "%d/%m/%Y").deals[0].deal.close_date, "2027-03-28");
    assert.equal(dates("28.03.2027", "%d.%m.%Y").deals[0].deal.close_date, "2027-03-28");
    assert.equal(dates("2027-03-12T17:30:00Z").deals[0].deal.close_date, "2027-03-12");
    assert.match(dates("28/03/2027", "%m/%d/%Y").problems[0].message, /not a date as MM\/DD\/YYYY/);
    assert.match(dates("03/28/2027").problems[0].message, /not a date as YYYY-MM-DD/);
    assert.equal(guessDateFormat(["03/04/2027", "03/28/2027"]), "%m/%d/%Y");
    assert.equal(guessDateFormat(["28/03/2027"]), "%d/%m/%Y");
    assert.equal(guessDateFormat(["28.03.2027"]), "%d.%m.%Y");
    assert.equal(guessDateFormat(["03-28-2027"]), "%m-%d-%Y");
    assert.equal(guessDateFormat(["2027-03-28"]), "%Y-%m-%d");
  });

  test("owners the data's deals name are accepted; generated ids skip taken ones; the deal limit holds", () => {
    const { deals, problems } = read("amount,close_date,owner\n1,2027-01-01,rep-dev\n2,2027-01-01,\n3,2027-01-01,\n", {
      taken: ["CSV-1"],
      maxDeals: 2,
    });
    assert.deepEqual(deals.map((d) => [d.deal.id, d.deal.owners[0].participant]), [["CSV-2", "rep-dev"], ["CSV-3", "rep-ada"]]);
    assert.deepEqual(problems.map((p) => [p.row, p.message]), [[4, "is past the limit of 2 deals in one scenario"]]);
  });
});
