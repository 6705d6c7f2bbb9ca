//! Fixture groups under tests/fixtures (`total-pay`, `pipeline`,
//! `plan-year`): a fixture's files, its engine, and the check that a
//! group's list names every fixture directory.

use incentive_widget::Engine;
use std::path::PathBuf;

/// tests/fixtures/`group`/`name`.
pub fn dir(group: &str, name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(group)
        .join(name)
}

/// The text of one file of a fixture.
#[allow(dead_code)]
pub fn text(group: &str, name: &str, file: &str) -> String {
    let p = dir(group, name).join(file);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The engine on a fixture's plan.json and activity.json.
#[allow(dead_code)]
pub fn engine(group: &str, name: &str) -> Engine {
    Engine::from_json(
        &text(group, name, "plan.json"),
        &text(group, name, "activity.json"),
    )
    .unwrap_or_else(|e| panic!("{group}/{name}: {e:?}"))
}

/// Fails unless `listed` is exactly the group's fixture directories.
pub fn every_dir_listed(group: &str, listed: &[&str]) {
    let mut found: Vec<String> = std::fs::read_dir(dir(group, ""))
        .unwrap()
        .map(|d| d.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    found.sort();
    let mut listed: Vec<String> = listed.iter().map(|s| s.to_string()).collect();
    listed.sort();
    assert_eq!(
        found, listed,
        "tests/fixtures/{group}: directories and the list differ"
    );
}
