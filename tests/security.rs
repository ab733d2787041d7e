//! The promises of SECURITY.md that a test can hold the code to: treatylint reads only the
//! files it is given (and its own configuration), writes only where it is told, and never
//! opens a network connection or starts another program.

use std::path::Path;
use std::process::Command;

/// Source and manifest: no networking, no process spawning, no network-capable crate.
#[test]
fn the_code_has_no_network_or_process_apis() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let forbidden = [
        "std::net",
        "TcpStream",
        "UdpSocket",
        "TcpListener",
        "process::Command",
        "Command::new",
        "libc::exec",
        "dlopen",
    ];
    let mut offences = Vec::new();
    for entry in walkdir::WalkDir::new(root.join("src")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            for f in forbidden {
                if text.contains(f) {
                    offences.push(format!("{}: {f}", entry.path().display()));
                }
            }
        }
    }
    assert!(offences.is_empty(), "{offences:#?}");

    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let deps = manifest
        .split("[dependencies]")
        .nth(1)
        .and_then(|s| s.split("\n[").next())
        .unwrap();
    for net in [
        "reqwest",
        "ureq",
        "hyper",
        "curl",
        "tokio",
        "surf",
        "isahc",
        "attohttpc",
    ] {
        assert!(
            !deps.lines().any(|l| l.trim_start().starts_with(net)),
            "{net} in [dependencies]"
        );
    }
}

/// Every file the process opens, every program it starts, every socket, under strace.
/// Skips (saying so) where strace is not installed; `.ci/run` installs it.
#[test]
fn a_check_opens_only_its_inputs_and_its_output() {
    if Command::new("strace").arg("-V").output().is_err() {
        eprintln!("strace not installed: skipping the system-call test");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("strace.log");
    let report = dir.path().join("report.html");
    let status = Command::new("strace")
        .args([
            "-f",
            "-qq",
            "-e",
            "trace=execve,socket,connect,open,openat,creat",
            "-o",
        ])
        .arg(&log)
        .arg(env!("CARGO_BIN_EXE_treatylint"))
        .args(["check", "--format", "html", "corpus", "-o"])
        .arg(&report)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1), "the corpus has findings");
    assert!(report.is_file());
    let log = std::fs::read_to_string(&log).unwrap();
    let report_dir = dir.path().display().to_string();
    let mut execs = 0;
    for line in log.lines() {
        // "1234  openat(AT_FDCWD, "path", FLAGS...) = 3"
        let call = line.split_once(' ').map_or(line, |(_, c)| c.trim_start());
        assert!(
            !call.starts_with("socket(") && !call.starts_with("connect("),
            "network: {line}"
        );
        if call.starts_with("execve(") {
            execs += 1;
            continue;
        }
        // Failed opens read nothing (the dynamic loader probes library paths this way).
        let Some(path) = call.split('"').nth(1).filter(|_| !call.contains(") = -1 ")) else {
            continue;
        };
        let system = [
            "/etc/ld.so.cache",
            "/lib",
            "/usr/lib",
            "/proc/self/",
            "/sys/",
        ]
        .iter()
        .any(|p| path.starts_with(p));
        let input = path == "corpus" || path.starts_with("corpus/");
        let output = path.starts_with(&report_dir);
        assert!(system || input || output, "opened {path}: {line}");
        if call.contains("O_WRONLY") || call.contains("O_RDWR") || call.contains("O_CREAT") {
            assert!(output, "wrote outside the output's directory: {line}");
        }
    }
    assert_eq!(execs, 1, "only treatylint itself is executed:\n{log}");
}
