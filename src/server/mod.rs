//! `treatylint server`: a language server over stdio, so that editors show findings while a
//! draft is written. Only this module knows LSP types and JSON-RPC.
//!
//! Each document is re-checked in full on every change (a full check of an 80-article draft
//! takes a few milliseconds). Every request runs isolated: a panic in a rule answers that
//! request with an error and the session goes on.

mod position;
pub mod transport;

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Notification as _, PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, DocumentSymbolRequest, GotoDefinition, HoverRequest, Request as _,
};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity,
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DidSaveTextDocumentParams, DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse,
    GotoDefinitionParams, GotoDefinitionResponse, Hover, HoverContents, HoverParams,
    HoverProviderCapability, InitializeParams, Location, MarkupContent, MarkupKind, NumberOrString,
    OneOf, PublishDiagnosticsParams, ServerCapabilities, SymbolKind, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions, TextEdit, Uri,
    WorkspaceEdit,
};
use position::Positions;

use crate::config::Config;
use crate::input::{InputError, Limits, Origin};
use crate::model::Model;
use crate::rules::{self, Finding, Selection};
use crate::span::TextRange;
use crate::syntax::{self, Document, NodeId, NodeKind};

/// One open document and its analysis.
struct Open {
    text: String,
    version: i32,
    doc: Document,
    model: Model,
    findings: Vec<Finding>,
    /// Why the document was not analysed: it is over a limit (where, and the message).
    refused: Option<(TextRange, String)>,
    /// What the analysis of this version can lend the next one.
    cache: Caches,
}

/// The lines and provision texts of a document's last version, already analysed: a
/// re-check after an edit parses the changed lines and analyses the changed provisions only.
#[derive(Debug, Default)]
pub struct Caches {
    lines: syntax::grammar::LineCache,
    model: crate::model::ModelCache,
}

impl Open {
    fn analyse(
        text: String,
        version: i32,
        selection: &Selection,
        limits: &Limits,
        mut cache: Caches,
    ) -> Open {
        if let Some(refused) = over_limits(&text, limits) {
            let doc = syntax::parse(String::new());
            let model = Model::build(&doc);
            return Open {
                text,
                version,
                doc,
                model,
                findings: Vec::new(),
                refused: Some(refused),
                cache,
            };
        }
        let doc = syntax::parse_cached(text.clone(), &mut cache.lines);
        let model = Model::build_cached(&doc, &mut cache.model);
        let findings = rules::check(&doc, &model, selection);
        Open {
            text,
            version,
            doc,
            model,
            findings,
            refused: None,
            cache,
        }
    }
}

/// A document over the size or nesting limit: where to say so, and what to say.
fn over_limits(text: &str, limits: &Limits) -> Option<(TextRange, String)> {
    let e = crate::input::check_limits(&Origin::Stdin, text, limits).err()?;
    let at = match e {
        InputError::TooDeep { offset, .. } => TextRange::new(offset, offset + 1),
        _ => TextRange::new(0, 0),
    };
    // "<stdin>:line:col: message" → the message; the editor shows the place.
    let s = e.to_string();
    let message = s.split_once(": ").map_or(s.as_str(), |(_, m)| m);
    Some((
        at,
        format!("treatylint did not check this document: {message}"),
    ))
}

/// The server's state: the open documents, and the rule selection and limits from
/// treatylint.toml.
pub struct Server {
    docs: HashMap<String, Open>,
    selection: Selection,
    limits: Limits,
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        definition_provider: Some(OneOf::Left(true)),
        ..Default::default()
    }
}

/// The workspace's treatylint.toml, if any; a bad one is reported and ignored.
fn workspace_selection(
    params: &InitializeParams,
    sender: &crossbeam_channel::Sender<Message>,
) -> (Selection, Limits) {
    #[allow(deprecated)]
    let root = params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first().map(|w| w.uri.clone()))
        .or_else(|| params.root_uri.clone());
    let Some(dir) = root.and_then(|u| uri_path(&u)) else {
        return Default::default();
    };
    match Config::discover(&dir).map(|p| Config::load(&p)) {
        Some(Ok(c)) => (c.selection(), c.limits.limits()),
        Some(Err(e)) => {
            show_message(sender, &format!("treatylint: {e}; using the default rules"));
            Default::default()
        }
        None => Default::default(),
    }
}

fn uri_path(uri: &Uri) -> Option<PathBuf> {
    let s = uri.as_str().strip_prefix("file://")?;
    let mut bytes = Vec::new();
    let raw = s.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'%'
            && i + 2 < raw.len()
            && let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            bytes.push(b);
            i += 3;
            continue;
        }
        bytes.push(raw[i]);
        i += 1;
    }
    Some(PathBuf::from(String::from_utf8_lossy(&bytes).into_owned()))
}

