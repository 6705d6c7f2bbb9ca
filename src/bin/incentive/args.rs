//! The command line, as clap reads it: every command, option, help text and
//! example in one place.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const ABOUT: &str = "Incentive pay from a plan and an activity, exact to the cent and explained \
line by line: finance's pay run and scripts.";

const TOP_AFTER: &str = "\
Examples:
  incentive validate --plan plan.json --activity activity.json
  incentive score --plan plan.json --activity activity.json > statements.json
  incentive score --plan plan.json --activity activity.json --participant rep-ada
  incentive score --plan plan.json --activity activity.json --period 2027-03
  incentive periods --plan plan.json --activity activity.json

Exit codes:
  0  success
  2  an input problem: a file that cannot be read, JSON or CSV that cannot be
     parsed, a plan or activity error, an unknown participant or pay period,
     or a usage error. Every problem is printed on stderr as a `path: message`
     line, all at once, and nothing is written to stdout.
  1  stdout could not be written (for example a closed pipe).";

const SCORE_AFTER: &str = "\
Examples:
  incentive score --plan plan.json --activity activity.json
  incentive score --plan plan.json --activity activity.json --participant rep-ada
  incentive score --plan plan.json --activity activity.json --format jsonl > statements.jsonl
  incentive score --plan plan.json --activity activity.json --period 2027-03
  incentive score --plan plan.json --activity activity.json --participant rep-ada --to-date
  incentive score --plan plan.json --activity activity.json --to-date --period 2027-Q2
  incentive score --plan plan.json --activity activity.json --team mgr-dee
  incentive score --plan plan.json --activity activity.json --benchmarks > benchmarks.json

Output: a JSON array of statements (one object with --participant); with
--format jsonl, one statement per line. On a plan with pay periods a
statement is the year as its pay periods pay it. With --period, each participant's
statement of that pay period; with --to-date, every pay period's statement
from the first up to and including the current one (the pay period holding
the activity's as_of, or the one given by --period), participant by
participant, in period order. With --team, a manager's team statement: every
member below them (depth first) with their headline figures, and the sums.
With --benchmarks, per role the lowest attainment of the top quarter and the
top half of its peers (no one's id, name or pay; a role with fewer than 5
peers with a quota has none).";

const VALIDATE_AFTER: &str = "\
Examples:
  incentive validate --plan plan.json
  incentive validate --plan plan.json --activity activity.json

Prints one `ok: ...` line, or every problem as a `path: message` line on
stderr (exit 2).";

const SCHEMA_AFTER: &str = "\
Examples:
  incentive schema plan > plan.schema.json
  incentive schema activity > activity.schema.json";

const WORKLOAD_AFTER: &str = "\
Examples:
  incentive workload --out /tmp/company
  incentive workload --out /tmp/small --participants 10 --deals 1000 --touches 5000 --seed 3";

const PERIODS_AFTER: &str = "\
Examples:
  incentive periods --plan plan.json --activity activity.json

Prints {\"periods\": [{\"id\", \"start\", \"end\"}, ...], \"current\": ID}: the plan's
pay periods in order and the one holding the activity's as_of (a plan
without pay periods has one, with id START..END).";

const PIPELINE_AFTER: &str = "\
Examples:
  incentive pipeline --plan plan.json --activity activity.json --participant rep-ada

Prints, as JSON, what the widget's Pipeline panel shows: the leads routed
to and created by the participant, their speed-to-lead, follow-up,
acceptance, lead quality and revenue measures with their sentences, the
leads waiting past the SLA, what each pipeline measure does to their pay,
and the company's (and their team's) alignment index and stage. The
activity needs a lead ledger (`leads`).";

const CUT_AFTER: &str = "\
Examples:
  incentive cut --plan plan.json --activity activity.json --participant rep-ada --out ada.json

Writes what one viewer's page needs: that participant, the deals they own or
touched (whole, every touch kept: attribution needs them), their payments,
and company revenue fixed at today's figure. Their statement from it is the
same as from the whole activity; serve each person their own cut.";

const IMPORT_AFTER: &str = "\
Examples:
  incentive import --mapping salesforce.toml --opportunities opportunities.csv --out activity.json
  incentive import --mapping hubspot.toml --opportunities deals.csv --touches touches.csv \\
      --payments payments.csv --out activity.json

