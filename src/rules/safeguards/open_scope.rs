use super::{Static, rx};
use crate::model::Class;
use crate::rules::{Cx, Finding, Rule, RuleMeta, Severity, declare_rule};

declare_rule! {
    /// ## What it flags
    /// Scope clauses that open powers and cooperation beyond a closed list of offences: "any
    /// criminal offence", "evidence ... of a criminal offence", "other criminal offences
    /// committed by means of", offences established under "other applicable international
    /// conventions", "any serious crime", and protocols adding "additional criminal
    /// offences" (errors); a "serious crime" threshold defined only by each state's own
    /// penalties (warning: the penalty is set nationally).
    ///
    /// ## Why it matters
    /// Open-ended hooks turn a cybercrime treaty into a general evidence treaty: every
    /// offence any party creates, including speech offences, gains the treaty's powers and
    /// cooperation.
    ///
    /// ## Authority
    /// Budapest Convention arts. 14(2)(a) and 24(1) (offences "established in accordance
    /// with Articles 2 through 11"); Second Additional Protocol (CETS 224) art. 2(1)(a).
    ///
    /// ## Example
    /// ```text
    /// Article 1
    /// Scope of application
    /// This Convention shall apply to the collection of evidence in electronic form of any criminal offence.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Article 1
    /// Scope of application
    /// This Convention shall apply to the criminal offences established in accordance with articles 6 to 10 of this Convention.
    /// ```
    ///
    /// ## Fix
    /// Close the list: "the criminal offences established in accordance with articles N to M
    /// of this Convention"; define any threshold in the treaty, not by national penalties.
    pub struct OpenScope {
        code: "TL106",
        name: "open-ended-scope",
        safeguard: Some("SG-SCOPE"),
        category: Scope,
        severity: Error,
        status: Stable,
        authorities: [
            "Budapest Convention, arts. 14(2)(a), 24(1)",
            "Second Additional Protocol (CETS 224), art. 2(1)(a)",
        ],
    }
}

static OPEN: Static = Static::new(|| {
    rx(
        r"(?i)\bany\s+(?:other\s+)?(?:criminal\s+)?offences?\b|\bany\s+serious\s+crimes?\b|\bevidence\s+in\s+electronic\s+form\s+of\s+(?:a|any)\s+(?:criminal\s+)?offence\b|\bother\s+criminal\s+offences\s+committed\s+by\s+means\s+of\b|\boffences\s+established\s+in\s+accordance\s+with\s+(?:other\s+)?(?:applicable\s+|relevant\s+)?(?:international\s+|United\s+Nations\s+)?(?:conventions|instruments)\b|\bevidence\s+in\s+electronic\s+form\s+of\s+serious\s+crime\b",
    )
});
static QUALIFIED: Static = Static::new(|| {
    rx(
        r"(?i)^\s*(?:\w+\s+){0,3}?(?:referred\s+to|established\s+in\s+accordance\s+with\s+(?:this|articles?)|covered\s+by|set\s+forth|under\s+this|of\s+a\s+(?:comparable|grave|similar|serious)|mentioned\s+in|in\s+paragraph)",
    )
});
static THRESHOLD: Static = Static::new(|| {
    rx(
        r"(?i)\bpunishable\s+by\s+a\s+maximum\s+deprivation\s+of\s+liberty\s+of\s+at\s+least\s+\w+\s+years?\b",
    )
});
static PROTOCOLS: Static = Static::new(|| {
    rx(
        r"(?i)\b(?:protocols?|supplementary\s+protocols?)\b[^.]{0,80}\badditional\s+(?:criminal\s+)?offences\b",
    )
});

impl Rule for OpenScope {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Cx, out: &mut Vec<Finding>) {
        for &a in cx.articles() {
            if cx.has_class(a, Class::Criminalization) {
                continue;
            }
            let first_para = cx.provisions(a).next();
            for p in cx.provisions(a).collect::<Vec<_>>() {
                let node = cx.node_of(p);
                let text = cx.hay(p);
                // Where scope is set: scope and purpose clauses (and the subparagraphs of
                // their chapeau), and the first paragraph of a mutual assistance article.
                let scoping = std::iter::once(node)
                    .chain(cx.doc.ancestors(node).take_while(|&n| n != a))
                    .any(|n| {
                        cx.has_class(n, Class::ScopeClause) || cx.has_class(n, Class::PurposeClause)
                    })
                    || (cx.has_class(a, Class::MutualLegalAssistance) && first_para == Some(p));
                if scoping {
                    for m in OPEN.find_iter(text) {
                        // "any criminal offence referred to in paragraph 1", "as for any other
                        // offence of a comparable nature": qualified, not open.
                        let after = text.slice(m.end()..text.text().len());
                        if QUALIFIED.is_match(after) {
                            continue;
                        }
                        let mut f = cx.finding(
                            &Self::META,
                            node,
                            cx.source(p, m.range()),
                            format!("open-ended scope: \"{}\" reaches offences the treaty does not define", m.as_str()),
                        );
                        f.help = Some("\"the criminal offences established in accordance with articles N to M of this Convention\" (Budapest art. 14(2)(a)).".into());
                        out.push(f);
                    }
                }
                if let Some(m) = THRESHOLD.find(text) {
                    let mut f = cx.finding(
                        &Self::META,
                        node,
                        cx.source(p, m.range()),
                        "the threshold of \"serious crime\" is each state's own penalty: any state can bring an offence in by raising its sentence",
                    );
                    f.severity = Severity::Warning;
                    out.push(f);
                }
                if let Some(m) = PROTOCOLS.find(text) {
                    let mut f = cx.finding(
                        &Self::META,
                        node,
                        cx.source(p, m.range()),
                        "protocols may add offences, extending the treaty's powers without a human-rights review",
                    );
                    f.severity = Severity::Warning;
                    out.push(f);
                }
            }
        }
    }
}
