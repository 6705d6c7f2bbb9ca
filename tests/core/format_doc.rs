//! docs/FORMAT.md's worked examples, scored: every fenced block whose info
//! string names `example=NAME` and a role (`plan`, `activity`, `expected`)
//! is taken out of the document, the blocks are grouped by NAME, and each
//! example's plan and activity are scored with the library exactly as the
//! fixtures are; the statement must agree with `expected`.
//!
//! The `expected` block is one object or a list of objects, each naming the
//! statement it checks:
//!
//! - `"participant": ID` (required): whose statement;
//! - `"period": ID` (optional): a pay period of a plan with `pay_periods`;
//!   the object is then compared with that participant's period statement
//!   (`Engine::period_statement`), otherwise with the version-1 statement
//!   (`Engine::statement`).
//!
//! - `"payouts": { … }` (optional): compared, the same way, with when the
//!   participant's pay is paid (`Engine::payouts`), not with the statement.
//!
//! Both keys are statement fields too, and are compared like the rest. The
//! comparison is a subset: every key the expected object gives must be in
//! the statement with an equal value — objects key by key, recursively;
//! arrays element by element and of the same length (`{}` matches any
//! element); strings, numbers, booleans and null exactly (so `"0.5"` is not
//! `"0.50"`: the document shows what the engine prints). Keys the expected
//! object leaves out are not checked.
//!
//! Set `FORMAT_DOC_SHOW=1` to print every example's statements (the figures
//! the prose explains).

use incentive_widget::Engine;
use serde_json::Value;
use std::collections::BTreeMap;

const ROLES: &[&str] = &["plan", "activity", "expected"];

/// One fenced block of an example: its role, its text and its line in the
/// document (for messages).
#[derive(Debug, Clone)]
struct Block {
    role: String,
    text: String,
    line: usize,
}

fn document() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/FORMAT.md");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The `example=NAME` and role of an info string such as
/// `json example=tiers plan`; None when the block is not an example's.
fn example_tag(info: &str) -> Option<(String, Option<String>)> {
    let words: Vec<&str> = info.split_whitespace().collect();
    let name = words.iter().find_map(|w| w.strip_prefix("example="))?;
    let role = words
        .iter()
        .find(|w| ROLES.contains(w))
        .map(|w| w.to_string());
    Some((name.to_string(), role))
}

/// Every example's blocks by name, in document order, or the first
/// problem with the document's fences.
fn examples_of(doc: &str) -> Result<BTreeMap<String, Vec<Block>>, String> {
    let mut out: BTreeMap<String, Vec<Block>> = BTreeMap::new();
    let mut lines = doc.lines().enumerate();
    while let Some((i, line)) = lines.next() {
        let trimmed = line.trim_start();
        let Some(info) = trimmed.strip_prefix("```") else {
            continue;
        };
        let mut body = Vec::new();
        let mut closed = false;
        for (_, l) in lines.by_ref() {
            if l.trim_start().starts_with("```") {
                closed = true;
                break;
            }
            body.push(l);
        }
        if !closed {
            return Err(format!("line {}: a fenced block is never closed", i + 1));
        }
        let Some((name, role)) = example_tag(info) else {
            continue;
        };
        let role = role.ok_or_else(|| {
            format!(
                "line {}: example {name:?} has a block without a role ({})",
                i + 1,
                ROLES.join(", ")
            )
        })?;
        out.entry(name).or_default().push(Block {
            role,
            text: body.join("\n"),
            line: i + 1,
        });
    }
    Ok(out)
}

/// An example's plan, activity and expected values; the problem when a
/// role is missing, repeated or not JSON.
fn parts(name: &str, blocks: &[Block]) -> Result<[Value; 3], String> {
    let mut found: [Option<Value>; 3] = [None, None, None];
    for b in blocks {
        let k = ROLES.iter().position(|r| *r == b.role).unwrap();
        if found[k].is_some() {
            return Err(format!(
                "example {name:?}: a second {} block (line {})",
                b.role, b.line
            ));
        }
        let v: Value = serde_json::from_str(&b.text).map_err(|e| {
            format!(
                "example {name:?}: the {} block (line {}) is not JSON: {e}",
                b.role, b.line
            )
        })?;
        found[k] = Some(v);
    }
    let missing: Vec<&str> = ROLES
        .iter()
        .zip(&found)
        .filter(|(_, v)| v.is_none())
        .map(|(r, _)| *r)
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "example {name:?} has no {} block",
            missing.join(" or ")
        ));
    }
    let [p, a, e] = found;
    Ok([p.unwrap(), a.unwrap(), e.unwrap()])
}

/// The first difference between `actual` and the `expected` subset, as a
/// path and both values.
fn subset(actual: &Value, expected: &Value, path: &str) -> Result<(), String> {
    match (actual, expected) {
        (Value::Object(a), Value::Object(e)) => e.iter().try_for_each(|(k, ev)| {
            let p = format!("{path}.{k}");
            match a.get(k) {
                Some(av) => subset(av, ev, &p),
                None => Err(format!("{p}: not in the statement")),
            }
        }),
        (Value::Array(a), Value::Array(e)) if a.len() != e.len() => Err(format!(
            "{path}: {} items in the statement, {} expected",
            a.len(),
            e.len()
        )),
        (Value::Array(a), Value::Array(e)) => a
            .iter()
            .zip(e)
            .enumerate()
            .try_for_each(|(i, (x, y))| subset(x, y, &format!("{path}[{i}]"))),
        _ if actual == expected => Ok(()),
        _ => Err(format!(
            "{path}: the statement has {actual}, expected {expected}"
        )),
    }
}

