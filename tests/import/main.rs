//! `incentive import`: CRM exports (www/demo/crm) to an activity, scored to
//! the figures of the committed expected file.

use incentive_widget::import::{import, read_mapping, Csv};
use incentive_widget::Engine;
use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap()
}

const PLAN: &str = "../shared/fixtures/joint-company-goal/plan.json";

/// (mapping, opportunities, touches) of each sample export.
const SAMPLES: [(&str, &str, &str); 2] = [
    (
        "salesforce.toml",
        "salesforce-opportunities.csv",
        "salesforce-campaign-influence.csv",
    ),
    ("hubspot.toml", "hubspot-deals.csv", "hubspot-touches.csv"),
];

fn imported(mapping: &str, opps: &str, touches: &str) -> String {
    let at = |f: &str| format!("www/demo/crm/{f}");
    let m = read_mapping(&read(&at(mapping)), mapping).unwrap();
    let (o, t) = (read(&at(opps)), read(&at(touches)));
    let activity = import(
        &m,
        Csv {
            name: opps,
            text: &o,
        },
        Some(Csv {
            name: touches,
            text: &t,
        }),
        None,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    serde_json::to_string(&activity).unwrap()
}

#[test]
fn samples_score_to_the_expected_figures() {
    let expected: serde_json::Value =
        serde_json::from_str(&read("www/demo/crm/expected.json")).unwrap();
    let fixture = Engine::from_json(
        &read(PLAN),
        &read("../shared/fixtures/joint-company-goal/activity.json"),
    )
    .unwrap()
    .statements()
    .unwrap();
    for (mapping, opps, touches) in SAMPLES {
        let activity = imported(mapping, opps, touches);
        let statements = Engine::from_json(&read(PLAN), &activity)
            .unwrap_or_else(|e| panic!("{mapping}: {e}"))
            .statements()
            .unwrap();
        let got: Vec<serde_json::Value> = statements
            .iter()
            .map(|s| {
                let v = s.to_json();
                let keys = [
                    "participant",
                    "quota_credit",
                    "attainment",
                    "earned",
                    "payable",
                    "paid",
                    "due",
                ];
                keys.iter().map(|k| (k.to_string(), v[k].clone())).collect()
            })
            .collect();
        assert_eq!(
            serde_json::Value::from(got),
            expected["statements"],
            "{mapping}"
        );
        // The exports restate the shared fixture: the very same statements.
        assert_eq!(statements, fixture, "{mapping}");
    }
}

#[test]
fn every_bad_row_is_reported_at_file_row_column() {
    let dir = std::env::temp_dir().join(format!("incentive-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let opps = dir.join("opps.csv");
    std::fs::write(
        &opps,
        "Opportunity ID,Account Name,Type,Lead Source,Stage,Amount,Close Date,Opportunity Owner,Split Percentage\n\
         X-1,A,Nwe,Inbound,Closed Won,\"$1,00\",13/1/2027,Nobody,100%\n\
         X-2,B,Renewal,Inbound,Closed Won,100,1/1/2027,Ada Park,60%\n\
         X-3,C,Renewal,Inbound,Closed Won,100,1/2/2027\n\
         X-4,D,Renewal,Inbound,Stalled,100,1/2/2027,Ada Park,100%\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_incentive"))
        .arg("import")
        .arg("--mapping")
        .arg(root().join("www/demo/crm/salesforce.toml"))
        .arg("--opportunities")
        .arg(&opps)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    let f = opps.display().to_string();
    let lines: Vec<&str> = err.lines().collect();
    let want = [
        format!("{f}:2:Amount: \"$1,00\" is not an amount"),
        format!("{f}:2:Close Date: \"13/1/2027\" is not a date in the format \"%m/%d/%Y\""),
        format!("{f}:2:Opportunity Owner: \"Nobody\" is not a participant"),
        format!("{f}:2:Type: \"Nwe\" is not a deal type (new, expansion or renewal)"),
        format!("{f}:3:Split Percentage: the splits of deal \"X-2\" (rows 3) add up to 0.6"),
        format!("{f}:4:: has 7 fields; the header has 9"),
        format!("{f}:5:Stage: \"Stalled\" is not a stage the plan knows"),
    ];
    assert_eq!(lines.len(), want.len(), "{err}");
    for (line, want) in lines.iter().zip(&want) {
        assert!(line.starts_with(want.as_str()), "{line}\n  wanted {want}");
    }
}

#[test]
fn payments_and_owner_names() {
    let mapping = read_mapping(
        r#"
        date_format = "%Y-%m-%d"
        [[participants]]
        id = "rep-ada"
        role = "hunter"
        [owners]
        "apark@example.com" = "rep-ada"
        [opportunities.columns]
        id = "Id"
        amount = "Amount"
        close_date = "Closed"
        owner = "Owner"
        [payments.columns]
        participant = "Payee"
        amount = "Paid"
        deal = "Deal"
        date = "On"
        "#,
        "m.toml",
    )
    .unwrap();
    let a = import(
        &mapping,
        Csv {
            name: "o.csv",
            text: "Id,Amount,Closed,Owner\nD-1,\"1,200.50\",2027-01-05,APark@example.com\n",
        },
        None,
        Some(Csv {
            name: "p.csv",
            text: "Payee,Paid,Deal,On\nrep-ada,USD 100,D-1,2027-01-31\n",
        }),
    )
    .unwrap();
    let v = serde_json::to_value(&a).unwrap();
    assert_eq!(v["deals"][0]["amount"], "1200.50");
    assert_eq!(v["deals"][0]["owners"][0]["participant"], "rep-ada");
    assert_eq!(
        v["payments"][0],
        serde_json::json!({ "participant": "rep-ada", "deal": "D-1", "amount": "100", "date": "2027-01-31" })
    );
    let e = read_mapping("[opportunities.columns]\nid = \"Id\"\n", "bad.toml").unwrap_err();
    assert!(e.to_string().starts_with("bad.toml:"), "{e}");
}
