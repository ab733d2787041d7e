//! Classification of articles, groupings and provisions, with the evidence for each: which
//! words made the model read an article as the mutual legal assistance article, or a
//! paragraph as one that creates a power.

use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

use crate::pattern::Pattern;

use std::collections::{HashMap, HashSet};

use super::{Model, Provision, source_range};
use crate::pattern::Haystack;
use crate::span::TextRange;
use crate::syntax::{Document, NodeId, NodeKind};

/// What a power lets authorities do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PowerKind {
    Preservation,
    Production,
    SearchSeizure,
    RealTime,
    Interception,
    Transmission,
    Access,
}

impl PowerKind {
    pub fn name(self) -> &'static str {
        match self {
            PowerKind::Preservation => "preservation",
            PowerKind::Production => "production",
            PowerKind::SearchSeizure => "search-seizure",
            PowerKind::RealTime => "real-time",
            PowerKind::Interception => "interception",
            PowerKind::Transmission => "transmission",
            PowerKind::Access => "access",
        }
    }

    /// Coercive or intrusive measures (for dual criminality and authorisation).
    pub fn is_intrusive(self) -> bool {
        !matches!(self, PowerKind::Preservation | PowerKind::Transmission)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Class {
    // Groupings.
    CooperationChapter,
    ProceduralChapter,
    // Articles.
    Definitions,
    HumanRights,
    ConditionsSafeguards,
    Criminalization,
    Jurisdiction,
    MutualLegalAssistance,
    Extradition,
    DataProtection,
    SpontaneousInformation,
    LawEnforcementCooperation,
    ContactPoint,
    DirectRequest,
    RealTimeArticle,
    InterceptionArticle,
    // Provisions (paragraphs, subparagraphs, text).
    PurposeClause,
    ScopeClause,
    RefusalGround,
    Power(PowerKind),
    SafeguardReference,
    DualCriminality,
    Confidentiality,
    PersecutionClause,
    PoliticalOffence,
    UseLimitation,
    PersonalDataTransfer,
}

impl Class {
    pub fn name(self) -> String {
        let s = match self {
            Class::CooperationChapter => "cooperation-chapter",
            Class::ProceduralChapter => "procedural-chapter",
            Class::Definitions => "definitions",
            Class::HumanRights => "human-rights",
            Class::ConditionsSafeguards => "conditions-and-safeguards",
            Class::Criminalization => "criminalization",
            Class::Jurisdiction => "jurisdiction",
            Class::MutualLegalAssistance => "mutual-legal-assistance",
            Class::Extradition => "extradition",
            Class::DataProtection => "data-protection",
            Class::SpontaneousInformation => "spontaneous-information",
            Class::LawEnforcementCooperation => "law-enforcement-cooperation",
            Class::ContactPoint => "contact-point",
            Class::DirectRequest => "direct-request",
            Class::RealTimeArticle => "real-time-article",
            Class::InterceptionArticle => "interception-article",
            Class::PurposeClause => "purpose-clause",
            Class::ScopeClause => "scope-clause",
            Class::RefusalGround => "refusal-ground",
            Class::Power(k) => return format!("power:{}", k.name()),
            Class::SafeguardReference => "safeguard-reference",
            Class::DualCriminality => "dual-criminality",
            Class::Confidentiality => "confidentiality",
            Class::PersecutionClause => "persecution-clause",
            Class::PoliticalOffence => "political-offence",
            Class::UseLimitation => "use-limitation",
            Class::PersonalDataTransfer => "personal-data-transfer",
        };
        s.to_string()
    }
}

/// Why a node was classified so: the words, and which test they passed.
#[derive(Clone, Debug)]
pub struct Evidence {
    pub range: TextRange,
    pub reason: &'static str,
}

#[derive(Clone, Debug)]
pub struct Classification {
    pub node: NodeId,
    pub class: Class,
    pub evidence: Vec<Evidence>,
}

/// Article classes read from the caption.
static CAPTION_CLASSES: LazyLock<Vec<(Class, Pattern)>> = LazyLock::new(|| {
    vec![
        (
            Class::Definitions,
            Pattern::fixed(
                r"(?i)\b(?:definitions?|use\s+of\s+terms|terminology|meaning\s+of\s+terms)\b",
            ),
        ),
        (
            Class::HumanRights,
            Pattern::fixed(r"(?i)\bhuman\s+rights\b"),
        ),
        (
            Class::ConditionsSafeguards,
            Pattern::fixed(r"(?i)\bconditions\s+and\s+safeguards\b|^safeguards$"),
        ),
        (Class::Jurisdiction, Pattern::fixed(r"(?i)^jurisdiction$")),
        (
            Class::MutualLegalAssistance,
            Pattern::fixed(r"(?i)\bmutual\s+(?:legal\s+)?assistance\b|\bletters\s+rogatory\b"),
        ),
        (Class::Extradition, Pattern::fixed(r"(?i)\bextradition\b")),
        (
            Class::DataProtection,
            Pattern::fixed(
                r"(?i)\b(?:protection\s+of\s+(?:personal\s+)?data|data\s+protection|personal\s+data|quality\s+of\s+data|data\s+security|special\s+categories\s+of\s+data|data\s+subjects?)\b",
            ),
        ),
        (
            Class::SpontaneousInformation,
            Pattern::fixed(r"(?i)\bspontaneous\b|\binformation\s+without\s+(?:prior\s+)?request\b"),
        ),
        (
            Class::LawEnforcementCooperation,
            Pattern::fixed(r"(?i)\b(?:law[\s-]+enforcement|police)\s+co-?operation\b"),
        ),
        (
            Class::ContactPoint,
            Pattern::fixed(r"(?i)\b24/7\b|\bpoint\s+of\s+contact\b|\bnetwork\b"),
        ),
        (
            Class::RealTimeArticle,
            Pattern::fixed(r"(?i)\breal[\s-]+time\b"),
        ),
        (
            Class::InterceptionArticle,
            Pattern::fixed(r"(?i)\binterception\b"),
        ),
    ]
});

/// Article classes read from the text, when the caption says nothing.
static TEXT_CLASSES: LazyLock<Vec<(Class, Pattern)>> = LazyLock::new(|| {
    vec![
        (
            Class::ConditionsSafeguards,
            Pattern::fixed(r"(?i)\bsubject\s+to\s+conditions\s+and\s+safeguards\b"),
        ),
        (
            Class::MutualLegalAssistance,
            Pattern::fixed(
                r"(?i)\b(?:afford|provide|render)\s+(?:one\s+another|each\s+other)\s+(?:the\s+(?:widest|greatest)\s+measure\s+of\s+)?(?:mutual\s+(?:legal\s+)?)?assistance\b|\bmay\s+request\s+another\s+(?:State\s+)?Party\s+to\b",
            ),
        ),
        (
            Class::DirectRequest,
            Pattern::fixed(
                r"(?i)\bdirectly\s+to\s+(?:a\s+)?service\s+providers?\b|\bservice\s+provider\s+in\s+the\s+territory\s+of\s+another\b",
            ),
        ),
        (
            Class::SpontaneousInformation,
            Pattern::fixed(r"(?i)\bwithout\s+prior\s+request\b"),
        ),
        (
            Class::Criminalization,
            Pattern::fixed(r"(?i)\bestablish\s+as\s+(?:a\s+)?criminal\s+offences?\b"),
        ),
        (
            Class::HumanRights,
            Pattern::fixed(
                r"(?i)\bnothing\s+in\s+this\s+\w+\s+shall\s+be\s+interpreted\s+as\s+permitting\s+(?:the\s+)?suppression\b",
            ),
        ),
    ]
});

/// Provision classes, each with the pattern that evidences it.
static PROVISION_CLASSES: LazyLock<Vec<(Class, &'static str, Pattern)>> = LazyLock::new(|| {
    vec![
        (
            Class::PurposeClause,
            "states what the measures are for",
            Pattern::fixed(
                r"(?i)\bfor\s+the\s+purposes?\s+of\s+(?:(?:specific|particular|the|any)\s+)*(?:criminal\s+)?(?:investigations?|proceedings?|prosecutions?)|\bin\s+(?:specific\s+)?(?:criminal\s+)?investigations,?\s+(?:or\s+|and\s+)?(?:prosecutions|proceedings)|\bfor\s+the\s+(?:collection|purposes?)\s+of\s+(?:the\s+collection\s+of\s+)?evidence\b|\bpurposes?\s+of\s+this\s+(?:Convention|Protocol|Agreement)\s+(?:is|are)\b",
            ),
        ),
        (
            Class::ScopeClause,
            "says what the measures apply to",
            Pattern::fixed(
                r"(?i)\bshall\s+(?:also\s+)?apply\b[^.;]{0,120}\bto\b|\b(?:this|the\s+present)\s+(?:Convention|Protocol|Agreement|article|chapter)\s+(?:also\s+)?appl(?:y|ies)\s+to\b|\bapply\s+the\s+powers\s+and\s+procedures\b|\bshall\s+apply\s+to\s+(?:the\s+)?(?:criminal\s+)?offences\b",
            ),
        ),
        (
            Class::RefusalGround,
            "a ground on which assistance may or shall be refused",
            Pattern::fixed(
                r"(?i)\b(?:may|shall|must)\s+(?:also\s+)?be\s+refused\b|\brefuse\s+(?:to\s+(?:transfer|provide|execute|afford|render|cooperate|co-operate)|assistance|the\s+request|co-?operation|a\s+request)\b|\bdecline\s+to\s+(?:render|provide|afford)\b|\bgrounds?\s+for\s+refusal\b|\bimposing\s+an\s+obligation\s+to\s+(?:extradite|afford)\b",
            ),
        ),
        (
            Class::SafeguardReference,
            "makes the powers subject to the safeguards articles",
            Pattern::fixed(
                r"(?i)\bshall\s+be\s+subject\s+to\s+(?:articles?|the\s+conditions\s+and\s+safeguards)\b",
            ),
        ),
        (
            Class::DualCriminality,
            "concerns dual criminality",
            Pattern::fixed(
                r"(?i)\b(?:dual|double)\s+criminality\b|\bpunishable\s+under\s+the\s+(?:domestic\s+)?laws?\s+of\s+both\b|\b(?:would\s+)?(?:not\s+)?(?:be|is|constitute)\s+an?\s+(?:criminal\s+)?offence\s+under\s+(?:the\s+)?(?:its\s+)?(?:domestic\s+)?laws?\s+of\s+the\s+requested\b|\bis\s+a\s+criminal\s+offence\s+under\s+its\s+laws\b",
            ),
        ),
        (
            Class::Confidentiality,
            "imposes secrecy",
            Pattern::fixed(
                r"(?i)\b(?:keeps?|kept)\s+(?:\w+\s+){0,3}confidential\b|\bconfidentiality\s+of\s+the\s+request\b",
            ),
        ),
        (
            Class::PersecutionClause,
            "a persecution (non-discrimination) clause",
            Pattern::fixed(
                r"(?i)\bon\s+account\s+of\s+(?:that\s+person's\s+|his\s+or\s+her\s+|the\s+person's\s+)?(?:[\w,’']+\s+){0,8}?(?:race|religion|nationality|ethnic\s+origin|political\s+opinions?|sex)\b",
            ),
        ),
        (
            Class::PoliticalOffence,
            "mentions political offences",
            Pattern::fixed(r"(?i)\bpolitical\s+offences?\b"),
        ),
        (
            Class::UseLimitation,
            "limits the use of what is supplied",
            Pattern::fixed(
                r"(?i)\b(?:shall\s+not|not\s+to)\s+(?:transmit\s+or\s+use|use\s+or\s+transmit|use|be\s+used)\b[^.]{0,160}\b(?:other\s+than|without\s+the\s+prior\s+consent)|\bnot\s+(?:be\s+)?used\s+for\s+[^.;]{0,60}\bother\s+than\b|\bonly\s+(?:be\s+)?used\s+for\s+the\s+purposes?\b",
            ),
        ),
        (
            Class::PersonalDataTransfer,
            "transfers personal data",
            Pattern::fixed(
                r"(?i)\bpersonal\s+data\b[^.]{0,120}\b(?:transfer|transmit|shar(?:e|ing)|exchang|suppl)|\b(?:transfer|transmit|shar(?:e|ing)|exchang|suppl)\w*\s+(?:\w+\s+){0,3}personal\s+data\b",
            ),
        ),
    ]
});

