//! The mapping file (TOML): which CSV column feeds which activity field, the
//! value maps, the date format, and the participants the CRM does not know.

use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// The date format of every file (`%m/%d/%Y`, `%Y-%m-%d %H:%M`); a
    /// file's own `date_format` wins.
    #[serde(default = "iso")]
    pub date_format: String,
    pub as_of: Option<String>,
    pub company_revenue: Option<String>,
    /// The participants (ids, roles and quotas: not in a CRM export).
    #[serde(default)]
    pub participants: Vec<Participant>,
    /// CRM user names → participant ids (participants' own ids and names
    /// are known already).
    #[serde(default)]
    pub owners: BTreeMap<String, String>,
    pub opportunities: File<DealColumns>,
    pub touches: Option<File<TouchColumns>>,
    pub payments: Option<File<PaymentColumns>>,
}

fn iso() -> String {
    "%Y-%m-%d".to_string()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    pub id: String,
    pub name: Option<String>,
    pub role: String,
    pub quota: Option<String>,
    pub target_bonus: Option<String>,
}

/// One input file: its columns and value maps.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct File<C> {
    pub date_format: Option<String>,
    pub columns: C,
    /// Value maps: a CRM's words → the format's (`"Closed Won" = "booked"`).
    #[serde(default)]
    pub stages: BTreeMap<String, String>,
    #[serde(default)]
    pub types: BTreeMap<String, String>,
    #[serde(default)]
    pub sources: BTreeMap<String, String>,
    #[serde(default)]
    pub marks: BTreeMap<String, String>,
}

/// Column names of the opportunities (deals) file: one row per deal, or per
/// owner of a split deal (rows sharing an id).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DealColumns {
    /// Required by the pay run; a what-if numbers rows without one.
    pub id: Option<String>,
    pub amount: String,
    pub close_date: String,
    /// Required by the pay run; a what-if's default is the viewer.
    pub owner: Option<String>,
    pub name: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub stage: Option<String>,
    pub source: Option<String>,
    pub split: Option<String>,
    pub product: Option<String>,
    pub list_price: Option<String>,
    /// A fraction or a percentage off the list price; without a list price
    /// column the list price is worked out from it (amount / (1 − discount)).
    pub discount: Option<String>,
    pub cost: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TouchColumns {
    pub deal: String,
    pub at: String,
    pub participant: Option<String>,
    pub campaign: Option<String>,
    /// Marks separated by `;` (`Lead Created; Opportunity Created`).
    pub marks: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaymentColumns {
    pub participant: String,
    pub amount: String,
    pub deal: Option<String>,
    pub date: Option<String>,
}

impl DealColumns {
    /// (field, column) of every mapped column.
    pub fn named(&self) -> Vec<(&'static str, &str)> {
        let mut v = vec![
            ("amount", self.amount.as_str()),
            ("close_date", &self.close_date),
        ];
        for (field, col) in [
            ("id", &self.id),
            ("owner", &self.owner),
            ("name", &self.name),
            ("type", &self.kind),
            ("stage", &self.stage),
            ("source", &self.source),
            ("split", &self.split),
            ("product", &self.product),
            ("list_price", &self.list_price),
            ("discount", &self.discount),
            ("cost", &self.cost),
        ] {
            if let Some(c) = col {
                v.push((field, c));
            }
        }
        v
    }
}

impl TouchColumns {
    pub fn named(&self) -> Vec<(&'static str, &str)> {
        let mut v = vec![("deal", self.deal.as_str()), ("at", &self.at)];
        for (field, col) in [
            ("participant", &self.participant),
            ("campaign", &self.campaign),
            ("marks", &self.marks),
        ] {
            if let Some(c) = col {
                v.push((field, c));
            }
        }
        v
    }
}

impl PaymentColumns {
    pub fn named(&self) -> Vec<(&'static str, &str)> {
        let mut v = vec![
            ("participant", self.participant.as_str()),
            ("amount", &self.amount),
        ];
        for (field, col) in [("deal", &self.deal), ("date", &self.date)] {
            if let Some(c) = col {
                v.push((field, c));
            }
        }
        v
    }
}
