//! The binary as operators run it: `enrich`, `check-config`, `--help`.

use std::io::Write;
use std::process::{Command, Stdio};

fn newswire() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newswire"))
}

#[test]
fn every_subcommand_has_help() {
    for sub in ["run", "enrich", "broker", "demo", "check-config", "eval"] {
        let out = newswire().args([sub, "--help"]).output().unwrap();
        assert!(out.status.success(), "{sub} --help");
        assert!(!out.stdout.is_empty());
    }
}

#[test]
fn enrich_prints_one_record_per_input_and_errors_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    let empty = dir.path().join("empty.txt");
    let missing = dir.path().join("missing.txt");
    std::fs::write(
        &good,
        "Headline\n\nPARIS (AFP) - \"Nous continuerons\", a déclaré le ministre.\n",
    )
    .unwrap();
    std::fs::write(&empty, "").unwrap();
    let out = newswire()
        .arg("enrich")
        .args([&good, &empty, &missing, &good])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "exit 2 when any input failed");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let records: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 2, "one NDJSON line per good input");
    assert_eq!(records[0]["schema"], "newswire.record/1");
    let stderr = String::from_utf8(out.stderr).unwrap();
    let errors: Vec<serde_json::Value> = stderr
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0]["input"], empty.display().to_string());
    assert_eq!(errors[0]["kind"], "empty");
    assert_eq!(errors[0]["stage"], "decode");
    assert_eq!(errors[1]["input"], missing.display().to_string());
}

#[test]
fn enrich_reads_stdin_and_pretty_prints() {
    let mut child = newswire()
        .args(["enrich", "--pretty"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("عنوان الخبر\n\nدمشق - سانا\n\nقال الوزير إن المحادثات مستمرة.\n".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("\n  \"ninjs\""), "indented JSON");
    let record: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(record["ninjs"]["language"], "ar");
}

#[test]
fn check_config_prints_effective_config_with_secrets_redacted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.toml");
    std::fs::write(
        &path,
        "[kafka]\nbrokers = \"k1:9092,k2:9092\"\n[kafka.properties]\n\"sasl.password\" = \"hunter2\"\n\"ssl.key.password\" = \"swordfish\"\n\"fetch.min.bytes\" = \"1024\"\n",
    )
    .unwrap();
    let out = newswire()
        .args(["check-config", "--config"])
        .arg(&path)
        .env("NEWSWIRE__TOPICS__INPUT", "wires.raw")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("k1:9092,k2:9092"));
    assert!(text.contains("wires.raw"), "environment layer applied");
    assert!(text.contains("1024"));
    assert!(
        !text.contains("hunter2") && !text.contains("swordfish"),
        "{text}"
    );
}

#[test]
fn bad_config_exits_non_zero_naming_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("[kafka]\ngroup_idd = \"x\"\n", "group_idd"),
        (
            "[worker]\nmax_in_flight = \"lots\"\n",
            "worker.max_in_flight",
        ),
        ("[http]\nlisten = \"not an address\"\n", "http.listen"),
        ("[shutdown]\ntimeout = \"soon\"\n", "shutdown.timeout"),
    ];
    for (i, (text, key)) in cases.iter().enumerate() {
        let path = dir.path().join(format!("bad{i}.toml"));
        std::fs::write(&path, text).unwrap();
        let out = newswire()
            .args(["check-config", "--config"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(!out.status.success(), "{text}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains(key), "error names `{key}`: {stderr}");
    }
    let out = newswire()
        .arg("check-config")
        .env("NEWSWIRE__KAFKA__BROKERS", "nohostport")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("kafka.brokers"));
}
