//! A deal line's terms (`Engine::line_terms`, the package's `lineTerms`),
//! the figures of its sentence in people's words: for every line of every
//! fixture (and of random plans, in properties.rs) the terms' earned and
//! payable are the statement's, and a line the statement does not have has
//! no terms; by hand, a marginal tier straddling an edge and a spif.

use incentive_widget::Engine;
use std::path::PathBuf;

fn dirs() -> Vec<PathBuf> {
    crate::common::fixture_dirs()
}

fn engine(dir: &std::path::Path) -> Engine {
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap();
    Engine::from_json(&read("plan.json"), &read("activity.json")).unwrap()
}

#[test]
fn every_deal_line_has_terms_that_give_its_figures() {
    let mut lines = 0;
    for dir in dirs() {
        let e = engine(&dir);
        for person in e.people() {
            let st = e.statement(&person.id).unwrap();
            for c in &st.components {
                for line in &c.lines {
                    let Some(deal) = &line.deal else { continue };
                    if dir.to_string_lossy().contains("plan-year") {
                        // A plan year's lines are its pay periods': no terms.
                        assert!(e.line_terms(&person.id, &c.name, deal).unwrap().is_none());
                        continue;
                    }
                    let t = e
                        .line_terms(&person.id, &c.name, deal)
                        .unwrap()
                        .unwrap_or_else(|| {
                            panic!(
                                "{}: {} {} {deal}: no terms",
                                dir.display(),
                                person.id,
                                c.name
                            )
                        });
                    assert_eq!(
                        (t.earned, t.payable),
                        (line.earned, line.payable),
                        "{}: {} {} {deal}",
                        dir.display(),
                        person.id,
                        c.name
                    );
                    assert_eq!(
                        (t.component.as_str(), t.deal.as_str(), t.kind),
                        (c.name.as_str(), deal.as_str(), c.kind)
                    );
                    lines += 1;
                }
                // A deal this component has no line for has no terms.
                for d in e.deals_of(&person.id).unwrap() {
                    if !c.lines.iter().any(|l| l.deal.as_deref() == Some(&d.id)) {
                        assert!(
                            e.line_terms(&person.id, &c.name, &d.id).unwrap().is_none(),
                            "{} {}",
                            c.name,
                            d.id
                        );
                    }
                }
            }
        }
    }
    assert!(lines >= 40, "{lines}");
}

#[test]
fn a_marginal_deal_across_an_edge_reads_its_attainment_before_and_after() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/fixtures/marginal-vs-retroactive");
    let e = engine(&root);
    let st = e.statement(&e.people()[0].id).unwrap();
    let person = &st.participant;
    // Every line with a tier: its attainment after is the next line's before.
    let c = st
        .components
        .iter()
        .find(|c| c.kind == "commission")
        .unwrap();
    let terms: Vec<_> = c
        .lines
        .iter()
        .filter_map(|l| l.deal.as_ref())
        .map(|d| e.line_terms(person, &c.name, d).unwrap().unwrap())
        .collect();
    assert!(terms.iter().all(|t| t.tier.is_some()));
    for w in terms.windows(2) {
        let (a, b) = (w[0].tier.as_ref().unwrap(), w[1].tier.as_ref().unwrap());
        if a.mode == "marginal" {
            assert_eq!(a.to, b.from);
        }
    }
    // The exact sentence says the same multiplier and attainments, rounded.
    let first = &terms[0];
    let sentence = &c.lines[0].explain;
    assert!(
        sentence.contains(&format!(
            "tier {}",
            first.tier.as_ref().unwrap().multiplier.normalize()
        )),
        "{sentence}"
    );
    assert_eq!(first.share.to_string(), "1");
    // An unknown component or deal has no terms; an unknown person is an error.
    assert!(e
        .line_terms(person, "No such component", &first.deal)
        .unwrap()
        .is_none());
    assert!(e
        .line_terms(person, &first.component, "NO-SUCH-DEAL")
        .unwrap()
        .is_none());
    assert!(e
        .line_terms("nobody", &first.component, &first.deal)
        .is_err());
}