/// Power verbs, by kind. A power needs an empowering construction as well.
static POWER_VERBS: LazyLock<Vec<(PowerKind, Pattern)>> = LazyLock::new(|| {
    vec![
        (
            PowerKind::Interception,
            Pattern::fixed(
                r"(?i)\bintercept(?:ion|ing)?\b(?:\s+(?:of\s+)?(?:the\s+)?(?:\w+\s+)?(?P<goods>goods|consignments?|shipments?|vessels?|substances|cargo))?|\bcontent\s+data\b[^.]{0,60}\b(?:collect|record)|\b(?:collect|record)\w*[^.]{0,60}\bcontent\s+data\b",
            ),
        ),
        (
            PowerKind::RealTime,
            Pattern::fixed(r"(?i)\breal[\s-]+time\b"),
        ),
        (
            PowerKind::SearchSeizure,
            Pattern::fixed(
                r"(?i)\bsearch(?:es)?\b|\bseiz(?:e|ure|ing)\b|\bsimilarly\s+(?:access|secure)\b",
            ),
        ),
        (
            PowerKind::Production,
            Pattern::fixed(
                r"(?i)\b(?:produc(?:e|tion)|submit|disclos(?:e|ure))\b[^.;]{0,60}?\b(?:data|information|records|documents|subscriber)\b",
            ),
        ),
        (
            PowerKind::Preservation,
            Pattern::fixed(r"(?i)\bpreserv(?:e|ation)\b"),
        ),
        (
            PowerKind::Access,
            Pattern::fixed(
                r"(?i)\baccess\s+(?:or\s+receive\s+)?[^.;]{0,80}?\b(?:computer|electronic)\s+data\b",
            ),
        ),
        (
            PowerKind::Transmission,
            Pattern::fixed(
                r"(?i)\b(?:transmit|share|exchang(?:e|ing)|forward|supply)\b[^.]{0,80}\b(?:information|data|evidence)\b|\bprovid(?:e|ing)\s+(?:\w+\s+){0,3}(?:information|data|evidence)\b",
            ),
        ),
    ]
});

