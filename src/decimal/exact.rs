//! Exact quotients: a figure kept as `num / den` (two exact decimals, den >
//! 0) and rounded once, in integer arithmetic, as the exact rational value
//! would be — never through a quotient cut to 28 digits first.
//!
//! An attribution share such as 1/30 has no exact decimal. Carried as the
//! pair (1, 30) and divided last, `150 × 1/30 × 1.15 × 50%` is the exact
//! tie 2.875 and rounds half-even to 2.88; cut to 0.0333…3 first it would
//! come out as 2.8749… and round to 2.87, which a rep's calculator
//! contradicts.
//!
//! When the integers needed do not fit in 128 bits (inputs far beyond what
//! plans use), rounding falls back to the 28-digit quotient: the spec's
//! 10⁻¹² allowance, never a panic.

use super::checked::{div, mul, sub};
use super::{is_one, round_money, round_up, Rounding};
use rust_decimal::Decimal;

/// An exact quotient `num / den` (den > 0): a measured ratio (quota credit
/// over quota, company revenue over target), a share (a participant's
/// touch weights over all weights), a tier multiplier averaged over a slice.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ratio {
    pub num: Decimal,
    pub den: Decimal,
}

/// How the last unit is decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Money(Rounding),
    /// Toward +infinity: what it takes to reach a target.
    Ceiling,
}

impl Ratio {
    pub fn new(num: Decimal, den: Decimal) -> Ratio {
        Ratio { num, den }
    }

    /// `value / 1`.
    pub fn of(value: Decimal) -> Ratio {
        Ratio::new(value, Decimal::ONE)
    }

    /// The quotient, to 28 digits (for sentences and band searches that
    /// compare exactly elsewhere).
    pub fn value(&self) -> Decimal {
        if is_one(self.den) {
            self.num
        } else {
            div(self.num, self.den)
        }
    }

    /// Whether this ratio is at least `x` (compared exactly: num ≥ x × den).
    pub fn reaches(&self, x: Decimal) -> bool {
        self.num >= mul(x, self.den)
    }

    pub fn is_zero(&self) -> bool {
        self.num.is_zero()
    }

    /// Whether the value is below 0 (den is positive).
    pub fn is_negative(&self) -> bool {
        self.num.is_sign_negative() && !self.num.is_zero()
    }

    /// Whether the denominator is 1 (a plain decimal).
    pub fn is_whole(&self) -> bool {
        is_one(self.den)
    }

    /// `self × x`: exactly (the factor goes to the numerator) while the
    /// product fits in a Decimal, else the 28-digit quotient times `x`.
    pub fn times(&self, x: Decimal) -> Ratio {
        match exact_mul(self.num, x) {
            Some(num) => Ratio::new(num, self.den),
            None => Ratio::of(mul(self.value(), x)),
        }
    }

    /// `self × other`: exactly while the products fit, else as 28-digit
    /// quotients.
    pub fn times_ratio(&self, other: Ratio) -> Ratio {
        if other.is_whole() {
            return self.times(other.num);
        }
        if self.is_whole() {
            return other.times(self.num);
        }
        match (
            exact_mul(self.num, other.num),
            exact_mul(self.den, other.den),
        ) {
            (Some(num), Some(den)) => Ratio::new(num, den).reduced(),
            _ => Ratio::of(mul(self.value(), other.value())),
        }
    }

    /// `self + x`: exactly while it fits, else the 28-digit quotient plus `x`.
    pub fn plus(&self, x: Decimal) -> Ratio {
        match exact_mul(x, self.den).and_then(|y| self.num.checked_add(y)) {
            Some(num) => Ratio::new(num, self.den),
            None => Ratio::of(super::checked::add(self.value(), x)),
        }
    }

    /// Whether both are the same number (compared crosswise, exactly).
    pub fn same(&self, other: &Ratio) -> bool {
        mul(self.num, other.den) == mul(other.num, self.den)
    }

    /// `self − x` for a plain decimal `x`, exactly.
    pub fn minus(&self, x: Decimal) -> Ratio {
        Ratio::new(sub(self.num, mul(x, self.den)), self.den)
    }

    /// The smaller of the two, exactly compared.
    pub fn min_with(self, x: Decimal) -> Ratio {
        if self.reaches(x) {
            Ratio::of(x)
        } else {
            self
        }
    }

