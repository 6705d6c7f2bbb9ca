//! Reads and validates an activity, and checks that it fits the plan.
//! Unknown fields are ignored: CRM exports carry more than we read.

use super::{Check, Reader};
use crate::limits;
use crate::model::activity::*;
use crate::model::names::{Basis, DealType, Mark, NamedMeasure, PipelineMeasure, Source, Stage};
use crate::model::plan::{Component, Measure, Plan, Role};
use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Reads `activity` (the root path is `activity`).
pub fn read(r: &mut Reader, v: &Value) -> Option<Activity> {
    read_with(r, v, None, None)
}

/// A list read ahead of the rest of the activity (streamed: see
/// [`super::stream`]), with the problems found reading it: None when over
/// a limit.
pub struct ReadAhead<T> {
    pub items: Option<Vec<T>>,
    pub reader: Reader,
}

/// Deals read ahead.
pub type Deals = ReadAhead<Deal>;

/// The number of touches a deal's JSON lists (0 when it lists none).
pub fn count_touches(deal: &Value) -> usize {
    deal.get("touches")
        .and_then(Value::as_array)
        .map_or(0, Vec::len)
}

/// [`read`], with the deals (and the leads) given already read when
/// `streamed` (`streamed_leads`).
pub fn read_with(
    r: &mut Reader,
    v: &Value,
    streamed: Option<Deals>,
    streamed_leads: Option<super::lead::Leads>,
) -> Option<Activity> {
    let mut o = r.object(v, "activity")?;
    r.format(&mut o, "incentive-activity/1");
    // Each part is read even when an earlier one failed: every problem at once.
    let as_of = o.get("as_of").map(|(v, p)| r.date(v, &p));
    let company = o.get("company").map(|(v, p)| {
        let mut c = r.object(v, &p)?;
        let revenue = c
            .get("revenue")
            .map(|(v, p)| r.decimal(v, &p, Check::NonNegative));
        Some(Company {
            revenue: match revenue {
                Some(x) => Some(x?),
                None => None,
            },
        })
    });
    let participants = r
        .req(&mut o, "participants")
        .and_then(|(v, p)| r.list_max(v, &p, limits::MAX_PARTICIPANTS, participant));
    let deals = match (streamed, o.get("deals")) {
        (Some(read), _) => {
            r.absorb(read.reader);
            read.items
        }
        (None, Some((v, p))) => r.counted_list(v, &p, count_touches, touches_over_limit, deal),
        (None, None) => Some(Vec::new()),
    };
    let payments = match o.get("payments") {
        Some((v, p)) => r.list_max(v, &p, limits::MAX_PAYMENTS, payment),
        None => Some(Vec::new()),
    };
    let adjustments = super::pay::adjustments(r, &mut o);
    let allocations = super::pool::allocations(r, &mut o);
    let elsewhere = super::pool::allocated_elsewhere(r, &mut o);
    let leads = super::lead::leads(r, &mut o, streamed_leads);
    let leads_elsewhere = super::lead::leads_elsewhere(r, &mut o);
    let benchmarks = super::team::benchmarks(r, &mut o);
    if let Some(ps) = &participants {
        r.unique(
            ps.iter()
                .enumerate()
                .map(|(i, x)| (x.id.as_str(), format!("activity.participants[{i}].id"))),
            "participant id",
        );
    }
    if let Some(ds) = &deals {
        r.unique(
            ds.iter()
                .enumerate()
                .map(|(i, x)| (x.id.as_str(), format!("activity.deals[{i}].id"))),
            "deal id",
        );
    }
    Some(Activity {
        format: Some("incentive-activity/1".into()),
        as_of: match as_of {
            Some(d) => Some(d?),
            None => None,
        },
        company: match company {
            Some(c) => Some(c?),
            None => None,
        },
        participants: participants?,
        deals: deals?,
        payments: payments?,
        adjustments: adjustments?,
        allocations: allocations?,
        allocated_elsewhere: elsewhere?,
        leads: leads?,
        leads_elsewhere: leads_elsewhere?,
        benchmarks: benchmarks?,
    })
}

