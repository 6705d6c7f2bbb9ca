//! When what a line earned becomes payable in a plan year, and what a
//! cancellation takes back: a payout's parts (stage fractions, monthly
//! instalments), the pay period each part is released in, forfeits, the
//! clawback fraction and window, and the span a true-up settles.

use super::*;

/// A part of a line's earnings and when it becomes payable.
pub(super) struct Portion {
    /// The day it is released (None: its stage is not reached yet).
    pub date: Option<Date>,
    pub amount: Decimal,
    what: Part,
}

/// What a portion is, kept as data: its words are written only when a
/// sentence is wanted (the strip and the headline never ask).
enum Part {
    /// Instalment `i` (from 1) of `count`, `months` after close.
    Instalment {
        i: usize,
        count: usize,
        fraction: Fraction,
        months: u32,
    },
    /// A stage's fraction (released on the portion's `date`; None: not
    /// reached).
    Stage { fraction: Decimal, stage: Stage },
}

impl Portion {
    /// "instalment 2 of 3 (1/3 of it, 1 month after close)", "50% at installed 2027-02-03".
    pub fn label(&self) -> String {
        match &self.what {
            Part::Instalment {
                i,
                count,
                fraction,
                months,
            } => {
                let when = match months {
                    0 => "the close month".to_string(),
                    1 => "1 month after close".to_string(),
                    m => format!("{m} months after close"),
                };
                format!(
                    "instalment {i} of {count} ({} of it, {when})",
                    fraction.text()
                )
            }
            Part::Stage { fraction, stage } => match self.date {
                Some(at) => format!("{} at {} {at}", percent(*fraction), stage.as_str()),
                None => format!("{} at {} (not reached)", percent(*fraction), stage.as_str()),
            },
        }
    }
}

pub(super) fn cancelled_on(d: &Deal) -> Option<Date> {
    d.year.as_ref().and_then(|y| y.cancelled_on)
}

/// A version-1 sentence without its closing payable clause (a period
/// statement says when each part is payable instead).
pub(super) fn strip_payable(s: &str) -> &str {
    match s.rfind("; ") {
        Some(i) if s[i..].contains(" payable at ") => &s[..i],
        _ => s,
    }
}

/// Whether a portion comes due only after its deal was cancelled.
pub(super) fn forfeited(d: &Deal, p: &Portion) -> bool {
    matches!((cancelled_on(d), p.date), (Some(c), Some(at)) if at > c)
}

/// The pay period a portion is released in: the period of its date, when
/// its stage is reached, it is inside the plan year and not after the
/// deal's cancellation.
pub(super) fn release_period(periods: &[PayPeriod], d: &Deal, p: &Portion) -> Option<usize> {
    let at = p.date?;
    if forfeited(d, p) {
        return None;
    }
    periods.iter().position(|x| x.contains(at))
}

