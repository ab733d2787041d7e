//! The HTML report in a real browser: headless Chromium (Debian's chromium package, which
//! .ci/run installs) loads it, the summary table is there, and nothing from the document
//! executes. Skips when Chromium is not installed.

use std::path::Path;
use std::process::Command as Process;

use assert_cmd::Command;

/// Text written so that it changes the page if it ever runs.
const INJECTION: &str = "Article 1\nMutual legal assistance <script>document.title='PWNED'</script>\n\
1. States Parties shall afford one another mutual legal assistance in criminal matters \
<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\"> and \
<svg onload=\"document.body.setAttribute('data-pwned','2')\"></svg>.\n\
2. Mutual legal assistance may be refused if it would prejudice sovereignty.\n";

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser"].into_iter().find(|c| {
        Process::new(c)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

fn headless(browser: &str, profile: &Path) -> Process {
    let mut p = Process::new(browser);
    p.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    p
}

#[test]
fn html_report_loads_and_nothing_from_the_document_runs() {
    let Some(browser) = chromium() else {
        eprintln!("skipped: chromium is not installed");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("injection.txt");
    std::fs::write(&draft, INJECTION).unwrap();
    let report = dir.path().join("report.html");
    Command::cargo_bin("treatylint")
        .unwrap()
        .args(["check", "--no-config", "--format", "html", "--output"])
        .arg(&report)
        .arg("corpus")
        .arg(&draft)
        .assert()
        .code(1);
    let out = headless(browser, &dir.path().join("profile"))
        .arg("--dump-dom")
        .arg(format!("file://{}", report.display()))
        .output()
        .expect("run chromium");
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(
        dom.contains("<title>treatylint report</title>"),
        "the page did not load: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dom.contains("<table class=\"summary\">"));
    assert!(dom.contains("injection.txt"));
    assert!(
        !dom.contains("data-pwned"),
        "an event handler from the document ran"
    );
    assert!(
        !dom.contains("PWNED</title>"),
        "a script from the document ran"
    );
    assert!(
        dom.contains("&lt;script&gt;"),
        "the script is shown as text"
    );
    // A screenshot renders (kept in the temporary directory; look at one by hand with
    // `chromium --headless --screenshot`).
    let shot = dir.path().join("report.png");
    let status = headless(browser, &dir.path().join("profile2"))
        .arg("--window-size=1100,1500")
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", report.display()))
        .output()
        .expect("run chromium");
    assert!(status.status.success());
    assert!(std::fs::metadata(&shot).is_ok_and(|m| m.len() > 10_000));
}
