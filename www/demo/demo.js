// The demo page: a persona switch, a number-format switch, and a small
// "CRM feed" that pushes deal, lead and company changes into the widget every few
// seconds through its public methods, as a portal would.
//
// URL options: ?as=rep-ben (persona), ?feed=paused, ?interval=2000 (ms).

import { offerOffline } from "./offline-state.js";

const params = new URLSearchParams(location.search);
const widget = document.getElementById("pay");
const form = document.getElementById("controls");
const feedState = document.getElementById("feed-state");
const toggle = document.getElementById("feed-toggle");
const replay = document.getElementById("feed-replay");
const feedLog = document.getElementById("feed-log");
const eventLog = document.getElementById("event-log");

const INTERVAL = Math.max(500, Number(params.get("interval")) || 4000);
const MAX_LOG = 10;

// --- the scripted CRM feed -----------------------------------------------------

const touch = (participant, campaign, at, ...marks) => ({
  ...(participant ? { participant } : {}),
  campaign,
  at,
  ...(marks.length ? { marks } : {}),
});

/** The deals the feed edits, as the CRM would send them again. */
const base = {
  tidewater: { id: "D-2105", name: "Tidewater Ports", type: "renewal", source: "sales", close_date: "2027-02-02", owners: [{ participant: "rep-ben", split: "1" }], amount: "52000", product: "analytics" },
  orion: { id: "D-2015", name: "Orion Bank", type: "new", source: "sales", close_date: "2027-03-11", owners: [{ participant: "rep-ada", split: "1" }], amount: "54000", product: "analytics" },
  kiln: {
    id: "D-2210", name: "Kiln Ceramics", type: "new", source: "marketing", close_date: "2027-03-08", owners: [{ participant: "rep-dev", split: "1" }], amount: "34000", product: "analytics",
    touches: [touch("mkt-fay", "Paid search – Platform", "2027-02-10", "lead_created"), touch("mkt-cho", "Winter product tour", "2027-02-22", "opportunity_created")],
  },
  meridian: {
    id: "D-2013", name: "Meridian Hotels", type: "new", source: "marketing", close_date: "2027-03-06", owners: [{ participant: "rep-ada", split: "1" }], amount: "82000", product: "platform-suite",
    touches: [touch("mkt-cho", "Analyst report: Forrester Wave", "2027-01-12", "lead_created"), touch("mkt-cho", "Customer summit 2027", "2027-01-21"), touch("mkt-cho", "Q4 CFO webinar", "2027-02-10", "opportunity_created")],
  },
};

/** The leads the feed works, as the CRM would send them again. */
const leads = {
  l035: { id: "L-035", campaign: "Customer summit 2027", created_at: "2027-03-12T09:55:00Z", created_by: "mkt-cho", routed_to: "rep-ada", routed_at: "2027-03-12T10:15:00Z", attempts: [], status: "open" },
  l036: { id: "L-036", campaign: "Renewal nurture", created_at: "2027-03-12T10:55:00Z", created_by: "mkt-cho", routed_to: "rep-ben", routed_at: "2027-03-12T11:05:00Z", attempts: [], status: "open" },
};
const called = { at: "2027-03-12T10:55:00Z", channel: "call" };

