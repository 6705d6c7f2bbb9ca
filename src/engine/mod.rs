//! The engine: a validated plan and activity held in memory, statements on
//! demand, and live updates (a deal pushed or removed, company revenue, a
//! metric) that re-validate only what they change.

mod benchmarks;
pub use benchmarks::{Mark, Standing, MIN_PEERS};
mod cut;
pub mod explain;
pub mod facts;
mod lab;
pub use lab::{without_company_goal, LineFigures};
mod load;
pub mod memo;
mod pay;
mod payouts;
mod pipeline;
mod pipeline_view;
pub use pipeline_view::{LeadRow, PipelineView, Side, StandingView};
mod rescale;
mod settings;
pub mod team;
pub use payouts::{DealPayout, PayoutStep, Payouts, Waiting};
pub use team::{TeamMember, TeamStatement, TeamTotals};
pub mod periods;
pub mod score;

// Kept for callers of the engine's older paths; the functions live in `read`.
pub use crate::read::document::{check_json, check_len, parse_json, read_plan};

use crate::error::{Error, ErrorCode};
use crate::model::activity::{Activity, Deal};
use crate::model::plan::Plan;
use crate::read::{self, Reader};
use crate::statement::Statement;
use crate::tiers::Ratio;
use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::HashMap;

/// A plan and an activity, checked against each other, ready to score.
#[derive(Debug, Clone)]
pub struct Engine {
    plan: Plan,
    activity: Activity,
    /// Deal ids → index in `activity.deals`.
    deal_index: HashMap<String, usize>,
    /// Participant ids → the deals they own or touched, in (close_date, id)
    /// order (the order statements take them in).
    involved: HashMap<String, Vec<usize>>,
    /// Participant ids → index in `activity.participants`.
    participant_index: HashMap<String, usize>,
    /// The sum of the counted deals' revenue (company revenue by default).
    counted_revenue: Decimal,
    /// The lead ledger measured, when the activity has one.
    ledger: Option<crate::pipeline::Ledger>,
    /// Managers' ids → their direct reports' indices in `participants`.
    reports: HashMap<String, Vec<usize>>,
    /// Team members' headline statements, kept until a change moves them.
    team_memo: team::TeamMemo,
}

impl Engine {
    fn assemble(plan: Plan, activity: Activity) -> Engine {
        let mut e = Engine {
            plan,
            activity,
            deal_index: HashMap::new(),
            involved: HashMap::new(),
            participant_index: HashMap::new(),
            counted_revenue: Decimal::ZERO,
            ledger: None,
            reports: HashMap::new(),
            team_memo: team::TeamMemo::default(),
        };
        e.reindex();
        e
    }

