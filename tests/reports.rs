//! Report formats: the JSON schema validates real output, the Markdown and HTML reports
//! escape what comes from the document, the terminal output is miette's, --output is atomic.

mod common;

use assert_cmd::Command;

fn treatylint() -> Command {
    Command::cargo_bin("treatylint").expect("binary")
}

fn schema() -> jsonschema::Validator {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/schemas/check-v1.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).expect("a valid schema")
}

fn validate(stdout: &[u8]) {
    let json: serde_json::Value = serde_json::from_slice(stdout).unwrap();
    let validator = schema();
    let errors: Vec<String> = validator
        .iter_errors(&json)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .take(5)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn json_of_the_bundled_corpus_validates() {
    let out = treatylint()
        .args(["check", "--no-config", "--format", "json", "corpus"])
        .assert()
        .code(1);
    validate(&out.get_output().stdout);
}

#[test]
fn json_of_the_shared_corpus_validates() {
    let Some(dir) = common::shared_corpus() else {
        return;
    };
    let out = treatylint()
        .args(["check", "--no-config", "--format", "json"])
        .arg(&dir)
        .assert()
        .code(1);
    validate(&out.get_output().stdout);
}

const INJECTION: &str = "Article 1\nMutual legal assistance <script>alert(1)</script>\n\
1. States Parties shall afford one another mutual legal assistance in criminal matters <img src=x onerror=alert(2)> [and \"quotes\" & 'apostrophes'].\n\
2. Mutual legal assistance may be refused if it would prejudice sovereignty.\n";

#[test]
fn html_report_escapes_the_document() {
    let out = treatylint()
        .args(["check", "--no-config", "--format", "html", "-"])
        .write_stdin(INJECTION)
        .assert()
        .code(1);
    let html = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script"), "a script tag got through");
    assert!(!html.contains("<img"), "an img tag got through");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("Content-Security-Policy"));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "the report fetches nothing"
    );
    assert!(html.contains("<table class=\"summary\">"));
    assert!(html.contains("<mark>"));
}

#[test]
fn markdown_report_escapes_the_document() {
    let out = treatylint()
        .args(["check", "--no-config", "--format", "markdown", "-"])
        .write_stdin(INJECTION)
        .assert()
        .code(1);
    let md = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(md.starts_with("# treatylint report\n"));
    assert!(!md.contains("<script") && !md.contains("<img"));
    assert!(md.contains("&lt;img src=x onerror=alert(2)&gt;"));
    assert!(md.contains("| errors | warnings | info |"));
    assert!(md.contains("**Why it matters.**"));
}

#[test]
fn markdown_report_of_the_un_style_draft() {
    let out = treatylint()
        .args([
            "check",
            "--no-config",
            "--format",
            "markdown",
            "--select",
            "TL101",
            "corpus/un-style-draft-convention.txt",
        ])
        .assert()
        .code(1);
    insta::assert_snapshot!(String::from_utf8(out.get_output().stdout.clone()).unwrap());
}

#[test]
fn narrated_terminal_output() {
    let out = treatylint()
        .args([
            "check",
            "--no-config",
            "--color",
            "never",
            "--select",
            "TL106",
            "corpus/coe-style-police-agreement.txt",
            "corpus/un-style-draft-convention.txt",
        ])
        .assert()
        .code(1);
    insta::assert_snapshot!(String::from_utf8(out.get_output().stdout.clone()).unwrap());
}

#[test]
fn coloured_terminal_output_underlines_the_words() {
    let out = treatylint()
        .args([
            "check",
            "--no-config",
            "--color",
            "always",
            "--select",
            "TL108",
            "corpus/un-style-draft-convention.txt",
        ])
        .assert()
        .code(1);
    let s = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(s.contains("\u{1b}["), "colour codes");
    assert!(s.contains("TL108 no-political-offence-exception SG-POLOFF"));
    assert!(s.contains("corpus/un-style-draft-convention.txt:379:66"));
}

#[test]
fn output_file_quiet_and_statistics() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.html");
    let out = treatylint()
        .args(["check", "--no-config", "--format", "html", "--output"])
        .arg(&path)
        .arg("corpus")
        .assert()
        .code(1);
    assert!(out.get_output().stdout.is_empty());
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.ends_with("</html>\n"));
    // No temporary file left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

    let out = treatylint()
        .args([
            "check",
            "--no-config",
            "--format",
            "concise",
            "--quiet",
            "--statistics",
            "corpus/un-style-draft-convention.txt",
        ])
        .assert()
        .code(1);
    let s = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(!s.contains(" instrument"), "no summary lines with --quiet");
    assert!(
        s.lines()
            .any(|l| l.trim_start().ends_with("TL106 open-ended-scope"))
    );

    let bad = dir.path().join("no/such/dir/report.md");
    treatylint()
        .args(["check", "--no-config", "--format", "markdown", "--output"])
        .arg(&bad)
        .arg("corpus")
        .assert()
        .code(2);
}

