//! The attribution memo: each deal's touches weighed once per attribution
//! setting and shared by every participant scored in one pass (a deal with
//! five marketers on it is weighed once, not five times).

use crate::attribution::{attribute, Attributed};
use crate::decimal::exact::Ratio;
use crate::model::activity::{Deal, Participant};
use crate::model::names::{CreditKind, DealType, Source};
use crate::model::plan::{Attribution, QuotaRule};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// Each deal's touches weighted once per attribution setting, shared by every
/// participant scored in one pass. Keyed by the setting (by its address
/// within a pass, by its value across passes) and the deal's address,
/// which does not move while a pass holds the activity borrowed.
///
/// A memo made by [`AttributionCache::lasting`] is shared by every pass
/// made with [`AttributionCache::share`]: the plan lab scores the same
/// activity under many plans, and a deal is weighed once per setting for
/// all of them. Only an owner whose activity's deals never move (the lab:
/// it changes plans and deal lines, never the deals or their touches) may
/// keep one.
pub struct AttributionCache {
    memo: Rc<RefCell<Memo>>,
    /// This pass's settings: address → number in the memo's list.
    settings: RefCell<Vec<(usize, usize)>>,
}

struct Memo {
    /// The settings seen, by value; a key's first part is a position here.
    kinds: Vec<Attribution>,
    weighed: HashMap<(usize, usize), Rc<Attributed>, AddressHash>,
    /// A lasting memo's deals (the address of the first and how many):
    /// each setting's weighings are then kept by the deal's position in
    /// `dense`, with no hashing.
    deals: Option<(usize, usize)>,
    dense: Vec<Vec<Option<Rc<Attributed>>>>,
    /// A lasting memo's shares of each participant's deals, by setting
    /// and participant: read in one sweep by every plan scored after.
    people: HashMap<(usize, usize), Shares, AddressHash>,
    /// A lasting memo's quota credits, by participant: forgotten when deal
    /// lines change ([`AttributionCache::lines_changed`]).
    credits: HashMap<usize, Vec<Credits>, AddressHash>,
}

/// What of a quota rule its credit is worked out from (not its schedule).
type CreditRule = (
    CreditKind,
    Option<Attribution>,
    Option<Vec<DealType>>,
    Option<Vec<Source>>,
);

/// One participant's cumulative quota credit and its unit under one rule,
/// for their deals at these addresses.
struct Credits {
    rule: CreditRule,
    deals: Vec<usize>,
    credit: (Vec<rust_decimal::Decimal>, rust_decimal::Decimal),
}

/// One participant's shares of their deals (at these addresses, in this
/// order) under one setting.
struct Shares {
    deals: Vec<usize>,
    shares: Rc<[Ratio]>,
}

impl Memo {
    /// The position of the deal at `address` among a lasting memo's deals.
    fn position(&self, address: usize) -> Option<usize> {
        let (first, len) = self.deals?;
        let offset = address.checked_sub(first)?;
        let size = std::mem::size_of::<Deal>();
        (offset % size == 0 && offset / size < len).then_some(offset / size)
    }
}

impl Default for AttributionCache {
    fn default() -> AttributionCache {
        AttributionCache {
            memo: Rc::new(RefCell::new(Memo {
                kinds: Vec::new(),
                weighed: HashMap::default(),
                deals: None,
                dense: Vec::new(),
                people: HashMap::default(),
                credits: HashMap::default(),
            })),
            settings: RefCell::new(Vec::new()),
        }
    }
}

/// The addresses of `deals`, in order: what a kept figure was worked out
/// from.
fn addresses(deals: &[&Deal]) -> Vec<usize> {
    deals.iter().map(|d| *d as *const Deal as usize).collect()
}

/// Whether `kept` are the addresses of `deals`, in order.
fn same_deals(kept: &[usize], deals: &[&Deal]) -> bool {
    kept.len() == deals.len()
        && kept
            .iter()
            .zip(deals)
            .all(|(&at, d)| at == *d as *const Deal as usize)
}

/// Hashes the memo's keys, two addresses, with one multiply each: SipHash's
/// protection against chosen keys is not needed for addresses, and a
/// company's pass looks deals up a million times.
#[derive(Default, Clone, Copy)]
pub struct AddressHash;

impl std::hash::BuildHasher for AddressHash {
    type Hasher = AddressHasher;

    fn build_hasher(&self) -> AddressHasher {
        AddressHasher(0)
    }
}

#[derive(Default)]
pub struct AddressHasher(u64);

impl std::hash::Hasher for AddressHasher {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl AttributionCache {
    /// How many (setting, deal) weightings a pass's memo keeps at most.
    pub const MAX_DEALS: usize = 65_536;

    /// How many settings a lasting memo keeps before it starts over.
    pub const MAX_SETTINGS: usize = 8;

    /// A memo to keep across passes over `deals` (which must stay where
    /// they are, unchanged, while it is kept): every setting's weighing of
    /// every deal, by the deal's position, for up to
    /// [`AttributionCache::MAX_SETTINGS`] settings before it starts over.
    pub fn lasting(deals: &[Deal]) -> AttributionCache {
        let cache = AttributionCache::default();
        cache.memo.borrow_mut().deals = Some((deals.as_ptr() as usize, deals.len()));
        cache
    }

