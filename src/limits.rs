//! The largest inputs the core takes. Each is enforced while reading, before
//! any work on the oversized part starts, and reported as a problem with its
//! JSON path and the code `too_large` — never a dead tab or an exhausted
//! pay run. The figures are generous: ten times the largest book we have
//! benchmarked (docs/BENCHMARKS.md).

/// JSON text of one document (plan or activity), in bytes.
pub const MAX_JSON_BYTES: usize = 256 * 1024 * 1024;
/// JSON nesting depth (serde_json's recursion limit; not configurable here).
pub const MAX_DEPTH: usize = 128;
/// Any string: ids, names, products, campaigns.
pub const MAX_STRING: usize = 1_000;
/// Any array not named below.
pub const MAX_ITEMS: usize = 100_000;
pub const MAX_PARTICIPANTS: usize = 100_000;
pub const MAX_DEALS: usize = 1_000_000;
pub const MAX_PAYMENTS: usize = 1_000_000;
/// Lines of one deal.
pub const MAX_LINES: usize = 1_000;
/// Touches of one deal.
pub const MAX_TOUCHES_PER_DEAL: usize = 10_000;
/// Touches over all deals of an activity.
pub const MAX_TOUCHES: usize = 10_000_000;
/// Owners of one deal.
pub const MAX_OWNERS: usize = 1_000;
pub const MAX_ROLES: usize = 1_000;
/// Components of one role.
pub const MAX_COMPONENTS: usize = 1_000;
/// What-if changes in one scenario.
pub const MAX_CHANGES: usize = 10_000;
/// Points of an earnings curve.
pub const MAX_CURVE_POINTS: u64 = 1_001;
