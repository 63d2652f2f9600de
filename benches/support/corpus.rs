//! The mixed benchmark corpus, shared by `benches/enrich.rs` and
//! `examples/profile_enrich.rs`: every dispatch in `samples/` (all formats,
//! Arabic/English/French, windows-1256) and `tests/eval/`, without the gold
//! annotations and docs.

use std::path::Path;

pub fn corpus() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in ["samples", "tests/eval"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            let name = p
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            if name.ends_with(".json") && name.contains("gold")
                || name == "floor.json"
                || name.ends_with(".md")
            {
                continue;
            }
            if let Ok(bytes) = std::fs::read(&p) {
                out.push(bytes);
            }
        }
    }
    out
}
