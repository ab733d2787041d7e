//! Terminal output through miette: the source lines with the flagged words underlined, the
//! rule code (linked to its documentation where the terminal supports it), the help text with
//! the authority and suggested language. Graphical with colour on a terminal; miette's
//! narratable handler (plain, screen-reader friendly) otherwise or on request.

use std::fmt;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, NarratableReportHandler, SourceCode, SourceSpan, SpanContents,
};

use super::check::FileReport;
use crate::rules::{Finding, Severity, location};

/// How to draw the findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Graphical, with colours.
    Colour,
    /// Narratable: plain sentences, for screen readers and logs.
    Narrated,
}

/// A document's text with its name, lent to miette without copying.
struct Named<'a> {
    name: &'a str,
    text: &'a str,
}

impl SourceCode for Named<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let inner = self
            .text
            .read_span(span, context_lines_before, context_lines_after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            inner.data(),
            *inner.span(),
            inner.line(),
            inner.column(),
            inner.line_count(),
        )))
    }
}

/// One finding as a miette diagnostic.
struct FindingDiagnostic<'a> {
    finding: &'a Finding,
    source: Named<'a>,
    path: String,
}

impl fmt::Debug for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.finding.message)
    }
}

impl fmt::Display for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", super::visible(&self.finding.message))
    }
}

impl std::error::Error for FindingDiagnostic<'_> {}

fn span(range: crate::span::TextRange) -> SourceSpan {
    SourceSpan::new(range.start.into(), range.len())
}

impl Diagnostic for FindingDiagnostic<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let m = self.finding.rule;
        let sg = m.safeguard.map_or(String::new(), |s| format!(" {s}"));
        Some(Box::new(format!("{} {}{sg}", m.code, m.name)))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let mut parts = Vec::new();
        if !self.path.is_empty() {
            parts.push(format!("in {}", self.path));
        }
        if let Some(h) = &self.finding.help {
            parts.push(h.clone());
        }
        parts.push(format!(
            "authority: {}",
            self.finding.rule.authorities.join("; ")
        ));
        Some(Box::new(super::visible(&parts.join("\n")).into_owned()))
    }

    fn url<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(format!(
            "treatylint rule {}",
            self.finding.rule.code
        )))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            Some("here".to_string()),
            span(self.finding.range),
        )];
        for (r, message) in &self.finding.related {
            labels.push(LabeledSpan::new_with_span(
                Some(super::visible(message).into_owned()),
                span(*r),
            ));
        }
        Some(Box::new(labels.into_iter()))
    }
}

/// Renders the findings of each file.
pub fn render(reports: &[FileReport], style: Style) -> String {
    let mut out = String::new();
    let graphical = |theme: GraphicalTheme| {
        GraphicalReportHandler::new_themed(theme)
            .with_links(false)
            .with_context_lines(1)
            .with_width(100)
    };
    for r in reports {
        // Controls in the document or its name are shown, not obeyed.
        let name = super::visible(&r.file);
        let text = super::visible_same_len(&r.doc.source);
        for f in r.findings.iter().filter(|f| f.active()) {
            let d = FindingDiagnostic {
                finding: f,
                source: Named {
                    name: &name,
                    text: &text,
                },
                path: location(r.doc, f.node).path,
            };
            let rendered = match style {
                Style::Colour => graphical(GraphicalTheme::unicode()).render_report(&mut out, &d),
                Style::Narrated => NarratableReportHandler::new()
                    .with_context_lines(1)
                    .render_report(&mut out, &d),
            };
            if rendered.is_err() {
                // A span miette cannot read (never expected): fall back to the plain line.
                out.push_str(&super::check::text(std::slice::from_ref(&FileReport {
                    file: r.file.clone(),
                    doc: r.doc,
                    findings: std::slice::from_ref(f),
                })));
            }
            out.push('\n');
        }
    }
    out
}

/// A diagnostic built from parts, for outputs other than findings (the draft comparison).
pub struct Plain<'a> {
    pub message: String,
    pub code: String,
    pub severity: miette::Severity,
    pub help: Option<String>,
    pub file: &'a str,
    pub text: &'a str,
    pub labels: Vec<(crate::span::TextRange, String)>,
}

struct PlainDiagnostic<'a> {
    plain: &'a Plain<'a>,
    source: Named<'a>,
}

impl fmt::Debug for PlainDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.plain.message)
    }
}

impl fmt::Display for PlainDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&super::visible(&self.plain.message))
    }
}

impl std::error::Error for PlainDiagnostic<'_> {}

impl Diagnostic for PlainDiagnostic<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.plain.code.clone()))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(self.plain.severity)
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.plain
            .help
            .as_ref()
            .map(|h| Box::new(super::visible(h).into_owned()) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let labels: Vec<LabeledSpan> = self
            .plain
            .labels
            .iter()
            .enumerate()
            .map(|(i, (r, m))| {
                let m = Some(super::visible(m).into_owned());
                if i == 0 {
                    LabeledSpan::new_primary_with_span(m, span(*r))
                } else {
                    LabeledSpan::new_with_span(m, span(*r))
                }
            })
            .collect();
        Some(Box::new(labels.into_iter()))
    }
}

/// Renders built diagnostics.
pub fn render_plain(items: &[Plain], style: Style) -> String {
    let mut out = String::new();
    for p in items {
        let (name, text) = (super::visible(p.file), super::visible_same_len(p.text));
        let d = PlainDiagnostic {
            plain: p,
            source: Named {
                name: &name,
                text: &text,
            },
        };
        let _ = match style {
            Style::Colour => GraphicalReportHandler::new_themed(GraphicalTheme::unicode())
                .with_links(false)
                .with_context_lines(1)
                .with_width(100)
                .render_report(&mut out, &d),
            Style::Narrated => NarratableReportHandler::new()
                .with_context_lines(1)
                .render_report(&mut out, &d),
        };
        out.push('\n');
    }
    out
}