#[test]
fn fail_on_threshold() {
    // Only info findings (TL124) selected: fail on warning passes, fail on info fails.
    let args = [
        "check",
        "--no-config",
        "--select",
        "TL124",
        "--format",
        "concise",
        "corpus/un-style-draft-convention.txt",
    ];
    treatylint().args(args).assert().code(0);
    treatylint()
        .args(args)
        .args(["--fail-on", "info"])
        .assert()
        .code(1);
}

/// Strings made to break out of each format: markup, script, event handlers, Markdown links
/// and images, table and code breakers, terminal escapes (colour, window title, clearing the
/// screen), a bell, and a bidirectional override.
const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "\"><iframe src=javascript:alert(3)>",
    "</mark></blockquote><h1>forged</h1>",
    "[click](javascript:alert(4)) ![pixel](http://example.invalid/p.png)",
    "| forged | row |\n|---|---|",
    "`` ` `` <!-- comment --> &amp; &lt;",
    "\u{1b}[2J\u{1b}[31mred\u{1b}]0;title\u{7}",
    "\u{202e}txt.exe",
];

/// A draft whose caption, flagged provision, undefined term and suppression reason each
/// carry the payload.
fn hostile_draft(payload: &str) -> String {
    format!(
        "Article 1\nMutual legal assistance {payload}\n\
1. States Parties shall afford one another mutual legal assistance {payload}. A request may be refused where the conduct is not an offence under the law of the requested Party.\n\
2. The “{payload} data” shall be preserved.\n\
<!-- treatylint-disable-next-line TL116 -- reason {payload} -->\n\
3. Mutual legal assistance shall be provided.\n"
    )
}

fn output(format: &str, extra: &[&str], input: &str) -> String {
    let out = treatylint()
        .args(["check", "--no-config", "--preview", "--format", format])
        .args(extra)
        .arg("-")
        .write_stdin(input)
        .assert()
        .code(1);
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn no_payload_survives_in_any_format() {
    for payload in PAYLOADS {
        let draft = hostile_draft(payload);
        let html = output("html", &[], &draft);
        for tag in ["<script", "<img", "<iframe", "<h1>forged", "<!--"] {
            assert!(!html.contains(tag), "{tag} in HTML for {payload:?}");
        }
        let md = output("markdown", &[], &draft);
        for raw in [
            "<script",
            "<img",
            "<iframe",
            "![pixel]",
            "| forged |",
            "<!--",
        ] {
            assert!(!md.contains(raw), "{raw} in Markdown for {payload:?}");
        }
        // A link needs an unescaped "](": every "]" from the document is escaped.
        assert!(
            md.match_indices("](").all(|(i, _)| md[..i].ends_with('\\')),
            "a link in Markdown for {payload:?}"
        );
        // SARIF and JSON carry the text as it is, as JSON strings.
        for format in ["sarif", "json"] {
            let v: serde_json::Value = serde_json::from_str(&output(format, &[], &draft))
                .unwrap_or_else(|e| panic!("{format} for {payload:?}: {e}"));
            assert!(v.is_object());
        }
        // Terminals: nothing from the document is obeyed. The coloured output keeps only
        // its own colour codes (ESC [ ... m).
        for (format, extra) in [
            ("concise", &[][..]),
            ("text", &["--color", "never"][..]),
            ("text", &["--color", "always"][..]),
            ("html", &[][..]),
            ("markdown", &[][..]),
        ] {
            let s = output(format, extra, &draft);
            assert!(
                !s.contains('\u{7}') && !s.contains('\u{202e}'),
                "{format} {extra:?} for {payload:?}"
            );
            assert!(
                !s.contains("\u{1b}]") && !s.contains("\u{1b}[2J"),
                "{format} {extra:?} for {payload:?}"
            );
            if extra != ["--color", "always"] {
                assert!(!s.contains('\u{1b}'), "{format} {extra:?} for {payload:?}");
            }
        }
    }
}

#[test]
fn a_hostile_file_name_is_shown_not_obeyed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("<img src=x onerror=alert(1)>\u{1b}[2J.txt");
    std::fs::write(&path, hostile_draft("x")).unwrap();
    for format in ["html", "markdown", "concise", "text"] {
        let out = treatylint()
            .args([
                "check",
                "--no-config",
                "--color",
                "never",
                "--format",
                format,
            ])
            .arg(&path)
            .assert()
            .code(1);
        let s = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        assert!(!s.contains('\u{1b}'), "{format}");
        if format == "html" || format == "markdown" {
            assert!(!s.contains("<img"), "{format}");
        }
    }
}
