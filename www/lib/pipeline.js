// The shared pipeline: the leads routed to the person (speed-to-lead met,
// missed or waiting, hours to the first attempt, attempts) with the SLA
// warning; the leads they created and how they fared (accepted, rejected
// and why, converted, credited back); each measure's sentence; what each
// measure does to pay; and the company's (and team's) alignment stage on a
// track of its stages. Everything is the engine's `pipeline(participant)`:
// no rule of the ledger is worked out here. Shown only when the activity
// has a lead ledger. "What if I follow up now?" and "What if accepted?"
// try one lead change with the engine's whatIf (the same entry point as the
// what-if panel) and show what it moves.

import { h, setText } from "./dom.js";
import { sign } from "./decimal.js";

/** A measure's name as a heading: the engine's words, capitalised. */
const titled = (line) => (line.title ? line.title[0].toUpperCase() + line.title.slice(1) : line.measure);

const STATUS = { open: "Open", accepted: "Accepted", rejected: "Rejected", converted: "Converted", credited_back: "Credited back" };
const SPEED = { met: "Met", missed: "Missed", waiting: "Waiting" };

/** A measure's value as people read it, by the engine's `unit`: money, a stage's number, or a share or index to four places of a percent. */
function measureValue(line, fmt) {
  if (line.value === null || line.value === undefined) return "nothing to count yet";
  if (line.unit === "money") return fmt.money(line.value);
  if (line.unit === "stage") return `stage ${fmt.number(line.value)}`;
  return fmt.exactPercent(line.value);
}

/** "2027-03-13T09:00:00Z" → "2027-03-13 09:00 UTC" (the engine's instant, only re-spelt). */
function instantWords(t) {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?Z$/.exec(String(t ?? ""));
  return m ? `${m[1]} ${m[2]} UTC` : String(t ?? "");
}

class LeadRow {
  /** rep: the leads routed to the person (else: created by them). */
  constructor(rep, onWhatIf) {
    this.rep = rep;
    this.id = h("span", { class: "lead-id" });
    this.campaign = h("span", { class: "lead-meta" });
    this.with = h("td", { "data-label": rep ? "From" : "Routed to" });
    this.status = h("td", { "data-label": "Status" });
    this.cells = rep
      ? [h("td", { "data-label": "Speed" }), h("td", { class: "num", "data-label": "Hours to first attempt" }), h("td", { class: "num", "data-label": "Attempts" })]
      : [h("td", { "data-label": "Outcome" })];
    this.hidden = h("span", { class: "visually-hidden" });
    this.button = h("button", { type: "button", class: "whatif-lead", part: "pipeline-whatif-button", hidden: true }, rep ? "What if I follow up now?" : "What if accepted?", this.hidden);
    this.button.addEventListener("click", () => onWhatIf(this.lead));
    this.row = h(
      "tr",
      { class: "pipeline-lead", part: "pipeline-lead" },
      h("th", { scope: "row", class: "lead" }, this.id, this.campaign),
      this.with,
      this.status,
      ...this.cells,
      h("td", { class: "action" }, this.button),
    );
  }

  /** r: the engine's LeadRow; offer: whether the what-if button applies. */
  update(r, fmt, offer) {
    this.lead = r.id;
    setText(this.id, r.id);
    setText(this.campaign, r.campaign);
    setText(this.with, r.with || "—");
    setText(this.status, STATUS[r.status] ?? r.status);
    this.row.dataset.status = r.status;
    this.row.dataset.speed = r.speed;
    if (this.rep) {
      const [speed, hours, attempts] = this.cells;
      setText(speed, r.speed === "waiting" && r.due ? `${SPEED.waiting} (due ${instantWords(r.due)})` : SPEED[r.speed] ?? r.speed);
      setText(hours, r.first_attempt_hours === null ? "—" : `${fmt.number(r.first_attempt_hours)} h`);
      setText(attempts, String(r.attempts));
    } else {
      const out = r.reject_reason ? `Rejected: ${r.reject_reason}${r.deal ? ` (then became ${r.deal})` : ""}` : r.deal ? `Became ${r.deal}` : "—";
      setText(this.cells[0], out);
    }
    setText(this.hidden, ` (${r.id})`);
    this.button.hidden = !offer;
  }
}

class LeadTable {
  constructor(rep, caption, onWhatIf) {
    this.rep = rep;
    this.onWhatIf = onWhatIf;
    this.tbody = h("tbody");
    const cols = rep ? ["Lead", "From", "Status", "Speed", "Hours to first attempt", "Attempts"] : ["Lead", "Routed to", "Status", "Outcome"];
    this.el = h(
      "table",
      { class: rep ? "pipeline-leads rep" : "pipeline-leads", part: "pipeline-leads" },
      h("caption", { class: "visually-hidden", text: caption }),
      h(
        "thead",
        {},
        h("tr", {}, ...cols.map((c, i) => h("th", { scope: "col", class: rep && i >= 4 ? "num" : null, text: c })), h("th", { scope: "col" }, h("span", { class: "visually-hidden", text: "What if" }))),
      ),
      this.tbody,
    );
    this.rows = new Map();
  }