const FEED = [
  {
    text: "Northwind Traders closed: new logo, $30,000, Ada Park (lead from the Winter product tour)",
    run: (w) => w.upsertDeal({
      id: "D-2018", name: "Northwind Traders", type: "new", source: "marketing", close_date: "2027-03-12",
      owners: [{ participant: "rep-ada", split: "1" }], amount: "30000", product: "analytics",
      touches: [touch("mkt-cho", "Winter product tour", "2027-02-16", "lead_created", "opportunity_created")],
    }),
  },
  { text: "Finance: company revenue booked to date is now $6,010,000", run: (w) => w.setCompanyRevenue("6010000") },
  { text: "Tidewater Ports renewal activated", run: (w) => w.upsertDeal({ ...base.tidewater, stage: "activated" }) },
  {
    text: "Kiln Ceramics: Customer summit touch logged for Cho Lee",
    run: (w) => w.upsertDeal({ ...base.kiln, touches: [...base.kiln.touches.slice(0, 1), touch("mkt-cho", "Customer summit 2027", "2027-02-14"), ...base.kiln.touches.slice(1)] }),
  },
  { text: "Orion Bank amount corrected to $50,000", run: (w) => w.upsertDeal({ ...base.orion, amount: "50000" }) },
  { text: "Ada Park called lead L-035 (Customer summit) 40 minutes after it was routed", run: (w) => w.upsertLead({ ...leads.l035, attempts: [called] }) },
  { text: "Cho Lee's lead follow-up rate is now 94%", run: (w) => w.setMetric("mkt-cho", "lead_followup", "0.94") },
  { text: "Finance: company revenue booked to date is now $6,180,000", run: (w) => w.setCompanyRevenue("6180000") },
  {
    text: "Opal Systems closed: expansion, $46,000, Ben Ortiz",
    run: (w) => w.upsertDeal({ id: "D-2115", name: "Opal Systems", type: "expansion", source: "sales", close_date: "2027-03-12", owners: [{ participant: "rep-ben", split: "1" }], amount: "46000", product: "analytics" }),
  },
  { text: "Meridian Hotels installed", run: (w) => w.upsertDeal({ ...base.meridian, stage: "installed" }) },
  { text: "Ben Ortiz emailed lead L-036 (Renewal nurture)", run: (w) => w.upsertLead({ ...leads.l036, attempts: [{ at: "2027-03-12T15:30:00Z", channel: "email" }] }) },
  {
    text: "Ada Park accepted lead L-035",
    run: (w) => w.upsertLead({ ...leads.l035, attempts: [called, { at: "2027-03-12T16:10:00Z", channel: "email" }], status: "accepted", decided_at: "2027-03-12T16:20:00Z" }),
  },
  { text: "Finance: company revenue booked to date is now $6,320,000 (above 105% of goal)", run: (w) => w.setCompanyRevenue("6320000") },
  {
    text: "Quartz Mobility closed: new logo, Platform Suite, $64,000, Ada Park (paid search lead)",
    run: (w) => w.upsertDeal({
      id: "D-2019", name: "Quartz Mobility", type: "new", source: "marketing", close_date: "2027-03-13",
      owners: [{ participant: "rep-ada", split: "1" }], amount: "64000", product: "platform-suite", list_price: "68000",
      touches: [touch("mkt-fay", "Paid search – Platform", "2027-02-20", "lead_created"), touch("mkt-cho", "Q4 CFO webinar", "2027-03-01", "opportunity_created")],
    }),
  },
  {
    text: "Cedar Hospital renewal closed: $72,000, Ben Ortiz (Renewal nurture)",
    run: (w) => w.upsertDeal({
      id: "D-2116", name: "Cedar Hospital", type: "renewal", source: "marketing", close_date: "2027-03-13",
      owners: [{ participant: "rep-ben", split: "1" }], amount: "72000", product: "platform-suite",
      touches: [touch("mkt-cho", "Renewal nurture", "2027-02-01T09:30:00Z", "lead_created", "opportunity_created")],
    }),
  },
  { text: "Cho Lee's lead follow-up rate is now 96%", run: (w) => w.setMetric("mkt-cho", "lead_followup", "0.96") },
  { text: "Ironbridge Capital removed (duplicate CRM record)", run: (w) => w.removeDeal("D-2009") },
  { text: "Finance: company revenue booked to date is now $6,450,000", run: (w) => w.setCompanyRevenue("6450000") },
];

let next = 0;
let timer = null;
let paused = params.get("feed") === "paused";
let loaded = false;

function logTo(list, text, cls) {
  const li = document.createElement("li");
  if (cls) li.className = cls;
  li.textContent = text;
  list.prepend(li);
  while (list.children.length > MAX_LOG) list.lastElementChild.remove();
}