fn participant(r: &mut Reader, v: &Value, path: &str) -> Option<Participant> {
    let mut o = r.object(v, path)?;
    let id = r.req_str(&mut o, "id");
    let name = o.get("name").map(|(v, p)| r.string(v, &p));
    let role = r.req_str(&mut o, "role");
    let quota = o
        .get("quota")
        .map(|(v, p)| r.decimal(v, &p, Check::NonNegative));
    let target_bonus = o
        .get("target_bonus")
        .map(|(v, p)| r.decimal(v, &p, Check::NonNegative));
    let metrics = match o.get("metrics") {
        Some((Value::Object(map), p)) => map
            .iter()
            .filter_map(|(k, v)| Some((k.clone(), r.decimal(v, &super::child(&p, k), Check::Any)?)))
            .collect(),
        Some((other, p)) => {
            r.object(other, &p);
            BTreeMap::new()
        }
        None => BTreeMap::new(),
    };
    let start_date = o.get("start_date").map(|(v, p)| r.date(v, &p));
    let end_date = o.get("end_date").map(|(v, p)| r.date(v, &p));
    let team = o.get("team").map(|(v, p)| r.string(v, &p));
    let manager = o.get("manager").map(|(v, p)| r.string(v, &p));
    Some(Participant {
        id: id?,
        name: name.flatten(),
        role: role?,
        quota: quota.flatten(),
        target_bonus: target_bonus.flatten(),
        metrics,
        start_date: start_date.map_or(Some(None), |d| d.map(Some))?,
        end_date: end_date.map_or(Some(None), |d| d.map(Some))?,
        team: team.map_or(Some(None), |t| t.map(Some))?,
        manager: manager.map_or(Some(None), |t| t.map(Some))?,
    })
}

/// The message when the deals' touches in all exceed the limit.
pub fn touches_over_limit(total: usize) -> Option<String> {
    (total > limits::MAX_TOUCHES).then(|| {
        format!(
            "the deals have {total} touches in all; the limit is {}",
            limits::MAX_TOUCHES
        )
    })
}

/// Reads one deal (also used for deals pushed later, under another root path).
pub fn deal(r: &mut Reader, v: &Value, path: &str) -> Option<Deal> {
    let before = r.problems.len();
    let mut o = r.object(v, path)?;
    let id = r.req_str(&mut o, "id");
    let name = o.get("name").and_then(|(v, p)| r.string(v, &p));
    let deal_type = r
        .req(&mut o, "type")
        .and_then(|(v, p)| r.name(v, &p, DealType::parse, DealType::expected));
    let source = match o.get("source") {
        Some((v, p)) => r.name(v, &p, Source::parse, Source::expected),
        None => Some(Source::Sales),
    };
    let close_date = r.req(&mut o, "close_date").and_then(|(v, p)| r.date(v, &p));
    let stage = match o.get("stage") {
        Some((v, p)) => r.name(v, &p, Stage::parse, Stage::expected),
        None => Some(Stage::Booked),
    };
    let owners = r.req(&mut o, "owners").and_then(|(v, p)| {
        let given = v.as_array().map_or(0, Vec::len);
        let owners = r.list_max(v, &p, limits::MAX_OWNERS, owner)?;
        // An owner refused on its own (a split of 2) is not "no owner", and
        // splits are summed only when every owner could be read.
        if given == 0 {
            r.err(&p, "needs at least one owner");
        }
        r.unique(
            owners
                .iter()
                .enumerate()
                .map(|(i, x)| (x.participant.as_str(), format!("{p}[{i}].participant"))),
            "owner",
        );
        let sum: Decimal = owners.iter().map(|x| x.split).sum();
        if !owners.is_empty() && owners.len() == given && sum != Decimal::ONE {
            r.err(
                &p,
                format!(
                    "owner splits must sum to exactly 1, not {}",
                    sum.normalize()
                ),
            );
        }
        Some(owners)
    });
    let has_lines = o.has("lines");
    let has_amount = o.has("amount");
    let single = line_fields(r, &mut o, has_amount);
    let lines = match (has_lines, has_amount) {
        (true, true) => {
            r.err(
                o.field_path("amount"),
                "a deal has \"lines\" or \"amount\", not both",
            );
            None
        }
        (false, false) => {
            r.err(
                o.field_path("amount"),
                "a deal needs \"lines\" or a single \"amount\"",
            );
            None
        }
        (true, false) => o.get("lines").and_then(|(v, p)| {
            if v.as_array().is_some_and(Vec::is_empty) {
                // Later steps (a what-if edits a line by index) take a deal
                // to have one.
                r.err(&p, "needs at least one line (or give a single \"amount\")");
            }
            r.list_max(v, &p, limits::MAX_LINES, |r, v, p| {
                let mut l = r.object(v, p)?;
                line_fields(r, &mut l, true)
            })
        }),
        (false, true) => single.clone().map(|l| vec![l]),
    };
    let touches = match o.get("touches") {
        Some((v, p)) => r.list_max(v, &p, limits::MAX_TOUCHES_PER_DEAL, touch),
        None => Some(Vec::new()),
    };
    let year = super::period::deal_year(r, &mut o, close_date);
    let lead = o.get("lead").and_then(|(v, p)| r.string(v, &p));
    if r.problems.len() != before {
        return None;
    }
    let single = single.filter(|_| has_amount);
    Some(Deal {
        id: id?,
        name,
        deal_type: deal_type?,
        source: source?,
        close_date: close_date?,
        stage: stage?,
        owners: owners?,
        lines: lines?,
        touches: touches?,
        amount: single.as_ref().map(|l| l.amount),
        product: single.as_ref().and_then(|l| l.product.clone()),
        cost: single.as_ref().and_then(|l| l.cost),
        list_price: single.as_ref().and_then(|l| l.list_price),
        year: year?,
        lead,
    })
}

