//! Safeguards whose absence from a whole instrument is the finding: remedy, oversight,
//! transparency, review, privilege. Each is reported once per instrument, where it belongs.

use super::{Static, rx};
use crate::model::Class;
use crate::rules::{Cx, Finding, Rule, RuleMeta, declare_rule};
use crate::syntax::NodeId;

/// Articles where the safeguard belongs: safeguards, data-protection, human-rights articles.
fn safeguard_articles(cx: &Cx, inst: NodeId) -> Vec<NodeId> {
    cx.articles_of(inst)
        .into_iter()
        .filter(|&a| {
            cx.has_class(a, Class::ConditionsSafeguards)
                || cx.has_class(a, Class::DataProtection)
                || cx.has_class(a, Class::HumanRights)
        })
        .collect()
}

/// Reports, per instrument with powers, when `present` matches none of `scope`'s articles.
fn report_absence(
    cx: &Cx,
    out: &mut Vec<Finding>,
    meta: &'static RuleMeta,
    scope: impl Fn(&Cx, NodeId) -> Vec<NodeId>,
    present: &crate::pattern::Pattern,
    message: &str,
    help: &str,
) {
    for inst in cx.instruments_with_powers() {
        if cx.any_in(&scope(cx, inst), present) {
            continue;
        }
        let (node, range) = cx.instrument_anchor(inst);
        let mut f = cx.finding(meta, node, range, message);
        f.help = Some(help.to_string());
        out.push(f);
    }
}

declare_rule! {
    /// ## What it flags
    /// An instrument with powers or cooperation whose safeguards, data-protection and
    /// human-rights articles give no remedy (judicial or non-judicial) to the people
    /// affected.
    ///
    /// ## Why it matters
    /// Individuals need a way to challenge unlawful access to, use of or transfer of their
    /// data, available to non-nationals and across borders.
    ///
    /// ## Authority
    /// ICCPR art. 2(3); ECHR art. 13; Second Additional Protocol (CETS 224) art. 14(13).
    ///
    /// ## Example
    /// ```text
    /// Article 1
    /// Conditions and safeguards
    /// Each Party shall ensure that the powers in this Convention are subject to conditions and safeguards for specific criminal investigations.
    ///
    /// Article 2
    /// Production order
    /// Each Party shall empower its competent authorities to order a person to submit specified data for specific criminal investigations.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Article 1
    /// Conditions and safeguards
    /// Each Party shall ensure that the powers in this Convention are subject to conditions and safeguards for specific criminal investigations, including the right to an effective remedy.
    ///
    /// Article 2
    /// Production order
    /// Each Party shall empower its competent authorities to order a person to submit specified data for specific criminal investigations.
    /// ```
    ///
    /// ## Fix
    /// "including the right to an effective remedy, judicial and non-judicial, for any person
    /// whose data are obtained, used or transferred under this Convention".
    pub struct Remedy {
        code: "TL119",
        name: "no-effective-remedy",
        safeguard: Some("SG-REMEDY"),
        category: HumanRights,
        severity: Warning,
        status: Stable,
        authorities: ["ICCPR, art. 2(3)", "ECHR, art. 13", "Second Additional Protocol (CETS 224), art. 14(13)"],
    }
}

static REMEDY: Static =
    Static::new(|| rx(r"(?i)\bremed(?:y|ies)\b|\bredress\b|\bright\s+to\s+(?:challenge|appeal)\b"));

impl Rule for Remedy {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Cx, out: &mut Vec<Finding>) {
        report_absence(
            cx,
            out,
            &Self::META,
            safeguard_articles,
            &REMEDY,
            "no effective remedy for the people whose data are obtained, used or transferred",
            "\"including the right to an effective remedy, judicial and non-judicial\" (ICCPR art. 2(3)).",
        );
    }
}

