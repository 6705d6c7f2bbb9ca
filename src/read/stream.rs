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

use super::activity::{count_touches, deal, read_with, touches_over_limit, ReadAhead};
use super::lead::{attempts_over_limit, count_attempts, lead};
use super::{index, items_over_limit, Reader};
use crate::limits;
use crate::model::activity::Activity;
use crate::model::activity::Deal;
use crate::model::lead::Lead;
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
            let deals = back(&mut rest, "deals", deals);
            let leads = back(&mut rest, "leads", leads);
            Ok(read_with(r, &Value::Object(rest), deals, leads))
        }
        TopLevel::Other(v) => Ok(read_with(r, &v, None, None)),
    }
}

/// A streamed list, or what was not a list put back into the document
/// (for the usual message).
fn back<T>(
    rest: &mut Map<String, Value>,
    key: &str,
    s: Option<Streamed<T>>,
) -> Option<ReadAhead<T>> {
    match s? {
        Streamed::List(read) => Some(read),
        Streamed::Other(v) => {
            rest.insert(key.into(), v);
            None
        }
    }
}

enum TopLevel {
    /// The members other than `deals` and `leads`, and those as streamed.
    Object(
        Map<String, Value>,
        Option<Streamed<Deal>>,
        Option<Streamed<Lead>>,
    ),
    /// Not an object: read as a value, for the usual message.
    Other(Value),
}

/// What a streamed member held.
enum Streamed<T> {
    List(ReadAhead<T>),
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
            // A repeated key: the last one counts, as in a parsed Value.
            match key.as_str() {
                "deals" => deals = Some(map.next_value_seed(ListSeed::DEALS)?),
                "leads" => leads = Some(map.next_value_seed(ListSeed::LEADS)?),
                _ => {
                    rest.insert(key, map.next_value()?);
                }
            }
        }
        Ok(TopLevel::Object(rest, deals, leads))
    }
}

/// How one streamed list is read: its path, what its items count toward
/// the activity-wide limit (touches, attempts), the message past that
/// limit, and the reader of one item.
struct ListSeed<T> {
    path: &'static str,
    count: fn(&Value) -> usize,
    over: fn(usize) -> Option<String>,
    item: fn(&mut Reader, &Value, &str) -> Option<T>,
}

impl<T> Clone for ListSeed<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for ListSeed<T> {}

impl ListSeed<Deal> {
    const DEALS: ListSeed<Deal> = ListSeed {
        path: "activity.deals",
        count: count_touches,
        over: touches_over_limit,
        item: deal,
    };
}

impl ListSeed<Lead> {
    const LEADS: ListSeed<Lead> = ListSeed {
        path: "activity.leads",
        count: count_attempts,
        over: attempts_over_limit,
        item: lead,
    };
}

impl<T> ListSeed<T> {
    fn other(v: Value) -> Streamed<T> {
        Streamed::Other(v)
    }
}

impl<'de, T> DeserializeSeed<'de> for ListSeed<T> {
    type Value = Streamed<T>;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Streamed<T>, D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de, T> Visitor<'de> for ListSeed<T> {
    type Value = Streamed<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    anything_else_as_value!();

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Streamed<T>, A::Error> {
        Ok(Streamed::Other(Value::deserialize(
            MapAccessDeserializer::new(map),
        )?))
    }

    /// Each item is read as it arrives. Past a limit (items, or what they
    /// count toward in all) the rest are only counted, for the message, and
    /// the items read so far are dropped with their problems: the limit is
    /// reported alone.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Streamed<T>, A::Error> {
        let mut r = Reader::default();
        let mut items = Vec::new();
        let (mut n, mut counted) = (0usize, 0usize);
        while let Some(v) = seq.next_element::<Value>()? {
            counted += (self.count)(&v);
            if n < limits::MAX_DEALS && counted <= limits::MAX_TOUCHES {
                if let Some(x) = (self.item)(&mut r, &v, &index(self.path, n)) {
                    items.push(x);
                }
            }
            n += 1;
        }
        // The whole-document reader's order: the activity-wide count first,
        // then the items.
        let over = (self.over)(counted).or_else(|| items_over_limit(n, limits::MAX_DEALS));
        Ok(Streamed::List(match over {
            Some(message) => {
                let mut r = Reader::default();
                r.limit(self.path, message);
                ReadAhead {
                    items: None,
                    reader: r,
                }
            }
            None => ReadAhead {
                items: Some(items),
                reader: r,
            },
        }))
    }
}
