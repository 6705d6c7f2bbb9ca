//! Total pay, pay period by pay period: each fixed component's amount
//! (prorated by calendar days for the days employed), the draw (a floor
//! under the variable pay it covers; a recoverable one carries what it
//! advanced as a balance owed, repaid first from later variable pay), and
//! the participant's adjustments. The variable pay is the engine's; this
//! only adds to it, so `earned` keeps its meaning.

use super::explain::Money;
use crate::date::Date;
use crate::decimal::checked::guard;
use crate::decimal::checked::{add, div, mul, sub};
use crate::decimal::{round_money, Rounding};
use crate::error::Error;
use crate::model::activity::{Activity, Participant};
use crate::model::pay::*;
use crate::model::period::PayPeriod;
use crate::model::plan::{Component, Plan, Role};
use crate::statement::pay::{Pay, PayLine, PayPart};
use crate::statement::period::PeriodStatement;
use crate::statement::{sum_at, Statement};
use rust_decimal::Decimal;

mod draw;
mod fixed;

/// One participant's total pay across the pay periods, in order: the
/// balance owed carries from one to the next.
pub(super) struct Book<'a> {
    role: &'a Role,
    /// The role's draw (at most one).
    draw: Option<&'a Draw>,
    person: &'a Participant,
    adjustments: Vec<&'a Adjustment>,
    plan_period: PayPeriod,
    money: Money,
    scale: u32,
    rounding: Rounding,
    /// A recoverable draw's balance owed so far.
    owed: Decimal,
    /// The activity's as-of date: a draw is paid only in pay periods that
    /// have started by then (the year's later ones are not paid yet).
    as_of: Option<Date>,
    /// Each fixed component's exact amount to date (pay periods are
    /// rounded on it, so they add up to the rounded total).
    fixed_to_date: Vec<Decimal>,
}

/// What the pay periods' variable components paid that a draw covers.
pub(super) struct Variable<'a> {
    pub name: &'a str,
    pub payable: Decimal,
}

impl<'a> Book<'a> {
    /// None when the participant has no total pay to show (their role has
    /// no fixed or draw component and they have no adjustments).
    pub fn new(
        plan: &'a Plan,
        activity: &'a Activity,
        role: &'a Role,
        person: &'a Participant,
    ) -> Option<Book<'a>> {
        let adjustments: Vec<&Adjustment> = activity
            .adjustments
            .iter()
            .filter(|a| a.participant == person.id)
            .collect();
        if role.pay.is_empty() && adjustments.is_empty() {
            return None;
        }
        Some(Book {
            role,
            draw: role.pay.iter().find_map(|c| match c {
                PayComponent::Draw(d) => Some(d),
                PayComponent::Fixed(_) => None,
            }),
            person,
            adjustments,
            plan_period: plan.whole_period(),
            money: Money(plan.currency_scale),
            scale: plan.currency_scale,
            rounding: plan.rounding(),
            owed: Decimal::ZERO,
            as_of: activity.as_of,
            fixed_to_date: vec![Decimal::ZERO; role.pay.len()],
        })
    }

    /// Pay period `period` (`last`: the plan's last) with its variable
    /// components' payable: the parts besides variable pay. The caller adds
    /// [`Pay::added`] to the period's payable and then sets the total.
    pub fn period(&mut self, period: &PayPeriod, last: bool, variable: &[Variable]) -> Pay {
        let employed = self.employed(period);
        let role = self.role;
        let fixed: Vec<PayPart> = role
            .pay
            .iter()
            .enumerate()
            .filter_map(|(i, c)| match c {
                PayComponent::Fixed(f) => Some(self.fixed(i, f, period, employed)),
                PayComponent::Draw(_) => None,
            })
            .collect();
        let recoverable = self.draw.filter(|d| d.recoverable);
        let draw = self
            .draw
            .and_then(|d| self.draw(d, period, employed > 0, variable));
        let adjustments = self.adjustments(period, last);
        let fixed_pay = sum_at(fixed.iter().map(|f| f.amount), self.scale);
        let variable_pay = sum_at(variable.iter().map(|c| c.payable), self.scale);
        Pay {
            variable_pay,
            balance_owed: (draw.is_some() && recoverable.is_some()).then(|| self.at(self.owed)),
            fixed,
            draw,
            adjustments,
            fixed_pay,
            total_pay: Decimal::ZERO,
        }
    }

    /// Days of `period` the participant is employed.
    fn employed(&self, period: &PayPeriod) -> i64 {
        let from = self
            .person
            .start_date
            .map_or(period.start, |s| s.max(period.start));
        let to = self
            .person
            .end_date
            .map_or(period.end, |e| e.min(period.end));
        (from.days_until(to) + 1).max(0)
    }

    fn adjustments(&self, period: &PayPeriod, last: bool) -> Option<PayPart> {
        let lines: Vec<PayLine> = self
            .adjustments
            .iter()
            .filter(|a| match &a.period {
                Some(id) => *id == period.id,
                None => last,
            })
            .map(|a| {
                let mut explain = format!(
                    "{}: {} (adjustment {}",
                    a.reason,
                    self.money.fmt(a.amount),
                    a.id
                );
                if let Some(d) = &a.deal {
                    explain.push_str(", deal ");
                    explain.push_str(d);
                }
                explain.push(')');
                PayLine {
                    kind: "adjustment",
                    id: Some(a.id.clone()),
                    reason: Some(a.reason.clone()),
                    deal: a.deal.clone(),
                    period: None,
                    amount: self.at(a.amount),
                    explain,
                }
            })
            .collect();
        (!lines.is_empty()).then(|| PayPart {
            name: "Adjustments".to_string(),
            kind: "adjustments",
            amount: sum_at(lines.iter().map(|l| l.amount), self.scale),
            lines,
        })
    }

    /// Money at the currency scale (already-rounded figures).
    fn at(&self, x: Decimal) -> Decimal {
        let mut x = x;
        x.rescale(self.scale);
        x
    }

    fn round(&self, x: Decimal) -> Decimal {
        round_money(x, self.scale, self.rounding)
    }
}