fn show_message(sender: &crossbeam_channel::Sender<Message>, text: &str) {
    let params = lsp_types::ShowMessageParams {
        typ: lsp_types::MessageType::WARNING,
        message: text.to_string(),
    };
    let _ = sender.send(Message::Notification(Notification::new(
        lsp_types::notification::ShowMessage::METHOD.to_string(),
        params,
    )));
}

/// Runs the server over stdio until the client exits.
pub fn run_stdio() -> Result<(), String> {
    let (connection, transport) = transport::stdio();
    serve(connection)?;
    transport
        .writer
        .join()
        .map_err(|_| "the writer thread failed".to_string())?
        .map_err(|e| e.to_string())?;
    let _ = transport.reader.join();
    Ok(())
}

/// Serves one connection: the initialize handshake, then the message loop.
pub fn serve(connection: Connection) -> Result<(), String> {
    let caps = serde_json::to_value(capabilities()).map_err(|e| e.to_string())?;
    let params = connection.initialize(caps).map_err(|e| e.to_string())?;
    let params: InitializeParams = serde_json::from_value(params).unwrap_or_default();
    let (selection, limits) = workspace_selection(&params, &connection.sender);
    let mut server = Server::new(selection, limits);
    for msg in &connection.receiver {
        if let Message::Request(req) = &msg
            && connection.handle_shutdown(req).map_err(|e| e.to_string())?
        {
            return Ok(());
        }
        // A panic in one message's handling answers that message (or warns) and the
        // session goes on.
        let replies = match &msg {
            Message::Request(req) => {
                let id = req.id.clone();
                catch_unwind(AssertUnwindSafe(|| server.handle(msg))).unwrap_or_else(|_| {
                    vec![Message::Response(Response::new_err(
                        id,
                        ErrorCode::InternalError as i32,
                        "treatylint failed on this request".into(),
                    ))]
                })
            }
            _ => catch_unwind(AssertUnwindSafe(|| server.handle(msg))).unwrap_or_else(|_| {
                show_message(
                    &connection.sender,
                    "treatylint failed on a change; diagnostics may be stale",
                );
                Vec::new()
            }),
        };
        for reply in replies {
            connection.sender.send(reply).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

fn invalid(req: &Request, e: impl std::fmt::Display) -> Response {
    Response::new_err(
        req.id.clone(),
        ErrorCode::InvalidParams as i32,
        format!("invalid params for {}: {e}", req.method),
    )
}

impl Server {
    /// A server with no open documents.
    pub fn new(selection: Selection, limits: Limits) -> Server {
        Server {
            docs: HashMap::new(),
            selection,
            limits,
        }
    }

    /// Handles one message after the initialize handshake: a request gets its response, a
    /// notification the diagnostics it changes; responses from the client are ignored.
    /// Panics propagate (`serve` catches them; the fuzz target wants to see them).
    pub fn handle(&mut self, msg: Message) -> Vec<Message> {
        match msg {
            Message::Request(req) => vec![Message::Response(self.request(req))],
            Message::Notification(note) => self
                .notification(note)
                .into_iter()
                .map(Message::Notification)
                .collect(),
            Message::Response(_) => Vec::new(),
        }
    }

    fn request(&mut self, req: Request) -> Response {
        let id = req.id.clone();
        macro_rules! handle {
            ($kind:ty, $f:expr) => {
                match serde_json::from_value::<<$kind as lsp_types::request::Request>::Params>(
                    req.params.clone(),
                ) {
                    Ok(p) => Response::new_ok(id, $f(self, p)),
                    Err(e) => invalid(&req, e),
                }
            };
        }
        match req.method.as_str() {
            CodeActionRequest::METHOD => handle!(CodeActionRequest, Server::code_actions),
            HoverRequest::METHOD => handle!(HoverRequest, Server::hover),
            DocumentSymbolRequest::METHOD => handle!(DocumentSymbolRequest, Server::symbols),
            GotoDefinition::METHOD => handle!(GotoDefinition, Server::definition),
            _ => Response::new_err(
                id,
                ErrorCode::MethodNotFound as i32,
                format!("unsupported request {}", req.method),
            ),
        }
    }

    /// Handles a notification; returns the diagnostics to publish.
    fn notification(&mut self, note: Notification) -> Vec<Notification> {
        match note.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(note.params) else {
                    return Vec::new();
                };
                let key = p.text_document.uri.as_str().to_string();
                self.docs.insert(
                    key,
                    Open::analyse(
                        p.text_document.text,
                        p.text_document.version,
                        &self.selection,
                        &self.limits,
                        Caches::default(),
                    ),
                );
                self.publish(&p.text_document.uri)
            }
            DidChangeTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(note.params)
                else {
                    return Vec::new();
                };
                let key = p.text_document.uri.as_str().to_string();
                let Some(open) = self.docs.remove(&key) else {
                    return Vec::new();
                };
                let Open {
                    mut text, cache, ..
                } = open;
                for change in p.content_changes {
                    match change.range {
                        Some(range) => {
                            let pos = Positions::new(&text);
                            let (start, end) = (pos.offset(range.start), pos.offset(range.end));
                            let (start, end) = (start.min(end), end.max(start));
                            text.replace_range(start..end, &change.text);
                        }
                        None => text = change.text,
                    }
                }
                let open = Open::analyse(
                    text,
                    p.text_document.version,
                    &self.selection,
                    &self.limits,
                    cache,
                );
                self.docs.insert(key, open);
                self.publish(&p.text_document.uri)
            }
            DidSaveTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<DidSaveTextDocumentParams>(note.params) else {
                    return Vec::new();
                };
                let key = p.text_document.uri.as_str().to_string();
                if let Some(text) = p.text
                    && let Some(open) = self.docs.remove(&key)
                {
                    let version = open.version;
                    let open =
                        Open::analyse(text, version, &self.selection, &self.limits, open.cache);
                    self.docs.insert(key, open);
                }
                self.publish(&p.text_document.uri)
            }
            DidCloseTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(note.params)
                else {
                    return Vec::new();
                };
                self.docs.remove(p.text_document.uri.as_str());
                vec![Notification::new(
                    PublishDiagnostics::METHOD.to_string(),
                    PublishDiagnosticsParams {
                        uri: p.text_document.uri,
                        diagnostics: Vec::new(),
                        version: None,
                    },
                )]
            }
            _ => Vec::new(),
        }
    }

    fn publish(&self, uri: &Uri) -> Vec<Notification> {
        let Some(open) = self.docs.get(uri.as_str()) else {
            return Vec::new();
        };
        let diagnostics = diagnostics(uri, open);
        vec![Notification::new(
            PublishDiagnostics::METHOD.to_string(),
            PublishDiagnosticsParams {
                uri: uri.clone(),
                diagnostics,
                version: Some(open.version),
            },
        )]
    }

    // lsp-types keys workspace edits by Uri, which clippy considers a mutable key.
    #[allow(clippy::mutable_key_type)]
    fn code_actions(&mut self, p: CodeActionParams) -> Vec<CodeActionOrCommand> {
        let Some(open) = self.docs.get(p.text_document.uri.as_str()) else {
            return Vec::new();
        };
        let pos = Positions::new(&open.text);
        let (start, end) = (pos.offset(p.range.start), pos.offset(p.range.end));
        let mut out = Vec::new();
        for f in open.findings.iter().filter(|f| f.active()) {
            let Some(fix) = &f.fix else { continue };
            if f.range.end < start || f.range.start > end {
                continue;
            }
            let edit = TextEdit {
                range: pos.range(fix.range),
                new_text: fix.replacement.clone(),
            };
            let mut changes = HashMap::new();
            changes.insert(p.text_document.uri.clone(), vec![edit]);
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("{}: {}", f.rule.code, fix.description),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic(&p.text_document.uri, open, &pos, f)]),
                edit: Some(WorkspaceEdit {
                    changes: Some(changes),
                    ..Default::default()
                }),
                is_preferred: Some(true),
                ..Default::default()
            }));
        }
        out
    }

    fn hover(&mut self, p: HoverParams) -> Option<Hover> {
        let uri = &p.text_document_position_params.text_document.uri;
        let open = self.docs.get(uri.as_str())?;
        let pos = Positions::new(&open.text);
        let at = pos.offset(p.text_document_position_params.position);
        let f = open
            .findings
            .iter()
            .filter(|f| f.active())
            .find(|f| f.range.start <= at && at <= f.range.end)?;
        let doc: String = f
            .rule
            .doc
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n");
        let mut value = format!("**{} {}**", f.rule.code, f.rule.name);
        if let Some(sg) = f.rule.safeguard {
            value.push_str(&format!(" · {sg}"));
        }
        value.push_str(&format!("\n\n{}\n\n", f.message));
        if let Some(h) = &f.help {
            value.push_str(&format!("**Suggested language.** {h}\n\n"));
        }
        value.push_str(&doc);
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value,
            }),
            range: Some(pos.range(f.range)),
        })
    }

    fn symbols(&mut self, p: DocumentSymbolParams) -> Option<DocumentSymbolResponse> {
        let open = self.docs.get(p.text_document.uri.as_str())?;
        let pos = Positions::new(&open.text);
        Some(DocumentSymbolResponse::Nested(symbols_under(
            &open.doc,
            &pos,
            Document::ROOT,
        )))
    }

    fn definition(&mut self, p: GotoDefinitionParams) -> Option<GotoDefinitionResponse> {
        let uri = p.text_document_position_params.text_document.uri.clone();
        let open = self.docs.get(uri.as_str())?;
        let pos = Positions::new(&open.text);
        let at = pos.offset(p.text_document_position_params.position);
        let within = |r: TextRange| r.start <= at && at <= r.end;
        let target: Option<TextRange> = open
            .model
            .references
            .iter()
            .find(|r| within(r.range) && !r.targets.is_empty())
            .map(|r| {
                let t = open.doc.node(r.targets[0]);
                TextRange::new(t.range().start, t.range().start)
            })
            .or_else(|| {
                open.model
                    .term_uses
                    .iter()
                    .find(|u| within(u.range))
                    .map(|u| open.model.terms[u.term].range)
            });
        target.map(|t| {
            GotoDefinitionResponse::Scalar(Location {
                uri,
                range: pos.range(t),
            })
        })
    }
}

