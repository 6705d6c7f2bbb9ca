//! Arithmetic that cannot panic. rust_decimal's operators panic on overflow
//! (beyond ±7.9 × 10^28); inputs within the format's limits can still get
//! there (a huge rate times a huge multiplier, a tiny quota). These
//! functions give 0 instead and raise a flag that `guard` turns
//! into an error, so a statement with an overflow is refused as a whole,
//! never a panic and never a wrong number.
//!
//! The 0 must never be used unnoticed, so arithmetic belongs inside a
//! `guard`. An overflow outside every guard is a bug of ours: debug builds
//! (every test and fuzz run) stop on it at once, and a release build keeps
//! the flag raised, so the next guarded computation on the thread is
//! refused instead of reporting a figure built on that 0.

use rust_decimal::Decimal;
use std::cell::Cell;

thread_local! {
    static OVERFLOW: Cell<bool> = const { Cell::new(false) };
    /// How many guards are open on this thread.
    static DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// Marks the computation under way as overflowed.
pub fn overflowed() {
    debug_assert!(
        DEPTH.with(Cell::get) > 0,
        "checked arithmetic overflowed outside checked::guard: its 0 would go unnoticed"
    );
    OVERFLOW.with(|f| f.set(true));
}

fn or_flag(r: Option<Decimal>) -> Decimal {
    r.unwrap_or_else(|| {
        overflowed();
        Decimal::ZERO
    })
}

/// Mantissas below 2^96: what a Decimal holds.
const LIMIT: u128 = 1 << 96;

/// The mantissa's magnitude when it fits in 64 bits (the high word is 0).
#[inline]
pub(crate) fn small(hi: u32, mid: u32, lo: u32) -> Option<u64> {
    (hi == 0).then_some((u64::from(mid) << 32) | u64::from(lo))
}

/// A Decimal from a magnitude below 2^96, a sign and a scale ≤ 28.
#[inline]
fn from_magnitude(m: u128, negative: bool, scale: u32) -> Decimal {
    Decimal::from_parts(
        m as u32,
        (m >> 32) as u32,
        (m >> 64) as u32,
        negative,
        scale,
    )
}

/// `a × b`. When both mantissas fit in 64 bits and the exact product in
/// a Decimal (scale ≤ 28, mantissa < 2^96), rust_decimal returns exactly
/// that product, unnormalized: so is it made here, with one integer
/// multiplication (money figures nearly always take this path; 32-bit
/// mantissas, the most common, in 64-bit arithmetic, which WebAssembly
/// has natively).
#[inline]
pub fn mul(a: Decimal, b: Decimal) -> Decimal {
    let (x, y) = (a.unpack(), b.unpack());
    let scale = x.scale + y.scale;
    if scale <= 28 {
        if let (Some(xm), Some(ym)) = (small(x.hi, x.mid, x.lo), small(y.hi, y.mid, y.lo)) {
            if xm == 0 || ym == 0 {
                return Decimal::ZERO;
            }
            let negative = x.negative != y.negative;
            let p = if x.mid == 0 && y.mid == 0 {
                u128::from(xm * ym)
            } else {
                u128::from(xm) * u128::from(ym)
            };
            if p < LIMIT {
                return from_magnitude(p, negative, scale);
            }
        }
    }
    or_flag(a.checked_mul(b))
}

/// `a + b`. At the same scale with a sum that fits, the sum of the
/// mantissas (as rust_decimal makes it); otherwise rust_decimal.
#[inline]
pub fn add(a: Decimal, b: Decimal) -> Decimal {
    let (x, y) = (a.unpack(), b.unpack());
    if x.scale == y.scale {
        if let (Some(xm), Some(ym)) = (small(x.hi, x.mid, x.lo), small(y.hi, y.mid, y.lo)) {
            if xm != 0 && ym != 0 {
                if x.negative == y.negative {
                    return from_magnitude(u128::from(xm) + u128::from(ym), x.negative, x.scale);
                }
                if xm != ym {
                    // The larger magnitude's sign.
                    let (m, negative) = if xm > ym {
                        (xm - ym, x.negative)
                    } else {
                        (ym - xm, y.negative)
                    };
                    return from_magnitude(u128::from(m), negative, x.scale);
                }
            }
        }
    }
    or_flag(a.checked_add(b))
}

/// `a − b`: [`add`] of `−b` (negation flips a sign bit), the same
/// result as rust_decimal's subtraction.
#[inline]
pub fn sub(a: Decimal, b: Decimal) -> Decimal {
    if b.is_zero() {
        return or_flag(a.checked_sub(b));
    }
    add(a, -b)
}

/// Division; by zero also counts as an overflow.
pub fn div(a: Decimal, b: Decimal) -> Decimal {
    or_flag(a.checked_div(b))
}

pub fn sum(items: impl IntoIterator<Item = Decimal>) -> Decimal {
    items.into_iter().fold(Decimal::ZERO, add)
}

pub fn product(items: impl IntoIterator<Item = Decimal>) -> Decimal {
    items.into_iter().fold(Decimal::ONE, mul)
}

/// A computation that went beyond exact decimal arithmetic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overflow;

/// Runs `f`; `Err(Overflow)` when any checked operation inside overflowed
/// (or, for the outermost guard, when one overflowed outside every guard
/// before it: see the module's note).
pub fn guard<T>(f: impl FnOnce() -> T) -> Result<T, Overflow> {
    let depth = DEPTH.with(|d| d.replace(d.get() + 1));
    let outer = OVERFLOW.with(|o| o.replace(false));
    let value = f();
    DEPTH.with(|d| d.set(depth));
    let inner = OVERFLOW.with(|o| o.get());
    // Back to what it was outside; the outermost guard clears it, having
    // reported an unguarded overflow as its own.
    OVERFLOW.with(|o| o.set(if depth == 0 { false } else { outer }));
    if inner || (depth == 0 && outer) {
        Err(Overflow)
    } else {
        Ok(value)
    }
}

/// A guard held open for a test's scope (unit tests that probe overflows
/// directly).
#[cfg(test)]
pub(crate) struct GuardForTests(u32);

#[cfg(test)]
impl GuardForTests {
    pub(crate) fn open() -> GuardForTests {
        GuardForTests(DEPTH.with(|d| d.replace(d.get() + 1)))
    }
}

#[cfg(test)]
impl Drop for GuardForTests {
    fn drop(&mut self) {
        DEPTH.with(|d| d.set(self.0));
        OVERFLOW.with(|o| o.set(false));
    }
}

#[cfg(test)]
mod guard_tests {
    use super::*;

    #[test]
    fn an_overflow_inside_a_guard_is_an_error_and_does_not_leak() {
        let big = Decimal::MAX;
        assert_eq!(guard(|| add(big, big)), Err(Overflow));
        assert_eq!(guard(|| add(Decimal::ONE, Decimal::ONE)), Ok(Decimal::TWO));
        // nested: the inner guard reports its overflow; the outer one goes on
        assert_eq!(guard(|| guard(|| mul(big, big)).is_err()), Ok(true));
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "outside checked::guard")]
    fn an_overflow_outside_every_guard_stops_a_debug_build() {
        add(Decimal::MAX, Decimal::MAX);
    }
}
