//! Decimals as text: figures for sentences (thousands grouped, percentages,
//! plain multipliers) and decimals for JSON output, written from the
//! decimal's words into a buffer rather than through `format!`.

use super::{checked, drop_places, fix_scale, Rounding};
use rust_decimal::{Decimal, RoundingStrategy};

/// A ratio for output: half-even to 12 places, no trailing zeros.
pub fn ratio(value: Decimal) -> Decimal {
    let r = value
        .round_dp_with_strategy(12, RoundingStrategy::MidpointNearestEven)
        .normalize();
    if r.is_zero() {
        Decimal::ZERO
    } else {
        r
    }
}

/// Appends `value` exactly as it is held (all `value.scale()` places, as
/// `Display` writes it), with the integer part's thousands grouped when
/// `group`. A hand-written `to_string` without its allocations: sentences
/// and statements write thousands of figures.
pub fn push_decimal(out: &mut String, value: Decimal, group: bool) {
    let v = value.unpack();
    let scale = v.scale as usize;
    // The digits, least significant first (a Decimal has at most 29).
    let mut digits = [0u8; 40];
    let mut n = 0;
    let nonzero = v.lo | v.mid | v.hi != 0;
    if let Some(mut small) = checked::small(v.hi, v.mid, v.lo) {
        loop {
            digits[n] = b'0' + (small % 10) as u8;
            n += 1;
            small /= 10;
            if small == 0 {
                break;
            }
        }
    } else {
        let mut big = (u128::from(v.hi) << 64) | (u128::from(v.mid) << 32) | u128::from(v.lo);
        while big > 0 {
            digits[n] = b'0' + (big % 10) as u8;
            n += 1;
            big /= 10;
        }
    }
    // At least one digit before the point: 0.05 is "0" "." "05".
    while n <= scale {
        digits[n] = b'0';
        n += 1;
    }
    // The text, most significant first: sign, grouped integer part, point,
    // fraction (at most 1 + 29 + 9 + 1 + 28 bytes).
    let mut text = [0u8; 72];
    let mut t = 0;
    if v.negative && nonzero {
        text[t] = b'-';
        t += 1;
    }
    let int = n - scale;
    for i in 0..int {
        if group && i > 0 && (int - i) % 3 == 0 {
            text[t] = b',';
            t += 1;
        }
        text[t] = digits[n - 1 - i];
        t += 1;
    }
    if scale > 0 {
        text[t] = b'.';
        t += 1;
        for i in int..n {
            text[t] = digits[n - 1 - i];
            t += 1;
        }
    }
    // Only ASCII digits, signs and separators were written.
    out.push_str(std::str::from_utf8(&text[..t]).unwrap_or_default());
}

/// [`grouped`], appended to `out`.
pub fn push_grouped(out: &mut String, value: Decimal, places: u32) {
    let mut v = value.round_dp_with_strategy(places, RoundingStrategy::MidpointNearestEven);
    fix_scale(&mut v, places);
    push_decimal(out, v, true);
}

/// [`percent`], appended to `out`.
pub fn push_percent(out: &mut String, value: Decimal) {
    if let Some(p) = percent_small(value) {
        push_decimal(out, p, false);
        out.push('%');
        return;
    }
    let p = checked::mul(value, Decimal::ONE_HUNDRED)
        .round_dp_with_strategy(4, RoundingStrategy::MidpointNearestEven)
        .normalize();
    push_decimal(out, if p.is_zero() { Decimal::ZERO } else { p }, false);
    out.push('%');
}