    /// A pass's view of this memo: what it weighs is kept for the next
    /// (a lasting memo past its settings starts over here, between passes).
    pub fn share(&self) -> AttributionCache {
        let mut memo = self.memo.borrow_mut();
        if memo.kinds.len() > AttributionCache::MAX_SETTINGS {
            memo.kinds.clear();
            memo.dense.clear();
            memo.weighed.clear();
            memo.people.clear();
            memo.credits.clear();
        }
        drop(memo);
        AttributionCache {
            memo: Rc::clone(&self.memo),
            settings: RefCell::new(Vec::new()),
        }
    }

    /// The setting's number in the memo's list (added when new).
    fn kind(&self, a: &Attribution) -> usize {
        let address = a as *const Attribution as usize;
        if let Some(&(_, k)) = self.settings.borrow().iter().find(|(at, _)| *at == address) {
            return k;
        }
        let mut memo = self.memo.borrow_mut();
        let k = match memo.kinds.iter().position(|known| known == a) {
            Some(k) => k,
            None => {
                memo.kinds.push(a.clone());
                memo.kinds.len() - 1
            }
        };
        self.settings.borrow_mut().push((address, k));
        k
    }

    pub fn get(&self, a: &Attribution, d: &Deal) -> Rc<Attributed> {
        let key = (self.kind(a), d as *const Deal as usize);
        let position = self.memo.borrow().position(key.1);
        if let Some(at) = position {
            return self.get_dense(a, d, key.0, at);
        }
        if let Some(found) = self.memo.borrow().weighed.get(&key) {
            return Rc::clone(found);
        }
        let made = Rc::new(attribute(a, d));
        let mut memo = self.memo.borrow_mut();
        if memo.weighed.len() >= AttributionCache::MAX_DEALS {
            // A memo, not a store: past its size it starts over, so a whole
            // company's pass holds a bounded number of weighted deals (a
            // deal is weighed again only if asked for again after that).
            // The settings' numbers stay: they are a few small values.
            memo.weighed.clear();
        }
        memo.weighed.insert(key, Rc::clone(&made));
        made
    }

    /// A lasting memo's weighing of its deal at `at` for setting `kind`.
    fn get_dense(&self, a: &Attribution, d: &Deal, kind: usize, at: usize) -> Rc<Attributed> {
        let mut memo = self.memo.borrow_mut();
        let len = memo.deals.map_or(0, |(_, len)| len);
        if memo.dense.len() <= kind {
            memo.dense.resize_with(kind + 1, Vec::new);
        }
        let row = &mut memo.dense[kind];
        if row.is_empty() {
            row.resize(len, None);
        }
        Rc::clone(row[at].get_or_insert_with(|| Rc::new(attribute(a, d))))
    }

    /// A lasting memo's shares of `person`'s `deals` under `a`, one per
    /// deal in order (kept while the same deals are asked for); None for a
    /// pass's own memo, which asks deal by deal.
    pub(crate) fn shares_of(
        &self,
        a: &Attribution,
        person: &Participant,
        deals: &[&Deal],
    ) -> Option<Rc<[Ratio]>> {
        self.memo.borrow().deals?;
        let key = (self.kind(a), person as *const Participant as usize);
        if let Some(kept) = self
            .memo
            .borrow()
            .people
            .get(&key)
            .filter(|k| same_deals(&k.deals, deals))
        {
            return Some(Rc::clone(&kept.shares));
        }
        let shares: Rc<[Ratio]> = deals
            .iter()
            .map(|d| self.get(a, d).share(d, &person.id))
            .collect();
        let kept = Shares {
            deals: addresses(deals),
            shares: Rc::clone(&shares),
        };
        self.memo.borrow_mut().people.insert(key, kept);
        Some(shares)
    }

    /// A lasting memo's quota credit of `person`'s `deals` under `rule`
    /// (cumulative before each deal and the total, and the unit), kept
    /// while the same deals are asked for and their lines stand; `work`
    /// works it out otherwise.
    pub(crate) fn quota_credit(
        &self,
        rule: &QuotaRule,
        person: &Participant,
        deals: &[&Deal],
        work: impl FnOnce() -> (Vec<rust_decimal::Decimal>, rust_decimal::Decimal),
    ) -> (Vec<rust_decimal::Decimal>, rust_decimal::Decimal) {
        if self.memo.borrow().deals.is_none() {
            return work();
        }
        let key = person as *const Participant as usize;
        let same = |kept: &Credits| {
            kept.rule.0 == rule.credit
                && kept.rule.1 == rule.attribution
                && kept.rule.2 == rule.types
                && kept.rule.3 == rule.sources
                && same_deals(&kept.deals, deals)
        };
        if let Some(kept) = self
            .memo
            .borrow()
            .credits
            .get(&key)
            .and_then(|list| list.iter().find(|k| same(k)))
        {
            return kept.credit.clone();
        }
        let credit = work();
        let mut memo = self.memo.borrow_mut();
        let list = memo.credits.entry(key).or_default();
        if list.len() >= AttributionCache::MAX_SETTINGS {
            list.clear();
        }
        list.push(Credits {
            rule: (
                rule.credit,
                rule.attribution.clone(),
                rule.types.clone(),
                rule.sources.clone(),
            ),
            deals: addresses(deals),
            credit: credit.clone(),
        });
        credit
    }

    /// Deal lines changed (the lab's cost curve scales them and puts them
    /// back): the quota credits kept are forgotten.
    pub fn lines_changed(&self) {
        self.memo.borrow_mut().credits.clear();
    }
}
