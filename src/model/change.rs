//! What-if changes once read: what a scenario does to a copy of the
//! activity. Built only by [`crate::read::change`], which checks each
//! change's own fields; what-if then applies them, checking them against the
//! activity (the deal exists, the line or touch is there).

use super::activity::{Deal, Touch};
use super::names::Stage;
use crate::date::Date;
use rust_decimal::Decimal;

/// Every change, with the fields it takes: the one table of op names (the
/// reader, the error message and [`Change::op`] all use it).
pub const OPS: &[(&str, &[&str])] = &[
    ("add_deal", &["deal", "discount"]),
    ("remove_deal", &["deal"]),
    ("set_amount", &["deal", "amount", "line"]),
    ("set_stage", &["deal", "stage"]),
    ("set_close_date", &["deal", "close_date"]),
    ("set_discount", &["deal", "discount", "line"]),
    ("set_product", &["deal", "product", "line"]),
    ("add_touch", &["deal", "touch"]),
    ("remove_touch", &["deal", "index"]),
    ("set_company_revenue", &["amount"]),
    ("set_metric", &["participant", "name", "value"]),
    ("upsert_lead", &["lead"]),
    ("remove_lead", &["lead"]),
];

/// A position given in a change (`line`, `index`): the number as given, or
/// None when it was not a whole number. Whether it is in range depends on
/// the deal, so it is checked when the change is applied.
pub type Position = Option<u64>;

/// One change of a scenario.
#[derive(Debug, Clone)]
pub enum Change {
    /// A new deal; `discount` sets every line that far below its list price.
    AddDeal {
        deal: Box<Deal>,
        discount: Option<Decimal>,
    },
    RemoveDeal {
        deal: String,
    },
    /// None clears the company's revenue.
    SetCompanyRevenue {
        amount: Option<Decimal>,
    },
    /// `participant` None: the scenario's own participant.
    SetMetric {
        participant: Option<String>,
        name: String,
        value: Decimal,
    },
    /// A lead added to the ledger, or replacing the one with its id.
    UpsertLead {
        lead: Box<super::lead::Lead>,
    },
    /// The id of a lead to take out of the ledger.
    RemoveLead {
        lead: String,
    },
    /// An edit of one existing deal.
    Edit {
        deal: String,
        edit: Edit,
    },
}

/// What an edit does to its deal. `line` None: the deal's only line.
#[derive(Debug, Clone)]
pub enum Edit {
    SetAmount {
        amount: Decimal,
        line: Option<Position>,
    },
    SetStage(Stage),
    SetCloseDate(Date),
    /// Below 1; 0 takes the list price away.
    SetDiscount {
        discount: Decimal,
        line: Option<Position>,
    },
    SetProduct {
        product: String,
        line: Option<Position>,
    },
    AddTouch(Touch),
    /// None when `index` was not given.
    RemoveTouch(Option<Position>),
}

impl Change {
    /// The change's `op`, as written.
    pub fn op(&self) -> &'static str {
        match self {
            Change::AddDeal { .. } => "add_deal",
            Change::RemoveDeal { .. } => "remove_deal",
            Change::SetCompanyRevenue { .. } => "set_company_revenue",
            Change::SetMetric { .. } => "set_metric",
            Change::UpsertLead { .. } => "upsert_lead",
            Change::RemoveLead { .. } => "remove_lead",
            Change::Edit { edit, .. } => match edit {
                Edit::SetAmount { .. } => "set_amount",
                Edit::SetStage(_) => "set_stage",
                Edit::SetCloseDate(_) => "set_close_date",
                Edit::SetDiscount { .. } => "set_discount",
                Edit::SetProduct { .. } => "set_product",
                Edit::AddTouch(_) => "add_touch",
                Edit::RemoveTouch(_) => "remove_touch",
            },
        }
    }

    /// The deal the change is about, if any.
    pub fn deal(&self) -> Option<&str> {
        match self {
            Change::AddDeal { deal, .. } => Some(&deal.id),
            Change::RemoveDeal { deal } | Change::Edit { deal, .. } => Some(deal),
            Change::SetCompanyRevenue { .. }
            | Change::SetMetric { .. }
            | Change::UpsertLead { .. }
            | Change::RemoveLead { .. } => None,
        }
    }
}

/// The fields `op` takes; None when it is not a change.
pub fn fields(op: &str) -> Option<&'static [&'static str]> {
    OPS.iter().find(|(name, _)| *name == op).map(|(_, f)| *f)
}