/// `value` × 100 half-even to 4 places without trailing zeros, in 64-bit
/// integers when the mantissa allows (None otherwise): what
/// [`push_percent`] computes with rust_decimal, for the common case.
pub(crate) fn percent_small(value: Decimal) -> Option<Decimal> {
    let v = value.unpack();
    let m = checked::small(v.hi, v.mid, v.lo)?.checked_mul(100)?;
    let (mut q, mut places) = if v.scale <= 4 {
        (m, v.scale)
    } else {
        let drop = v.scale - 4;
        if drop > 19 {
            return None;
        }
        (drop_places(m, drop, Rounding::HalfEven), 4)
    };
    if q == 0 {
        return Some(Decimal::ZERO);
    }
    while places > 0 && q % 10 == 0 {
        q /= 10;
        places -= 1;
    }
    Some(Decimal::from_parts(
        q as u32,
        (q >> 32) as u32,
        0,
        v.negative,
        places,
    ))
}

/// [`plain`], appended to `out`.
pub fn push_plain(out: &mut String, value: Decimal) {
    push_decimal(out, ratio(value), false);
}

/// A figure as a person reads it: thousands grouped, `places` decimals
/// (`1234.5` → `1,234.50`), rounded half-even for display only.
pub fn grouped(value: Decimal, places: u32) -> String {
    let mut out = String::new();
    push_grouped(&mut out, value, places);
    out
}

/// A fraction as a percentage for sentences: `0.6` → `60%`,
/// `1/3` → `33.3333%` (four places at most).
pub fn percent(value: Decimal) -> String {
    let mut out = String::new();
    push_percent(&mut out, value);
    out
}

/// A multiplier or other plain figure for sentences, without trailing zeros
/// (up to 12 places).
pub fn plain(value: Decimal) -> String {
    let mut out = String::new();
    push_plain(&mut out, value);
    out
}

/// Serializes a decimal as its JSON string (what rust_decimal's serde
/// support writes), through [`push_decimal`].
pub fn serialize<S: serde::Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    let mut out = String::with_capacity(24);
    push_decimal(&mut out, *value, false);
    s.serialize_str(&out)
}

/// [`serialize`] for an optional decimal (null when absent).
pub fn serialize_option<S: serde::Serializer>(
    value: &Option<Decimal>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => serialize(v, s),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decimal::is_one;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn push_decimal_writes_what_display_writes() {
        let cases = [
            "0",
            "0.00",
            "-0.05",
            "7",
            "-7",
            "0.5",
            "1234567.891",
            "-1000",
            "100.00",
            "79228162514264337593543950335",
            "-7.9228162514264337593543950335",
            "0.0000000000000000000000000001",
            "18446744073709551616",
            "18446744073709551615.5",
        ];
        for c in cases {
            let v = d(c);
            let mut out = String::new();
            push_decimal(&mut out, v, false);
            assert_eq!(out, v.to_string(), "{c}");
        }
        for (mantissa, scale) in [
            (1i128, 0u32),
            (-123456789012345678901234567, 3),
            (5, 28),
            (999, 1),
        ] {
            let v = Decimal::from_i128_with_scale(mantissa, scale);
            let mut out = String::new();
            push_decimal(&mut out, v, false);
            assert_eq!(out, v.to_string());
        }
        assert_eq!(grouped(d("-1234567.891"), 2), "-1,234,567.89");
        assert_eq!(grouped(d("999.995"), 2), "1,000.00");
        assert_eq!(grouped(d("-0.001"), 2), "0.00");
        assert_eq!(grouped(d("100"), 0), "100");
        assert_eq!(percent(d("0.333333333")), "33.3333%");
        assert_eq!(percent(d("-0.00000049")), "0%");
        assert_eq!(percent(d("-0.000049")), "-0.0049%");
        assert_eq!(percent(d("0.0000005")), "0%");
        assert_eq!(percent(d("0.00000150")), "0.0002%");
        assert_eq!(percent(d("12.5")), "1250%");
        assert_eq!(
            grouped(d("-1234567890123456789012.5"), 0),
            "-1,234,567,890,123,456,789,012"
        );
        assert_eq!(plain(d("1.2500")), "1.25");
        for (x, one) in [
            ("1", true),
            ("1.000", true),
            ("-1", false),
            ("0.1", false),
            ("10", false),
            ("1.0000000000000000000000000000", true),
        ] {
            assert_eq!(is_one(d(x)), one, "{x}");
        }
    }
}
