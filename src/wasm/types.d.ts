// TypeScript declarations for the plan, activity and statement formats
// (shared/spec/plan-format.md). wasm-bindgen copies this text into
// pkg/incentive_widget.d.ts (see `typescript_custom_section` in mod.rs); the
// Engine's parameters and results name these types through
// `unchecked_param_type` / `unchecked_return_type`.

/** An exact decimal as input: a JSON-number-like string such as "0.10", or a
 * number (taken as its shortest decimal; exact up to 15 significant digits).
 * NaN and ±Infinity are refused (`invalid_json`), never read as null. */
export type DecimalInput = string | number;
/** An exact decimal as output: always a string such as "16500.00". */
export type Decimal = string;
/** A calendar date, `YYYY-MM-DD`. */
export type DateString = string;

export type DealType = "new" | "expansion" | "renewal";
export type DealSource = "marketing" | "sales" | "partner";
export type DealStage = "booked" | "installed" | "activated" | "cancelled";
export type TouchMark = "lead_created" | "opportunity_created";
export type CreditKind = "owner" | "attribution";
export type AttributionModel =
  | "first_touch" | "last_touch" | "linear" | "time_decay" | "position_based"
  | "u_shaped" | "w_shaped" | "full_path" | "custom";
/** What a bonus or modifier looks at. */
export type Measure = "company" | "quota" | "team_at_target" | { metric: string };

// --- plan -------------------------------------------------------------------

/** A compensation plan (`incentive-plan/1`). Unknown fields are errors. */
export interface Plan {
  format?: "incentive-plan/1";
  name: string;
  /** ISO 4217 code such as "USD". */
  currency: string;
  period: { start: DateString; end: DateString };
  rounding?: "half_even" | "half_up";
  /** Decimal places of money in statements, 0–12 (default 2). */
  currency_scale?: number;
  /** The revenue the whole company must book in the period. */
  company_goal?: { target: DecimalInput } | null;
  roles: Role[];
  /** How the lead ledger is measured (the shared pipeline). */
  pipeline?: PipelineRules;
  /** The alignment index's weights and stages (default: equal weights, four stages). */
  alignment?: AlignmentRules;
}

/** `plan.pipeline`: the SLA and the follow-up rule. */
export interface PipelineRules {
  /** Hours from `routed_at` within which a first attempt meets the SLA (default 24; above 0). */
  sla_hours: DecimalInput;
  /** Attempts a rejected lead must have had before its rejection (default 2). */
  min_attempts: number;
}

/** The four shares of the ledger the alignment index weighs. */
export type PipelineShare = "speed_to_lead" | "follow_up" | "acceptance" | "lead_quality";

/** Every measure computed from the ledger, as a bonus or modifier names it (`{ metric: "speed_to_lead" }`). */
export type PipelineMeasure =
  | PipelineShare
  | "sourced_revenue" | "influenced_revenue"
  | "alignment_index" | "alignment_stage" | "team_alignment_index" | "team_alignment_stage";

/** `plan.alignment`. */
export interface AlignmentRules {
  /** Weights (above 0) of the shares the index weighs. */
  measures: Partial<Record<PipelineShare, DecimalInput>>;
  /** Ascending `from`, the first from 0. */
  stages: { from: DecimalInput; name: string }[];
}

export interface Role {
  id: string;
  name: string;
  quota?: QuotaRule;
  /** Evaluated in order; names unique within the role. */
  components: Component[];
}

export interface QuotaRule {
  credit?: CreditKind;
  /** Required when `credit` is "attribution". */
  attribution?: Attribution | null;
  types?: DealType[] | null;
  sources?: DealSource[] | null;
}

/** Which deals (and deal lines) a component pays on. */
export interface DealFilter {
  types?: DealType[] | null;
  sources?: DealSource[] | null;
  products?: string[] | null;
}

export interface Attribution {
  model: AttributionModel;
  lookback_days?: number | null;
  /** Required by time_decay. */
  half_life_days?: DecimalInput | null;
  /** Required by custom; the weights sum to 1. */
  weights?: {
    first?: DecimalInput;
    lead_created?: DecimalInput;
    opportunity_created?: DecimalInput;
    last?: DecimalInput;
    rest?: DecimalInput;
  } | null;
}

/** Covers `from` (included) up to the next band's `from` (excluded). */
export interface Band {
  from: DecimalInput;
  multiplier: DecimalInput;
}

/** Fraction of a deal's earnings payable at each stage reached; sums to 1. */
export interface Payout {
  booked?: DecimalInput;
  installed?: DecimalInput;
  activated?: DecimalInput;
}

