//! Reads a role's components: commissions (rates, products, discounts,
//! tiers, caps, payouts), SPIFs, bonuses and modifiers, every problem at
//! once, unknown fields rejected. `plan.rs` reads the rest of the plan.

use super::plan::{credit, deal_filter};
use super::{Check, Obj, Reader};
use crate::model::names::{Basis, DealType, NamedMeasure, TierMode};
use crate::model::plan::*;
use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::BTreeMap;

/// A component as written: variable pay, or a fixed amount or draw (read
/// once per component of a plan: the size difference costs nothing).
#[allow(clippy::large_enum_variant)]
pub(super) enum Written {
    Variable(Component),
    Pay(crate::model::pay::PayComponent),
}

impl Written {
    pub(super) fn name(&self) -> &str {
        match self {
            Written::Variable(c) => c.name(),
            Written::Pay(c) => c.name(),
        }
    }
}

pub(super) fn component(r: &mut Reader, v: &Value, path: &str, scale: u32) -> Option<Written> {
    let mut o = r.object(v, path)?;
    let name = r.req_str(&mut o, "name");
    let kind = r.req_str(&mut o, "kind");
    let variable = |c: Option<Component>| c.map(Written::Variable);
    let c = match kind.as_deref() {
        Some("commission") => {
            variable(commission(r, &mut o, name, scale).map(Component::Commission))
        }
        Some("spif") => variable(spif(r, &mut o, name, scale).map(Component::Spif)),
        Some("bonus") => variable(bonus(r, &mut o, name).map(Component::Bonus)),
        Some("modifier") => variable(modifier(r, &mut o, name).map(Component::Modifier)),
        Some("discretionary") => variable(
            super::pay::discretionary(r, &mut o, name, scale).map(Component::Discretionary),
        ),
        Some("override") => {
            variable(super::team::override_of(r, &mut o, name).map(Component::Override))
        }
        Some(k @ ("fixed" | "draw")) => {
            super::pay::pay_component(r, &mut o, k, name, scale).map(Written::Pay)
        }
        Some(other) => {
            r.err(
                o.field_path("kind"),
                format!(
                    "\"{other}\" is not one of \"commission\", \"spif\", \"bonus\", \"modifier\", \"discretionary\", \"override\", \"fixed\" or \"draw\""
                ),
            );
            return None;
        }
        None => return None,
    };
    r.deny_unknown(&o);
    c
}

fn commission(
    r: &mut Reader,
    o: &mut Obj<'_>,
    name: Option<String>,
    scale: u32,
) -> Option<Commission> {
    let credit = credit(r, o);
    let deals = deal_filter(r, o);
    let basis = match o.get("basis") {
        Some((v, p)) => r.name(v, &p, Basis::parse, Basis::expected),
        None => Some(Basis::Revenue),
    };
    let rate = o
        .get("rate")
        .map(|(v, p)| r.decimal(v, &p, Check::NonNegative));
    let rates = o.get("rates").map(|(v, p)| rates(r, v, &p));
    let table = o
        .get("rate_table")
        .map(|(v, p)| super::rate_table::rate_table(r, v, &p));
    let rate_ok = match (&rate, &rates, &table) {
        (None, None, None) => {
            r.err(
                o.field_path("rate"),
                "a commission needs \"rate\" (one rate), \"rates\" (by deal type) or \"rate_table\" (by margin or deal size)",
            );
            false
        }
        (Some(x), None, None) => x.is_some(),
        (None, Some(x), None) => x.is_some(),
        (None, None, Some(x)) => x.is_some(),
        (_, _, Some(_)) => {
            r.err(
                o.field_path("rate_table"),
                "give \"rate\", \"rates\" or \"rate_table\", not more than one",
            );
            false
        }
        (Some(_), Some(_), None) => {
            r.err(
                o.field_path("rates"),
                "give \"rate\" or \"rates\", not both",
            );
            false
        }
    };
    let products = match o.get("products") {
        Some((v, p)) => decimal_map(r, v, &p),
        None => Some(BTreeMap::new()),
    };
    let discounts = match o.get("discounts") {
        Some((v, p)) => discounts(r, v, &p),
        None => Some(Vec::new()),
    };
    // Read on a failure too: the fields after it must still be taken, or
    // they would be reported as unknown beside the real problem.
    let tiers = match o.get("tiers") {
        Some((v, p)) => tiers(r, v, &p).map(Some),
        None => Some(None),
    };
    let cap = cap(r, o, scale);
    let payout = payout(r, o);
    let year = super::period::component_year(r, o);
    let (credit, attribution) = credit?;
    if !rate_ok {
        return None;
    }
    Some(Commission {
        name: name?,
        credit,
        attribution,
        deals: deals?,
        basis: basis?,
        rate: rate.flatten(),
        rates: rates.flatten(),
        rate_table: table.flatten().map(Box::new),
        products: products?,
        discounts: discounts?,
        tiers: tiers?,
        cap: cap?,
        payout: payout?,
        year: year?,
    })
}