The mapping file names, per input file, which column feeds which activity
field, the value maps (stage names such as \"Closed Won\" → booked) and the
date format. Every bad row is reported as `file:row:column: message`, all at
once (exit 2); nothing is dropped silently. Without --out the activity is
printed on stdout.";

#[derive(Parser)]
#[command(
    name = "incentive",
    version,
    about = ABOUT,
    after_help = TOP_AFTER,
    propagate_version = true,
    subcommand_required = true,
    arg_required_else_help = true,
    args_override_self = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Score the activity: every participant's statement, or one's.
    #[command(after_help = SCORE_AFTER)]
    Score(ScoreArgs),
    /// Check a plan (and an activity against it) without scoring.
    #[command(after_help = VALIDATE_AFTER)]
    Validate(ValidateArgs),
    /// Print the JSON Schema of the plan or activity format.
    #[command(after_help = SCHEMA_AFTER)]
    Schema(SchemaArgs),
    /// Write a seeded benchmark plan and activity.
    #[command(after_help = WORKLOAD_AFTER)]
    Workload(WorkloadArgs),
    /// List the plan's pay periods and the current one.
    #[command(after_help = PERIODS_AFTER)]
    Periods(PeriodsArgs),
    /// Turn CRM exports (CSV) into an activity document.
    #[command(after_help = IMPORT_AFTER)]
    Import(ImportArgs),
    /// Write one viewer's activity: only what their page needs.
    #[command(after_help = CUT_AFTER)]
    Cut(CutArgs),
    /// One participant's shared pipeline: their leads, measures, what waits
    /// past the SLA, and the alignment stage.
    #[command(after_help = PIPELINE_AFTER)]
    Pipeline(PipelineArgs),
    /// Compare an edited plan with the plan the activity came with: total
    /// payout and cost of sales, by role, the spread, who moves most, the
    /// company goal's cost; or the backtest as CSV.
    #[command(after_help = LAB_AFTER)]
    Lab(LabArgs),
}

const LAB_AFTER: &str = "\
Examples:
  incentive lab --plan next-year.json --against plan.json --activity activity.json
  incentive lab --plan next-year.json --against plan.json --activity activity.json --csv > backtest.csv

The activity is scored on both plans (each checked against it, every problem
with its JSON path, exit 2). The report is what <incentive-plan-lab> shows
after an edit, to the cent; --goal adds the company goal's cost at 80%, 100%
and 120% of target, --factor F both plans with every deal line x F.";

#[derive(Args)]
pub struct LabArgs {
    /// The edited plan.
    #[arg(long, value_name = "plan.json", allow_hyphen_values = true)]
    pub plan: PathBuf,
    /// The plan to compare with (the one the activity came with).
    #[arg(long, value_name = "plan.json", allow_hyphen_values = true)]
    pub against: PathBuf,
    /// The activity.
    #[arg(long, value_name = "activity.json", allow_hyphen_values = true)]
    pub activity: PathBuf,
    /// Print the backtest (everyone's pay on both plans) as CSV instead.
    #[arg(long)]
    pub csv: bool,
    /// How many of the largest rises and falls to name.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub movers: usize,
    /// Add the company goal's cost at 80%, 100% and 120% of target.
    #[arg(long)]
    pub goal: bool,
    /// Add both plans' payout with every deal line x F (0.7 to 1.5 in the lab).
    #[arg(long, value_name = "F")]
    pub factor: Option<String>,
}

#[derive(Args)]
pub struct Inputs {
    /// The plan (JSON, incentive-plan/1).
    #[arg(long, value_name = "plan.json", allow_hyphen_values = true)]
    pub plan: PathBuf,
    /// The activity (JSON, incentive-activity/1), read deal by deal.
    #[arg(long, value_name = "activity.json", allow_hyphen_values = true)]
    pub activity: PathBuf,
}

