use super::rx;
use crate::model::Class;
use crate::rules::{Cx, Finding, Rule, RuleMeta, Severity, declare_rule};
use crate::syntax::NodeId;

declare_rule! {
    /// ## What it flags
    /// A data-protection article of a cooperation instrument that does not spell out the core
    /// data-protection principles. Lists which are missing: lawful and fair processing,
    /// purpose limitation, minimisation, accuracy, retention limits, security, sensitive
    /// data, automated decisions, records, notice, access and rectification, remedies,
    /// oversight. Fewer than four present is a warning; some missing, information.
    ///
    /// ## Why it matters
    /// A transfer clause without principles lets each recipient process the data as it
    /// pleases. The Second Additional Protocol's article 14 is the model; the UN text has
    /// almost none of these.
    ///
    /// ## Authority
    /// Convention 108 arts. 5-8; Second Additional Protocol (CETS 224) art. 14; ETS 182
    /// art. 26(1); EU Directive 2016/680 art. 4.
    ///
    /// ## Example
    /// ```text
    /// Article 1
    /// Mutual legal assistance
    /// States Parties shall afford one another mutual legal assistance.
    ///
    /// Article 2
    /// Protection of personal data
    /// Personal data transferred under this Convention shall be processed in accordance with the domestic law of the receiving Party.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Article 1
    /// Mutual legal assistance
    /// States Parties shall afford one another mutual legal assistance.
    ///
    /// Article 2
    /// Protection of personal data
    /// Personal data transferred under this Convention shall be processed lawfully and fairly, for specified purposes only; they shall be adequate, relevant and not excessive, accurate, kept no longer than necessary and protected by appropriate security measures. Sensitive data shall receive additional safeguards and no decision shall be based solely on automated processing. Each Party shall keep records, give the person concerned notice and access with a right to rectification, provide judicial remedies, and subject the processing to independent oversight.
    /// ```
    ///
    /// ## Fix
    /// Add the missing principles to the data-protection article (SAP art. 14 lists them).
    pub struct DataProtectionPrinciples {
        code: "TL105",
        name: "missing-data-protection-principles",
        safeguard: Some("SG-DP-PRINC"),
        category: DataProtection,
        severity: Warning,
        status: Stable,
        authorities: [
            "Convention 108, arts. 5-8",
            "Second Additional Protocol (CETS 224), art. 14",
            "ETS 182, art. 26(1)",
            "EU Directive 2016/680, art. 4",
        ],
    }
}

/// (principle, pattern).
static PRINCIPLES: std::sync::LazyLock<Vec<(&'static str, crate::pattern::Pattern)>> =
    std::sync::LazyLock::new(|| {
        [
        ("lawful and fair processing", r"(?i)\b(?:lawful(?:ly)?|fair(?:ly)?)\b"),
        ("purpose limitation", r"(?i)\bspecified\s+(?:and\s+legitimate\s+)?purposes?\b|\bpurposes?\s+other\s+than\b|\bonly\s+for\s+the\s+purposes?\b|\bpurpose\s+limitation\b|\bincompatible\b"),
        ("data minimisation", r"(?i)\bminimi[sz]|\bnot\s+excessive\b|\badequate,\s+relevant\b"),
        ("accuracy", r"(?i)\baccura"),
        ("retention limits", r"(?i)\bretention\b|\bno\s+longer\s+than\b|\bas\s+long\s+as\s+(?:is\s+)?necessary\b|\bdeleted?\b|\berased?\b"),
        ("security", r"(?i)\bsecurity\s+(?:measures|of\s+(?:the\s+)?data|incidents?)\b|\bdata\s+security\b|\bunauthori[sz]ed\s+access\b"),
        ("sensitive data", r"(?i)\bsensitive\b|\bspecial\s+categor|\bbiometric\b|\bracial\s+origin\b"),
        ("automated decisions", r"(?i)\bautomated\b"),
        ("records", r"(?i)\brecords?\s+of\b|\bmaintain\s+records\b|\blog(?:s|ging)?\b|\bkeep\s+records\b"),
        ("notice", r"(?i)\bnotice\b|\binform\s+the\s+(?:person|data\s+subject)|\bnotify\s+the\s+person\b|\btransparen"),
        ("access and rectification", r"(?i)\brectif|\baccess\s+to\s+(?:his|her|their|the)\s+(?:personal\s+)?data\b|\bnotice\s+of\s+and\s+access\b"),
        ("remedies", r"(?i)\bremed(?:y|ies)\b|\bredress\b"),
        ("independent oversight", r"(?i)\boversight\b|\bsupervisory\s+authorit|\bsupervision\b"),
    ]
    .into_iter()
    .map(|(name, p)| (name, rx(p)))
    .collect()
    });

impl Rule for DataProtectionPrinciples {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Cx, out: &mut Vec<Finding>) {
        for inst in cx.instruments() {
            let in_inst = |n: NodeId| cx.instrument_of(n) == Some(inst);
            // Only instruments that organise cooperation transfer data to other states.
            if !cx
                .cooperation_articles()
                .into_iter()
                .any(|a| in_inst(a) && cx.has_class(a, Class::MutualLegalAssistance))
            {
                continue;
            }
            let dp: Vec<NodeId> = cx
                .articles_with(Class::DataProtection)
                .into_iter()
                .filter(|&a| in_inst(a))
                .collect();
            let Some(&first) = dp.first() else {
                continue;
            };
            let text: String = dp.iter().map(|&a| cx.article_text(a)).collect();
            let missing: Vec<&str> = PRINCIPLES
                .iter()
                .filter(|(_, re)| !re.is_match(&text))
                .map(|(n, _)| *n)
                .collect();
            if missing.is_empty() {
                continue;
            }
            let present = PRINCIPLES.len() - missing.len();
            let mut f = cx.finding(
                &Self::META,
                first,
                cx.article_anchor(first),
                format!(
                    "the data-protection provisions state {present} of {} core principles; missing: {}",
                    PRINCIPLES.len(),
                    missing.join(", ")
                ),
            );
            if present >= 4 {
                f.severity = Severity::Info;
            }
            f.help = Some("Spell out the principles for data exchanged under the treaty, as in SAP (CETS 224) art. 14.".into());
            out.push(f);
        }
    }
}