declare_rule! {
    /// ## What it flags
    /// An instrument with powers or cooperation whose safeguards and data-protection articles
    /// provide no oversight by a body independent of the executive.
    ///
    /// ## Why it matters
    /// Someone other than the authorities using the powers must be able to audit how they are
    /// used and order remedies: a data-protection authority, a judicial commissioner, a
    /// parliamentary body.
    ///
    /// ## Authority
    /// Convention 108+ art. 15; EU Directive 2016/680 arts. 41 ff.; Second Additional Protocol
    /// (CETS 224) art. 14(14).
    ///
    /// ## Example
    /// ```text
    /// Article 1
    /// Protection of personal data
    /// Personal data transferred under this Convention for specific criminal investigations shall be protected by the competent authorities.
    ///
    /// Article 2
    /// Mutual legal assistance
    /// States Parties shall afford one another mutual legal assistance in criminal matters.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Article 1
    /// Protection of personal data
    /// Personal data transferred under this Convention for specific criminal investigations shall be subject to oversight by an independent supervisory authority.
    ///
    /// Article 2
    /// Mutual legal assistance
    /// States Parties shall afford one another mutual legal assistance in criminal matters.
    /// ```
    ///
    /// ## Fix
    /// "subject to oversight by one or more independent authorities with power to audit and
    /// to order remedies".
    pub struct Oversight {
        code: "TL120",
        name: "no-independent-oversight",
        safeguard: Some("SG-OVERSIGHT"),
        category: HumanRights,
        severity: Warning,
        status: Stable,
        authorities: ["Convention 108+, art. 15", "EU Directive 2016/680, arts. 41 ff.", "Second Additional Protocol (CETS 224), art. 14(14)"],
    }
}

static OVERSIGHT: Static = Static::new(|| {
    rx(
        r"(?i)\bindependen\w*\s+(?:\w+\s+){0,6}(?:oversight|supervis\w*|authorit\w*)\b|\b(?:oversight|supervis\w*|authorit\w*)\s+(?:\w+\s+){0,6}independen",
    )
});

impl Rule for Oversight {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Cx, out: &mut Vec<Finding>) {
        report_absence(
            cx,
            out,
            &Self::META,
            safeguard_articles,
            &OVERSIGHT,
            "no oversight by a body independent of the authorities that use the powers",
            "\"subject to oversight by one or more independent authorities with power to audit and order remedies\".",
        );
    }
}

declare_rule! {
    /// ## What it flags
    /// An instrument with powers or cooperation that provides for no public reporting:
    /// no statistics, no published numbers of requests, refusals or emergency requests.
    ///
    /// ## Why it matters
    /// Without numbers, neither parliaments nor the public can see how cross-border powers
    /// are used, or evaluate the treaty. Many treaties lack this: information severity.
    ///
    /// ## Authority
    /// Second Additional Protocol (CETS 224) art. 14(8) (records); EU e-Evidence Regulation
    /// 2023/1543 (reporting duties).
    ///
    /// ## Example
    /// ```text
    /// Article 1
    /// Mutual legal assistance
    /// States Parties shall afford one another mutual legal assistance in criminal matters.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Article 1
    /// Mutual legal assistance
    /// 1. States Parties shall afford one another mutual legal assistance in criminal matters.
    /// 2. Each State Party shall publish annually statistics on the requests sent, received and refused.
    /// ```
    ///
    /// ## Fix
    /// "Each State Party shall publish annually statistics on the number and type of requests
    /// sent and received, refused, and made in emergencies; service providers may publish
    /// aggregate numbers."
    pub struct Transparency {
        code: "TL124",
        name: "no-public-reporting",
        safeguard: Some("SG-TRANSP"),
        category: Accountability,
        severity: Info,
        status: Stable,
        authorities: ["Second Additional Protocol (CETS 224), art. 14(8)", "EU Regulation 2023/1543"],
    }
}

static TRANSPARENCY: Static = Static::new(|| {
    rx(
        r"(?i)\bstatistic|\bpublish\w*\b[^.;]{0,80}\b(?:number|requests|reports?)\b|\btransparency\s+reports?\b",
    )
});

impl Rule for Transparency {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Cx, out: &mut Vec<Finding>) {
        report_absence(
            cx,
            out,
            &Self::META,
            |cx, inst| cx.articles_of(inst),
            &TRANSPARENCY,
            "no public reporting on the use of the powers: no statistics on requests, refusals or emergencies",
            "\"Each State Party shall publish annually statistics on the number and type of requests sent, received and refused.\"",
        );
    }
}

