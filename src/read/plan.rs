//! Reads and validates a plan: every rule of the format, every problem at
//! once, unknown fields rejected (a typo must not change pay silently).

use super::components::{component, Written};
use super::{Check, Obj, Reader};
use crate::limits;
use crate::model::names::{CreditKind, DealType, Model, NamedMeasure, RoundingMode, Source};
use crate::model::plan::*;
use rust_decimal::Decimal;
use serde_json::Value;

/// Reads `plan` (the root path is `plan`).
pub fn read(r: &mut Reader, v: &Value) -> Option<Plan> {
    let path = "plan";
    let mut o = r.object(v, path)?;
    r.format(&mut o, "incentive-plan/1");
    // `$schema`: where an editor finds the JSON Schema (docs/schema/); it
    // changes no number.
    let _ = r.opt_str(&mut o, "$schema");
    let name = r.req_str(&mut o, "name");
    let currency = r.req_str(&mut o, "currency");
    if let Some(c) = &currency {
        if c.len() != 3 || !c.bytes().all(|b| b.is_ascii_uppercase()) {
            r.err(
                o.field_path("currency"),
                format!("\"{c}\" is not an ISO 4217 currency code such as \"USD\""),
            );
        }
    }
    let period = r.req(&mut o, "period").and_then(|(v, p)| period(r, v, &p));
    let rounding = match o.get("rounding") {
        Some((v, p)) => r.name(v, &p, RoundingMode::parse, RoundingMode::expected),
        None => Some(RoundingMode::HalfEven),
    };
    let currency_scale = match o.get("currency_scale") {
        Some((v, p)) => r.whole(v, &p, 12).map(|n| n as u32),
        None => Some(2),
    };
    let company_goal = o.get("company_goal").and_then(|(v, p)| {
        let mut g = r.object(v, &p)?;
        let target = r.req_dec(&mut g, "target", Check::Positive);
        r.deny_unknown(&g);
        Some(CompanyGoal { target: target? })
    });
    let scale = currency_scale.unwrap_or(2);
    let roles = r
        .req(&mut o, "roles")
        .and_then(|(v, p)| r.list_max(v, &p, limits::MAX_ROLES, |r, v, p| role(r, v, p, scale)));
    let pipeline = super::lead::rules(r, &mut o);
    let alignment = super::lead::alignment(r, &mut o);
    r.deny_unknown(&o);

    if let Some(roles) = &roles {
        if roles.is_empty() {
            r.err(o.field_path("roles"), "needs at least one role");
        }
        r.unique(
            roles
                .iter()
                .enumerate()
                .map(|(i, x)| (x.id.as_str(), format!("plan.roles[{i}].id"))),
            "role id",
        );
        // A pool is named by its allocations: one pool to a name in the plan.
        r.unique(
            roles.iter().enumerate().flat_map(|(i, role)| {
                role.components
                    .iter()
                    .enumerate()
                    .filter_map(move |(j, c)| match c {
                        Component::Discretionary(x) => Some((
                            x.name.as_str(),
                            format!("plan.roles[{i}].components[{}].name", role.written_index(j)),
                        )),
                        _ => None,
                    })
            }),
            "discretionary pool name",
        );
        if company_goal.is_none() {
            for (i, role) in roles.iter().enumerate() {
                for (j, c) in role.components.iter().enumerate() {
                    let m = match c {
                        Component::Bonus(b) => &b.measure,
                        Component::Modifier(m) => &m.measure,
                        Component::Discretionary(x) => &x.measure,
                        _ => continue,
                    };
                    if *m == Measure::Named(NamedMeasure::Company) {
                        r.err(
                            format!(
                                "plan.roles[{i}].components[{}].measure",
                                role.written_index(j)
                            ),
                            "measures company attainment, but the plan has no company_goal",
                        );
                    }
                }
            }
        }
    }

    let plan = Plan {
        format: Some("incentive-plan/1".into()),
        name: name?,
        currency: currency?,
        period: period?,
        rounding: rounding?,
        currency_scale: currency_scale?,
        company_goal,
        roles: roles?,
        pipeline: pipeline?,
        alignment: alignment?,
    };
    super::period::check_plan(r, &plan);
    super::team::check_plan(r, &plan);
    Some(plan)
}

