//! Exact decimals in and out.
//!
//! Input: a JSON string in the JSON number grammar, or a JSON number taken as
//! the shortest decimal that reads back as the same binary64 value (so `0.1`
//! is exactly one tenth). Limits: at most 18 significant digits, 12 decimal
//! places, magnitude below 10^15; a JSON number with more than 15 significant
//! digits must come as a string. Trailing zeros do not count against the
//! limits (`"1.500"` is 1.5).
//!
//! Output: money rounded once to the currency scale (`half_even` or
//! `half_up`), ratios rounded half-even to 12 places without trailing zeros.

use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::Value;

const MAX_SIGNIFICANT: usize = 18;
const MAX_NUMBER_SIGNIFICANT: usize = 15;
const MAX_PLACES: i64 = 12;
const MAX_INTEGER_DIGITS: i64 = 15;

/// How money is rounded (`plan.rounding`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rounding {
    #[default]
    HalfEven,
    HalfUp,
}

/// Reads a decimal from a JSON value (string or number), within the limits.
pub fn from_json(v: &Value) -> Result<Decimal, String> {
    match v {
        Value::String(s) => parse(s, MAX_SIGNIFICANT),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                parse(&i.to_string(), MAX_NUMBER_SIGNIFICANT)
            } else if let Some(u) = n.as_u64() {
                parse(&u.to_string(), MAX_NUMBER_SIGNIFICANT)
            } else {
                let f = n.as_f64().ok_or("is not a finite number")?;
                if !f.is_finite() {
                    return Err("is not a finite number".into());
                }
                // `{:e}` prints the shortest digits that read back as `f`.
                parse(&format!("{f:e}"), MAX_NUMBER_SIGNIFICANT)
            }
        }
        _ => Err(format!(
            "must be a decimal number or a string holding one, not {}",
            kind_of(v)
        )),
    }
}

/// The JSON type name of a value, for messages.
pub fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Parses text in the JSON number grammar into an exact decimal.
fn parse(text: &str, max_significant: usize) -> Result<Decimal, String> {
    let bad = || format!("\"{}\" is not a decimal number", shorten(text));
    let b = text.as_bytes();
    let mut i = 0;
    let negative = b.first() == Some(&b'-');
    if negative {
        i += 1;
    }
    let int_start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let int_digits = &text[int_start..i];
    if int_digits.is_empty() || (int_digits.len() > 1 && int_digits.starts_with('0')) {
        return Err(bad());
    }
    let mut frac_digits = "";
    if i < b.len() && b[i] == b'.' {
        let s = i + 1;
        i = s;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        frac_digits = &text[s..i];
        if frac_digits.is_empty() {
            return Err(bad());
        }
    }
    let mut exponent: i64 = 0;
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        let mut exp_negative = false;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            exp_negative = b[i] == b'-';
            i += 1;
        }
        let s = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if s == i {
            return Err(bad());
        }
        // Saturate: absurd exponents fail the limits below anyway.
        let magnitude: i64 = text[s..i].parse().unwrap_or(i64::from(u16::MAX));
        exponent = if exp_negative { -magnitude } else { magnitude };
    }
    if i != b.len() {
        return Err(bad());
    }

    // All digits as one integer string, value = digits × 10^(exponent − frac len).
    let written: String = format!("{int_digits}{frac_digits}");
    let written_exp = exponent - frac_digits.len() as i64;
    // The limits look at the value: trailing and leading zeros do not count.
    let mut digits = written.as_str();
    let mut exp10 = written_exp;
    while digits.len() > 1 && digits.ends_with('0') {
        digits = &digits[..digits.len() - 1];
        exp10 += 1;
    }
    let digits = digits.trim_start_matches('0');
    if digits.is_empty() {
        return Ok(Decimal::ZERO);
    }
    if digits.len() > max_significant {
        return Err(if max_significant == MAX_NUMBER_SIGNIFICANT {
            format!(
                "{} has more than 15 significant digits as a JSON number: give it as a string",
                shorten(text)
            )
        } else {
            format!(
                "\"{}\" has more than {MAX_SIGNIFICANT} significant digits",
                shorten(text)
            )
        });
    }
    if digits.len() as i64 + exp10 > MAX_INTEGER_DIGITS {
        return Err(format!(
            "{} is too large (the limit is below 10^15 in magnitude)",
            shorten(text)
        ));
    }
    if -exp10 > MAX_PLACES {
        return Err(format!(
            "{} has more than {MAX_PLACES} decimal places",
            shorten(text)
        ));
    }
    // Keep the places as written ("1.0" stays 1.0 in messages) when they fit.
    let (digits, exp10) = if (-28..=0).contains(&written_exp) && written.len() <= 28 {
        (written.trim_start_matches('0'), written_exp)
    } else {
        (digits, exp10)
    };
    if digits.is_empty() {
        return Ok(Decimal::ZERO);
    }
    let mut mantissa: i128 = digits.parse().map_err(|_| bad())?;
    let mut scale = 0u32;
    if exp10 >= 0 {
        mantissa *= 10i128.pow(exp10 as u32);
    } else {
        scale = (-exp10) as u32;
    }
    if negative {
        mantissa = -mantissa;
    }
    Decimal::try_from_i128_with_scale(mantissa, scale).map_err(|_| bad())
}

