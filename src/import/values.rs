//! Cell values as the activity format spells them: amounts, shares, dates
//! in the mapping's format, and the CRM words for types, stages, sources and
//! marks (the words the widget's CSV import accepts, www/lib/crm-import.js,
//! plus the mapping's own value maps).

use crate::date::Date;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::str::FromStr;

/// Lowercase letters and digits only: "Closed Won" and "closed-won" alike.
pub fn squash(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

pub const TYPES: &[(&str, &str)] = &[
    ("new", "new"),
    ("newbusiness", "new"),
    ("newlogo", "new"),
    ("newcustomer", "new"),
    ("expansion", "expansion"),
    ("upsell", "expansion"),
    ("addon", "expansion"),
    ("crosssell", "expansion"),
    ("existingbusiness", "expansion"),
    ("renewal", "renewal"),
    ("renew", "renewal"),
];
pub const STAGES: &[(&str, &str)] = &[
    ("booked", "booked"),
    ("closedwon", "booked"),
    ("won", "booked"),
    ("signed", "booked"),
    ("installed", "installed"),
    ("implemented", "installed"),
    ("activated", "activated"),
    ("live", "activated"),
    ("active", "activated"),
    ("cancelled", "cancelled"),
    ("canceled", "cancelled"),
    ("churned", "cancelled"),
];
pub const SOURCES: &[(&str, &str)] = &[
    ("marketing", "marketing"),
    ("sales", "sales"),
    ("partner", "partner"),
    ("outbound", "sales"),
    ("inbound", "marketing"),
    ("channel", "partner"),
    ("referral", "partner"),
];
pub const MARKS: &[(&str, &str)] = &[
    ("leadcreated", "lead_created"),
    ("opportunitycreated", "opportunity_created"),
];

/// A CRM word through the mapping's map (exact, then letters and digits
/// alone), then the built-in words. `what` and `allowed` make the message.
pub fn word(
    text: &str,
    own: &BTreeMap<String, String>,
    builtin: &[(&str, &'static str)],
    what: &str,
) -> Result<String, String> {
    if let Some(v) = own.get(text) {
        return Ok(v.clone());
    }
    let s = squash(text);
    if let Some((_, v)) = own.iter().find(|(k, _)| squash(k) == s) {
        return Ok(v.clone());
    }
    if let Some((_, v)) = builtin.iter().find(|(k, _)| *k == s) {
        return Ok(v.to_string());
    }
    Err(format!("“{text}” is not a {what} ({})", allowed(builtin)))
}

/// The format's words of a vocabulary: `a, b or c`.
pub fn allowed(builtin: &[(&str, &'static str)]) -> String {
    let mut v: Vec<String> = Vec::new();
    for (_, w) in builtin {
        if !v.iter().any(|x| x == w) {
            v.push(w.to_string());
        }
    }
    crate::error::one_of(&v)
}

/// An amount as a decimal string: "30000", "30,000.00", "$30,000",
/// "USD 30000", "30k", "1.2m". The one money reader of the CLI's import, the
/// widget's CSV import and its forms (through the package's `readAmount`).
pub fn amount(text: &str) -> Result<String, String> {
    let raw = text.trim();
    let mut s: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    let letters = |s: &str| {
        s.len() >= 3 && s.is_char_boundary(3) && s[..3].bytes().all(|c| c.is_ascii_alphabetic())
    };
    if letters(&s) && s[3..].starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == '-') {
        s = s[3..].to_string();
    }
    for sym in ['$', '€', '£', '¥'] {
        if let Some(rest) = s.strip_prefix(sym) {
            s = rest.to_string();
            break;
        }
    }
    if s.len() > 3
        && s.is_char_boundary(s.len() - 3)
        && s[s.len() - 3..].bytes().all(|c| c.is_ascii_alphabetic())
    {
        s.truncate(s.len() - 3);
    }
    if s.starts_with(['-', '−', '(']) {
        return Err(format!(
            "“{raw}” is negative: an amount must be above zero (to take a deal back, set its stage to cancelled)"
        ));
    }
    // 30k, 1.2m: thousands and millions.
    let places = match s.as_bytes().last() {
        Some(b'k' | b'K') if s.len() > 1 => 3,
        Some(b'm' | b'M') if s.len() > 1 => 6,
        _ => 0,
    };
    if places > 0 {
        s.pop();
    }
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let grouped = int.contains(',')
        && int.split(',').enumerate().all(|(i, g)| {
            (if i == 0 {
                (1..=3).contains(&g.len())
            } else {
                g.len() == 3
            }) && g.bytes().all(|b| b.is_ascii_digit())
        });
    let int = if grouped {
        int.replace(',', "")
    } else {
        int.to_string()
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if !digits(&int) || (s.contains('.') && !digits(frac)) {
        return Err(format!(
            "“{raw}” is not an amount: use digits such as 30000, 30,000.00, $30,000 or 30k"
        ));
    }
    if places > 0 {
        // Shift the point: 1.25k is 1250.
        let mut f = frac.to_string();
        while f.len() < places {
            f.push('0');
        }
        let (moved, rest) = f.split_at(places);
        let whole = format!("{int}{moved}");
        let whole = whole.trim_start_matches('0');
        let whole = if whole.is_empty() { "0" } else { whole };
        return Ok(if rest.is_empty() {
            whole.to_string()
        } else {
            format!("{whole}.{rest}")
        });
    }
    Ok(if s.contains('.') {
        format!("{int}.{frac}")
    } else {
        int
    })
}

/// A share: "0.2", "20%" or "20" (above 1: a percentage).
pub fn fraction(text: &str, what: &str) -> Result<String, String> {
    let raw = text.trim();
    let (s, pct) = match raw.strip_suffix('%') {
        Some(s) => (s.trim(), true),
        None => (raw, false),
    };
    let bad = || format!("“{text}” is not a {what}: use 0.2 or 20%");
    if !s.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return Err(bad());
    }
    let d = Decimal::from_str(s).map_err(|_| bad())?;
    let d = if pct || d > Decimal::ONE {
        d / Decimal::ONE_HUNDRED
    } else {
        d
    };
    Ok(d.normalize().to_string())
}

/// A strftime-like format as people read it: `%m/%d/%Y` is MM/DD/YYYY.
pub fn shown(format: &str) -> String {
    let mut out = String::new();
    let mut f = format.chars();
    while let Some(c) = f.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        out.push_str(match f.next() {
            Some('Y') => "YYYY",
            Some('y') => "YY",
            Some('m') => "MM",
            Some('d' | 'e') => "DD",
            Some('H' | 'I') => "hh",
            Some('M') => "mm",
            Some('S') => "ss",
            Some('p') => "AM/PM",
            _ => "%",
        });
    }
    out
}

/// A date (or date and time) in a strftime-like format: `%Y` (4 digits),
/// `%y` (2, 20xx), `%m`, `%d`, `%H`, `%I`, `%M`, `%S` (1 or 2 digits), `%p`
/// (AM/PM), `%%`; other characters must match. Gives `YYYY-MM-DD`, or an
/// RFC 3339 UTC time when the format has an hour.
pub fn date(text: &str, format: &str) -> Result<String, String> {
    let bad = |why: &str| format!("“{text}” is not a date as {} ({why})", shown(format));
    let t = text.trim().as_bytes();
    let mut i = 0;
    let (mut y, mut mo, mut d, mut h, mut mi, mut sec) = (None, None, None, None, 0, 0);
    let mut pm: Option<bool> = None;
    let number = |i: &mut usize, min: usize, max: usize| -> Option<i64> {
        let start = *i;
        while *i < t.len() && *i - start < max && t[*i].is_ascii_digit() {
            *i += 1;
        }
        if *i - start < min {
            return None;
        }
        std::str::from_utf8(&t[start..*i]).ok()?.parse().ok()
    };
    let mut f = format.chars();
    while let Some(c) = f.next() {
        if c != '%' {
            let mut buf = [0; 4];
            let lit = c.encode_utf8(&mut buf).as_bytes();
            if !t[i..].starts_with(lit) {
                return Err(bad(&format!("expected \"{c}\" at character {}", i + 1)));
            }
            i += lit.len();
            continue;
        }
        let spec = f.next().unwrap_or('%');
        let got = match spec {
            'Y' => number(&mut i, 4, 4).map(|v| y = Some(v)),
            'y' => number(&mut i, 2, 2).map(|v| y = Some(2000 + v)),
            'm' => number(&mut i, 1, 2).map(|v| mo = Some(v)),
            'd' | 'e' => number(&mut i, 1, 2).map(|v| d = Some(v)),
            'H' | 'I' => number(&mut i, 1, 2).map(|v| h = Some(v)),
            'M' => number(&mut i, 1, 2).map(|v| mi = v),
            'S' => number(&mut i, 1, 2).map(|v| sec = v),
            'p' => {
                let rest = std::str::from_utf8(&t[i..])
                    .unwrap_or("")
                    .to_ascii_uppercase();
                let v = if rest.starts_with("AM") {
                    Some(false)
                } else if rest.starts_with("PM") {
                    Some(true)
                } else {
                    None
                };
                v.map(|v| {
                    pm = Some(v);
                    i += 2;
                })
            }
            '%' => t[i..].starts_with(b"%").then(|| i += 1),
            other => {
                return Err(format!(
                    "the date format \"{format}\" has an unknown %{other}"
                ))
            }
        };
        if got.is_none() {
            return Err(bad(&format!("%{spec} at character {}", i + 1)));
        }
    }
    // A time of day after a date is dropped when the format has none (a
    // close date is a day): "2027-03-12T10:00:00Z", "03/12/2027 10:00 AM".
    let timed = format.contains("%H") || format.contains("%I");
    let time_after = |rest: &[u8]| matches!(rest, [b' ' | b'T', d, ..] if d.is_ascii_digit());
    if i != t.len() && !(h.is_none() && !timed && time_after(&t[i..])) {
        return Err(bad("text left over"));
    }
    let (Some(y), Some(mo), Some(d)) = (y, mo, d) else {
        return Err(format!(
            "the date format \"{format}\" needs %Y (or %y), %m and %d"
        ));
    };
    let iso = format!("{y:04}-{mo:02}-{d:02}");
    Date::parse(&iso).map_err(|_| bad("no such day"))?;
    match h {
        None => Ok(iso),
        Some(h) => {
            let h = match pm {
                Some(p) if (1..=12).contains(&h) => h % 12 + if p { 12 } else { 0 },
                Some(_) => return Err(bad("the hour of a %p time is 1 to 12")),
                None => h,
            };
            if h > 23 || mi > 59 || sec > 59 {
                return Err(bad("no such time"));
            }
            Ok(format!("{iso}T{h:02}:{mi:02}:{sec:02}Z"))
        }
    }
}
