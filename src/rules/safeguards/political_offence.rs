use super::{Static, rx};
use crate::model::Class;
use crate::rules::{Cx, Finding, Rule, RuleMeta, declare_rule};
use crate::syntax::NodeId;

declare_rule! {
    /// ## What it flags
    /// Mutual legal assistance with no political-offence exception among its refusal
    /// grounds, and clauses that remove it ("shall not be regarded as a political offence").
    ///
    /// ## Why it matters
    /// The political-offence exception is a long-standing shield for dissidents and
    /// journalists, and cybercrime laws are often used against speech.
    ///
    /// ## Authority
    /// Budapest Convention arts. 27(4)(a) and 29(5)(a); European Convention on Mutual
    /// Assistance in Criminal Matters art. 2(a); European Convention on Extradition art. 3(1).
    ///
    /// ## Example
    /// ```text
    /// Article 1
    /// Mutual legal assistance
    /// 1. States Parties shall afford one another mutual legal assistance.
    /// 2. For the purposes of this Convention, no offence shall be regarded as a political offence.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Article 1
    /// Mutual legal assistance
    /// 1. States Parties shall afford one another mutual legal assistance.
    /// 2. Assistance may be refused if the request concerns an offence which the requested Party considers a political offence or an offence connected with a political offence.
    /// ```
    ///
    /// ## Fix
    /// Keep, or add, "the request concerns an offence which the requested Party considers a
    /// political offence or an offence connected with a political offence" among the
    /// refusal grounds; delete depoliticisation clauses.
    pub struct PoliticalOffence {
        code: "TL108",
        name: "no-political-offence-exception",
        safeguard: Some("SG-POLOFF"),
        category: Cooperation,
        severity: Warning,
        status: Stable,
        authorities: [
            "Budapest Convention, arts. 27(4)(a), 29(5)(a)",
            "ECMA (ETS 30), art. 2(a)",
            "European Convention on Extradition, art. 3(1)",
        ],
    }
}

static CRIMINAL: Static = Static::new(|| rx(r"(?i)\bcriminal\b|\boffences?\b|\bprosecution"));
static DEPOLITICISE: Static = Static::new(|| {
    rx(
        r"(?i)\bshall\s+not\s+be\s+(?:regarded|considered|deemed|treated)\s+(?:as\s+)?(?:an?\s+)?political\s+offences?\b|\bnone\s+of\s+the\s+offences\b[^.]{0,240}\bpolitical\s+offence|\bno\s+offence\s+shall\s+be\s+regarded\s+as\s+a\s+political\s+offence\b",
    )
});
static EXCEPTION: Static = Static::new(|| {
    rx(
        r"(?i)\b(?:considers?|regards?)\s+(?:\w+\s+){0,3}(?:a|as\s+a)\s+political\s+offence\b|\bpolitical\s+offence\s+or\s+(?:an?\s+)?offence\s+connected\s+with\s+a\s+political\s+offence\b|\boffences?\s+of\s+a\s+political\s+(?:character|nature)\b",
    )
});

impl Rule for PoliticalOffence {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Cx, out: &mut Vec<Finding>) {
        for inst in cx.instruments() {
            let articles: Vec<NodeId> = cx.articles_of(inst).into_iter().collect();
            for &a in &articles {
                for (p, r) in cx.find_all_in(a, &DEPOLITICISE) {
                    let mut f = cx.finding(
                        &Self::META,
                        cx.node_of(p),
                        r,
                        "offences are declared not political: the political-offence exception is taken away",
                    );
                    f.help = Some(
                        "Delete the clause, or limit it to violent offences listed in the treaty."
                            .into(),
                    );
                    out.push(f);
                }
            }
            let mla: Vec<NodeId> = articles
                .iter()
                .copied()
                .filter(|&a| cx.has_class(a, Class::MutualLegalAssistance))
                .collect();
            let Some(&first) = mla.first() else {
                continue;
            };
            // Assistance between data-protection authorities is not criminal cooperation.
            if !mla.iter().any(|&a| CRIMINAL.is_match(&cx.article_text(a))) {
                continue;
            }
            let has_exception = articles.iter().any(|&a| {
                cx.provisions(a)
                    .any(|p| EXCEPTION.is_match(cx.hay(p)) && !DEPOLITICISE.is_match(cx.hay(p)))
            });
            if !has_exception {
                let (node, range) = cx
                    .refusal_anchor(&mla)
                    .unwrap_or((first, cx.article_anchor(first)));
                let mut f = cx.finding(
                    &Self::META,
                    node,
                    range,
                    "the grounds for refusing mutual assistance include no political-offence exception",
                );
                f.help = Some("Add: \"the request concerns an offence which the requested Party considers a political offence or an offence connected with a political offence\" (Budapest art. 27(4)(a)).".into());
                out.push(f);
            }
        }
    }
}
