//! The plan as form fields: every figure and choice a comp admin edits
//! (rates by deal type, tier bands, thresholds, caps, the company target,
//! bonus curves, attribution models, quota rules), each with the JSON path
//! that a problem with it names, a label, what kind of value it takes and,
//! for a choice, the values the format allows. The form is built from this
//! list; it never decides for itself what a field means.

use crate::model::names::{
    Basis, CreditKind, DealType, Model, OverrideBasis, RoundingMode, Source, Stage, TierMode,
};
use serde::Serialize;
use serde_json::Value;

/// One editable field of the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    /// Its JSON path, as problems name it: `plan.roles[0].components[1].rate`.
    pub path: String,
    /// The part of the plan it belongs to: "Plan", a role's name, or
    /// "role · component".
    pub group: String,
    pub label: String,
    /// `fraction` (a rate or share: 0.1 is 10%), `multiplier`, `money`,
    /// `number` (days, levels), `date`, `choice`, `list` (several of
    /// `choices`), `text`.
    pub kind: &'static str,
    /// The value as written: a decimal as its text, a list as its items
    /// joined by ", ".
    pub value: String,
    /// Whether the document writes it as a JSON number (not a string).
    pub number: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<&'static str>,
}

/// The fields of `plan` (a plan document), in the document's order.
pub fn fields(plan: &Value) -> Vec<Field> {
    let mut out = Vec::new();
    let plan_group = "Plan".to_string();
    for key in ["name", "rounding"] {
        leaf(
            &mut out,
            &plan_group,
            &format!("plan.{key}"),
            &[key],
            plan.get(key),
        );
    }
    if let Some(p) = plan.get("period") {
        for key in ["start", "end"] {
            leaf(
                &mut out,
                &plan_group,
                &format!("plan.period.{key}"),
                &["period", key],
                p.get(key),
            );
        }
    }
    if let Some(g) = plan.get("company_goal") {
        leaf(
            &mut out,
            &plan_group,
            "plan.company_goal.target",
            &["company goal", "target"],
            g.get("target"),
        );
    }
    let roles = plan
        .get("roles")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    for (i, r) in roles.iter().enumerate() {
        let role = r
            .get("name")
            .or(r.get("id"))
            .and_then(Value::as_str)
            .unwrap_or("role")
            .to_string();
        if let Some(q) = r.get("quota") {
            walk(
                &mut out,
                &role,
                &format!("plan.roles[{i}].quota"),
                &mut vec!["quota".into()],
                q,
            );
        }
        let comps = r
            .get("components")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default();
        for (j, c) in comps.iter().enumerate() {
            let name = c.get("name").and_then(Value::as_str).unwrap_or("component");
            let group = format!("{role} · {name}");
            walk(
                &mut out,
                &group,
                &format!("plan.roles[{i}].components[{j}]"),
                &mut Vec::new(),
                c,
            );
        }
    }
    out
}

/// Keys that name or shape a component rather than pay it.
const FIXED: &[&str] = &["kind", "name", "id", "format", "currency"];

fn walk(out: &mut Vec<Field>, group: &str, path: &str, label: &mut Vec<String>, v: &Value) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                if FIXED.contains(&k.as_str()) {
                    continue;
                }
                label.push(k.replace('_', " "));
                walk(out, group, &format!("{path}.{k}"), label, x);
                label.pop();
            }
        }
        Value::Array(items) if items.iter().all(|x| x.is_string()) => {
            let key = last_key(path);
            let value = items
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(", ");
            out.push(Field {
                path: path.to_string(),
                group: group.to_string(),
                label: label.join(" · "),
                kind: "list",
                value,
                number: false,
                choices: choices(key),
            });
        }
        Value::Array(items) => {
            // "band 3" in place of "bands".
            let one = singular(last_key(path));
            let key = label.pop();
            for (n, x) in items.iter().enumerate() {
                label.push(format!("{one} {}", n + 1));
                walk(out, group, &format!("{path}[{n}]"), label, x);
                label.pop();
            }
            label.extend(key);
        }
        _ => {
            let keys: Vec<&str> = label.iter().map(String::as_str).collect();
            leaf(out, group, path, &keys, Some(v));
        }
    }
}

