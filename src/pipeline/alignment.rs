//! The alignment index and stage: how far sales and marketing work as one.
//!
//! index = Σ weight × share ÷ Σ weight, over the shares the plan weighs
//! that have something to count (a share with an empty denominator is left
//! out, with its weight). Each share enters rounded half-even to 4 places
//! (the 0.01% a sentence shows), so the index is exactly what a calculator
//! makes of the sentence; it is compared with the stages' `from` exactly.

use crate::decimal::exact::Ratio;
use crate::decimal::{checked, percent};
use crate::model::lead::{Alignment, LeadCounts};
use crate::model::names::PipelineMeasure;
use rust_decimal::{Decimal, RoundingStrategy};

/// The index of one set of counts, with its parts and its stage.
#[derive(Debug, Clone)]
pub struct Standing<'a> {
    /// Σ weight × share ÷ Σ weight, exact.
    pub index: Ratio,
    /// (measure, weight, share rounded to 4 places, numerator, denominator).
    pub parts: Vec<(PipelineMeasure, Decimal, Decimal, u64, u64)>,
    /// 0-based position of the stage reached.
    pub stage: usize,
    pub alignment: &'a Alignment,
}

/// A share rounded half-even to 4 places.
pub fn share4(n: u64, d: u64) -> Decimal {
    (Decimal::from(n) / Decimal::from(d))
        .round_dp_with_strategy(4, RoundingStrategy::MidpointNearestEven)
}

/// The standing of `counts` (None when no weighed share has anything to
/// count).
pub fn standing<'a>(a: &'a Alignment, counts: &LeadCounts) -> Option<Standing<'a>> {
    let parts: Vec<_> = a
        .measures
        .iter()
        .filter_map(|&(m, w)| {
            let (n, d) = counts.share(m);
            (d > 0).then(|| (m, w, share4(n, d), n, d))
        })
        .collect();
    if parts.is_empty() {
        return None;
    }
    // Weights and shares are read decimals (below 10^15, 12 places): exact.
    let num = checked::sum(parts.iter().map(|p| checked::mul(p.1, p.2)));
    let den = checked::sum(parts.iter().map(|p| p.1));
    let index = Ratio::new(num, den);
    let stage = stage_at(a, &index);
    Some(Standing {
        index,
        parts,
        stage,
        alignment: a,
    })
}

/// The last stage whose `from` the index reaches.
fn stage_at(a: &Alignment, index: &Ratio) -> usize {
    a.stages
        .iter()
        .rposition(|s| index.reaches(s.from))
        .unwrap_or(0)
}

impl Standing<'_> {
    pub fn stage_name(&self) -> &str {
        &self.alignment.stages[self.stage].name
    }

    /// The next stage, when there is one.
    pub fn next(&self) -> Option<&crate::model::lead::AlignmentStage> {
        self.alignment.stages.get(self.stage + 1)
    }

    /// "The company's alignment index = (1 × speed-to-lead 91.67% (11/12)
    /// and the rest, added) ÷ 4 = 80.4175%: partnership (from 70%); fusion
    /// from 85%"; `whose` begins it.
    pub fn sentence(&self, whose: &str) -> String {
        let terms: Vec<String> = self
            .parts
            .iter()
            .map(|(m, w, s, n, d)| {
                format!(
                    "{} × {} {} ({n}/{d})",
                    crate::decimal::plain(*w),
                    m.title(),
                    percent(*s)
                )
            })
            .collect();
        let den: Decimal = self.parts.iter().map(|p| p.1).sum();
        let stage = &self.alignment.stages[self.stage];
        let mut out = format!(
            "{whose} alignment index = ({}) ÷ {} = {}: {} (from {})",
            terms.join(" + "),
            crate::decimal::plain(den),
            percent(self.index.value()),
            stage.name,
            percent(stage.from)
        );
        match self.next() {
            Some(n) => out.push_str(&format!("; {} from {}", n.name, percent(n.from))),
            None => out.push_str("; the last stage"),
        }
        out
    }

    /// The index if `counts` had one more lead attempted within the SLA
    /// that does well on `m`: left open (speed-to-lead), rejected after full
    /// follow-up, accepted, or converted, each counted as such a lead is
    /// (a rejected lead is decided too; a converted one accepted).
    pub fn with_one_more(&self, counts: &LeadCounts, m: PipelineMeasure) -> Option<Standing<'_>> {
        let mut c = *counts;
        c.timed += 1;
        c.in_sla += 1;
        match m {
            PipelineMeasure::SpeedToLead => {}
            PipelineMeasure::FollowUp => {
                c.rejected += 1;
                c.followed_up += 1;
                c.decided += 1;
            }
            PipelineMeasure::Acceptance => {
                c.decided += 1;
                c.accepted += 1;
            }
            PipelineMeasure::LeadQuality => {
                c.decided += 1;
                c.accepted += 1;
                c.converted += 1;
            }
            _ => return None,
        }
        standing(self.alignment, &c)
    }
}
