//! Suppressions: directives in Markdown drafts, baseline files keyed by path, and how
//! suppressed findings appear in JSON and SARIF.

use assert_cmd::Command;

fn treatylint() -> Command {
    Command::cargo_bin("treatylint").expect("binary")
}

const DRAFT: &str = "\
### Article 3

####Scope of application

<!-- treatylint-disable-next-line TL106 -- accepted by the delegation, see minutes -->
1. This Convention shall apply to the collection of evidence in electronic form of any criminal offence.
2. This Convention shall also apply to offences established in accordance with other applicable international conventions.

### Article 4

####Mutual legal assistance

<!-- treatylint-disable SG-SPECIFIC -- the chapter heading carries the limit -->
1. States Parties shall afford one another mutual legal assistance in investigations, prosecutions and judicial proceedings.
<!-- treatylint-enable SG-SPECIFIC -->
2. States Parties shall cooperate for the purpose of criminal investigations and proceedings.
<!-- treatylint-disable-next-line TL101 -- nothing to suppress here -->
3. Requests shall be made in writing.
";

fn json(args: &[&str], stdin: &str) -> serde_json::Value {
    let out = treatylint()
        .args(["check", "--no-config", "--format", "json"])
        .args(args)
        .arg("-")
        .write_stdin(stdin)
        .assert();
    serde_json::from_slice(&out.get_output().stdout).unwrap()
}

fn findings(v: &serde_json::Value) -> Vec<(String, u64, Option<String>)> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["span"]["line"].as_u64().unwrap(),
                f["suppressed"]["reason"].as_str().map(str::to_string),
            )
        })
        .collect()
}

#[test]
fn directives_suppress_with_their_reason_and_unused_ones_are_reported() {
    let v = json(&["--select", "TL106,TL102,TL101,TL007"], DRAFT);
    let f = findings(&v);
    assert!(
        f.contains(&(
            "TL106".into(),
            6,
            Some("accepted by the delegation, see minutes".into())
        )),
        "{f:?}"
    );
    assert!(
        f.contains(&("TL106".into(), 7, None)),
        "the next line only: {f:?}"
    );
    assert!(
        f.contains(&(
            "TL102".into(),
            14,
            Some("the chapter heading carries the limit".into())
        )),
        "{f:?}"
    );
    assert!(
        f.contains(&("TL102".into(), 16, None)),
        "after enable: {f:?}"
    );
    assert!(
        f.contains(&("TL007".into(), 17, None)),
        "unused directive: {f:?}"
    );
    let suppressed = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| !x["suppressed"].is_null())
        .unwrap();
    assert_eq!(suppressed["suppressed"]["kind"], "in-source");
}

#[test]
fn suppressed_findings_do_not_fail_the_run() {
    let only_suppressed = "### Article 3\n\n####Scope\n\n<!-- treatylint-disable-next-line TL106 -- accepted -->\n1. This Convention shall apply to any criminal offence.\n";
    treatylint()
        .args([
            "check",
            "--no-config",
            "--select",
            "TL106",
            "--format",
            "concise",
            "-",
        ])
        .write_stdin(only_suppressed)
        .assert()
        .code(0);
}

#[test]
fn sarif_marks_suppressions() {
    let out = treatylint()
        .args([
            "check",
            "--no-config",
            "--select",
            "TL106",
            "--format",
            "sarif",
            "-",
        ])
        .write_stdin(DRAFT)
        .assert()
        .code(1);
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let results = v["runs"][0]["results"].as_array().unwrap();
    let s = results
        .iter()
        .find(|r| r["suppressions"].is_array())
        .expect("a suppressed result");
    assert_eq!(s["suppressions"][0]["kind"], "inSource");
    assert_eq!(
        s["suppressions"][0]["justification"],
        "accepted by the delegation, see minutes"
    );
}

#[test]
fn baseline_survives_rewrapping_and_reports_unused_entries() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("draft.txt");
    let text = std::fs::read_to_string("corpus/coe-style-police-agreement.txt").unwrap();
    std::fs::write(&draft, &text).unwrap();
    let baseline = dir.path().join("baseline.json");
    treatylint()
        .current_dir(dir.path())
        .args([
            "check",
            "--no-config",
            "--write-baseline",
            "baseline.json",
            "draft.txt",
        ])
        .assert()
        .code(0);
    let b: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&baseline).unwrap()).unwrap();
    assert_eq!(b["schema"], "treatylint.baseline/1");
    assert!(
        b["entries"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["path"].is_string() && e.get("line").is_none())
    );

    // Re-wrap every paragraph over two lines and add blank lines: the baseline still holds.
    let rewrapped: String = text
        .lines()
        .map(|l| match l.find(" the ") {
            Some(i) if l.len() > 60 => format!("{}\r\n{}", &l[..i], &l[i + 1..]),
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\r\n\r\n");
    std::fs::write(&draft, rewrapped).unwrap();
    let out = treatylint()
        .current_dir(dir.path())
        .args([
            "check",
            "--no-config",
            "--baseline",
            "baseline.json",
            "--format",
            "concise",
            "draft.txt",
        ])
        .assert()
        .code(0);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(stdout.contains("0 errors, 0 warnings, 0 info"), "{stdout}");

    // An entry that matches nothing is reported.
    let mut b2 = b.clone();
    b2["entries"].as_array_mut().unwrap().push(
        serde_json::json!({"file": "draft.txt", "rule": "TL101", "path": "Article 99", "count": 1}),
    );
    std::fs::write(&baseline, serde_json::to_string(&b2).unwrap()).unwrap();
    let out = treatylint()
        .current_dir(dir.path())
        .args([
            "check",
            "--no-config",
            "--baseline",
            "baseline.json",
            "--format",
            "concise",
            "draft.txt",
        ])
        .assert()
        .code(0);
    assert!(
        String::from_utf8_lossy(&out.get_output().stderr)
            .contains("baseline entry draft.txt TL101 \"Article 99\"")
    );

    // A baseline of another version is an error.
    std::fs::write(
        &baseline,
        "{\"schema\": \"treatylint.baseline/0\", \"entries\": []}",
    )
    .unwrap();
    let out = treatylint()
        .current_dir(dir.path())
        .args([
            "check",
            "--no-config",
            "--baseline",
            "baseline.json",
            "draft.txt",
        ])
        .assert()
        .code(2);
    assert!(
        String::from_utf8_lossy(&out.get_output().stderr)
            .contains("is not \"treatylint.baseline/1\"")
    );
}
