// Compile-time check of pkg/'s TypeScript declarations: the types a portal
// uses are exported, precise (no `any`), and reject obvious mistakes.
// Checked, never run: node_modules/.bin/tsc --noEmit -p tests/types
import init, {
  Engine,
  version,
  type Activity,
  type BenchmarkStanding,
  type TeamStatement,
  type ComponentStatement,
  type Deal,
  type IncentiveError,
  type NextTier,
  type Plan,
  type Problem,
  type Statement,
  type StatementLine,
  type Lead,
  type MeasureLine,
  type PipelineView,
  type StandingView,
} from "../../pkg/incentive_widget.js";

const plan: Plan = {
  format: "incentive-plan/1",
  name: "FY27 Q1",
  currency: "USD",
  period: { start: "2027-01-01", end: "2027-03-31" },
  company_goal: { target: "4000000" },
  roles: [
    {
      id: "hunter",
      name: "New business",
      quota: { credit: "owner", types: ["new"] },
      components: [
        {
          kind: "commission",
          name: "New-logo commission",
          deals: { types: ["new"] },
          rate: "0.10",
          tiers: { mode: "marginal", bands: [{ from: "0", multiplier: "1" }, { from: 1, multiplier: 1.5 }] },
          payout: { booked: "0.5", installed: "0.5" },
        },
        { kind: "bonus", name: "Goal bonus", measure: { metric: "lead_followup" }, curve: [{ at: "1", payout: "1" }] },
        { kind: "modifier", name: "Company goal", measure: "company", bands: [{ from: "0", multiplier: "0.9" }] },
      ],
    },
  ],
};

const deal: Deal = {
  id: "D-1",
  type: "new",
  close_date: "2027-01-20",
  amount: "60000",
  owners: [{ participant: "rep-ada", split: "1" }],
  touches: [{ participant: "mkt-cho", at: "2026-12-01", marks: ["lead_created"] }],
  crm_owner_email: "ada@example.com", // activities keep unknown fields
};

const activity: Activity = {
  company: { revenue: 4_400_000 },
  participants: [{ id: "rep-ada", role: "hunter", quota: "200000", metrics: { lead_followup: "0.9" } }],
  deals: [deal],
  payments: [{ participant: "rep-ada", amount: "1200" }],
};

async function main(): Promise<string> {
  await init();
  const v: string = version();
  const engine = new Engine(plan, activity);
  const fromText = new Engine(JSON.stringify(plan), JSON.stringify(activity));
  fromText.free();

  const s: Statement = engine.statement("rep-ada");
  const all: Statement[] = engine.statements();
  const totals: Statement = engine.totals("rep-ada");
  const totalDue: string = totals.due;
  const c: ComponentStatement | undefined = s.components[0];
  const line: StatementLine | undefined = c?.lines[0];
  const next: NextTier | null = s.next_tier;
  const due: string = s.due;
  const attainment: string | null = s.attainment;
  const dealId: string | null = line?.deal ?? null;
  const kind: "commission" | "spif" | "bonus" | "modifier" | "discretionary" | "override" | undefined = c?.kind;
  // Teams: a manager's team statement, and a rep's benchmarks.
  const team: TeamStatement = engine.team("mgr-dee");
  const teamEarned: string = team.totals.earned;
  const firstMember: string | undefined = team.members[0]?.participant;
  const standing: BenchmarkStanding = engine.standing("rep-ada");
  const needed: string | undefined = standing.marks[0]?.credit_needed;
  const quarter: string | null | undefined = engine.benchmarks().roles[0]?.top_quarter;
  const member: string | undefined = line?.member;
  void [teamEarned, firstMember, needed, quarter, member];
  // Total pay: present with a salary, a draw or adjustments.
  const totalPay: string | undefined = s.total_pay;
  const owed: string | undefined = s.balance_owed;
  const salaryWhy: string | undefined = s.fixed?.[0]?.lines[0]?.explain;
  const drawKind: "fixed" | "draw" | "balance_owed" | "adjustment" | undefined = s.draw?.lines[0]?.kind;

  const affected: string[] = engine.upsertDeal({ ...deal, id: "D-2", stage: "installed" });
  const removed: string[] = engine.removeDeal("D-2");
  engine.setCompanyRevenue("4100000");
  engine.setCompanyRevenue(4_100_000);
  engine.setCompanyRevenue(null);
  engine.setMetric("rep-ada", "lead_followup", "0.95");

  // The shared pipeline: a lead pushed, the panel's view, a lead what-if.
  const lead: Lead = {
    id: "L-1", campaign: "webinar", created_at: "2027-01-10T09:00:00Z", created_by: "mkt-cho",
    routed_to: "rep-ada", routed_at: "2027-01-10T09:00:00Z", attempts: [{ at: "2027-01-10T10:00:00Z", channel: "call" }], status: "open",
  };
  const touched: string[] = engine.upsertLead(lead);
  const maybe: PipelineView | null = engine.pipeline("rep-ada");
  if (maybe === null) throw new Error("the activity has a ledger");
  const view: PipelineView = maybe;
  const warning: string = view.waiting.sentence;
  const speed: MeasureLine | undefined = view.routed.measures.find((m) => m.measure === "speed_to_lead");
  const stage: StandingView | null = view.company;
  const mine: Lead[] = engine.leads("rep-ada");
  const leadIf = engine.whatIf("rep-ada", [{ op: "upsert_lead", lead: { ...lead, status: "accepted" } }, { op: "remove_lead", lead: "L-1" }], undefined);
  engine.removeLead("L-1");
  console.log(touched, warning, speed?.explain, stage?.stage, leadIf.scenario.pipeline?.length, mine.length);
  // @ts-expect-error lead statuses are a closed list
  engine.upsertLead({ ...lead, status: "qualified" });

  try {
    new Engine({ ...plan, name: "" }, activity);
  } catch (e) {
    const err = e as IncentiveError;
    const first: Problem | undefined = err.problems[0];
    if (err.code === "invalid_plan" && err instanceof Error) return `${first?.path}: ${first?.message}`;
  }

  // Mistakes the declarations must reject:
  // @ts-expect-error a statement's money is a string, not a number
  const wrong: number = s.earned;
  // @ts-expect-error deal types are a closed list
  engine.upsertDeal({ ...deal, type: "upsell" });
  // @ts-expect-error plans need roles
  new Engine({ name: "x", currency: "USD", period: { start: "2027-01-01", end: "2027-03-31" } }, activity);
  // @ts-expect-error revenue is a decimal string or number
  engine.setCompanyRevenue(true);
  // @ts-expect-error unknown component kind
  const badPlan: Plan = { ...plan, roles: [{ id: "r", name: "r", components: [{ kind: "salary", name: "s" }] }] };

  return [v, all.length, due, totalDue, attainment, dealId, kind, totalPay, owed, salaryWhy, drawKind, next?.multiplier, affected, removed, wrong, badPlan.name].join();
}

void main();