    fn reindex(&mut self) {
        self.deal_index = self
            .activity
            .deals
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.clone(), i))
            .collect();
        self.participant_index = self
            .activity
            .participants
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        self.reports = team::reports_of(&self.activity.participants);
        self.team_memo.clear();
        let mut involved: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, d) in self.activity.deals.iter().enumerate() {
            for who in distinct_people(d) {
                involved.entry(who.to_string()).or_default().push(i);
            }
        }
        let deals = &self.activity.deals;
        for list in involved.values_mut() {
            list.sort_by(|&a, &b| {
                (deals[a].close_date, &deals[a].id).cmp(&(deals[b].close_date, &deals[b].id))
            });
        }
        self.involved = involved;
        self.recount();
    }

    /// What depends on the plan in force: company revenue from the counted
    /// deals, the lead ledger, the team memo.
    fn recount(&mut self) {
        // At most 10^6 deals below 10^15 each: the sum stays below 10^21,
        // far inside a Decimal, so plain addition cannot overflow here.
        let plan = &self.plan;
        self.counted_revenue = self
            .activity
            .deals
            .iter()
            .filter(|d| score::counted(plan, d))
            .fold(Decimal::ZERO, |sum, d| sum.saturating_add(d.revenue()));
        self.replanned();
    }

    /// What depends on the plan besides company revenue, worked out again:
    /// the team memo forgotten, the lead ledger measured.
    fn replanned(&mut self) {
        self.team_memo.clear();
        self.remeasure();
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    pub fn activity(&self) -> &Activity {
        &self.activity
    }

    /// Company revenue: the activity's figure, or the sum of counted deals.
    pub fn company_revenue(&self) -> Decimal {
        match self.activity.company.as_ref().and_then(|c| c.revenue) {
            Some(r) => r,
            None => self.counted_revenue,
        }
    }

    fn context(&self, detail: score::Detail) -> score::Context<'_> {
        score::Context {
            plan: &self.plan,
            attributions: score::AttributionCache::default(),
            detail,
            allocations: score::Allocations {
                list: &self.activity.allocations,
                elsewhere: &self.activity.allocated_elsewhere,
            },
            company: self
                .plan
                .company_goal
                .as_ref()
                .map(|g| Ratio::new(self.company_revenue(), g.target)),
            pipeline: self.pipeline_view(),
            team: None,
        }
    }

    /// One participant's statement.
    pub fn statement(&self, participant: &str) -> Result<Statement, Error> {
        let ctx = self.context(score::Detail::Explained);
        self.statement_in(&ctx, participant)
    }

    /// The participant, their role and the deals they own or touched.
    fn scored(
        &self,
        participant: &str,
    ) -> Result<
        (
            &crate::model::activity::Participant,
            &crate::model::plan::Role,
            impl Iterator<Item = &Deal> + Clone,
        ),
        Error,
    > {
        let person = self
            .participant_index
            .get(participant)
            .map(|&i| &self.activity.participants[i])
            .ok_or_else(|| unknown_participant(participant))?;
        let role = self.plan.role(&person.role).ok_or_else(|| {
            Error::one(
                ErrorCode::InvalidActivity,
                "participant.role",
                format!("\"{}\" is not a role of the plan", person.role),
            )
        })?;
        let deals = self
            .involved
            .get(participant)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .map(|&i| &self.activity.deals[i]);
        Ok((person, role, deals))
    }

    /// What a screen shows beside the participant's statement, decided by
    /// the engine (see [`facts`]).
    pub fn facts(&self, participant: &str) -> Result<facts::Facts, Error> {
        self.facts_of(participant, facts::Deals::All)
    }

    /// [`Engine::facts`] with every deal, or only the deals a headline
    /// tells of (clawbacks): a render's worth, without 2,000 deals' lines.
    pub fn facts_of(
        &self,
        participant: &str,
        deals_wanted: facts::Deals,
    ) -> Result<facts::Facts, Error> {
        // Facts name a team bonus's measure, never an override's lines.
        let team = self.team_figures(participant, false)?;
        let mut ctx = self.context(score::Detail::Totals);
        ctx.team = team.as_ref();
        let (person, role, deals) = self.scored(participant)?;
        crate::decimal::checked::guard(|| {
            facts::facts(&ctx, role, person, deals, &self.activity, deals_wanted)
        })
        .map_err(|_| too_large(participant))
    }

    fn statement_in(
        &self,
        ctx: &score::Context<'_>,
        participant: &str,
    ) -> Result<Statement, Error> {
        let s = if self.plan.period.pay_periods.is_none() {
            self.with_pay(self.whole_period_in(ctx, participant)?)?
        } else {
            // A plan year: the figures as its pay periods pay them.
            self.year_statement(participant, ctx.detail)?
        };
        Ok(self.with_pipeline(s, ctx.detail))
    }

    /// The version-1 arithmetic over the whole plan period: a plan
    /// without pay periods' statement; for a plan year, the year's facts
    /// (quota, credit, attainment, next tier) before the pay periods' sums.
    fn whole_period_in(
        &self,
        ctx: &score::Context<'_>,
        participant: &str,
    ) -> Result<Statement, Error> {
        // A manager paid on the team: their team's figures beside the
        // context (the one place a statement gets them; a plan year has no
        // team pay).
        if ctx.team.is_none() {
            if let Some(team) = self.team_figures(participant, true)? {
                let mut own = self.context(ctx.detail);
                own.team = Some(&team);
                return self.whole_period_as(&own, participant, true);
            }
        }
        self.whole_period_as(ctx, participant, true)
    }

    /// A plan year's facts from the whole plan period (quota, quota credit,
    /// attainment, next tier, paid; components named, not worked out).
    fn year_facts(&self, participant: &str) -> Result<Statement, Error> {
        self.whole_period_as(&self.context(score::Detail::Totals), participant, false)
    }

    /// The statement over the whole plan period and every payment, guarded
    /// against overflow; `worked` false: its facts alone
    /// ([`score::statement_facts`]).
    fn whole_period_as(
        &self,
        ctx: &score::Context<'_>,
        participant: &str,
        worked: bool,
    ) -> Result<Statement, Error> {
        let (person, role, deals) = self.scored(participant)?;
        let payments = self.activity.payments.iter();
        crate::decimal::checked::guard(|| match worked {
            true => score::statement(ctx, role, person, deals, payments),
            false => score::statement_facts(ctx, role, person, deals, payments),
        })
        .map_err(|_| too_large(participant))
    }

    /// [`Engine::statement`] with the version-1 arithmetic over the whole
    /// plan period, also for a plan year (tiers on the year's attainment, no
    /// true-ups, caps or pay periods): what a plan year's pay periods are
    /// compared with (a year-end true-up makes them agree).
    pub fn whole_period_statement(&self, participant: &str) -> Result<Statement, Error> {
        self.whole_period_in(&self.context(score::Detail::Explained), participant)
    }

    /// One participant's statement with the same numbers but no `explain`
    /// sentences: the headline figures, fast (live totals, what-if steps).
    pub fn headline(&self, participant: &str) -> Result<Statement, Error> {
        let ctx = self.context(score::Detail::Figures);
        self.statement_in(&ctx, participant)
    }

    /// One participant's headline figures alone: the statement's totals and
    /// each component's, with no lines (`components[].lines` is empty). The
    /// numbers are those of [`Engine::statement`].
    pub fn totals(&self, participant: &str) -> Result<Statement, Error> {
        let ctx = self.context(score::Detail::Totals);
        self.statement_in(&ctx, participant)
    }

    /// Every participant's statement, in the activity's order. A statement
    /// that cannot be computed exactly (an overflow) fails the whole call,
    /// naming every participant concerned: nothing is silently left out.
    /// Natively the participants are shared out between the cores (a
    /// contiguous part each, each thread with its own attribution memo); in
    /// WebAssembly, which has no threads here, one after another.
    pub fn statements(&self) -> Result<Vec<Statement>, Error> {
        let people = &self.activity.participants;
        let threads = workers();
        if threads <= 1 || people.len() < 2 * MIN_PER_THREAD {
            let mut out = Vec::with_capacity(people.len());
            self.each_statement(score::Detail::Explained, |s| out.push(s))?;
            return Ok(out);
        }
        let part = people.len().div_ceil(threads);
        let results: Vec<Result<Statement, Error>> = std::thread::scope(|scope| {
            let running: Vec<_> = people
                .chunks(part)
                .map(|mine| {
                    scope.spawn(move || {
                        let ctx = self.context(score::Detail::Explained);
                        mine.iter()
                            .map(|p| self.statement_in(&ctx, &p.id))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            running
                .into_iter()
                .flat_map(|t| t.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        });
        let mut out = Vec::with_capacity(people.len());
        hand_over(results, |s| out.push(s))?;
        Ok(out)
    }

    /// Every participant's statement at `detail`, in the activity's order,
    /// handed to `each` one at a time (a whole company's statements are never
    /// held at once: the CLI and the package write each as it comes), with
    /// one attribution memo for all. Errs as [`Engine::statements`], after
    /// handing over the statements that could be computed.
    pub fn each_statement(
        &self,
        detail: score::Detail,
        each: impl FnMut(Statement),
    ) -> Result<(), Error> {
        let ctx = self.context(detail);
        let people = self.activity.participants.iter();
        hand_over(people.map(|p| self.statement_in(&ctx, &p.id)), each)
    }

    /// Adds a deal, or replaces the deal with the same id. The deal is read
    /// and checked against the plan first; on error nothing changes.
    /// Returns the participants whose statements it can change.
    pub fn upsert_deal(&mut self, deal: &Value) -> Result<Vec<String>, Error> {
        let mut r = Reader::default();
        let d = read::activity::deal(&mut r, deal, "deal");
        match d.filter(|_| r.ok()) {
            Some(d) => self.put_deal(d, "deal"),
            None if r.too_large => Err(Error::new(ErrorCode::TooLarge, r.problems)),
            None => Err(Error::new(ErrorCode::InvalidActivity, r.problems)),
        }
    }

    /// Adds or replaces a deal already read, after the plan's checks
    /// (problems under `path`).
    pub fn put_deal(&mut self, d: Deal, path: &str) -> Result<Vec<String>, Error> {
        let mut r = Reader::default();
        let people = &self.activity.participants;
        let role_of = |id: &str| {
            self.participant_index
                .get(id)
                .map(|&i| people[i].role.as_str())
        };
        if self.plan.period.pay_periods.is_some() {
            // The plan year's dates: stages and cancellation by the as-of date.
            let prorated = d.owners.iter().any(|o| {
                role_of(&o.participant)
                    .and_then(|id| self.plan.role(id))
                    .is_some_and(read::period::prorates)
            });
            read::period::deal_fits(&mut r, self.activity.as_of, prorated, &d, path);
        }
        read::activity::deal_fits(&mut r, &self.plan, role_of, &d, path);
        self.lead_fits(&mut r, &d, path);
        if !r.ok() {
            return Err(Error::new(ErrorCode::InvalidActivity, r.problems));
        }
        let mut affected: Vec<String> = people_of(&d).map(String::from).collect();
        let (id, mut named) = (d.id.clone(), vec![d.lead.clone()]);
        match self.deal_index.get(&d.id).copied() {
            Some(i) => {
                affected.extend(people_of(&self.activity.deals[i]).map(String::from));
                named.push(self.activity.deals[i].lead.clone());
                self.unlink(i);
                self.activity.deals[i] = d;
                self.link(i);
            }
            None => {
                let i = self.activity.deals.len();
                self.deal_index.insert(d.id.clone(), i);
                self.activity.deals.push(d);
                self.link(i);
            }
        }
        let affected = self.deal_changed(affected, &id, &named);
        self.deal_moved(&affected);
        Ok(affected)
    }

    /// Records deal `i` under each of its people, in (close_date, id) order,
    /// and adds its revenue when it counts.
    fn link(&mut self, i: usize) {
        let deals = &self.activity.deals;
        let d = &deals[i];
        if score::counted(&self.plan, d) {
            self.counted_revenue += d.revenue();
        }
        let key = (d.close_date, d.id.as_str());
        for who in distinct_people(d) {
            let list = self.involved.entry(who.to_string()).or_default();
            let at = list.partition_point(|&j| (deals[j].close_date, deals[j].id.as_str()) < key);
            list.insert(at, i);
        }
    }

    /// Forgets deal `i` under each of its people and takes its revenue away.
    fn unlink(&mut self, i: usize) {
        let d = &self.activity.deals[i];
        if score::counted(&self.plan, d) {
            self.counted_revenue -= d.revenue();
        }
        for who in distinct_people(d) {
            if let Some(list) = self.involved.get_mut(who) {
                list.retain(|&x| x != i);
            }
        }
    }

    /// Removes a deal by id. Payments recorded against it stay in `paid`.
    pub fn remove_deal(&mut self, id: &str) -> Result<Vec<String>, Error> {
        let i = *self.deal_index.get(id).ok_or_else(|| {
            Error::one(
                ErrorCode::UnknownDeal,
                "id",
                format!("\"{id}\" is not a deal of the activity"),
            )
        })?;
        self.unlink(i);
        let last = self.activity.deals.len() - 1;
        if i != last {
            self.unlink(last);
        }
        let d = self.activity.deals.swap_remove(i);
        self.deal_index.remove(id);
        if i != last {
            self.deal_index.insert(self.activity.deals[i].id.clone(), i);
            self.link(i);
        }
        let affected: Vec<String> = people_of(&d).map(String::from).collect();
        let affected = self.deal_changed(affected, &d.id, std::slice::from_ref(&d.lead));
        self.deal_moved(&affected);
        Ok(affected)
    }

    /// The deal with this id.
    pub fn deal(&self, id: &str) -> Option<&Deal> {
        self.deal_index.get(id).map(|&i| &self.activity.deals[i])
    }
}

/// Hands each participant's statement (in the activity's order) to `each`;
/// the ones that could not be computed fail the whole, each problem under
/// its participant's index.
fn hand_over(
    statements: impl IntoIterator<Item = Result<Statement, Error>>,
    mut each: impl FnMut(Statement),
) -> Result<(), Error> {
    let mut problems = Vec::new();
    for (i, r) in statements.into_iter().enumerate() {
        match r {
            Ok(s) => each(s),
            Err(e) => problems.extend(e.problems.into_iter().map(|x| {
                crate::error::Problem::new(format!("activity.participants[{i}]"), x.message)
            })),
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::new(ErrorCode::TooLarge, problems))
    }
}

/// Below this many participants per core, [`Engine::statements`] does not
/// start threads (they would cost more than they save).
const MIN_PER_THREAD: usize = 32;

/// Threads for a batch of statements: the cores (1 in WebAssembly).
fn workers() -> usize {
    #[cfg(target_arch = "wasm32")]
    {
        1
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::thread::available_parallelism().map_or(1, usize::from)
    }
}

/// Everyone a deal can pay: its owners and the people on its touches.
fn people_of(d: &Deal) -> impl Iterator<Item = &str> {
    d.owners
        .iter()
        .map(|o| o.participant.as_str())
        .chain(d.touches.iter().filter_map(|t| t.participant.as_deref()))
}

/// A deal's people, each once (an owner may also have touched it, a
/// marketer several times).
fn distinct_people(d: &Deal) -> Vec<&str> {
    let mut people: Vec<&str> = people_of(d).collect();
    people.sort_unstable();
    people.dedup();
    people
}

fn unknown_participant(participant: &str) -> Error {
    Error::one(
        ErrorCode::UnknownParticipant,
        "participant",
        format!("\"{participant}\" is not a participant of the activity"),
    )
}

/// A statement that cannot be computed exactly.
fn too_large(participant: &str) -> Error {
    Error::one(
        ErrorCode::TooLarge,
        "participant",
        format!(
            "\"{participant}\"'s pay cannot be computed exactly: a figure goes beyond 28 significant digits \
             (look for extreme rates, multipliers or quotas)"
        ),
    )
}
