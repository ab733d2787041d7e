//! The language server as a process over stdio: a malformed message gets a parse-error
//! response and the session goes on.

use std::io::{Read, Write};
use std::process::{Command, Stdio};

fn frame(body: &str) -> String {
    format!("Content-Length: {}\r\n\r\n{body}", body.len())
}

#[test]
fn malformed_messages_get_an_error_and_the_server_goes_on() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_treatylint"))
        .arg("server")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the server");
    let mut input = String::new();
    input.push_str(&frame(
        r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#,
    ));
    input.push_str(&frame(
        r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
    ));
    input.push_str(&frame(r#"{"jsonrpc":"2.0","id":2,"method": oops not json"#));
    input.push_str(&frame(r#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///d.txt","languageId":"plaintext","version":1,"text":"Article 1\nScope\nThis Convention shall apply to any criminal offence.\n"}}}"#));
    input.push_str(&frame(r#"{"jsonrpc":"2.0","id":3,"method":"shutdown"}"#));
    input.push_str(&frame(r#"{"jsonrpc":"2.0","method":"exit"}"#));
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let mut out = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "exit status {status}");
    let bodies: Vec<serde_json::Value> = out
        .split("Content-Length: ")
        .filter(|s| !s.is_empty())
        .map(|s| serde_json::from_str(s.split_once("\r\n\r\n").unwrap().1).unwrap())
        .collect();
    assert!(
        bodies
            .iter()
            .any(|b| b["id"] == 1 && b["result"]["capabilities"].is_object())
    );
    assert!(
        bodies
            .iter()
            .any(|b| b["id"].is_null() && b["error"]["code"] == -32700),
        "{bodies:?}"
    );
    assert!(bodies.iter().any(|b| {
        b["method"] == "textDocument/publishDiagnostics"
            && b["params"]["diagnostics"]
                .as_array()
                .is_some_and(|d| d.iter().any(|x| x["code"] == "TL106"))
    }));
    assert!(
        bodies
            .iter()
            .any(|b| b["id"] == 3 && b.get("error").is_none())
    );
}
