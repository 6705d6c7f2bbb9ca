//! `incentive score` and `incentive periods`.

use crate::args::{Format, PeriodsArgs, ScoreArgs};
use crate::input::{read_engine, read_json, Fail};
use crate::output::{self, cannot_write, List};
use incentive_widget::engine::score::Detail;
use incentive_widget::model::period::PayPeriod;
use incentive_widget::Engine;

pub fn score(a: &ScoreArgs) -> Result<String, Fail> {
    let plan = read_json(&a.inputs.plan)?;
    let engine = read_engine(&plan, &a.inputs.activity)?;
    if a.period.is_some() || a.to_date {
        return periods_of(&engine, a);
    }
    if let Some(manager) = &a.team {
        return output::one(&engine.team(manager)?, a.format);
    }
    if a.benchmarks {
        return output::one(&engine.benchmarks()?, a.format);
    }
    match &a.participant {
        Some(id) => output::one(&engine.statement(id)?, a.format),
        None => {
            write_statements(&engine, a.format)?;
            Ok(String::new())
        }
    }
}

/// Every statement written to stdout one at a time (a whole company's
/// statements are never held at once). A first pass of totals alone finds
/// any statement that cannot be computed exactly, so that on such an error
/// nothing is written (exit 2, `too_large`).
fn write_statements(engine: &Engine, format: Format) -> Result<(), Fail> {
    engine.each_statement(Detail::Totals, |_| ())?;
    let stdout = std::io::stdout();
    let mut list = List::new(
        std::io::BufWriter::with_capacity(1 << 16, stdout.lock()),
        format,
    );
    let mut failed: Option<String> = None;
    engine.each_statement(Detail::Explained, |s| {
        if failed.is_none() {
            failed = list.item(&s).err();
        }
    })?;
    match failed {
        Some(e) => Err(cannot_write(e)),
        None => list.finish().map_err(cannot_write),
    }
}

/// `--period ID` and `--to-date`: pay period statements. Every statement is
/// computed before anything is written, so an error leaves stdout empty.
fn periods_of(engine: &Engine, a: &ScoreArgs) -> Result<String, Fail> {
    let year = engine.year();
    let k = match &a.period {
        Some(id) => engine.period_index(&year, id)?,
        None => engine.as_of_period(&year),
    };
    let range = if a.to_date { 0..k + 1 } else { k..k + 1 };
    match &a.participant {
        Some(id) => {
            let mut all = engine.period_statements_in(&year, id)?;
            if a.to_date {
                all.truncate(k + 1);
                match a.format {
                    Format::Json => output::one(&all, a.format),
                    Format::Jsonl => {
                        output::write_list(all, a.format)?;
                        Ok(String::new())
                    }
                }
            } else {
                output::one(&all.swap_remove(k), a.format)
            }
        }
        None => {
            let all = engine.all_period_statements()?;
            let chosen = all
                .into_iter()
                .flat_map(|mut year| year.drain(range.clone()).collect::<Vec<_>>());
            output::write_list(chosen, a.format)?;
            Ok(String::new())
        }
    }
}

/// `incentive periods`: the pay periods and the one holding `as_of`, as the
/// package's `periods()` gives them.
pub fn periods(a: &PeriodsArgs) -> Result<String, Fail> {
    let plan = read_json(&a.inputs.plan)?;
    let engine = read_engine(&plan, &a.inputs.activity)?;
    let year = engine.year();
    let current = &year.periods[engine.as_of_period(&year)].id;
    #[derive(serde::Serialize)]
    struct Periods<'a> {
        periods: &'a [PayPeriod],
        current: &'a str,
    }
    let periods = &year.periods;
    output::one(&Periods { periods, current }, Format::Json)
}