/// An empowering construction: the clause gives authorities (or a requesting state) a power.
static EMPOWER: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::fixed(
        r"(?i)\b(?:empower|enable|authori[sz]e|permit)\s+(?:its\s+|their\s+)?(?:competent\s+)?(?:authorities|authority)\b|\b(?:order|require|compel|oblige)\s+(?:a|any|the)\s+(?:person|service\s+provider|custodian)\b|\bmay\s+request\s+another\b|\b(?:provide|afford|render)\s+(?:mutual\s+(?:legal\s+)?)?assistance\b|\bassistance\s+in\s+the\b|\bshall\s+(?:\w+ly\s+)?(?:disclose|preserve|transmit)\b|\bshall\s+(?:also\s+)?include\b|\bmay[^.;]{0,40}\b(?:transmit|share|exchange|access|search)\b|\bshall\s+(?:co-?operate|cooperate)\b[^.]{0,200}\bexchang|\border\s+to\s+be\s+submitted\s+directly\b|\bmay\s+(?:seek|obtain|access)\b|\b(?:transmit|provide|share)\s+(?:each\s+other|to\s+the\s+competent)\b|\bshall\s+provide\s+each\s+other\b|\bwithout\s+prior\s+request\b|\bmay\s+be\s+requested\s+for\b|\bmay,?\s+without\s+the\s+(?:authori[sz]ation|consent)\s+of\s+another\b",
    )
});

