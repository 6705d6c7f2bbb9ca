//! Hostile input: the fuzz corpus seeds and every crash ever found replay
//! here (fuzz/seeds/*, fuzz/regressions/*), and the documented limits answer
//! with `too_large` and a path instead of exhausting anything.

use crate::common::*;
use incentive_widget::whatif::what_if;
use incentive_widget::{fuzzing, limits, Engine, ErrorCode};
use serde_json::{json, Value};
use std::path::PathBuf;

fn files(dir: &str) -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz")
        .join(dir);
    let mut out = Vec::new();
    for target in std::fs::read_dir(&root).into_iter().flatten().flatten() {
        for f in std::fs::read_dir(target.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            out.push(f.path());
        }
    }
    out.sort();
    out
}

fn run(target: &str, data: &[u8]) {
    match target {
        "plan" => fuzzing::plan(data),
        "activity" => fuzzing::activity(data),
        "score" => fuzzing::score(data),
        "what_if" => fuzzing::what_if(data),
        other => panic!("unknown fuzz target folder {other}"),
    }
}

#[test]
fn fuzz_seeds_and_regressions_replay() {
    let seeds = files("seeds");
    assert!(seeds.len() >= 10, "the committed seeds are there");
    for f in seeds.iter().chain(files("regressions").iter()) {
        let target = f.parent().unwrap().file_name().unwrap().to_str().unwrap();
        run(target, &std::fs::read(f).unwrap());
    }
}

#[test]
fn fuzz_entry_points_take_garbage() {
    for data in [
        &b""[..],
        b"\xff\xfe",
        b"[",
        b"{}",
        b"null",
        b"[[[[[[[[[[",
        b"{\"a\":1e999}",
        &[0u8; 64][..],
    ] {
        for t in ["plan", "activity", "score", "what_if"] {
            run(t, data);
        }
    }
}

#[test]
fn deep_nesting_is_refused_not_a_stack_overflow() {
    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    let e = Engine::from_json(&deep, "{}").unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidJson);
    assert!(e.problems[0].message.contains("recursion limit"), "{e}");
}

#[test]
fn limits_answer_too_large_with_a_path() {
    let plan = plan_with(json!([ { "kind": "commission", "name": "C", "rate": "0.1" } ]));
    // A string over the limit.
    let mut a = activity_with(json!([deal("D1", "2027-01-10", "5")]));
    a["deals"][0]["name"] = json!("x".repeat(limits::MAX_STRING + 1));
    let e = errors(&plan, &a);
    assert_eq!(e.code, ErrorCode::TooLarge);
    assert_eq!(e.problems[0].path, "activity.deals[0].name");
    // Too many lines on one deal, too many touches on one deal, too many owners.
    let mut a = activity_with(json!([deal("D1", "2027-01-10", "5")]));
    let d = a["deals"][0].as_object_mut().unwrap();
    d.remove("amount");
    d.insert(
        "lines".into(),
        Value::Array(vec![json!({ "amount": "1" }); limits::MAX_LINES + 1]),
    );
    d.insert(
        "touches".into(),
        Value::Array(vec![
            json!({ "at": "2027-01-01" });
            limits::MAX_TOUCHES_PER_DEAL + 1
        ]),
    );
    let e = errors(&plan, &a);
    assert_eq!(e.code, ErrorCode::TooLarge);
    let paths: Vec<&str> = e.problems.iter().map(|p| p.path.as_str()).collect();
    assert!(
        paths.contains(&"activity.deals[0].lines") && paths.contains(&"activity.deals[0].touches"),
        "{e}"
    );
    // Too many what-if changes.
    let engine = Engine::from_values(&plan, &activity_with(json!([]))).unwrap();
    let many = Value::Array(vec![
        json!({ "op": "set_company_revenue", "amount": "1" });
        limits::MAX_CHANGES + 1
    ]);
    assert_eq!(
        what_if(&engine, "rep", &many).unwrap_err().code,
        ErrorCode::TooLarge
    );
}

/// A company's statements are computed on several threads natively: the
/// same statements in the same order as one after another, and overflows
/// named by their own participant's index.
#[test]
fn statements_on_several_threads_are_the_statements_in_order() {
    use incentive_widget::engine::score::Detail;
    use incentive_widget::workload::{self, Size};
    let size = Size {
        participants: 150,
        deals: 3000,
        touches: 9000,
        seed: 11,
        deals_of_first: 30,
        leads: 0,
        attempts: 0,
    };
    let e = Engine::from_values(&workload::plan(), &workload::activity(size)).unwrap();
    let mut one_by_one = Vec::new();
    e.each_statement(Detail::Explained, |s| one_by_one.push(s))
        .unwrap();
    assert_eq!(one_by_one.len(), 150);
    assert_eq!(e.statements().unwrap(), one_by_one);

    // Overflows at both ends of the list: each named by its index.
    let plan = plan_with(
        json!([ { "kind": "bonus", "name": "B", "target": "999999999999999", "measure": "quota",
        "curve": [ { "at": "0.5", "payout": "0.5" }, { "at": "1", "payout": "1" } ] } ]),
    );
    let mut a = activity_with(json!([deal("D1", "2027-01-10", "999999999999999")]));
    let rep = a["participants"][0].clone();
    let people: Vec<Value> = (0..120)
        .map(|i| {
            let mut p = rep.clone();
            p["id"] = json!(format!("p{i}"));
            p["quota"] = json!(if i == 3 || i == 117 {
                "0.000000000001"
            } else {
                "100000"
            });
            p
        })
        .collect();
    a["participants"] = Value::Array(people);
    a["deals"][0]["owners"] = json!([ { "participant": "p3", "split": "0.5" }, { "participant": "p117", "split": "0.5" } ]);
    let err = Engine::from_values(&plan, &a)
        .unwrap()
        .statements()
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::TooLarge);
    let paths: Vec<&str> = err.problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        ["activity.participants[3]", "activity.participants[117]"]
    );
}

