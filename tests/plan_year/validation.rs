//! Bad plan-year input: every problem with its JSON path, nothing applied.

use crate::problems::{has, problems};
use incentive_widget::Engine;
use serde_json::{json, Value};

fn plan(period: Value, component: Value) -> Value {
    json!({ "name": "P", "currency": "USD", "period": period,
            "roles": [ { "id": "rep", "name": "Rep", "components": [ component ] } ] })
}

fn commission() -> Value {
    json!({ "kind": "commission", "name": "C", "rate": "0.1" })
}

fn year() -> Value {
    json!({ "start": "2027-01-01", "end": "2027-12-31", "pay_periods": "monthly" })
}

fn activity(deal: Value, payments: Value) -> Value {
    json!({ "as_of": "2027-06-30", "participants": [ { "id": "a", "role": "rep" } ],
            "deals": [ deal ], "payments": payments })
}

fn deal(extra: Value) -> Value {
    let mut d = json!({ "id": "D-1", "type": "new", "close_date": "2027-02-10", "amount": "1000",
                        "owners": [ { "participant": "a", "split": "1" } ] });
    d.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    d
}

fn ok_activity() -> Value {
    activity(deal(json!({})), json!([]))
}

#[test]
fn overlapping_and_gapped_pay_periods() {
    let periods = json!({ "start": "2027-01-01", "end": "2027-06-30", "pay_periods": [
        { "id": "A", "start": "2027-01-01", "end": "2027-02-28" },
        { "id": "B", "start": "2027-02-15", "end": "2027-03-31" },
        { "id": "C", "start": "2027-04-10", "end": "2027-06-30" } ] });
    let found = problems(&plan(periods, commission()), &ok_activity());
    has(
        &found,
        "plan.period.pay_periods[1].start",
        "overlaps pay period \"A\"",
    );
    has(
        &found,
        "plan.period.pay_periods[2].start",
        "leaves a gap after pay period \"B\": 2027-04-01 to 2027-04-09",
    );
    let short = json!({ "start": "2027-01-01", "end": "2027-06-30", "pay_periods": [
        { "id": "A", "start": "2027-01-02", "end": "2027-06-29" } ] });
    let found = problems(&plan(short, commission()), &ok_activity());
    has(
        &found,
        "plan.period.pay_periods[0].start",
        "must start when the plan period does",
    );
    has(
        &found,
        "plan.period.pay_periods[0].end",
        "must end when the plan period does",
    );
    let bad = json!({ "start": "2027-01-01", "end": "2027-06-30", "pay_periods": "weekly" });
    has(
        &problems(&plan(bad, commission()), &ok_activity()),
        "plan.period.pay_periods",
        "\"weekly\" is not",
    );
}

#[test]
fn generated_ids() {
    let e = Engine::from_json(
        &plan(
            json!({ "start": "2027-02-15", "end": "2027-12-31", "pay_periods": "quarterly" }),
            commission(),
        )
        .to_string(),
        &json!({ "participants": [] }).to_string(),
    )
    .unwrap();
    let ids: Vec<String> = e
        .pay_periods()
        .iter()
        .map(|p| format!("{} {}..{}", p.id, p.start, p.end))
        .collect();
    assert_eq!(
        ids,
        [
            "2027-Q1 2027-02-15..2027-03-31",
            "2027-Q2 2027-04-01..2027-06-30",
            "2027-Q3 2027-07-01..2027-09-30",
            "2027-Q4 2027-10-01..2027-12-31"
        ]
    );
    let e = Engine::from_json(
        &plan(year(), commission()).to_string(),
        &json!({ "participants": [] }).to_string(),
    )
    .unwrap();
    assert_eq!(e.pay_periods().len(), 12);
    assert_eq!(e.pay_periods()[2].id, "2027-03");
}

#[test]
fn schedule_fractions_must_sum_to_one() {
    let mut c = commission();
    c["payout"] = json!({ "schedule": [ { "months_after_close": 0, "fraction": "1/3" },
                                        { "months_after_close": 1, "fraction": "1/3" } ] });
    has(
        &problems(&plan(year(), c.clone()), &ok_activity()),
        "plan.roles[0].components[0].payout.schedule",
        "sum to exactly 1, not 2/3",
    );
    c["payout"] =
        json!({ "booked": "1", "schedule": [ { "months_after_close": 0, "fraction": "1" } ] });
    has(
        &problems(&plan(year(), c.clone()), &ok_activity()),
        "plan.roles[0].components[0].payout",
        "not both",
    );
    let mut p = plan(year(), commission());
    p["roles"][0]["quota"] = json!({ "schedule": [ { "period": "2027-01", "fraction": "0.5" } ] });
    has(
        &problems(&p, &ok_activity()),
        "plan.roles[0].quota.schedule",
        "sum to exactly 1, not 0.5",
    );
    p["roles"][0]["quota"] = json!({ "schedule": [ { "period": "2027-01", "fraction": "1" } ] });
    has(
        &problems(&p, &ok_activity()),
        "plan.roles[0].quota.schedule",
        "one fraction for each pay period",
    );
}

#[test]
fn plan_year_fields_need_pay_periods() {
    let mut c = commission();
    c["true_up"] = json!("year");
    c["clawback"] = json!({ "fraction": "0.5" });
    let v1 = json!({ "start": "2027-01-01", "end": "2027-12-31" });
    let found = problems(&plan(v1, c.clone()), &ok_activity());
    has(
        &found,
        "plan.roles[0].components[0].true_up",
        "needs plan.period.pay_periods",
    );
    has(
        &found,
        "plan.roles[0].components[0].clawback",
        "needs plan.period.pay_periods",
    );
    has(
        &problems(&plan(year(), c), &ok_activity()),
        "plan.roles[0].components[0].true_up",
        "has none",
    );
    let mut c = commission();
    c["clawback"] = json!({ "fraction": "0.5", "prorate": "term" });
    has(
        &problems(&plan(year(), c), &ok_activity()),
        "plan.roles[0].components[0].clawback",
        "one of them",
    );
}

