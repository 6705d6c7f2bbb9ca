//! The attribution memo: each deal's touches weighed once per attribution
//! setting and shared by every participant scored in one pass (a deal with
//! five marketers on it is weighed once, not five times).

use crate::attribution::{attribute, Attributed};
use crate::model::activity::Deal;
use crate::model::plan::Attribution;
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
    max: usize,
}

impl Default for AttributionCache {
    fn default() -> AttributionCache {
        AttributionCache::with_room(AttributionCache::MAX_DEALS)
    }
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

    fn with_room(max: usize) -> AttributionCache {
        AttributionCache {
            memo: Rc::new(RefCell::new(Memo {
                kinds: Vec::new(),
                weighed: HashMap::default(),
                max,
            })),
            settings: RefCell::new(Vec::new()),
        }
    }

    /// A memo to keep across passes over an activity of `deals` deals:
    /// room for four settings of every deal before it starts over.
    pub fn lasting(deals: usize) -> AttributionCache {
        AttributionCache::with_room(AttributionCache::MAX_DEALS.max(deals.saturating_mul(4)))
    }

    /// A pass's view of this memo: what it weighs is kept for the next.
    pub fn share(&self) -> AttributionCache {
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
        if let Some(found) = self.memo.borrow().weighed.get(&key) {
            return Rc::clone(found);
        }
        let made = Rc::new(attribute(a, d));
        let mut memo = self.memo.borrow_mut();
        if memo.weighed.len() >= memo.max {
            // A memo, not a store: past its size it starts over, so a whole
            // company's pass holds a bounded number of weighted deals (a
            // deal is weighed again only if asked for again after that).
            // The settings' numbers stay: they are a few small values.
            memo.weighed.clear();
        }
        memo.weighed.insert(key, Rc::clone(&made));
        made
    }
}