fn period(r: &mut Reader, v: &Value, path: &str) -> Option<Period> {
    let mut o = r.object(v, path)?;
    let start = r.req(&mut o, "start").and_then(|(v, p)| r.date(v, &p));
    let end = r.req(&mut o, "end").and_then(|(v, p)| r.date(v, &p));
    let ordered = match (start, end) {
        (Some(s), Some(e)) => s <= e,
        _ => true,
    };
    let pay_periods = match o.get("pay_periods") {
        Some((v, p)) if ordered => Some(super::period::pay_periods(r, v, &p, start, end)),
        _ => None,
    };
    r.deny_unknown(&o);
    let (start, end) = (start?, end?);
    if end < start {
        r.err(
            o.field_path("end"),
            format!("the period ends ({end}) before it starts ({start})"),
        );
        return None;
    }
    let pay_periods = match pay_periods {
        Some(p) => Some(p?),
        None => None,
    };
    Some(Period {
        start,
        end,
        pay_periods,
    })
}

fn role(r: &mut Reader, v: &Value, path: &str, scale: u32) -> Option<Role> {
    let mut o = r.object(v, path)?;
    let id = r.req_str(&mut o, "id");
    let name = r.req_str(&mut o, "name");
    let quota = match o.get("quota") {
        Some((v, p)) => quota_rule(r, v, &p),
        None => Some(QuotaRule::default()),
    };
    let components = r.req(&mut o, "components").and_then(|(v, p)| {
        r.list_max(v, &p, limits::MAX_COMPONENTS, |r, v, p| {
            component(r, v, p, scale)
        })
    });
    r.deny_unknown(&o);
    let written = components?;
    let cpath = o.field_path("components");
    r.unique(
        written
            .iter()
            .enumerate()
            .map(|(i, c)| (c.name(), format!("{cpath}[{i}].name"))),
        "component name",
    );
    let (mut components, mut pay, mut pay_at) = (Vec::new(), Vec::new(), Vec::new());
    for (i, c) in written.into_iter().enumerate() {
        match c {
            Written::Variable(c) => components.push(c),
            Written::Pay(c) => {
                pay.push(c);
                pay_at.push(i);
            }
        }
    }
    for (i, c) in components.iter().enumerate() {
        let Component::Modifier(m) = c else { continue };
        for (j, target) in m.applies_to.iter().flatten().enumerate() {
            let found = components.iter().find(|x| x.name() == target.as_str());
            let problem = match found {
                None if pay.iter().any(|p| p.name() == target) => Some(format!(
                    "\"{target}\" is not variable pay; modifiers apply to variable components"
                )),
                None => Some(format!("\"{target}\" is not a component of this role")),
                Some(Component::Modifier(_)) => Some(format!(
                    "\"{target}\" is a modifier; modifiers apply to other components"
                )),
                Some(Component::Discretionary(_)) => Some(format!(
                    "\"{target}\" is a discretionary pool; it pays as allocated, no modifier applies"
                )),
                Some(_) => None,
            };
            if let Some(m) = problem {
                r.err(
                    format!(
                        "{cpath}[{}].applies_to[{j}]",
                        crate::model::plan::written_at(&pay_at, i)
                    ),
                    m,
                );
            }
        }
    }
    let role = Role {
        id: id?,
        name: name?,
        quota: quota?,
        components,
        pay,
        pay_at,
    };
    super::pay::check_role(r, &role, &cpath);
    Some(role)
}

/// `credit` and `attribution` as a pair: attribution credit needs a model.
pub(super) fn credit(r: &mut Reader, o: &mut Obj<'_>) -> Option<(CreditKind, Option<Attribution>)> {
    let kind = match o.get("credit") {
        Some((v, p)) => r.name(v, &p, CreditKind::parse, CreditKind::expected)?,
        None => CreditKind::Owner,
    };
    let attribution = match o.get("attribution") {
        Some((v, p)) => Some(attribution(r, v, &p)?),
        None => None,
    };
    if kind == CreditKind::Attribution && attribution.is_none() {
        r.err(
            o.field_path("attribution"),
            "is required when credit is \"attribution\"",
        );
        return None;
    }
    Some((kind, attribution))
}