#[derive(Args)]
pub struct ScoreArgs {
    #[command(flatten)]
    pub inputs: Inputs,
    /// Only this participant's statement (an object rather than an array).
    #[arg(long, value_name = "ID", allow_hyphen_values = true)]
    pub participant: Option<String>,
    /// Output: json (pretty, the default) or jsonl (one compact statement a line).
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// The statement of this pay period (see `incentive periods`).
    #[arg(long, value_name = "ID", allow_hyphen_values = true)]
    pub period: Option<String>,
    /// Every pay period's statement up to and including the current one
    /// (or the one given by --period).
    #[arg(long)]
    pub to_date: bool,
    /// A manager's team statement: each member's headline figures, team
    /// quota, attainment and sums.
    #[arg(long, value_name = "ID", allow_hyphen_values = true,
          conflicts_with_all = ["participant", "period", "to_date", "benchmarks"])]
    pub team: Option<String>,
    /// The anonymous benchmarks per role (top quarter and top half
    /// attainment), what a portal serves reps beside their own activity.
    #[arg(long, conflicts_with_all = ["participant", "period", "to_date"])]
    pub benchmarks: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A pretty-printed JSON array (an object with --participant).
    Json,
    /// One statement per line, compact JSON.
    Jsonl,
}

#[derive(Args)]
pub struct ValidateArgs {
    /// The plan (JSON, incentive-plan/1).
    #[arg(long, value_name = "plan.json", allow_hyphen_values = true)]
    pub plan: PathBuf,
    /// An activity to check against the plan.
    #[arg(long, value_name = "activity.json", allow_hyphen_values = true)]
    pub activity: Option<PathBuf>,
}

#[derive(Args)]
pub struct SchemaArgs {
    /// Which document's schema.
    #[arg(value_enum)]
    pub which: Which,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Which {
    Plan,
    Activity,
}

#[derive(Args)]
pub struct WorkloadArgs {
    /// The folder to write plan.json and activity.json into.
    #[arg(long, value_name = "DIR", allow_hyphen_values = true)]
    pub out: PathBuf,
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub participants: usize,
    #[arg(long, value_name = "N", default_value_t = 100_000)]
    pub deals: usize,
    #[arg(long, value_name = "N", default_value_t = 500_000)]
    pub touches: usize,
    /// Deals of the first participant (a heavy rep).
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub deals_of_first: usize,
    /// Leads of a handoff ledger (0: none); the plan then pays on the
    /// pipeline measures.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub leads: usize,
    /// Attempts in all, spread over the leads.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub attempts: usize,
    #[arg(long, value_name = "N", default_value_t = 7)]
    pub seed: u64,
}

#[derive(Args)]
pub struct PeriodsArgs {
    #[command(flatten)]
    pub inputs: Inputs,
}

#[derive(Args)]
pub struct CutArgs {
    #[command(flatten)]
    pub inputs: Inputs,
    /// The viewer.
    #[arg(long, value_name = "ID", allow_hyphen_values = true)]
    pub participant: String,
    /// Write here instead of stdout.
    #[arg(long, value_name = "activity.json", allow_hyphen_values = true)]
    pub out: Option<PathBuf>,
}

#[derive(Args)]
pub struct PipelineArgs {
    #[command(flatten)]
    pub inputs: Inputs,
    /// Whose pipeline.
    #[arg(long, value_name = "ID", allow_hyphen_values = true)]
    pub participant: String,
}

#[derive(Args)]
pub struct ImportArgs {
    /// The mapping (TOML): columns, value maps and date format per file.
    #[arg(long, value_name = "crm.toml", allow_hyphen_values = true)]
    pub mapping: PathBuf,
    /// Opportunities or deals (CSV): one deal a row.
    #[arg(long, value_name = "opps.csv", allow_hyphen_values = true)]
    pub opportunities: PathBuf,
    /// Marketing touches (CSV): one touch a row, naming its deal.
    #[arg(long, value_name = "touches.csv", allow_hyphen_values = true)]
    pub touches: Option<PathBuf>,
    /// Payments already made (CSV).
    #[arg(long, value_name = "payments.csv", allow_hyphen_values = true)]
    pub payments: Option<PathBuf>,
    /// Where to write the activity (stdout without it).
    #[arg(long, value_name = "activity.json", allow_hyphen_values = true)]
    pub out: Option<PathBuf>,
}
