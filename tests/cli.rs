//! The command line: one small case per output and per error path.

use assert_cmd::Command;

fn treatylint() -> Command {
    Command::cargo_bin("treatylint").expect("binary")
}

#[test]
fn parse_tree_outline() {
    let out = treatylint()
        .args(["parse", "corpus/coe-style-police-agreement.txt"])
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(stdout.starts_with("document  [1-70]\n"));
    assert!(stdout.contains("      section 1 — Exchange of information  [27-53]\n"));
    assert!(
        stdout.contains("          article 5 bis — Access to data in other territories  [51-53]\n")
    );
}

#[test]
fn parse_json_is_versioned_and_has_spans() {
    let out = treatylint()
        .args([
            "parse",
            "--format",
            "json",
            "corpus/coe-style-police-agreement.txt",
        ])
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(json["schema"], "treatylint.parse/1");
    assert_eq!(json["file"], "corpus/coe-style-police-agreement.txt");
    let root = &json["root"];
    assert_eq!(root["kind"], "document");
    let inst = &root["children"][0];
    assert_eq!(inst["kind"], "instrument");
    let chapter = &inst["children"][2];
    assert_eq!(chapter["kind"], "chapter");
    assert_eq!(chapter["number"], "I");
    assert_eq!(chapter["heading"], "General provisions");
    let article = &chapter["children"][0];
    assert_eq!(article["kind"], "article");
    let span = &article["span"];
    for key in ["start", "end", "line", "column", "end_line", "end_column"] {
        assert!(span[key].is_u64(), "{key}");
    }
    assert_eq!(span["line"], 11);
    assert_eq!(span["column"], 1);
    assert_eq!(json["problems"], serde_json::json!([]));
}

#[test]
fn parse_reads_standard_input() {
    let out = treatylint()
        .args(["parse", "-"])
        .write_stdin("Article 1\nScope\n1. Text.\n")
        .assert()
        .success();
    assert_eq!(
        String::from_utf8_lossy(&out.get_output().stdout),
        "document  [1-4]\n  instrument  [1-3]\n    article 1 — Scope  [1-3]\n      paragraph 1  [3]\n"
    );
}

#[test]
fn invalid_utf8_names_file_and_offset() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.txt");
    std::fs::write(&path, b"Article 1\nCaf\xe9 text\n").unwrap();
    let out = treatylint().arg("parse").arg(&path).assert().code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        stderr.contains("draft.txt: invalid UTF-8 at byte offset 13"),
        "{stderr}"
    );
    assert!(out.get_output().stdout.is_empty());
}

#[test]
fn empty_file_is_an_empty_document() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.md");
    std::fs::write(&path, b"").unwrap();
    let out = treatylint()
        .args(["parse", "--format", "json"])
        .arg(&path)
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(json["root"]["children"], serde_json::json!([]));
}

#[test]
fn missing_file_is_an_error() {
    let out = treatylint()
        .args(["parse", "no-such-draft.txt"])
        .assert()
        .code(2);
    assert_eq!(
        String::from_utf8_lossy(&out.get_output().stderr),
        "error: no-such-draft.txt: no such file or directory\n"
    );
}

#[test]
fn check_walks_directories_in_order() {
    let out = treatylint()
        .args(["check", "--no-config", "--format", "concise", "corpus"])
        .assert()
        .code(1);
    let output = out.get_output();
    let stdout = String::from_utf8_lossy(&output.stdout);
    // Findings come file by file, in sorted file order, then one summary line per file.
    let finding_files: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("corpus/") && l.contains("]: "))
        .map(|l| l.split(':').next().unwrap())
        .collect();
    let mut sorted = finding_files.clone();
    sorted.sort();
    assert_eq!(finding_files, sorted);
    let summaries: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains(" instrument"))
        .map(|l| l.split(": ").next().unwrap())
        .collect();
    assert_eq!(
        summaries,
        [
            "corpus/coe-style-evidence-convention.md",
            "corpus/coe-style-police-agreement.txt",
            "corpus/un-style-draft-convention.txt"
        ]
    );
    assert!(stdout.contains(
        "corpus/coe-style-evidence-convention.md: 2 instruments, 3 chapters, 18 articles, 39 paragraphs; 0 errors, 0 warnings, 0 info"
    ));
}

#[test]
fn check_skips_binary_files_in_directories() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), b"Article 1\nText.\n").unwrap();
    std::fs::write(dir.path().join("b.txt"), b"\x00\x01binary").unwrap();
    let out = treatylint().arg("check").arg(dir.path()).assert().success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(
        stderr.contains("b.txt: looks like a binary file"),
        "{stderr}"
    );
    assert!(stderr.contains("skipped"));
}

#[test]
fn usage_errors_exit_2() {
    treatylint().arg("frobnicate").assert().code(2);
    treatylint()
        .args(["parse", "--format", "xml", "x"])
        .assert()
        .code(2);
}

