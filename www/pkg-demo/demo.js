// The package demo: load pkg/, build an Engine from the sample data, show one
// statement. A separate module (no inline script) so the page works under
// `script-src 'self' 'wasm-unsafe-eval'`. The widget (www/) replaces this page
// as the demo once it lands.
import init, { Engine, version } from "../../pkg/incentive_widget.js";

const $ = (id) => document.getElementById(id);

async function fetchJson(name) {
  const res = await fetch(new URL(name, import.meta.url));
  if (!res.ok) throw new Error(`${name}: HTTP ${res.status}`);
  return res.json();
}

function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text ?? "—";
  if (className) td.className = className;
}

function show(statement) {
  $("title").textContent = `${statement.participant} (${statement.role}), ${statement.currency}`;
  const totals = $("totals");
  totals.replaceChildren();
  for (const key of ["quota", "quota_credit", "attainment", "company_attainment", "earned", "payable", "paid", "due"]) {
    const dt = document.createElement("dt");
    const dd = document.createElement("dd");
    dt.textContent = key;
    dd.textContent = statement[key] ?? "—";
    dd.dataset.field = key;
    totals.append(dt, dd);
  }
  const body = $("lines");
  body.replaceChildren();
  for (const c of statement.components) {
    for (const line of c.lines) {
      const row = body.insertRow();
      cell(row, c.name);
      cell(row, line.deal);
      cell(row, line.credit, "num");
      cell(row, line.earned, "num");
      cell(row, line.payable, "num");
      cell(row, line.explain);
    }
  }
  $("json").textContent = JSON.stringify(statement, null, 2);
  $("statement").hidden = false;
}

async function main() {
  const [, plan, activity] = await Promise.all([init(), fetchJson("plan.json"), fetchJson("activity.json")]);
  const engine = new Engine(plan, activity);
  const select = $("participant");
  for (const p of activity.participants) select.add(new Option(`${p.name ?? p.id} (${p.id})`, p.id));
  select.addEventListener("change", () => show(engine.statement(select.value)));
  select.disabled = false;
  show(engine.statement(select.value));
  $("status").textContent = `incentive-widget ${version()}: ${activity.participants.length} statements from the sample data.`;
  document.documentElement.dataset.ready = "true";
}

main().catch((e) => {
  const status = $("status");
  status.className = "error";
  status.textContent = `Could not show the statement: ${e.message}`;
  document.documentElement.dataset.ready = "error";
  console.error(e);
});
