use super::{Static, rx};
use crate::model::{Class, Force};
use crate::rules::{Cx, Finding, Rule, RuleMeta, Severity, declare_rule};
use crate::syntax::NodeId;

declare_rule! {
    /// ## What it flags
    /// Mutual legal assistance without mandatory human-rights grounds for refusal: refusal
    /// grounds limited to sovereignty, security and ordre public with no persecution clause;
    /// a persecution clause that covers extradition only; one that merely permits refusal
    /// ("Nothing ... shall be interpreted as imposing an obligation"); a closed list of
    /// grounds without "other status", sex, sexual orientation or gender identity; no
    /// mention of torture, the death penalty or a fair trial in the cooperation chapter.
    ///
    /// ## Why it matters
    /// Evidence and data sent abroad are used to prosecute. If a state need not refuse when a
    /// request aims at persecution, or risks torture or an unfair trial, cooperation serves
    /// the persecution.
    ///
    /// ## Authority
    /// Council of Europe Convention on the Prevention of Terrorism (CETS 196) art. 21; UNTOC
    /// art. 16(14); European Convention on Extradition art. 3(2); ICCPR arts. 2(1), 7, 14, 26.
    ///
    /// ## Example
    /// ```text
    /// Article 1
    /// Mutual legal assistance
    /// 1. States Parties shall afford one another mutual legal assistance in criminal matters.
    /// 2. Mutual legal assistance may be refused if execution of the request would prejudice the sovereignty, security or ordre public of the requested State Party.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Article 1
    /// Mutual legal assistance
    /// 1. States Parties shall afford one another mutual legal assistance in criminal matters.
    /// 2. Assistance shall be refused if there are substantial grounds for believing that the request has been made for the purpose of prosecuting or punishing a person on account of that person's sex, race, religion, nationality, ethnic origin, political opinion, sexual orientation, gender identity or other status, or that the person would be exposed to torture, the death penalty or a flagrant denial of a fair trial.
    /// ```
    ///
    /// ## Fix
    /// Add a persecution clause to the mutual assistance article, with "shall refuse", an
    /// open list ("or other status"), and torture, the death penalty and fair trial.
    pub struct RefusalGrounds {
        code: "TL107",
        name: "no-human-rights-refusal",
        safeguard: Some("SG-REFUSE-HR"),
        category: Cooperation,
        severity: Error,
        status: Stable,
        authorities: [
            "CETS 196, art. 21",
            "UNTOC, art. 16(14)",
            "European Convention on Extradition, art. 3(2)",
            "ICCPR, arts. 2(1), 7, 14, 26",
        ],
    }
}

static CRIMINAL: Static = Static::new(|| rx(r"(?i)\bcriminal\b|\boffences?\b|\bprosecution"));
static MLA_WORDS: Static = Static::new(|| {
    rx(r"(?i)\bmutual\s+(?:legal\s+)?assistance\b|\bassistance\b|\bco-?operation\b|\btransfer\b")
});
static OPEN_LIST: Static =
    Static::new(|| rx(r"(?i)\bother\s+status\b|\bsexual\s+orientation\b|\bgender\b"));
static GRAVE: Static = Static::new(|| {
    rx(r"(?i)\btorture\b|\bdeath\s+penalty\b|\bfair\s+trial\b|\bdenial\s+of\s+justice\b")
});

