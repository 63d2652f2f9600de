//! A fixed workload for profilers: `Pipeline::process` over `samples/` and
//! `tests/eval/*.txt` (the corpus of `benches/enrich.rs`), repeated.
//!
//! ```sh
//! cargo build --release --example profile_enrich
//! valgrind --tool=callgrind --toggle-collect='profile_enrich::measure' \
//!     target/release/examples/profile_enrich 3
//! callgrind_annotate --inclusive=yes callgrind.out.<pid> | head -60
//! ```
//!
//! Arguments: `[ROUNDS] [normalize|attribute|enrich]` (defaults: 5, enrich).
//! `normalize` runs the normalization stage only, `attribute` the
//! attribution stage only over pre-normalized dispatches.

use newswire::model::Hints;
use newswire::normalize::{normalize, Limits};
use newswire::{Origin, Pipeline};

#[path = "../benches/support/corpus.rs"]
mod support;
use support::corpus;

/// The measured rounds; profile only these with
/// `valgrind --tool=callgrind --toggle-collect='profile_enrich::measure'`.
#[inline(never)]
fn measure(
    rounds: usize,
    mode: &str,
    corpus: &[Vec<u8>],
    docs: &[newswire::model::NormalizedDispatch],
    pipeline: &Pipeline,
    origin: &Origin,
) -> usize {
    run(rounds, mode, corpus, docs, pipeline, origin)
}

#[inline(never)]
fn run(
    rounds: usize,
    mode: &str,
    corpus: &[Vec<u8>],
    docs: &[newswire::model::NormalizedDispatch],
    pipeline: &Pipeline,
    origin: &Origin,
) -> usize {
    let hints = Hints::default();
    let limits = Limits::default();
    let mut out = 0usize;
    for _ in 0..rounds {
        match mode {
            "normalize" => {
                for d in corpus {
                    out += normalize(d, &hints, &limits).map_or(0, |n| n.body.len());
                }
            }
            "attribute" => {
                for d in docs {
                    out += newswire::attribution::attribute(d).quotes.len();
                }
            }
            _ => {
                for d in corpus {
                    out += pipeline.process(d, origin).outcome.map_or(0, |r| r.len());
                }
            }
        }
    }
    out
}

fn main() {
    let mut args = std::env::args().skip(1);
    let rounds: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(5);
    let mode = args.next().unwrap_or_else(|| "enrich".into());
    let corpus = corpus();
    let bytes: usize = corpus.iter().map(Vec::len).sum();
    let pipeline = Pipeline::default();
    let origin = Origin::default();
    let hints = Hints::default();
    let limits = Limits::default();
    let docs: Vec<_> = corpus
        .iter()
        .filter_map(|d| normalize(d, &hints, &limits).ok())
        .collect();
    // One untimed round first: the lazily built regexes, automata and
    // lexicons are one-time costs, not per-dispatch ones.
    run(1, &mode, &corpus, &docs, &pipeline, &origin);
    let out = measure(rounds, &mode, &corpus, &docs, &pipeline, &origin);
    println!(
        "{} dispatches, {bytes} bytes, {rounds} rounds, mode {mode}: {out}",
        corpus.len()
    );
}
