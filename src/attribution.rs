//! Multi-touch attribution: how a closed deal's credit is shared among the
//! touches (and so the marketers) that led to it.
//!
//! A deal's touches are those dated on or before its close date and within
//! the lookback window, ordered by (`at`, position in the list). Each model
//! gives every touch a weight; a participant's share is one quotient: the
//! sum of their touches' weights over the sum of all weights.
//!
//! Position models (first touch, last touch, position-based, U, W, full
//! path, custom) weigh four positions — first, `lead_created`,
//! `opportunity_created`, last — and a rest share. To keep the weights exact
//! decimals (so that they sum to their total exactly), they are computed
//! scaled by k × max(r, 1), where k is the number of held positions and r
//! the number of touches holding none.

use crate::decimal::exact::Ratio;
use crate::decimal::{checked, percent};
use crate::model::activity::Deal;
use crate::model::names::{Mark, Model};
use crate::model::plan::Attribution;
use rust_decimal::Decimal;

/// A position a touch can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    First,
    LeadCreated,
    OpportunityCreated,
    Last,
}

impl Position {
    const ALL: [Position; 4] = [
        Position::First,
        Position::LeadCreated,
        Position::OpportunityCreated,
        Position::Last,
    ];

    fn label(self) -> &'static str {
        match self {
            Position::First => "first touch",
            Position::LeadCreated => "lead creation touch",
            Position::OpportunityCreated => "opportunity creation touch",
            Position::Last => "last touch",
        }
    }
}

/// The positions one touch holds: a set of [`Position`]s in one byte (a
/// company's attributions are many; a `Vec` each would be most of them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Held(u8);

impl Held {
    fn add(&mut self, p: usize) {
        self.0 |= 1 << p;
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The positions held, in `Position::ALL` order, with their index there.
    pub fn iter(self) -> impl Iterator<Item = (usize, Position)> {
        (0..4)
            .filter(move |p| self.0 & (1 << p) != 0)
            .map(|p| (p, Position::ALL[p]))
    }
}

/// One in-window touch and its weight.
#[derive(Debug, Clone)]
pub struct Weighted {
    /// Index of the touch in the deal's `touches` (a deal has far fewer
    /// than 2^32).
    pub touch: u32,
    pub weight: Decimal,
    /// The model positions this touch holds (empty for a rest touch).
    pub positions: Held,
}

/// A deal's touches weighted by one model.
#[derive(Debug, Clone)]
pub struct Attributed {
    pub model: Model,
    pub touches: Vec<Weighted>,
    /// The sum of the weights (exact).
    pub total: Decimal,
    /// Each participant's share, worked out once when the deal is weighed
    /// (a memo asks for it once per plan scored): the position of their
    /// first weighted touch, and [`Attributed::share`]'s quotient.
    shares: Vec<(u32, Ratio)>,
}

/// Weighs `deal`'s touches with `a`.
pub fn attribute(a: &Attribution, deal: &Deal) -> Attributed {
    let mut window: Vec<(usize, i64)> = deal
        .touches
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            let d = t.at.date.days_until(deal.close_date);
            let in_window = d >= 0 && a.lookback_days.is_none_or(|l| d <= i64::from(l));
            in_window.then_some((i, d))
        })
        .collect();
    window.sort_by_key(|&(i, _)| (deal.touches[i].at, i));

    let touches = match a.model {
        Model::Linear => window
            .iter()
            .map(|&(i, _)| Weighted {
                touch: i as u32,
                weight: Decimal::ONE,
                positions: Held::default(),
            })
            .collect(),
        Model::TimeDecay => time_decay(&window, a.half_life_days.unwrap_or(Decimal::ONE)),
        _ => positional(a, deal, &window),
    };
    let total = touches.iter().map(|w: &Weighted| w.weight).sum();
    let mut weighed = Attributed {
        model: a.model,
        touches,
        total,
        shares: Vec::new(),
    };
    weighed.shares = weighed.each_share(deal);
    weighed
}

/// Weight 2^(−d / half_life), taken relative to the newest touch (the same
/// shares, without underflow for old touches).
fn time_decay(window: &[(usize, i64)], half_life: Decimal) -> Vec<Weighted> {
    let newest = window.iter().map(|&(_, d)| d).min().unwrap_or(0);
    window
        .iter()
        .map(|&(i, d)| Weighted {
            touch: i as u32,
            weight: decay(d - newest, half_life),
            positions: Held::default(),
        })
        .collect()
}

thread_local! {
    /// 2^(−days / half-life) by (days, half-life): few distinct values recur.
    static DECAY: std::cell::RefCell<std::collections::HashMap<(i64, Decimal), Decimal>> = Default::default();
}