impl Rule for RefusalGrounds {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Cx, out: &mut Vec<Finding>) {
        for inst in cx.instruments() {
            let in_inst = |n: NodeId| cx.instrument_of(n) == Some(inst);
            let mla: Vec<NodeId> = cx
                .articles_with(Class::MutualLegalAssistance)
                .into_iter()
                .filter(|&a| in_inst(a))
                .collect();
            let Some(&mla_first) = mla.first() else {
                continue;
            };
            // Assistance between data-protection authorities is not criminal cooperation.
            if !mla.iter().any(|&a| CRIMINAL.is_match(&cx.article_text(a))) {
                continue;
            }
            let coop: Vec<NodeId> = cx
                .cooperation_articles()
                .into_iter()
                .filter(|&a| in_inst(a))
                .collect();
            // Where to point: the MLA article's refusal grounds, else its heading.
            let refusal = cx.refusal_anchor(&mla);
            let (anchor_node, anchor) =
                refusal.unwrap_or((mla_first, cx.article_anchor(mla_first)));
            // Persecution clauses in the cooperation articles (and any article reaching MLA).
            let clauses: Vec<(NodeId, crate::model::ProvisionId)> = cx
                .articles_of(inst)
                .into_iter()
                .flat_map(|a| cx.provisions(a).map(move |p| (a, p)))
                .filter(|&(_, p)| cx.has_class(cx.node_of(p), Class::PersecutionClause))
                .collect();
            let reaches_mla = |a: NodeId, p| {
                !cx.has_class(a, Class::Extradition) || {
                    let t = cx.hay(p);
                    t.text().contains("mutual")
                        || (MLA_WORDS.is_match(t) && !t.text().to_lowercase().contains("extradit"))
                }
            };
            let covering: Vec<_> = clauses
                .iter()
                .filter(|&&(a, p)| reaches_mla(a, p))
                .collect();
            if covering.is_empty() {
                let message = if clauses.is_empty() {
                    "no persecution clause: mutual assistance can be refused for sovereignty, security or ordre public, but need not be refused when a request aims at persecution"
                } else {
                    "the persecution clause covers extradition only, not mutual legal assistance"
                };
                let mut f = cx.finding(&Self::META, anchor_node, anchor, message);
                for &(_, p) in &clauses {
                    let node = cx.node_of(p);
                    let words = cx
                        .model
                        .classes_of(node)
                        .find(|c| c.class == Class::PersecutionClause)
                        .and_then(|c| c.evidence.first().map(|e| e.range))
                        .unwrap_or(cx.doc.node(node).range());
                    f.related
                        .push((words, "persecution clause for extradition".into()));
                }
                f.help = Some("\"Assistance shall be refused if there are substantial grounds for believing that the request has been made for the purpose of prosecuting or punishing a person on account of ... or other status\" (cf. CETS 196 art. 21).".into());
                out.push(f);
                continue;
            }
            for &&(_, p) in &covering {
                let node = cx.node_of(p);
                // Permissive rather than mandatory.
                let force =
                    cx.model.provision(p).clauses.iter().find_map(|&c| {
                        cx.model.effective_obligation(c).map(|o| (o.force, o.modal))
                    });
                if let Some((f0, modal)) = force
                    && matches!(f0, Force::NonObligation | Force::May | Force::NotRequired)
                {
                    let mut f = cx.finding(
                        &Self::META,
                        node,
                        modal,
                        "the persecution clause permits refusal but does not require it",
                    );
                    f.severity = Severity::Warning;
                    f.help = Some("\"shall refuse\" rather than \"nothing ... shall be interpreted as imposing an obligation\".".into());
                    out.push(f);
                }
                let text = cx.hay(p);
                if !OPEN_LIST.is_match(text) {
                    let r = cx
                        .model
                        .classes_of(node)
                        .find(|c| c.class == Class::PersecutionClause)
                        .and_then(|c| c.evidence.first().map(|e| e.range))
                        .unwrap_or(cx.doc.node(node).range());
                    let mut f = cx.finding(
                        &Self::META,
                        node,
                        r,
                        "the grounds of persecution are a closed list: no \"other status\", sexual orientation or gender identity",
                    );
                    f.severity = Severity::Info;
                    out.push(f);
                }
            }
            let persecution_articles: Vec<NodeId> = clauses.iter().map(|&(a, _)| a).collect();
            if !coop
                .iter()
                .chain(&persecution_articles)
                .any(|&a| cx.find_in(a, &GRAVE).is_some())
            {
                let mut f = cx.finding(
                    &Self::META,
                    anchor_node,
                    anchor,
                    "the cooperation chapter names no refusal for risk of torture, the death penalty or an unfair trial",
                );
                f.severity = Severity::Warning;
                out.push(f);
            }
        }
    }
}