/// `amount` (required when `needed`), `product`, `cost`, `list_price` of a
/// line, or of a deal that stands for one line.
fn line_fields(r: &mut Reader, o: &mut super::Obj<'_>, needed: bool) -> Option<Line> {
    if !needed {
        return None;
    }
    let amount = r.req_dec(o, "amount", Check::NonNegative);
    let product = o.get("product").map(|(v, p)| r.string(v, &p));
    let list_price = o
        .get("list_price")
        .map(|(v, p)| r.decimal(v, &p, Check::Positive));
    let cost = o
        .get("cost")
        .map(|(v, p)| r.decimal(v, &p, Check::NonNegative));
    Some(Line {
        amount: amount?,
        product: match product {
            Some(p) => Some(p?),
            None => None,
        },
        list_price: match list_price {
            Some(p) => Some(p?),
            None => None,
        },
        cost: match cost {
            Some(c) => Some(c?),
            None => None,
        },
    })
}

fn owner(r: &mut Reader, v: &Value, path: &str) -> Option<Owner> {
    let mut o = r.object(v, path)?;
    let participant = r.req_str(&mut o, "participant");
    let split = r.req_dec(&mut o, "split", Check::Fraction);
    Some(Owner {
        participant: participant?,
        split: split?,
    })
}

/// Reads one touch (also used by what-if's add_touch).
pub fn touch(r: &mut Reader, v: &Value, path: &str) -> Option<Touch> {
    let mut o = r.object(v, path)?;
    let participant = o.get("participant").map(|(v, p)| r.string(v, &p));
    let campaign = o.get("campaign").map(|(v, p)| r.string(v, &p));
    let at = r.req(&mut o, "at").and_then(|(v, p)| r.timestamp(v, &p));
    let marks = match o.get("marks") {
        Some((v, p)) => r.list(v, &p, |r, v, p| r.name(v, p, Mark::parse, Mark::expected)),
        None => Some(Vec::new()),
    };
    Some(Touch {
        participant: match participant {
            Some(p) => Some(r.intern(p?)),
            None => None,
        },
        campaign: campaign.flatten().map(|c| r.intern(c)),
        at: at?,
        marks: marks?.into_iter().collect(),
    })
}