static CRIMINALIZE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::fixed(
        r"(?i)\bestablish\s+as\s+(?:a\s+)?criminal\s+offences?\b|\bcriminal\s+offences?\s+under\s+its\s+domestic\s+law\b.*\bwhen\s+committed\s+intentionally\b",
    )
});

static COOP_HEADING: LazyLock<Pattern> =
    LazyLock::new(|| Pattern::fixed(r"(?i)\bco-?operation\b|\bmutual\s+(?:legal\s+)?assistance\b"));
static PROC_HEADING: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::fixed(r"(?i)\bprocedural\b|\bprocedures?\b|\bprocedural\s+measures\b")
});

/// What a provision's text alone says about its classes, in the text's own offsets: the
/// patterns' matches, found once per text (and kept with the text by a document that
/// changes). The classification proper adds what depends on the document around it.
#[derive(Debug, Default)]
pub(crate) struct TextFacts {
    /// The text creates offences.
    criminalize: bool,
    /// Index into `PROVISION_CLASSES`, and the match.
    provision_classes: Vec<(usize, Range<usize>)>,
    /// Index into `TEXT_CLASSES`, and the match.
    text_classes: Vec<(usize, Range<usize>)>,
    /// The empowering words.
    empower: Option<Range<usize>>,
    /// The powers conferred after the empowering words (from the start without them).
    powers: OnceLock<Vec<(PowerKind, Range<usize>)>>,
    /// The powers named anywhere (as a subparagraph continuing an empowering chapeau).
    powers_from_start: OnceLock<Vec<(PowerKind, Range<usize>)>>,
    /// Terms defined: the quoted term's range (see `terms::DEFINITION`).
    pub(super) definitions: Vec<Range<usize>>,
    /// Quoted phrases that look like terms (see `checks::QUOTED`), found when first asked.
    pub(super) quoted: OnceLock<Vec<Range<usize>>>,
}

