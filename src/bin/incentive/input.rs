//! Reading the plan and activity files: every failure a [`Fail`] with its
//! exit code and `path: message` lines.

use incentive_widget::engine::{check_len, parse_json};
use incentive_widget::{Engine, Error, ErrorCode};
use std::path::Path;

/// A failure to report on stderr, with its exit code (2: an input problem;
/// 1: stdout could not be written).
pub struct Fail(pub u8, pub String);

impl From<Error> for Fail {
    fn from(e: Error) -> Self {
        Fail(2, e.to_string())
    }
}

pub fn read_file(path: &Path) -> Result<String, Fail> {
    std::fs::read_to_string(path)
        .map_err(|e| Fail(2, format!("{}: cannot read: {e}", path.display())))
}

/// A file that cannot be taken as JSON (too large, not JSON): one
/// `file: problem` line each, exit 2.
fn unreadable(e: Error) -> Fail {
    Fail(
        2,
        e.problems
            .iter()
            .map(|p| format!("{}: {}", p.path, p.message))
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

/// Reads a JSON file; a syntax error names the file and position.
pub fn read_json(path: &Path) -> Result<serde_json::Value, Fail> {
    let text = read_file(path)?;
    parse_json(&text, &path.display().to_string()).map_err(unreadable)
}

/// The engine from a parsed plan and an activity file, streamed deal by
/// deal: neither the file's text nor a document tree is ever held whole.
pub fn read_engine(plan: &serde_json::Value, activity: &Path) -> Result<Engine, Fail> {
    let name = activity.display().to_string();
    let cannot = |e: std::io::Error| Fail(2, format!("{name}: cannot read: {e}"));
    let file = std::fs::File::open(activity).map_err(cannot)?;
    check_len(file.metadata().map_err(cannot)?.len(), &name).map_err(unreadable)?;
    let reader = std::io::BufReader::with_capacity(1 << 16, file);
    Engine::from_activity_reader(plan, reader, &name).map_err(|e| match e.code {
        ErrorCode::InvalidJson => unreadable(e),
        _ => e.into(),
    })
}