  /** Rows keyed by lead id: a focused button survives a live update. */
  update(leads, fmt, offer) {
    const seen = new Set();
    leads.forEach((r, i) => {
      seen.add(r.id);
      let row = this.rows.get(r.id);
      if (!row) {
        row = new LeadRow(this.rep, this.onWhatIf);
        this.rows.set(r.id, row);
      }
      row.update(r, fmt, offer(r));
      const at = this.tbody.children[i];
      if (at !== row.row) this.tbody.insertBefore(row.row, at ?? null);
    });
    for (const [id, row] of this.rows) {
      if (!seen.has(id)) {
        row.row.remove();
        this.rows.delete(id);
      }
    }
  }
}

/** Each measure's value and the engine's sentence. */
function measureItems(lines, fmt) {
  return lines.map((m) =>
    h(
      "li",
      { class: "pipeline-measure", "data-measure": m.measure },
      h("span", { class: "measure-name", text: titled(m) }),
      h("span", { class: "measure-value", text: measureValue(m, fmt) }),
      h("span", { class: "measure-explain", text: m.explain }),
    ),
  );
}

class StandingBlock {
  constructor(title) {
    this.heading = h("h4", { class: "pipeline-subtitle", text: title });
    this.track = h("ol", { class: "stage-track", part: "alignment-stages", "aria-label": `${title}: stages` });
    this.index = h("p", { class: "alignment-index" });
    this.explain = h("p", { class: "alignment-explain" });
    this.next = h("p", { class: "alignment-next" });
    this.moves = h("ul", { class: "alignment-moves" });
    this.el = h("div", { class: "alignment", part: "alignment", hidden: true }, this.heading, this.track, this.index, this.explain, this.next, this.moves);
  }

  update(s, fmt) {
    this.el.hidden = !s;
    if (!s) return;
    const key = JSON.stringify(s);
    if (this.key === key && this.fmt === fmt) return;
    this.key = key;
    this.fmt = fmt;
    this.track.replaceChildren(
      ...s.stages.map((name, i) => {
        const n = i + 1;
        const state = n < s.stage_number ? "past" : n === s.stage_number ? "current" : "ahead";
        return h(
          "li",
          { class: `stage ${state}`, part: "alignment-stage", "aria-current": state === "current" ? "step" : null },
          h("span", { class: "stage-number", "aria-hidden": "true", text: String(n) }),
          h("span", { class: "stage-name", text: name }),
          state === "current" ? h("span", { class: "visually-hidden", text: " (current stage)" }) : null,
        );
      }),
    );
    setText(this.index, `Index ${fmt.exactPercent(s.index)} · stage ${s.stage_number} of ${s.stages.length}: ${s.stage}`);
    setText(this.explain, s.explain);
    setText(this.next, s.next ? `Next: ${s.next}, from ${fmt.exactPercent(s.next_from)}` : "The last stage: nothing further to reach.");
    this.moves.replaceChildren(...s.moves.map((m) => h("li", { text: m })));
    this.moves.hidden = !s.moves.length;
  }
}

export class PipelinePanel {
  constructor(id) {
    this.heading = h("h3", { class: "panel-title", id, text: "Pipeline" });
    this.alert = h("p", { class: "pipeline-alert", part: "pipeline-warning", role: "status", hidden: true });
    const run = (lead) => this.#whatIf(lead);
    this.routed = new LeadTable(true, "Leads routed to you: speed-to-lead and attempts", run);
    this.created = new LeadTable(false, "Leads you created: how they fared", run);
    this.routedMeasures = h("ul", { class: "pipeline-measures", part: "pipeline-measures" });
    this.createdMeasures = h("ul", { class: "pipeline-measures", part: "pipeline-measures" });
    this.createdSummary = h("p", { class: "note pipeline-summary" });
    this.repBox = h("div", { class: "pipeline-side", hidden: true }, h("h4", { class: "pipeline-subtitle", text: "Leads routed to you" }), this.routed.el, this.routedMeasures);
    this.mktBox = h("div", { class: "pipeline-side", hidden: true }, h("h4", { class: "pipeline-subtitle", text: "How your leads fared" }), this.createdSummary, this.created.el, this.createdMeasures);
    // Always in the tree (empty when nothing was tried), so its answer is announced.
    this.result = h("div", { class: "pipeline-whatif", part: "pipeline-whatif", role: "status" });
    this.pays = h("ul", { class: "pipeline-pays", part: "pipeline-pays" });
    this.paysBox = h("div", { class: "pipeline-side", hidden: true }, h("h4", { class: "pipeline-subtitle", text: "What it does to your pay" }), this.pays);
    this.company = new StandingBlock("Company alignment");
    this.team = new StandingBlock("Team alignment");
    this.el = h(
      "section",
      { class: "panel pipeline", part: "pipeline", "aria-labelledby": id, hidden: true },
      this.heading,
      this.alert,
      this.repBox,
      this.mktBox,
      this.result,
      this.paysBox,
      h("div", { class: "alignments" }, this.company.el, this.team.el),
    );
    this.model = null;
  }

