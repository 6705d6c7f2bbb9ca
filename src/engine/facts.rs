//! What a screen shows beside a statement, decided by the engine: each
//! modifier's band at the exact measure and the components it multiplies,
//! the tier edges in money, company revenue, each deal's discount and
//! clawback, why a deal does not count. A view renders these; it never
//! works a plan rule out for itself (no band search on a rounded string,
//! no second `applies_to` default, no clawback test in JavaScript).
//!
//! None of it changes a statement: `facts()` is a call of its own, so a
//! version-1 statement keeps its bytes.

use super::score::{applies_to, counted, discount_band, Context, Scoring};
use crate::decimal::exact::Ratio;
use crate::decimal::{checked, round_money, round_up};
use crate::model::activity::{Activity, Deal, Participant};
use crate::model::names::{NamedMeasure, Stage};
use crate::model::plan::{Band, Component, Measure, Plan, Role};
use crate::tiers::{band_at, curve};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::HashMap;

/// Decimals serialize as JSON strings, like a statement's.
mod text {
    pub use crate::decimal::{serialize, serialize_option};
}

/// The facts about one participant's pay that a view shows.
#[derive(Debug, Clone, Serialize)]
pub struct Facts {
    pub participant: String,
    pub name: Option<String>,
    pub role: String,
    pub role_name: String,
    pub currency: String,
    pub currency_scale: u32,
    /// The activity's `as_of` date (informational), or null.
    pub as_of: Option<String>,
    pub company: Option<CompanyFacts>,
    /// The role's components in plan order: names, kinds and labels.
    pub components: Vec<ComponentFacts>,
    pub modifiers: Vec<ModifierFacts>,
    /// Tier bands of each tiered commission, with their edges in money.
    pub tiers: Vec<TierFacts>,
    /// The participant's deals (owned or touched), in (close_date, id) order.
    pub deals: Vec<DealFacts>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CompanyFacts {
    #[serde(serialize_with = "text::serialize")]
    pub revenue: Decimal,
    #[serde(serialize_with = "text::serialize")]
    pub target: Decimal,
    /// revenue / target, for output (12 places).
    #[serde(serialize_with = "text::serialize")]
    pub attainment: Decimal,
    /// Whether the activity gives company revenue (false: it is the sum of
    /// the counted deals).
    pub revenue_given: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ComponentFacts {
    pub name: String,
    pub kind: &'static str,
    /// What a bonus or modifier measures: "company", "quota" or "metric";
    /// null for commissions and SPIFs.
    pub measure: Option<&'static str>,
    /// The modifiers that multiply it, by name.
    pub multiplied_by: Vec<String>,
    /// A bonus's terms, for a sentence in people's words (its line's
    /// `explain` stays the exact one); null for other kinds.
    pub bonus: Option<BonusFacts>,
}

/// What a bonus pays on: target × payout at the measure.
#[derive(Debug, Clone, Serialize)]
pub struct BonusFacts {
    /// The target paid at a payout of 1 (the plan's, else the person's
    /// `target_bonus`).
    #[serde(serialize_with = "text::serialize")]
    pub target: Decimal,
    /// The payout fraction of the target the curve gives (12 places); null
    /// without a measure.
    #[serde(serialize_with = "text::serialize_option")]
    pub payout: Option<Decimal>,
    /// The measure's value (12 places), or null when it has none.
    #[serde(serialize_with = "text::serialize_option")]
    pub value: Option<Decimal>,
    /// The metric's name, for a metric measure.
    pub metric: Option<String>,
    /// Whether the payout is the plan's `max_payout`.
    pub at_max: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct BandFacts {
    #[serde(serialize_with = "text::serialize")]
    pub from: Decimal,
    #[serde(serialize_with = "text::serialize")]
    pub multiplier: Decimal,
    /// For tier bands: `from × quota` in money, rounded up (the credit at
    /// which the band starts); null for modifier bands.
    #[serde(serialize_with = "text::serialize_option")]
    pub quota_credit: Option<Decimal>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ModifierFacts {
    pub name: String,
    /// "company", "quota" or "metric".
    pub measure: &'static str,
    /// The metric's name, for a metric measure.
    pub metric: Option<String>,
    /// The measure's value for output (12 places), or null when it has
    /// none (no quota, no metric, no company goal).
    #[serde(serialize_with = "text::serialize_option")]
    pub value: Option<Decimal>,
    pub bands: Vec<BandFacts>,
    /// The index in `bands` of the band in force, decided on the exact
    /// measure; null without a measure.
    pub band: Option<usize>,
    /// The multiplier in force (1 without a measure).
    #[serde(serialize_with = "text::serialize")]
    pub multiplier: Decimal,
    /// The components it multiplies (its `applies_to`, by default all).
    pub applies_to: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TierFacts {
    pub component: String,
    pub mode: &'static str,
    pub bands: Vec<BandFacts>,
    /// The band of the current attainment (exact), or null without quota.
    pub band: Option<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DealFacts {
    pub id: String,
    pub name: Option<String>,
    #[serde(rename = "type")]
    pub deal_type: &'static str,
    pub stage: &'static str,
    pub close_date: String,
    /// Whether it counts this period (closed in the period, not cancelled).
    pub counted: bool,
    /// Why it does not count, in words: "outside the plan period",
    /// "cancelled"; null when it counts.
    pub not_counted: Option<&'static str>,
    /// What payments record as paid to this participant on the deal.
    #[serde(serialize_with = "text::serialize")]
    pub paid: Decimal,
    /// A cancelled deal already paid: the amount taken back (negative due).
    #[serde(serialize_with = "text::serialize_option")]
    pub clawback: Option<Decimal>,
    pub lines: Vec<LineFacts>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LineFacts {
    pub product: Option<String>,
    #[serde(serialize_with = "text::serialize")]
    pub amount: Decimal,
    #[serde(serialize_with = "text::serialize_option")]
    pub list_price: Option<Decimal>,
    /// 1 − amount / list price (12 places), null without a list price.
    #[serde(serialize_with = "text::serialize_option")]
    pub discount: Option<Decimal>,
    /// The discount multiplier each commission applies to this line (only
    /// the commissions whose discount bands it reaches).
    pub discount_multipliers: Vec<DiscountFacts>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DiscountFacts {
    pub component: String,
    #[serde(serialize_with = "text::serialize")]
    pub multiplier: Decimal,
}

/// A participant as a form lists them (owners, touches).
#[derive(Debug, Clone, Serialize)]
pub struct Person {
    pub id: String,
    pub name: Option<String>,
    pub role: String,
    /// Whom they report to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manager: Option<String>,
    /// How many report to them directly.
    pub reports: usize,
}

impl super::Engine {
    /// The deals `participant` owns or touched, as the engine holds them
    /// now (live updates included), in (close_date, id) order: what an
    /// editor starts from, so a view keeps no copy of the activity.
    pub fn deals_of(&self, participant: &str) -> Result<Vec<&Deal>, crate::Error> {
        let (_, _, deals) = self.scored(participant)?;
        Ok(deals.collect())
    }

    /// The terms of one deal's line in one component (share, amount, rate,
    /// multipliers, tier with attainment before and after, modifiers,
    /// earned, payable), for a sentence in people's words; None when the
    /// component has no line for the deal, and in a plan year (its lines
    /// are its pay periods', whose sentences say what each is).
    pub fn line_terms(
        &self,
        participant: &str,
        component: &str,
        deal: &str,
    ) -> Result<Option<super::score::LineTerms>, crate::Error> {
        let ctx = self.context(super::score::Detail::Figures);
        let (person, role, deals) = self.scored(participant)?;
        let Some(c) = role.components.iter().find(|c| c.name() == component) else {
            return Ok(None);
        };
        if self.plan().period.pay_periods.is_some() {
            return Ok(None);
        }
        crate::decimal::checked::guard(|| {
            let s = Scoring::new(&ctx, role, person, deals);
            s.deal_index(deal).and_then(|i| s.line_terms(c, i))
        })
        .map_err(|_| super::too_large(participant))
    }

    /// Every participant's id, name and role, in the activity's order.
    pub fn people(&self) -> Vec<Person> {
        self.activity()
            .participants
            .iter()
            .map(|p| Person {
                id: p.id.clone(),
                name: p.name.clone(),
                role: p.role.clone(),
                manager: p.manager.clone(),
                reports: self.reports.get(&p.id).map_or(0, Vec::len),
            })
            .collect()
    }
}

impl Facts {
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

/// Which deals `facts` lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deals {
    /// Every deal the participant owns or touched.
    All,
    /// Only the cancelled deals with something to claw back (what a
    /// headline shows beside the figures).
    Clawbacks,
}

/// The facts of `person` in `role`; `deals` are the deals they own or
/// touched, in (close_date, id) order.
pub(super) fn facts<'a>(
    ctx: &'a Context<'a>,
    role: &'a Role,
    person: &'a Participant,
    deals: impl Iterator<Item = &'a Deal> + Clone,
    activity: &'a Activity,
    wanted: Deals,
) -> Facts {
    let payments = &activity.payments;
    let as_of = activity.as_of.map(|d| d.to_string());
    let revenue_given = activity.company.as_ref().and_then(|c| c.revenue).is_some();
    let plan = ctx.plan;
    let s = Scoring::new(ctx, role, person, deals.clone());
    let band_facts = |bands: &[Band]| -> Vec<BandFacts> {
        bands
            .iter()
            .map(|b| BandFacts {
                from: b.from,
                multiplier: b.multiplier,
                quota_credit: None,
            })
            .collect()
    };
    let modifiers = role
        .components
        .iter()
        .filter_map(|c| match c {
            Component::Modifier(m) => Some(m),
            _ => None,
        })
        .map(|m| {
            let measured = s.measure(&m.measure);
            let band = s.modifier_band(m);
            let (measure, metric) = measure_name(&m.measure);
            ModifierFacts {
                name: m.name.clone(),
                measure,
                metric,
                value: measured.map(|r| r.ratio()),
                bands: band_facts(&m.bands),
                band: band.and_then(|b| m.bands.iter().position(|x| std::ptr::eq(x, b))),
                multiplier: band.map_or(Decimal::ONE, |b| b.multiplier),
                applies_to: role
                    .components
                    .iter()
                    .filter(|c| applies_to(m, c))
                    .map(|c| c.name().to_string())
                    .collect(),
            }
        })
        .collect::<Vec<_>>();
    let components = role
        .components
        .iter()
        .map(|c| ComponentFacts {
            name: c.name().to_string(),
            kind: c.kind(),
            measure: match c {
                Component::Modifier(m) => Some(measure_name(&m.measure).0),
                Component::Bonus(b) => Some(measure_name(&b.measure).0),
                Component::Discretionary(x) => Some(measure_name(&x.measure).0),
                _ => None,
            },
            multiplied_by: match c {
                Component::Modifier(_) => Vec::new(),
                _ => modifiers
                    .iter()
                    .filter(|m| m.applies_to.iter().any(|n| n == c.name()))
                    .map(|m| m.name.clone())
                    .collect(),
            },
            bonus: match c {
                Component::Bonus(b) => {
                    let measured = s.measure(&b.measure);
                    let payout = measured.map(|r| curve(&b.curve, r, b.max_payout));
                    Some(BonusFacts {
                        target: b.target.or(person.target_bonus).unwrap_or_default(),
                        payout: payout.as_ref().map(Ratio::ratio),
                        value: measured.map(|r| r.ratio()),
                        metric: measure_name(&b.measure).1,
                        at_max: matches!((&payout, b.max_payout), (Some(p), Some(m)) if p.same(&Ratio::of(m))),
                    })
                }
                _ => None,
            },
        })
        .collect();
    let quota = person.quota.filter(|q| *q > Decimal::ZERO);
    let attainment = s.attainment();
    let tiers = role
        .components
        .iter()
        .filter_map(|c| match c {
            Component::Commission(x) => x.tiers.as_ref().map(|t| (x, t)),
            _ => None,
        })
        .map(|(x, t)| TierFacts {
            component: x.name.clone(),
            mode: t.mode.as_str(),
            bands: t
                .bands
                .iter()
                .map(|b| BandFacts {
                    from: b.from,
                    multiplier: b.multiplier,
                    quota_credit: quota
                        .map(|q| round_up(checked::mul(b.from, q), plan.currency_scale)),
                })
                .collect(),
            band: attainment.map(|r| {
                let b = band_at(&t.bands, r);
                t.bands.iter().position(|x| std::ptr::eq(x, b)).unwrap_or(0)
            }),
        })
        .collect();
    Facts {
        participant: person.id.clone(),
        name: person.name.clone(),
        role: role.id.clone(),
        role_name: role.name.clone(),
        currency: plan.currency.clone(),
        currency_scale: plan.currency_scale,
        as_of,
        company: company(plan, ctx.company, revenue_given),
        components,
        modifiers,
        tiers,
        deals: {
            // The person's payments by deal, once (not a scan per deal).
            let mut paid: HashMap<&str, Vec<Decimal>> = HashMap::new();
            for p in payments.iter().filter(|p| p.participant == person.id) {
                if let Some(d) = p.deal.as_deref() {
                    paid.entry(d).or_default().push(p.amount);
                }
            }
            deals
                .filter(|d| wanted == Deals::All || d.stage == Stage::Cancelled)
                .map(|d| {
                    let on = paid
                        .get(d.id.as_str())
                        .map(Vec::as_slice)
                        .unwrap_or_default();
                    deal_facts(plan, role, d, on)
                })
                .filter(|f| wanted == Deals::All || f.clawback.is_some())
                .collect()
        },
    }
}

fn company(plan: &Plan, company: Option<Ratio>, revenue_given: bool) -> Option<CompanyFacts> {
    let r = company?;
    Some(CompanyFacts {
        revenue: r.num,
        target: plan.company_goal.as_ref()?.target,
        attainment: r.ratio(),
        revenue_given,
    })
}

/// A measure's name and, for a metric, the metric's.
fn measure_name(m: &Measure) -> (&'static str, Option<String>) {
    match m {
        Measure::Named(NamedMeasure::Company) => ("company", None),
        Measure::Named(NamedMeasure::Quota) => ("quota", None),
        Measure::Named(NamedMeasure::TeamAtTarget) => ("team_at_target", None),
        Measure::Metric { metric } => ("metric", Some(metric.clone())),
    }
}

/// One deal's facts; `payments` are the amounts paid to the person on it.
fn deal_facts(plan: &Plan, role: &Role, d: &Deal, payments: &[Decimal]) -> DealFacts {
    let paid = round_money(
        checked::sum(payments.iter().copied()),
        plan.currency_scale,
        plan.rounding(),
    );
    let not_counted = if counted(plan, d) {
        None
    } else if d.stage == Stage::Cancelled {
        Some("cancelled")
    } else {
        Some("outside the plan period")
    };
    let lines = d
        .lines
        .iter()
        .map(|l| LineFacts {
            product: l.product.clone(),
            amount: l.amount,
            list_price: l.list_price,
            discount: l
                .list_price
                .map(|list| Ratio::new(checked::sub(list, l.amount), list).ratio()),
            discount_multipliers: role
                .components
                .iter()
                .filter_map(|c| match c {
                    Component::Commission(x) => {
                        discount_band(x, l).map(|(m, _, _)| DiscountFacts {
                            component: x.name.clone(),
                            multiplier: m,
                        })
                    }
                    _ => None,
                })
                .collect(),
        })
        .collect();
    DealFacts {
        id: d.id.clone(),
        name: d.name.clone(),
        deal_type: d.deal_type.as_str(),
        stage: d.stage.as_str(),
        close_date: d.close_date.to_string(),
        counted: not_counted.is_none(),
        not_counted,
        clawback: (d.stage == Stage::Cancelled && !paid.is_zero()).then(|| -paid),
        paid,
        lines,
    }
}

/// The formats' closed vocabularies and the engine's limits, for forms and
/// messages (a view lists these; it keeps no copy of its own).
#[derive(Debug, Clone, Serialize)]
pub struct Vocabulary {
    pub deal_types: Vec<&'static str>,
    pub sources: Vec<&'static str>,
    pub stages: Vec<&'static str>,
    /// Stages in payout order (the ones a `payout` can name).
    pub payout_stages: Vec<&'static str>,
    pub marks: Vec<&'static str>,
    pub attribution_models: Vec<&'static str>,
    pub credit_kinds: Vec<&'static str>,
    pub tier_modes: Vec<&'static str>,
    pub rounding_modes: Vec<&'static str>,
    pub component_kinds: Vec<&'static str>,
    pub limits: Limits,
}

#[derive(Debug, Clone, Serialize)]
pub struct Limits {
    pub max_changes: usize,
    pub max_curve_points: u64,
    pub max_json_bytes: usize,
    pub max_deals: usize,
    pub max_lines_per_deal: usize,
    pub max_touches_per_deal: usize,
    pub max_string: usize,
}

/// The vocabularies and limits, from the enums and `limits.rs` themselves.
pub fn vocabulary() -> Vocabulary {
    use crate::limits;
    use crate::model::names::{CreditKind, DealType, Mark, Model, RoundingMode, Source, TierMode};
    fn names<T: Copy>(all: &[T], name: fn(T) -> &'static str) -> Vec<&'static str> {
        all.iter().map(|x| name(*x)).collect()
    }
    Vocabulary {
        deal_types: names(DealType::ALL, DealType::as_str),
        sources: names(Source::ALL, Source::as_str),
        stages: names(Stage::ALL, Stage::as_str),
        payout_stages: names(Stage::ALL, Stage::as_str)
            .into_iter()
            .filter(|s| *s != Stage::Cancelled.as_str())
            .collect(),
        marks: names(Mark::ALL, Mark::as_str),
        attribution_models: names(Model::ALL, Model::as_str),
        credit_kinds: names(CreditKind::ALL, CreditKind::as_str),
        tier_modes: names(TierMode::ALL, TierMode::as_str),
        rounding_modes: names(RoundingMode::ALL, RoundingMode::as_str),
        component_kinds: vec!["commission", "spif", "bonus", "modifier"],
        limits: Limits {
            max_changes: limits::MAX_CHANGES,
            max_curve_points: limits::MAX_CURVE_POINTS,
            max_json_bytes: limits::MAX_JSON_BYTES,
            max_deals: limits::MAX_DEALS,
            max_lines_per_deal: limits::MAX_LINES,
            max_touches_per_deal: limits::MAX_TOUCHES_PER_DEAL,
            max_string: limits::MAX_STRING,
        },
    }
}
