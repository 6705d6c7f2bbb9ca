//! A fixed component's amount in a pay period: its share of the amount
//! (by whole calendar months, else by days) times the share of the pay
//! period's days the participant is employed. Rounded on the amount to
//! date, so the pay periods add up to the rounded whole (a year of
//! 100,001.00 a year pays 100,001.00, not 12 × 8,333.42).

use super::*;

impl Book<'_> {
    pub(super) fn fixed(
        &mut self,
        i: usize,
        f: &Fixed,
        period: &PayPeriod,
        employed: i64,
    ) -> PayPart {
        let m = self.money;
        let own_days = days(period.start, period.end);
        let (num, den, mut words) = self.share(f.per, period, own_days);
        let exact = div(
            mul(f.amount, Decimal::from(num * employed)),
            Decimal::from(den * own_days),
        );
        let before = self.fixed_to_date[i];
        let to_date = add(before, exact);
        self.fixed_to_date[i] = to_date;
        let (own, was, now) = (self.round(exact), self.round(before), self.round(to_date));
        let amount = self.at(sub(now, was));
        // When rounding each period alone would drift from the total.
        let carried = (amount != own).then(|| {
            format!(
                " (rounded so the pay periods add up: {} to date − {} before)",
                m.fmt(now),
                m.fmt(was)
            )
        });
        let per = match f.per {
            FixedPer::Year => "a year",
            FixedPer::PlanPeriod => "a plan period",
            FixedPer::PayPeriod => "a pay period",
        };
        let explain = if employed == 0 {
            format!(
                "{}: {} {per}; not employed in {} ({}) = {}",
                f.name,
                m.fmt(f.amount),
                period.id,
                self.employment_words(period),
                m.fmt(amount)
            )
        } else {
            if employed < own_days {
                words.push_str(&format!(
                    " × {employed}/{own_days} (employed {}: {employed} of its {own_days} days)",
                    self.employment_words(period)
                ));
            }
            format!(
                "{}: {} {per}{words} = {}{}",
                f.name,
                m.fmt(f.amount),
                m.fmt(amount),
                carried.unwrap_or_default()
            )
        };
        PayPart {
            name: f.name.clone(),
            kind: "fixed",
            amount,
            lines: vec![PayLine {
                kind: "fixed",
                id: None,
                reason: None,
                deal: None,
                period: None,
                amount,
                explain,
            }],
        }
    }

    /// The pay period's share of a fixed amount, as `num / den`, and the
    /// words that say it (none when it is the whole amount).
    fn share(&self, per: FixedPer, period: &PayPeriod, own_days: i64) -> (i64, i64, String) {
        let pp = &self.plan_period;
        let whole = (period.start, period.end) == (pp.start, pp.end);
        match per {
            FixedPer::PayPeriod => (1, 1, String::new()),
            FixedPer::PlanPeriod if whole => (1, 1, String::new()),
            FixedPer::PlanPeriod => match (
                whole_months(period.start, period.end),
                whole_months(pp.start, pp.end),
            ) {
                (Some(a), Some(b)) => (
                    a,
                    b,
                    format!(
                        " × {a}/{b} ({} is {a} of the plan period's {b} months)",
                        period.id
                    ),
                ),
                _ => {
                    let all = days(pp.start, pp.end);
                    (
                        own_days,
                        all,
                        format!(
                            " × {own_days}/{all} ({} is {own_days} of the plan period's {all} days)",
                            period.id
                        ),
                    )
                }
            },
            FixedPer::Year => match whole_months(period.start, period.end) {
                Some(12) => (1, 1, String::new()),
                Some(a) => (
                    a,
                    12,
                    format!(
                        " × {a}/12 ({} is {a} {} of 12)",
                        self.period_words(period),
                        if a == 1 { "month" } else { "months" }
                    ),
                ),
                None => {
                    let y = period.start.ymd().0;
                    let in_year = days(Date::from_ymd(y, 1, 1), Date::from_ymd(y, 12, 31));
                    (
                        own_days,
                        in_year,
                        format!(
                            " × {own_days}/{in_year} ({} is {own_days} of {y}'s {in_year} days)",
                            self.period_words(period)
                        ),
                    )
                }
            },
        }
    }

    /// The pay period's id, or "the plan period" when it is the one.
    fn period_words(&self, period: &PayPeriod) -> String {
        if period.id == self.plan_period.id {
            String::from("the plan period")
        } else {
            period.id.clone()
        }
    }

    /// "from 2027-08-16", "until 2027-08-20", "2027-08-05 to 2027-08-20",
    /// or when not employed at all in the period, when they are.
    pub(super) fn employment_words(&self, period: &PayPeriod) -> String {
        let (s, e) = (self.person.start_date, self.person.end_date);
        if let Some(s) = s.filter(|s| *s > period.end) {
            return format!("starts {s}");
        }
        if let Some(e) = e.filter(|e| *e < period.start) {
            return format!("left {e}");
        }
        match (
            s.filter(|s| *s > period.start),
            e.filter(|e| *e < period.end),
        ) {
            (Some(s), Some(e)) => format!("{s} to {e}"),
            (Some(s), None) => format!("from {s}"),
            (None, Some(e)) => format!("until {e}"),
            (None, None) => String::from("the whole period"),
        }
    }
}
