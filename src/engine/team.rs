//! Teams in the engine: who reports to whom, the figures a manager's
//! override and team bonus are paid on, and the team statement (each
//! member's headline figures and their sums).

use super::{score, Engine};
use crate::error::Error;
use crate::model::names::NamedMeasure;
use crate::model::plan::{Component, Measure, Role};
use crate::statement::Statement;
use crate::tiers::Ratio;
use rust_decimal::Decimal;
use score::{AtTarget, MemberFigures, TeamFigures};
use serde::Serialize;
use std::collections::HashMap;

/// A manager's team: each member's headline figures and their sums.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamStatement {
    pub manager: String,
    pub name: String,
    pub role: String,
    pub currency: String,
    /// Everyone below the manager, depth first (each direct report
    /// followed by their own team).
    pub members: Vec<TeamMember>,
    pub totals: TeamTotals,
}

/// One member's row: what their own statement says.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamMember {
    pub participant: String,
    pub name: String,
    pub role: String,
    /// The role's name in the plan.
    pub role_name: String,
    /// Whom they report to (the manager, or a member above them).
    pub manager: String,
    /// 1: a direct report; 2: a report's report; …
    pub level: u32,
    #[serde(serialize_with = "crate::decimal::serialize_option")]
    pub quota: Option<Decimal>,
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub quota_credit: Decimal,
    #[serde(serialize_with = "crate::decimal::serialize_option")]
    pub attainment: Option<Decimal>,
    /// Attainment at or above 1 (null without a quota).
    pub at_target: Option<bool>,
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub earned: Decimal,
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub payable: Decimal,
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub paid: Decimal,
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub due: Decimal,
}

/// The members' figures summed (each already rounded, so the sums are the
/// sums of the rows shown).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamTotals {
    pub members: usize,
    /// The sum of the members' quotas.
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub quota: Decimal,
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub quota_credit: Decimal,
    /// The quota credit of the members with a quota ÷ their quotas (null
    /// when nobody has one).
    #[serde(serialize_with = "crate::decimal::serialize_option")]
    pub attainment: Option<Decimal>,
    /// Members with a quota at or above target, and of how many.
    pub at_target: usize,
    pub with_quota: usize,
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub earned: Decimal,
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub payable: Decimal,
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub paid: Decimal,
    #[serde(serialize_with = "crate::decimal::serialize")]
    pub due: Decimal,
    /// `Team attainment: 1,870,000.00 quota credit ÷ 2,000,000.00 quota = 93.5%`.
    pub explain: String,
}

/// What a role pays on its team: the deepest level an override reaches
/// (None: no override), and whether it measures team-at-target.
pub fn team_needs(role: &Role) -> (Option<u32>, bool) {
    let mut deepest: Option<u32> = None;
    for c in &role.components {
        if let Component::Override(o) = c {
            let d = match o.depth {
                crate::model::team::Depth::Levels(n) => n,
                crate::model::team::Depth::All(_) => u32::MAX,
            };
            deepest = Some(deepest.map_or(d, |x| x.max(d)));
        }
    }
    let at_target = role
        .components
        .iter()
        .any(|c| c.measure() == Some(&Measure::Named(NamedMeasure::TeamAtTarget)));
    (deepest, at_target)
}

/// Managers → their direct reports (indices, in the activity's order).
pub(super) fn reports_of(
    people: &[crate::model::activity::Participant],
) -> HashMap<String, Vec<usize>> {
    let mut reports: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, p) in people.iter().enumerate() {
        if let Some(m) = &p.manager {
            reports.entry(m.clone()).or_default().push(i);
        }
    }
    reports
}

impl Engine {
    /// Everyone below `manager` down `depth` levels, depth first: (index,
    /// level, the index of whom they report to).
    pub(super) fn below(&self, manager: &str, depth: u32) -> Vec<(usize, u32, Option<usize>)> {
        let mut out = Vec::new();
        let mut stack: Vec<(usize, u32, Option<usize>)> = Vec::new();
        let push_reports = |stack: &mut Vec<_>, id: &str, level: u32, via: Option<usize>| {
            if let Some(list) = self.reports.get(id) {
                stack.extend(list.iter().rev().map(|&i| (i, level, via)));
            }
        };
        push_reports(&mut stack, manager, 1, None);
        // The reader refuses cycles, so this ends; the bound is a guard.
        while let Some((i, level, via)) = stack.pop() {
            if out.len() > self.activity.participants.len() {
                break;
            }
            out.push((i, level, via));
            if level < depth {
                push_reports(
                    &mut stack,
                    &self.activity.participants[i].id,
                    level + 1,
                    Some(i),
                );
            }
        }
        out
    }