#[test]
fn stage_dates_out_of_order_or_after_the_as_of_date() {
    let p = plan(year(), commission());
    let d = deal(json!({ "stages": { "booked": "2027-02-10", "installed": "2027-02-01" } }));
    has(
        &problems(&p, &activity(d, json!([]))),
        "activity.deals[0].stages.installed",
        "must not go back",
    );
    let d = deal(json!({ "stages": { "booked": "2027-02-10", "activated": "2027-07-01" } }));
    has(
        &problems(&p, &activity(d, json!([]))),
        "activity.deals[0].stages.activated",
        "after the as-of date (2027-06-30)",
    );
}

#[test]
fn a_cancellation_before_close_and_payments_outside_the_plan() {
    let p = plan(year(), commission());
    let d = deal(json!({ "stage": "cancelled", "cancelled_on": "2027-02-01" }));
    has(
        &problems(&p, &activity(d, json!([]))),
        "activity.deals[0].cancelled_on",
        "before it closed (2027-02-10)",
    );
    let pays = json!([ { "participant": "a", "amount": "5", "date": "2028-01-03" }, { "participant": "a", "amount": "5" } ]);
    let found = problems(&p, &activity(deal(json!({})), pays));
    has(
        &found,
        "activity.payments[0].date",
        "outside the plan period",
    );
    has(&found, "activity.payments[1].date", "is required");
    let mut c = commission();
    c["clawback"] = json!({ "prorate": "term" });
    let d = deal(json!({ "stage": "cancelled", "cancelled_on": "2027-03-01" }));
    has(
        &problems(&plan(year(), c), &activity(d, json!([]))),
        "activity.deals[0].term_months",
        "prorated by term",
    );
}

#[test]
fn version_1_documents_read_as_before() {
    // The new fields are additive: a version-1 plan serializes without them.
    let e = Engine::from_json(
        &plan(
            json!({ "start": "2027-01-01", "end": "2027-12-31" }),
            commission(),
        )
        .to_string(),
        &ok_activity().to_string(),
    )
    .unwrap();
    let text = serde_json::to_string(e.plan()).unwrap();
    for field in [
        "pay_periods",
        "schedule",
        "attainment",
        "true_up",
        "clawback",
    ] {
        assert!(!text.contains(field), "{field} in {text}");
    }
    let deal = serde_json::to_string(&e.activity().deals[0]).unwrap();
    assert!(
        !deal.contains("stages") && !deal.contains("cancelled_on"),
        "{deal}"
    );
}

#[test]
fn a_deal_pushed_later_is_checked_too_and_nothing_changes() {
    let mut e = Engine::from_json(
        &plan(year(), commission()).to_string(),
        &ok_activity().to_string(),
    )
    .unwrap();
    let before = e.period_statements("a").unwrap();
    let late = deal(
        json!({ "id": "D-2", "stages": { "booked": "2027-02-10", "installed": "2027-09-01" } }),
    );
    let err = e.upsert_deal(&late).unwrap_err();
    assert_eq!(err.problems[0].path, "deal.stages.installed");
    assert_eq!(e.period_statements("a").unwrap(), before);
    let fine = deal(json!({ "id": "D-2", "close_date": "2027-03-05", "amount": "500" }));
    e.upsert_deal(&fine).unwrap();
    assert_eq!(
        e.period_statement("a", "2027-03")
            .unwrap()
            .earned
            .to_string(),
        "50.00"
    );
}

#[test]
fn a_quota_schedule_gives_fractions_or_amounts() {
    let with = |schedule: Value| {
        let mut p = plan(year(), commission());
        p["roles"][0]["quota"] = json!({ "schedule": schedule });
        problems(&p, &ok_activity())
    };
    let ids: Vec<String> = (1..=12).map(|m| format!("2027-{m:02}")).collect();
    let each = |f: &dyn Fn(usize) -> Value| Value::Array((0..12).map(f).collect());
    // Amounts alone: fine, whatever their total.
    assert_eq!(
        with(each(&|i| json!({ "period": ids[i], "amount": "1000" }))),
        Vec::<String>::new()
    );
    let mixed = with(each(&|i| {
        if i == 0 {
            json!({ "period": ids[i], "fraction": "1/12" })
        } else {
            json!({ "period": ids[i], "amount": "1000" })
        }
    }));
    has(&mixed, "plan.roles[0].quota.schedule", "not a mix");
    let both = with(each(
        &|i| json!({ "period": ids[i], "amount": "1", "fraction": "1/12" }),
    ));
    has(&both, "plan.roles[0].quota.schedule[0]", "not both");
    let neither = with(each(&|i| json!({ "period": ids[i] })));
    has(
        &neither,
        "plan.roles[0].quota.schedule[0].fraction",
        "required",
    );
    let zero = with(each(&|i| json!({ "period": ids[i], "amount": "0" })));
    has(&zero, "plan.roles[0].quota.schedule", "more than 0");
    let negative = with(each(
        &|i| json!({ "period": ids[i], "amount": if i == 3 { "-5" } else { "10" } }),
    ));
    has(&negative, "plan.roles[0].quota.schedule[3].amount", "");
}