    /// Rounded once to `scale` places, as money is (`rounding`), padded to
    /// exactly that scale.
    pub fn round(&self, scale: u32, rounding: Rounding) -> Decimal {
        if self.is_whole() {
            return round_money(self.num, scale, rounding);
        }
        quotient(self.num, self.den, scale, Mode::Money(rounding))
            .unwrap_or_else(|| round_money(self.value(), scale, rounding))
    }

    /// Rounded up (toward +infinity) to `scale` places.
    pub fn round_up(&self, scale: u32) -> Decimal {
        if self.is_whole() {
            return round_up(self.num, scale);
        }
        quotient(self.num, self.den, scale, Mode::Ceiling)
            .unwrap_or_else(|| round_up(self.value(), scale))
    }

    /// The value for output as a ratio: half-even to 12 places, without
    /// trailing zeros.
    pub fn ratio(&self) -> Decimal {
        if self.is_whole() {
            return super::ratio(self.num);
        }
        match quotient(self.num, self.den, 12, Mode::Money(Rounding::HalfEven)) {
            Some(r) if r.is_zero() => Decimal::ZERO,
            Some(r) => r.normalize(),
            None => super::ratio(self.value()),
        }
    }

    /// The same number with numerator and denominator divided by their
    /// greatest common divisor (kept as it is when they are too large to
    /// reduce in 128 bits).
    pub fn reduced(self) -> Ratio {
        let (n, d) = (self.num.unpack(), self.den.unpack());
        let scale = n.scale.max(d.scale);
        let (Some(nm), Some(dm)) = (
            widen(magnitude(self.num), scale - n.scale),
            widen(magnitude(self.den), scale - d.scale),
        ) else {
            return self;
        };
        if nm == 0 || dm == 0 {
            return self;
        }
        let g = gcd(nm, dm);
        let (nm, dm) = (nm / g, dm / g);
        match (to_decimal(nm, n.negative, 0), to_decimal(dm, d.negative, 0)) {
            (Some(num), Some(den)) => Ratio::new(num, den),
            _ => self,
        }
    }
}

/// `a × b` when the exact product fits in a Decimal (28 places, 96 bits),
/// trailing zeros dropped as needed; None when it does not (rust_decimal
/// would round it).
pub fn exact_mul(a: Decimal, b: Decimal) -> Option<Decimal> {
    let (x, y) = (a.unpack(), b.unpack());
    let mut scale = x.scale + y.scale;
    // Money figures nearly always: two 64-bit mantissas, one multiply.
    if let (Some(xm), Some(ym)) = (
        super::checked::small(x.hi, x.mid, x.lo),
        super::checked::small(y.hi, y.mid, y.lo),
    ) {
        let m = u128::from(xm) * u128::from(ym);
        if scale <= 28 && m < 1u128 << 96 {
            return to_decimal(m, x.negative != y.negative, scale);
        }
    }
    let mut m = magnitude(a).checked_mul(magnitude(b))?;
    while (scale > 28 || m >= 1u128 << 96) && scale > 0 && m % 10 == 0 {
        m /= 10;
        scale -= 1;
    }
    if scale > 28 {
        return None;
    }
    to_decimal(m, x.negative != y.negative, scale)
}

/// The mantissa's magnitude.
fn magnitude(d: Decimal) -> u128 {
    let u = d.unpack();
    (u128::from(u.hi) << 64) | (u128::from(u.mid) << 32) | u128::from(u.lo)
}

/// `m × 10^k`, when it fits.
fn widen(m: u128, k: u32) -> Option<u128> {
    m.checked_mul(10u128.checked_pow(k)?)
}

/// The greatest common divisor.
pub fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// A Decimal from a magnitude, a sign and a scale, when the magnitude fits
/// in 96 bits.
fn to_decimal(m: u128, negative: bool, scale: u32) -> Option<Decimal> {
    (m < (1u128 << 96)).then(|| {
        Decimal::from_parts(
            m as u32,
            (m >> 32) as u32,
            (m >> 64) as u32,
            negative && m != 0,
            scale,
        )
    })
}

