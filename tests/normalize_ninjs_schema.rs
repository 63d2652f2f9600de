//! Every record built from the normalization fixtures carries a `ninjs`
//! member that is a valid IPTC ninjs 3.1 item (draft 2020-12, formats
//! checked), and nothing of newswire's own leaks into it.

use std::path::PathBuf;

use newswire::{Origin, Pipeline};
use serde_json::Value;

fn fixtures() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/normalize");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixture directory")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    paths
}

fn validator() -> jsonschema::Validator {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ninjs-schema_3.1.json");
    let schema: Value =
        serde_json::from_slice(&std::fs::read(path).expect("schema file")).expect("schema JSON");
    // The schema refers to GeoJSON for `places[].geometry`; newswire never
    // emits geometry, and tests must not fetch anything, so an empty
    // (permissive) schema stands in for it.
    let geojson = jsonschema::Resource::from_contents(serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema"
    }))
    .expect("stand-in resource");
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .with_resource("https://geojson.org/schema/GeoJSON.json", geojson)
        .build(&schema)
        .expect("the ninjs schema compiles")
}

fn check(validator: &jsonschema::Validator, name: &str, payload: &[u8]) -> Value {
    let record = Pipeline::default()
        .enrich(payload, &Origin::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let json = serde_json::to_value(&record).expect("record serializes");
    let ninjs = &json["ninjs"];
    let errors: Vec<String> = validator
        .iter_errors(ninjs)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "{name}: invalid ninjs: {errors:#?}\n{ninjs:#}"
    );
    json
}

#[test]
fn every_fixture_yields_valid_ninjs() {
    let v = validator();
    let paths = fixtures();
    assert!(paths.len() >= 12, "expected the normalization fixtures");
    for path in paths {
        let name = path.display().to_string();
        let json = check(&v, &name, &std::fs::read(&path).expect("fixture"));
        let ninjs = &json["ninjs"];
        // The normalized body is bodies[0] (role main, text/plain) and is the
        // reference text of every span in the envelope.
        let body = ninjs["bodies"][0]["value"].as_str().expect("body");
        assert_eq!(ninjs["bodies"][0]["role"], "main");
        assert_eq!(ninjs["bodies"][0]["contentType"], "text/plain");
        let chars: Vec<char> = body.chars().collect();
        for key in ["dateline", "credit_line"] {
            let span = &json["normalization"][key];
            if span.is_null() {
                continue;
            }
            let (s, e) = (
                span["start"].as_u64().expect("start") as usize,
                span["end"].as_u64().expect("end") as usize,
            );
            let slice: String = chars[s..e].iter().collect();
            assert_eq!(Some(slice.as_str()), span["text"].as_str(), "{name} {key}");
        }
        // Project data stays beside the ninjs object.
        for key in [
            "normalization",
            "search_text",
            "simhash",
            "credit_line",
            "dateline",
        ] {
            assert!(ninjs.get(key).is_none(), "{name}: `{key}` inside ninjs");
        }
    }
}

#[test]
fn odd_but_accepted_inputs_yield_valid_ninjs() {
    let v = validator();
    let samples: [(&str, &[u8]); 5] = [
        ("headline only ninjs", br#"{"uri": "urn:x:1", "headline": "Only a headline"}"#),
        ("bad date dropped", br#"{"uri": "u r i", "body_text": "Text.", "versioncreated": "yesterday"}"#),
        ("one word", b"Hello"),
        ("billion laughs", b"<!DOCTYPE nitf [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><nitf><body><body.content><p>&b;</p></body.content></body></nitf>"),
        ("credit only", "(أ ف ب)".as_bytes()),
    ];
    for (name, payload) in samples {
        check(&v, name, payload);
    }
}

#[test]
fn the_validator_is_strict() {
    let v = validator();
    assert!(v.is_valid(&serde_json::json!({"uri": "urn:x:1"})));
    assert!(!v.is_valid(&serde_json::json!({"uri": "urn:x:1", "search_text": "x"})));
    assert!(!v.is_valid(&serde_json::json!({"uri": "urn:x:1", "versionCreated": "yesterday"})));
}