  /** model: the card's, with `pipeline` (the engine's view or null), `leads` (id → lead) and `leadWhatIf(change)`. */
  update(model) {
    this.model = model;
    const v = model.pipeline;
    this.el.hidden = !v;
    if (!v) return;
    const key = JSON.stringify(v);
    if (this.key === key && this.fmt === model.fmt) return;
    const changed = this.key !== undefined && this.key !== key;
    this.key = key;
    this.fmt = model.fmt;
    const { fmt } = model;
    // The what-if of a lead answers the data it ran on: a live change drops it.
    if (changed) this.#clearResult();

    setText(this.alert, v.waiting.sentence);
    this.alert.hidden = !v.waiting.sentence;

    // A row offers a what-if when the engine gives one (`what_if`).
    this.repBox.hidden = !v.routed.leads.length;
    this.routed.update(v.routed.leads, fmt, (r) => Boolean(r.what_if));
    this.routedMeasures.replaceChildren(...measureItems(v.routed.measures, fmt));

    this.mktBox.hidden = !v.created.leads.length;
    this.created.update(v.created.leads, fmt, (r) => Boolean(r.what_if));
    this.createdMeasures.replaceChildren(...measureItems(v.created.measures, fmt));
    const tally = new Map();
    for (const r of v.created.leads) tally.set(r.status, (tally.get(r.status) ?? 0) + 1);
    const n = v.created.leads.length;
    setText(
      this.createdSummary,
      `${n} ${n === 1 ? "lead" : "leads"}: ${["accepted", "converted", "rejected", "credited_back", "open"]
        .filter((s) => tally.get(s))
        .map((s) => `${tally.get(s)} ${STATUS[s].toLowerCase()}`)
        .join(", ")}.`,
    );

    this.paysBox.hidden = !v.pays.length;
    this.pays.replaceChildren(...v.pays.map((t) => h("li", { text: t })));
    this.company.update(v.company, fmt);
    this.team.update(v.team, fmt);
  }

  #clearResult() {
    this.result.replaceChildren();
  }

  /** Tries the lead change on a copy: the engine's pay delta and the measures it moves. */
  #whatIf(id) {
    const model = this.model;
    const v = model?.pipeline;
    const row = v?.routed.leads.find((r) => r.id === id && r.what_if) ?? v?.created.leads.find((r) => r.id === id && r.what_if);
    if (!row) return;
    const rep = v.routed.leads.includes(row);
    const changed = row.what_if;
    const { fmt } = model;
    let got;
    try {
      got = model.leadWhatIf({ op: "upsert_lead", lead: changed });
    } catch (err) {
      this.#show(`The engine could not try that: ${err?.message ?? err}`, []);
      return;
    }
    const { result, before, after } = got;
    const lines = [];
    // The measures the person's view shows, and those their pay reads (the statement's).
    const pairs = new Map();
    const add = (list, side) => {
      for (const m of list ?? []) {
        const p = pairs.get(m.measure) ?? {};
        p[side] = m;
        pairs.set(m.measure, p);
      }
    };
    add([...(before?.routed.measures ?? []), ...(before?.created.measures ?? []), ...(result.baseline.pipeline ?? [])], "was");
    add([...(after?.routed.measures ?? []), ...(after?.created.measures ?? []), ...(result.scenario.pipeline ?? [])], "now");
    for (const [measure, { was, now }] of pairs) {
      if (!was || !now || was.value === now.value) continue;
      lines.push(h("li", { "data-measure": measure }, h("strong", { text: `${titled(now)}: ${measureValue(was, fmt)} → ${measureValue(now, fmt)}` }), h("span", { class: "measure-explain", text: ` ${now.explain}` })));
    }
    for (const [label, a, b] of [["Company alignment", before?.company, after?.company], ["Team alignment", before?.team, after?.team]]) {
      if (a && b && a.index !== b.index) lines.push(h("li", { text: `${label}: ${fmt.exactPercent(a.index)} → ${fmt.exactPercent(b.index)} (${b.stage})` }));
    }
    if (!lines.length) lines.push(h("li", { text: "No pipeline measure moves." }));
    const d = result.delta;
    const pay = sign(d.earned) === 0 && sign(d.payable) === 0 ? "Pay: no change." : `Pay: earned ${fmt.signedMoney(d.earned)}, payable ${fmt.signedMoney(d.payable)}.`;
    lines.push(h("li", { class: "pipeline-whatif-pay", text: pay }));
    this.#show(rep ? `If you follow up on ${id} now:` : `If ${id} is accepted:`, lines);
  }

  #show(title, items) {
    this.result.replaceChildren(h("p", { class: "pipeline-whatif-title", text: title }), h("ul", {}, ...items), h("p", { class: "note", text: "A what-if: nothing is changed." }));
  }
}
