//! Structural findings from the model: dangling references, quoted terms never defined,
//! unbalanced brackets and quotes, undecided bracketed text.

use std::collections::HashSet;
use std::sync::{Arc, LazyLock};

use super::classify::TextFacts;

use crate::pattern::Pattern;

use super::{Model, RefKind, source_range};
use crate::span::TextRange;
use crate::syntax::{Document, NodeId, NodeKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StructuralCode {
    DanglingReference,
    UndefinedTerm,
    UnbalancedBrackets,
    UnbalancedQuotes,
    UndecidedText,
}

impl StructuralCode {
    pub fn code(self) -> &'static str {
        match self {
            StructuralCode::DanglingReference => "dangling-reference",
            StructuralCode::UndefinedTerm => "undefined-term",
            StructuralCode::UnbalancedBrackets => "unbalanced-brackets",
            StructuralCode::UnbalancedQuotes => "unbalanced-quotes",
            StructuralCode::UndecidedText => "undecided-text",
        }
    }
}

#[derive(Clone, Debug)]
pub struct StructuralFinding {
    pub code: StructuralCode,
    pub message: String,
    pub range: TextRange,
    pub node: NodeId,
}

/// A quoted phrase that looks like a term: one to five words, starting lower case.
static QUOTED: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::fixed(r#"(?:“|``)(?P<t>[a-z][a-z\- ]{1,60})(?:”|")"#));

/// Whether text ends with an enumeration label ("a", "iv", "2") at a word start.
fn is_label(before: &str) -> bool {
    let token = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    !token.is_empty() && token.len() <= 4 && token.chars().all(|c| c.is_ascii_alphanumeric())
}

pub(super) fn run(
    doc: &Document,
    model: &Model,
    facts: &[Arc<TextFacts>],
) -> Vec<StructuralFinding> {
    let mut out = Vec::new();
    for r in &model.references {
        if !r.resolved() {
            let what = doc.slice(r.range);
            let message = match r.kind {
                RefKind::Paragraph | RefKind::Subparagraph => {
                    format!(
                        "\"{what}\" refers to a {} that does not exist here",
                        r.kind.name()
                    )
                }
                _ => format!(
                    "\"{what}\" refers to a {} that does not exist in this instrument",
                    r.kind.name()
                ),
            };
            out.push(StructuralFinding {
                code: StructuralCode::DanglingReference,
                message,
                range: r.range,
                node: r.from,
            });
        }
    }
    // Quoted terms outside definitions that are never defined (only where the instrument
    // defines terms at all: then a quoted term reads as a defined one).
    if !model.terms.is_empty() {
        let definitions: HashSet<NodeId> = model.terms.iter().map(|t| t.definition).collect();
        let defined: HashSet<&str> = model.terms.iter().map(|t| t.term.as_str()).collect();
        for (p, f) in model.provisions.iter().zip(facts) {
            let in_definitions = doc
                .enclosing(p.node, NodeKind::Article)
                .is_some_and(|a| model.has_class(a, super::Class::Definitions));
            if in_definitions || definitions.contains(&p.node) || !f.definitions.is_empty() {
                continue;
            }
            let quoted = f.quoted.get_or_init(|| {
                QUOTED
                    .captures_iter(p.hay())
                    .filter_map(|c| c.name("t").map(|m| m.range()))
                    .collect()
            });
            for m in quoted {
                let t = p.text.text[m.clone()].trim().to_lowercase();
                if t.split_whitespace().count() > 5 || defined.contains(t.as_str()) {
                    continue;
                }
                out.push(StructuralFinding {
                    code: StructuralCode::UndefinedTerm,
                    message: format!("“{t}” is quoted as a term but never defined"),
                    range: source_range(p, m.clone()),
                    node: p.node,
                });
            }
        }
    }
    // Brackets and quotes, per node: its own text and heading.
    for (i, node) in doc.nodes.iter().enumerate() {
        let id = NodeId(i as u32);
        if matches!(node.kind, NodeKind::Furniture | NodeKind::Document) {
            continue;
        }
        let mut pieces: Vec<TextRange> = node
            .heading
            .into_iter()
            .chain(node.text.iter().copied())
            .collect();
        pieces.sort();
        let (mut square, mut round, mut curly) = (Vec::new(), Vec::new(), Vec::new());
        let mut unmatched: Vec<(TextRange, &str)> = Vec::new();
        for piece in &pieces {
            let text = doc.slice(*piece);
            // Only brackets and curly double quotes matter: look at their bytes alone (the
            // quotes' UTF-8 encodings begin with 0xE2).
            let marks = text
                .bytes()
                .enumerate()
                .filter(|(_, b)| matches!(b, b'[' | b']' | b'(' | b')' | 0xE2))
                .filter_map(|(off, _)| text[off..].chars().next().map(|c| (off, c)));
            for (off, c) in marks {
                let at = piece.start + off;
                let r = TextRange::new(at, at + c.len_utf8());
                match c {
                    '[' => square.push(r),
                    '(' => round.push(r),
                    '“' => curly.push(r),
                    ']' if square.pop().is_none() => {
                        unmatched.push((r, "a closing bracket with no opening one"))
                    }
                    // "a)", "iv)": an enumeration label, not a stray parenthesis.
                    ')' if round.pop().is_none() && !is_label(&doc.slice(*piece)[..off]) => {
                        unmatched.push((r, "a closing parenthesis with no opening one"))
                    }
                    '”' if curly.pop().is_none() => {
                        unmatched.push((r, "a closing quotation mark with no opening one"))
                    }
                    _ => {}
                }
            }
        }
        for r in square {
            unmatched.push((r, "an opening bracket that is never closed"));
        }
        for r in round {
            unmatched.push((r, "an opening parenthesis that is never closed"));
        }
        for r in curly {
            unmatched.push((r, "an opening quotation mark that is never closed"));
        }
        for (r, what) in unmatched {
            let quote = what.contains("quotation");
            out.push(StructuralFinding {
                code: if quote {
                    StructuralCode::UnbalancedQuotes
                } else {
                    StructuralCode::UnbalancedBrackets
                },
                message: what.to_string(),
                range: r,
                node: id,
            });
        }
        for b in &node.brackets {
            out.push(StructuralFinding {
                code: StructuralCode::UndecidedText,
                message: "square-bracketed text is not yet agreed".to_string(),
                range: *b,
                node: id,
            });
        }
    }
    out.sort_by_key(|f| (f.range.start, f.code));
    out
}
