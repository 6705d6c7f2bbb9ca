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
        format!("{f}:2:Amount: “$1,00” is not an amount"),
        format!("{f}:2:Close Date: “13/1/2027” is not a date as MM/DD/YYYY"),
        format!("{f}:2:Opportunity Owner: “Nobody” is not a participant"),
        format!("{f}:2:Type: “Nwe” is not a deal type (new, expansion or renewal); add it to the mapping's value map"),
        format!("{f}:3:Split Percentage: the splits of deal “X-2” (rows 3) add up to 0.6"),
        format!("{f}:4:: has 7 fields; the header has 9"),
        format!("{f}:5:Stage: “Stalled” is not a stage the plan knows"),
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

#[test]
fn a_payments_export_is_what_was_paid() {
    let at = |f: &str| read(&format!("www/demo/crm/{f}"));
    let m = read_mapping(&at("salesforce.toml"), "salesforce.toml").unwrap();
    let (o, t, p) = (
        at("salesforce-opportunities.csv"),
        at("salesforce-campaign-influence.csv"),
        at("salesforce-payments.csv"),
    );
    let activity = import(
        &m,
        Csv {
            name: "opportunities.csv",
            text: &o,
        },
        Some(Csv {
            name: "influence.csv",
            text: &t,
        }),
        Some(Csv {
            name: "payments.csv",
            text: &p,
        }),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let json = serde_json::to_value(&activity).unwrap();
    assert_eq!(
        json["payments"][0],
        serde_json::json!({ "participant": "rep-ada", "deal": "D-101", "amount": "6000.00", "date": "2027-02-28" })
    );
    let e = Engine::from_json(&read(PLAN), &json.to_string()).unwrap();
    let figures = |who: &str| {
        let s = e.statement(who).unwrap().to_json();
        (s["payable"].clone(), s["paid"].clone(), s["due"].clone())
    };
    // expected.json's payable less what the report paid.
    assert_eq!(
        figures("rep-ada"),
        ("16500.00".into(), "10000.00".into(), "6500.00".into())
    );
    assert_eq!(
        figures("rep-ben"),
        ("7700.00".into(), "2500.00".into(), "5200.00".into())
    );
    assert_eq!(figures("mkt-cho").1, "0.00");
}

/// The widget's CSV import (the package's `importDeals`): the same reader,
/// with the what-if's rules.
fn what_if_import(who: &str, csv: &str, options: serde_json::Value) -> serde_json::Value {
    let e = Engine::from_json(
        &read(PLAN),
        &read("../shared/fixtures/joint-company-goal/activity.json"),
    )
    .unwrap();
    let got = incentive_widget::whatif::import::import_deals(&e, who, csv, &options).unwrap();
    serde_json::to_value(got).unwrap()
}

#[test]
fn a_pipeline_export_becomes_hypothetical_deals() {
    let csv = "\u{feff}Deal Name;Stage;Amount;Close Date;Owner;Discount\n\
               Opal;Negotiation/Review;$30,000;03/28/2027 10:00 AM;;\n\
               Pine;Closed Lost;12k;03/29/2027;;\n\
               Quartz;Closed Won;USD 1.5k;04/02/2027;Ben Ortiz;20%\n\
               Ruby;Closed Won;-5;04/02/2027;Nobody;\n";
    let mapping = serde_json::json!({
        "date_format": "%m/%d/%Y",
        "columns": { "name": "Deal Name", "stage": "Stage", "amount": "Amount", "close_date": "Close Date", "owner": "Owner", "discount": "Discount" }
    });
    let got = what_if_import(
        "rep-ada",
        csv,
        serde_json::json!({ "file": "pipeline.csv", "mapping": mapping, "taken": ["CSV-1"] }),
    );
    let deals = &got["deals"];
    assert_eq!(deals.as_array().unwrap().len(), 2, "{got:#}");
    // An open stage is booked, and says so; no owner: the viewer; the
    // time of day is dropped; rows without an id are numbered past the
    // ids taken; the role's first quota type is the default type.
    assert_eq!(
        deals[0],
        serde_json::json!({
            "deal": { "id": "CSV-2", "name": "Opal", "type": "new", "close_date": "2027-03-28", "stage": "booked",
                      "amount": "30000", "owners": [ { "participant": "rep-ada", "split": "1" } ] },
            "rows": [2], "note": "open (Negotiation/Review): imported as if booked"
        })
    );
    // An owner by name; a discount without a list price goes to add_deal.
    assert_eq!(deals[1]["deal"]["owners"][0]["participant"], "rep-ben");
    assert_eq!(deals[1]["deal"]["amount"], "1500");
    assert_eq!(deals[1]["discount"], "0.2");
    let problems: Vec<String> = got["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            format!(
                "{} {}: {}",
                p["row"],
                p["column"].as_str().unwrap(),
                p["message"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        problems,
        [
            "3 Stage: “Closed Lost” is a lost deal: left out (it pays nothing)",
            "5 Amount: “-5” is negative: an amount must be above zero (to take a deal back, set its stage to cancelled)",
            "5 Owner: “Nobody” is neither a participant nor a deal owner in the data (use an id such as rep-ada or a name)",
        ]
    );
}

#[test]
fn a_what_if_import_refuses_what_the_data_has() {
    let csv = "id,amount,close_date,owner,split\n\
               D-101,100,2027-03-01,rep-ada,1\n\
               N-1,100,2027-03-01,rep-ada,0.5\n\
               N-1,100,2027-03-01,rep-ben,0.25\n\
               N-2,100,2027-03-01,rep-ada,1\n\
               N-3,100,2027-03-01,rep-ada,1\n";
    let mapping = serde_json::json!({ "columns": { "id": "id", "amount": "amount", "close_date": "close_date", "owner": "owner", "split": "split" } });
    let got = what_if_import(
        "rep-ada",
        csv,
        serde_json::json!({ "mapping": mapping, "max_deals": 2 }),
    );
    let messages: Vec<&str> = got["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        messages,
        [
            "“D-101” is already a deal in the data: edit it in “Edit a deal” instead",
            "the splits of deal “N-1” (rows 3, 4) add up to 0.75; they must add up to 1 (100%)",
            "the splits of deal “N-1” (rows 3, 4) add up to 0.75; they must add up to 1 (100%)",
            "is past the limit of 2 deals in one scenario",
        ]
    );
    assert_eq!(got["deals"].as_array().unwrap().len(), 1);
    assert_eq!(got["deals"][0]["deal"]["id"], "N-2");
}

#[test]
fn one_money_reader() {
    use incentive_widget::import::values::amount;
    for (text, want) in [
        ("30000", "30000"),
        ("30,000.00", "30000.00"),
        ("$30,000", "30000"),
        ("USD 30000", "30000"),
        ("30k", "30000"),
        ("1.25k", "1250"),
        ("1.2m", "1200000"),
        ("0.5k", "500"),
        ("30000 EUR", "30000"),
    ] {
        assert_eq!(amount(text).as_deref(), Ok(want), "{text}");
    }
    for bad in ["twelve", "$1,00", "k", "", "1.2.3"] {
        assert!(
            amount(bad).unwrap_err().contains("is not an amount"),
            "{bad}"
        );
    }
    assert!(amount("-5000").unwrap_err().contains("is negative"));
}

#[test]
fn hostile_files_are_problems_never_panics() {
    let mapping = serde_json::json!({ "mapping": { "columns": { "amount": "amount", "close_date": "close_date", "owner": "owner", "id": "id" } } });
    let wide = format!(
        "{}\n",
        (0..5000)
            .map(|i| format!("c{i}"))
            .collect::<Vec<_>>()
            .join(",")
    );
    let long = format!(
        "id,amount,close_date\nX,{},2027-01-01\n",
        "9".repeat(100_000)
    );
    for csv in [
        "",
        "\n\n\n",
        "amount,close_date\n\"1,2027-01-01\n",
        "amount,close_date\n1,\"2027-01-01\"x\n",
        "amount,close_date\n\u{0}\u{0},\u{feff}\n",
        "amount;close_date,owner\n1;2027-01-01,a\n",
        "amount,close_date\n1e999,2027-01-01\n1,9999-99-99\n1,2027-01-01 99:99\n",
        "amount,close_date,owner,id\n1,2027-01-01,,\"\"\"\"\n",
        &wide,
        &long,
    ] {
        let got = what_if_import("rep-ada", csv, mapping.clone());
        assert!(
            got["deals"].is_array() && got["problems"].is_array(),
            "{csv:?}: {got}"
        );
    }
}