export interface CommissionComponent {
  kind: "commission";
  name: string;
  credit?: CreditKind;
  attribution?: Attribution | null;
  deals?: DealFilter;
  basis?: "revenue" | "margin";
  /** One rate for every deal type (or give `rates`). */
  rate?: DecimalInput | null;
  /** Rates by deal type; a type left out earns nothing. */
  rates?: Partial<Record<DealType, DecimalInput>> | null;
  /** Instead of `rate` / `rates`: band starts of the deal's amount and/or the line's margin ÷ amount, and a rate per band (a grid: a row per amount band). */
  rate_table?: { amount?: DecimalInput[]; margin_percent?: DecimalInput[]; rates: DecimalInput[] | DecimalInput[][] };
  /** Multiplier by product (default 1). */
  products?: Record<string, DecimalInput>;
  discounts?: { above: DecimalInput; multiplier: DecimalInput }[];
  tiers?: { mode: "marginal" | "retroactive"; bands: Band[] } | null;
  /** Upper limit on the component's earnings in the period (money). */
  cap?: DecimalInput | null;
  payout?: Payout;
}

export interface SpifComponent {
  kind: "spif";
  name: string;
  amount: DecimalInput;
  credit?: CreditKind;
  attribution?: Attribution | null;
  deals?: DealFilter;
  cap?: DecimalInput | null;
  payout?: Payout;
}

export interface BonusComponent {
  kind: "bonus";
  name: string;
  /** Omitted: the participant's `target_bonus`. */
  target?: DecimalInput | null;
  measure: Measure;
  curve: { at: DecimalInput; payout: DecimalInput }[];
  max_payout?: DecimalInput | null;
}

export interface ModifierComponent {
  kind: "modifier";
  name: string;
  measure: Measure;
  bands: Band[];
  /** Non-modifier components of the role (default: all of them). */
  applies_to?: string[] | null;
}

/** Total pay: a fixed amount (base salary, an allowance), prorated for start_date / end_date. */
export interface FixedComponent {
  kind: "fixed";
  name: string;
  amount: DecimalInput;
  per: "year" | "plan_period" | "pay_period";
}

/** Total pay: a floor under variable pay each pay period. */
export interface DrawComponent {
  kind: "draw";
  name: string;
  amount: DecimalInput;
  recoverable: boolean;
  applies_to?: string[];
  until?: DateString;
}

/** A pool funded by company attainment, shared out by the activity's allocations. */
export interface DiscretionaryComponent {
  kind: "discretionary";
  name: string;
  pool: DecimalInput;
  measure?: "company";
  curve: { at: DecimalInput; payout: DecimalInput }[];
  max_payout?: DecimalInput | null;
}

/** A manager's rate on each team member's credited revenue or earned commission. */
export interface OverrideComponent {
  kind: "override";
  name: string;
  rate: DecimalInput;
  /** Default "credited_revenue". */
  on?: "credited_revenue" | "earned_commission";
  /** 1 (direct reports, the default), 2, … or "all". */
  depth?: number | "all";
}

export type Component = CommissionComponent | SpifComponent | BonusComponent | ModifierComponent | FixedComponent | DrawComponent | DiscretionaryComponent | OverrideComponent;

// --- activity -----------------------------------------------------------------

/** Participants, deals, touches, company revenue and payments
 * (`incentive-activity/1`). Unknown fields are ignored. */
export interface Activity {
  format?: "incentive-activity/1";
  as_of?: DateString | null;
  /** Without `revenue`: the sum of the amounts of the counted deals. */
  company?: { revenue?: DecimalInput | null } | null;
  participants: Participant[];
  deals?: Deal[];
  payments?: Payment[];
  /** Payroll's corrections, a statement line each. */
  adjustments?: { id: string; participant: string; amount: DecimalInput; reason: string; period?: string; deal?: string }[];
  /** Managers' decisions on discretionary pools: a share of the funded pool or an amount. */
  allocations?: { participant: string; component: string; share?: DecimalInput; amount?: DecimalInput }[];
  /** Allocations of pools to people outside this activity, without saying who. */
  allocated_elsewhere?: { component: string; share?: DecimalInput; amount?: DecimalInput }[];
  /** The handoff ledger (the shared pipeline): when present, the pipeline measures are computed from it. */
  leads?: Lead[];
  /** What a viewer's cut leaves out of the ledger. */
  leads_elsewhere?: LeadsElsewhere;
  /** The peers' anonymous benchmarks (a cut of a larger activity carries them). */
  benchmarks?: {
    format?: "incentive-benchmarks/1";
    min_peers: number;
    roles: { role: string; peers: number; top_quarter?: DecimalInput | null; top_half?: DecimalInput | null }[];
  };
  [extra: string]: unknown;
}

