use super::{Static, rx};
use crate::model::{Class, RefKind};
use crate::rules::{Cx, Finding, Rule, RuleMeta, Severity, declare_rule};
use crate::span::TextRange;
use crate::syntax::{NodeId, NodeKind};

declare_rule! {
    /// ## What it flags
    /// Power-creating articles of the cooperation chapter that the conditions-and-safeguards
    /// article does not reach: its scope ("this Section", "this chapter") is resolved through
    /// the document tree, and each cooperation article that creates a power (preserve,
    /// disclose, produce, search, seize, collect, intercept, transmit, share) must lie inside
    /// that scope or refer back to the safeguards article. Also flags an instrument with
    /// cooperation powers and no conditions-and-safeguards article, and, as information, a
    /// safeguards article that binds only the requested state's execution.
    ///
    /// ## Why it matters
    /// The human-rights conditions clause is the treaty's main safeguard. Confined to the
    /// domestic-powers chapter, it leaves the cross-border use of the same powers, and the
    /// requesting state's use of the data, without conditions.
    ///
    /// ## Authority
    /// Budapest Convention art. 15 with the back-references of arts. 16(4)-21(4);
    /// Second Additional Protocol (CETS 224) art. 13; ETS 182 art. 26.
    ///
    /// ## Example
    /// ```text
    /// Chapter I
    /// Procedural measures
    ///
    /// Article 1
    /// Conditions and safeguards
    /// Each Party shall ensure that the powers provided for in this chapter are subject to conditions and safeguards.
    ///
    /// Chapter II
    /// International cooperation
    ///
    /// Article 2
    /// Mutual assistance in the interception of content data
    /// States Parties shall provide mutual assistance in the real-time collection of content data.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Chapter I
    /// Procedural measures
    ///
    /// Article 1
    /// Conditions and safeguards
    /// Each Party shall ensure that the powers provided for in this Convention are subject to conditions and safeguards.
    ///
    /// Chapter II
    /// International cooperation
    ///
    /// Article 2
    /// Mutual assistance in the interception of content data
    /// States Parties shall provide mutual assistance in the real-time collection of content data.
    /// ```
    ///
    /// ## Fix
    /// Extend the safeguards article to "the powers and procedures provided for in this
    /// Convention", or add to each cooperation article: "The powers and procedures referred
    /// to in this article shall be subject to Article [N]".
    pub struct SafeguardsScope {
        code: "TL103",
        name: "safeguards-miss-cooperation",
        safeguard: Some("SG-CS-SCOPE"),
        category: HumanRights,
        severity: Error,
        status: Stable,
        authorities: [
            "Budapest Convention, arts. 15-21",
            "Second Additional Protocol (CETS 224), art. 13",
            "ETS 182, art. 26",
        ],
    }
}

static REQUESTED_ONLY: Static = Static::new(|| {
    rx(
        r"(?i)\bat\s+the\s+domestic\s+level\b|\bfor\s+the\s+purpose\s+of\s+rendering\s+international\s+co-?operation\s+by\s+the\s+requested\b",
    )
});

impl Rule for SafeguardsScope {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Cx, out: &mut Vec<Finding>) {
        for inst in cx.instruments() {
            let in_inst = |n: NodeId| cx.instrument_of(n) == Some(inst);
            let powered: Vec<NodeId> = cx
                .cooperation_articles()
                .into_iter()
                .filter(|&a| in_inst(a) && !cx.powers(a).is_empty())
                .collect();
            if powered.is_empty() {
                continue;
            }
            let cs: Vec<NodeId> = cx
                .articles_with(Class::ConditionsSafeguards)
                .into_iter()
                .filter(|&a| in_inst(a))
                .collect();
            if cs.is_empty() {
                let anchor = cx
                    .cooperation_groupings()
                    .into_iter()
                    .find(|&g| in_inst(g))
                    .map_or_else(
                        || cx.article_anchor(powered[0]),
                        |g| cx.doc.node(g).heading.unwrap_or(cx.doc.node(g).range()),
                    );
                let node = cx.node_at(anchor.start);
                let mut f = cx.finding(
                    &Self::META,
                    node,
                    anchor,
                    format!(
                        "cooperation powers ({}) and no conditions-and-safeguards article covers them",
                        super::prior_authorisation::plural(powered.len(), "article")
                    ),
                );
                f.help = Some("Add: \"Each State Party shall ensure that the powers and procedures provided for in this Convention are subject to conditions and safeguards ... which shall provide for the protection of human rights\".".into());
                out.push(f);
                continue;
            }
            // The scope of each safeguards article: the groupings or instrument it names.
            let mut covered: Vec<TextRange> = Vec::new();
            let mut scope_words: Vec<TextRange> = Vec::new();
            let mut requested_only = None;
            for &a in &cs {
                let mut named = false;
                for r in cx.model.references_from(cx.doc, a) {
                    if matches!(r.kind, RefKind::Grouping | RefKind::Instrument) {
                        for &t in &r.targets {
                            covered.push(cx.doc.node(t).range());
                        }
                        scope_words.push(r.range);
                        named = true;
                    }
                }
                if !named {
                    // "Each Party shall ensure that these powers ..." with no scope phrase:
                    // the article's own grouping.
                    let g = cx.doc.ancestors(a).find(|&g| {
                        cx.doc.node(g).kind.is_grouping()
                            || cx.doc.node(g).kind == NodeKind::Instrument
                    });
                    if let Some(g) = g {
                        covered.push(cx.doc.node(g).range());
                    }
                }
                if let Some((_, r)) = cx.find_in(a, &REQUESTED_ONLY) {
                    requested_only = Some(r);
                }
            }
            for &a in &powered {
                let range = cx.doc.node(a).range();
                if covered.iter().any(|c| c.contains(range)) || cx.refers_to(a, &cs) {
                    continue;
                }
                let scope = scope_words.first().map_or_else(
                    || "its own chapter".to_string(),
                    |&r| format!("\"{}\"", cx.doc.slice(r)),
                );
                let mut f = cx.finding(
                    &Self::META,
                    a,
                    cx.article_anchor(a),
                    format!(
                        "this article creates a power ({}) that the conditions-and-safeguards article, limited to {scope}, does not reach, and it does not refer back to it",
                        cx.powers(a).iter().map(|k| k.name()).collect::<Vec<_>>().join(", ")
                    ),
                );
                if let Some(&w) = scope_words.first() {
                    f.related.push((w, "the safeguards article's scope".into()));
                }
                let numbers: Vec<&str> = cs.iter().filter_map(|&c| cx.doc.number(c)).collect();
                f.help = Some(format!(
                    "Add: \"The powers and procedures referred to in this article shall be subject to Article {}.\"",
                    numbers.join(" and ")
                ));
                out.push(f);
            }
            if let Some(r) = requested_only {
                let node = cx.node_at(r.start);
                let mut f = cx.finding(
                    &Self::META,
                    node,
                    r,
                    "the safeguards bind only the requested state's domestic execution, not the requesting state's request and use of the data",
                );
                f.severity = Severity::Info;
                out.push(f);
            }
        }
    }
}