impl TextFacts {
    pub(crate) fn of(hay: Haystack<'_>) -> TextFacts {
        let matches = |patterns: &mut dyn Iterator<Item = &Pattern>| {
            patterns
                .enumerate()
                .filter_map(|(i, re)| re.find(hay).map(|m| (i, m.range())))
                .collect()
        };
        TextFacts {
            criminalize: CRIMINALIZE.is_match(hay),
            provision_classes: matches(&mut PROVISION_CLASSES.iter().map(|(_, _, re)| re)),
            text_classes: matches(&mut TEXT_CLASSES.iter().map(|(_, re)| re)),
            empower: EMPOWER.find(hay).map(|m| m.range()),
            powers: OnceLock::new(),
            powers_from_start: OnceLock::new(),
            definitions: super::terms::DEFINITION
                .captures_iter(hay)
                .filter_map(|c| c.name("term").map(|m| m.range()))
                .collect(),
            quoted: OnceLock::new(),
        }
    }

    fn powers(&self, hay: Haystack<'_>) -> &[(PowerKind, Range<usize>)] {
        let after = self.empower.as_ref().map_or(0, |e| e.start);
        self.powers.get_or_init(|| power_kinds(hay, after))
    }

    fn powers_from_start(&self, hay: Haystack<'_>) -> &[(PowerKind, Range<usize>)] {
        if self.empower.is_none() {
            return self.powers(hay);
        }
        self.powers_from_start.get_or_init(|| power_kinds(hay, 0))
    }
}

/// Classifications gathered so far, with an index so that adding evidence is O(1).
#[derive(Default)]
struct Acc {
    out: Vec<Classification>,
    index: HashMap<(NodeId, Class), usize>,
}

fn add(acc: &mut Acc, node: NodeId, class: Class, ev: Evidence) {
    match acc.index.get(&(node, class)) {
        Some(&i) => acc.out[i].evidence.push(ev),
        None => {
            acc.index.insert((node, class), acc.out.len());
            acc.out.push(Classification {
                node,
                class,
                evidence: vec![ev],
            });
        }
    }
}

