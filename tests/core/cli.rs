//! The `incentive` command as finance runs it.

use std::path::PathBuf;
use std::process::{Command, Output};

fn incentive(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_incentive"))
        .args(args)
        .output()
        .unwrap()
}

fn fixture(name: &str, file: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/fixtures")
        .join(name)
        .join(file)
        .display()
        .to_string()
}

fn temp(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("incentive-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

#[test]
fn score_one_participant() {
    let out = incentive(&[
        "score",
        "--plan",
        &fixture("capped-component", "plan.json"),
        "--activity",
        &fixture("capped-component", "activity.json"),
        "--participant",
        "rep-zoe",
    ]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["participant"], "rep-zoe");
    assert_eq!(v["earned"], "15500.00");
}

#[test]
fn unknown_participant_exits_2() {
    let out = incentive(&[
        "score",
        "--plan",
        &fixture("capped-component", "plan.json"),
        "--activity",
        &fixture("capped-component", "activity.json"),
        "--participant",
        "nobody",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("participant: \"nobody\""));
}

#[test]
fn problems_go_to_stderr_as_path_lines() {
    let plan = temp(
        "bad-plan.json",
        r#"{ "name": "x", "currency": "USD", "period": { "start": "2027-01-01", "end": "2027-03-31" },
        "roles": [ { "id": "ae", "name": "AE", "components": [ { "kind": "commission", "name": "C", "rate ": "0.1" } ] } ] }"#,
    );
    let out = incentive(&["validate", "--plan", &plan]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("plan.roles[0].components[0][\"rate \"]: unknown field")),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn unreadable_file_and_bad_json() {
    let out = incentive(&["validate", "--plan", "/nonexistent/plan.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("/nonexistent/plan.json: cannot read"));
    let bad = temp("broken.json", "{\n  \"name\": \"x\",\n  oops\n}");
    let out = incentive(&["validate", "--plan", &bad]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("broken.json") && err.contains("line 3"),
        "{err}"
    );
}

#[test]
fn validate_ok() {
    let out = incentive(&[
        "validate",
        "--plan",
        &fixture("joint-company-goal", "plan.json"),
        "--activity",
        &fixture("joint-company-goal", "activity.json"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("ok:"));
}

#[test]
fn schema_is_derived_from_the_types() {
    let out = incentive(&["schema", "plan"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["title"], "incentive-plan/1");
    assert_eq!(v["additionalProperties"], false);
    let props = v["properties"].as_object().unwrap();
    for k in [
        "name",
        "currency",
        "period",
        "rounding",
        "currency_scale",
        "company_goal",
        "roles",
    ] {
        assert!(props.contains_key(k), "{k}");
    }
    let out = incentive(&["schema", "activity"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["properties"]["deals"].is_object());
    assert!(v.to_string().contains("lead_created"));
    assert_eq!(incentive(&["schema", "nope"]).status.code(), Some(2));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(incentive(&[]).status.code(), Some(2));
    assert_eq!(incentive(&["score", "--plan"]).status.code(), Some(2));
    assert_eq!(incentive(&["score", "--bogus", "x"]).status.code(), Some(2));
    assert_eq!(incentive(&["frobnicate"]).status.code(), Some(2));
    assert!(incentive(&["--help"]).status.success());
}

fn plan_year(name: &str, file: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/plan-year")
        .join(name)
        .join(file)
        .display()
        .to_string()
}

fn stdout_json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn jsonl(out: &Output) -> Vec<serde_json::Value> {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn help_and_version_on_every_command() {
    let commands: [&[&str]; 7] = [
        &[],
        &["score"],
        &["validate"],
        &["schema"],
        &["workload"],
        &["periods"],
        &["import"],
    ];
    for command in commands {
        for help in ["--help", "-h"] {
            let out = incentive(&[command, &[help]].concat());
            assert_eq!(out.status.code(), Some(0), "{command:?} {help}");
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(
                text.contains("Examples:\n  incentive"),
                "{command:?}: {text}"
            );
            assert!(out.stderr.is_empty());
        }
        let out = incentive(&[command, &["--version"]].concat());
        assert_eq!(out.status.code(), Some(0), "{command:?} --version");
        assert!(String::from_utf8_lossy(&out.stdout).contains(env!("CARGO_PKG_VERSION")));
    }
    let top = String::from_utf8(incentive(&["--help"]).stdout).unwrap();
    for code in ["Exit codes:", "  0  ", "  2  ", "  1  "] {
        assert!(top.contains(code), "{code}: {top}");
    }
    assert!(incentive(&["help", "score"]).status.success());
}

#[test]
fn bad_flags_exit_2_with_a_message() {
    let plan = fixture("capped-component", "plan.json");
    let activity = fixture("capped-component", "activity.json");
    for args in [
        &["score", "--plan", &plan, "--activity", &activity, "--bogus"][..],
        &[
            "score",
            "--plan",
            &plan,
            "--activity",
            &activity,
            "--format",
            "xml",
        ],
        &["score", "--plan", &plan],
        &["workload", "--out", "/tmp/x", "--deals", "many"],
        &["schema", "nope"],
    ] {
        let out = incentive(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with("error: "), "{args:?}: {err}");
        assert!(err.contains("--help"), "{args:?}: {err}");
    }
    let out = incentive(&["score", "--plan", &plan, "--activity", &activity, "--bogus"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("'--bogus'"));
}

#[test]
fn options_keep_their_old_spellings() {
    // `--name=value`, and a repeated option takes its last value.
    let out = incentive(&[
        "score",
        "--plan=/nonexistent/plan.json",
        &format!("--plan={}", fixture("capped-component", "plan.json")),
        "--activity",
        &fixture("capped-component", "activity.json"),
        "--participant=rep-zoe",
    ]);
    assert_eq!(stdout_json(&out)["earned"], "15500.00");
}

#[test]
fn jsonl_is_the_json_statements_one_a_line() {
    for name in ["joint-company-goal", "marginal-vs-retroactive"] {
        let base = [
            "score",
            "--plan",
            &fixture(name, "plan.json"),
            "--activity",
            &fixture(name, "activity.json"),
        ];
        let json = stdout_json(&incentive(&base));
        let same = incentive(&[&base[..], &["--format", "json"]].concat());
        assert_eq!(same.stdout, incentive(&base).stdout, "json is the default");
        let lines = jsonl(&incentive(&[&base[..], &["--format", "jsonl"]].concat()));
        let statements = json.as_array().unwrap();
        assert!(statements.len() > 1);
        assert_eq!(&lines, statements, "{name}");
        let first = statements[0]["participant"].as_str().unwrap();
        let one = jsonl(&incentive(
            &[&base[..], &["--format", "jsonl", "--participant", first]].concat(),
        ));
        assert_eq!(one, [statements[0].clone()]);
    }
}

fn library_periods(name: &str, participant: &str) -> Vec<serde_json::Value> {
    let read = |f: &str| std::fs::read_to_string(plan_year(name, f)).unwrap();
    library_year(&read("plan.json"), &read("activity.json"), participant)
}

fn library_year(plan: &str, activity: &str, participant: &str) -> Vec<serde_json::Value> {
    let engine = incentive_widget::Engine::from_json(plan, activity).unwrap();
    let statements = engine.period_statements(participant).unwrap();
    statements.iter().map(|s| s.to_json()).collect()
}

#[test]
fn period_is_the_library_period_statement() {
    let (plan, activity) = (
        plan_year("ytd-marginal-12", "plan.json"),
        plan_year("ytd-marginal-12", "activity.json"),
    );
    let year = library_periods("ytd-marginal-12", "rep-ada");
    let base = ["score", "--plan", &plan, "--activity", &activity];
    let one = stdout_json(&incentive(
        &[
            &base[..],
            &["--participant", "rep-ada", "--period", "2027-03"],
        ]
        .concat(),
    ));
    assert_eq!(one, year[2]);
    assert_eq!(one["earned"], "25000.00");
    let all = stdout_json(&incentive(&[&base[..], &["--period", "2027-02"]].concat()));
    assert_eq!(all, serde_json::json!([year[1].clone()]));
    assert_eq!(all[0]["balance"], "0.00");

    let out = incentive(&[&base[..], &["--period", "2027-13"]].concat());
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with(
            "period: \"2027-13\" is not a pay period of the plan (\"2027-01\", \"2027-02\","
        ) && err.contains("or \"2027-12\")"),
        "{err}"
    );
}

#[test]
fn to_date_runs_to_the_current_or_given_period() {
    // as_of 2027-06-30, the plan's end: January to June.
    let name = "quarterly-true-up";
    let (plan, activity) = (
        plan_year(name, "plan.json"),
        plan_year(name, "activity.json"),
    );
    let p = "rep-ada";
    let year = library_periods(name, p);
    let base = ["score", "--plan", &plan, "--activity", &activity];
    let to_date = stdout_json(&incentive(
        &[&base[..], &["--participant", p, "--to-date"]].concat(),
    ));
    assert_eq!(to_date, serde_json::Value::from(year[..6].to_vec()));
    let to_march = jsonl(&incentive(
        &[
            &base[..],
            &["--to-date", "--period", "2027-03", "--format", "jsonl"],
        ]
        .concat(),
    ));
    assert_eq!(to_march, year[..3]);

    // as_of moved to April 30: January to April.
    let text = std::fs::read_to_string(&activity).unwrap();
    let april = text.replace("\"as_of\": \"2027-06-30\"", "\"as_of\": \"2027-04-30\"");
    assert_ne!(april, text);
    let year = library_year(&std::fs::read_to_string(&plan).unwrap(), &april, p);
    let april = temp("as-of-april.json", &april);
    let to_date = jsonl(&incentive(&[
        "score",
        "--plan",
        &plan,
        "--activity",
        &april,
        "--to-date",
        "--format",
        "jsonl",
    ]));
    assert_eq!(to_date.len(), 4);
    assert_eq!(to_date, year[..4]);

    // Several participants: each one's periods in turn.
    let name = "clawbacks";
    let (plan, activity) = (
        plan_year(name, "plan.json"),
        plan_year(name, "activity.json"),
    );
    let out = stdout_json(&incentive(&[
        "score",
        "--plan",
        &plan,
        "--activity",
        &activity,
        "--to-date",
        "--period",
        "2027-02",
    ]));
    let got: Vec<(String, String)> = out
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["participant"].to_string(), s["period"].to_string()))
        .collect();
    assert_eq!(got.len(), 6, "{got:?}");
    assert_eq!(got[0].0, got[1].0);
    assert_ne!(got[1].0, got[2].0);
    assert_eq!(got[1].1, "\"2027-02\"");
}

#[test]
fn periods_lists_the_pay_periods() {
    let name = "quarterly-true-up";
    let out = stdout_json(&incentive(&[
        "periods",
        "--plan",
        &plan_year(name, "plan.json"),
        "--activity",
        &plan_year(name, "activity.json"),
    ]));
    assert_eq!(out["current"], "2027-06");
    let periods = out["periods"].as_array().unwrap();
    assert_eq!(periods.len(), 6, "the plan runs January to June");
    assert_eq!(
        periods[1],
        serde_json::json!({ "id": "2027-02", "start": "2027-02-01", "end": "2027-02-28" })
    );
    // A plan without pay periods is one period.
    let out = stdout_json(&incentive(&[
        "periods",
        "--plan",
        &fixture("capped-component", "plan.json"),
        "--activity",
        &fixture("capped-component", "activity.json"),
    ]));
    assert_eq!(out["periods"].as_array().unwrap().len(), 1);
    assert_eq!(out["current"], out["periods"][0]["id"]);
}

#[test]
fn pipeline_prints_one_participant_s_pipeline_view() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pipeline/handoff");
    let (plan, activity) = (dir.join("plan.json"), dir.join("activity.json"));
    let out = incentive(&[
        "pipeline",
        "--plan",
        plan.to_str().unwrap(),
        "--activity",
        activity.to_str().unwrap(),
        "--participant",
        "ada",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let view: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(view["routed"]["measures"][0]["value"], "0.75");
    assert_eq!(view["company"]["stage"], "partnership");
    // Without a ledger: the engine's error, with its path.
    let out = incentive(&[
        "pipeline",
        "--plan",
        &fixture("joint-company-goal", "plan.json"),
        "--activity",
        &fixture("joint-company-goal", "activity.json"),
        "--participant",
        "mkt-cho",
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("activity.leads"));
}

#[test]
fn cut_writes_one_viewers_activity_that_scores_the_same() {
    let (plan, activity) = (
        fixture("joint-company-goal", "plan.json"),
        fixture("joint-company-goal", "activity.json"),
    );
    let out = incentive(&[
        "cut",
        "--plan",
        &plan,
        "--activity",
        &activity,
        "--participant",
        "mkt-cho",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cut = temp("cut.json", &String::from_utf8(out.stdout).unwrap());
    let score = |a: &str| {
        incentive(&[
            "score",
            "--plan",
            &plan,
            "--activity",
            a,
            "--participant",
            "mkt-cho",
        ])
        .stdout
    };
    assert_eq!(
        score(&cut),
        score(&activity),
        "the same statement, byte for byte"
    );
    let out = incentive(&[
        "cut",
        "--plan",
        &plan,
        "--activity",
        &activity,
        "--participant",
        "nobody",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&incentive(&["cut", "--help"]).stdout).contains("Examples:"));
}
