//! The core's integration tests, one binary (fast to link): golden
//! fixtures, the spec's rules with hand arithmetic, attribution models,
//! validation messages, the CLI, and property tests.

mod attribution;
mod cli;
mod common;
mod cut;
mod exact;
mod facts;
mod fixtures;
mod format_doc;
mod hostile;
mod lab;
mod oracle;
mod payouts;
mod properties;
mod rules;
mod validation;
mod whatif;
mod words;