    /// The name a sentence or row uses: the engine's name of them, else the id.
    fn display_name(&self, i: usize) -> String {
        let id = &self.activity.participants[i].id;
        self.name_of(id).unwrap_or_else(|| id.clone())
    }

    /// What `participant`'s role needs of their team to be scored (None:
    /// it pays nothing on the team); `members` false: only the
    /// team-at-target measure (what a member's own commission may need).
    pub(super) fn team_figures(
        &self,
        participant: &str,
        members: bool,
    ) -> Result<Option<TeamFigures>, Error> {
        let (_, role, _) = self.scored(participant)?;
        let (deepest, at_target) = team_needs(role);
        if deepest.is_none() && !at_target {
            return Ok(None);
        }
        let mut team = TeamFigures::default();
        if at_target {
            let mut a = AtTarget {
                reached: Vec::new(),
                of: 0,
            };
            for (i, _, _) in self.below(participant, 1) {
                let id = &self.activity.participants[i].id;
                let facts = self.member_totals(id)?;
                if let Some(att) = facts.attainment {
                    a.of += 1;
                    if att >= Decimal::ONE {
                        a.reached.push(self.display_name(i));
                    }
                }
            }
            team.at_target = Some(a);
        }
        if let (Some(depth), true) = (deepest, members) {
            for (i, level, via) in self.below(participant, depth) {
                let s = self.member_totals(&self.activity.participants[i].id)?;
                let scale = self.plan.currency_scale;
                let commission = |f: fn(&crate::statement::ComponentStatement) -> Decimal| {
                    crate::statement::sum_at(
                        s.components
                            .iter()
                            .filter(|c| c.kind == "commission")
                            .map(f),
                        scale,
                    )
                };
                team.members.push(MemberFigures {
                    id: self.activity.participants[i].id.clone(),
                    name: self.display_name(i),
                    level,
                    via: via.map(|v| self.display_name(v)),
                    credit: s.quota_credit,
                    commission_earned: commission(|c| c.earned),
                    commission_payable: commission(|c| c.payable),
                });
            }
        }
        Ok(Some(team))
    }

    /// A manager's team statement: each member's headline figures (from
    /// their own statements) and the sums.
    pub fn team(&self, manager: &str) -> Result<TeamStatement, Error> {
        let (person, role, _) = self.scored(manager)?;
        let scale = self.plan.currency_scale;
        let mut members = Vec::new();
        for (i, level, via) in self.below(manager, u32::MAX) {
            let p = &self.activity.participants[i];
            let s = self.member_totals(&p.id)?;
            members.push(TeamMember {
                participant: p.id.clone(),
                name: self.display_name(i),
                role: p.role.clone(),
                role_name: self
                    .plan
                    .role(&p.role)
                    .map_or_else(|| p.role.clone(), |r| r.name.clone()),
                manager: via.map_or_else(
                    || manager.to_string(),
                    |v| self.activity.participants[v].id.clone(),
                ),
                level,
                quota: s.quota,
                quota_credit: s.quota_credit,
                attainment: s.attainment,
                at_target: s.attainment.map(|a| a >= Decimal::ONE),
                earned: s.earned,
                payable: s.payable,
                paid: s.paid,
                due: s.due,
            });
        }
        // The sums of members' figures can pass 28 digits only with
        // absurd inputs: then the call fails as a statement does.
        let totals = crate::decimal::checked::guard(|| totals_of(&members, scale))
            .map_err(|_| super::too_large(manager))?;
        Ok(TeamStatement {
            manager: manager.to_string(),
            name: self.name_of(manager).unwrap_or_else(|| person.id.clone()),
            role: role.id.clone(),
            currency: self.plan.currency.clone(),
            members,
            totals,
        })
    }

    /// Everyone above `participant`: their manager, their manager's, …
    pub fn managers_above(&self, participant: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut at = participant;
        while let Some(m) = self
            .participant_index
            .get(at)
            .and_then(|&i| self.activity.participants[i].manager.as_deref())
        {
            if out.iter().any(|x| x == m) || out.len() > self.activity.participants.len() {
                break;
            }
            out.push(m.to_string());
            at = m;
        }
        out
    }
}

