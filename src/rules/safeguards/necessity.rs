use super::{Static, rx};
use crate::model::Class;
use crate::rules::{Cx, Finding, Rule, RuleMeta, Severity, declare_rule};

declare_rule! {
    /// ## What it flags
    /// A conditions-and-safeguards article that does not require proportionality (error) or
    /// necessity (warning), or only asks states to "consider" them.
    ///
    /// ## Why it matters
    /// An interference with privacy is lawful only if it is provided by law, pursues a
    /// legitimate aim and is necessary and proportionate. Left implicit, the tests fall to
    /// each state's domestic law; the Budapest Convention itself omits necessity.
    ///
    /// ## Authority
    /// ICCPR art. 17 with Human Rights Committee General Comment 16; ECHR art. 8(2) ("necessary
    /// in a democratic society"); Budapest Convention art. 15(1).
    ///
    /// ## Example
    /// ```text
    /// Article 1
    /// Conditions and safeguards
    /// Each Party shall ensure that the powers in this Convention are subject to conditions and safeguards provided for under its domestic law.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Article 1
    /// Conditions and safeguards
    /// Each Party shall ensure that the powers in this Convention are subject to conditions and safeguards, and that each measure is necessary and proportionate to a legitimate aim.
    /// ```
    ///
    /// ## Fix
    /// "shall be necessary and proportionate", in the safeguards article and in each
    /// intrusive power.
    pub struct Necessity {
        code: "TL118",
        name: "no-necessity-or-proportionality",
        safeguard: Some("SG-LNP"),
        category: HumanRights,
        severity: Error,
        status: Stable,
        authorities: ["ICCPR, art. 17; HRC General Comment 16", "ECHR, art. 8(2)", "Budapest Convention, art. 15(1)"],
    }
}

static PROPORTIONALITY: Static = Static::new(|| rx(r"(?i)\bproportional|\bproportionate"));
static NECESSITY: Static = Static::new(|| {
    rx(r"(?i)\bnecessity\b|\bnecessary\s+(?:and|in\s+a\s+democratic)\b|\bstrictly\s+necessary\b")
});
static CONSIDER: Static = Static::new(|| rx(r"(?i)\bshall\s+consider\b[^.]{0,80}\bproportional"));

impl Rule for Necessity {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Cx, out: &mut Vec<Finding>) {
        for &a in cx.articles() {
            if !cx.has_class(a, Class::ConditionsSafeguards) {
                continue;
            }
            let proportionality =
                cx.find_in(a, &PROPORTIONALITY).is_some() && cx.find_in(a, &CONSIDER).is_none();
            let necessity = cx.find_in(a, &NECESSITY).is_some();
            if proportionality && necessity {
                continue;
            }
            let (message, severity) = match (proportionality, necessity) {
                (false, false) => (
                    "the safeguards article requires neither necessity nor proportionality",
                    Severity::Error,
                ),
                (false, true) => (
                    "the safeguards article does not require proportionality",
                    Severity::Error,
                ),
                _ => (
                    "the safeguards article requires proportionality but not necessity",
                    Severity::Warning,
                ),
            };
            let mut f = cx.finding(&Self::META, a, cx.article_anchor(a), message);
            f.severity = severity;
            f.help = Some(
                "\"... and that each measure is necessary and proportionate to a legitimate aim\""
                    .into(),
            );
            out.push(f);
        }
    }
}