/** A lead's state in the ledger. */
export type LeadStatus = "open" | "accepted" | "rejected" | "converted";

/** An attempt to reach a lead. */
export interface LeadAttempt {
  /** RFC 3339 time. */
  at: string;
  /** "call", "email", … (free text). */
  channel: string;
}

/** One lead of the handoff ledger: created by marketing, routed to sales. */
export interface Lead {
  id: string;
  /** The campaign it came from. */
  campaign: string;
  /** RFC 3339 time. */
  created_at: string;
  /** The marketer who created it (a participant). */
  created_by?: string;
  /** The sales participant it was routed to. */
  routed_to: string;
  /** On or after `created_at`. */
  routed_at: string;
  /** Each on or after `created_at`. */
  attempts?: LeadAttempt[];
  status: LeadStatus;
  decided_at?: string;
  /** Required when rejected. */
  reject_reason?: string;
  /** The deal it became (required when converted). */
  deal?: string;
}

/** Counts of leads, what each measure is a share of. */
export interface LeadCounts {
  /** Leads whose speed-to-lead is known (attempted, or past the SLA). */
  timed: number;
  /** Of those, first attempted within the SLA. */
  in_sla: number;
  /** Leads rejected (the rejection holding). */
  rejected: number;
  /** Of those, with the minimum attempts first. */
  followed_up: number;
  /** Leads accepted, converted or rejected. */
  decided: number;
  /** Of those, accepted or converted. */
  accepted: number;
  /** Of those, converted. */
  converted: number;
}

/** What a cut leaves out of the ledger: counts of the leads not involving its viewer. */
export interface Colleague {
  id: string;
  name?: string;
}

export interface LeadsElsewhere {
  /** Colleagues a lead may name who are not in this activity, with the names sentences call them by. */
  participants?: Colleague[];
  company: LeadCounts;
  /** By team. */
  teams?: Record<string, LeadCounts>;
}

export interface Participant {
  id: string;
  name?: string | null;
  /** A role id of the plan. */
  role: string;
  quota?: DecimalInput | null;
  target_bonus?: DecimalInput | null;
  metrics?: Record<string, DecimalInput>;
  /** First and last day employed (fixed pay is prorated by calendar days). */
  start_date?: DateString;
  end_date?: DateString;
  /** The team whose alignment stage the participant shares. */
  team?: string;
  /** Their manager (a participant id). */
  manager?: string;
  [extra: string]: unknown;
}

/** A deal: `lines`, or a single `amount` (with optional `product`, `cost`,
 * `list_price`) standing for one line. */
export interface Deal {
  id: string;
  name?: string | null;
  type: DealType;
  source?: DealSource;
  close_date: DateString;
  stage?: DealStage;
  /** Splits sum to exactly 1. */
  owners: { participant: string; split: DecimalInput }[];
  lines?: DealLine[];
  amount?: DecimalInput;
  product?: string | null;
  cost?: DecimalInput | null;
  list_price?: DecimalInput | null;
  touches?: Touch[];
  /** The lead of the ledger it came from. */
  lead?: string;
  [extra: string]: unknown;
}

export interface DealLine {
  product?: string | null;
  amount: DecimalInput;
  list_price?: DecimalInput | null;
  cost?: DecimalInput | null;
}

export interface Touch {
  participant?: string | null;
  campaign?: string | null;
  /** RFC 3339 time or a plain date. */
  at: string;
  marks?: TouchMark[];
}

export interface Payment {
  participant: string;
  deal?: string | null;
  amount: DecimalInput;
  /** The plan year: the day it was paid (it falls into that pay period). */
  date?: DateString;
}

// --- statement ----------------------------------------------------------------

/** What one participant earned, why, and what is due. Money is rounded to the
 * plan's currency scale; ratios are plain decimals. Every number is a string. */
