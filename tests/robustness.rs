//! Bad input gets a clear error naming the file and the place, and a non-zero exit; limits
//! are configurable; output survives a closed pipe. One case per path of the issue.

use std::io::Read;
use std::path::Path;
use std::process::Stdio;

use assert_cmd::Command;

fn treatylint() -> Command {
    Command::cargo_bin("treatylint").expect("binary")
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Article 2 is missing: one TL002 warning at line 5.
const DRAFT: &str = "Article 1\n\nText.\n\nArticle 3\n\nText.\n";

#[test]
fn files_over_the_size_limit_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    std::fs::write(&big, "x".repeat(2000)).unwrap();
    let out = treatylint()
        .args(["check", "--no-config", "--max-file-size", "1K"])
        .arg(&big)
        .assert()
        .code(2);
    let err = stderr_of(out.get_output());
    assert!(
        err.contains(
            "big.txt: 2000 bytes is more than the largest file treatylint reads (1024 bytes)"
        ),
        "{err}"
    );
    // Raised, it is read.
    treatylint()
        .args(["check", "--no-config", "--max-file-size", "4K"])
        .arg(&big)
        .assert()
        .code(0);
    // Standard input is read only one byte past the limit.
    let out = treatylint()
        .args(["parse", "--max-file-size", "100", "-"])
        .write_stdin("y".repeat(10_000))
        .assert()
        .code(2);
    assert!(
        stderr_of(out.get_output()).contains("<stdin>: 101 bytes is more than"),
        "{}",
        stderr_of(out.get_output())
    );
}

#[test]
fn limits_come_from_treatylint_toml_and_the_command_line_wins() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("treatylint.toml"),
        "[limits]\nmax-nesting = 2\n",
    )
    .unwrap();
    let draft = dir.path().join("draft.txt");
    std::fs::write(&draft, "Article 1\n\nText (with (three [levels])) here.\n").unwrap();
    let out = treatylint().arg("check").arg(&draft).assert().code(2);
    let err = stderr_of(out.get_output());
    assert!(
        err.contains("draft.txt:3:19: brackets nested more than 2 deep (byte offset 29)"),
        "{err}"
    );
    treatylint()
        .args(["check", "--max-nesting", "3"])
        .arg(&draft)
        .assert()
        .code(0);
    // A bad value in the file points at its line.
    std::fs::write(
        dir.path().join("treatylint.toml"),
        "[limits]\nmax-file-size = \"lots\"\n",
    )
    .unwrap();
    let out = treatylint().arg("check").arg(&draft).assert().code(2);
    let err = stderr_of(out.get_output());
    assert!(err.contains("treatylint.toml:2:17:"), "{err}");
}

#[test]
fn bad_limit_values_on_the_command_line_are_usage_errors() {
    for (flag, value) in [("--max-file-size", "12 parsecs"), ("--max-nesting", "deep")] {
        let out = treatylint()
            .args(["check", "corpus", flag, value])
            .assert()
            .code(2);
        assert!(stderr_of(out.get_output()).contains(flag));
    }
}

#[cfg(unix)]
#[test]
fn broken_links_and_bad_paths_are_named_and_the_rest_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), DRAFT).unwrap();
    std::os::unix::fs::symlink(dir.path().join("gone.txt"), dir.path().join("b.txt")).unwrap();
    let out = treatylint()
        .args(["check", "--no-config", "--format", "concise"])
        .arg(dir.path())
        .assert()
        .code(2);
    let err = stderr_of(out.get_output());
    assert!(err.contains("b.txt"), "{err}");
    let stdout = String::from_utf8_lossy(&out.get_output().stdout);
    assert!(
        stdout.contains("a.txt:5:9: warning[TL002"),
        "a.txt is still checked: {stdout}"
    );

    // A broken link named directly, and a path through a file.
    for path in [
        dir.path().join("b.txt"),
        dir.path().join("a.txt").join("x.txt"),
    ] {
        let out = treatylint()
            .args(["check", "--no-config"])
            .arg(&path)
            .assert()
            .code(2);
        let err = stderr_of(out.get_output());
        assert!(err.starts_with("error: "), "{err}");
        assert!(err.contains(&path.display().to_string()), "{err}");
    }
    // A file that cannot be read (tests run as root, so permissions cannot make one):
    // reading /proc/self/mem from offset 0 fails with an I/O error.
    if Path::new("/proc/self/mem").exists() {
        let out = treatylint()
            .args(["check", "--no-config", "/proc/self/mem"])
            .assert()
            .code(2);
        let err = stderr_of(out.get_output());
        assert!(
            err.starts_with("error: /proc/self/mem: cannot read: "),
            "{err}"
        );
    }
    // A directory where a file is expected.
    let out = treatylint().arg("parse").arg(dir.path()).assert().code(2);
    assert!(stderr_of(out.get_output()).contains("is a directory"));
}

#[test]
fn utf16_with_a_byte_order_mark_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("utf16.txt");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(DRAFT.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(&path, bytes).unwrap();
    let out = treatylint()
        .args(["check", "--no-config", "--format", "concise"])
        .arg(&path)
        .assert()
        .code(1);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout);
    // Positions are those of the decoded text.
    assert!(stdout.contains("utf16.txt:5:9: warning[TL002"), "{stdout}");
}

#[test]
fn a_closed_pipe_ends_the_process_quietly() {
    // Every line an article: two findings per line, megabytes of report, far more than a
    // pipe holds.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("articles.txt");
    std::fs::write(&path, "Article 1\n".repeat(20_000)).unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_treatylint"))
        .args(["check", "--no-config", "--format", "json"])
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one byte, then close the pipe while the report is still being written.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 1];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(!err.contains("Broken pipe"), "{err}");
    assert!(out.status.code().is_some(), "ended by a signal");
}