/// A line's earnings in the parts its payout releases: instalments by
/// month, or stage fractions. Each part is rounded on its own and the last
/// takes the remainder, so the parts always sum to the line.
pub(super) fn portions(
    payout: &Payout,
    d: &Deal,
    earned: Decimal,
    scale: u32,
    rounding: Rounding,
) -> Vec<Portion> {
    let round = |x: Decimal| round_money(x, scale, rounding);
    let mut parts: Vec<(Option<Date>, Fraction, Part)> = Vec::new();
    if let Some(schedule) = &payout.schedule {
        let count = schedule.len();
        for (i, s) in schedule.iter().enumerate() {
            let m = s.months_after_close;
            let date = if m == 0 {
                d.close_date
            } else {
                d.close_date.month_start_after(i64::from(m))
            };
            parts.push((
                Some(date),
                s.fraction,
                Part::Instalment {
                    i: i + 1,
                    count,
                    fraction: s.fraction,
                    months: m,
                },
            ));
        }
    } else {
        let dates = d
            .year
            .as_ref()
            .and_then(|y| y.stages.clone())
            .unwrap_or_default();
        let reached = if d.stage == Stage::Cancelled {
            &[Stage::Booked][..]
        } else {
            d.stage.reached()
        };
        for (stage, f, dated) in [
            (Stage::Booked, payout.booked, dates.booked),
            (Stage::Installed, payout.installed, dates.installed),
            (Stage::Activated, payout.activated, dates.activated),
        ] {
            if f.is_zero() {
                continue;
            }
            let date = dated
                .or_else(|| reached.contains(&stage).then_some(d.close_date))
                .map(|x| x.max(d.close_date));
            parts.push((date, Fraction::whole(f), Part::Stage { fraction: f, stage }));
        }
    }
    let last = parts.len().saturating_sub(1);
    let mut given = Decimal::ZERO;
    parts
        .into_iter()
        .enumerate()
        .map(|(i, (date, f, what))| {
            let amount = if i == last {
                sub(earned, given)
            } else {
                round(f.of(earned))
            };
            given = add(given, amount);
            Portion { date, amount, what }
        })
        .collect()
}

/// The clawback line of a line earned on a deal cancelled `on`: it takes
/// back the rule's fraction of what was released by then, and forfeits the
/// rest of the earnings (never released).
pub(super) fn clawback(
    c: &Component,
    e: &Earned,
    on: Date,
    periods: &[PayPeriod],
    money: Money,
    scale: u32,
    rounding: Rounding,
) -> Option<PeriodLine> {
    let d = e.deal;
    let released = checked::sum(
        e.portions
            .iter()
            .filter(|p| release_period(periods, d, p).is_some())
            .map(|p| p.amount),
    );
    let forfeit = sub(e.amount, released);
    let days = d.close_date.days_until(on);
    let rule = match c {
        Component::Commission(x) => x.year.clawback.clone(),
        _ => None,
    };
    let (fraction, why) = match &rule {
        Some(r) if r.window_days.is_some_and(|w| days > i64::from(w)) => (
            Ratio::of(Decimal::ZERO),
            format!(
                "no clawback: cancelled {days} days after close, outside the {}-day window",
                r.window_days.unwrap_or_default()
            ),
        ),
        Some(Clawback {
            prorate: Some(Prorate::Term),
            ..
        }) => {
            let term = d.year.as_ref().and_then(|y| y.term_months).unwrap_or(0);
            let served = d.close_date.whole_months_until(on).min(i64::from(term));
            let left = i64::from(term) - served;
            let f = if term == 0 {
                Ratio::of(Decimal::ONE)
            } else {
                Ratio::new(Decimal::from(left), Decimal::from(term))
            };
            (
                f,
                format!(
                    "term-prorated clawback: {served} of {term} months served, {left}/{term} = {} taken back",
                    percent(f.value())
                ),
            )
        }
        Some(Clawback {
            fraction: Some(f), ..
        }) => (
            Ratio::of(*f),
            format!("clawback rule: {} of what was paid", percent(*f)),
        ),
        _ => (
            Ratio::of(Decimal::ONE),
            "no clawback rule: a cancellation takes back everything (as in version 1)".to_string(),
        ),
    };
    let take = fraction.times(released).round(scale, rounding);
    let earned = -add(forfeit, take);
    let payable = -take;
    let mut explain = format!(
        "{} cancelled {on}: {why}; {} of {} paid = {}",
        d.id,
        percent(fraction.value()),
        money.fmt(released),
        money.fmt(-take)
    );
    if !forfeit.is_zero() {
        explain.push_str(&format!(
            "; {} of the {} earned not yet payable is forfeited",
            money.fmt(forfeit),
            money.fmt(e.amount)
        ));
    }
    if earned.is_zero() && payable.is_zero() {
        return None;
    }
    Some(PeriodLine {
        kind: LineKind::Clawback,
        deal: Some(d.id.clone()),
        credit: None,
        earned: round_money(earned, scale, rounding),
        payable: round_money(payable, scale, rounding),
        explain,
    })
}