/// 2^(−days / half_life), memoized.
fn decay(days: i64, half_life: Decimal) -> Decimal {
    DECAY.with(|cache| {
        if let Some(w) = cache.borrow().get(&(days, half_life)) {
            return *w;
        }
        let w = pow2_neg(Decimal::from(days) / half_life);
        let mut cache = cache.borrow_mut();
        if cache.len() > 100_000 {
            cache.clear();
        }
        cache.insert((days, half_life), w);
        w
    })
}

/// ln 2 to 28 decimal places.
fn ln2() -> Decimal {
    Decimal::from_i128_with_scale(6_931_471_805_599_453_094_172_321_215, 28)
}

/// 2^(−x) for x ≥ 0, to about 28 decimal places: 2^(−k) × e^(−f·ln 2) with
/// x = k + f, the exponential by its Taylor series.
pub fn pow2_neg(x: Decimal) -> Decimal {
    let k = x.trunc();
    let f = x - k;
    let y = f * ln2();
    let mut term = Decimal::ONE;
    let mut sum = Decimal::ONE;
    for n in 1..80u32 {
        term = term * y / Decimal::from(n);
        if term.is_zero() {
            break;
        }
        sum = if n % 2 == 1 { sum - term } else { sum + term };
    }
    let whole = u32::try_from(k.mantissa() / 10i128.pow(k.scale())).unwrap_or(u32::MAX);
    for _ in 0..whole.min(100) {
        sum /= Decimal::TWO;
        if sum.is_zero() {
            break;
        }
    }
    if whole >= 100 {
        Decimal::ZERO
    } else {
        sum
    }
}

/// Position weights (first, lead_created, opportunity_created, last) and
/// the rest share of a position model.
fn position_weights(a: &Attribution) -> ([Decimal; 4], Decimal) {
    let d = |s: &str| s.parse::<Decimal>().unwrap_or_default();
    let z = Decimal::ZERO;
    match a.model {
        Model::FirstTouch => ([Decimal::ONE, z, z, z], z),
        Model::LastTouch => ([z, z, z, Decimal::ONE], z),
        Model::PositionBased => ([d("0.4"), z, z, d("0.4")], d("0.2")),
        Model::UShaped => ([d("0.4"), d("0.4"), z, z], d("0.2")),
        Model::WShaped => ([d("0.3"), d("0.3"), d("0.3"), z], d("0.1")),
        Model::FullPath => ([d("0.225"); 4], d("0.1")),
        Model::Custom => {
            let w = a.weights.clone().unwrap_or_default();
            (
                [w.first, w.lead_created, w.opportunity_created, w.last],
                w.rest,
            )
        }
        Model::Linear | Model::TimeDecay => ([z; 4], Decimal::ONE),
    }
}

fn positional(a: &Attribution, deal: &Deal, window: &[(usize, i64)]) -> Vec<Weighted> {
    let n = window.len();
    if n == 0 {
        return Vec::new();
    }
    let (w, rest) = position_weights(a);
    let first_with = |m: Mark| window.iter().position(|&(i, _)| deal.touches[i].has(m));
    // Which window slot holds each position, for the positions the model weighs.
    let holders: [Option<usize>; 4] = [
        Some(0),
        first_with(Mark::LeadCreated),
        first_with(Mark::OpportunityCreated),
        Some(n - 1),
    ];
    let held: Vec<usize> = (0..4)
        .filter(|&p| w[p] > Decimal::ZERO && holders[p].is_some())
        .collect();
    let unheld: Decimal = (0..4)
        .filter(|&p| w[p] > Decimal::ZERO && holders[p].is_none())
        .map(|p| w[p])
        .sum();
    let mut positions = vec![Held::default(); n];
    for &p in &held {
        if let Some(slot) = holders[p] {
            positions[slot].add(p);
        }
    }
    let rest_count = positions.iter().filter(|p| p.is_empty()).count();
    if held.is_empty() {
        // No weighted position is held (a custom model on unmarked touches):
        // every touch is a rest touch and shares equally.
        return window
            .iter()
            .map(|&(i, _)| Weighted {
                touch: i as u32,
                weight: Decimal::ONE,
                positions: Held::default(),
            })
            .collect();
    }
    let k = Decimal::from(held.len());
    let r1 = Decimal::from(rest_count.max(1));
    let rest_to_positions = if rest_count == 0 {
        rest * r1
    } else {
        Decimal::ZERO
    };
    window
        .iter()
        .enumerate()
        .map(|(slot, &(i, _))| {
            let held_here = positions[slot];
            let weight = if held_here.is_empty() {
                rest * k
            } else {
                held_here
                    .iter()
                    .map(|(p, _)| w[p] * k * r1 + unheld * r1 + rest_to_positions)
                    .sum()
            };
            Weighted {
                touch: i as u32,
                weight,
                positions: held_here,
            }
        })
        .collect()
}

