//! The language server, in process, over an in-memory connection: initialize, didOpen,
//! publishDiagnostics, incremental didChange, codeAction, hover, documentSymbol, definition,
//! errors for bad requests, shutdown.

use std::thread;
use std::time::Duration;

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use serde_json::{Value, json};

const URI: &str = "file:///drafts/draft.txt";

struct Client {
    conn: Connection,
    server: Option<thread::JoinHandle<Result<(), String>>>,
    next: i32,
}

impl Client {
    fn start() -> Client {
        let (server_side, client_side) = Connection::memory();
        let server = thread::spawn(move || treatylint::server::serve(server_side));
        let mut c = Client {
            conn: client_side,
            server: Some(server),
            next: 1,
        };
        let result = c.request(
            "initialize",
            json!({ "capabilities": {}, "processId": null, "rootUri": null }),
        );
        assert_eq!(
            result["capabilities"]["textDocumentSync"]["change"], 2,
            "incremental sync"
        );
        c.notify("initialized", json!({}));
        c
    }

    fn recv(&self) -> Message {
        self.conn
            .receiver
            .recv_timeout(Duration::from_secs(10))
            .expect("a message from the server")
    }

    fn request_raw(&mut self, method: &str, params: Value) -> Response {
        let id = RequestId::from(self.next);
        self.next += 1;
        self.conn
            .sender
            .send(Message::Request(Request::new(
                id.clone(),
                method.to_string(),
                params,
            )))
            .unwrap();
        loop {
            if let Message::Response(r) = self.recv() {
                assert_eq!(r.id, id);
                return r;
            }
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        match self.request_raw(method, params).response_result {
            Ok(v) => v,
            Err(e) => panic!("{method}: {e:?}"),
        }
    }

    fn notify(&self, method: &str, params: Value) {
        self.conn
            .sender
            .send(Message::Notification(Notification::new(
                method.to_string(),
                params,
            )))
            .unwrap();
    }

    /// The next diagnostics published.
    fn diagnostics(&self) -> Value {
        loop {
            if let Message::Notification(n) = self.recv()
                && n.method == "textDocument/publishDiagnostics"
            {
                return n.params;
            }
        }
    }

    fn shutdown(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let result = self.server.take().unwrap().join().unwrap();
        assert!(result.is_ok(), "{result:?}");
    }
}

const DRAFT: &str = "Article 1\nUse of terms\n(a) “serious crime” means conduct punishable by a maximum deprivation of liberty of at least four years.\n\n\
Article 2\nMutual legal assistance\n1. States Parties shall afford one another mutual legal assistance in specific criminal investigations concerning serious crime.\n\
2. A State Party may decline to render assistance under this article on the ground of absence of dual criminality.\n\
3. Paragraph 2 of this article applies to “Traitement” données – ‘quoted’ text.\n";

fn open(c: &Client, text: &str) -> Value {
    c.notify("textDocument/didOpen", json!({ "textDocument": { "uri": URI, "languageId": "plaintext", "version": 1, "text": text } }));
    c.diagnostics()
}

fn codes(d: &Value) -> Vec<String> {
    d["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn diagnostics_on_open_and_incremental_change() {
    let c = Client::start();
    let d = open(&c, DRAFT);
    assert_eq!(d["uri"], URI);
    assert_eq!(d["version"], 1);
    assert!(codes(&d).contains(&"TL101".to_string()), "{:?}", codes(&d));
    let dc = d["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["code"] == "TL101")
        .unwrap()
        .clone();
    // Line 7 (0-based), "may" after "2. A State Party ".
    assert_eq!(dc["range"]["start"], json!({ "line": 7, "character": 17 }));
    assert_eq!(dc["range"]["end"], json!({ "line": 7, "character": 20 }));
    assert_eq!(dc["severity"], 1);
    assert_eq!(dc["source"], "treatylint");

    // Replace "may decline" by "shall refuse" with an incremental edit: TL101 goes away.
    c.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": URI, "version": 2 },
            "contentChanges": [{ "range": { "start": { "line": 7, "character": 17 }, "end": { "line": 7, "character": 28 } }, "text": "shall refuse" }]
        }),
    );
    let d2 = c.diagnostics();
    assert_eq!(d2["version"], 2);
    assert!(
        !codes(&d2).contains(&"TL101".to_string()),
        "{:?}",
        codes(&d2)
    );
    c.shutdown();
}

