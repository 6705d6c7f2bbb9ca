//! Calendar dates (`YYYY-MM-DD`) and touch times (RFC 3339 or a plain date),
//! in UTC, without a date library: days since 1970-01-01 on the proleptic
//! Gregorian calendar.

use std::borrow::Cow;
use std::fmt;

/// A calendar date, as days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub i64);

/// An instant: the UTC calendar date it falls on and a sort key
/// (nanoseconds since the epoch) that orders touches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp {
    pub nanos: i128,
    pub date: Date,
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(y) => 29,
        _ => 28,
    }
}

/// Days from 1970-01-01 to y-m-d (Howard Hinnant's days_from_civil).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn digits(s: &[u8]) -> Option<i64> {
    if s.is_empty() || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(s).ok()?.parse().ok()
}

impl Date {
    /// Parses exactly `YYYY-MM-DD` (years 0001–9999).
    pub fn parse(s: &str) -> Result<Date, String> {
        let b = s.as_bytes();
        let bad = || format!("\"{}\" is not a date (YYYY-MM-DD)", short(s));
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(bad());
        }
        let (y, m, d) = (
            digits(&b[0..4]).ok_or_else(bad)?,
            digits(&b[5..7]).ok_or_else(bad)?,
            digits(&b[8..10]).ok_or_else(bad)?,
        );
        if y < 1 || !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
            return Err(format!("\"{s}\" is not a calendar date"));
        }
        Ok(Date(days_from_civil(y, m, d)))
    }

    pub fn days_until(self, later: Date) -> i64 {
        later.0 - self.0
    }

    /// (year, month, day).
    pub fn ymd(self) -> (i64, i64, i64) {
        civil_from_days(self.0)
    }

    /// The date of year `y`, month `m` (1–12), day `d` (a valid day).
    pub fn from_ymd(y: i64, m: i64, d: i64) -> Date {
        Date(days_from_civil(y, m, d))
    }

    /// The first day of the month `months` after this date's month.
    pub fn month_start_after(self, months: i64) -> Date {
        let (y, m, _) = self.ymd();
        let index = y * 12 + (m - 1) + months;
        Date::from_ymd(index.div_euclid(12), index.rem_euclid(12) + 1, 1)
    }

    /// The last day of this date's month.
    pub fn month_end(self) -> Date {
        Date(self.month_start_after(1).0 - 1)
    }

    /// The same day `months` months later, or the month's last day when
    /// that month is shorter (2027-01-31 + 1 month = 2027-02-28).
    pub fn plus_months(self, months: i64) -> Date {
        let (_, _, d) = self.ymd();
        let first = self.month_start_after(months);
        let (y, m, _) = first.ymd();
        Date::from_ymd(y, m, d.min(days_in_month(y, m)))
    }

    /// Whole months from this date to `later` (0 when `later` is earlier):
    /// 2027-01-15 → 2027-07-15 is 6, → 2027-07-14 is 5.
    pub fn whole_months_until(self, later: Date) -> i64 {
        if later <= self {
            return 0;
        }
        let ((y1, m1, _), (y2, m2, _)) = (self.ymd(), later.ymd());
        let mut n = (y2 - y1) * 12 + (m2 - m1);
        while n > 0 && self.plus_months(n) > later {
            n -= 1;
        }
        n
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = civil_from_days(self.0);
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl Timestamp {
    /// Parses RFC 3339 (`2027-01-05T14:00:00Z`, `...T08:15:00-05:00`,
    /// fractions allowed) or a plain date (00:00Z that day).
    pub fn parse(s: &str) -> Result<Timestamp, String> {
        let bad = || {
            format!(
                "\"{}\" is not an RFC 3339 time (2027-01-05T14:00:00Z) or a date (YYYY-MM-DD)",
                short(s)
            )
        };
        if s.len() < 10 || !s.is_char_boundary(10) {
            return Err(bad());
        }
        let date = Date::parse(&s[..10]).map_err(|_| bad())?;
        let rest = &s.as_bytes()[10..];
        if rest.is_empty() {
            return Ok(Timestamp {
                nanos: i128::from(date.0) * 86_400_000_000_000,
                date,
            });
        }
        // T HH:MM:SS [.frac] (Z | ±HH:MM)
        if rest.len() < 10
            || !matches!(rest[0], b'T' | b't' | b' ')
            || rest[3] != b':'
            || rest[6] != b':'
        {
            return Err(bad());
        }
        let h = digits(&rest[1..3]).ok_or_else(bad)?;
        let mi = digits(&rest[4..6]).ok_or_else(bad)?;
        let sec = digits(&rest[7..9]).ok_or_else(bad)?;
        if h > 23 || mi > 59 || sec > 60 {
            return Err(bad());
        }
        let mut i = 9;
        let mut frac_nanos: i128 = 0;
        if rest.get(i) == Some(&b'.') {
            let start = i + 1;
            i = start;
            while i < rest.len() && rest[i].is_ascii_digit() {
                i += 1;
            }
            if i == start {
                return Err(bad());
            }
            let mut f: String = String::from_utf8_lossy(&rest[start..i.min(start + 9)]).into();
            while f.len() < 9 {
                f.push('0');
            }
            frac_nanos = f.parse().map_err(|_| bad())?;
        }
        let offset_minutes = match &rest[i..] {
            [b'Z' | b'z'] => 0,
            [sign @ (b'+' | b'-'), oh1, oh2, b':', om1, om2] => {
                let oh = digits(&[*oh1, *oh2]).ok_or_else(bad)?;
                let om = digits(&[*om1, *om2]).ok_or_else(bad)?;
                if oh > 23 || om > 59 {
                    return Err(bad());
                }
                let m = oh * 60 + om;
                if *sign == b'-' {
                    -m
                } else {
                    m
                }
            }
            _ => return Err(bad()),
        };
        let local_seconds = date.0 * 86_400 + h * 3600 + mi * 60 + sec;
        let utc_seconds = local_seconds - offset_minutes * 60;
        Ok(Timestamp {
            nanos: i128::from(utc_seconds) * 1_000_000_000 + frac_nanos,
            date: Date(utc_seconds.div_euclid(86_400)),
        })
    }
}

impl fmt::Display for Timestamp {
    /// RFC 3339 in UTC (`2027-01-05T14:00:00Z`, a fraction only when there
    /// is one): what was read, in UTC.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const DAY: i128 = 86_400_000_000_000;
        let day = self.nanos.div_euclid(DAY);
        let rest = self.nanos.rem_euclid(DAY);
        let (secs, frac) = (rest / 1_000_000_000, rest % 1_000_000_000);
        let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
        write!(f, "{}T{h:02}:{m:02}:{s:02}", Date(day as i64))?;
        if frac != 0 {
            let digits = format!("{frac:09}");
            write!(f, ".{}", digits.trim_end_matches('0'))?;
        }
        f.write_str("Z")
    }
}

