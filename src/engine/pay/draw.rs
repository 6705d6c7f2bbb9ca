//! The draw of a pay period. With the draw D, the variable pay V it covers
//! and the balance owed B before the period:
//!
//! - recoverable: paid max(D, V − B); what is paid beyond V is advanced
//!   and added to B, what V pays beyond it repays B (so B is repaid before
//!   anything else and is never negative);
//! - not recoverable: paid max(D, V); the shortfall is forgiven.
//!
//! Outside the draw's pay periods (after `until`, not employed, or not
//! started by the as-of date) nothing is advanced, and a balance owed is
//! still repaid from V above 0.

use super::*;

impl Book<'_> {
    pub(super) fn draw(
        &mut self,
        d: &Draw,
        period: &PayPeriod,
        employed: bool,
        variable: &[Variable],
    ) -> Option<PayPart> {
        let m = self.money;
        let word = covered_word(self.role, d);
        let covered = variable.iter().filter(|c| covers(d, c.name));
        let v = sum_at(covered.map(|c| c.payable), self.scale);
        let started = self.as_of.is_none_or(|a| period.start <= a);
        let active = employed && started && d.until.is_none_or(|u| period.start <= u);
        let before = self.owed;
        let (net, said) = match (active, d.recoverable) {
            (false, _) if before.is_zero() => return None,
            (false, _) => {
                let repaid = before.min(v.max(Decimal::ZERO));
                let ended = d.until.filter(|u| period.start > *u);
                let why = match (self.as_of.filter(|_| !started), ended) {
                    (Some(a), _) => format!("{} has not started as of {a}: no draw yet", period.id),
                    (None, Some(u)) => format!("the draw ended {u}"),
                    (None, None) => format!("no draw in {}", period.id),
                };
                let said = format!(
                    "{why}; {word} {} repays {} of the balance owed {}",
                    m.fmt(v),
                    m.fmt(repaid),
                    m.fmt(before)
                );
                (-repaid, said)
            }
            (true, true) => {
                let after = sub(v, before);
                if after >= d.amount {
                    let said = if before.is_zero() {
                        format!(
                            "{word} {} is at least the draw {}: nothing advanced",
                            m.fmt(v),
                            m.fmt(d.amount)
                        )
                    } else {
                        format!(
                            "{word} {} − balance owed {} = {}, at least the draw {}: {} repays the balance owed",
                            m.fmt(v),
                            m.fmt(before),
                            m.fmt(after),
                            m.fmt(d.amount),
                            m.fmt(before)
                        )
                    };
                    (-before, said)
                } else {
                    let net = sub(d.amount, v);
                    let said = if net >= Decimal::ZERO {
                        format!(
                            "draw {} − {word} {} = {} advanced, owed back from later {word}",
                            m.fmt(d.amount),
                            m.fmt(v),
                            m.fmt(net)
                        )
                    } else {
                        format!(
                            "{word} {} − balance owed {} = {} is below the draw {}: the draw is paid, and {} − {} = {} of the {word} repays the balance owed",
                            m.fmt(v),
                            m.fmt(before),
                            m.fmt(after),
                            m.fmt(d.amount),
                            m.fmt(v),
                            m.fmt(d.amount),
                            m.fmt(-net)
                        )
                    };
                    (net, said)
                }
            }
            (true, false) => {
                if v >= d.amount {
                    let said = format!(
                        "{word} {} is at least the draw {}: nothing added",
                        m.fmt(v),
                        m.fmt(d.amount)
                    );
                    (Decimal::ZERO, said)
                } else {
                    let net = sub(d.amount, v);
                    let said = format!(
                        "draw {} − {word} {} = {} paid on top, not owed back (non-recoverable)",
                        m.fmt(d.amount),
                        m.fmt(v),
                        m.fmt(net)
                    );
                    (net, said)
                }
            }
        };
        let net = self.at(net);
        let mut lines = vec![PayLine {
            kind: "draw",
            id: None,
            reason: None,
            deal: None,
            period: None,
            amount: net,
            explain: format!("{}: {said}", d.name),
        }];
        if d.recoverable {
            self.owed = self.at(add(before, net));
            let change = if net >= Decimal::ZERO {
                format!("{} + {} advanced", m.fmt(before), m.fmt(net))
            } else {
                format!("{} − {} repaid", m.fmt(before), m.fmt(-net))
            };
            lines.push(PayLine {
                kind: "balance_owed",
                id: None,
                reason: None,
                deal: None,
                period: None,
                amount: self.owed,
                explain: format!(
                    "balance owed {change} = {}, carried into the next pay period",
                    m.fmt(self.owed)
                ),
            });
        }
        Some(PayPart {
            name: d.name.clone(),
            kind: "draw",
            amount: net,
            lines,
        })
    }
}