export interface Statement {
  participant: string;
  role: string;
  currency: string;
  quota: Decimal | null;
  quota_credit: Decimal;
  attainment: Decimal | null;
  company_attainment: Decimal | null;
  components: ComponentStatement[];
  earned: Decimal;
  payable: Decimal;
  paid: Decimal;
  /** payable − paid (negative for a clawback). */
  due: Decimal;
  next_tier: NextTier | null;
  /** Total pay: present when the participant's role has a `fixed` or `draw` component or they have adjustments. */
  fixed?: PayPart[];
  /** What the draw advanced (+) or recovered (−); absent when no draw line. */
  draw?: PayPart;
  adjustments?: PayPart;
  /** The fixed amounts' sum. */
  fixed_pay?: Decimal;
  /** The variable components' payable, before the draw and adjustments. */
  variable_pay?: Decimal;
  /** fixed_pay + payable, where payable = variable_pay + the draw + the adjustments. */
  total_pay?: Decimal;
  /** A recoverable draw's balance owed, carried into the next pay period. */
  balance_owed?: Decimal;
  /** The pipeline measures the role pays on, each with its sentence (explained statements of activities with a lead ledger). */
  pipeline?: MeasureLine[];
}

/** One pipeline measure of a participant: its value, its sentence, what it counted. */
export interface MeasureLine {
  measure: PipelineMeasure;
  /** Its name in words ("speed-to-lead"). */
  title: string;
  /** How its value reads: a share of leads, money, the alignment index, or a stage's number. */
  unit: "share" | "money" | "index" | "stage";
  /** The exact quotient (a share), the money figure, the index, or the stage's number (1 = the first); null when there is nothing to count. */
  value: Decimal | null;
  /** For a share: what it is of. */
  numerator?: number;
  denominator?: number;
  explain: string;
  /** The leads it counted. */
  leads: string[];
  /** The deals it counted (revenue measures). */
  deals?: string[];
}

/** A fixed component, the draw or the adjustments of a statement. */
export interface PayPart {
  name: string;
  kind: "fixed" | "draw" | "adjustments";
  amount: Decimal;
  lines: PayLine[];
}

export interface PayLine {
  /** "balance_owed": the balance after the draw line (not added to the part's amount). */
  kind: "fixed" | "draw" | "balance_owed" | "adjustment";
  /** The adjustment's id. */
  id?: string;
  /** The adjustment's reason. */
  reason?: string;
  /** The deal an adjustment concerns. */
  deal?: string;
  /** The pay period (lines of a plan year's statement). */
  period?: string;
  amount: Decimal;
  /** A sentence a rep can check with a calculator. */
  explain: string;
}

export interface ComponentStatement {
  name: string;
  kind: "commission" | "spif" | "bonus" | "modifier" | "discretionary" | "override";
  earned: Decimal;
  payable: Decimal;
  lines: StatementLine[];
}

export interface StatementLine {
  /** The deal, or null for a bonus or cap line. */
  deal: string | null;
  /** The participant's share of the basis, or null for a bonus or cap line. */
  credit: Decimal | null;
  earned: Decimal;
  payable: Decimal;
  /** A sentence a rep can check with a calculator. */
  explain: string;
  /** The team member an override line pays on (override lines only). */
  member?: string;
}

/** What the next tier band of the role's first tiered commission takes. */
export interface NextTier {
  attainment: Decimal;
  quota_credit_needed: Decimal;
  multiplier: Decimal;
}

// --- what-if ------------------------------------------------------------------

/** One what-if change (applied in order, on a copy of the engine). `line`
 * picks the line of a multi-line deal (default: its only line). */
export type Change =
  | { op: "add_deal"; deal: Deal; /** Every line this far off its list price (the engine sets the list price). */ discount?: DecimalInput }
  | { op: "remove_deal"; deal: string }
  | { op: "set_amount"; deal: string; amount: DecimalInput; line?: number }
  | { op: "set_stage"; deal: string; stage: DealStage }
  | { op: "set_close_date"; deal: string; close_date: string }
  | { op: "set_discount"; deal: string; discount: DecimalInput; line?: number }
  | { op: "set_product"; deal: string; product: string; line?: number }
  | { op: "add_touch"; deal: string; touch: Touch }
  | { op: "remove_touch"; deal: string; index: number }
  | { op: "set_company_revenue"; amount: DecimalInput | null }
  | { op: "set_metric"; participant?: string; name: string; value: DecimalInput }
  | { op: "upsert_lead"; lead: Lead }
  | { op: "remove_lead"; lead: string };

/** Earned, payable and due moved by a change or a scenario. */
export interface Delta {
  earned: Decimal;
  payable: Decimal;
  due: Decimal;
  /** Total pay moved (statements with total pay only). */
  total_pay?: Decimal;
}

