use super::{Static, rx};
use crate::model::Class;
use crate::rules::{Cx, Finding, Fix, Rule, RuleMeta, declare_rule};
use crate::syntax::NodeKind;

declare_rule! {
    /// ## What it flags
    /// Purpose clauses of powers and of cooperation that do not confine them to *specific*
    /// criminal investigations or proceedings: "for the purpose of criminal investigations
    /// and proceedings", "in investigations, prosecutions and judicial proceedings", "for the
    /// purpose of preventing, detecting and combating crime", "information relating to
    /// criminal matters". Judged chapter by chapter: "specific" in the procedural chapter
    /// does not cover the cooperation chapter.
    ///
    /// ## Why it matters
    /// "Specific" is what excludes bulk collection, generalised monitoring and
    /// intelligence-style fishing requests. The UN zero draft dropped it, and the final text
    /// restored it only in the procedural chapter.
    ///
    /// ## Authority
    /// Budapest Convention art. 14(1) ("for the purpose of specific criminal investigations
    /// or proceedings"); Second Additional Protocol (CETS 224) art. 2(1).
    ///
    /// ## Example
    /// ```text
    /// Article 1
    /// General principles of international cooperation
    /// States Parties shall cooperate with each other for the purpose of criminal investigations and proceedings.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Article 1
    /// General principles of international cooperation
    /// States Parties shall cooperate with each other for the purpose of specific criminal investigations or proceedings.
    /// ```
    ///
    /// ## Fix
    /// Insert "specific": "for the purpose of specific criminal investigations or
    /// proceedings", in every chapter that confers powers or organises cooperation.
    pub struct PurposeSpecificity {
        code: "TL102",
        name: "unspecific-purpose",
        safeguard: Some("SG-SPECIFIC"),
        category: Scope,
        severity: Error,
        status: Stable,
        authorities: ["Budapest Convention, art. 14(1)", "Second Additional Protocol (CETS 224), art. 2(1)"],
    }
}

/// Purpose phrases of powers and cooperation. Group `noun` is where "specific" belongs.
static PURPOSE: Static = Static::new(|| {
    rx(
        r"(?i)\b(?:for\s+the\s+purposes?\s+of|in|in\s+relation\s+to)\s+(?P<noun>(?:(?:specific|particular|the|any|such|criminal)\s+)*(?:investigations?|inquiries)(?:,\s*|\s+(?:and|or)\s+)(?:(?:criminal\s+|judicial\s+)?(?:prosecutions?|proceedings?))(?:,?\s+(?:and|or)\s+(?:judicial\s+|criminal\s+)?proceedings)?)",
    )
});
static PREVENTIVE: Static = Static::new(|| {
    rx(
        r"(?i)\bfor\s+the\s+purposes?\s+of\s+(?:the\s+)?(?:preventing|prevention|detecting|detection|combating)\b",
    )
});
static CRIMINAL_MATTERS: Static =
    Static::new(|| rx(r"(?i)\binformation\s+relating\s+to\s+criminal\s+matters\b"));
static PURPOSE_CAPTION: Static = Static::new(|| {
    rx(
        r"(?i)\bpurposes?\b|\bscope\b|\binternational\s+co-?operation\b|\bmutual\s+(?:legal\s+)?assistance\b|\bgeneral\s+principles\b",
    )
});
static SPECIFIC: Static = Static::new(|| rx(r"(?i)\b(?:specific|particular|specified)\b"));

impl Rule for PurposeSpecificity {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Cx, out: &mut Vec<Finding>) {
        let procedural: Vec<_> = cx.model.nodes_with(Class::ProceduralChapter).collect();
        for &a in cx.articles() {
            let purpose_article = cx
                .doc
                .heading(a)
                .is_some_and(|h| PURPOSE_CAPTION.is_match(h));
            let in_scope = cx.in_cooperation(a)
                || purpose_article
                || !cx.powers(a).is_empty()
                || procedural
                    .iter()
                    .any(|&g| cx.doc.node(g).range().contains(cx.doc.node(a).range()));
            if !in_scope
                || cx.has_class(a, Class::Criminalization)
                || cx.has_class(a, Class::Extradition)
            {
                continue;
            }
            for p in cx.provisions(a).collect::<Vec<_>>() {
                let node = cx.node_of(p);
                let text = cx.hay(p);
                for c in PURPOSE.captures_iter(text) {
                    let noun = c.name("noun").expect("group");
                    if SPECIFIC.is_match(noun.as_str()) {
                        continue;
                    }
                    // "the investigation or prosecution of an offence": one case, specific by
                    // nature.
                    let n = noun.as_str().to_lowercase();
                    if n.starts_with("the investigation ") || n.starts_with("the investigation,") {
                        continue;
                    }
                    // Prosecution of a named person (extradition's "submit the case for the
                    // purpose of prosecution") is specific by nature.
                    let whole = c.get(0).expect("match");
                    let range = cx.source(p, whole.range());
                    let mut f = cx.finding(
                        &Self::META,
                        node,
                        range,
                        "the purpose is not confined to specific criminal investigations or proceedings",
                    );
                    let at = cx.source(p, noun.start()..noun.start());
                    let criminal = noun.as_str().to_lowercase().contains("criminal");
                    f.fix = Some(Fix {
                        range: at,
                        replacement: if criminal {
                            "specific ".into()
                        } else {
                            "specific criminal ".into()
                        },
                        description: "insert \"specific\"".into(),
                    });
                    f.help = Some("\"for the purpose of specific criminal investigations or proceedings\" (Budapest art. 14(1)).".into());
                    out.push(f);
                }
                for re in [&*PREVENTIVE, &*CRIMINAL_MATTERS] {
                    if let Some(m) = re.find(text) {
                        if cx.doc.node(node).kind == NodeKind::Preamble {
                            continue;
                        }
                        out.push(cx.finding(
                            &Self::META,
                            node,
                            cx.source(p, m.range()),
                            "prevention, detection or \"criminal matters\" in general invite untargeted use beyond specific investigations",
                        ));
                    }
                }
            }
        }
    }
}
