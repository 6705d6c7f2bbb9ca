/** What `Lab.edit` re-scored: the people of the roles it changed and everyone paid on a team, or everyone. */
export interface LabEdit {
  scored: number;
  everyone: boolean;
}

/** A plan's total: variable pay earned by everyone, and payout ÷ company revenue (to 0.01%, half to even). */
export interface LabTotal {
  payout: Decimal;
  cost_of_sales: Decimal | null;
  explain: string;
}

export interface RoleTotal {
  role: string;
  name: string;
  people: number;
  base: Decimal;
  edited: Decimal;
  delta: Decimal;
}

/** Five people's actual pay that split a role (nearest rank). */
export interface Spread {
  min: Decimal;
  q1: Decimal;
  median: Decimal;
  q3: Decimal;
  max: Decimal;
}

/** A role's attainment histogram (buckets from each edge; the last open above) and pay spread, both plans. */
export interface Distribution {
  role: string;
  name: string;
  edges: Decimal[];
  base: number[];
  edited: number[];
  no_quota: number;
  base_pay: Spread | null;
  edited_pay: Spread | null;
}

/** The statement line that moved most, under both plans. */
export interface MovedLine {
  component: string;
  deal?: string;
  member?: string;
  base: Decimal;
  edited: Decimal;
  delta: Decimal;
  explain: string;
  base_explain: string;
}

export interface Mover {
  participant: string;
  name: string;
  role: string;
  base: Decimal;
  edited: Decimal;
  delta: Decimal;
  line: MovedLine | null;
}

/** Every figure `<incentive-plan-lab>` shows after an edit (`Lab.report`, `incentive lab`). */
export interface LabReport {
  currency: string;
  revenue: Decimal;
  people: number;
  base: LabTotal;
  edited: LabTotal;
  delta: Decimal;
  roles: RoleTotal[];
  distribution: Distribution[];
  up: Mover[];
  down: Mover[];
}

/** One plan with company revenue at a level of the target. */
export interface GoalSide {
  /** Company revenue at the level: this plan's own target × the level. */
  revenue: Decimal;
  payout: Decimal;
  without_goal: Decimal;
  cost: Decimal;
  explain: string;
}

export interface GoalLevel {
  at: Decimal;
  /** The edited plan's company revenue at the level. */
  revenue: Decimal;
  base: GoalSide;
  edited: GoalSide;
}

/** What the company goal's modifiers and bonuses cost at 80%, 100% and 120% of target. */
export interface GoalCosts {
  target: Decimal;
  levels: GoalLevel[];
}

/** Both plans with every deal line × `factor`. */
export interface CostPoint {
  factor: Decimal;
  revenue: Decimal;
  base: LabTotal;
  edited: LabTotal;
}

export interface BacktestRow {
  participant: string;
  name: string;
  role: string;
  base_attainment: Decimal | null;
  edited_attainment: Decimal | null;
  base: Decimal;
  edited: Decimal;
  delta: Decimal;
}

/** One editable field of a plan, at the JSON path its problems name. */
export interface PlanField {
  path: string;
  group: string;
  label: string;
  kind: "fraction" | "multiplier" | "money" | "number" | "date" | "choice" | "list" | "text";
  value: string;
  number: boolean;
  choices?: string[];
}