/** One change's marginal effect: the totals after it, and what it moved. */
export interface ChangeEffect {
  op: Change["op"];
  earned: Decimal;
  payable: Decimal;
  due: Decimal;
  delta: Delta;
  /** Why a change about a deal moved nothing (outside the period, cancelled, not paid by the plan); present only then. */
  note?: string;
}

export interface WhatIf {
  baseline: Statement;
  scenario: Statement;
  delta: Delta;
  /** In the order given; their deltas add up to `delta`. */
  changes: ChangeEffect[];
}

export interface WhatIfOptions {
  /** false: statements without `explain` sentences (same numbers, faster). Default true. */
  explain?: boolean;
}

export interface CurveOptions {
  /** Default "2". */
  to_attainment?: DecimalInput;
  /** 2–1001, default 101. */
  points?: number;
  /** A slice of the curve: the points `first` to `last` (indices, both included; default the whole curve). Slices put end to end are the curve. */
  first?: number;
  last?: number;
}

export interface CurvePoint {
  quota_credit: Decimal;
  attainment: Decimal;
  earned: Decimal;
}

/** A hypothetical deal for whatItTakes (all optional). */
export interface DealTemplate {
  type?: DealType;
  source?: DealSource;
  stage?: DealStage;
  product?: string;
  discount?: DecimalInput;
}

export interface WhatItTakes {
  next_tier: NextTier | null;
  amount_needed: Decimal | null;
  extra_earned: Decimal | null;
}

// --- CSV import: a CRM export as hypothetical deals ------------------------------

/** The columns of an opportunities export: the `[opportunities.columns]` of a
 * mapping file (`incentive import`). Values are the file's column names. */
export interface DealColumns {
  amount: string;
  close_date: string;
  id?: string;
  owner?: string;
  name?: string;
  type?: string;
  stage?: string;
  source?: string;
  split?: string;
  product?: string;
  list_price?: string;
  discount?: string;
  cost?: string;
}

/** A mapping file's `[opportunities]` section. */
export interface DealMapping {
  columns: DealColumns;
  /** strftime-like: `%Y-%m-%d` (the default), `%m/%d/%Y`, `%d.%m.%Y`. */
  date_format?: string;
  /** The CRM's words → the format's (`{ "Closed Won": "booked" }`). */
  stages?: Record<string, string>;
  types?: Record<string, string>;
  sources?: Record<string, string>;
  marks?: Record<string, string>;
}

export interface ImportOptions {
  mapping: DealMapping;
  /** The file's name, for messages. */
  file?: string;
  /** Ids a scenario has added already. */
  taken?: string[];
  /** Room left in the scenario (default: the what-if limit). */
  max_deals?: number;
}

/** A deal of the file, as `add_deal` takes it. */
export interface ImportedDeal {
  deal: Deal;
  /** Its rows in the file (the header is row 1). */
  rows: number[];
  /** `add_deal`'s discount: the row gave a discount and no list price. */
  discount?: Decimal;
  /** Why the deal is not quite what the row said (an open stage imported as booked). */
  note?: string;
}

export interface RowProblem {
  row: number;
  /** The file's column name; empty for the whole row. */
  column: string;
  message: string;
}

/** `readAmount`'s answer: the amount as a decimal string, or why it is none. */
export type AmountRead = { value: Decimal } | { error: string };

export interface ImportedDeals {
  deals: ImportedDeal[];
  problems: RowProblem[];
}

// --- facts: what a screen shows beside a statement ------------------------------

/** A band of a modifier or of tiers; `quota_credit` is a tier band's edge in
 * money (from × quota, rounded up), null for modifier bands. */
export interface BandFacts {
  from: Decimal;
  multiplier: Decimal;
  quota_credit: Decimal | null;
}

/** What a bonus pays on: target × payout at the measure. */
export interface BonusFacts {
  target: Decimal;
  /** The curve's payout fraction of the target; null without a measure. */
  payout: Decimal | null;
  value: Decimal | null;
  metric: string | null;
  /** The payout is the plan's max_payout. */
  at_max: boolean;
}

export interface ModifierFacts {
  name: string;
  measure: "company" | "quota" | "team_at_target" | "metric";
  metric: string | null;
  /** The measure's value (12 places), null without one. */
  value: Decimal | null;
  bands: BandFacts[];
  /** Index in `bands` of the band in force (decided on the exact measure). */
  band: number | null;
  multiplier: Decimal;
  /** The components it multiplies (its `applies_to`, by default all). */
  applies_to: string[];
}

export interface TierFacts {
  component: string;
  mode: "marginal" | "retroactive";
  bands: BandFacts[];
  band: number | null;
}

