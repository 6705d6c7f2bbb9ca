//! Compares a statement with an expected subset of it (the golden
//! fixtures give only the fields their hand arithmetic checks).

use rust_decimal::Decimal;
use serde_json::Value;

const RATIOS: &[&str] = &["quota", "attainment", "company_attainment"];

/// The first difference between `actual` and the `expected` subset.
pub fn subset(actual: &Value, expected: &Value, path: &str) -> Result<(), String> {
    match (actual, expected) {
        (Value::Object(a), Value::Object(e)) => {
            for (k, ev) in e {
                let p = format!("{path}.{k}");
                let Some(av) = a.get(k) else {
                    return Err(format!("{p}: missing"));
                };
                if RATIOS.contains(&k.as_str()) {
                    if let (Some(x), Some(y)) = (av.as_str(), ev.as_str()) {
                        let (x, y): (Decimal, Decimal) = (x.parse().unwrap(), y.parse().unwrap());
                        if x != y {
                            return Err(format!("{p}: {x} != {y}"));
                        }
                        continue;
                    }
                }
                subset(av, ev, &p)?;
            }
            Ok(())
        }
        (Value::Array(a), Value::Array(e)) => {
            if a.len() != e.len() {
                return Err(format!(
                    "{path}: {} items, expected {}: {actual}",
                    a.len(),
                    e.len()
                ));
            }
            a.iter()
                .zip(e)
                .enumerate()
                .try_for_each(|(i, (x, y))| subset(x, y, &format!("{path}[{i}]")))
        }
        _ if actual == expected => Ok(()),
        _ => Err(format!("{path}: {actual} != {expected}")),
    }
}