impl Pay {
    /// What the pay adds to the period's payable: the draw and the
    /// adjustments (fixed pay is paid by payroll, beside it).
    pub fn added(&self) -> Decimal {
        let part = |p: &Option<PayPart>| p.as_ref().map_or(Decimal::ZERO, |p| p.amount);
        add(part(&self.draw), part(&self.adjustments))
    }

    /// Sets the total from the period's payable (which includes
    /// [`Pay::added`]).
    pub fn with_total(mut self, payable: Decimal, scale: u32) -> Pay {
        let mut t = add(self.fixed_pay, payable);
        t.rescale(scale);
        self.total_pay = t;
        self
    }
}

/// Whether the components a draw covers are all commissions (its sentences
/// then say "commission", else "variable pay").
fn covered_word(role: &Role, d: &Draw) -> &'static str {
    let covered = role
        .components
        .iter()
        .filter(|c| !matches!(c, Component::Modifier(_)))
        .filter(|c| covers(d, c.name()));
    let mut any = false;
    for c in covered {
        any = true;
        if !matches!(c, Component::Commission(_)) {
            return "variable pay";
        }
    }
    if any {
        "commission"
    } else {
        "variable pay"
    }
}

fn covers(d: &Draw, name: &str) -> bool {
    d.applies_to
        .as_ref()
        .is_none_or(|names| names.iter().any(|n| n == name))
}

/// Whole calendar months `start..=end` spans, when it is whole months.
fn whole_months(start: Date, end: Date) -> Option<i64> {
    let ((sy, sm, sd), (ey, em, _)) = (start.ymd(), end.ymd());
    (sd == 1 && end == end.month_end() && end >= start).then(|| (ey * 12 + em) - (sy * 12 + sm) + 1)
}

fn days(start: Date, end: Date) -> i64 {
    start.days_until(end) + 1
}

/// The variable components of a period, as a draw reads them.
pub(super) fn variable<'c>(
    components: impl Iterator<Item = (&'c str, Decimal)>,
) -> Vec<Variable<'c>> {
    components
        .map(|(name, payable)| Variable { name, payable })
        .collect()
}

impl super::Engine {
    /// A plan without pay periods: the statement with its total pay (the
    /// plan period is the one pay period). Unchanged when the participant
    /// has none.
    pub(super) fn with_pay(&self, mut s: Statement) -> Result<Statement, Error> {
        let (person, role, _) = self.scored(&s.participant)?;
        let Some(mut book) = Book::new(&self.plan, &self.activity, role, person) else {
            return Ok(s);
        };
        let scale = self.plan.currency_scale;
        guard(|| {
            let period = book.plan_period.clone();
            let v = variable(s.components.iter().map(|c| (c.name.as_str(), c.payable)));
            let pay = book.period(&period, true, &v);
            s.payable = book.at(add(s.payable, pay.added()));
            s.due = book.at(sub(s.payable, s.paid));
            s.pay = Some(pay.with_total(s.payable, scale));
            s
        })
        .map_err(|_| super::too_large(&person.id))
    }
}

/// A plan year's total pay: the pay periods' parts one after another
/// (each line naming its pay period; no lines at `Totals`), their sums,
/// and the balance owed at the end of the last.
pub(super) fn year_pay(periods: &[PeriodStatement], lines: bool, scale: u32) -> Option<Pay> {
    let pays: Vec<(&str, &Pay)> = periods
        .iter()
        .filter_map(|p| p.pay.as_ref().map(|pay| (p.period.as_str(), pay)))
        .collect();
    let first = pays.first()?.1;
    let merge = |parts: Vec<(&str, &PayPart)>| -> Option<PayPart> {
        let (_, head) = parts.first()?;
        Some(PayPart {
            name: head.name.clone(),
            kind: head.kind,
            amount: sum_at(parts.iter().map(|(_, p)| p.amount), scale),
            lines: if lines {
                parts
                    .iter()
                    .flat_map(|(id, p)| {
                        p.lines.iter().map(move |l| PayLine {
                            period: Some(id.to_string()),
                            explain: format!("{id}: {}", l.explain),
                            ..l.clone()
                        })
                    })
                    .collect()
            } else {
                Vec::new()
            },
        })
    };
    let fixed = (0..first.fixed.len())
        .filter_map(|i| merge(pays.iter().map(|(id, p)| (*id, &p.fixed[i])).collect()))
        .collect();
    let part = |get: fn(&Pay) -> Option<&PayPart>| {
        merge(
            pays.iter()
                .filter_map(|(id, p)| get(p).map(|x| (*id, x)))
                .collect(),
        )
    };
    Some(Pay {
        fixed,
        draw: part(|p| p.draw.as_ref()),
        adjustments: part(|p| p.adjustments.as_ref()),
        fixed_pay: sum_at(pays.iter().map(|(_, p)| p.fixed_pay), scale),
        variable_pay: sum_at(pays.iter().map(|(_, p)| p.variable_pay), scale),
        total_pay: sum_at(pays.iter().map(|(_, p)| p.total_pay), scale),
        balance_owed: pays.iter().rev().find_map(|(_, p)| p.balance_owed),
    })
}
