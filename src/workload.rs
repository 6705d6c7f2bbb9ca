//! A deterministic workload generator (seeded) for benchmarks and load
//! tests: a plan that uses every feature and activities of any size.
//!
//! Participants are hunters, farmers and marketers in the ratio 4 : 3 : 3
//! (the first is always a hunter, `rep-0`). Deals are owned by hunters and
//! farmers, some split; touches go to marketers, with lead and opportunity
//! marks. The same seed gives the same documents, byte for byte.

use serde_json::{json, Value};

/// How big a workload to make.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    pub participants: usize,
    pub deals: usize,
    pub touches: usize,
    pub seed: u64,
    /// Deals owned by `rep-0` (the rest are spread over everyone else).
    pub deals_of_first: usize,
    /// Leads of the handoff ledger (0: the activity has no ledger) and
    /// their attempts in all.
    pub leads: usize,
    pub attempts: usize,
}

impl Size {
    /// 1,000 participants, 100,000 deals, 500,000 touches.
    pub fn company() -> Size {
        Size {
            participants: 1000,
            deals: 100_000,
            touches: 500_000,
            seed: 7,
            deals_of_first: 100,
            leads: 0,
            attempts: 0,
        }
    }

    /// One rep with 2,000 deals and 10,000 touches (a few marketers beside).
    pub fn one_rep() -> Size {
        Size {
            participants: 10,
            deals: 2000,
            touches: 10_000,
            seed: 7,
            deals_of_first: 2000,
            leads: 0,
            attempts: 0,
        }
    }
}

/// SplitMix64: small, fast, good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }
}

const PRODUCTS: [&str; 4] = ["suite-bundle", "analytics", "services", "hardware"];
const CAMPAIGNS: [&str; 6] = [
    "Q4 webinar",
    "Trade show",
    "Paid search",
    "Ebook",
    "Customer summit",
    "Retargeting",
];

/// The plan: hunters (marginal accelerators, products, discounts, stages, a
/// spif), farmers (retroactive tiers, a cap), marketers (W-shaped credit,
/// time-decay quota, bonus, metric modifier); all on one company goal.
pub fn plan() -> Value {
    let goal = json!({ "kind": "modifier", "name": "Company goal multiplier", "measure": "company",
        "bands": [ { "from": "0", "multiplier": "0.9" }, { "from": "1", "multiplier": "1.1" } ] });
    json!({
        "format": "incentive-plan/1",
        "name": "Benchmark plan",
        "currency": "USD",
        "period": { "start": "2027-01-01", "end": "2027-03-31" },
        "company_goal": { "target": "2000000000" },
        "roles": [
            { "id": "hunter", "name": "New business", "quota": { "types": ["new", "expansion"] }, "components": [
                { "kind": "commission", "name": "New-logo commission", "rates": { "new": "0.10", "expansion": "0.06", "renewal": "0.02" },
                  "products": { "suite-bundle": "1.25", "hardware": "0.5" },
                  "discounts": [ { "above": "0.10", "multiplier": "0.8" }, { "above": "0.20", "multiplier": "0.5" } ],
                  "tiers": { "mode": "marginal", "bands": [ { "from": "0", "multiplier": "0" }, { "from": "0.3", "multiplier": "1" },
                                                            { "from": "1", "multiplier": "1.5" }, { "from": "1.5", "multiplier": "2" } ] },
                  "payout": { "booked": "0.5", "installed": "0.25", "activated": "0.25" } },
                { "kind": "spif", "name": "Analytics launch", "amount": "250", "deals": { "products": ["analytics"], "types": ["new"] } },
                goal.clone() ] },
            { "id": "farmer", "name": "Account management", "quota": { "types": ["renewal", "expansion"] }, "components": [
                { "kind": "commission", "name": "Renewal commission", "basis": "margin", "rates": { "renewal": "0.04", "expansion": "0.06" },
                  "tiers": { "mode": "retroactive", "bands": [ { "from": "0", "multiplier": "0.8" }, { "from": "1", "multiplier": "1.2" } ] },
                  "cap": "250000" },
                goal.clone() ] },
            { "id": "marketer", "name": "Demand generation",
              "quota": { "credit": "attribution", "attribution": { "model": "time_decay", "half_life_days": "14", "lookback_days": 180 } },
              "components": [
                { "kind": "commission", "name": "Influenced revenue", "credit": "attribution",
                  "attribution": { "model": "w_shaped", "lookback_days": 365 }, "deals": { "sources": ["marketing"] }, "rate": "0.01" },
                { "kind": "bonus", "name": "Company goal bonus", "measure": "company",
                  "curve": [ { "at": "0.8", "payout": "0.5" }, { "at": "1", "payout": "1" }, { "at": "1.2", "payout": "1.5" } ] },
                { "kind": "modifier", "name": "Lead follow-up", "measure": { "metric": "lead_followup" },
                  "bands": [ { "from": "0", "multiplier": "0.9" }, { "from": "0.9", "multiplier": "1" } ], "applies_to": ["Influenced revenue"] },
                goal ] }
        ]
    })
}

