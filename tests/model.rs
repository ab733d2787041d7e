//! The semantic model on sentences written for these tests: every modal, negation, hedge and
//! reference form, with the tricky ones the rules depend on.

use treatylint::model::deontic::ActorKind;
use treatylint::model::{Class, Force, HedgeKind, Model, RefKind, StructuralCode};
use treatylint::syntax::{self, Document, NodeId, NodeKind};

fn build(text: &str) -> (Document, Model) {
    let doc = syntax::parse(text.to_string());
    let model = Model::build(&doc);
    (doc, model)
}

/// The obligation of the first clause of a one-paragraph article.
fn first(sentence: &str) -> (Document, Model, treatylint::model::ClauseId) {
    let (doc, model) = build(&format!("Article 1\nTest\n1. {sentence}\n"));
    let clause = model.provisions[0].clauses[0];
    (doc, model, clause)
}

fn force(sentence: &str) -> Force {
    let (_, model, c) = first(sentence);
    model
        .effective_obligation(c)
        .unwrap_or_else(|| panic!("no modal in {sentence:?}"))
        .force
}

#[test]
fn modal_forms() {
    let cases = [
        (
            "Each State Party shall adopt such measures as may be necessary.",
            Force::Shall,
        ),
        (
            "Each Party must ensure that the order is reviewed.",
            Force::Shall,
        ),
        (
            "Each Party undertakes to respect the rights of persons.",
            Force::Shall,
        ),
        (
            "The requesting Party shall not disclose the data.",
            Force::ShallNot,
        ),
        (
            "Bank secrecy may not be invoked as a ground for refusal.",
            Force::MayNot,
        ),
        ("A Party may refuse the request.", Force::May),
        ("States Parties should cooperate closely.", Force::Should),
        (
            "Each State Party shall endeavour to establish a register.",
            Force::Endeavour,
        ),
        (
            "Each State Party shall seek to promote training.",
            Force::Endeavour,
        ),
        (
            "Each State Party shall consider adopting further measures.",
            Force::Consider,
        ),
        (
            "States Parties are encouraged to conclude bilateral agreements.",
            Force::Encouraged,
        ),
        (
            "Nothing in this Convention shall be interpreted as imposing an obligation to afford mutual legal assistance if the request is politically motivated.",
            Force::NonObligation,
        ),
        (
            "Nothing in this article shall prevent a Party from granting wider assistance.",
            Force::Saving,
        ),
        (
            "That condition shall be deemed fulfilled irrespective of the category of the offence.",
            Force::Deeming,
        ),
        (
            "The requested State Party shall not be required to transfer personal data.",
            Force::NotRequired,
        ),
        (
            "The requested Party is not obliged to execute the request.",
            Force::NotRequired,
        ),
    ];
    for (sentence, want) in cases {
        assert_eq!(force(sentence), want, "{sentence}");
    }
    assert!(Force::NotRequired.is_weak() && !Force::NotRequired.is_mandatory());
    assert!(Force::MayNot.is_mandatory());
}