export interface LineFacts {
  product: string | null;
  amount: Decimal;
  list_price: Decimal | null;
  /** 1 − amount / list price, null without a list price. */
  discount: Decimal | null;
  discount_multipliers: { component: string; multiplier: Decimal }[];
}

export interface DealFacts {
  id: string;
  name: string | null;
  type: DealType;
  stage: DealStage;
  close_date: DateString;
  counted: boolean;
  not_counted: "cancelled" | "outside the plan period" | null;
  paid: Decimal;
  /** A cancelled deal already paid: the amount taken back. */
  clawback: Decimal | null;
  lines: LineFacts[];
}

/** A named multiplier (a modifier of a line). */
export interface Factor {
  name: string;
  multiplier: Decimal;
}

/** What one deal's line is made of (`engine.lineTerms`), for a sentence in people's words. */
export interface LineTerms {
  component: string;
  kind: "commission" | "spif";
  deal: string;
  /** The participant's share of the deal. */
  share: Decimal;
  credit: "owner" | "attribution";
  /** The attribution model, for attribution credit. */
  model: string | null;
  /** A commission: what it is paid on, the lines' total (before the share), and the rate for the deal's type (null with a rate table: each line has its own). */
  basis: "revenue" | "margin" | null;
  amount: Decimal | null;
  rate: Decimal | null;
  deal_type: DealType;
  /** A SPIF: its amount per deal. */
  per_deal: Decimal | null;
  /** A commission: each line it pays on (basis: amount or margin), with its product and discount multipliers; the bases sum to `amount`. */
  /** `rate` and `margin_percent`: a rate table's rate for the line and the margin ÷ amount it read (absent otherwise). */
  lines: { product: string | null; basis: Decimal; product_multiplier: Decimal | null; discount: Decimal | null; discount_multiplier: Decimal | null; rate?: Decimal; margin_percent?: Decimal }[];
  /** The tier multiplier (a marginal deal across an edge: the weighted average) and attainment before and after the deal. */
  tier: { multiplier: Decimal; mode: "marginal" | "retroactive"; from: Decimal; to: Decimal } | null;
  modifiers: Factor[];
  /** The exact earnings were below 0 (a deal earns 0). */
  floored: boolean;
  earned: Decimal;
  stage: DealStage;
  /** The payout fraction reached at the deal's stage. */
  fraction: Decimal;
  payable: Decimal;
}

/** A plan year's totals and its pay periods' statements, scored once (`engine.yearView`). */
export interface YearView {
  /** The year's statement without lines (`components[].lines` empty): its figures are the pay periods' sums. */
  statement: Statement;
  periods: PeriodStatement[];
}

/** A part of the earnings and when it is paid (`engine.payouts`). */
export interface PayoutStep {
  /** `paid`; `due` (the next pay run; negative: a clawback); `stage` (released when deals reach `stage`); `period` (a plan year: released in pay period `period`); `later` (a plan year: no pay period releases it yet). */
  when: "paid" | "due" | "stage" | "period" | "later";
  stage: "installed" | "activated" | null;
  period: string | null;
  amount: Decimal;
  /** How many deals the step concerns (0 for paid and due). */
  deals: number;
}

export interface DealPayout {
  deal: string;
  name: string | null;
  stage: DealStage;
  earned: Decimal;
  payable: Decimal;
  paid: Decimal;
  due: Decimal;
  /** Earned but not payable yet, by what releases it: earned = payable + their sum. */
  waiting: { stage: "installed" | "activated" | null; period: string | null; amount: Decimal }[];
  status: "paid" | "part_paid" | "due" | "waiting" | "overpaid" | "clawback" | "nothing";
  explain: string;
}

export interface Payouts {
  participant: string;
  currency: string;
  /** The as-of pay period of a plan year; null without pay periods. */
  period: string | null;
  earned: Decimal;
  payable: Decimal;
  paid: Decimal;
  due: Decimal;
  /** paid + due + the later steps = earned. */
  timeline: PayoutStep[];
  deals: DealPayout[];
  explain: string;
}

export interface Facts {
  participant: string;
  name: string | null;
  role: string;
  role_name: string;
  currency: string;
  currency_scale: number;
  /** The activity's `as_of` (informational), or null. */
  as_of: DateString | null;
  /** `revenue_given`: false when company revenue is the sum of the counted deals. */
  company: { revenue: Decimal; target: Decimal; attainment: Decimal; revenue_given: boolean } | null;
  components: {
    name: string;
    kind: "commission" | "spif" | "bonus" | "modifier" | "discretionary" | "override";
    /** What a bonus or modifier measures; null for commissions, SPIFs and overrides. */
    measure: "company" | "quota" | "team_at_target" | "metric" | null;
    multiplied_by: string[];
    /** A bonus's terms (its line's `explain` is the exact sentence); null for other kinds. */
    bonus: BonusFacts | null;
  }[];
  modifiers: ModifierFacts[];
  tiers: TierFacts[];
  deals: DealFacts[];
}