fn leaf(out: &mut Vec<Field>, group: &str, path: &str, label: &[&str], v: Option<&Value>) {
    let Some(v) = v else { return };
    let (value, number) = match v {
        Value::String(s) => (s.clone(), false),
        Value::Number(n) => (n.to_string(), true),
        _ => return,
    };
    let key = last_key(path);
    let choices = choices(key);
    let kind = if !choices.is_empty() {
        "choice"
    } else {
        kind_of(key, path)
    };
    out.push(Field {
        path: path.to_string(),
        group: group.to_string(),
        label: label.join(" · "),
        kind,
        value,
        number,
        choices,
    });
}

/// The last object key of a path (`plan.a.b[2]` → `b`).
fn last_key(path: &str) -> &str {
    let tail = path.rsplit('.').next().unwrap_or(path);
    tail.split('[').next().unwrap_or(tail)
}

fn singular(key: &str) -> &str {
    match key {
        "bands" => "band",
        "discounts" => "discount",
        "curve" => "point",
        "tables" | "rate_table" => "row",
        "lines" => "line",
        k => k.strip_suffix('s').unwrap_or(k),
    }
}

fn kind_of(key: &str, path: &str) -> &'static str {
    match key {
        "start" | "end" => "date",
        "multiplier" | "accelerator" => "multiplier",
        "amount" | "target" | "cap" | "pool" | "threshold_amount" | "salary" | "draw" => "money",
        "lookback_days" | "half_life_days" | "depth" | "months" => "number",
        "name" | "label" => "text",
        _ if path.contains(".products.") => "multiplier",
        _ => "fraction",
    }
}

fn choices(key: &str) -> Vec<&'static str> {
    fn all<T: Copy>(xs: &[T], f: fn(T) -> &'static str) -> Vec<&'static str> {
        xs.iter().map(|x| f(*x)).collect()
    }
    match key {
        "model" => all(Model::ALL, Model::as_str),
        "mode" => all(TierMode::ALL, TierMode::as_str),
        "basis" => all(Basis::ALL, Basis::as_str),
        "credit" => all(CreditKind::ALL, CreditKind::as_str),
        "on" => all(OverrideBasis::ALL, OverrideBasis::as_str),
        "rounding" => all(RoundingMode::ALL, RoundingMode::as_str),
        "types" => all(DealType::ALL, DealType::as_str),
        "sources" => all(Source::ALL, Source::as_str),
        "stages" => all(Stage::ALL, Stage::as_str),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_figure_of_the_benchmark_plan_is_a_field_with_its_path() {
        let f = fields(&crate::workload::plan());
        let at = |p: &str| {
            f.iter()
                .find(|x| x.path == p)
                .unwrap_or_else(|| panic!("no field {p}"))
        };
        let rate = at("plan.roles[0].components[0].rates.new");
        assert_eq!(
            (rate.kind, rate.value.as_str(), rate.group.as_str()),
            ("fraction", "0.10", "New business · New-logo commission")
        );
        assert_eq!(rate.label, "rates · new");
        let band = at("plan.roles[0].components[0].tiers.bands[2].from");
        assert_eq!(band.label, "tiers · band 3 · from");
        let modes: Vec<&str> = TierMode::ALL.iter().map(|m| m.as_str()).collect();
        assert_eq!(at("plan.roles[0].components[0].tiers.mode").choices, modes);
        assert_eq!(at("plan.company_goal.target").kind, "money");
        assert_eq!(at("plan.roles[1].components[0].cap").kind, "money");
        assert_eq!(at("plan.roles[0].quota.types").kind, "list");
        assert_eq!(at("plan.roles[0].quota.types").value, "new, expansion");
        let days = at("plan.roles[2].quota.attribution.lookback_days");
        assert!(days.number && days.kind == "number");
        assert_eq!(
            at("plan.roles[2].components[0].attribution.model").kind,
            "choice"
        );
        assert!(f
            .iter()
            .all(|x| !x.path.ends_with(".kind") && !x.path.ends_with(".name")
                || x.path == "plan.name"));
    }
}