#[test]
fn actor_action_and_negation() {
    let (doc, model, c) = first(
        "The requesting State Party shall not transmit or use the information for other purposes.",
    );
    let o = model.effective_obligation(c).unwrap();
    assert_eq!(doc.slice(o.actor.unwrap()), "The requesting State Party");
    assert_eq!(o.actor_kind, ActorKind::RequestingParty);
    assert_eq!(o.verb, "transmit");
    assert!(o.negated);
    assert_eq!(doc.slice(o.modal), "shall not");

    // "shall not be refused" is a prohibition of refusal: passive, negated.
    let (_, model, c) =
        first("Assistance shall not be refused on the sole ground of bank secrecy.");
    let o = model.effective_obligation(c).unwrap();
    assert_eq!(
        (o.force, o.verb.as_str(), o.passive, o.negated),
        (Force::ShallNot, "be refused", true, true)
    );

    // "may, where appropriate," is weak, and the verb is found past the hedge.
    let (doc, model, c) =
        first("The requested State Party may, where appropriate, provide copies of records.");
    let o = model.effective_obligation(c).unwrap();
    assert_eq!((o.force, o.verb.as_str()), (Force::May, "provide"));
    assert_eq!(o.actor_kind, ActorKind::RequestedParty);
    let hedges = &model.clause(c).hedges;
    assert_eq!(hedges.len(), 1);
    assert_eq!(hedges[0].kind, HedgeKind::Discretion);
    assert_eq!(doc.slice(hedges[0].range), "where appropriate");

    // A modal inside a leading condition is not the main one.
    let (doc, model, c) = first(
        "Where the requested State Party is permitted to require dual criminality, that condition shall be deemed fulfilled.",
    );
    let o = model.effective_obligation(c).unwrap();
    assert_eq!(o.force, Force::Deeming);
    assert_eq!(model.clause(c).conditions[0].kind.name(), "where");
    let _ = doc;

    let (_, model, c) = first(
        "A Party shall execute the request unless the execution would prejudice its sovereignty.",
    );
    assert_eq!(model.clause(c).conditions[0].kind.name(), "unless");
    let (_, model, c) =
        first("A Party shall provide the data, except where the data are privileged.");
    assert_eq!(model.clause(c).conditions[0].kind.name(), "except");
}

#[test]
fn chapeau_obligations_reach_their_subparagraphs() {
    let (doc, model) = build(
        "Article 3\nPowers\n1. Each Party shall empower its competent authorities to order:\n(a) a person to submit specified data; and\n(b) a service provider to submit subscriber information.\n",
    );
    let subs: Vec<NodeId> = doc.of_kind(NodeKind::Subparagraph).collect();
    for s in subs {
        let p = model.provision_of(s).unwrap();
        let c = model.provision(p).clauses[0];
        assert!(model.clause(c).obligation.is_none());
        assert_eq!(model.effective_obligation(c).unwrap().force, Force::Shall);
    }
}

#[test]
fn hedge_forms() {
    let cases = [
        (
            "Each Party shall act in accordance with its domestic law.",
            HedgeKind::DomesticLaw,
            "in accordance with its domestic law",
        ),
        (
            "Each Party shall, subject to its domestic law, preserve the data.",
            HedgeKind::DomesticLaw,
            "subject to its domestic law",
        ),
        (
            "Each Party shall assist to the extent permitted by its domestic law.",
            HedgeKind::DomesticLaw,
            "to the extent permitted by its domestic law",
        ),
        (
            "Each Party shall, consistent with the fundamental principles of its legal system, adopt measures.",
            HedgeKind::DomesticLaw,
            "consistent with the fundamental principles of its legal system",
        ),
        (
            "A Party shall transfer data subject to applicable international law.",
            HedgeKind::VagueInternational,
            "applicable international law",
        ),
        (
            "A Party may, when it deems appropriate, provide assistance.",
            HedgeKind::Discretion,
            "when it deems appropriate",
        ),
        (
            "A Party may provide information if it considers that it could assist.",
            HedgeKind::Discretion,
            "if it considers",
        ),
        (
            "Such safeguards shall, as appropriate, include review.",
            HedgeKind::Discretion,
            "as appropriate",
        ),
    ];
    for (sentence, kind, words) in cases {
        let (doc, model, c) = first(sentence);
        let hedges = &model.clause(c).hedges;
        assert!(
            hedges
                .iter()
                .any(|h| h.kind == kind && doc.slice(h.range) == words),
            "{sentence}: {:?}",
            hedges
                .iter()
                .map(|h| (h.kind, doc.slice(h.range)))
                .collect::<Vec<_>>()
        );
    }
    // "applicable international law" with human rights close by is not vague.
    let (_, model, c) = first(
        "A Party shall act under applicable international law, including international human rights law.",
    );
    assert!(
        model
            .clause(c)
            .hedges
            .iter()
            .all(|h| h.kind != HedgeKind::VagueInternational)
    );
    // Establishing an offence "under its domestic law" defers nothing.
    let (_, model, c) = first(
        "Each Party shall establish as a criminal offence under its domestic law the access without right.",
    );
    assert!(model.clause(c).hedges.is_empty());
}