fn quota_rule(r: &mut Reader, v: &Value, path: &str) -> Option<QuotaRule> {
    let mut o = r.object(v, path)?;
    let credit = credit(r, &mut o);
    let types = o
        .get("types")
        .and_then(|(v, p)| names(r, v, &p, DealType::parse, DealType::expected));
    let sources = o
        .get("sources")
        .and_then(|(v, p)| names(r, v, &p, Source::parse, Source::expected));
    let schedule = o
        .get("schedule")
        .map(|(v, p)| super::period::quota_schedule(r, v, &p));
    let ok = (o.has("types") == types.is_some()) && (o.has("sources") == sources.is_some());
    r.deny_unknown(&o);
    let (credit, attribution) = credit?;
    ok.then_some(QuotaRule {
        credit,
        attribution,
        types,
        sources,
        schedule: match schedule {
            Some(s) => Some(s?),
            None => None,
        },
    })
}

pub(super) fn names<T>(
    r: &mut Reader,
    v: &Value,
    path: &str,
    parse: fn(&str) -> Option<T>,
    expected: fn() -> String,
) -> Option<Vec<T>> {
    let before = r.problems.len();
    let list = r.list(v, path, |r, v, p| r.name(v, p, parse, expected))?;
    (r.problems.len() == before).then_some(list)
}

pub(super) fn deal_filter(r: &mut Reader, o: &mut Obj<'_>) -> Option<DealFilter> {
    let Some((v, path)) = o.get("deals") else {
        return Some(DealFilter::default());
    };
    let mut f = r.object(v, &path)?;
    let types = f
        .get("types")
        .and_then(|(v, p)| names(r, v, &p, DealType::parse, DealType::expected));
    let sources = f
        .get("sources")
        .and_then(|(v, p)| names(r, v, &p, Source::parse, Source::expected));
    let products = f.get("products").and_then(|(v, p)| {
        let before = r.problems.len();
        let l = r.list(v, &p, |r, v, p| r.string(v, p))?;
        (r.problems.len() == before).then_some(l)
    });
    let ok = (f.has("types") == types.is_some())
        && (f.has("sources") == sources.is_some())
        && (f.has("products") == products.is_some());
    r.deny_unknown(&f);
    ok.then_some(DealFilter {
        types,
        sources,
        products,
    })
}

fn attribution(r: &mut Reader, v: &Value, path: &str) -> Option<Attribution> {
    let mut o = r.object(v, path)?;
    let model = r
        .req(&mut o, "model")
        .and_then(|(v, p)| r.name(v, &p, Model::parse, Model::expected));
    let lookback_days = o
        .get("lookback_days")
        .map(|(v, p)| r.whole(v, &p, 36_500).map(|n| n as u32));
    let half_life_days = o
        .get("half_life_days")
        .map(|(v, p)| r.decimal(v, &p, Check::Positive));
    let weights = o.get("weights").map(|(v, p)| custom_weights(r, v, &p));
    r.deny_unknown(&o);
    let model = model?;
    if model == Model::TimeDecay && half_life_days.is_none() {
        r.err(
            o.field_path("half_life_days"),
            "is required by the time_decay model",
        );
        return None;
    }
    if model == Model::Custom && weights.is_none() {
        r.err(o.field_path("weights"), "is required by the custom model");
        return None;
    }
    if model != Model::Custom && weights.is_some() {
        r.err(
            o.field_path("weights"),
            format!(
                "only the custom model takes weights, not {}",
                model.as_str()
            ),
        );
        return None;
    }
    Some(Attribution {
        model,
        lookback_days: match lookback_days {
            Some(l) => Some(l?),
            None => None,
        },
        half_life_days: match half_life_days {
            Some(h) => Some(h?),
            None => None,
        },
        weights: match weights {
            Some(w) => Some(w?),
            None => None,
        },
    })
}

fn custom_weights(r: &mut Reader, v: &Value, path: &str) -> Option<CustomWeights> {
    let mut o = r.object(v, path)?;
    let mut read = |key: &'static str| match o.get(key) {
        Some((v, p)) => r.decimal(v, &p, Check::Fraction),
        None => Some(Decimal::ZERO),
    };
    let w = (
        read("first"),
        read("lead_created"),
        read("opportunity_created"),
        read("last"),
        read("rest"),
    );
    r.deny_unknown(&o);
    let w = CustomWeights {
        first: w.0?,
        lead_created: w.1?,
        opportunity_created: w.2?,
        last: w.3?,
        rest: w.4?,
    };
    let sum = w.first + w.lead_created + w.opportunity_created + w.last + w.rest;
    if sum != Decimal::ONE {
        r.err(
            path,
            format!("custom weights must sum to 1, not {}", sum.normalize()),
        );
        return None;
    }
    Some(w)
}
