//! Reading the documents into an engine: a plan and an activity read and
//! checked against each other, every problem of both reported at once.

use super::Engine;
use crate::error::{Error, ErrorCode};
use crate::model::activity::Activity;
use crate::read::document::{check_json, check_size, json_error, parse_json};
use crate::read::{self, Reader};
use serde_json::Value;

impl Engine {
    /// Reads and checks both documents; every problem of both is reported.
    pub fn from_values(plan: &Value, activity: &Value) -> Result<Engine, Error> {
        let mut ra = Reader::default();
        let read = read::activity::read(&mut ra, activity);
        Engine::from_parts(plan, ra, read)
    }

    /// A parsed plan and an activity's JSON text, read deal by deal (see
    /// [`read::stream`]): the same engine, or the same problems, as
    /// [`Engine::from_values`] on the parsed text, in a fraction of the
    /// memory. `what` names the activity in a JSON syntax error.
    pub fn from_activity_text(plan: &Value, activity: &str, what: &str) -> Result<Engine, Error> {
        check_size(activity, what)?;
        Engine::from_activity_json(plan, serde_json::Deserializer::from_str(activity), what)
    }

    /// [`Engine::from_activity_text`] from a byte stream (a file): the text
    /// is never held whole. The caller checks its size ([`check_len`]).
    pub fn from_activity_reader(
        plan: &Value,
        activity: impl std::io::Read,
        what: &str,
    ) -> Result<Engine, Error> {
        Engine::from_activity_json(plan, serde_json::Deserializer::from_reader(activity), what)
    }

    fn from_activity_json<'de, R: serde_json::de::Read<'de>>(
        plan: &Value,
        mut de: serde_json::Deserializer<R>,
        what: &str,
    ) -> Result<Engine, Error> {
        let mut ra = Reader::default();
        let read = read::stream::activity(&mut ra, &mut de)
            .and_then(|a| de.end().map(|_| a))
            .map_err(|e| json_error(&e, what))?;
        Engine::from_parts(plan, ra, read)
    }

    /// The same activity, live updates included, under another plan: read
    /// and checked against it exactly as a new engine would be (a portal
    /// that swaps the plan keeps what was pushed since the activity).
    pub fn with_plan(&self, plan: &Value) -> Result<Engine, Error> {
        Engine::from_parts(plan, Reader::default(), Some(self.activity.clone()))
    }

    fn from_parts(
        plan: &Value,
        mut ra: Reader,
        activity: Option<Activity>,
    ) -> Result<Engine, Error> {
        let mut rp = Reader::default();
        let plan = read::plan::read(&mut rp, plan);
        if let (Some(p), Some(a), true, true) = (&plan, &activity, rp.ok(), ra.ok()) {
            read::activity::fit(&mut ra, p, a);
        }
        match (plan, activity) {
            (Some(plan), Some(activity)) if rp.ok() && ra.ok() => {
                let e = Engine::assemble(plan, activity);
                e.pools_fit()?;
                Ok(e)
            }
            _ => Err(refused(rp, ra)),
        }
    }

    /// Every discretionary pool's allocations within what it is funded at
    /// today's company attainment, or an error naming each allocation of a
    /// pool allocated beyond it.
    pub(super) fn pools_fit(&self) -> Result<(), Error> {
        let ctx = self.context(super::score::Detail::Totals);
        let (scale, rounding) = (self.plan.currency_scale, self.plan.rounding());
        let mut problems = Vec::new();
        let pools = self.plan.roles.iter().flat_map(|r| &r.components);
        for c in pools {
            let crate::model::plan::Component::Discretionary(x) = c else {
                continue;
            };
            // Within the format's limits a pool × payout can still pass 28
            // digits: refused as too large, never computed on a 0.
            let worked = crate::decimal::checked::guard(|| {
                let (funded, payout) = super::score::funded(x, ctx.company, scale, rounding);
                (
                    funded,
                    payout,
                    ctx.allocations.total(&x.name, funded, scale, rounding),
                )
            });
            let Ok((funded, payout, total)) = worked else {
                let at = self.plan.roles.iter().enumerate().find_map(|(i, r)| {
                    let j = r.components.iter().position(|c| c.name() == x.name)?;
                    Some(format!(
                        "plan.roles[{i}].components[{}].pool",
                        r.written_index(j)
                    ))
                });
                return Err(Error::one(
                    ErrorCode::TooLarge,
                    at.unwrap_or_else(|| "plan".into()),
                    format!(
                        "\"{}\"'s funded pool goes beyond 28 significant digits",
                        x.name
                    ),
                ));
            };
            if total <= funded {
                continue;
            }
            let m = super::explain::Money(scale);
            let here = self.activity.allocations.iter().enumerate();
            let paths = here
                .filter(|(_, a)| a.component == x.name)
                .map(|(i, _)| format!("activity.allocations[{i}]"));
            let away = self.activity.allocated_elsewhere.iter().enumerate();
            let away = away
                .filter(|(_, e)| e.component == x.name)
                .map(|(i, _)| format!("activity.allocated_elsewhere[{i}]"));
            let message = format!(
                "\"{}\" is allocated {} in all, beyond its funded pool of {} ({} × {} payout at today's company attainment)",
                x.name,
                m.fmt(total),
                m.fmt(funded),
                m.fmt(x.pool),
                crate::decimal::percent(payout.value())
            );
            for path in paths.chain(away) {
                problems.push(crate::error::Problem::new(path, message.clone()));
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::new(ErrorCode::InvalidActivity, problems))
        }
    }

    /// From JSON text (the CLI and the package).
    pub fn from_json(plan: &str, activity: &str) -> Result<Engine, Error> {
        match parse_json(plan, "plan") {
            Ok(p) => Engine::from_activity_text(&p, activity, "activity"),
            Err(mut e) => {
                if let Err(f) = check_json(activity, "activity") {
                    e.problems.extend(f.problems);
                }
                Err(e)
            }
        }
    }
}

/// Both readers' problems as one error: too large, else the plan's, else the
/// activity's.
pub(super) fn refused(rp: Reader, ra: Reader) -> Error {
    let code = if rp.too_large || ra.too_large {
        ErrorCode::TooLarge
    } else if rp.ok() {
        ErrorCode::InvalidActivity
    } else {
        ErrorCode::InvalidPlan
    };
    let mut problems = rp.problems;
    problems.extend(ra.problems);
    Error::new(code, problems)
}
