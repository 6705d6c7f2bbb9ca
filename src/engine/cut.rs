//! One participant's cut of the activity: the smaller engine their
//! scenarios run on, and the activity document a portal serves them.

use super::Engine;
use crate::error::Error;
use crate::model::activity::Activity;
use serde_json::Value;

impl Engine {
    /// A smaller engine for one participant's scenarios: the plan, that
    /// participant, the deals they own or touched, and company revenue fixed
    /// at today's figure (so their statement is the same as here).
    pub fn restricted_to(&self, participant: &str) -> Result<Engine, Error> {
        // The same person and deals the statement scores.
        let (person, _, deals) = self.scored(participant)?;
        let (person, deals) = (person.clone(), deals.cloned().collect());
        let activity = Activity {
            format: self.activity.format.clone(),
            as_of: self.activity.as_of,
            company: Some(crate::model::activity::Company {
                revenue: Some(self.company_revenue()),
            }),
            participants: vec![person],
            deals,
            payments: self
                .activity
                .payments
                .iter()
                .filter(|p| p.participant == participant)
                .cloned()
                .collect(),
            adjustments: self
                .activity
                .adjustments
                .iter()
                .filter(|a| a.participant == participant)
                .cloned()
                .collect(),
            allocations: self
                .activity
                .allocations
                .iter()
                .filter(|a| a.participant == participant)
                .cloned()
                .collect(),
            allocated_elsewhere: self.allocated_beyond(participant),
        };
        Ok(Engine::assemble(self.plan.clone(), activity))
    }

    /// The allocations of `participant`'s pools to everybody else, each
    /// as it was made (a share or an amount) but without saying who, and
    /// what was allocated elsewhere already: the cut's "up to", scaling and
    /// what-if shares move exactly as the whole activity's.
    fn allocated_beyond(&self, participant: &str) -> Vec<crate::model::pay::AllocatedElsewhere> {
        let Ok((_, role, _)) = self.scored(participant) else {
            return Vec::new();
        };
        let pools: Vec<&str> = role
            .components
            .iter()
            .filter_map(|c| match c {
                crate::model::plan::Component::Discretionary(x) => Some(x.name.as_str()),
                _ => None,
            })
            .collect();
        let others = self
            .activity
            .allocations
            .iter()
            .filter(|a| a.participant != participant && pools.contains(&a.component.as_str()))
            .map(|a| crate::model::pay::AllocatedElsewhere {
                component: a.component.clone(),
                share: a.share,
                amount: a.amount,
            });
        let away = self
            .activity
            .allocated_elsewhere
            .iter()
            .filter(|e| pools.contains(&e.component.as_str()))
            .cloned();
        others.chain(away).collect()
    }

    /// What one viewer's page needs, as an activity document: that
    /// participant, the deals they own or touched (whole, with every touch:
    /// attribution shares need them), their payments and adjustments, and company revenue
    /// fixed at today's figure. Their statement from it is the same as from
    /// the whole activity; colleagues' other deals, payments and names stay
    /// on the server.
    pub fn activity_for(&self, participant: &str) -> Result<Value, Error> {
        let cut = self.restricted_to(participant)?;
        let mut v = serde_json::to_value(cut.activity()).unwrap_or(Value::Null);
        drop_nulls(&mut v);
        if let Value::Object(o) = &mut v {
            o.insert("format".into(), Value::from("incentive-activity/1"));
        }
        Ok(v)
    }
}

/// Removes null fields (the reader takes an absent field, not a null one,
/// for most optional fields).
fn drop_nulls(v: &mut Value) {
    match v {
        Value::Object(o) => {
            o.retain(|_, x| !x.is_null());
            o.values_mut().for_each(drop_nulls);
        }
        Value::Array(a) => a.iter_mut().for_each(drop_nulls),
        _ => {}
    }
}
