//! The whole enrich path (decode, parse, normalize, attribute, assemble,
//! serialize) over a mixed corpus, next to its floor: a serde_json
//! parse + re-serialize of the same records. Stage cost is read as the ratio
//! of the two, measured in the same run.
//!
//! Corpus: `samples/` (every format, Arabic/English/French, windows-1256)
//! plus the evaluation dispatches in `tests/eval/`.
//!
//! Run: `cargo bench --bench enrich`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newswire::{Origin, Pipeline};

#[path = "support/corpus.rs"]
mod support;
use support::corpus;

fn bench(c: &mut Criterion) {
    let corpus = corpus();
    let bytes: u64 = corpus.iter().map(|d| d.len() as u64).sum();
    let pipeline = Pipeline::default();
    let origin = Origin::default();
    let records: Vec<Vec<u8>> = corpus
        .iter()
        .filter_map(|d| pipeline.process(d, &origin).outcome.ok())
        .collect();

    let mut group = c.benchmark_group("enrich");
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("mixed corpus, all stages", |b| {
        b.iter(|| {
            for d in &corpus {
                std::hint::black_box(pipeline.process(d, &origin));
            }
        })
    });
    group.bench_function("serde_json floor (parse + serialize the records)", |b| {
        b.iter(|| {
            for r in &records {
                let v: serde_json::Value = serde_json::from_slice(r).unwrap_or_default();
                std::hint::black_box(serde_json::to_vec(&v).unwrap_or_default());
            }
        })
    });
    group.finish();

    let mut group = c.benchmark_group("enrich_dispatches");
    group.throughput(Throughput::Elements(corpus.len() as u64));
    group.bench_function("mixed corpus, all stages", |b| {
        b.iter(|| {
            for d in &corpus {
                std::hint::black_box(pipeline.process(d, &origin));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
