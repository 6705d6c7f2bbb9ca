//! The one error type of the core.
//!
//! Every failure the core can report is an [`Error`]: a stable [`ErrorCode`]
//! that hosts can branch on, and the list of [`Problem`]s, each a JSON path and
//! a sentence telling the user what to fix. Bad input is rejected as a whole:
//! a reader collects every problem it finds before it gives up.

use std::fmt;

/// One thing wrong with the input: where (a JSON path such as
/// `plan.roles[1].components[0].tiers.bands[2].from`) and what.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl Problem {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// What kind of failure, stable across releases (the JS `Error.code`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    /// The text is not JSON at all (the problem says where it stops).
    InvalidJson,
    /// The plan breaks the format; the activity may be fine.
    InvalidPlan,
    /// The activity (or a deal pushed later) breaks the format or does not
    /// fit the plan.
    InvalidActivity,
    /// A what-if change or curve request that cannot be applied.
    InvalidChange,
    /// A participant id that the activity does not have.
    UnknownParticipant,
    /// A deal id that the activity does not have.
    UnknownDeal,
    /// A pay period id that the plan does not have.
    UnknownPeriod,
    /// The input is larger than the documented limits.
    TooLarge,
}

impl ErrorCode {
    /// The snake_case name hosts see (`error.code` in JS).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidJson => "invalid_json",
            ErrorCode::InvalidPlan => "invalid_plan",
            ErrorCode::InvalidActivity => "invalid_activity",
            ErrorCode::InvalidChange => "invalid_change",
            ErrorCode::UnknownParticipant => "unknown_participant",
            ErrorCode::UnknownDeal => "unknown_deal",
            ErrorCode::UnknownPeriod => "unknown_period",
            ErrorCode::TooLarge => "too_large",
        }
    }
}

/// A rejected input: its code and every problem found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub code: ErrorCode,
    pub problems: Vec<Problem>,
}

impl Error {
    pub fn new(code: ErrorCode, problems: Vec<Problem>) -> Self {
        Error { code, problems }
    }

    pub fn one(code: ErrorCode, path: impl Into<String>, message: impl Into<String>) -> Self {
        Error::new(code, vec![Problem::new(path, message)])
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// `a`, `a or b`, `a, b or c`.
pub fn one_of(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}