fn role_of(i: usize) -> &'static str {
    match i % 10 {
        0..=3 => "hunter",
        4..=6 => "farmer",
        _ => "marketer",
    }
}

fn date(day: u64) -> String {
    // Days 0..=89 of 2027 (January to March).
    let (m, d) = match day {
        0..=30 => (1, day + 1),
        31..=58 => (2, day - 30),
        _ => (3, (day - 58).min(31)),
    };
    format!("2027-{m:02}-{d:02}")
}

/// The activity for `size`.
pub fn activity(size: Size) -> Value {
    let mut rng = Rng(size.seed);
    let n = size.participants.max(1);
    let participants: Vec<Value> = (0..n)
        .map(|i| {
            let role = role_of(i);
            let mut p = json!({ "id": format!("rep-{i}"), "name": format!("Person {i}"), "role": role,
                                "quota": (200_000 + rng.below(40) * 10_000).to_string() });
            if role == "marketer" {
                p["id"] = json!(format!("mkt-{i}"));
                p["target_bonus"] = json!("10000");
                p["metrics"] = json!({ "lead_followup": format!("0.{}", 80 + rng.below(20)) });
            }
            p
        })
        .collect();
    let sellers: Vec<usize> = (1..n).filter(|&i| role_of(i) != "marketer").collect();
    let marketers: Vec<usize> = (0..n).filter(|&i| role_of(i) == "marketer").collect();
    let touches_per_deal = size.touches.checked_div(size.deals).unwrap_or(0);
    let mut extra_touches = size.touches.saturating_sub(touches_per_deal * size.deals);
    let mut deals = Vec::with_capacity(size.deals);
    for k in 0..size.deals {
        let owner = if k < size.deals_of_first || sellers.is_empty() {
            0
        } else {
            sellers[rng.below(sellers.len() as u64) as usize]
        };
        let owner_id = participants[owner]["id"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let types = if role_of(owner) == "farmer" {
            ["renewal", "expansion", "renewal"]
        } else {
            ["new", "new", "expansion"]
        };
        let deal_type = types[rng.below(3) as usize];
        let close = rng.below(90);
        let stage =
            ["booked", "installed", "activated", "activated", "booked"][rng.below(5) as usize];
        let stage = if rng.below(50) == 0 {
            "cancelled"
        } else {
            stage
        };
        let owners = if rng.below(8) == 0 && !sellers.is_empty() {
            let other = participants[sellers[rng.below(sellers.len() as u64) as usize]]["id"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            if other == owner_id {
                json!([ { "participant": owner_id, "split": "1" } ])
            } else {
                json!([ { "participant": owner_id, "split": "0.6" }, { "participant": other, "split": "0.4" } ])
            }
        } else {
            json!([ { "participant": owner_id, "split": "1" } ])
        };
        let lines: Vec<Value> = (0..1 + rng.below(2))
            .map(|_| {
                let amount = 5_000 + rng.below(95) * 1_000;
                let list = amount + amount * rng.below(30) / 100;
                json!({ "product": PRODUCTS[rng.below(4) as usize], "amount": amount.to_string(),
                        "list_price": list.to_string(), "cost": (amount * (30 + rng.below(40)) / 100).to_string() })
            })
            .collect();
        let mut count = touches_per_deal;
        if extra_touches > 0 {
            count += 1;
            extra_touches -= 1;
        }
        let touches: Vec<Value> = (0..count)
            .map(|t| {
                let who = (!marketers.is_empty()).then(|| participants[marketers[rng.below(marketers.len() as u64) as usize]]["id"].clone());
                let back = rng.below(200);
                let day = close as i64 - back as i64;
                let at = if day >= 0 { date(day as u64) } else { format!("2026-{:02}-{:02}", 12 - ((-day) / 31).min(11), 1 + (-day) % 28) };
                let marks: Vec<&str> = match (t, count) {
                    (0, _) => vec!["lead_created"],
                    (1, c) if c > 2 => vec!["opportunity_created"],
                    _ => vec![],
                };
                let mut touch = json!({ "campaign": CAMPAIGNS[rng.below(6) as usize], "at": at, "marks": marks });
                if let Some(w) = who {
                    touch["participant"] = w;
                }
                touch
            })
            .collect();
        deals.push(json!({
            "id": format!("D-{k:06}"), "name": format!("Account {k}"), "type": deal_type,
            "source": if rng.below(2) == 0 { "marketing" } else { "sales" },
            "close_date": date(close), "stage": stage, "owners": owners, "lines": lines, "touches": touches
        }));
    }
    let mut activity = json!({
        "format": "incentive-activity/1",
        "as_of": "2027-03-31",
        "participants": participants,
        "deals": deals,
        "payments": [ { "participant": "rep-0", "amount": "1500" } ]
    });
    if size.leads > 0 {
        leads(&mut activity, size, &mut rng, &sellers, &marketers);
    }
    activity
}

/// The plan with the shared pipeline paying: hunters on speed-to-lead,
/// marketers on acceptance, both on the company's alignment stage.
pub fn plan_with_pipeline() -> Value {
    let mut p = plan();
    let modifier = |name: &str, metric: &str, from: &str| {
        json!({ "kind": "modifier", "name": name, "measure": { "metric": metric },
                "bands": [ { "from": "0", "multiplier": "0.95" }, { "from": from, "multiplier": "1.05" } ] })
    };
    let add = |p: &mut Value, role: usize, m: Value| {
        if let Some(list) = p["roles"][role]["components"].as_array_mut() {
            list.push(m);
        }
    };
    add(&mut p, 0, modifier("Speed to lead", "speed_to_lead", "0.8"));
    add(&mut p, 0, modifier("Alignment", "alignment_stage", "3"));
    add(&mut p, 2, modifier("Acceptance", "acceptance", "0.7"));
    add(&mut p, 2, modifier("Alignment", "alignment_stage", "3"));
    p["pipeline"] = json!({ "sla_hours": "24", "min_attempts": 2 });
    p
}

/// The handoff ledger: leads routed to sellers, created by marketers, with
/// `size.attempts` attempts spread over them; one in ten converted (its
/// deal names it), one in five rejected.
fn leads(activity: &mut Value, size: Size, rng: &mut Rng, sellers: &[usize], marketers: &[usize]) {
    let id = |i: usize| {
        if marketers.contains(&i) {
            format!("mkt-{i}")
        } else {
            format!("rep-{i}")
        }
    };
    let per = size.attempts.checked_div(size.leads).unwrap_or(0);
    let mut extra = size.attempts.saturating_sub(per * size.leads);
    let deals = size.deals;
    let mut list = Vec::with_capacity(size.leads);
    for k in 0..size.leads {
        let day = rng.below(88);
        let hour = rng.below(24);
        let routed = format!("{}T{hour:02}:00:00Z", date(day));
        let mut count = per;
        if extra > 0 {
            count += 1;
            extra -= 1;
        }
        let attempts: Vec<Value> = (0..count)
            .map(|a| {
                let h = hour + 1 + rng.below(40) + a as u64 * 24;
                let channel = ["call", "email"][a % 2];
                json!({ "at": format!("{}T{:02}:00:00Z", date((day + h / 24).min(89)), h % 24), "channel": channel })
            })
            .collect();
        let roll = rng.below(10);
        let mut lead = json!({ "id": format!("L-{k:06}"), "campaign": CAMPAIGNS[rng.below(6) as usize],
            "created_at": routed, "routed_to": id(sellers.get(rng.below(sellers.len() as u64) as usize).copied().unwrap_or(0)),
            "routed_at": routed, "attempts": attempts, "status": "accepted" });
        if let Some(&m) = marketers.get(rng.below(marketers.len().max(1) as u64) as usize) {
            lead["created_by"] = json!(id(m));
        }
        match roll {
            0 if k < deals => {
                lead["status"] = json!("converted");
                lead["deal"] = json!(format!("D-{k:06}"));
                activity["deals"][k]["lead"] = json!(format!("L-{k:06}"));
            }
            1 | 2 => {
                lead["status"] = json!("rejected");
                let reason = ["no budget", "duplicate", "wrong region"][rng.below(3) as usize];
                lead["reject_reason"] = json!(reason);
            }
            3 => lead["status"] = json!("open"),
            _ => {}
        }
        list.push(lead);
    }
    activity["leads"] = Value::Array(list);
}