fn short(s: &str) -> Cow<'_, str> {
    if s.chars().count() <= 40 {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.chars().take(37).collect::<String>() + "...")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months() {
        let d = |s: &str| Date::parse(s).unwrap();
        assert_eq!(d("2027-01-31").plus_months(1), d("2027-02-28"));
        assert_eq!(d("2027-11-15").month_start_after(2), d("2028-01-01"));
        assert_eq!(d("2028-02-10").month_end(), d("2028-02-29"));
        assert_eq!(d("2027-01-15").whole_months_until(d("2027-07-15")), 6);
        assert_eq!(d("2027-01-15").whole_months_until(d("2027-07-14")), 5);
        assert_eq!(d("2027-01-31").whole_months_until(d("2027-02-28")), 1);
        assert_eq!(d("2027-03-01").whole_months_until(d("2027-02-01")), 0);
    }

    #[test]
    fn instants_print_in_utc() {
        let t = |s: &str| Timestamp::parse(s).unwrap().to_string();
        assert_eq!(t("2027-01-05T14:00:00Z"), "2027-01-05T14:00:00Z");
        assert_eq!(
            t("2027-01-05T08:15:30.250-05:00"),
            "2027-01-05T13:15:30.25Z"
        );
        assert_eq!(t("2027-01-05"), "2027-01-05T00:00:00Z");
        assert_eq!(t("1969-12-31T23:59:59Z"), "1969-12-31T23:59:59Z");
    }

    #[test]
    fn dates_round_trip() {
        for s in [
            "1970-01-01",
            "2027-02-28",
            "2028-02-29",
            "2000-02-29",
            "9999-12-31",
            "0001-01-01",
        ] {
            assert_eq!(Date::parse(s).unwrap().to_string(), s);
        }
        assert_eq!(Date::parse("1970-01-02").unwrap(), Date(1));
        assert_eq!(
            Date::parse("2027-03-01").unwrap().0 - Date::parse("2027-02-28").unwrap().0,
            1
        );
    }

    #[test]
    fn bad_dates() {
        for s in [
            "2027-02-29",
            "2100-02-29",
            "2027-13-01",
            "2027-1-01",
            "27-01-01",
            "2027/01/01",
            "",
            "2027-01-00",
        ] {
            assert!(Date::parse(s).is_err(), "{s}");
        }
    }

    #[test]
    fn times_fall_on_their_utc_date() {
        let t = Timestamp::parse("2027-02-03T08:15:00-05:00").unwrap();
        assert_eq!(t.date.to_string(), "2027-02-03");
        // 21:00 at -05:00 is 02:00 the next day in UTC.
        let t = Timestamp::parse("2027-02-03T21:00:00-05:00").unwrap();
        assert_eq!(t.date.to_string(), "2027-02-04");
        // 01:00 at +02:00 is 23:00 the day before in UTC.
        let t = Timestamp::parse("2027-02-03T01:00:00+02:00").unwrap();
        assert_eq!(t.date.to_string(), "2027-02-02");
        let plain = Timestamp::parse("2027-01-27").unwrap();
        let later = Timestamp::parse("2027-01-27T10:00:00Z").unwrap();
        assert!(plain < later);
        assert_eq!(plain.date, later.date);
        let frac = Timestamp::parse("2027-01-27T10:00:00.5Z").unwrap();
        assert!(frac > later);
    }

    #[test]
    fn bad_times() {
        for s in [
            "2027-01-27T10:00Z",
            "2027-01-27T25:00:00Z",
            "2027-01-27T10:00:00",
            "2027-01-27T10:00:00+0500",
            "x",
        ] {
            assert!(Timestamp::parse(s).is_err(), "{s}");
        }
    }
}