fn payment(r: &mut Reader, v: &Value, path: &str) -> Option<Payment> {
    let mut o = r.object(v, path)?;
    let participant = r.req_str(&mut o, "participant");
    let deal = match o.get("deal") {
        Some((v, p)) => Some(r.string(v, &p)?),
        None => None,
    };
    let amount = r.req_dec(&mut o, "amount", Check::Any);
    let date = match o.get("date") {
        Some((v, p)) => Some(r.date(v, &p)?),
        None => None,
    };
    Some(Payment {
        participant: participant?,
        deal,
        amount: amount?,
        date,
    })
}

/// What a role needs of each of its participants: quota, a target bonus,
/// the metrics it measures (those the ledger computes, when `ledger`, are
/// not typed in).
fn needs(role: &Role, ledger: bool) -> (bool, bool, Vec<&str>) {
    let quota = role.components.iter().any(|c| match c {
        Component::Commission(x) => x.tiers.is_some(),
        _ => c.measure() == Some(&Measure::Named(NamedMeasure::Quota)),
    });
    let target_bonus = role
        .components
        .iter()
        .any(|c| matches!(c, Component::Bonus(b) if b.target.is_none()));
    let metrics = role
        .measured_metrics()
        .filter(|m| !(ledger && PipelineMeasure::parse(m).is_some()))
        .collect();
    (quota, target_bonus, metrics)
}

/// Checks that an activity fits the plan: roles exist, participants have
/// what their role measures, payments name real people and deals, and deals
/// paid on margin have costs.
pub fn fit(r: &mut Reader, plan: &Plan, a: &Activity) {
    fit_with(r, plan, a, true);
}

/// What [`fit`]'s check of the deals reads of a plan: its period, and each
/// role's commissions that read a line's cost (what they read and their
/// deal filters). An activity that fits one plan has no deal problem under
/// another with the same (the lab fits every edit: it skips the deals then).
pub fn deal_checks(plan: &Plan) -> (crate::date::Date, crate::date::Date, Vec<DealCheck<'_>>) {
    let mut checks = Vec::new();
    for role in &plan.roles {
        for c in &role.components {
            if let Component::Commission(c) = c {
                if reads_cost(c) {
                    checks.push((
                        role.id.as_str(),
                        c.basis == Basis::Margin,
                        reads_percent(c),
                        &c.deals,
                    ));
                }
            }
        }
    }
    (plan.period.start, plan.period.end, checks)
}

/// A commission that reads a line's cost: its role, whether on a margin
/// basis, whether its rate table reads margin percent, its deal filter.
pub type DealCheck<'p> = (&'p str, bool, bool, &'p crate::model::plan::DealFilter);