fn rates(r: &mut Reader, v: &Value, path: &str) -> Option<BTreeMap<DealType, Decimal>> {
    let map = decimal_map(r, v, path)?;
    let mut out = BTreeMap::new();
    let mut ok = true;
    for (k, rate) in map {
        match DealType::parse(&k) {
            Some(t) => {
                out.insert(t, rate);
            }
            None => {
                r.err(
                    super::child(path, &k),
                    format!("\"{k}\" is not a deal type ({})", DealType::expected()),
                );
                ok = false;
            }
        }
    }
    ok.then_some(out)
}

/// An object of non-negative decimals by name.
fn decimal_map(r: &mut Reader, v: &Value, path: &str) -> Option<BTreeMap<String, Decimal>> {
    let Value::Object(map) = v else {
        r.object(v, path);
        return None;
    };
    let before = r.problems.len();
    let out: BTreeMap<String, Decimal> = map
        .iter()
        .filter_map(|(k, v)| {
            Some((
                k.clone(),
                r.decimal(v, &super::child(path, k), Check::NonNegative)?,
            ))
        })
        .collect();
    (r.problems.len() == before).then_some(out)
}

fn discounts(r: &mut Reader, v: &Value, path: &str) -> Option<Vec<DiscountBand>> {
    let before = r.problems.len();
    let bands = r.list(v, path, |r, v, p| {
        let mut o = r.object(v, p)?;
        let above = r.req_dec(&mut o, "above", Check::Fraction);
        let multiplier = r.req_dec(&mut o, "multiplier", Check::NonNegative);
        r.deny_unknown(&o);
        Some(DiscountBand {
            above: above?,
            multiplier: multiplier?,
        })
    })?;
    for i in 1..bands.len() {
        if bands[i].above <= bands[i - 1].above {
            r.err(
                format!("{path}[{i}].above"),
                format!(
                    "discount bands must ascend ({} after {})",
                    bands[i].above,
                    bands[i - 1].above
                ),
            );
        }
    }
    (r.problems.len() == before).then_some(bands)
}

/// Step bands (tiers and modifiers): ascending, the first from 0.
fn bands(r: &mut Reader, v: &Value, path: &str) -> Option<Vec<Band>> {
    let before = r.problems.len();
    let bands = r.list(v, path, |r, v, p| {
        let mut o = r.object(v, p)?;
        let from = r.req_dec(&mut o, "from", Check::NonNegative);
        let multiplier = r.req_dec(&mut o, "multiplier", Check::NonNegative);
        r.deny_unknown(&o);
        Some(Band {
            from: from?,
            multiplier: multiplier?,
        })
    })?;
    if r.problems.len() != before {
        return None;
    }
    match bands.first() {
        None => r.err(path, "needs at least one band"),
        Some(b) if !b.from.is_zero() => r.err(
            format!("{path}[0].from"),
            format!("the first band must start at 0, not {}", b.from),
        ),
        _ => {}
    }
    for i in 1..bands.len() {
        if bands[i].from <= bands[i - 1].from {
            r.err(
                format!("{path}[{i}].from"),
                format!(
                    "bands must ascend ({} after {})",
                    bands[i].from,
                    bands[i - 1].from
                ),
            );
        }
    }
    (r.problems.len() == before).then_some(bands)
}

fn tiers(r: &mut Reader, v: &Value, path: &str) -> Option<Tiers> {
    let mut o = r.object(v, path)?;
    let mode = r
        .req(&mut o, "mode")
        .and_then(|(v, p)| r.name(v, &p, TierMode::parse, TierMode::expected));
    let bands = r.req(&mut o, "bands").and_then(|(v, p)| bands(r, v, &p));
    r.deny_unknown(&o);
    Some(Tiers {
        mode: mode?,
        bands: bands?,
    })
}

/// A cap: money, no more decimals than the currency scale.
fn cap(r: &mut Reader, o: &mut Obj<'_>, scale: u32) -> Option<Option<Decimal>> {
    let Some((v, p)) = o.get("cap") else {
        return Some(None);
    };
    let cap = r.decimal(v, &p, Check::NonNegative)?;
    r.money_scale(cap, p, scale).then_some(Some(cap))
}

