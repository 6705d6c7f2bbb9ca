//! One viewer's data (`Engine::activity_for`, the CLI's `cut`, the
//! package's `activityFor`): every participant of every fixture scores the
//! same statement from their own cut as from the whole activity, and the cut
//! holds nothing of colleagues beyond the deals the viewer is on.

use incentive_widget::Engine;
use std::path::{Path, PathBuf};

fn dirs() -> Vec<PathBuf> {
    crate::common::fixture_dirs()
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap()
}

#[test]
fn each_viewer_scores_the_same_from_their_own_cut() {
    let mut checked = 0;
    for dir in dirs() {
        let plan = read(&dir.join("plan.json"));
        let whole = Engine::from_json(&plan, &read(&dir.join("activity.json"))).unwrap();
        for person in whole.people() {
            let cut = whole.activity_for(&person.id).unwrap();
            let mine = Engine::from_json(&plan, &cut.to_string())
                .unwrap_or_else(|e| panic!("{}: {}: {e}", dir.display(), person.id));
            assert_eq!(
                mine.statement(&person.id).unwrap().to_json(),
                whole.statement(&person.id).unwrap().to_json(),
                "{}: {}",
                dir.display(),
                person.id
            );
            // Only the viewer, and only payments to them.
            assert_eq!(cut["participants"].as_array().unwrap().len(), 1);
            assert!(cut["payments"]
                .as_array()
                .unwrap()
                .iter()
                .all(|p| p["participant"] == person.id.as_str()));
            // Every deal has the viewer on it (an owner or a touch).
            for d in cut["deals"].as_array().unwrap() {
                let on = |list: &str, key: &str| {
                    d[list]
                        .as_array()
                        .is_some_and(|a| a.iter().any(|x| x[key] == person.id.as_str()))
                };
                assert!(
                    on("owners", "participant") || on("touches", "participant"),
                    "{}: {} holds {}",
                    dir.display(),
                    person.id,
                    d["id"]
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 15, "{checked} viewers checked");
}
