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
/// participant scored in one pass. Keyed by the addresses of the setting and
/// the deal, which do not move while a pass holds them borrowed.
#[derive(Default)]
pub struct AttributionCache {
    memo: RefCell<HashMap<(usize, usize), Rc<Attributed>, AddressHash>>,
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
    /// How many (setting, deal) weightings the memo keeps at most.
    pub const MAX_DEALS: usize = 65_536;

    pub fn get(&self, a: &Attribution, d: &Deal) -> Rc<Attributed> {
        let key = (a as *const Attribution as usize, d as *const Deal as usize);
        if let Some(found) = self.memo.borrow().get(&key) {
            return Rc::clone(found);
        }
        let made = Rc::new(attribute(a, d));
        let mut memo = self.memo.borrow_mut();
        if memo.len() >= AttributionCache::MAX_DEALS {
            // A memo, not a store: past its size it starts over, so a whole
            // company's pass holds a bounded number of weighted deals (a
            // deal is weighed again only if asked for again after that).
            memo.clear();
        }
        memo.insert(key, Rc::clone(&made));
        made
    }
}
