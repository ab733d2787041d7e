//! The bodies of the fuzz targets. `fuzz/fuzz_targets/*.rs` hand each of these the fuzzer's
//! bytes; `tests/fuzz_smoke.rs` runs them over seeds, kept crashing inputs and mutations on
//! every `cargo test`. Each runs one stage the way the command line or the language server
//! would, and panics when an invariant that users rely on fails: a span outside the text or
//! off a character boundary, a report that is not valid JSON, a reply the server cannot send.
//! Errors the tool reports cleanly (invalid UTF-8, over a limit) are not failures.

use std::io::Cursor;

use lsp_server::{Message, Notification, Request, RequestId};
use serde_json::{Value, json};

use crate::input::{self, Limits, Origin};
use crate::model::Model;
use crate::render::{self, check::FileReport, terminal::Style};
use crate::rules::{self, Finding, Selection};
use crate::server::{Server, transport};
use crate::syntax::{self, Document};

/// All rules, preview ones too: the fuzz targets should reach every rule.
fn every_rule() -> Selection {
    Selection {
        preview: true,
        ..Selection::default()
    }
}

/// Bytes to text as the command line reads them; `None` when the command line would stop
/// with an error (whose message must name the input).
fn read(data: &[u8]) -> Option<String> {
    if data.len() as u64 > Limits::default().max_file_size {
        return None;
    }
    match input::decode(Origin::Stdin, data.to_vec())
        .and_then(|s| input::check_limits(&s.origin, &s.text, &Limits::default()).map(|()| s))
    {
        Ok(source) => Some(source.text),
        Err(e) => {
            assert!(e.to_string().starts_with("<stdin>"), "unnamed error: {e}");
            None
        }
    }
}

fn json_ok(what: &str, text: &str) {
    if let Err(e) = serde_json::from_str::<Value>(text) {
        panic!("{what} is not valid JSON: {e}");
    }
}

fn assert_in_text(doc: &Document, what: &str, r: crate::span::TextRange) {
    let src = &doc.source;
    assert!(
        r.start <= r.end && r.end <= src.len(),
        "{what} {r:?} outside a text of {} bytes",
        src.len()
    );
    assert!(
        src.is_char_boundary(r.start) && src.is_char_boundary(r.end),
        "{what} {r:?} off a character boundary"
    );
}

fn assert_findings(doc: &Document, findings: &[Finding]) {
    for f in findings {
        assert_in_text(doc, f.rule.code, f.range);
        assert!(
            f.node.index() < doc.nodes.len(),
            "{}: no such node",
            f.rule.code
        );
        for (r, _) in &f.related {
            assert_in_text(doc, f.rule.code, *r);
        }
        if let Some(fix) = &f.fix {
            assert_in_text(doc, f.rule.code, fix.range);
        }
    }
}

/// Parse: the tree's invariants, and both renderings of it.
pub fn parse(data: &[u8]) {
    let Some(text) = read(data) else { return };
    let doc = syntax::parse(text);
    if let Err(e) = syntax::invariants(&doc) {
        panic!("tree invariant: {e}");
    }
    for p in &doc.problems {
        assert_in_text(&doc, "problem", p.span.range());
    }
    let _ = render::parse::tree(&doc, true);
    json_ok("parse JSON", &render::parse::json(&doc, "fuzz.txt"));
}

/// Parse, model and every rule, then every report format.
pub fn check(data: &[u8]) {
    let Some(text) = read(data) else { return };
    let doc = syntax::parse(text);
    if let Err(e) = syntax::invariants(&doc) {
        panic!("tree invariant: {e}");
    }
    let model = Model::build(&doc);
    for c in &model.clauses {
        assert_in_text(&doc, "clause", c.range);
    }
    let _ = render::semantic::listing(&doc, &model);
    let findings = rules::check(&doc, &model, &every_rule());
    assert_findings(&doc, &findings);
    let reports = [FileReport {
        file: "fuzz.txt".to_string(),
        doc: &doc,
        findings: &findings,
    }];
    json_ok("check JSON", &render::check::json(&reports));
    json_ok("SARIF", &render::sarif::sarif(&reports));
    let _ = render::check::text(&reports);
    let _ = render::report::markdown(&reports);
    let _ = render::report::html(&reports);
    let _ = render::terminal::render(&reports, Style::Narrated);
    let _ = render::terminal::render(&reports, Style::Colour);
}