#[test]
fn check_json_has_the_contract_fields() {
    let out = treatylint()
        .args([
            "check",
            "--no-config",
            "--format",
            "json",
            "corpus/un-style-draft-convention.txt",
        ])
        .assert()
        .code(1);
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(json["schema"], "treatylint.check/1");
    let findings = json["findings"].as_array().unwrap();
    assert!(findings.len() > 30);
    let dc = findings
        .iter()
        .find(|f| f["rule"] == "TL101" && f["article"] == "22" && f["paragraph"] == "3")
        .expect("optional dual criminality in article 22(3)");
    for key in [
        "rule",
        "name",
        "safeguard",
        "severity",
        "message",
        "file",
        "article",
        "paragraph",
        "path",
        "span",
    ] {
        assert!(!dc[key].is_null(), "{key}");
    }
    assert_eq!(dc["name"], "optional-dual-criminality");
    assert_eq!(dc["safeguard"], "SG-DUALCRIM");
    assert_eq!(dc["path"], "Chapter V > Article 22 > paragraph 3");
    assert_eq!(dc["words"], "may");
    assert_eq!(dc["fix"]["replacement"], "shall");
    let span = &dc["span"];
    assert_eq!(
        span["end"].as_u64().unwrap() - span["start"].as_u64().unwrap(),
        3
    );
}

#[test]
fn selection_and_severity_flags() {
    let out = treatylint()
        .args([
            "check",
            "--no-config",
            "--select",
            "SG-DUALCRIM",
            "--severity",
            "TL101=info",
            "--format",
            "json",
        ])
        .arg("corpus/un-style-draft-convention.txt")
        .assert()
        .code(0);
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    assert!(
        findings
            .iter()
            .all(|f| f["rule"] == "TL101" && f["severity"] == "info")
    );
    treatylint()
        .args(["check", "--no-config", "--select", "TL999", "corpus"])
        .assert()
        .code(2);
    treatylint()
        .args(["check", "--severity", "TL101=fatal", "corpus"])
        .assert()
        .code(2);
}

#[test]
fn config_file_is_found_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("drafts")).unwrap();
    std::fs::copy(
        "corpus/un-style-draft-convention.txt",
        dir.path().join("drafts/d.txt"),
    )
    .unwrap();
    std::fs::write(dir.path().join("treatylint.toml"), "select = [\"TL106\"]\n").unwrap();
    let out = treatylint()
        .args(["check", "--format", "concise"])
        .arg(dir.path().join("drafts"))
        .assert()
        .code(1);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(stdout.contains("[TL106 open-ended-scope]"));
    assert!(!stdout.contains("[TL101"));
    std::fs::write(
        dir.path().join("treatylint.toml"),
        "select = [\"TL106\"]\nfoo = 1\n",
    )
    .unwrap();
    let out = treatylint()
        .arg("check")
        .arg(dir.path().join("drafts"))
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(stderr.contains("treatylint.toml:2:"), "{stderr}");
}

#[test]
fn rules_and_rule_commands() {
    let out = treatylint().arg("rules").assert().success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(stdout.lines().any(|l| l.starts_with("TL101  optional-dual-criminality") && l.contains("SG-DUALCRIM")));
    for key in ["TL102", "unspecific-purpose", "SG-SPECIFIC"] {
        let out = treatylint().args(["rule", key]).assert().success();
        let doc = String::from_utf8_lossy(&out.get_output().stdout).to_string();
        assert!(doc.starts_with("TL102 unspecific-purpose\n"), "{key}");
        assert!(doc.contains("## Why it matters"));
    }
    treatylint().args(["rule", "TL999"]).assert().code(2);
}

#[test]
fn the_bundled_corpus_finds_the_planted_weaknesses_and_spares_the_good_text() {
    let out = treatylint()
        .args(["check", "--no-config", "--format", "json", "corpus"])
        .assert()
        .code(1);
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let found: Vec<(String, String, String)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["rule"].as_str().unwrap().to_string(),
                f["article"].as_str().unwrap_or("-").to_string(),
            )
        })
        .collect();
    let un = "corpus/un-style-draft-convention.txt";
    let has = |rule: &str, article: &str| {
        found
            .iter()
            .any(|(f, r, a)| f == un && r == rule && a == article)
    };
    // The weaknesses written into the UN-style draft.
    for (rule, article) in [
        ("TL101", "22"),     // deeming formula alone, optional refusal
        ("TL101", "25 bis"), // interception assistance without dual criminality
        ("TL102", "19"),     // no "specific" in the cooperation chapter
        ("TL103", "25"),     // safeguards limited to "this chapter"
        ("TL104", "20"),     // "applicable international law"
        ("TL105", "20"),     // no data-protection principles
        ("TL106", "3"),      // any criminal offence, other conventions
        ("TL106", "19"),     // any serious crime
        ("TL107", "22"),     // persecution clause for extradition only
        ("TL108", "19"),     // depoliticisation
        ("TL109", "27"),     // direct orders, optional notification
        ("TL110", "17"),     // open-ended gag
        ("TL113", "25"),     // unbounded real-time collection
        ("TL114", "26"),     // emergency undefined
        ("TL115", "23"),     // spontaneous sharing without conditions
        ("TL122", "27"),     // mandatory power, optional notification
        ("TL126", "16"),     // compelled assistance
        ("TL127", "11"),     // passive personality
    ] {
        assert!(has(rule, article), "{rule} not found in article {article}");
    }
    // Provisions written to be good.
    for (rule, article) in [
        ("TL102", "12"),
        ("TL116", "22"),
        ("TL117", "5"),
        ("TL101", "24"),
    ] {
        assert!(
            !has(rule, article),
            "{rule} flags the good article {article}"
        );
    }
    assert!(
        !found
            .iter()
            .any(|(f, _, _)| f == "corpus/coe-style-evidence-convention.md")
    );
}
