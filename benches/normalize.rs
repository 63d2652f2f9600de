//! Throughput of the normalization stage (decode, parse, clean, metadata,
//! fingerprints) over the fixtures in `tests/fixtures/normalize/`, in MB/s
//! of raw payload. Run with `cargo bench --bench normalize`.

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newswire::model::Hints;
use newswire::normalize::{normalize, Limits};

fn fixtures() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/normalize");
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .filter(|e| e.path().is_file())
                .filter_map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    std::fs::read(e.path()).ok().map(|b| (name, b))
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

fn bench(c: &mut Criterion) {
    let samples = fixtures();
    let hints = Hints::default();
    let limits = Limits::default();

    let total: usize = samples.iter().map(|(_, b)| b.len()).sum();
    let mut all = c.benchmark_group("normalize");
    all.throughput(Throughput::Bytes(total as u64));
    all.bench_function("all_fixtures", |b| {
        b.iter(|| {
            for (_, payload) in &samples {
                let _ = std::hint::black_box(normalize(payload, &hints, &limits));
            }
        })
    });
    all.finish();

    let mut each = c.benchmark_group("normalize_fixture");
    for (name, payload) in &samples {
        each.throughput(Throughput::Bytes(payload.len() as u64));
        each.bench_function(name.as_str(), |b| {
            b.iter(|| std::hint::black_box(normalize(payload, &hints, &limits)))
        });
    }
    each.finish();

    // A long dispatch: all the plain fixtures' bodies, repeated to ~200 KB.
    let long: Vec<u8> = samples
        .iter()
        .filter(|(n, _)| {
            n.ends_with(".txt") && n.contains("plain") && !n.contains("1256") && !n.contains("1252")
        })
        .flat_map(|(_, b)| b.iter().copied().chain(*b"\n\n"))
        .collect::<Vec<u8>>()
        .repeat(100);
    let mut big = c.benchmark_group("normalize_long");
    big.throughput(Throughput::Bytes(long.len() as u64));
    big.sample_size(20);
    big.bench_function("plain_200k", |b| {
        b.iter(|| std::hint::black_box(normalize(&long, &hints, &limits)))
    });
    big.finish();

    // Where the time goes: each step alone over the long text.
    use newswire::normalize::{decode, fingerprint, language, search_key, text};
    let long_text = String::from_utf8_lossy(&long).into_owned();
    let mut steps = c.benchmark_group("normalize_steps");
    steps.throughput(Throughput::Bytes(long.len() as u64));
    steps.sample_size(10);
    steps.bench_function("decode", |b| {
        b.iter(|| std::hint::black_box(decode::decode(&long, None)))
    });
    steps.bench_function("clean", |b| {
        b.iter(|| std::hint::black_box(text::clean(&long_text, &mut text::Changes::new())))
    });
    steps.bench_function("layout", |b| {
        b.iter(|| std::hint::black_box(text::layout(&long_text)))
    });
    steps.bench_function("language", |b| {
        b.iter(|| std::hint::black_box(language::detect(&long_text, None)))
    });
    steps.bench_function("search_key", |b| {
        b.iter(|| std::hint::black_box(search_key::search_key(&long_text)))
    });
    let key = search_key::search_key(&long_text);
    steps.bench_function("simhash", |b| {
        b.iter(|| std::hint::black_box(fingerprint::simhash(&key)))
    });
    steps.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