declare_rule! {
    /// ## What it flags
    /// An instrument with powers or cooperation with no review of its human-rights impact
    /// and no way to suspend cooperation with a party in breach.
    ///
    /// ## Why it matters
    /// Review mechanisms that look only at implementation and technical assistance never ask
    /// whether the treaty is being used against human rights; extensions by protocol should
    /// depend on that review.
    ///
    /// ## Authority
    /// Second Additional Protocol (CETS 224) art. 14(15) (consultation and suspension).
    ///
    /// ## Example
    /// ```text
    /// Article 1
    /// Mutual legal assistance
    /// States Parties shall afford one another mutual legal assistance in criminal matters.
    ///
    /// Article 2
    /// Conference of the Parties
    /// The Conference of the Parties shall review the implementation of this Convention.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Article 1
    /// Mutual legal assistance
    /// States Parties shall afford one another mutual legal assistance in criminal matters.
    ///
    /// Article 2
    /// Conference of the Parties
    /// The Conference of the Parties shall review the implementation of this Convention, including its impact on human rights.
    /// ```
    ///
    /// ## Fix
    /// "The Conference of the States Parties shall review the application of this Convention,
    /// including its impact on human rights", and a suspension clause for systematic breaches.
    pub struct Review {
        code: "TL125",
        name: "no-human-rights-review",
        safeguard: Some("SG-REVIEW"),
        category: Accountability,
        severity: Info,
        status: Stable,
        authorities: ["Second Additional Protocol (CETS 224), art. 14(15)"],
    }
}

static REVIEW: Static = Static::new(|| {
    rx(
        r"(?i)\breview\w*\b[^.]{0,160}\bhuman\s+rights\b|\bhuman\s+rights\b[^.]{0,160}\breview|\bsuspen(?:d|sion)\b[^.]{0,120}\b(?:co-?operation|transfers?)\b",
    )
});

impl Rule for Review {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Cx, out: &mut Vec<Finding>) {
        report_absence(
            cx,
            out,
            &Self::META,
            |cx, inst| cx.articles_of(inst),
            &REVIEW,
            "no review of the treaty's human-rights impact and no suspension of cooperation for breaches",
            "\"shall review the application of this Convention, including its impact on human rights\"; \"may suspend cooperation where there is substantial evidence of a systematic breach\".",
        );
    }
}

declare_rule! {
    /// ## What it flags
    /// An instrument with powers or cooperation that protects no privileged communications
    /// (lawyer and client, journalists' sources) and no interests of third parties.
    ///
    /// ## Why it matters
    /// Orders for data sweep in privileged material unless the treaty says otherwise, and
    /// requested states need a ground to refuse where their own law protects a privilege.
    ///
    /// ## Authority
    /// Budapest Convention art. 15(3) (third parties); ECtHR, Goodwin v. United Kingdom (1996)
    /// on journalistic sources.
    ///
    /// ## Example
    /// ```text
    /// Article 1
    /// Mutual legal assistance
    /// States Parties shall afford one another mutual legal assistance in criminal matters.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Article 1
    /// Mutual legal assistance
    /// 1. States Parties shall afford one another mutual legal assistance in criminal matters.
    /// 2. Assistance may be refused where it would disclose material protected by legal professional privilege or journalists' sources.
    /// ```
    ///
    /// ## Fix
    /// Protect privileged communications and journalistic sources expressly, and let the
    /// requested state refuse where its law protects a privilege.
    pub struct Privilege {
        code: "TL128",
        name: "no-privilege-protection",
        safeguard: Some("SG-PRIVILEGE"),
        category: HumanRights,
        severity: Info,
        status: Stable,
        authorities: ["Budapest Convention, art. 15(3)", "ECtHR, Goodwin v. United Kingdom (1996)"],
    }
}

static PRIVILEGE: Static = Static::new(|| {
    rx(
        r"(?i)\bprivilege|\bprofessional\s+secrecy\b|\bjournalis|\bsources\b|\binterests\s+of\s+third\s+parties\b|\bimmunit",
    )
});

impl Rule for Privilege {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Cx, out: &mut Vec<Finding>) {
        report_absence(
            cx,
            out,
            &Self::META,
            |cx, inst| cx.articles_of(inst),
            &PRIVILEGE,
            "no protection of privileged communications, journalists' sources or third parties' interests",
            "Protect legal professional privilege and journalistic sources; allow refusal where the requested state's law protects a privilege.",
        );
    }
}
