//! What a manager is paid on their team: the override (one line per
//! member: rate × the member's credited revenue or earned commission) and
//! the team-at-target measure (the share of direct reports at or above
//! target), from the members' figures the engine hands the scoring.

use super::{Detail, Scoring};
use crate::decimal::percent;
use crate::engine::explain;
use crate::model::names::OverrideBasis;
use crate::model::team::Override;
use crate::statement::{ComponentStatement, StatementLine};
use crate::tiers::Ratio;
use rust_decimal::Decimal;

/// A manager's team as their statement sees it.
#[derive(Debug, Clone, Default)]
pub struct TeamFigures {
    /// The members down the deepest level an override reaches, depth
    /// first (each direct report followed by their own team).
    pub members: Vec<MemberFigures>,
    /// The direct reports with a quota, and who of them is at target.
    pub at_target: Option<AtTarget>,
}

/// One member's figures, as their own statement shows them (rounded).
#[derive(Debug, Clone)]
pub struct MemberFigures {
    pub id: String,
    /// The name a sentence uses (the id without one).
    pub name: String,
    /// 1: a direct report; 2: a report's report; …
    pub level: u32,
    /// The manager's name when the member is not a direct report.
    pub via: Option<String>,
    /// Quota credit at the currency scale.
    pub credit: Decimal,
    /// The member's commission components' earned and payable.
    pub commission_earned: Decimal,
    pub commission_payable: Decimal,
}

/// The direct reports with a quota, and the names of those at target.
#[derive(Debug, Clone)]
pub struct AtTarget {
    pub reached: Vec<String>,
    pub of: usize,
}

impl AtTarget {
    pub fn share(&self) -> Option<Ratio> {
        (self.of > 0).then(|| Ratio::new(Decimal::from(self.reached.len()), Decimal::from(self.of)))
    }
}

impl TeamFigures {
    /// The share of direct reports at or above target (None without a
    /// direct report with a quota: the measure is then absent).
    pub fn at_target(&self) -> Option<Ratio> {
        self.at_target.as_ref()?.share()
    }
}

impl<'a> Scoring<'a> {
    /// The override: a line per member the depth reaches, each the rate ×
    /// the member's figure × the modifiers, rounded once.
    pub(super) fn override_pay(&self, o: &Override) -> ComponentStatement {
        let mods = self.modifiers_for(&o.name);
        let mod_product = Self::modifier_product(&mods);
        let members = self.team.map(|t| t.members.as_slice()).unwrap_or_default();
        let mut lines = self.lines();
        for m in members.iter().filter(|m| o.depth.reaches(m.level)) {
            let (base, base_payable) = match o.on {
                OverrideBasis::CreditedRevenue => (m.credit, m.credit),
                OverrideBasis::EarnedCommission => (m.commission_earned, m.commission_payable),
            };
            let pay = |x: Decimal| {
                let exact = Ratio::of(x).times(o.rate);
                let exact = mod_product.map_or(exact, |p| exact.times(p));
                self.round_exact(exact)
            };
            let (earned, payable) = (pay(base), pay(base_payable));
            let explain = if self.detail == Detail::Explained {
                self.override_words(o, m, &mods, (base, earned), (base_payable, payable))
            } else {
                String::new()
            };
            lines.push(StatementLine {
                member: Some(m.id.clone()),
                deal: None,
                credit: Some(base),
                earned,
                payable,
                explain,
            });
        }
        lines.component(&o.name, "override", self.scale)
    }

    /// `8% of Ada Park's 708,000.00 credited revenue = 56,640.00`; on
    /// commission, what of it is payable too.
    fn override_words(
        &self,
        o: &Override,
        m: &MemberFigures,
        mods: &[(&str, Decimal)],
        (base, earned): (Decimal, Decimal),
        (base_payable, payable): (Decimal, Decimal),
    ) -> String {
        let what = match o.on {
            OverrideBasis::CreditedRevenue => "credited revenue",
            OverrideBasis::EarnedCommission => "earned commission",
        };
        let mut out = format!(
            "{} of {}'s {} {what}",
            percent(o.rate),
            m.name,
            self.money.fmt(base)
        );
        if let Some(via) = &m.via {
            out.push_str(&format!(" (in {via}'s team)"));
        }
        explain::modifiers(&mut out, mods);
        out.push_str(" = ");
        self.money.push(&mut out, earned);
        if o.on == OverrideBasis::EarnedCommission && payable != earned {
            out.push_str(&format!(
                "; payable: {} of {} payable",
                percent(o.rate),
                self.money.fmt(base_payable)
            ));
            explain::modifiers(&mut out, mods);
            out.push_str(" = ");
            self.money.push(&mut out, payable);
        }
        out
    }

    /// `2 of 4 direct reports at or above target (Ada Park, Ben Ortiz)`.
    pub(super) fn at_target_words(&self) -> String {
        let Some(a) = self.team.and_then(|t| t.at_target.as_ref()) else {
            return "no measure".to_string();
        };
        let mut out = format!(
            "{} of {} direct reports at or above target",
            a.reached.len(),
            a.of
        );
        if !a.reached.is_empty() {
            out.push_str(&format!(" ({})", a.reached.join(", ")));
        }
        out
    }
}