impl Attributed {
    /// The participant's share: their touches' weights over all weights,
    /// as the exact quotient (mine, total) with a whole-number total, so
    /// that a figure computed from it rounds as the exact rational value
    /// would (1/30 stays 1/30). Time-decay weights are not exact to begin
    /// with (powers of 2): their share is the 28-digit quotient.
    pub fn share(&self, deal: &Deal, participant: &str) -> Ratio {
        self.shares
            .iter()
            .find(|(t, _)| deal.touches[*t as usize].participant.as_deref() == Some(participant))
            .map_or(Ratio::of(Decimal::ZERO), |(_, r)| *r)
    }

    /// Every participant's [`Attributed::share_of`], by their first
    /// weighted touch (a participant whose share is 0 is left out).
    fn each_share(&self, deal: &Deal) -> Vec<(u32, Ratio)> {
        let mut shares: Vec<(u32, Ratio)> = Vec::new();
        for (k, w) in self.touches.iter().enumerate() {
            let Some(who) = deal.touches[w.touch as usize].participant.as_deref() else {
                continue;
            };
            let seen = self.touches[..k]
                .iter()
                .any(|v| deal.touches[v.touch as usize].participant.as_deref() == Some(who));
            if !seen {
                let share = self.share_of(deal, who);
                if !share.is_zero() {
                    shares.push((w.touch, share));
                }
            }
        }
        shares
    }

    /// The participant's share, worked out from the weights.
    fn share_of(&self, deal: &Deal, participant: &str) -> Ratio {
        if self.total.is_zero() {
            return Ratio::of(Decimal::ZERO);
        }
        let mine: Decimal = self
            .touches
            .iter()
            .filter(|w| deal.touches[w.touch as usize].participant.as_deref() == Some(participant))
            .map(|w| w.weight)
            .sum();
        if mine.is_zero() {
            return Ratio::of(Decimal::ZERO);
        }
        if self.model == Model::TimeDecay {
            return Ratio::of(checked::div(mine, self.total));
        }
        // A whole-number denominator (weights are exact decimals: scale
        // both by the total's places), so a participant's shares of many
        // deals add up over one common denominator.
        let total = self.total.normalize();
        let places = Decimal::from_i128_with_scale(10i128.pow(total.scale()), 0);
        let (num, den) = (checked::mul(mine, places), checked::mul(total, places));
        if den == Decimal::ONE {
            Ratio::of(num)
        } else {
            Ratio::new(num, den).reduced()
        }
    }

    /// Why the participant has their share, for a statement sentence:
    /// `W-shaped: first touch 30% + opportunity creation touch 30%`.
    pub fn describe(&self, deal: &Deal, participant: &str) -> String {
        let mine: Vec<&Weighted> = self
            .touches
            .iter()
            .filter(|w| deal.touches[w.touch as usize].participant.as_deref() == Some(participant))
            .collect();
        let of_total = |x: Decimal| {
            if self.total.is_zero() {
                Decimal::ZERO
            } else {
                x / self.total
            }
        };
        let parts: Vec<String> = match self.model {
            Model::Linear => vec![format!("{} of {} touches", mine.len(), self.touches.len())],
            Model::TimeDecay => mine
                .iter()
                .map(|w| {
                    let t = &deal.touches[w.touch as usize];
                    format!(
                        "{} touch {} days before close {}",
                        campaign(t),
                        t.at.date.days_until(deal.close_date),
                        percent(of_total(w.weight))
                    )
                })
                .collect(),
            _ => mine
                .iter()
                .map(|w| {
                    let t = &deal.touches[w.touch as usize];
                    let what = if w.positions.is_empty() {
                        "other touch".to_string()
                    } else {
                        w.positions
                            .iter()
                            .map(|(_, p)| p.label())
                            .collect::<Vec<_>>()
                            .join(" and ")
                    };
                    format!("{what} {}{}", campaign(t), percent(of_total(w.weight)))
                })
                .collect(),
        };
        format!(
            "{} of {}: {}",
            self.model.title(),
            deal.id,
            parts.join(" + ")
        )
    }
}

fn campaign(t: &crate::model::activity::Touch) -> String {
    t.campaign
        .as_ref()
        .map(|c| format!("({c}) "))
        .unwrap_or_default()
}