/** Options of `facts()`. */
export interface FactsOptions {
  /** false: only the deals with a clawback (default true: every deal). */
  deals?: boolean;
}

/** A participant as a form lists them (`people()`). */
export interface Person {
  id: string;
  name: string | null;
  role: string;
  /** Whom they report to. */
  manager?: string;
  /** How many report to them directly. */
  reports: number;
}

/** A manager's team (`team(managerId)`): each member's headline figures and the sums. */
export interface TeamStatement {
  manager: string;
  name: string;
  role: string;
  currency: string;
  /** Everyone below the manager, depth first. */
  members: TeamMember[];
  totals: TeamTotals;
}

export interface TeamMember {
  participant: string;
  name: string;
  role: string;
  role_name: string;
  /** Whom they report to. */
  manager: string;
  /** 1: a direct report; 2: a report's report; … */
  level: number;
  quota: Decimal | null;
  quota_credit: Decimal;
  attainment: Decimal | null;
  /** Attainment at or above 1 (null without a quota). */
  at_target: boolean | null;
  earned: Decimal;
  payable: Decimal;
  paid: Decimal;
  due: Decimal;
}

export interface TeamTotals {
  members: number;
  quota: Decimal;
  quota_credit: Decimal;
  /** The quota credit of the members with a quota over their quotas. */
  attainment: Decimal | null;
  at_target: number;
  with_quota: number;
  earned: Decimal;
  payable: Decimal;
  paid: Decimal;
  due: Decimal;
  explain: string;
}

/** The peers' anonymous benchmarks (`benchmarks()`, `incentive score --benchmarks`). */
export interface Benchmarks {
  format: "incentive-benchmarks/1";
  /** Roles with fewer peers with a quota have no thresholds. */
  min_peers: number;
  roles: { role: string; peers: number; top_quarter: Decimal | null; top_half: Decimal | null }[];
}

/** Where a rep stands against their role's benchmarks (`standing(id)`). */
export interface BenchmarkStanding {
  participant: string;
  role: string;
  peers: number;
  attainment: Decimal | null;
  marks: BenchmarkMark[];
  /** Why there are no marks, when there are none. */
  explain: string;
}

export interface BenchmarkMark {
  mark: "top_quarter" | "top_half";
  title: "top quarter" | "top half";
  /** The lowest attainment in the group. */
  attainment: Decimal;
  reached: boolean;
  /** The quota credit that reaches it, rounded up to the cent. */
  credit_at: Decimal;
  credit_needed: Decimal;
  explain: string;
}

/** The formats' vocabularies and the engine's limits (`vocabulary()`). */
export interface Vocabulary {
  deal_types: DealType[];
  sources: DealSource[];
  stages: DealStage[];
  payout_stages: Exclude<DealStage, "cancelled">[];
  marks: TouchMark[];
  attribution_models: AttributionModel[];
  credit_kinds: CreditKind[];
  tier_modes: ("marginal" | "retroactive")[];
  rounding_modes: ("half_even" | "half_up")[];
  component_kinds: ("commission" | "spif" | "bonus" | "modifier" | "discretionary")[];
  limits: {
    max_changes: number;
    max_curve_points: number;
    max_json_bytes: number;
    max_deals: number;
    max_lines_per_deal: number;
    max_touches_per_deal: number;
    max_string: number;
  };
}

// --- errors -------------------------------------------------------------------

/** One thing wrong with the input: a JSON path and what to fix. */
export interface Problem {
  path: string;
  message: string;
}

/** The stable `code` of an IncentiveError. */
export type ErrorCode =
  | "invalid_json" | "invalid_plan" | "invalid_activity" | "invalid_change"
  | "unknown_participant" | "unknown_deal" | "unknown_period" | "too_large";

/** What every Engine method throws on bad input: a real `Error` whose
 * `message` is the `path: message` lines of `problems`. The engine is
 * unchanged and stays usable. */
export interface IncentiveError extends Error {
  name: "IncentiveError";
  code: ErrorCode;
  problems: Problem[];
}

// --- the plan year (plans with `plan.period.pay_periods`) ------------------------