impl Engine {
    /// `affected` and everyone above them (a member's change moves their
    /// managers' team statements, overrides and team bonuses).
    pub(super) fn with_managers(&self, mut affected: Vec<String>) -> Vec<String> {
        if self.reports.is_empty() {
            return affected;
        }
        let above: Vec<String> = affected
            .iter()
            .flat_map(|p| self.managers_above(p))
            .collect();
        affected.extend(above);
        affected
    }
}

/// The members' headline statements a manager's figures and team view are
/// made of, kept between calls: a live change forgets the statements it
/// can move (the people it names and their managers, or everyone when it
/// moves a company-wide figure), so a team of 200 re-scores one member
/// after one deal, not 200. A clone (a what-if's copy) starts empty.
#[derive(Debug, Default)]
pub(super) struct TeamMemo(std::sync::Mutex<HashMap<String, Statement>>);

impl Clone for TeamMemo {
    fn clone(&self) -> TeamMemo {
        TeamMemo::default()
    }
}

impl TeamMemo {
    fn map(&self) -> std::sync::MutexGuard<'_, HashMap<String, Statement>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(super) fn clear(&self) {
        self.map().clear();
    }

    pub(super) fn forget(&self, people: &[String]) {
        let mut map = self.map();
        for p in people {
            map.remove(p);
        }
    }
}

impl Engine {
    /// A member's headline statement (`totals`), from the memo when no
    /// change since could have moved it. The memo is never locked while a
    /// statement is scored (a member who manages asks for their own team).
    pub(super) fn member_totals(&self, member: &str) -> Result<Statement, Error> {
        if let Some(s) = self.team_memo.map().get(member) {
            return Ok(s.clone());
        }
        let s = self.totals(member)?;
        self.team_memo.map().insert(member.to_string(), s.clone());
        Ok(s)
    }

    /// What a deal change makes the memo forget: `affected` (the people it
    /// names, their managers), or everything when the change can move a
    /// figure of everyone's (company revenue summed from the deals under a
    /// company goal, or the lead ledger's measures).
    pub(super) fn deal_moved(&self, affected: &[String]) {
        let summed = self
            .activity
            .company
            .as_ref()
            .and_then(|c| c.revenue)
            .is_none();
        if (self.plan.company_goal.is_some() && summed) || self.activity.leads.is_some() {
            self.team_memo.clear();
        } else {
            self.team_memo.forget(affected);
        }
    }
}

/// The team's totals: the sums of the rows shown, and the team attainment
/// (quota credit of the members with a quota ÷ their quotas) with its
/// sentence.
fn totals_of(members: &[TeamMember], scale: u32) -> TeamTotals {
    let money = super::explain::Money(scale);
    let sum =
        |f: fn(&TeamMember) -> Decimal| crate::statement::sum_at(members.iter().map(f), scale);
    let with_quota: Vec<&TeamMember> = members
        .iter()
        .filter(|m| m.quota.is_some_and(|q| q > Decimal::ZERO))
        .collect();
    let quota = crate::statement::sum_at(
        with_quota.iter().map(|m| m.quota.unwrap_or_default()),
        scale,
    );
    let credited = crate::statement::sum_at(with_quota.iter().map(|m| m.quota_credit), scale);
    let attainment = (!with_quota.is_empty()).then(|| Ratio::new(credited, quota));
    let explain = match attainment {
        Some(a) => format!(
            "Team attainment: {} quota credit of the {} members with a quota ÷ {} quota = {}",
            money.fmt(credited),
            with_quota.len(),
            money.fmt(quota),
            crate::decimal::percent(a.value())
        ),
        None => "No member has a quota: the team has no attainment".to_string(),
    };
    TeamTotals {
        members: members.len(),
        quota,
        quota_credit: sum(|m| m.quota_credit),
        attainment: attainment.map(|a| a.ratio()),
        at_target: with_quota
            .iter()
            .filter(|m| m.at_target == Some(true))
            .count(),
        with_quota: with_quota.len(),
        earned: sum(|m| m.earned),
        payable: sum(|m| m.payable),
        paid: sum(|m| m.paid),
        due: sum(|m| m.due),
        explain,
    }
}
