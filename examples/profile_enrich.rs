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
//! Arguments: `[ROUNDS] [normalize|attribute|enrich|latency]` (defaults: 5,
//! enrich). `normalize` runs the normalization stage only, `attribute` the
//! attribution stage only over pre-normalized dispatches.
//!
//! With the suffix `-long` (`enrich-long`, `normalize-long`,
//! `attribute-long`) the same modes run over the ~10 KB dispatches of
//! `latency` below instead of the mixed corpus: the workload of the 10 KB
//! latency target, for callgrind.
//!
//! `latency` is not for profilers: it times `Pipeline::process` (all
//! stages, and pass-through for comparison) on ~10 KB dispatches built
//! from the plain-text evaluation dispatches (one per file: it and the next
//! ones of the same language joined, as one long Arabic, English or French
//! dispatch), ROUNDS times, and prints the percentiles of the time per
//! dispatch and of each stage:
//!
//! ```sh
//! cargo run --release --example profile_enrich -- 200 latency
//! ```
//!
//! `write-long` writes such dispatches (of at least ROUNDS bytes) as files
//! into a directory, a corpus for `newswire bench --corpus DIR`:
//!
//! ```sh
//! cargo run --release --example profile_enrich -- 10000 write-long /tmp/long10k
//! ```

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

/// Dispatches of at least `target` bytes, one per plain-text evaluation
/// dispatch (`tests/eval/*.txt`): that one, then the next ones of the same
/// language (file name prefix, wrapping around, again if need be), joined
/// by a blank line, until `target` is reached.
fn long_dispatches(target: usize) -> Vec<Vec<u8>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    paths.sort();
    let mut groups: Vec<(String, Vec<Vec<u8>>)> = Vec::new();
    for p in paths {
        let name = p
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let lang = name.split('-').next().unwrap_or_default().to_string();
        let Ok(bytes) = std::fs::read(&p) else {
            continue;
        };
        match groups.last_mut() {
            Some((l, files)) if *l == lang => files.push(bytes),
            _ => groups.push((lang, vec![bytes])),
        }
    }
    let mut out = Vec::new();
    for (_, files) in &groups {
        // (Wrapping around as often as needed: a language's files may be
        // fewer bytes than `target`.)
        if files.iter().all(Vec::is_empty) {
            continue;
        }
        for start in 0..files.len() {
            let mut d: Vec<u8> = Vec::new();
            for f in files.iter().cycle().skip(start) {
                if !d.is_empty() {
                    d.extend_from_slice(b"\n\n");
                }
                d.extend_from_slice(f);
                if d.len() >= target {
                    break;
                }
            }
            out.push(d);
        }
    }
    out
}

fn percentiles(name: &str, mut us: Vec<f64>) {
    us.sort_by(f64::total_cmp);
    let at = |p: f64| {
        let i = ((us.len() as f64 - 1.0) * p).round() as usize;
        us.get(i.min(us.len().saturating_sub(1)))
            .copied()
            .unwrap_or(f64::NAN)
    };
    let mean = us.iter().sum::<f64>() / us.len().max(1) as f64;
    println!(
        "{name:<26} {:>9.0} {:>9.0} {:>9.0} {:>9.0} {:>9.0} {:>9.0}",
        mean,
        at(0.5),
        at(0.9),
        at(0.99),
        at(0.999),
        at(1.0)
    );
}

/// CPU time of the calling thread: unlike wall time, it does not count the
/// time the thread waits for a core, which on a shared machine is most of
/// the tail.
fn thread_cpu_us() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `clock_gettime` writes one `timespec` through a valid pointer
    // to a local; CLOCK_THREAD_CPUTIME_ID exists on every Linux.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return f64::NAN;
    }
    ts.tv_sec as f64 * 1e6 + ts.tv_nsec as f64 / 1e3
}

fn latency(rounds: usize) {
    let docs = long_dispatches(10_000);
    let sizes: Vec<usize> = docs.iter().map(Vec::len).collect();
    let origin = Origin::default();
    let full = Pipeline::default();
    let pass = Pipeline::new(Limits::default(), &[], None);
    let (mut total, mut norm, mut attr, mut ser, mut passthrough) =
        (vec![], vec![], vec![], vec![], vec![]);
    let (mut total_cpu, mut passthrough_cpu) = (vec![], vec![]);
    // One untimed round: one-time costs (lazy statics) are not per dispatch.
    for d in &docs {
        std::hint::black_box(full.process(d, &origin));
    }
    for _ in 0..rounds {
        for d in &docs {
            let c = thread_cpu_us();
            let t = std::time::Instant::now();
            let p = std::hint::black_box(full.process(d, &origin));
            total.push(t.elapsed().as_secs_f64() * 1e6);
            total_cpu.push(thread_cpu_us() - c);
            norm.push(p.timings.normalize.as_secs_f64() * 1e6);
            attr.push(p.timings.attribute.as_secs_f64() * 1e6);
            ser.push(p.timings.serialize.as_secs_f64() * 1e6);
            let c = thread_cpu_us();
            let t = std::time::Instant::now();
            std::hint::black_box(pass.process(d, &origin));
            passthrough.push(t.elapsed().as_secs_f64() * 1e6);
            passthrough_cpu.push(thread_cpu_us() - c);
        }
    }
    println!(
        "{} dispatches of {}..{} bytes (mean {}), {rounds} rounds, {} timings each",
        docs.len(),
        sizes.iter().min().unwrap_or(&0),
        sizes.iter().max().unwrap_or(&0),
        sizes.iter().sum::<usize>() / sizes.len().max(1),
        total.len()
    );
    println!(
        "{:<26} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "µs per dispatch", "mean", "p50", "p90", "p99", "p99.9", "max"
    );
    percentiles("process, all stages", total);
    percentiles("  normalize", norm);
    percentiles("  attribute", attr);
    percentiles("  serialize", ser);
    percentiles("process, pass-through", passthrough);
    println!("thread CPU time (µs), the same calls:");
    percentiles("process, all stages", total_cpu);
    percentiles("process, pass-through", passthrough_cpu);
}

fn main() {
    let mut args = std::env::args().skip(1);
    let rounds: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(5);
    let mode = args.next().unwrap_or_else(|| "enrich".into());
    if mode == "latency" {
        latency(rounds);
        return;
    }
    if mode == "write-long" {
        // `profile_enrich SIZE write-long DIR`: the long dispatches of at
        // least SIZE bytes as files, a corpus for `newswire bench --corpus`.
        let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| "long-dispatches".into()));
        if let Err(e) = std::fs::create_dir_all(&dir) {
            eprintln!("cannot create {}: {e}", dir.display());
            std::process::exit(1);
        }
        let docs = long_dispatches(rounds);
        for (i, d) in docs.iter().enumerate() {
            let path = dir.join(format!("long-{i:03}.txt"));
            if let Err(e) = std::fs::write(&path, d) {
                eprintln!("cannot write {}: {e}", path.display());
                std::process::exit(1);
            }
        }
        println!(
            "{} dispatches of at least {rounds} bytes in {}",
            docs.len(),
            dir.display()
        );
        return;
    }
    // `enrich-long`, `normalize-long`, `attribute-long`: the same modes
    // over the ~10 KB dispatches of `latency` instead of the mixed corpus.
    let (corpus, mode) = match mode.strip_suffix("-long") {
        Some(m) => (long_dispatches(10_000), m.to_string()),
        None => (corpus(), mode),
    };
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
