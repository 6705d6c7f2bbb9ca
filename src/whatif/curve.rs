//! The earnings curve and what it takes to reach the next tier: both score
//! hypothetical deals on a copy of the engine (the engine itself never
//! changes); what it takes may start from a scenario's changes.

use super::{check, invalid, scenario, too_large, under, CurvePoint};
use crate::decimal::checked;
use crate::engine::Engine;
use crate::error::Error;
use crate::model::activity::{Deal, Line, Owner};
use crate::model::names::{CreditKind, DealType, Source, Stage};
use crate::read::{Check, Reader};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;
use serde_json::Value;

/// The earnings curve: what the participant would earn at quota credit c,
/// from 0 to `to_attainment` × quota in `points` steps, with the same mix of
/// deals scaled to that credit (line amounts rounded to the currency scale;
/// company revenue held at today's figure). A
/// participant with no credit yet gets one hypothetical new deal per point.
/// `first` and `last` (point indices, default the whole curve) give a
/// slice of it: the same points, so slices put end to end are the curve (a
/// page computes it a slice per task, never one long task).
pub fn curve(
    engine: &Engine,
    participant: &str,
    options: &Value,
) -> Result<Vec<CurvePoint>, Error> {
    let mut r = Reader::default();
    let mut slice: (Option<u64>, Option<u64>) = (None, None);
    let (to, points) = match r.object(options, "options") {
        Some(mut o) => {
            let to = r
                .opt_dec(&mut o, "to_attainment", Check::Positive)
                .unwrap_or(Decimal::TWO);
            let points = o
                .get("points")
                .and_then(|(v, p)| r.whole(v, &p, crate::limits::MAX_CURVE_POINTS))
                .unwrap_or(101);
            if points < 2 {
                r.err("options.points", "must be at least 2");
            }
            let max = crate::limits::MAX_CURVE_POINTS;
            slice.0 = o.get("first").and_then(|(v, p)| r.whole(v, &p, max));
            slice.1 = o.get("last").and_then(|(v, p)| r.whole(v, &p, max));
            let (first, last) = (
                slice.0.unwrap_or(0),
                slice.1.unwrap_or(points.saturating_sub(1)),
            );
            if last >= points && points >= 2 {
                r.err("options.last", format!("must be below points ({points})"));
            } else if first > last {
                r.err("options.first", format!("must not be past last ({last})"));
            }
            r.deny_unknown(&o);
            (to, points as usize)
        }
        None if options.is_null() => {
            r.problems.clear();
            (Decimal::TWO, 101)
        }
        None => (Decimal::TWO, 101),
    };
    check(r)?;
    let base = engine.totals(participant)?;
    let quota = base.quota.filter(|q| *q > Decimal::ZERO).ok_or_else(|| {
        invalid(
            "participant",
            format!("\"{participant}\" has no quota, so there is no curve against attainment"),
        )
    })?;
    let credit = base.quota_credit;
    let mut e = engine.restricted_to(participant)?;
    let originals = e.line_figures();
    let first = slice.0.map_or(0, |f| f as usize);
    let last = slice.1.map_or(points - 1, |l| l as usize);
    let mut out = Vec::with_capacity(last + 1 - first);
    for i in first..=last {
        let attainment = to * Decimal::from(i) / Decimal::from(points - 1);
        let target = checked::guard(|| {
            let target = checked::mul(attainment, quota);
            if credit > Decimal::ZERO {
                e.rescale_lines(&originals, checked::div(target, credit));
            }
            target
        })
        .map_err(|_| too_large(participant))?;
        if credit <= Decimal::ZERO {
            let d = hypothetical(engine, participant, target, "curve-point");
            e.put_deal(d, "curve").map_err(|x| under("options", x))?;
        }
        let s = e.totals(participant)?;
        out.push(CurvePoint {
            quota_credit: s.quota_credit,
            attainment: crate::decimal::ratio(attainment),
            earned: s.earned,
        });
    }
    Ok(out)
}

/// A deal owned wholly by the participant, closing on the last day of the
/// period, of the first type their quota counts.
fn hypothetical(engine: &Engine, participant: &str, amount: Decimal, id: &str) -> Deal {
    let role = engine
        .activity()
        .participants
        .iter()
        .find(|p| p.id == participant)
        .and_then(|p| engine.plan().role(&p.role));
    let deal_type = role
        .and_then(|r| r.quota.types.as_ref())
        .and_then(|t| t.first().copied())
        .unwrap_or(DealType::New);
    Deal {
        id: id.to_string(),
        name: None,
        deal_type,
        source: Source::Sales,
        close_date: engine.plan().period.end,
        stage: Stage::Booked,
        owners: vec![Owner {
            participant: participant.to_string(),
            split: Decimal::ONE,
        }],
        lines: vec![Line {
            product: None,
            amount,
            list_price: None,
            cost: None,
        }],
        touches: Vec::new(),
        amount: Some(amount),
        product: None,
        cost: None,
        list_price: None,
        year: None,
        lead: None,
    }
}