/// The activity reader that streams the text deal by deal reports what the
/// whole-document reader reports, shape by shape.
#[test]
fn streaming_reader_agrees_with_the_whole_document_reader() {
    use incentive_widget::fuzzing::same_reading;
    let plan = plan_with(json!([ { "kind": "commission", "name": "C", "rate": "0.1" } ]));
    let good = activity_with(json!([
        deal("D1", "2027-01-10", "5"),
        deal("D2", "2027-01-11", "7")
    ]));
    let mut cases = vec![
        good.clone(),
        json!([]),
        json!("activity"),
        json!(null),
        json!({}),
        json!({ "participants": [] }),
    ];
    for deals in [
        json!({}),
        json!("x"),
        json!(null),
        json!(7),
        json!([1, "two", null]),
        json!([[]]),
    ] {
        let mut a = good.clone();
        a["deals"] = deals;
        cases.push(a);
    }
    let mut bad_deal = good.clone();
    bad_deal["deals"][1]["close_date"] = json!("someday");
    bad_deal["participants"][0]["quota"] = json!("-1");
    cases.push(bad_deal);
    for a in &cases {
        let text = a.to_string();
        same_reading(
            &Engine::from_values(&plan, a),
            &Engine::from_activity_text(&plan, &text, "activity"),
        );
    }
    // A repeated `deals` key: the last one counts in both.
    let text =
        r#"{"participants":[{"id":"rep","role":"ae","quota":"100"}],"deals":"nope","deals":[]}"#;
    same_reading(
        &Engine::from_values(&plan, &serde_json::from_str(text).unwrap()),
        &Engine::from_activity_text(&plan, text, "activity"),
    );
    // Not JSON, trailing text: a JSON error either way.
    for text in ["{\"deals\": [", "{} x", ""] {
        let e = Engine::from_activity_text(&plan, text, "activity").unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidJson, "{text}: {e}");
        assert_eq!(e, Engine::from_json(&plan.to_string(), text).unwrap_err());
    }
}

#[test]
fn odd_numbers_and_keys() {
    let plan = plan_with(json!([ { "kind": "commission", "name": "C", "rate": "0.1" } ]));
    // 1e308 and -0 as JSON numbers; __proto__ keys are just unknown fields.
    let mut a = activity_with(json!([deal("D1", "2027-01-10", "5")]));
    a["deals"][0]["amount"] = json!(1e308);
    assert_eq!(
        errors(&plan, &a).problems[0].path,
        "activity.deals[0].amount"
    );
    a["deals"][0]["amount"] = json!(-0.0);
    a["__proto__"] = json!({ "polluted": true });
    a["deals"][0]["__proto__"] = json!(1);
    assert_eq!(str_of(&statement(&plan, &a, "rep"), "/earned"), "0.00");
    let mut bad_plan = plan.clone();
    bad_plan["__proto__"] = json!({});
    assert_eq!(errors(&bad_plan, &a).problems[0].path, "plan.__proto__");
    // Wrong types everywhere: every problem reported, nothing panics.
    let chaos = json!({ "participants": "everyone", "deals": { "D1": 1 }, "payments": [ 1, "x", null ], "company": [] });
    let e = errors(&plan, &chaos);
    assert!(e.problems.len() >= 4, "{e}");
}

#[test]
fn overflow_is_an_error_naming_the_participant_not_a_panic() {
    // Found by the score fuzz target (fuzz/regressions/score/): an uncapped
    // bonus curve on a quota of 0.01 extrapolates past 10^28. rust_decimal
    // would panic; the engine refuses the statement instead.
    let plan = plan_with(
        json!([ { "kind": "bonus", "name": "B", "target": "999999999999999", "measure": "quota",
        "curve": [ { "at": "0.5", "payout": "0.5" }, { "at": "1", "payout": "1" } ] } ]),
    );
    let mut a = activity_with(json!([deal("D1", "2027-01-10", "999999999999999")]));
    a["participants"][0]["quota"] = json!("0.000000000001");
    let e = Engine::from_values(&plan, &a).unwrap();
    let err = e.statements().unwrap_err();
    assert_eq!(err.code, ErrorCode::TooLarge);
    assert_eq!(err.problems[0].path, "activity.participants[0]");
    assert!(
        err.problems[0]
            .message
            .contains("\"rep\"'s pay cannot be computed exactly"),
        "{err}"
    );
    assert_eq!(e.statement("rep").unwrap_err().code, ErrorCode::TooLarge);
    // A sane quota on the same engine type computes.
    a["participants"][0]["quota"] = json!("100000");
    assert!(Engine::from_values(&plan, &a).unwrap().statements().is_ok());
}
