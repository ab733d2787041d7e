use super::{Static, rx};
use crate::model::Class;
use crate::rules::{Cx, Finding, Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it flags
    /// Jurisdiction over conduct abroad because the victim is a national (passive
    /// personality) or the state itself is affected (protective principle), with no
    /// requirement that the conduct also be punishable where it was committed.
    ///
    /// ## Why it matters
    /// These grounds let a state pursue its critics abroad, for speech lawful where they
    /// live, and then use the cooperation machinery to reach them.
    ///
    /// ## Authority
    /// Budapest Convention art. 22(1)(d) (nationality ground conditioned on punishability
    /// where committed) and 22(2) (reservations).
    ///
    /// ## Example
    /// ```text
    /// Article 1
    /// Jurisdiction
    /// A State Party may also establish its jurisdiction over any such offence when the offence is committed against a national of that State Party.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Article 1
    /// Jurisdiction
    /// A State Party may also establish its jurisdiction over any such offence when the offence is committed against a national of that State Party, if the offence is punishable under criminal law where it was committed.
    /// ```
    ///
    /// ## Fix
    /// Add: "if the offence is punishable under criminal law where it was committed".
    pub struct Jurisdiction {
        code: "TL127",
        name: "extraterritorial-jurisdiction",
        safeguard: Some("SG-JURIS"),
        category: Scope,
        severity: Warning,
        status: Stable,
        authorities: ["Budapest Convention, art. 22"],
    }
}

static EXTRATERRITORIAL: Static = Static::new(|| {
    rx(
        r"(?i)\bagainst\s+(?:a|one\s+of\s+its)\s+nationals?\s+of\s+(?:that|the)\s+(?:State\s+)?Party\b|\bagainst\s+(?:one\s+of\s+its\s+)?nationals?\b|\bagainst\s+(?:that|the)\s+State(?:\s+Party)?\b",
    )
});
static CONDITIONED: Static = Static::new(|| {
    rx(
        r"(?i)\bpunishable\b[^.;]{0,80}\bwhere\s+it\s+was\s+committed\b|\b(?:dual|double)\s+criminality\b|\boffence\s+under\s+the\s+law\s+of\s+the\s+place\b",
    )
});

impl Rule for Jurisdiction {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Cx, out: &mut Vec<Finding>) {
        for &a in cx.articles() {
            let caption = cx.doc.heading(a).unwrap_or("");
            if !cx.has_class(a, Class::Jurisdiction)
                && !caption.to_lowercase().contains("jurisdiction")
            {
                continue;
            }
            for p in cx.provisions(a).collect::<Vec<_>>() {
                let text = cx.hay(p);
                let Some(m) = EXTRATERRITORIAL.find(text) else {
                    continue;
                };
                if CONDITIONED.is_match(text) {
                    continue;
                }
                let mut f = cx.finding(&Self::META, cx.node_of(p), cx.source(p, m.range()), "jurisdiction over conduct abroad that need not be an offence where it was committed");
                f.help = Some("\"if the offence is punishable under criminal law where it was committed\" (Budapest art. 22(1)(d)).".into());
                out.push(f);
            }
        }
    }
}