fn shorten(text: &str) -> String {
    if text.len() <= 40 {
        text.to_string()
    } else {
        let cut: String = text.chars().take(37).collect();
        format!("{cut}...")
    }
}

/// Rounds money once, to `scale` places, padded to exactly that scale, never
/// negative zero.
pub fn round_money(value: Decimal, scale: u32, rounding: Rounding) -> Decimal {
    if let Some(r) = round_small(value, scale, rounding) {
        return r;
    }
    let strategy = match rounding {
        Rounding::HalfEven => RoundingStrategy::MidpointNearestEven,
        Rounding::HalfUp => RoundingStrategy::MidpointAwayFromZero,
    };
    let mut r = value.round_dp_with_strategy(scale, strategy);
    fix_scale(&mut r, scale);
    r
}

/// [`round_money`] in 64-bit integers, for a mantissa below 2^64 with at
/// most 19 places to drop (None otherwise): the same result as rust_decimal's
/// `round_dp_with_strategy` followed by `fix_scale`.
#[inline]
fn round_small(value: Decimal, scale: u32, rounding: Rounding) -> Option<Decimal> {
    let v = value.unpack();
    let drop = v
        .scale
        .checked_sub(scale)
        .filter(|k| (1..=19).contains(k))?;
    let abs = checked::small(v.hi, v.mid, v.lo)?;
    let q = drop_places(abs, drop, rounding);
    if q == 0 {
        let mut zero = Decimal::ZERO;
        zero.rescale(scale);
        return Some(zero);
    }
    Some(Decimal::from_parts(
        q as u32,
        (q >> 32) as u32,
        0,
        v.negative,
        scale,
    ))
}

/// `m` / 10^`drop` rounded to a whole number (`drop` ≤ 19): the integer
/// step of [`round_money`] and of percentages.
pub(crate) fn drop_places(m: u64, drop: u32, rounding: Rounding) -> u64 {
    let unit = 10u64.pow(drop);
    let (q, r, half) = (m / unit, m % unit, unit / 2);
    let up = match rounding {
        Rounding::HalfEven => r > half || (r == half && q % 2 == 1),
        Rounding::HalfUp => r >= half,
    };
    q + u64::from(up)
}

/// Whether `d` is exactly 1 (at any scale: 1, 1.0, 1.00…), without
/// rust_decimal's general comparison.
#[inline]
pub fn is_one(d: Decimal) -> bool {
    let v = d.unpack();
    if v.scale > 19 {
        return d == Decimal::ONE;
    }
    !v.negative && checked::small(v.hi, v.mid, v.lo) == Some(10u64.pow(v.scale))
}

