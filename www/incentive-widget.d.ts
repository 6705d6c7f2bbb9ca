// Types of <incentive-widget> (incentive-widget.js). The plan, activity,
// deal and statement shapes are those of the engine package
// (incentive_widget.d.ts beside this file; plan-format.md).

import type { Activity, Deal, Lead, Plan, Statement } from "./incentive_widget.js";

/** A decimal as a string ("16500.00") or a number. */
export type DecimalInput = string | number;

export interface Problem {
  /** JSON path of what is wrong ("plan.roles[0].components[1].rate"), or the input ("plan-src"). */
  path: string;
  message: string;
}

export interface EarningsDelta {
  earned: string;
  payable: string;
  due: string;
}

export interface EarningsChangeDetail {
  participant: string;
  statement: Statement;
  previous: Statement;
  /** new − previous, exact decimal strings at the currency scale. */
  delta: EarningsDelta;
  /** "update": a live-update method; "data": new plan or activity. */
  cause: "update" | "data";
}

export interface IncentiveLoadDetail {
  participant: string;
  statement: Statement;
}

export interface IncentiveErrorDetail {
  /** "plan-src" | "activity-src" | "data" | "participant" | "engine" | "plan" | "activity" | a method name */
  source: string;
  code: string;
  message: string;
  problems: Problem[];
}

export declare class IncentiveWidgetElement extends HTMLElement {
  static readonly observedAttributes: string[];
  /** Attribute `participant`. */
  participant: string;
  /** Attribute `plan-src`. */
  planSrc: string;
  /** Attribute `activity-src`. */
  activitySrc: string;
  /** Attribute `view`: "team" shows a manager their team; "" (the default) the participant's own pay. */
  view: "team" | "";
  /** Attribute `locale` (BCP 47); default: the nearest `lang`, else the browser's. */
  locale: string;
  /** The plan (object or JSON text); reading gives the last plan given. */
  plan: Plan | null;
  /** The activity (object or JSON text); reading gives the last activity given, without live updates. */
  activity: Activity | null;
  /** The statement on screen, or null. */
  readonly statement: Statement | null;
  /** Resolves once every change made so far is computed and on screen. */
  readonly updateComplete: Promise<void>;
  upsertDeal(deal: Deal): boolean;
  removeDeal(id: string): boolean;
  /** Adds a lead to the activity's ledger or replaces the one with the same id. False if rejected (see incentive-error). */
  upsertLead(lead: Lead): boolean;
  /** Removes a lead from the ledger by id. False if rejected. */
  removeLead(id: string): boolean;
  setCompanyRevenue(amount: DecimalInput | null): boolean;
  setMetric(participant: string, name: string, value: DecimalInput): boolean;
}

declare global {
  interface HTMLElementTagNameMap {
    "incentive-widget": IncentiveWidgetElement;
  }
  interface HTMLElementEventMap {
    "earnings-change": CustomEvent<EarningsChangeDetail>;
    "incentive-load": CustomEvent<IncentiveLoadDetail>;
    "incentive-error": CustomEvent<IncentiveErrorDetail>;
  }
}
