//! `treatylint parse FILE --semantic`: the semantic model, with spans, so that a reviewer can
//! see why a clause was read as optional or an article as the mutual assistance article.

use std::fmt::Write;

use crate::model::{Model, RefKind};
use crate::span::TextRange;
use crate::syntax::{Document, NodeId, NodeKind};

fn at(doc: &Document, r: TextRange) -> String {
    let s = doc.span(r);
    format!("{}:{}", s.line, s.column)
}

fn quote(doc: &Document, r: TextRange) -> String {
    let words: Vec<&str> = doc.slice(r).split_whitespace().collect();
    let s = words.join(" ");
    if s.chars().count() > 60 {
        let cut: String = s.chars().take(59).collect();
        format!("“{cut}…”")
    } else {
        format!("“{s}”")
    }
}

fn target_label(doc: &Document, id: NodeId) -> String {
    let node = doc.node(id);
    let mut parts = Vec::new();
    let mut cur = Some(id);
    while let Some(c) = cur {
        let n = doc.node(c);
        if matches!(
            n.kind,
            NodeKind::Article
                | NodeKind::Paragraph
                | NodeKind::Subparagraph
                | NodeKind::Chapter
                | NodeKind::Section
                | NodeKind::Part
                | NodeKind::Title
        ) {
            let num = doc.number(c).unwrap_or("");
            parts.push(format!("{} {num}", n.kind.name()));
        }
        if n.kind == NodeKind::Article || n.kind.is_grouping() || n.kind == NodeKind::Instrument {
            break;
        }
        cur = n.parent;
    }
    if parts.is_empty() {
        return node.kind.name().to_string();
    }
    parts.reverse();
    parts.join(" > ")
}

/// The model as an indented listing.
pub fn listing(doc: &Document, model: &Model) -> String {
    let mut out = String::new();
    let mut stack = vec![(Document::ROOT, 0usize)];
    while let Some((id, depth)) = stack.pop() {
        let node = doc.node(id);
        if node.kind == NodeKind::Furniture {
            continue;
        }
        let pad = "  ".repeat(depth);
        let _ = writeln!(
            out,
            "{pad}{}  [{}]",
            super::parse::label(doc, id),
            at(doc, node.range())
        );
        for c in model.classes_of(id) {
            let ev: Vec<String> = c
                .evidence
                .iter()
                .map(|e| {
                    format!(
                        "{} {} at {}",
                        e.reason,
                        quote(doc, e.range),
                        at(doc, e.range)
                    )
                })
                .collect();
            let _ = writeln!(out, "{pad}  class {}: {}", c.class.name(), ev.join("; "));
        }
        if let Some(pid) = model.provision_of(id) {
            for &cid in &model.provision(pid).clauses {
                let c = model.clause(cid);
                let mut line = format!("{pad}  clause {}", at(doc, c.range));
                match (&c.obligation, c.inherits) {
                    (Some(o), _) => {
                        let _ = write!(line, ": {} {}", o.force.name(), quote(doc, o.modal));
                        if let Some(a) = o.actor {
                            let _ =
                                write!(line, ", actor {} ({})", quote(doc, a), o.actor_kind.name());
                        }
                        if !o.verb.is_empty() {
                            let _ = write!(line, ", verb “{}”", o.verb);
                        }
                    }
                    (None, Some(ch)) => {
                        let f = model
                            .clause(ch)
                            .obligation
                            .as_ref()
                            .map_or("none", |o| o.force.name());
                        let _ = write!(
                            line,
                            ": continues the chapeau at {} ({f})",
                            at(doc, model.clause(ch).range)
                        );
                    }
                    (None, None) => line.push_str(": no modal"),
                }
                out.push_str(&line);
                out.push('\n');
                for h in &c.hedges {
                    let _ = writeln!(
                        out,
                        "{pad}    hedge {} {} at {}",
                        h.kind.name(),
                        quote(doc, h.range),
                        at(doc, h.range)
                    );
                }
                for cond in &c.conditions {
                    let _ = writeln!(
                        out,
                        "{pad}    condition {} at {}",
                        cond.kind.name(),
                        at(doc, cond.range)
                    );
                }
            }
            for r in model.references.iter().filter(|r| r.from == id) {
                let to = if r.kind == RefKind::External {
                    "external".to_string()
                } else if r.targets.is_empty() {
                    "UNRESOLVED".to_string()
                } else {
                    r.targets
                        .iter()
                        .map(|&t| target_label(doc, t))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let _ = writeln!(
                    out,
                    "{pad}  ref {} at {} → {to}",
                    quote(doc, r.range),
                    at(doc, r.range)
                );
            }
        }
        for t in model.terms.iter().filter(|t| t.definition == id) {
            let uses = model
                .term_uses
                .iter()
                .filter(|u| std::ptr::eq(&model.terms[u.term], t))
                .count();
            let _ = writeln!(
                out,
                "{pad}  defines “{}” at {} (used {uses} times)",
                t.term,
                at(doc, t.range)
            );
        }
        for &c in node.children.iter().rev() {
            stack.push((c, depth + 1));
        }
    }
    for f in &model.findings {
        let _ = writeln!(
            out,
            "{}: {}: {}",
            at(doc, f.range),
            f.code.code(),
            f.message
        );
    }
    out
}