/// What it takes to reach the next tier.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WhatItTakes {
    /// The next band's attainment and multiplier (null: no band above).
    pub next_tier: Option<crate::statement::NextTier>,
    /// The smallest amount of a hypothetical deal (of the given type,
    /// product and discount, owned 100%) that reaches the next tier; null
    /// when no such deal counts toward quota.
    pub amount_needed: Option<Decimal>,
    /// What that deal would add to earned.
    pub extra_earned: Option<Decimal>,
    /// Why no amount can be named, in a sentence (null when one is).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why_no_amount: Option<String>,
}

/// For `participant`, the credit needed for the next tier and the smallest
/// hypothetical deal (`template`: optional `type`, `product`, `discount`,
/// `stage`, `source`) that reaches it, with the pay it would bring. With
/// `changes` (what-if changes), all of it is counted from that scenario.
pub fn what_it_takes(
    engine: &Engine,
    participant: &str,
    template: &Value,
) -> Result<WhatItTakes, Error> {
    // From the scenario's changes when given (a copy), else the engine itself.
    let from;
    let engine = match template.get("changes") {
        Some(changes) => {
            from = scenario(engine, participant, changes).map_err(|e| under("deal", e))?;
            &from
        }
        None => engine,
    };
    let base = engine.statement(participant)?;
    let Some(next) = base.next_tier.clone() else {
        return Ok(WhatItTakes {
            next_tier: None,
            amount_needed: None,
            extra_earned: None,
            why_no_amount: None,
        });
    };
    let mut r = Reader::default();
    let mut deal = hypothetical(
        engine,
        participant,
        next.quota_credit_needed,
        "what-it-takes",
    );
    if let Some(mut o) = r.object(template, "deal") {
        o.get("changes");
        if let Some((v, p)) = o.get("type") {
            if let Some(t) = r.name(v, &p, DealType::parse, DealType::expected) {
                deal.deal_type = t;
            }
        }
        if let Some((v, p)) = o.get("source") {
            if let Some(s) = r.name(v, &p, Source::parse, Source::expected) {
                deal.source = s;
            }
        }
        if let Some((v, p)) = o.get("stage") {
            if let Some(s) = r.name(v, &p, Stage::parse, Stage::expected) {
                deal.stage = s;
            }
        }
        deal.lines[0].product = r.opt_str(&mut o, "product");
        o.get("discount");
        r.deny_unknown(&o);
        if let Some(x) = r.opt_dec(&mut o, "discount", Check::Fraction) {
            if x < Decimal::ONE && !x.is_zero() {
                deal.lines[0].list_price = Some(
                    checked::div(next.quota_credit_needed, Decimal::ONE - x)
                        .round_dp_with_strategy(12, RoundingStrategy::ToZero),
                );
            }
        }
    }
    check(r)?;
    let role = engine
        .activity()
        .participants
        .iter()
        .find(|p| p.id == participant)
        .and_then(|p| engine.plan().role(&p.role));
    let why = role.and_then(|role| {
        if role.quota.credit != CreditKind::Owner {
            Some("Your quota credit comes from campaign attribution, so no single deal amount can be named.".to_string())
        } else if deal.stage == Stage::Cancelled {
            Some("A cancelled deal counts for nothing: pick another stage.".to_string())
        } else if !crate::model::filter::quota_passes(&role.quota, &deal) {
            let counted = role
                .quota
                .types
                .as_ref()
                .map(|t| t.iter().map(|x| x.as_str()).collect::<Vec<_>>().join(" and "));
            Some(format!(
                "A {} deal does not count toward your quota{}: pick another type.",
                deal.deal_type.as_str(),
                counted.map_or(String::new(), |c| format!(" (it counts {c} deals)"))
            ))
        } else {
            None
        }
    });
    if why.is_some() || role.is_none() {
        return Ok(WhatItTakes {
            next_tier: Some(next),
            amount_needed: None,
            extra_earned: None,
            why_no_amount: why,
        });
    }
    // The deal is already of the credit needed (next_tier rounds it up to
    // the currency scale, so it reaches the band).
    let amount = next.quota_credit_needed;
    let mut scratch = engine.clone();
    scratch.put_deal(deal, "deal")?;
    let after = scratch.statement(participant)?;
    Ok(WhatItTakes {
        extra_earned: Some(after.earned - base.earned),
        amount_needed: Some(amount),
        next_tier: Some(next),
        why_no_amount: None,
    })
}