const REFS: &str = "\
Convention on Testing References

Chapter I
General

Article 1
Use of terms

For the purposes of this Convention:
(a) “computer data” means any representation of facts;
(b) \"Service provider\" shall mean any entity that offers communication services;
(c) ``traffic data\" means data about a communication.

Article 2
Scope

1. This Convention applies to the offences in articles 6 to 8 and to Articles 2 through 4.
2. Paragraph 1 of this article does not apply to a service provider or to the “stored data”.
3. The preceding paragraph and subparagraph (b) of paragraph 4 above apply within this chapter.
4. Each Party may:
(a) preserve computer data; and
(b) order service providers to act [without delay].

Chapter II
Cooperation

Section 1 – General

Article 3
Conditions and safeguards

Each Party shall ensure that the powers in this Section are subject to conditions and safeguards under the 1966 International Covenant on Civil and Political Rights and Convention 108.

Article 4
Mutual legal assistance

1. States Parties shall afford one another the widest measure of mutual legal assistance, as provided in Chapter I and article 99.
2. The powers and procedures referred to in this article shall be subject to Articles 3 and 5.
3. Mutual legal assistance may be refused if the request concerns a political offence.

Article 5
Real-time collection of traffic data

1. Each Party shall adopt such measures as may be necessary to empower its competent authorities to collect traffic data in real time (see Article 4, paragraph 2.
";

#[test]
fn references_resolve_to_nodes() {
    let (doc, model) = build(REFS);
    let by_text = |t: &str| {
        model
            .references
            .iter()
            .find(|r| doc.slice(r.range) == t)
            .unwrap_or_else(|| {
                panic!(
                    "no reference {t:?}: {:?}",
                    model
                        .references
                        .iter()
                        .map(|r| doc.slice(r.range))
                        .collect::<Vec<_>>()
                )
            })
    };
    let labels = |r: &treatylint::model::Reference| {
        r.targets
            .iter()
            .map(|&t| {
                format!(
                    "{} {}",
                    doc.node(t).kind.name(),
                    doc.number(t).unwrap_or("")
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        labels(by_text("articles 6 to 8")),
        Vec::<String>::new(),
        "articles 6 to 8 do not exist"
    );
    assert_eq!(
        labels(by_text("Articles 2 through 4")),
        ["article 2", "article 3", "article 4"]
    );
    assert_eq!(
        labels(by_text("Paragraph 1 of this article")),
        ["paragraph 1"]
    );
    assert_eq!(labels(by_text("The preceding paragraph")), ["paragraph 2"]);
    assert_eq!(
        labels(by_text("subparagraph (b) of paragraph 4 above")),
        ["subparagraph b"]
    );
    assert_eq!(labels(by_text("this chapter")), ["chapter I"]);
    assert_eq!(labels(by_text("this Section")), ["section 1"]);
    assert_eq!(labels(by_text("Chapter I")), ["chapter I"]);
    assert_eq!(
        labels(by_text("Articles 3 and 5")),
        ["article 3", "article 5"]
    );
    assert_eq!(labels(by_text("this article")), ["article 4"]);
    assert_eq!(by_text("this Convention").kind, RefKind::Instrument);
    assert_eq!(by_text("Article 4, paragraph 2").targets.len(), 1);
    assert_eq!(
        by_text("the 1966 International Covenant on Civil and Political Rights").kind,
        RefKind::External
    );
    assert_eq!(by_text("Convention 108").kind, RefKind::External);
    // Unresolvable references are structural findings.
    let dangling: Vec<&str> = model
        .findings
        .iter()
        .filter(|f| f.code == StructuralCode::DanglingReference)
        .map(|f| doc.slice(f.range))
        .collect();
    assert_eq!(dangling, ["articles 6 to 8", "article 99"]);
}

#[test]
fn defined_terms_and_their_uses() {
    let (doc, model) = build(REFS);
    let terms: Vec<&str> = model.terms.iter().map(|t| t.term.as_str()).collect();
    assert_eq!(terms, ["computer data", "service provider", "traffic data"]);
    assert_eq!(doc.slice(model.terms[2].range), "traffic data");
    let uses = |i: usize| model.term_uses.iter().filter(|u| u.term == i).count();
    assert_eq!(uses(0), 1, "computer data in 2(4)(a)");
    assert_eq!(uses(1), 2, "service provider(s) in 2(2) and 2(4)(b)");
    assert_eq!(uses(2), 1, "traffic data in article 5");
    let undefined: Vec<&str> = model
        .findings
        .iter()
        .filter(|f| f.code == StructuralCode::UndefinedTerm)
        .map(|f| doc.slice(f.range))
        .collect();
    assert_eq!(undefined, ["stored data"]);
}

#[test]
fn brackets_and_undecided_text() {
    let (doc, model) = build(REFS);
    let codes: Vec<(&str, &str)> = model
        .findings
        .iter()
        .filter(|f| {
            matches!(
                f.code,
                StructuralCode::UndecidedText | StructuralCode::UnbalancedBrackets
            )
        })
        .map(|f| (f.code.code(), doc.slice(f.range)))
        .collect();
    assert_eq!(
        codes,
        [
            ("undecided-text", "[without delay]"),
            ("unbalanced-brackets", "(")
        ]
    );
}

fn article(doc: &Document, n: &str) -> NodeId {
    doc.of_kind(NodeKind::Article)
        .find(|&a| doc.number(a) == Some(n))
        .unwrap()
}

#[test]
fn classification_with_evidence() {
    let (doc, model) = build(REFS);
    assert!(model.has_class(article(&doc, "1"), Class::Definitions));
    assert!(model.has_class(article(&doc, "3"), Class::ConditionsSafeguards));
    assert!(model.has_class(article(&doc, "4"), Class::MutualLegalAssistance));
    assert!(model.has_class(article(&doc, "5"), Class::RealTimeArticle));
    let coop: Vec<NodeId> = model.nodes_with(Class::CooperationChapter).collect();
    assert_eq!(coop.len(), 1);
    assert_eq!(doc.number(coop[0]), Some("II"));
    let para = |a: &str, p: &str| {
        let art = article(&doc, a);
        doc.of_kind(NodeKind::Paragraph)
            .find(|&x| doc.enclosing(x, NodeKind::Article) == Some(art) && doc.number(x) == Some(p))
            .unwrap()
    };
    assert!(model.has_class(para("4", "2"), Class::SafeguardReference));
    assert!(model.has_class(para("4", "3"), Class::RefusalGround));
    assert!(model.has_class(para("4", "3"), Class::PoliticalOffence));
    assert!(model.has_class(para("2", "1"), Class::ScopeClause));
    let rt = model
        .classes_of(para("5", "1"))
        .find(|c| c.class.name() == "power:real-time")
        .unwrap();
    let words: Vec<&str> = rt.evidence.iter().map(|e| doc.slice(e.range)).collect();
    assert_eq!(words, ["empower its competent authorities", "real time"]);
}

#[test]
fn offences_and_controlled_delivery_are_not_powers() {
    let (doc, model) = build(
        "Article 3\nIllegal interception\nEach Party shall adopt such legislative measures as may be necessary to establish as a criminal offence under its domestic law the interception without right of transmissions of computer data.\n\n\
         Article 4\nControlled delivery\nStates Parties shall, where appropriate, take measures to provide assistance in intercepting consignments of goods.\n\n\
         Article 5\nHuman rights\nThe prevention of disorder or crime may justify restrictions on these rights.\n",
    );
    let powers = model
        .classifications
        .iter()
        .filter(|c| matches!(c.class, Class::Power(_)))
        .count();
    assert_eq!(
        powers,
        0,
        "{:?}",
        model
            .classifications
            .iter()
            .map(|c| c.class.name())
            .collect::<Vec<_>>()
    );
    assert!(!model.has_class(article(&doc, "3"), Class::InterceptionArticle));
    assert!(model.has_class(article(&doc, "3"), Class::Criminalization));
    assert_eq!(model.nodes_with(Class::PurposeClause).count(), 0);
}