/// The statement an expected object names (by participant and, for a plan
/// year, pay period).
fn statement_for(engine: &Engine, name: &str, want: &Value) -> Result<Value, String> {
    let who = want["participant"]
        .as_str()
        .ok_or_else(|| format!("example {name:?}: an expected object without \"participant\""))?;
    match want.get("period") {
        None => engine.statement(who).map(|s| s.to_json()),
        Some(Value::String(period)) => engine.period_statement(who, period).map(|s| s.to_json()),
        Some(other) => {
            return Err(format!(
                "example {name:?}: \"period\" must be a pay period id, not {other}"
            ))
        }
    }
    .map_err(|e| format!("example {name:?}: {who}: {e}"))
}

/// Scores one example; the first difference, with the statement, when it
/// does not agree.
fn check(name: &str, [plan, activity, expected]: &[Value; 3]) -> Result<(), String> {
    let engine = Engine::from_values(plan, activity)
        .map_err(|e| format!("example {name:?} is rejected:\n{e}"))?;
    let wants: Vec<&Value> = match expected {
        Value::Array(items) if !items.is_empty() => items.iter().collect(),
        Value::Object(_) => vec![expected],
        _ => {
            return Err(format!(
                "example {name:?}: expected must be an object or a non-empty list of objects"
            ))
        }
    };
    for want in wants {
        let actual = statement_for(&engine, name, want)?;
        if std::env::var_os("FORMAT_DOC_SHOW").is_some() {
            println!(
                "== {name}\n{}",
                serde_json::to_string_pretty(&actual).unwrap()
            );
        }
        let who = format!("{name}:{}", want["participant"].as_str().unwrap_or("?"));
        // "payouts": when it is paid, compared with `Engine::payouts`.
        let mut want = want.clone();
        let payouts = want.as_object_mut().and_then(|o| o.remove("payouts"));
        subset(&actual, &want, &who).map_err(|d| {
            format!(
                "example {name:?}: {d}\nthe statement:\n{}",
                serde_json::to_string_pretty(&actual).unwrap()
            )
        })?;
        if let Some(payouts) = payouts {
            let id = want["participant"].as_str().unwrap_or("");
            let got = engine
                .payouts(id)
                .map(|p| serde_json::to_value(p).unwrap())
                .map_err(|e| format!("example {name:?}: {id}: {e}"))?;
            subset(&got, &payouts, &format!("{who}.payouts")).map_err(|d| {
                format!(
                    "example {name:?}: {d}\nthe payouts:\n{}",
                    serde_json::to_string_pretty(&got).unwrap()
                )
            })?;
        }
    }
    Ok(())
}

#[test]
fn every_worked_example_in_format_md_scores_as_written() {
    let examples = examples_of(&document()).unwrap_or_else(|e| panic!("docs/FORMAT.md: {e}"));
    let failures: Vec<String> = examples
        .iter()
        .filter_map(|(name, blocks)| parts(name, blocks).and_then(|p| check(name, &p)).err())
        .collect();
    assert!(
        failures.is_empty(),
        "docs/FORMAT.md: {} of {} examples disagree with the engine:\n\n{}",
        failures.len(),
        examples.len(),
        failures.join("\n\n")
    );
}

#[test]
fn format_md_has_at_least_four_uniquely_named_examples() {
    let doc = document();
    let examples = examples_of(&doc).unwrap_or_else(|e| panic!("docs/FORMAT.md: {e}"));
    assert!(
        examples.len() >= 4,
        "docs/FORMAT.md has {} worked examples; at least 4 are needed: {:?}",
        examples.len(),
        examples.keys().collect::<Vec<_>>()
    );
    // A name is unique when it has one block of each role: a second plan
    // (activity, expected) block means two examples share the name.
    for (name, blocks) in &examples {
        for role in ROLES {
            let lines: Vec<usize> = blocks
                .iter()
                .filter(|b| b.role == *role)
                .map(|b| b.line)
                .collect();
            assert!(
                lines.len() <= 1,
                "example name {name:?} is used by more than one example: {role} blocks at lines {lines:?}"
            );
        }
    }
}

#[test]
fn the_extraction_and_the_comparison_can_fail() {
    let doc = "```json example=a plan\n{}\n```\n\n```json example=a activity\n{}\n```\n\
               ```json example=b plan\n{}\n```\n```json example=b expected\n{}\n```\n";
    let ex = examples_of(doc).unwrap();
    assert_eq!(ex.len(), 2);
    let missing = parts("a", &ex["a"]).unwrap_err();
    assert!(missing.contains("no expected block"), "{missing}");
    let missing = parts("b", &ex["b"]).unwrap_err();
    assert!(missing.contains("no activity block"), "{missing}");
    assert!(examples_of("```json example=c plan\n{}\n").is_err());
    assert!(examples_of("```json example=c\n{}\n```\n").is_err());
    // Blocks that are not examples are left alone.
    assert!(examples_of("```json\n{ not json\n```\n")
        .unwrap()
        .is_empty());

    let actual = serde_json::json!({ "paid": "1.00", "components": [ { "earned": "1.00" }, {} ] });
    assert!(subset(&actual, &serde_json::json!({ "paid": "1.00" }), "").is_ok());
    assert!(subset(
        &actual,
        &serde_json::json!({ "components": [ {}, {} ] }),
        ""
    )
    .is_ok());
    assert!(subset(&actual, &serde_json::json!({ "paid": "1.0" }), "").is_err());
    assert!(subset(&actual, &serde_json::json!({ "due": "1.00" }), "").is_err());
    assert!(subset(&actual, &serde_json::json!({ "components": [ {} ] }), "").is_err());
    assert!(subset(
        &actual,
        &serde_json::json!({ "components": [ { "earned": "2.00" }, {} ] }),
        ""
    )
    .is_err());
}