/// Rounds up (toward +infinity) to `scale` places: what it takes to reach a
/// target is never understated.
pub fn round_up(value: Decimal, scale: u32) -> Decimal {
    // (a figure that cannot carry `scale` places raises the overflow flag)
    let mut r = value.round_dp_with_strategy(scale, RoundingStrategy::ToPositiveInfinity);
    fix_scale(&mut r, scale);
    r
}

fn fix_scale(r: &mut Decimal, scale: u32) {
    if r.is_zero() {
        *r = Decimal::ZERO;
    }
    r.rescale(scale);
    if r.scale() != scale {
        // Too large to carry `scale` places within 28 digits.
        checked::overflowed();
    }
}

/// Arithmetic that cannot panic (see [`checked`]).
pub mod checked;
pub mod exact;
mod text;

pub use text::{
    grouped, percent, plain, push_decimal, push_grouped, push_percent, push_plain, ratio,
    serialize, serialize_option,
};

#[cfg(test)]
mod tests {
    use super::text::percent_small;
    use super::*;
    use serde_json::json;

    /// The integer fast paths give what rust_decimal gives: the same value,
    /// mantissa and scale.
    #[test]
    fn fast_paths_match_rust_decimal() {
        use proptest::prelude::*;
        let same = |a: Decimal, b: Decimal| {
            a == b && a.scale() == b.scale() && a.to_string() == b.to_string()
        };
        let mut runner = proptest::test_runner::TestRunner::new(proptest::test_runner::Config {
            cases: 4096,
            ..Default::default()
        });
        let value = (any::<i64>(), 0u32..=28, 0u32..4).prop_map(|(m, s, k)| {
            // small and large mantissas, and round figures
            let m = match k {
                0 => m % 1000,
                1 => m % 100_000_000,
                2 => m,
                _ => (m % 1000) * 1_000_000,
            };
            Decimal::from_i128_with_scale(i128::from(m), s)
        });
        runner
            .run(&(value.clone(), value, 0u32..4), |(a, b, places)| {
                // overflows are expected here: inside a guard, as in the engine
                let _guard = checked::GuardForTests::open();
                prop_assert!(same(
                    checked::mul(a, b),
                    a.checked_mul(b).unwrap_or(Decimal::ZERO)
                ));
                if let Some(diff) = a.checked_sub(b) {
                    prop_assert_eq!(checked::sub(a, b), diff);
                    prop_assert_eq!(checked::sub(a, b).scale(), diff.scale());
                }
                if let Some(sum) = a.checked_add(b) {
                    prop_assert_eq!(checked::add(a, b), sum);
                    prop_assert_eq!(checked::add(a, b).scale(), sum.scale());
                }
                let slow = checked::mul(a, Decimal::ONE_HUNDRED)
                    .round_dp_with_strategy(4, RoundingStrategy::MidpointNearestEven)
                    .normalize();
                let slow = if slow.is_zero() { Decimal::ZERO } else { slow };
                if let Some(fast) = percent_small(a) {
                    prop_assert!(same(fast, slow), "{} %", a);
                }
                for rounding in [Rounding::HalfEven, Rounding::HalfUp] {
                    let strategy = match rounding {
                        Rounding::HalfEven => RoundingStrategy::MidpointNearestEven,
                        Rounding::HalfUp => RoundingStrategy::MidpointAwayFromZero,
                    };
                    let mut slow = a.round_dp_with_strategy(places, strategy);
                    fix_scale(&mut slow, places);
                    prop_assert!(
                        same(round_money(a, places, rounding), slow),
                        "{} at {}",
                        a,
                        places
                    );
                }
                Ok(())
            })
            .unwrap();
        // midpoints both ways
        for (v, he, hu) in [
            ("2.345", "2.34", "2.35"),
            ("-2.345", "-2.34", "-2.35"),
            ("2.335", "2.34", "2.34"),
            ("-0.004", "0.00", "0.00"),
        ] {
            assert_eq!(round_money(d(v), 2, Rounding::HalfEven).to_string(), he);
            assert_eq!(round_money(d(v), 2, Rounding::HalfUp).to_string(), hu);
        }
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn numbers_are_their_shortest_decimal() {
        assert_eq!(from_json(&json!(0.1)).unwrap(), d("0.1"));
        assert_eq!(from_json(&json!(0.05)).unwrap(), d("0.05"));
        assert_eq!(from_json(&json!(400000)).unwrap(), d("400000"));
        assert_eq!(from_json(&json!(-0.0)).unwrap(), Decimal::ZERO);
        // 0.1 + 0.2 in binary64 is 0.30000000000000004: 17 digits, refused.
        let e = from_json(&json!(0.1 + 0.2)).unwrap_err();
        assert!(e.contains("give it as a string"), "{e}");
    }

    #[test]
    fn strings_follow_the_json_number_grammar() {
        assert_eq!(from_json(&json!("0.10")).unwrap(), d("0.1"));
        assert_eq!(from_json(&json!("1.0")).unwrap().to_string(), "1.0");
        assert_eq!(from_json(&json!("1e3")).unwrap(), d("1000"));
        assert_eq!(from_json(&json!("-2.5E-1")).unwrap(), d("-0.25"));
        for bad in [
            "", "1.", ".5", "01", "+1", "1e", "0x10", " 1", "1,000", "NaN",
        ] {
            assert!(from_json(&json!(bad)).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn limits() {
        // 18 significant digits pass as a string, 19 do not.
        assert!(from_json(&json!("123456789012.345678")).is_ok());
        assert!(from_json(&json!("1234567890123.456789")).is_err());
        // 12 places pass, 13 do not; trailing zeros do not count.
        assert!(from_json(&json!("0.000000000001")).is_ok());
        assert!(from_json(&json!("0.0000000000001")).is_err());
        assert!(from_json(&json!("0.1000000000000")).is_ok());
        // magnitude below 10^15
        assert!(from_json(&json!("999999999999999")).is_ok());
        assert!(from_json(&json!("1000000000000000")).is_err());
        assert!(from_json(&json!("1e400")).is_err());
        assert!(from_json(&json!(1e308)).is_err());
        assert!(from_json(&json!(true)).is_err());
    }

    #[test]
    fn rounding_ties_follow_the_mode() {
        // 2.345 is an exact tie at 2 places: half-even keeps the 4, half-up goes away from zero.
        assert_eq!(
            round_money(d("2.345"), 2, Rounding::HalfEven).to_string(),
            "2.34"
        );
        assert_eq!(
            round_money(d("2.345"), 2, Rounding::HalfUp).to_string(),
            "2.35"
        );
        assert_eq!(
            round_money(d("-2.345"), 2, Rounding::HalfUp).to_string(),
            "-2.35"
        );
        assert_eq!(
            round_money(d("2.355"), 2, Rounding::HalfEven).to_string(),
            "2.36"
        );
        // padded, and never "-0.00"
        assert_eq!(
            round_money(d("5"), 2, Rounding::HalfEven).to_string(),
            "5.00"
        );
        assert_eq!(
            round_money(d("-0.001"), 2, Rounding::HalfEven).to_string(),
            "0.00"
        );
        assert_eq!(
            round_money(d("7.5"), 0, Rounding::HalfEven).to_string(),
            "8"
        );
        assert_eq!(round_up(d("0.001"), 2).to_string(), "0.01");
    }

    #[test]
    fn output_forms() {
        assert_eq!(ratio(d("1.100")).to_string(), "1.1");
        assert_eq!(ratio(d("1") / d("3")).to_string(), "0.333333333333");
        assert_eq!(ratio(d("200000")).to_string(), "200000");
        assert_eq!(grouped(d("1234567.5"), 2), "1,234,567.50");
        assert_eq!(grouped(d("-6000"), 2), "-6,000.00");
        assert_eq!(grouped(d("999"), 0), "999");
        assert_eq!(percent(d("0.6")), "60%");
        assert_eq!(percent(d("1") / d("3")), "33.3333%");
    }
}
