//! Reading an activity straight from its JSON (text or a byte stream), one
//! deal at a time.
//!
//! Parsing a whole document into a `serde_json::Value` costs about 14 bytes
//! of tree per byte of JSON: 1 GB for a 74 MB activity of 100,000 deals. Here
//! the top-level members other than `deals` (participants, payments: small)
//! are parsed as values as usual, and each deal becomes a value only while it
//! is read into its [`Deal`](crate::model::activity::Deal), then is dropped.
//! The lead ledger (`leads`, often as big as the deals) is streamed the
//! same way. The problems, their paths and their order are those of
//! [`super::activity::read`] on the whole document.

use super::activity::{count_touches, deal, read_with, touches_over_limit, Deals};
use super::lead::{attempts_over_limit, count_attempts, lead, Leads};
use super::{index, items_over_limit, Reader};
use crate::limits;
use crate::model::activity::Activity;
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::fmt;

/// Reads an activity from `de` (the root path is `activity`). Err only for
/// text that is not JSON; everything else is a problem recorded in `r`.
pub fn activity<'de, D: Deserializer<'de>>(
    r: &mut Reader,
    de: D,
) -> Result<Option<Activity>, D::Error> {
    match de.deserialize_any(Top)? {
        TopLevel::Object(mut rest, deals, leads) => {
            let streamed = match deals {
                Some(Streamed::List(deals)) => Some(deals),
                // Not a list: back into the document, for the usual message.
                Some(Streamed::Other(v)) => {
                    rest.insert("deals".into(), v);
                    None
                }
                None => None,
            };
            let leads = match leads {
                Some(StreamedLeads::List(leads)) => Some(leads),
                Some(StreamedLeads::Other(v)) => {
                    rest.insert("leads".into(), v);
                    None
                }
                None => None,
            };
            Ok(read_with(r, &Value::Object(rest), streamed, leads))
        }
        TopLevel::Other(v) => Ok(read_with(r, &v, None, None)),
    }
}

enum TopLevel {
    /// The members other than `deals` and `leads`, and those as streamed.
    Object(Map<String, Value>, Option<Streamed>, Option<StreamedLeads>),
    /// Not an object: read as a value, for the usual message.
    Other(Value),
}

/// What `leads` held.
enum StreamedLeads {
    List(Leads),
    /// Not a list: read as a value, for the usual message.
    Other(Value),
}

/// What `deals` held.
enum Streamed {
    List(Deals),
    /// Not a list: read as a value, for the usual message.
    Other(Value),
}

/// A visitor that turns anything but the one shape it streams into the
/// `Value` the usual reader reports on (`expecting` is never shown: every
/// JSON value is accepted).
macro_rules! anything_else_as_value {
    () => {
        fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok(Self::other(Value::Bool(v)))
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Self::other(Value::from(v)))
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Self::other(Value::from(v)))
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(Self::other(Value::from(v)))
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Self::other(Value::String(v.to_string())))
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(Self::other(Value::Null))
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(Self::other(Value::Null))
        }
    };
}

struct Top;

impl Top {
    fn other(v: Value) -> TopLevel {
        TopLevel::Other(v)
    }
}

impl<'de> Visitor<'de> for Top {
    type Value = TopLevel;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    anything_else_as_value!();

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<TopLevel, A::Error> {
        Ok(TopLevel::Other(Value::deserialize(
            SeqAccessDeserializer::new(seq),
        )?))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TopLevel, A::Error> {
        let mut rest = Map::new();
        let (mut deals, mut leads) = (None, None);
        while let Some(key) = map.next_key::<String>()? {
            if key == "deals" {
                // A repeated key: the last one counts, as in a parsed Value.
                deals = Some(map.next_value_seed(DealsSeed)?);
            } else if key == "leads" {
                leads = Some(map.next_value_seed(LeadsSeed)?);
            } else {
                rest.insert(key, map.next_value()?);
            }
        }
        Ok(TopLevel::Object(rest, deals, leads))
    }
}

struct DealsSeed;

impl<'de> DeserializeSeed<'de> for DealsSeed {
    type Value = Streamed;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Streamed, D::Error> {
        de.deserialize_any(self)
    }
}

impl DealsSeed {
    fn other(v: Value) -> Streamed {
        Streamed::Other(v)
    }
}

impl<'de> Visitor<'de> for DealsSeed {
    type Value = Streamed;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    anything_else_as_value!();

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Streamed, A::Error> {
        Ok(Streamed::Other(Value::deserialize(
            MapAccessDeserializer::new(map),
        )?))
    }

    /// Each deal is read as it arrives. Past a limit (deals or touches in
    /// all) the rest are only counted, for the message, and the deals read
    /// so far are dropped with their problems: the limit is reported alone.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Streamed, A::Error> {
        let path = "activity.deals";
        let mut r = Reader::default();
        let mut deals = Vec::new();
        let (mut n, mut touches) = (0usize, 0usize);
        while let Some(v) = seq.next_element::<Value>()? {
            touches += count_touches(&v);
            if n < limits::MAX_DEALS && touches <= limits::MAX_TOUCHES {
                if let Some(d) = deal(&mut r, &v, &index(path, n)) {
                    deals.push(d);
                }
            }
            n += 1;
        }
        // The whole-document reader's order: touches first, then deals.
        let over = touches_over_limit(touches).or_else(|| items_over_limit(n, limits::MAX_DEALS));
        Ok(Streamed::List(match over {
            Some(message) => {
                let mut r = Reader::default();
                r.limit(path, message);
                Deals {
                    deals: None,
                    reader: r,
                }
            }
            None => Deals {
                deals: Some(deals),
                reader: r,
            },
        }))
    }
}

struct LeadsSeed;

impl<'de> DeserializeSeed<'de> for LeadsSeed {
    type Value = StreamedLeads;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<StreamedLeads, D::Error> {
        de.deserialize_any(self)
    }
}

impl LeadsSeed {
    fn other(v: Value) -> StreamedLeads {
        StreamedLeads::Other(v)
    }
}

impl<'de> Visitor<'de> for LeadsSeed {
    type Value = StreamedLeads;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    anything_else_as_value!();

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<StreamedLeads, A::Error> {
        Ok(StreamedLeads::Other(Value::deserialize(
            MapAccessDeserializer::new(map),
        )?))
    }

    /// Each lead is read as it arrives; past a limit (leads, or attempts in
    /// all) the rest are only counted and the limit is reported alone.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<StreamedLeads, A::Error> {
        let path = "activity.leads";
        let mut r = Reader::default();
        let mut leads = Vec::new();
        let (mut n, mut attempts) = (0usize, 0usize);
        while let Some(v) = seq.next_element::<Value>()? {
            attempts += count_attempts(&v);
            if n < limits::MAX_DEALS && attempts <= limits::MAX_TOUCHES {
                if let Some(l) = lead(&mut r, &v, &index(path, n)) {
                    leads.push(l);
                }
            }
            n += 1;
        }
        let over = attempts_over_limit(attempts).or_else(|| items_over_limit(n, limits::MAX_DEALS));
        Ok(StreamedLeads::List(match over {
            Some(message) => {
                let mut r = Reader::default();
                r.limit(path, message);
                Leads {
                    leads: None,
                    reader: r,
                }
            }
            None => Leads {
                leads: Some(leads),
                reader: r,
            },
        }))
    }
}
