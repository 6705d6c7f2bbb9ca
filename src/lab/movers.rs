//! The people whose pay an edit moves most, up and down, each with the
//! statement line that moved most and the engine's sentence for it.

use super::Lab;
use crate::engine::score::Detail;
use crate::error::Error;
use crate::statement::Statement;
use rust_decimal::Decimal;
use serde::Serialize;

/// One person whose pay moved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mover {
    pub participant: String,
    pub name: String,
    pub role: String,
    pub base: Decimal,
    pub edited: Decimal,
    pub delta: Decimal,
    /// The line that moved most (None when no single line did: a
    /// component's total moved with no line of its own).
    pub line: Option<MovedLine>,
}

/// A statement line under both plans, matched by component, deal and
/// member; a line only one plan has counts 0 under the other.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MovedLine {
    pub component: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deal: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
    pub base: Decimal,
    pub edited: Decimal,
    pub delta: Decimal,
    /// The edited plan's sentence for the line ("" when the edited plan
    /// has no such line), and the base plan's.
    pub explain: String,
    pub base_explain: String,
}

type Key = (String, Option<String>, Option<String>);

/// The `n` largest rises and the `n` largest falls (a tie keeps the
/// activity's order), each with its line.
pub(super) fn movers(lab: &mut Lab, n: usize) -> Result<(Vec<Mover>, Vec<Mover>), Error> {
    let deltas: Vec<Decimal> = lab
        .base_rows
        .iter()
        .zip(&lab.edited_rows)
        .map(|(b, e)| e.earned - b.earned)
        .collect();
    let mut order: Vec<usize> = (0..deltas.len())
        .filter(|&i| !deltas[i].is_zero())
        .collect();
    order.sort_by(|&a, &b| deltas[b].cmp(&deltas[a]).then(a.cmp(&b)));
    let up: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&i| deltas[i] > Decimal::ZERO)
        .take(n)
        .collect();
    let mut down: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&i| deltas[i] < Decimal::ZERO)
        .collect();
    down.sort_by(|&a, &b| deltas[a].cmp(&deltas[b]).then(a.cmp(&b)));
    down.truncate(n);
    let wanted: Vec<usize> = up.iter().chain(&down).copied().collect();
    if wanted.is_empty() {
        return Ok((Vec::new(), Vec::new()));
    }
    let edited = lab
        .engine
        .statements_at(&wanted, Detail::Explained, &lab.attributions)?;
    let base = base_statements(lab, &wanted)?;
    let people = &lab.engine.activity().participants;
    let mut all: Vec<Mover> = wanted
        .iter()
        .zip(base.iter().zip(&edited))
        .map(|(&i, (b, e))| Mover {
            participant: people[i].id.clone(),
            name: people[i]
                .name
                .clone()
                .unwrap_or_else(|| people[i].id.clone()),
            role: people[i].role.clone(),
            base: lab.base_rows[i].earned,
            edited: lab.edited_rows[i].earned,
            delta: deltas[i],
            line: moved_line(b, e),
        })
        .collect();
    let down = all.split_off(up.len());
    Ok((all, down))
}

/// The base plan's explained statements of the people at `wanted`: kept
/// from the last movers (the base plan stands while edits come, and the
/// same people tend to move most), the others scored under it.
fn base_statements(lab: &mut Lab, wanted: &[usize]) -> Result<Vec<Statement>, Error> {
    let mut kept = std::mem::take(&mut lab.base_explained);
    let missing: Vec<usize> = wanted
        .iter()
        .copied()
        .filter(|i| !kept.iter().any(|(k, _)| k == i))
        .collect();
    if !missing.is_empty() {
        let edited_plan = lab.engine.swap_plan(lab.base.clone());
        let scored = lab
            .engine
            .statements_at(&missing, Detail::Explained, &lab.attributions);
        lab.engine.swap_plan(edited_plan);
        kept.extend(missing.into_iter().zip(scored?));
    }
    kept.retain(|(k, _)| wanted.contains(k));
    let statements = wanted
        .iter()
        .filter_map(|i| kept.iter().find(|(k, _)| k == i).map(|(_, s)| s.clone()))
        .collect();
    lab.base_explained = kept;
    Ok(statements)
}

fn lines(s: &Statement) -> Vec<(Key, Decimal, &str)> {
    s.components
        .iter()
        .flat_map(|c| {
            c.lines.iter().map(|l| {
                let key = (c.name.clone(), l.deal.clone(), l.member.clone());
                (key, l.earned, l.explain.as_str())
            })
        })
        .collect()
}

/// The line whose earned moved most (the first such in the edited
/// statement's order, then the base's).
fn moved_line(base: &Statement, edited: &Statement) -> Option<MovedLine> {
    use std::collections::HashMap;
    let b = lines(base);
    let e = lines(edited);
    let bm: HashMap<&Key, (Decimal, &str)> = b.iter().map(|(k, d, s)| (k, (*d, *s))).collect();
    let em: HashMap<&Key, (Decimal, &str)> = e.iter().map(|(k, d, s)| (k, (*d, *s))).collect();
    let none = (Decimal::ZERO, "");
    let mut best: Option<MovedLine> = None;
    let keys = e
        .iter()
        .map(|(k, _, _)| k)
        .chain(b.iter().map(|(k, _, _)| k));
    for k in keys {
        let (after, explain) = em.get(k).copied().unwrap_or(none);
        let (before, base_explain) = bm.get(k).copied().unwrap_or(none);
        let delta = after - before;
        if delta.is_zero() || best.as_ref().is_some_and(|x| x.delta.abs() >= delta.abs()) {
            continue;
        }
        best = Some(MovedLine {
            component: k.0.clone(),
            deal: k.1.clone(),
            member: k.2.clone(),
            base: before,
            edited: after,
            delta,
            explain: explain.to_string(),
            base_explain: base_explain.to_string(),
        });
    }
    best
}
