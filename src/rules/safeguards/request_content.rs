use super::{Static, rx};
use crate::rules::{Cx, Finding, Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it flags
    /// Lists of what a request or order "shall specify", "contain" or "include" that leave
    /// out the facts, the link between the data sought and the offence, or why the measure
    /// is needed.
    ///
    /// ## Why it matters
    /// Without facts, relevance and necessity, neither the requested state nor the provider
    /// can check that a request is lawful and proportionate.
    ///
    /// ## Authority
    /// Budapest Convention art. 29(2); UNTOC art. 18(15).
    ///
    /// ## Example
    /// ```text
    /// Article 1
    /// Content of requests
    /// A request for mutual legal assistance shall contain the identity of the requesting authority and a description of the assistance sought.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Article 1
    /// Content of requests
    /// A request for mutual legal assistance shall contain the identity of the requesting authority, a summary of the facts, the relationship of the data sought to the offence, and the necessity of the measure.
    /// ```
    ///
    /// ## Fix
    /// Require "a summary of the related facts", "the relationship of the data to the
    /// offence" and "the necessity of the measure".
    pub struct RequestContent {
        code: "TL123",
        name: "incomplete-request-content",
        safeguard: Some("SG-REQ"),
        category: Cooperation,
        severity: Info,
        status: Stable,
        authorities: ["Budapest Convention, art. 29(2)", "UNTOC, art. 18(15)"],
    }
}

static LIST: Static = Static::new(|| {
    rx(
        r"(?i)\b(?:requests?|orders?)\b[^.;]{0,80}\bshall\s+(?:specify|contain|include|set\s+out|state)\b",
    )
});
static FACTS: Static = Static::new(|| rx(r"(?i)\bfacts\b"));
static RELEVANCE: Static = Static::new(|| {
    rx(
        r"(?i)\brelationship\b|\brelevan|\blink\s+between\b|\bconnection\s+(?:with|to)\s+the\s+offence",
    )
});
static NECESSITY: Static = Static::new(|| rx(r"(?i)\bnecess"));

impl Rule for RequestContent {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Cx, out: &mut Vec<Finding>) {
        for &a in cx.articles() {
            for p in cx.provisions(a).collect::<Vec<_>>() {
                let node = cx.node_of(p);
                let Some(m) = LIST.find(cx.hay(p)) else {
                    continue;
                };
                // The list: this provision and its subparagraphs.
                let range = cx.doc.node(node).range();
                let text: String = cx
                    .provisions(a)
                    .filter(|&q| range.contains(cx.doc.node(cx.node_of(q)).range()))
                    .map(|q| cx.text(q).to_string())
                    .collect::<Vec<_>>()
                    .join(" ");
                let mut missing = Vec::new();
                for (re, what) in [
                    (&*FACTS, "the facts"),
                    (&*RELEVANCE, "the link between the data and the offence"),
                    (&*NECESSITY, "the necessity of the measure"),
                ] {
                    if !re.is_match(&text) {
                        missing.push(what);
                    }
                }
                if missing.is_empty() {
                    continue;
                }
                let mut f = cx.finding(
                    &Self::META,
                    node,
                    cx.source(p, m.range()),
                    format!("a request need not state {}", missing.join(", ")),
                );
                f.help = Some("\"a summary of the related facts; the data sought and their relationship to the offence; the necessity of the measure\" (Budapest art. 29(2)).".into());
                out.push(f);
            }
        }
    }
}