fn severity(s: rules::Severity) -> DiagnosticSeverity {
    match s {
        rules::Severity::Error => DiagnosticSeverity::ERROR,
        rules::Severity::Warning => DiagnosticSeverity::WARNING,
        rules::Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

fn diagnostic(uri: &Uri, open: &Open, pos: &Positions, f: &Finding) -> Diagnostic {
    let loc = rules::location(&open.doc, f.node);
    let mut message = f.message.clone();
    if !loc.path.is_empty() {
        message.push_str(&format!(" ({})", loc.path));
    }
    let mut related: Vec<DiagnosticRelatedInformation> = f
        .related
        .iter()
        .map(|(r, m)| DiagnosticRelatedInformation {
            location: Location {
                uri: uri.clone(),
                range: pos.range(*r),
            },
            message: m.clone(),
        })
        .collect();
    related.push(DiagnosticRelatedInformation {
        location: Location {
            uri: uri.clone(),
            range: pos.range(f.range),
        },
        message: format!("authority: {}", f.rule.authorities.join("; ")),
    });
    Diagnostic {
        range: pos.range(f.range),
        severity: Some(severity(f.severity)),
        code: Some(NumberOrString::String(f.rule.code.to_string())),
        code_description: None,
        source: Some("treatylint".to_string()),
        message: match f.rule.safeguard {
            Some(sg) => format!("{message} [{} {sg}]", f.rule.name),
            None => format!("{message} [{}]", f.rule.name),
        },
        related_information: Some(related),
        tags: None,
        data: None,
    }
}

/// Re-checks a text as the server does after each change, and returns its diagnostics
/// (for benchmarks and tests).
///
/// `cache` holds what the previous version's check lent, as the server keeps it between
/// changes; pass `Caches::default()` for a check from scratch.
pub fn recheck(
    uri: &Uri,
    text: String,
    selection: &Selection,
    cache: &mut Caches,
) -> Vec<Diagnostic> {
    let open = Open::analyse(
        text,
        0,
        selection,
        &Limits::default(),
        std::mem::take(cache),
    );
    let out = diagnostics(uri, &open);
    *cache = open.cache;
    out
}

/// The diagnostics of a document: its active findings.
fn diagnostics(uri: &Uri, open: &Open) -> Vec<Diagnostic> {
    let pos = Positions::new(&open.text);
    if let Some((range, message)) = &open.refused {
        return vec![Diagnostic {
            range: pos.range(*range),
            severity: Some(DiagnosticSeverity::ERROR),
            source: Some("treatylint".to_string()),
            message: message.clone(),
            ..Default::default()
        }];
    }
    open.findings
        .iter()
        .filter(|f| f.active())
        .map(|f| diagnostic(uri, open, &pos, f))
        .collect()
}

/// The outline: instruments, groupings, articles.
fn symbols_under(doc: &Document, pos: &Positions, id: NodeId) -> Vec<DocumentSymbol> {
    let mut out = Vec::new();
    for &c in &doc.node(id).children {
        let node = doc.node(c);
        let kind = match node.kind {
            NodeKind::Instrument => SymbolKind::PACKAGE,
            NodeKind::Annex => SymbolKind::MODULE,
            k if k.is_grouping() => SymbolKind::NAMESPACE,
            NodeKind::Article => SymbolKind::CLASS,
            NodeKind::Preamble => SymbolKind::STRING,
            _ => continue,
        };
        let mut name = crate::render::parse::label(doc, c);
        if let Some(first) = name.get(..1) {
            name = first.to_uppercase() + &name[1..];
        }
        let selection = node
            .number
            .or(node.heading)
            .unwrap_or(TextRange::new(node.range().start, node.range().start));
        #[allow(deprecated)]
        out.push(DocumentSymbol {
            name,
            detail: None,
            kind,
            tags: None,
            deprecated: None,
            range: pos.range(node.range()),
            selection_range: pos.range(selection),
            children: Some(symbols_under(doc, pos, c)).filter(|v| !v.is_empty()),
        });
    }
    out
}