/// The span a true-up at pay period k settles ("Q1", "the year"), if k
/// ends one: quarters run in threes of months from the plan's start; the
/// last pay period settles the year (and the last, short quarter).
pub(super) fn true_up_span(
    start: Date,
    periods: &[PayPeriod],
    k: usize,
    t: TrueUp,
) -> Option<String> {
    let last = k + 1 == periods.len();
    match t {
        TrueUp::Year => last.then(|| "the year".to_string()),
        TrueUp::Quarter => {
            let p = &periods[k];
            (1..=40).find_map(|q| {
                let end = Date(start.plus_months(3 * q).0 - 1);
                (p.contains(end)
                    || (last && end > p.end && Date(start.plus_months(3 * (q - 1)).0) <= p.end))
                    .then(|| format!("Q{q}"))
            })
        }
    }
}

/// A commission's or spif's cap in a plan with pay periods: an upper limit
/// on what the component earns in the plan year. Each pay period's cap line
/// is the cut to date (min(0, cap − earned to date before the cap), the
/// same for payable) less the cut already made, so the cap holds to date in
/// every period and a clawback below the cap gives room back.
pub(super) struct YearCap {
    cap: Decimal,
    earned: Decimal,
    payable: Decimal,
    cut_earned: Decimal,
    cut_payable: Decimal,
}

/// The year caps of a role's components (None: no cap, or no pay periods).
pub(super) fn year_caps(
    role: &crate::model::plan::Role,
    pay_periods: bool,
) -> Vec<Option<YearCap>> {
    role.components
        .iter()
        .map(|c| match c {
            Component::Commission(x) if pay_periods => x.cap,
            Component::Spif(x) if pay_periods => x.cap,
            _ => None,
        })
        .map(|cap| {
            cap.map(|cap| YearCap {
                cap,
                earned: Decimal::ZERO,
                payable: Decimal::ZERO,
                cut_earned: Decimal::ZERO,
                cut_payable: Decimal::ZERO,
            })
        })
        .collect()
}

impl YearCap {
    /// The cap line of this pay period, given its other lines; None when
    /// the cut to date did not move.
    pub(super) fn line(
        &mut self,
        lines: &[PeriodLine],
        period: &str,
        money: Money,
    ) -> Option<PeriodLine> {
        self.earned = add(self.earned, checked::sum(lines.iter().map(|l| l.earned)));
        self.payable = add(self.payable, checked::sum(lines.iter().map(|l| l.payable)));
        let cut_earned = sub(self.cap, self.earned).min(Decimal::ZERO);
        let cut_payable = sub(self.cap, self.payable).min(Decimal::ZERO);
        let (earned, payable) = (
            sub(cut_earned, self.cut_earned),
            sub(cut_payable, self.cut_payable),
        );
        let before = (self.cut_earned, self.cut_payable);
        self.cut_earned = cut_earned;
        self.cut_payable = cut_payable;
        if earned.is_zero() && payable.is_zero() {
            return None;
        }
        let m = |x: Decimal| money.fmt(x);
        // How far over the cap (a cut of 0 is 0 over, never "-0.00").
        let over = |cut: Decimal| money.fmt(sub(Decimal::ZERO, cut).max(Decimal::ZERO));
        let explain = format!(
            "Cap {} for the plan year, to the end of {period}: earned {} before the cap is {} over it ({} before): {} now; \
             payable {} before the cap is {} over it ({} before): {} now",
            m(self.cap),
            m(self.earned),
            over(cut_earned),
            over(before.0),
            m(earned),
            m(self.payable),
            over(cut_payable),
            over(before.1),
            m(payable),
        );
        Some(PeriodLine {
            kind: LineKind::Cap,
            deal: None,
            credit: None,
            earned,
            payable,
            explain,
        })
    }
}