/// [`fit`], the deals checked only when `check_deals` (see [`deal_checks`]).
pub fn fit_with(r: &mut Reader, plan: &Plan, a: &Activity, check_deals: bool) {
    let role_ids: Vec<String> = plan.roles.iter().map(|x| format!("\"{}\"", x.id)).collect();
    for (i, p) in a.participants.iter().enumerate() {
        let path = format!("activity.participants[{i}]");
        let Some(role) = plan.role(&p.role) else {
            r.err(
                format!("{path}.role"),
                format!(
                    "\"{}\" is not a role of the plan ({})",
                    p.role,
                    super::one_of(&role_ids)
                ),
            );
            continue;
        };
        let (quota, target_bonus, metrics) = needs(role, a.leads.is_some());
        if quota && p.quota.is_none_or(|q| q <= Decimal::ZERO) {
            r.err(
                format!("{path}.quota"),
                format!("must be above 0: role \"{}\" pays on attainment", role.id),
            );
        }
        if target_bonus && p.target_bonus.is_none() {
            r.err(
                format!("{path}.target_bonus"),
                format!(
                    "is required: role \"{}\" has a bonus without its own target",
                    role.id
                ),
            );
        }
        for m in metrics {
            if !p.metrics.contains_key(m) {
                r.err(
                    format!("{path}.metrics.{m}"),
                    format!("is required: role \"{}\" measures it", role.id),
                );
            }
        }
    }
    // Sets of ids only when there are payments to check (an activity of
    // 100,000 deals is fitted to every plan the lab tries).
    let people: HashSet<&str> = match a.payments.is_empty() {
        true => HashSet::new(),
        false => a.participants.iter().map(|p| p.id.as_str()).collect(),
    };
    let deals: HashSet<&str> = match a.payments.iter().any(|p| p.deal.is_some()) {
        true => a.deals.iter().map(|d| d.id.as_str()).collect(),
        false => HashSet::new(),
    };
    for (i, pay) in a.payments.iter().enumerate() {
        if !people.contains(pay.participant.as_str()) {
            r.err(
                format!("activity.payments[{i}].participant"),
                format!(
                    "\"{}\" is not a participant of this activity",
                    pay.participant
                ),
            );
        }
        if let Some(d) = &pay.deal {
            if !deals.contains(d.as_str()) {
                r.err(
                    format!("activity.payments[{i}].deal"),
                    format!("\"{d}\" is not a deal of this activity"),
                );
            }
        }
    }
    super::period::check_activity(r, plan, a);
    super::pay::fit(r, plan, a);
    super::pool::fit(r, plan, a);
    super::lead::fit(r, plan, a);
    super::team::fit(r, a);
    let margin = plan.roles.iter().any(|r| {
        r.components
            .iter()
            .any(|c| matches!(c, Component::Commission(c) if reads_cost(c)))
    });
    if !margin || !check_deals {
        return;
    }
    let roles: HashMap<&str, &str> = a
        .participants
        .iter()
        .map(|p| (p.id.as_str(), p.role.as_str()))
        .collect();
    for (i, d) in a.deals.iter().enumerate() {
        deal_fits(
            r,
            plan,
            |p| roles.get(p).copied(),
            d,
            &format!("activity.deals[{i}]"),
        );
    }
}

/// Whether a commission reads a line's cost (a margin basis, or a rate
/// table on margin percent): what [`deal_fits`] checks deals for.
fn reads_cost(c: &crate::model::plan::Commission) -> bool {
    c.basis == Basis::Margin || reads_percent(c)
}

/// Whether a commission's rate table reads margin percent.
fn reads_percent(c: &crate::model::plan::Commission) -> bool {
    c.rate_table
        .as_ref()
        .is_some_and(|t| t.margin_percent.is_some())
}

/// The plan-dependent checks of one deal: lines that a margin-basis
/// commission (or a rate table on margin percent) pays on need a cost.
pub fn deal_fits<'a>(
    r: &mut Reader,
    plan: &Plan,
    role_of: impl Fn(&str) -> Option<&'a str>,
    d: &Deal,
    path: &str,
) {
    if !plan.in_period(d.close_date) || d.stage == Stage::Cancelled {
        return;
    }
    let involved = d
        .owners
        .iter()
        .map(|o| o.participant.as_str())
        .chain(d.touches.iter().filter_map(|t| t.participant.as_deref()));
    let mut reported = HashSet::new();
    for person in involved {
        let Some(role) = role_of(person).and_then(|id| plan.role(id)) else {
            continue;
        };
        for c in &role.components {
            let Component::Commission(c) = c else {
                continue;
            };
            if !reads_cost(c) || !crate::model::filter::deal_passes(&c.deals, d) {
                continue;
            }
            let what = if c.basis == Basis::Margin {
                "margin-basis commission"
            } else {
                "commission (its rate table reads margin percent)"
            };
            for (j, line) in d.lines.iter().enumerate() {
                if line.cost.is_none()
                    && crate::model::filter::line_passes(&c.deals, line)
                    && reported.insert(j)
                {
                    r.err(
                        format!("{path}{}.cost", d.line_path(j)),
                        format!(
                            "is required: {what} \"{}\" of role \"{}\" pays on this line",
                            c.name, role.id
                        ),
                    );
                }
            }
        }
    }
}
