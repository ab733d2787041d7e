//! End to end in a real editor: headless Neovim (Debian's neovim package, which .ci/run
//! installs) opens a sample draft with `treatylint server` as its language server and
//! receives diagnostics whose count and positions match `treatylint check --format json`.
//! Skips when Neovim is not installed.

use std::path::PathBuf;
use std::process::Command;

fn nvim() -> bool {
    Command::new("nvim")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn neovim_receives_the_same_diagnostics_as_check() {
    if !nvim() {
        eprintln!("skipped: nvim is not installed");
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    // The UN-style draft: curly quotes and dashes make UTF-16 and byte columns differ.
    let file = dir.path().join("draft.txt");
    std::fs::copy(root.join("corpus/un-style-draft-convention.txt"), &file).unwrap();
    let out = dir.path().join("diagnostics.txt");
    let status = Command::new("nvim")
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c"])
        .arg(format!(
            "luafile {}",
            root.join("tests/editors/nvim_diagnostics.lua").display()
        ))
        .env("TL_BIN", env!("CARGO_BIN_EXE_treatylint"))
        .env("TL_FILE", &file)
        .env("TL_OUT", &out)
        .env("XDG_STATE_HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path())
        .status()
        .expect("run nvim");
    assert!(status.success());
    let got: Vec<String> = std::fs::read_to_string(&out)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();

    // What `treatylint check --format json` reports, in the same form.
    let json = Command::new(env!("CARGO_BIN_EXE_treatylint"))
        .args(["check", "--no-config", "--format", "json"])
        .arg(&file)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    let line_start = |line: u64| -> usize {
        text.split_inclusive('\n')
            .take(line as usize - 1)
            .map(str::len)
            .sum()
    };
    let mut want: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["suppressed"].is_null())
        .map(|f| {
            let s = &f["span"];
            let (line, end_line) = (s["line"].as_u64().unwrap(), s["end_line"].as_u64().unwrap());
            let col = s["start"].as_u64().unwrap() as usize - line_start(line);
            let end_col = s["end"].as_u64().unwrap() as usize - line_start(end_line);
            format!(
                "{}:{}:{}:{}:{}",
                line - 1,
                col,
                end_line - 1,
                end_col,
                f["rule"].as_str().unwrap()
            )
        })
        .collect();
    want.sort();
    assert!(want.len() > 30);
    assert_eq!(got.len(), want.len(), "diagnostic count");
    assert_eq!(got, want);
}