/// Two drafts from one input (split at the first 0xFF byte, which UTF-8 never holds, or
/// else in the middle), compared and rendered in every format.
pub fn diff(data: &[u8]) {
    let (old, new) = match data.iter().position(|&b| b == 0xFF) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => data.split_at(data.len() / 2),
    };
    let (Some(old), Some(new)) = (read(old), read(new)) else {
        return;
    };
    let selection = every_rule();
    let old = crate::diff::Side::new("old.txt".to_string(), old, &selection);
    let new = crate::diff::Side::new("new.txt".to_string(), new, &selection);
    assert_findings(&old.doc, &old.findings);
    assert_findings(&new.doc, &new.findings);
    let cmp = crate::diff::compare(&old, &new);
    json_ok("diff JSON", &render::diff::json(&old, &new, &cmp));
    let _ = render::diff::text(&old, &new, &cmp);
    let _ = render::diff::markdown(&old, &new, &cmp);
    let _ = render::diff::html(&old, &new, &cmp);
    let _ = render::diff::terminal(&old, &new, &cmp, Style::Narrated);
}

const URI: &str = "file:///fuzz/draft.txt";

/// Every reply must serialise: the transport writes it as JSON.
fn send(server: &mut Server, msg: Message) {
    for reply in server.handle(msg) {
        if let Err(e) = serde_json::to_string(&reply) {
            panic!("a reply does not serialise: {e}");
        }
    }
}

fn request(id: i32, method: &str, params: Value) -> Message {
    Message::Request(Request::new(
        RequestId::from(id),
        method.to_string(),
        params,
    ))
}

fn notification(method: &str, params: Value) -> Message {
    Message::Notification(Notification::new(method.to_string(), params))
}

/// Text an edit inserts: the words and characters that change what the rules see, and the
/// ones that make UTF-16 positions differ from bytes.
const INSERTS: &[&str] = &[
    "",
    "shall",
    "may",
    "\n",
    "\r\n",
    "Article 2\n",
    "(a) ",
    "[",
    "“",
    "é",
    "😀",
    "dual criminality",
    "<!-- treatylint-disable-next-line TL101 -- why -->\n",
];

/// The language server's message handling, twice over: the bytes as a stream of framed
/// JSON-RPC messages (headers, bodies, any method and parameters), then as a session on a
/// document whose text they are, edited and queried at positions they choose (past the end
/// of a line, inside a surrogate pair, beyond the last line).
pub fn server(data: &[u8]) {
    let mut server = Server::new(Selection::default(), Limits::default());
    let mut input = Cursor::new(data);
    while let Ok(Some(body)) = transport::read_body(&mut input) {
        let Ok(msg) = serde_json::from_str::<Message>(&body) else {
            continue;
        };
        if matches!(&msg, Message::Notification(n) if n.method == "exit") {
            break;
        }
        send(&mut server, msg);
    }

    // The session re-checks the document after every edit: its text is the input's first
    // 8 KB, so that the fuzzer runs many sessions rather than a few long ones.
    let mut server = Server::new(Selection::default(), Limits::default());
    let text = String::from_utf8_lossy(&data[..data.len().min(8192)]).into_owned();
    let doc = json!({ "uri": URI });
    send(
        &mut server,
        notification(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": URI, "languageId": "plaintext", "version": 1, "text": text } }),
        ),
    );
    let pos = |b: &[u8]| json!({ "line": b[0] % 64, "character": b[1] });
    for (i, op) in data.chunks_exact(5).take(32).enumerate() {
        let id = i as i32 + 1;
        let (at, to) = (pos(&op[1..3]), pos(&op[3..5]));
        let range = json!({ "start": at, "end": to });
        let msg = match op[0] % 8 {
            0 | 1 => notification(
                "textDocument/didChange",
                json!({
                    "textDocument": { "uri": URI, "version": id + 1 },
                    "contentChanges": [{ "range": range, "text": INSERTS[usize::from(op[2]) % INSERTS.len()] }],
                }),
            ),
            2 => request(
                id,
                "textDocument/hover",
                json!({ "textDocument": doc, "position": at }),
            ),
            3 => request(
                id,
                "textDocument/codeAction",
                json!({ "textDocument": doc, "range": range, "context": { "diagnostics": [] } }),
            ),
            4 => request(
                id,
                "textDocument/definition",
                json!({ "textDocument": doc, "position": at }),
            ),
            5 => request(
                id,
                "textDocument/documentSymbol",
                json!({ "textDocument": doc }),
            ),
            6 => notification(
                "textDocument/didSave",
                json!({ "textDocument": doc, "text": String::from_utf8_lossy(&data[..(i * 5).min(8192)]) }),
            ),
            _ => notification(
                "textDocument/didChange",
                json!({
                    "textDocument": { "uri": URI, "version": id + 1 },
                    "contentChanges": [{ "text": String::from_utf8_lossy(&data[i * 5..data.len().min(i * 5 + 8192)]) }],
                }),
            ),
        };
        send(&mut server, msg);
    }
    send(
        &mut server,
        notification("textDocument/didClose", json!({ "textDocument": doc })),
    );
}