/// `num / den` in units of 10^−`scale`, the last unit decided by `mode`
/// from the exact remainder; None when the integers do not fit in 128 bits.
fn quotient(num: Decimal, den: Decimal, scale: u32, mode: Mode) -> Option<Decimal> {
    let (n, d) = (num.unpack(), den.unpack());
    let (nm, dm) = (magnitude(num), magnitude(den));
    if dm == 0 {
        return None;
    }
    // num / den = nm × 10^(d.scale − n.scale) / dm; in units of 10^−scale,
    // nm × 10^(d.scale − n.scale + scale) / dm.
    let e = i64::from(d.scale) - i64::from(n.scale) + i64::from(scale);
    let (top, bottom) = if e >= 0 {
        (widen(nm, u32::try_from(e).ok()?)?, dm)
    } else {
        (nm, widen(dm, u32::try_from(-e).ok()?)?)
    };
    let (q, r) = (top / bottom, top % bottom);
    let negative = n.negative != d.negative && top != 0;
    // r against the half of bottom, without 2r (which may not fit).
    let rest = bottom - r;
    let up = match mode {
        Mode::Money(Rounding::HalfEven) => r > rest || (r == rest && q % 2 == 1),
        Mode::Money(Rounding::HalfUp) => r >= rest,
        // toward +infinity: a positive value with a remainder goes up; a
        // negative one is already there by truncation
        Mode::Ceiling => r != 0 && !negative,
    };
    to_decimal(q + u128::from(up), negative, scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn a_rational_tie_rounds_as_the_exact_value() {
        // 150 × 1/30 × 1.15 × 0.5 = 2.875 exactly: half-even 2.88, half-up 2.88
        let r = Ratio::new(d("150") * d("1.15") * d("0.5"), d("30"));
        assert_eq!(r.round(2, Rounding::HalfEven).to_string(), "2.88");
        assert_eq!(r.round(2, Rounding::HalfUp).to_string(), "2.88");
        // the cut share gives the wrong cent: that is what this type is for
        let cut = d("1") / d("30") * d("150") * d("1.15") * d("0.5");
        assert_eq!(round_money(cut, 2, Rounding::HalfEven).to_string(), "2.87");
        // 0.125 → half-even 0.12, half-up 0.13; negatives mirror
        let eighth = Ratio::new(d("1"), d("8"));
        assert_eq!(eighth.round(2, Rounding::HalfEven).to_string(), "0.12");
        assert_eq!(eighth.round(2, Rounding::HalfUp).to_string(), "0.13");
        let minus = Ratio::new(d("-1"), d("8"));
        assert_eq!(minus.round(2, Rounding::HalfEven).to_string(), "-0.12");
        assert_eq!(minus.round(2, Rounding::HalfUp).to_string(), "-0.13");
        assert_eq!(
            Ratio::new(d("0"), d("3"))
                .round(2, Rounding::HalfUp)
                .to_string(),
            "0.00"
        );
    }

    #[test]
    fn rounding_up_is_exact_at_a_whole_cent() {
        // 603828 / 30 = 20127.6 exactly: no cent more
        let need = Ratio::new(d("603828"), d("30"));
        assert_eq!(need.round_up(2).to_string(), "20127.60");
        assert_eq!(
            Ratio::new(d("603828.01"), d("30")).round_up(2).to_string(),
            "20127.61"
        );
        assert_eq!(Ratio::new(d("-1"), d("3")).round_up(2).to_string(), "-0.33");
        // scales of the two sides differ
        assert_eq!(Ratio::new(d("1"), d("0.03")).round_up(0).to_string(), "34");
    }

    #[test]
    fn ratios_compare_and_reduce_exactly() {
        let third = Ratio::new(d("1"), d("3"));
        assert!(third.same(&Ratio::new(d("0.9"), d("2.7"))));
        assert!(!third.reaches(d("0.3333333333333333333333333334")));
        assert!(third.reaches(d("0.3333333333333333333333333333")));
        let r = Ratio::new(d("120000.00"), d("100000")).reduced();
        assert_eq!((r.num, r.den), (d("6"), d("5")));
        assert_eq!(third.ratio().to_string(), "0.333333333333");
        assert_eq!(Ratio::new(d("5"), d("4")).ratio().to_string(), "1.25");
        assert_eq!(
            third.times_ratio(Ratio::new(d("3"), d("7"))).value(),
            d("1") / d("7")
        );
        assert_eq!(
            third.plus(d("2")).round(2, Rounding::HalfEven).to_string(),
            "2.33"
        );
    }

    #[test]
    fn products_are_exact_or_refused() {
        assert_eq!(exact_mul(d("1.5"), d("-0.20")), Some(d("-0.300")));
        assert_eq!(
            exact_mul(d("0.0000000000000001"), d("0.0000000000000003")),
            None
        );
        assert_eq!(
            exact_mul(d("99999999999999999999"), d("99999999999999999999")),
            None
        );
        // a refused product falls back to the quotient, never a panic
        let big = Ratio::new(d("99999999999999999999"), d("3"));
        let _guard = crate::decimal::checked::GuardForTests::open();
        assert!(big.times(d("99999999999")).is_whole());
    }
}
