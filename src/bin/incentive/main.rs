//! `incentive`: the scoring core on the command line, for finance's pay run
//! and for scripts.
//!
//! ```text
//! incentive score    --plan plan.json --activity activity.json [--participant ID]
//!                    [--format json|jsonl] [--period ID] [--to-date]
//! incentive validate --plan plan.json [--activity activity.json]
//! incentive schema   plan|activity
//! incentive periods  --plan plan.json --activity activity.json
//! incentive workload --out DIR [--participants N] ...
//! ```
//!
//! Exit 0 on success; 2 on any input problem (and any usage error), with
//! `path: message` lines on stderr; 1 only when stdout cannot be written.
//! `incentive --help` and `incentive COMMAND --help` say the same, with
//! examples.

mod args;
mod input;
mod output;
mod score;

use args::{Cli, Command, Which};
use clap::Parser;
use incentive_widget::engine::read_plan;
use incentive_widget::{schema, workload};
use input::{read_engine, read_json, Fail};
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout (exit 0); a usage error to
            // stderr (exit 2), as every other input problem.
            let code = if e.use_stderr() { 2 } else { 0 };
            return match e.print() {
                Ok(()) => ExitCode::from(code),
                Err(_) => ExitCode::from(1),
            };
        }
    };
    match run(&cli.command) {
        Ok(out) if out.is_empty() => ExitCode::SUCCESS, // written already
        Ok(out) => {
            let mut stdout = std::io::stdout().lock();
            if writeln!(stdout, "{out}")
                .and_then(|_| stdout.flush())
                .is_err()
            {
                return ExitCode::from(1);
            }
            ExitCode::SUCCESS
        }
        Err(Fail(code, message)) => {
            eprintln!("{message}");
            ExitCode::from(code)
        }
    }
}

fn run(command: &Command) -> Result<String, Fail> {
    match command {
        Command::Score(a) => score::score(a),
        Command::Periods(a) => score::periods(a),
        Command::Import(a) => import(a),
        Command::Cut(a) => cut(a),
        Command::Pipeline(a) => {
            let plan = input::read_json(&a.inputs.plan)?;
            let engine = input::read_engine(&plan, &a.inputs.activity)?;
            let view = engine.pipeline(&a.participant)?;
            serde_json::to_string_pretty(&view)
                .map_err(|e| Fail(1, format!("cannot write JSON: {e}")))
        }
        Command::Lab(a) => lab(a),
        Command::Validate(a) => {
            let plan = read_json(&a.plan)?;
            match &a.activity {
                Some(path) => {
                    let e = read_engine(&plan, path)?;
                    Ok(format!(
                        "ok: plan \"{}\" and {} participants, {} deals",
                        e.plan().name,
                        e.activity().participants.len(),
                        e.activity().deals.len()
                    ))
                }
                None => {
                    let p = read_plan(&plan)?;
                    Ok(format!(
                        "ok: plan \"{}\" with {} roles",
                        p.name,
                        p.roles.len()
                    ))
                }
            }
        }
        Command::Schema(a) => output::one(
            &match a.which {
                Which::Plan => schema::plan(),
                Which::Activity => schema::activity(),
            },
            args::Format::Json,
        ),
        Command::Workload(a) => {
            let size = workload::Size {
                participants: a.participants,
                deals: a.deals,
                touches: a.touches,
                deals_of_first: a.deals_of_first,
                seed: a.seed,
                leads: a.leads,
                attempts: a.attempts,
            };
            let plan = if a.leads > 0 {
                workload::plan_with_pipeline()
            } else {
                workload::plan()
            };
            let out = &a.out;
            std::fs::create_dir_all(out).map_err(|e| Fail(2, format!("{}: {e}", out.display())))?;
            for (name, doc) in [
                ("plan.json", plan),
                ("activity.json", workload::activity(size)),
            ] {
                let path = out.join(name);
                let text = serde_json::to_string(&doc).map_err(|e| Fail(1, e.to_string()))?;
                std::fs::write(&path, text)
                    .map_err(|e| Fail(2, format!("{}: {e}", path.display())))?;
            }
            Ok(format!(
                "wrote {}/plan.json and activity.json",
                out.display()
            ))
        }
    }
}

fn csv((name, text): &(String, String)) -> incentive_widget::import::Csv<'_> {
    incentive_widget::import::Csv { name, text }
}

/// `incentive import`: CRM exports to an activity, every bad row at once.
fn cut(a: &args::CutArgs) -> Result<String, Fail> {
    let plan = input::read_json(&a.inputs.plan)?;
    let engine = input::read_engine(&plan, &a.inputs.activity)?;
    let cut = engine.activity_for(&a.participant)?;
    let text = serde_json::to_string_pretty(&cut)
        .map_err(|e| Fail(1, format!("cannot write JSON: {e}")))?;
    match &a.out {
        None => Ok(text),
        Some(out) => {
            std::fs::write(out, text + "\n")
                .map_err(|e| Fail(2, format!("{}: cannot write: {e}", out.display())))?;
            Ok(format!(
                "wrote {}: {} deals",
                out.display(),
                cut["deals"].as_array().map_or(0, Vec::len)
            ))
        }
    }
}

fn import(a: &args::ImportArgs) -> Result<String, Fail> {
    use incentive_widget::import::{import, read_mapping};
    let name = |p: &std::path::Path| p.display().to_string();
    let mapping = read_mapping(&input::read_file(&a.mapping)?, &name(&a.mapping))?;
    let read = |p: &Option<std::path::PathBuf>| -> Result<Option<(String, String)>, Fail> {
        p.as_ref()
            .map(|p| Ok((name(p), input::read_file(p)?)))
            .transpose()
    };
    let opportunities = (name(&a.opportunities), input::read_file(&a.opportunities)?);
    let (touches, payments) = (read(&a.touches)?, read(&a.payments)?);
    let activity = import(
        &mapping,
        csv(&opportunities),
        touches.as_ref().map(csv),
        payments.as_ref().map(csv),
    )?;
    let text = serde_json::to_string_pretty(&activity)
        .map_err(|e| Fail(1, format!("cannot write JSON: {e}")))?;
    match &a.out {
        None => Ok(text),
        Some(out) => {
            std::fs::write(out, text + "\n")
                .map_err(|e| Fail(2, format!("{}: cannot write: {e}", out.display())))?;
            Ok(format!(
                "wrote {}: {} deals",
                out.display(),
                activity.deals.len()
            ))
        }
    }
}

/// `incentive lab`: the plan lab's figures for an edited plan.
fn lab(a: &args::LabArgs) -> Result<String, Fail> {
    use incentive_widget::lab::Lab;
    let against = read_json(&a.against)?;
    let edited = read_json(&a.plan)?;
    let engine = read_engine(&against, &a.activity)?;
    let mut lab = Lab::new(engine, against)?;
    lab.edit(&edited)?;
    if a.csv {
        return Ok(lab.backtest_csv()?.trim_end().to_string());
    }
    let mut out = serde_json::to_value(lab.report(a.movers)?)
        .map_err(|e| Fail(1, format!("cannot write JSON: {e}")))?;
    if a.goal {
        out["goal"] = serde_json::to_value(lab.goal_costs()?).unwrap_or_default();
    }
    if let Some(f) = &a.factor {
        let factor: rust_decimal::Decimal = f
            .parse()
            .map_err(|_| Fail(2, format!("--factor: \"{f}\" is not a decimal number")))?;
        out["cost_point"] = serde_json::to_value(lab.cost_point(factor)?).unwrap_or_default();
    }
    output::one(&out, args::Format::Json)
}
