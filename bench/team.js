// The team view's benchmark (issue 16): a manager of 200 reps with 20,000
// deals (100 each, seeded), their team view rendered by the element
// (view="team"), and one upsertDeal → the rep's row on screen. Generated
// here: the figures depend on the sizes, not on realistic data.

import { summarize } from "./lib/summary.mjs";

/** A seeded LCG: the same documents every run. */
function random(seed) {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

export function teamDocuments({ reps = 200, dealsEach = 100, seed = 7 } = {}) {
  const r = random(seed);
  const plan = {
    name: "Team benchmark", currency: "USD", period: { start: "2027-01-01", end: "2027-12-31" },
    roles: [
      { id: "rep", name: "Account Executive", components: [
        { kind: "commission", name: "Commission", rate: "0.1", tiers: { mode: "marginal", bands: [{ from: "0", multiplier: "1" }, { from: "1", multiplier: "1.5" }] } }] },
      { id: "mgr", name: "Sales manager", components: [
        { kind: "override", name: "Team override", rate: "0.02" },
        { kind: "override", name: "Commission override", rate: "0.05", on: "earned_commission" },
        { kind: "bonus", name: "Team at target", target: "20000", measure: "team_at_target", curve: [{ at: "0", payout: "0" }, { at: "1", payout: "1" }] }] },
    ],
  };
  const participants = [{ id: "mgr", name: "Morgan Manager", role: "mgr" }];
  const deals = [];
  for (let i = 0; i < reps; i++) {
    participants.push({ id: `rep-${i}`, name: `Rep ${String(i).padStart(3, "0")}`, role: "rep", quota: "1000000", manager: "mgr" });
    for (let k = 0; k < dealsEach; k++) {
      const day = 1 + Math.floor(r() * 360);
      const d = new Date(Date.UTC(2027, 0, day)).toISOString().slice(0, 10);
      deals.push({ id: `D-${i}-${k}`, type: r() < 0.6 ? "new" : "renewal", close_date: d, amount: String(1000 + Math.floor(r() * 20000)), owners: [{ participant: `rep-${i}`, split: "1" }] });
    }
  }
  return { plan, activity: { participants, deals } };
}

const frame = () => new Promise((res) => requestAnimationFrame(() => res()));

/** Mounts the element on the team documents; times the first team view (engine built) and the view switch alone (engine loaded). */
export async function teamSetup({ reps = 200, dealsEach = 100 } = {}) {
  await import(new URL("../dist/incentive-widget/incentive-widget.js", import.meta.url).href);
  const { plan, activity } = teamDocuments({ reps, dealsEach });
  document.getElementById("widget-host").replaceChildren();
  const el = document.createElement("incentive-widget");
  el.setAttribute("locale", "en-US");
  el.plan = plan;
  el.activity = activity;
  el.participant = "mgr";
  el.view = "team";
  let t0 = performance.now();
  document.getElementById("widget-host").append(el);
  await el.updateComplete;
  await frame();
  const first = performance.now() - t0;
  const rows = () => el.shadowRoot.querySelectorAll('[part~="team-row"]').length;
  if (rows() !== reps) throw new Error(`the team view shows ${rows()} rows, not ${reps}`);
  // The team view alone, the engine built: from the rep view to the team view.
  const renders = [];
  for (let i = 0; i < 9; i++) {
    el.view = "";
    await el.updateComplete;
    await frame();
    t0 = performance.now();
    el.view = "team";
    await el.updateComplete;
    await frame();
    renders.push(performance.now() - t0);
  }
  window.__team = { el, k: 0 };
  return { members: rows(), deals: activity.deals.length, firstViewMs: first, render: summarize(renders) };
}

/** upsertDeal on one rep → their row's earned text changed, then the next frame (timed as the one-rep benchmark times the figure). */
function teamUpsertOnce(el, who, k, timeoutMs = 30000) {
  const cell = el.shadowRoot.querySelector(`[part~="team-row"][data-participant="${who}"] td:nth-child(4)`);
  const before = cell.textContent;
  const deal = { id: `LIVE-${k}`, type: "new", close_date: "2027-06-15", amount: String(50000 + k), owners: [{ participant: who, split: "1" }] };
  return new Promise((resolve, reject) => {
    let t0 = 0;
    const timer = setTimeout(() => {
      mo.disconnect();
      reject(new Error(`upsertDeal #${k}: ${who}'s earned did not change within ${timeoutMs} ms (still ${before})`));
    }, timeoutMs);
    const mo = new MutationObserver(() => {
      if (cell.textContent === before) return;
      const t1 = performance.now();
      mo.disconnect();
      requestAnimationFrame(() => {
        clearTimeout(timer);
        resolve({ dom: t1 - t0, frame: performance.now() - t0 });
      });
    });
    mo.observe(cell, { characterData: true, childList: true, subtree: true });
    t0 = performance.now();
    if (el.upsertDeal(deal) !== true) {
      clearTimeout(timer);
      mo.disconnect();
      reject(new Error(`upsertDeal #${k} refused`));
    }
  });
}

export async function teamUpserts({ reps = 15, warmup = 2 } = {}) {
  const { el } = window.__team;
  const dom = [];
  const frames = [];
  for (let i = 0; i < warmup + reps; i++) {
    const k = ++window.__team.k;
    const r = await teamUpsertOnce(el, `rep-${k % 200}`, k);
    await el.updateComplete;
    await new Promise((res) => setTimeout(res, 20));
    if (i >= warmup) {
      dom.push(r.dom);
      frames.push(r.frame);
    }
  }
  return { dom: summarize(dom), frame: summarize(frames) };
}