#[test]
fn utf16_positions_after_non_ascii_text() {
    let c = Client::start();
    // A finding after curly quotes and an en dash on the same line.
    let text = "Article 1\nScope – “wide”\nThis Convention shall apply to “all” data and to any criminal offence.\n";
    let d = open(&c, text);
    let scope = d["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["code"] == "TL106");
    if let Some(s) = scope {
        let line = text.lines().nth(2).unwrap();
        let byte = line.find("any criminal offence").unwrap();
        let utf16 = line[..byte].encode_utf16().count();
        assert_eq!(s["range"]["start"]["character"], utf16 as u64);
    }
    c.shutdown();
}

#[test]
fn code_action_hover_symbols_and_definition() {
    let mut c = Client::start();
    open(&c, DRAFT);
    let range =
        json!({ "start": { "line": 7, "character": 17 }, "end": { "line": 7, "character": 20 } });
    let actions = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": URI }, "range": range, "context": { "diagnostics": [] } }),
    );
    let action = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("TL101"))
        .expect("a quick fix");
    let edit = &action["edit"]["changes"][URI][0];
    assert_eq!(edit["newText"], "shall");
    assert_eq!(edit["range"], range);

    let hover = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": URI }, "position": { "line": 7, "character": 18 } }),
    );
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.starts_with("**TL101 optional-dual-criminality**"));
    assert!(value.contains("## Why it matters"));

    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": URI } }),
    );
    let inst = &symbols[0];
    let names: Vec<&str> = inst["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Article 1 — Use of terms",
            "Article 2 — Mutual legal assistance"
        ]
    );

    // "Paragraph 2 of this article" (line 8) goes to paragraph 2 (line 7).
    let def = c.request(
        "textDocument/definition",
        json!({ "textDocument": { "uri": URI }, "position": { "line": 8, "character": 5 } }),
    );
    assert_eq!(def["range"]["start"]["line"], 7);
    // "serious crime" (line 6) goes to its definition (line 2).
    let line6 = DRAFT.lines().nth(6).unwrap();
    let col = line6[..line6.find("serious crime").unwrap()]
        .encode_utf16()
        .count();
    let def = c.request(
        "textDocument/definition",
        json!({ "textDocument": { "uri": URI }, "position": { "line": 6, "character": col + 2 } }),
    );
    assert_eq!(def["range"]["start"]["line"], 2);
    c.shutdown();
}

#[test]
fn bad_requests_get_errors_and_the_session_goes_on() {
    let mut c = Client::start();
    open(&c, DRAFT);
    let r = c.request_raw("textDocument/hover", json!({ "nonsense": true }));
    assert_eq!(
        r.response_result.unwrap_err().code,
        lsp_server::ErrorCode::InvalidParams as i32
    );
    let r = c.request_raw("textDocument/frobnicate", json!({}));
    assert_eq!(
        r.response_result.unwrap_err().code,
        lsp_server::ErrorCode::MethodNotFound as i32
    );
    // A change to a document that was never opened is ignored.
    c.notify("textDocument/didChange", json!({ "textDocument": { "uri": "file:///other.txt", "version": 2 }, "contentChanges": [] }));
    // Still serving.
    let symbols = c.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": URI } }),
    );
    assert!(symbols.is_array());
    c.shutdown();
}

#[test]
fn a_document_over_the_nesting_limit_gets_one_error_at_the_bracket() {
    let c = Client::start();
    let deep = format!(
        "Article 1\n\n1. Each Party {}x{}.\n",
        "(".repeat(600),
        ")".repeat(600)
    );
    let d = open(&c, &deep);
    let diags = d["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{diags:?}");
    // The 501st bracket: line 2 (0-based), after "1. Each Party " and 500 brackets.
    assert_eq!(
        diags[0]["range"]["start"],
        json!({ "line": 2, "character": 14 + 500 })
    );
    let message = diags[0]["message"].as_str().unwrap();
    assert!(
        message.starts_with(
            "treatylint did not check this document: brackets nested more than 500 deep"
        ),
        "{message}"
    );
    // Back under the limit, the findings return.
    let d = open(&c, DRAFT);
    assert!(codes(&d).contains(&"TL101".to_string()), "{:?}", codes(&d));
}

/// What a version lends the next (lines, provision texts) never changes the diagnostics: a
/// run of edits checked incrementally gives what checking each version from scratch gives.
#[test]
fn incremental_rechecks_equal_checks_from_scratch() {
    use std::str::FromStr;
    use treatylint::server::{Caches, recheck};
    let uri = lsp_types::Uri::from_str("file:///t/draft.txt").expect("uri");
    let selection = treatylint::rules::Selection::default();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus/un-style-draft-convention.txt");
    let original = std::fs::read_to_string(path).expect("bundled draft");
    let mut versions = vec![original.clone()];
    let mut t = original.clone();
    // One character, a modal weakened, a line deleted, a provision duplicated, text appended.
    let at = t.find("shall").expect("a modal");
    t.replace_range(at..at + 1, "S");
    versions.push(t.clone());
    let at = t.find(" shall ").expect("a modal");
    t.replace_range(at..at + 7, " may ");
    versions.push(t.clone());
    let line_end = t.find('\n').expect("lines");
    let next_end = line_end + 1 + t[line_end + 1..].find('\n').expect("lines");
    t.replace_range(line_end..next_end, "");
    versions.push(t.clone());
    let para = t.find("\n          1.").expect("a paragraph");
    let para_end = para + 1 + t[para + 1..].find('\n').expect("lines");
    let copy = t[para..para_end].to_string();
    t.insert_str(para_end, &copy);
    versions.push(t.clone());
    t.push_str("\nArticle 99\nDirect requests\n1. A Party may request a service provider in another Party to disclose data.\n");
    versions.push(t.clone());
    versions.push(original);
    let mut cache = Caches::default();
    for (i, v) in versions.iter().enumerate() {
        let incremental = recheck(&uri, v.clone(), &selection, &mut cache);
        let fresh = recheck(&uri, v.clone(), &selection, &mut Caches::default());
        assert_eq!(incremental, fresh, "version {i}");
        assert!(!fresh.is_empty(), "version {i} has findings to compare");
    }
}