fn payout(r: &mut Reader, o: &mut Obj<'_>) -> Option<Payout> {
    let Some((v, path)) = o.get("payout") else {
        return Some(Payout::default());
    };
    let mut p = r.object(v, &path)?;
    if let Some((v, sp)) = p.get("schedule") {
        let given: Vec<&str> = ["booked", "installed", "activated"]
            .into_iter()
            .filter(|k| p.has(k))
            .collect();
        let schedule = super::period::payout_schedule(r, v, &sp);
        if !given.is_empty() {
            r.err(
                &path,
                format!(
                    "a payout is a schedule or stage fractions, not both ({} given beside \"schedule\")",
                    given.join(", ")
                ),
            );
            return None;
        }
        r.deny_unknown(&p);
        return Some(Payout {
            schedule: Some(schedule?),
            ..Payout::default()
        });
    }
    let booked = r.opt_dec(&mut p, "booked", Check::Fraction);
    let installed = r.opt_dec(&mut p, "installed", Check::Fraction);
    let activated = r.opt_dec(&mut p, "activated", Check::Fraction);
    let ok = (p.has("booked") == booked.is_some())
        && (p.has("installed") == installed.is_some())
        && (p.has("activated") == activated.is_some());
    r.deny_unknown(&p);
    if !ok {
        return None;
    }
    let out = Payout {
        booked: booked.unwrap_or_default(),
        installed: installed.unwrap_or_default(),
        activated: activated.unwrap_or_default(),
        schedule: None,
    };
    let sum = out.booked + out.installed + out.activated;
    if sum != Decimal::ONE {
        r.err(
            path,
            format!("payout fractions must sum to 1, not {}", sum.normalize()),
        );
        return None;
    }
    Some(out)
}

fn spif(r: &mut Reader, o: &mut Obj<'_>, name: Option<String>, scale: u32) -> Option<Spif> {
    let amount = r.req_dec(o, "amount", Check::NonNegative);
    let credit = credit(r, o);
    let deals = deal_filter(r, o);
    let cap = cap(r, o, scale);
    let payout = payout(r, o);
    let (credit, attribution) = credit?;
    Some(Spif {
        name: name?,
        amount: amount?,
        credit,
        attribution,
        deals: deals?,
        cap: cap?,
        payout: payout?,
    })
}

fn measure(r: &mut Reader, o: &mut Obj<'_>) -> Option<Measure> {
    let (v, path) = r.req(o, "measure")?;
    match v {
        Value::String(_) => r
            .name(v, &path, NamedMeasure::parse, NamedMeasure::expected)
            .map(Measure::Named),
        Value::Object(_) => {
            let mut m = r.object(v, &path)?;
            let metric = r.req_str(&mut m, "metric");
            r.deny_unknown(&m);
            Some(Measure::Metric { metric: metric? })
        }
        _ => {
            r.err(
                path,
                "must be \"company\", \"quota\", \"team_at_target\" or { \"metric\": NAME }",
            );
            None
        }
    }
}

fn bonus(r: &mut Reader, o: &mut Obj<'_>, name: Option<String>) -> Option<Bonus> {
    let target = o
        .get("target")
        .map(|(v, p)| r.decimal(v, &p, Check::NonNegative));
    let measure = measure(r, o);
    let (curve, max_payout) = curve_of(r, o);
    Some(Bonus {
        name: name?,
        target: match target {
            Some(t) => Some(t?),
            None => None,
        },
        measure: measure?,
        curve: curve?,
        max_payout: max_payout?,
    })
}

/// A bonus's or pool's `curve` (points ascending by `at`) and `max_payout`.
pub(super) fn curve_of(
    r: &mut Reader,
    o: &mut Obj<'_>,
) -> (Option<Vec<CurvePoint>>, Option<Option<Decimal>>) {
    let curve = r.req(o, "curve").and_then(|(v, path)| {
        let before = r.problems.len();
        let points = r.list(v, &path, |r, v, p| {
            let mut c = r.object(v, p)?;
            let at = r.req_dec(&mut c, "at", Check::NonNegative);
            let payout = r.req_dec(&mut c, "payout", Check::NonNegative);
            r.deny_unknown(&c);
            Some(CurvePoint {
                at: at?,
                payout: payout?,
            })
        })?;
        if points.is_empty() {
            r.err(&path, "needs at least one point");
        }
        for i in 1..points.len() {
            if points[i].at <= points[i - 1].at {
                r.err(
                    format!("{path}[{i}].at"),
                    format!(
                        "curve points must ascend ({} after {})",
                        points[i].at,
                        points[i - 1].at
                    ),
                );
            }
        }
        (r.problems.len() == before).then_some(points)
    });
    let max_payout = o
        .get("max_payout")
        .map(|(v, p)| r.decimal(v, &p, Check::NonNegative));
    let max_payout = match max_payout {
        Some(m) => m.map(Some),
        None => Some(None),
    };
    (curve, max_payout)
}

fn modifier(r: &mut Reader, o: &mut Obj<'_>, name: Option<String>) -> Option<Modifier> {
    let measure = measure(r, o);
    let bands = r.req(o, "bands").and_then(|(v, p)| bands(r, v, &p));
    let applies_to = match o.get("applies_to") {
        Some((v, p)) => Some(r.list(v, &p, |r, v, p| r.string(v, p))?),
        None => None,
    };
    Some(Modifier {
        name: name?,
        measure: measure?,
        bands: bands?,
        applies_to,
    })
}