function renderState() {
  const done = next >= FEED.length;
  feedState.textContent = done ? "Caught up" : paused ? "Paused" : "Live";
  feedState.dataset.state = done ? "done" : paused ? "paused" : "live";
  toggle.textContent = paused ? "Resume feed" : "Pause feed";
  toggle.setAttribute("aria-pressed", String(paused));
  toggle.disabled = done;
}

function tick() {
  if (paused || next >= FEED.length) return stop();
  const item = FEED[next];
  next += 1;
  const ok = item.run(widget);
  logTo(feedLog, ok ? item.text : `Rejected: ${item.text}`, ok ? "" : "rejected");
  renderState();
  if (next >= FEED.length) stop();
}

function start() {
  stop();
  if (!paused && loaded && next < FEED.length) timer = setInterval(tick, INTERVAL);
  renderState();
}

function stop() {
  clearInterval(timer);
  timer = null;
  renderState();
}

toggle.addEventListener("click", () => {
  paused = !paused;
  start();
});

replay.addEventListener("click", () => {
  // Setting the activity again drops every live update pushed since.
  widget.activity = widget.activity;
  next = 0;
  feedLog.replaceChildren();
  eventLog.replaceChildren();
  start();
});

// --- persona and locale ----------------------------------------------------------------

const persona = params.get("as");
if (persona && form.elements.persona) {
  for (const radio of form.elements.persona) radio.checked = radio.value === persona;
  widget.participant = persona;
}

// A manager sees their team (view="team"); everyone else their own pay.
const MANAGERS = new Set(["mgr-dee"]);
function chooseView() {
  if (MANAGERS.has(widget.participant)) widget.view = "team";
  else widget.view = "";
}
chooseView();

// "Only this person's data": each viewer gets their own cut of the sample
// (sample/viewers/ID.json, made by the package's activityFor at build time,
// as `incentive cut` makes it for a portal): their deals, their payments,
// the company figure. Their pay is the same; colleagues' data never loads.
function serveCut() {
  const cut = form.elements.cut?.checked;
  widget.setAttribute("activity-src", cut ? `sample/viewers/${encodeURIComponent(widget.participant)}.json` : "sample/activity.json");
}
if (params.get("cut") === "1" && form.elements.cut) {
  form.elements.cut.checked = true;
  serveCut();
}

form.addEventListener("change", (e) => {
  if (e.target.name === "persona" || e.target.name === "cut") {
    widget.participant = form.elements.persona.value;
    chooseView();
    if (form.elements.cut?.checked || e.target.name === "cut") serveCut();
    const url = new URL(location.href);
    url.searchParams.set("as", widget.participant);
    if (form.elements.cut?.checked) url.searchParams.set("cut", "1");
    else url.searchParams.delete("cut");
    history.replaceState(null, "", url);
  }
  if (e.target.name === "locale") widget.locale = e.target.value;
});
form.addEventListener("submit", (e) => e.preventDefault());

// --- what the widget reports -------------------------------------------------------------

function nameOf(id) {
  return (widget.activity?.participants ?? []).find((p) => p.id === id)?.name ?? id;
}

widget.addEventListener("incentive-load", () => {
  if (!loaded) {
    loaded = true;
    start();
  }
});

widget.addEventListener("earnings-change", (e) => {
  const { participant, statement, delta } = e.detail;
  const money = new Intl.NumberFormat(widget.locale || "en-US", { style: "currency", currency: statement.currency, signDisplay: "exceptZero" });
  const moved = Number(delta.earned) !== 0 || Number(delta.due) !== 0;
  logTo(
    eventLog,
    moved
      ? `${nameOf(participant)}: earned ${money.format(delta.earned)}, due ${money.format(delta.due)}`
      : `${nameOf(participant)}: statement updated, pay unchanged`,
  );
});

widget.addEventListener("incentive-error", (e) => {
  logTo(eventLog, `Problem (${e.detail.source}): ${e.detail.problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`, "rejected");
});

renderState();

// --- offline ------------------------------------------------------------------------------

// The demo opts in to offline use (the widget never registers a worker on
// its own): sw.js sits at the root of dist/ so that its scope is this page.
// ?offline=off leaves the worker out.
offerOffline(new URL("../sw.js", import.meta.url));