/// The powers a text confers: the power verb nearest after the empowering words, and others
/// close to it ("search or similarly access, seize ..., and disclose"), but not verbs that
/// only describe a later request ("preservation ... for which it intends to request a search").
fn power_kinds(text: Haystack<'_>, after: usize) -> Vec<(PowerKind, std::ops::Range<usize>)> {
    let mut kinds: Vec<(PowerKind, std::ops::Range<usize>)> = Vec::new();
    for (kind, verb) in POWER_VERBS.iter() {
        // "intercepting ... goods" (controlled delivery) is not interception of communications.
        let hit = verb
            .captures_iter(text)
            .filter(|c| c.get(0).is_some_and(|m| m.start() >= after))
            .find(|c| c.name("goods").is_none())
            .and_then(|c| c.get(0));
        if let Some(m) = hit {
            kinds.push((*kind, m.range()));
        }
    }
    if let Some(nearest) = kinds.iter().map(|(_, r)| r.start).min() {
        kinds.retain(|(_, r)| r.start <= nearest + 80);
    }
    // Interception includes real time; keep the more specific.
    if kinds.iter().any(|(k, _)| *k == PowerKind::Interception) {
        kinds.retain(|(k, _)| *k != PowerKind::RealTime);
    }
    kinds
}

pub(super) fn classify(
    doc: &Document,
    model: &Model,
    facts: &[std::sync::Arc<TextFacts>],
) -> Vec<Classification> {
    let mut acc = Acc::default();
    // The facts of a provision (provisions and facts are in the same order).
    let facts_of = |p: &Provision| -> &TextFacts {
        let id = model
            .provision_of(p.node)
            .expect("every provision of the model has an id");
        &facts[id.0 as usize]
    };

    // Provisions of each article, and the articles that create offences, in one pass.
    let mut by_article: HashMap<NodeId, Vec<&Provision>> = HashMap::new();
    let mut offence_articles: HashSet<NodeId> = HashSet::new();
    for p in &model.provisions {
        if let Some(a) = doc.enclosing(p.node, NodeKind::Article) {
            by_article.entry(a).or_default().push(p);
            if facts_of(p).criminalize {
                offence_articles.insert(a);
            }
        }
    }

    // Provisions.
    for p in &model.provisions {
        let article = doc.enclosing(p.node, NodeKind::Article);
        let in_offence_article =
            article.map_or(facts_of(p).criminalize, |a| offence_articles.contains(&a));
        for (i, m) in &facts_of(p).provision_classes {
            let (class, reason, _) = &PROVISION_CLASSES[*i];
            add(
                &mut acc,
                p.node,
                *class,
                Evidence {
                    range: source_range(p, m.clone()),
                    reason,
                },
            );
        }
        if !in_offence_article {
            // The empowering words: in this provision, or in the chapeau it continues.
            let own = facts_of(p).empower.clone();
            let chapeau = if own.is_none()
                && matches!(
                    doc.node(p.node).kind,
                    NodeKind::Subparagraph | NodeKind::Item
                ) {
                doc.ancestors(p.node)
                    .filter_map(|a| model.provision_of(a))
                    .find_map(|a| {
                        let ap = model.provision(a);
                        facts_of(ap).empower.clone().map(|m| source_range(ap, m))
                    })
            } else {
                None
            };
            let empower = own.clone().map(|m| source_range(p, m)).or(chapeau);
            if let Some(empower) = empower {
                let mut kinds: Vec<(PowerKind, TextRange)> = facts_of(p)
                    .powers(p.hay())
                    .iter()
                    .map(|(k, r)| (*k, source_range(p, r.clone())))
                    .collect();
                // A chapeau ("empower its competent authorities to order:") takes the
                // verbs of its subparagraphs.
                if kinds.is_empty() && own.is_some() {
                    let range = doc.node(p.node).range();
                    let siblings = article.and_then(|a| by_article.get(&a));
                    for sub in siblings.into_iter().flatten() {
                        if sub.node != p.node && range.contains(doc.node(sub.node).range()) {
                            for (k, r) in facts_of(sub).powers_from_start(sub.hay()) {
                                if !kinds.iter().any(|(x, _)| x == k) {
                                    kinds.push((*k, source_range(sub, r.clone())));
                                }
                            }
                        }
                    }
                }
                for (kind, range) in kinds {
                    let reason = "an empowering construction";
                    add(
                        &mut acc,
                        p.node,
                        Class::Power(kind),
                        Evidence {
                            range: empower,
                            reason,
                        },
                    );
                    add(
                        &mut acc,
                        p.node,
                        Class::Power(kind),
                        Evidence {
                            range,
                            reason: "a power verb",
                        },
                    );
                }
            }
        }
    }

    // Articles: caption first, then text.
    for a in doc.of_kind(NodeKind::Article).collect::<Vec<_>>() {
        let node = doc.node(a);
        if let Some(h) = node.heading {
            let caption = doc.slice(h);
            for (class, pattern) in CAPTION_CLASSES.iter() {
                if let Some(m) = pattern.find(caption) {
                    // "Illegal interception" is an offence, not a power.
                    let offence = offence_articles.contains(&a);
                    if offence
                        && matches!(class, Class::InterceptionArticle | Class::RealTimeArticle)
                    {
                        continue;
                    }
                    add(
                        &mut acc,
                        a,
                        *class,
                        Evidence {
                            range: TextRange::new(h.start + m.start(), h.start + m.end()),
                            reason: "the caption",
                        },
                    );
                }
            }
        }
        for pid in by_article.get(&a).into_iter().flatten() {
            for (i, m) in &facts_of(pid).text_classes {
                add(
                    &mut acc,
                    a,
                    TEXT_CLASSES[*i].0,
                    Evidence {
                        range: source_range(pid, m.clone()),
                        reason: "the text",
                    },
                );
            }
        }
    }

    // Groupings: the cooperation chapter and the procedural chapter or section.
    let groupings: Vec<NodeId> = doc
        .preorder()
        .into_iter()
        .filter(|&g| doc.node(g).kind.is_grouping())
        .collect();
    for g in groupings {
        let node = doc.node(g);
        if let Some(h) = node.heading {
            let heading = doc.slice(h);
            if let Some(m) = COOP_HEADING.find(heading) {
                add(
                    &mut acc,
                    g,
                    Class::CooperationChapter,
                    Evidence {
                        range: TextRange::new(h.start + m.start(), h.start + m.end()),
                        reason: "the heading",
                    },
                );
            } else if let Some(m) = PROC_HEADING.find(heading) {
                add(
                    &mut acc,
                    g,
                    Class::ProceduralChapter,
                    Evidence {
                        range: TextRange::new(h.start + m.start(), h.start + m.end()),
                        reason: "the heading",
                    },
                );
            }
        }
    }
    // A chapter with no telling heading that holds the mutual assistance or extradition articles.
    let coop_articles: Vec<NodeId> = acc
        .out
        .iter()
        .filter(|c| {
            matches!(c.class, Class::MutualLegalAssistance | Class::Extradition)
                && doc.node(c.node).kind == NodeKind::Article
        })
        .map(|c| c.node)
        .collect();
    // The cooperation groupings found so far (few), grown as chapters are added.
    let mut coop: Vec<NodeId> = acc
        .out
        .iter()
        .filter(|c| c.class == Class::CooperationChapter)
        .map(|c| c.node)
        .collect();
    for a in coop_articles {
        if let Some(ch) = doc.enclosing(a, NodeKind::Chapter)
            && !coop.iter().any(|&g| {
                g == ch
                    || doc.node(ch).range().contains(doc.node(g).range())
                    || doc.node(g).range().contains(doc.node(ch).range())
            })
        {
            let ev = Evidence {
                range: doc.node(a).heading.unwrap_or_else(|| doc.node(a).range()),
                reason: "holds a mutual assistance or extradition article",
            };
            add(&mut acc, ch, Class::CooperationChapter, ev);
            coop.push(ch);
        }
    }
    let mut out = acc.out;
    out.sort_by_key(|c| (doc.node(c.node).span.start, c.class));
    out
}
