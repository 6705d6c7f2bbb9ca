//! Live figures that are not deals: company revenue booked so far, and a
//! participant's typed-in metrics (never one the lead ledger computes).

use super::{unknown_participant, Engine};
use crate::error::{Error, ErrorCode};
use crate::read::{self, Reader};
use rust_decimal::Decimal;
use serde_json::Value;

impl Engine {
    /// Sets company revenue, or with None goes back to summing the deals.
    pub fn set_company_revenue(&mut self, revenue: Option<&Value>) -> Result<(), Error> {
        let value = match revenue {
            None | Some(Value::Null) => None,
            Some(v) => {
                let mut r = Reader::default();
                match r.decimal(v, "revenue", read::Check::NonNegative) {
                    Some(d) => Some(d),
                    None => return Err(Error::new(ErrorCode::InvalidActivity, r.problems)),
                }
            }
        };
        self.set_company_revenue_to(value);
        Ok(())
    }

    /// [`Engine::set_company_revenue`] with the amount read (not negative).
    pub fn set_company_revenue_to(&mut self, revenue: Option<Decimal>) {
        self.team_memo.clear();
        self.activity
            .company
            .get_or_insert(crate::model::activity::Company { revenue: None })
            .revenue = revenue;
    }

    /// Sets one participant metric (such as lead follow-up).
    pub fn set_metric(
        &mut self,
        participant: &str,
        name: &str,
        value: &Value,
    ) -> Result<(), Error> {
        let mut r = Reader::default();
        let Some(d) = r.decimal(value, "value", read::Check::Any) else {
            return Err(Error::new(ErrorCode::InvalidActivity, r.problems));
        };
        self.set_metric_to(participant, name, d)
    }

    /// [`Engine::set_metric`] with the value read.
    pub fn set_metric_to(
        &mut self,
        participant: &str,
        name: &str,
        value: Decimal,
    ) -> Result<(), Error> {
        self.team_memo.clear();
        if self.ledger.is_some() && crate::model::names::PipelineMeasure::parse(name).is_some() {
            return Err(Error::one(
                ErrorCode::InvalidActivity,
                "name",
                format!(
                    "\"{name}\" is computed from the activity's leads: change the leads instead"
                ),
            ));
        }
        let person = self
            .activity
            .participants
            .iter_mut()
            .find(|p| p.id == participant)
            .ok_or_else(|| unknown_participant(participant))?;
        person.metrics.insert(name.to_string(), value);
        Ok(())
    }
}