export interface StatementOptions {
  /** A pay period id (`"2027-03"`, `"2027-Q1"`): that period's statement. */
  period?: string;
}

export interface PayPeriod {
  id: string;
  start: string;
  end: string;
}

export interface PayPeriods {
  periods: PayPeriod[];
  /** The pay period holding the activity's as-of date. */
  current: string;
}

/** One participant's pay period: what it earned, released and paid, with the
 * year to date beside it. */
export interface PeriodStatement {
  participant: string;
  role: string;
  currency: string;
  period: string;
  start: string;
  end: string;
  /** Quota to date. */
  quota: Decimal | null;
  quota_credit: Decimal;
  /** Attainment to date. */
  attainment: Decimal | null;
  company_attainment: Decimal | null;
  components: PeriodComponent[];
  earned: Decimal;
  payable: Decimal;
  paid: Decimal;
  /** payable − paid of this period. */
  due: Decimal;
  earned_to_date: Decimal;
  payable_to_date: Decimal;
  paid_to_date: Decimal;
  /** Carried into the next period: payable to date − paid to date. */
  balance: Decimal;
  /** Total pay of the pay period (see Statement). */
  fixed?: PayPart[];
  draw?: PayPart;
  adjustments?: PayPart;
  fixed_pay?: Decimal;
  variable_pay?: Decimal;
  total_pay?: Decimal;
  balance_owed?: Decimal;
}

export interface PeriodComponent {
  name: string;
  kind: "commission" | "spif" | "bonus" | "modifier" | "discretionary";
  earned: Decimal;
  payable: Decimal;
  lines: PeriodLine[];
}

export interface PeriodLine {
  kind: "deal" | "release" | "true_up" | "clawback" | "bonus" | "cap";
  deal: string | null;
  credit: Decimal | null;
  earned: Decimal;
  payable: Decimal;
  explain: string;
}

// --- the shared pipeline (activities with `leads`) -------------------------------

/** One lead as a row of the pipeline panel. */
export interface LeadRow {
  /** The lead as a what-if on this row changes it (attempted, or accepted, at the end of as_of); absent when none applies. */
  what_if?: Lead;
  id: string;
  campaign: string;
  /** A rejected lead that became a deal anyway is "credited_back". */
  status: LeadStatus | "credited_back";
  /** The other party's name (or id): the marketer for a rep, the rep for a marketer. */
  with: string;
  routed_at: string;
  attempts: number;
  speed: "met" | "missed" | "waiting";
  /** Hours to the first attempt (one decimal), when attempted. */
  first_attempt_hours: Decimal | null;
  /** When the SLA runs out, for a lead waiting. */
  due: string | null;
  reject_reason: string | null;
  deal: string | null;
}

/** One side of the pipeline: the leads and their measures. */
export interface PipelineSide {
  leads: LeadRow[];
  measures: MeasureLine[];
}

/** Leads routed to the participant with no attempt yet. */
export interface Waiting {
  /** Past the SLA with no attempt, still open or accepted. */
  overdue: string[];
  /** Within the SLA with no attempt. */
  due: string[];
  /** Speed-to-lead if every lead due is attempted in time, and if none is. */
  if_in_time: Decimal | null;
  if_missed: Decimal | null;
  /** The warning, or empty when nothing waits. */
  sentence: string;
}

/** The company's (or a team's) alignment stage. */
export interface StandingView {
  index: Decimal;
  stage: string;
  /** 1 for the first stage. */
  stage_number: number;
  stages: string[];
  explain: string;
  /** The next stage and the index it starts at. */
  next: string | null;
  next_from: Decimal | null;
  /** One more lead doing well on each weighed share: where the index would go. */
  moves: string[];
}

/** The pipeline as one participant's screen shows it (`engine.pipeline`). */
export interface PipelineView {
  participant: string;
  /** The leads routed to them, and their measures as the rep. */
  routed: PipelineSide;
  /** The leads they created, and their measures as the marketer. */
  created: PipelineSide;
  waiting: Waiting;
  /** What each pipeline measure does to their pay, a sentence each. */
  pays: string[];
  company: StandingView | null;
  /** Their team's, when they have a team. */
  team: StandingView | null;
}

/** The overloads of `statement`: the version-1 statement, or with
 * `{ period }` that pay period's statement. */
export interface Engine {
  statement(participant: string): Statement;
  statement(participant: string, options: { period: string }): PeriodStatement;
  statement(participant: string, options?: StatementOptions): Statement | PeriodStatement;
}
