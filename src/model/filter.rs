//! Which deals and lines pass a component's or quota's filters. An absent
//! list lets everything pass; a present one only its values (an empty list
//! lets nothing pass). A line without a product never passes a products
//! filter.

use crate::model::activity::{Deal, Line};
use crate::model::names::{DealType, Source};
use crate::model::plan::{DealFilter, QuotaRule};

fn allows<T: PartialEq>(list: &Option<Vec<T>>, value: &T) -> bool {
    list.as_ref().is_none_or(|l| l.contains(value))
}

fn type_and_source(types: &Option<Vec<DealType>>, sources: &Option<Vec<Source>>, d: &Deal) -> bool {
    allows(types, &d.deal_type) && allows(sources, &d.source)
}

/// The deal passes the type and source filters and, with a products filter,
/// has at least one line that passes it.
pub fn deal_passes(f: &DealFilter, d: &Deal) -> bool {
    type_and_source(&f.types, &f.sources, d)
        && (f.products.is_none() || d.lines.iter().any(|l| line_passes(f, l)))
}

pub fn line_passes(f: &DealFilter, l: &Line) -> bool {
    match (&f.products, &l.product) {
        (None, _) => true,
        (Some(list), Some(p)) => list.contains(p),
        (Some(_), None) => false,
    }
}

pub fn quota_passes(q: &QuotaRule, d: &Deal) -> bool {
    type_and_source(&q.types, &q.sources, d)
}
