//! Keeps the attribution scores on the annotated evaluation set
//! (`tests/eval/`) from regressing below the floors recorded in
//! `tests/eval/floor.json`.
//!
//! `floor.json` maps a group (`overall`, `ar`, `en`, `fr`) to metric names
//! (the fields of `newswire::eval::Scores`) and their minimum values. Raise a
//! floor when a change improves a score; never lower one to make a change pass.

use std::collections::BTreeMap;
use std::path::Path;

use newswire::eval;

#[test]
fn scores_stay_above_the_recorded_floor() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval");
    let cases = eval::load_set(&dir).expect("the evaluation set loads");
    let langs = |l: &str| cases.iter().filter(|c| c.gold.lang == l).count();
    assert!(cases.len() >= 44, "{} dispatches", cases.len());
    assert!(langs("ar") >= 22 && langs("en") >= 13 && langs("fr") >= 9);

    let report = eval::evaluate(&cases, &newswire::Pipeline::default());
    let floor_text =
        std::fs::read_to_string(dir.join("floor.json")).expect("tests/eval/floor.json exists");
    let floors: BTreeMap<String, BTreeMap<String, f64>> =
        serde_json::from_str(&floor_text).expect("floor.json is {group: {metric: number}}");
    let mut failures = Vec::new();
    for (group, metrics) in &floors {
        let scores = if group == "overall" {
            Some(&report.overall)
        } else {
            report.by_language.get(group)
        };
        let Some(scores) = scores else {
            failures.push(format!("{group}: no dispatches in this group"));
            continue;
        };
        for (metric, floor) in metrics {
            match scores.metric(metric) {
                Some(v) if v + 1e-9 >= *floor => {}
                Some(v) => failures.push(format!("{group}.{metric} = {v:.3} < floor {floor:.3}")),
                None => failures.push(format!("{group}.{metric}: unknown metric")),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "scores below the floor:\n{}\n\n{}",
        failures.join("\n"),
        report.to_table(false)
    );
}

#[test]
fn every_gold_quote_is_found_in_its_raw_dispatch() {
    // Gold is anchored by text: each gold quote, speaker-independent, must
    // occur in the raw text (after whitespace folding), else the annotation
    // is broken, not the pipeline.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval");
    let cases = eval::load_set(&dir).expect("the evaluation set loads");
    let mut missing = Vec::new();
    for case in &cases {
        let raw = String::from_utf8_lossy(&case.bytes);
        let raw = eval::fold_for_search(&raw);
        for q in &case.gold.quotes {
            if !raw.contains(&eval::fold_for_search(&q.text)) {
                missing.push(format!("{}: {}", case.name, q.text));
            }
        }
        for m in &case.gold.marked_terms {
            if !raw.contains(&eval::fold_for_search(m)) {
                missing.push(format!("{} (marked): {m}", case.name));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "gold not in text:\n{}",
        missing.join("\n")
    );
}
