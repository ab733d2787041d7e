//! SARIF output: validated against the official SARIF 2.1.0 JSON schema (from the npm
//! package @microsoft/jest-sarif, which .ci/run unpacks into target/tools) and by Microsoft's
//! SARIF Multitool (`validate`, from @microsoft/sarif-multitool, also installed by .ci/run).
//! Each check skips when its tool is absent.

mod common;

use std::path::PathBuf;
use std::process::Command as Process;

use assert_cmd::Command;

fn tools() -> PathBuf {
    std::env::var_os("TREATYLINT_TOOLS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/tools"))
}

fn sarif_of(args: &[&str]) -> Vec<u8> {
    let out = Command::cargo_bin("treatylint")
        .unwrap()
        .args(["check", "--no-config", "--format", "sarif"])
        .args(args)
        .assert()
        .code(1);
    out.get_output().stdout.clone()
}

fn drop_broken_patterns(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            if map
                .get("pattern")
                .and_then(|p| p.as_str())
                .is_some_and(|p| p.ends_with("{2}]?$"))
            {
                map.remove("pattern");
            }
            map.values_mut().for_each(drop_broken_patterns);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(drop_broken_patterns),
        _ => {}
    }
}

fn validate_with_schema(sarif: &[u8]) {
    let schema = tools().join("sarif-2.1.0-rtm.5.json");
    let Ok(text) = std::fs::read_to_string(&schema) else {
        eprintln!("skipped: {} is not present (run .ci/run)", schema.display());
        return;
    };
    let mut schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    // The published rtm.5 schema's pattern for `language` has a stray "]" that strict
    // validators reject as a regular expression; our logs never set `language`.
    drop_broken_patterns(&mut schema);
    let validator = jsonschema::validator_for(&schema).expect("the SARIF schema compiles");
    let log: serde_json::Value = serde_json::from_slice(sarif).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .take(5)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    // The schema does reject a broken log.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = serde_json::json!("fatal");
    assert!(!validator.is_valid(&broken));
}

fn validate_with_multitool(sarif: &[u8]) {
    let tool = tools().join("node_modules/.bin/sarif-multitool");
    if !tool.exists() {
        eprintln!("skipped: {} is not present (run .ci/run)", tool.display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.sarif");
    std::fs::write(&file, sarif).unwrap();
    let out = Process::new(&tool)
        .arg("validate")
        .arg(&file)
        .output()
        .expect("run sarif-multitool");
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{text}");
    let errors: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(": error "))
        .take(3)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert!(text.contains("Analysis completed successfully"), "{text}");
}

#[test]
fn sarif_of_the_bundled_corpus_is_valid() {
    let sarif = sarif_of(&["corpus"]);
    let log: serde_json::Value = serde_json::from_slice(&sarif).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), treatylint::rules::all().len());
    let tl101 = rules.iter().find(|r| r["id"] == "TL101").unwrap();
    assert!(
        tl101["help"]["markdown"]
            .as_str()
            .unwrap()
            .contains("## Why it matters")
    );
    assert_eq!(tl101["properties"]["safeguard"], "SG-DUALCRIM");
    let results = run["results"].as_array().unwrap();
    let fixed = results
        .iter()
        .find(|r| r["fixes"].is_array())
        .expect("a result with a fix");
    assert!(
        fixed["fixes"][0]["artifactChanges"][0]["replacements"][0]["deletedRegion"]["byteLength"]
            .is_u64()
    );
    let region = &results[0]["locations"][0]["physicalLocation"]["region"];
    for key in [
        "startLine",
        "startColumn",
        "endLine",
        "endColumn",
        "byteOffset",
        "byteLength",
    ] {
        assert!(region[key].is_u64(), "{key}");
    }
    validate_with_schema(&sarif);
    validate_with_multitool(&sarif);
}

#[test]
fn sarif_of_the_shared_corpus_is_valid() {
    let Some(dir) = common::shared_corpus() else {
        return;
    };
    let sarif = sarif_of(&[dir.to_str().unwrap()]);
    validate_with_schema(&sarif);
    validate_with_multitool(&sarif);
}
