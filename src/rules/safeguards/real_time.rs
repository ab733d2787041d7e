use super::{Static, rx};
use crate::model::Class;
use crate::model::classify::PowerKind;
use crate::rules::{Cx, Finding, Rule, RuleMeta, declare_rule};

declare_rule! {
    /// ## What it flags
    /// Cross-border real-time collection and interception articles that lack the limits
    /// experts ask of the most intrusive powers: a closed or serious-offence list,
    /// authorisation, a time limit, and "specified" communications. Lists what is missing.
    ///
    /// ## Why it matters
    /// Real-time collection and interception reach everything a person says and does online.
    /// In cross-border form they are often asked to be removed altogether; at the least they
    /// must be confined and bounded.
    ///
    /// ## Authority
    /// Budapest Convention arts. 20-21 and 33-34; ECtHR, Roman Zakharov v. Russia (2015) and
    /// Big Brother Watch v. United Kingdom (2021).
    ///
    /// ## Example
    /// ```text
    /// Article 1
    /// Mutual legal assistance in the interception of content data
    /// States Parties shall provide mutual legal assistance in the real-time collection of content data of communications.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Article 1
    /// Mutual legal assistance in the interception of content data
    /// States Parties shall provide mutual legal assistance in the real-time collection of content data of specified communications, in relation to the serious offences established in accordance with articles 6 to 10, on the prior authorisation of a judge, for a period that shall not exceed thirty days.
    /// ```
    ///
    /// ## Fix
    /// Confine the article to specified communications and a closed list of serious
    /// offences, require prior judicial authorisation, and set a maximum duration.
    pub struct RealTime {
        code: "TL113",
        name: "unbounded-real-time-collection",
        safeguard: Some("SG-RT"),
        category: Powers,
        severity: Error,
        status: Stable,
        authorities: [
            "Budapest Convention, arts. 20-21, 33-34",
            "ECtHR, Roman Zakharov v. Russia (2015)",
            "ECtHR, Big Brother Watch v. United Kingdom (2021)",
        ],
    }
}

static OFFENCES: Static = Static::new(|| {
    rx(
        r"(?i)\bserious\s+offences\b|\boffences\s+established\s+in\s+accordance\s+with\s+articles?\b|\brange\s+of\s+(?:serious\s+)?offences\b",
    )
});
static AUTHORISATION: Static =
    Static::new(|| rx(r"(?i)\bauthori[sz]|\bwarrant\b|\bjudge\b|\bjudicial\b"));
static DURATION: Static = Static::new(|| {
    rx(
        r"(?i)\bshall\s+not\s+exceed\b|\b\d+\s+days\b|\b(?:thirty|sixty|ninety)\s+days\b|\bduration\b|\bperiod\b|\btime\s+limit",
    )
});
static SPECIFIED: Static = Static::new(|| rx(r"(?i)\bspecified\b|\bspecific\b"));

impl Rule for RealTime {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &Cx, out: &mut Vec<Finding>) {
        for &a in cx.articles() {
            let rt = cx.has_class(a, Class::RealTimeArticle)
                || cx.has_class(a, Class::InterceptionArticle)
                || cx
                    .powers(a)
                    .iter()
                    .any(|k| matches!(k, PowerKind::RealTime | PowerKind::Interception));
            if !rt || !cx.in_cooperation(a) || cx.has_class(a, Class::Criminalization) {
                continue;
            }
            let mut missing = Vec::new();
            for (re, what) in [
                (&*OFFENCES, "a list of serious offences"),
                (&*AUTHORISATION, "authorisation"),
                (&*DURATION, "a time limit"),
                (&*SPECIFIED, "\"specified\" communications"),
            ] {
                if cx.find_in(a, re).is_none() {
                    missing.push(what);
                }
            }
            // A reference to the domestic real-time power with its limits counts for the list.
            if missing.is_empty() {
                continue;
            }
            let mut f = cx.finding(
                &Self::META,
                a,
                cx.article_anchor(a),
                format!(
                    "cross-border real-time collection or interception without {}",
                    missing.join(", ")
                ),
            );
            f.help = Some("Confine to specified communications and listed serious offences, on prior judicial authorisation, for a period that shall not exceed a set number of days.".into());
            out.push(f);
        }
    }
}
