//! What rules share: the document, the model, and indexes built once per check.

use std::collections::HashMap;

use super::{Finding, RuleMeta};
use crate::model::{Class, Model, ProvisionId};
use crate::span::TextRange;
use crate::syntax::{Document, NodeId, NodeKind};

pub struct Cx<'a> {
    pub doc: &'a Document,
    pub model: &'a Model,
    /// Provisions of each article, in order.
    by_article: HashMap<NodeId, Vec<ProvisionId>>,
    /// Articles in document order.
    articles: Vec<NodeId>,
    /// The outermost cooperation chapters or sections.
    coop_groupings: Vec<NodeId>,
    /// Articles about cooperation, in document order.
    coop_articles: Vec<NodeId>,
    /// Power kinds of each article.
    powers: HashMap<NodeId, Vec<crate::model::classify::PowerKind>>,
    /// Articles of each instrument, in document order.
    by_instrument: HashMap<NodeId, Vec<NodeId>>,
    /// Whether each instrument is a criminal-justice one, worked out on first use.
    criminal: std::sync::OnceLock<HashMap<NodeId, bool>>,
}

impl<'a> Cx<'a> {
    pub fn new(doc: &'a Document, model: &'a Model) -> Self {
        let mut by_article: HashMap<NodeId, Vec<ProvisionId>> = HashMap::new();
        for (i, p) in model.provisions.iter().enumerate() {
            if let Some(a) = doc.enclosing(p.node, NodeKind::Article) {
                by_article.entry(a).or_default().push(ProvisionId(i as u32));
            }
        }
        let articles: Vec<NodeId> = doc.of_kind(NodeKind::Article).collect();
        let mut gs: Vec<NodeId> = model.nodes_with(Class::CooperationChapter).collect();
        let all = gs.clone();
        gs.retain(|&g| {
            !all.iter()
                .any(|&o| o != g && doc.node(o).range().contains(doc.node(g).range()))
        });
        let mut cx = Cx {
            doc,
            model,
            by_article,
            articles,
            coop_groupings: gs,
            coop_articles: Vec::new(),
            powers: HashMap::new(),
            by_instrument: HashMap::new(),
            criminal: std::sync::OnceLock::new(),
        };
        for &a in &cx.articles {
            if let Some(inst) = cx.instrument_of(a) {
                cx.by_instrument.entry(inst).or_default().push(a);
            }
        }
        for &a in &cx.articles {
            let mut kinds = Vec::new();
            for p in cx.provisions(a) {
                for c in model.classes_of(model.provision(p).node) {
                    if let Class::Power(k) = c.class
                        && !kinds.contains(&k)
                    {
                        kinds.push(k);
                    }
                }
            }
            cx.powers.insert(a, kinds);
        }
        cx.coop_articles = cx
            .articles
            .iter()
            .copied()
            .filter(|&a| cx.compute_in_cooperation(a))
            .collect();
        cx
    }

    /// A finding at the rule's default severity.
    pub fn finding(
        &self,
        meta: &'static RuleMeta,
        node: NodeId,
        range: TextRange,
        message: impl Into<String>,
    ) -> Finding {
        Finding {
            rule: meta,
            severity: meta.severity,
            message: message.into(),
            node,
            range,
            help: None,
            fix: None,
            related: Vec::new(),
            suppressed: None,
        }
    }

    pub fn articles(&self) -> &[NodeId] {
        &self.articles
    }

    /// The provisions of an article, in order.
    pub fn provisions(&self, article: NodeId) -> impl Iterator<Item = ProvisionId> + '_ {
        self.by_article.get(&article).into_iter().flatten().copied()
    }

    /// The normalised text of a provision.
    pub fn text(&self, p: ProvisionId) -> &str {
        &self.model.provision(p).text.text
    }

    /// The normalised text of a provision with its sketch, for searching: a pattern whose
    /// literals the provision lacks is not run.
    pub fn hay(&self, p: ProvisionId) -> crate::pattern::Haystack<'a> {
        self.model.provision(p).hay()
    }

    /// The source range of a range of a provision's normalised text.
    pub fn source(&self, p: ProvisionId, r: std::ops::Range<usize>) -> TextRange {
        self.model
            .provision(p)
            .text
            .source_range(TextRange::new(r.start, r.end))
    }

    /// The whole article's provisions' text, for presence tests.
    pub fn article_text(&self, article: NodeId) -> String {
        let mut s = String::new();
        for p in self.provisions(article) {
            s.push_str(self.text(p));
            s.push(' ');
        }
        s
    }

    /// The range to point at for an article as a whole: its caption, else its number line.
    pub fn article_anchor(&self, article: NodeId) -> TextRange {
        let node = self.doc.node(article);
        node.heading.or(node.number).unwrap_or_else(|| node.range())
    }

    pub fn has_class(&self, node: NodeId, class: Class) -> bool {
        self.model.has_class(node, class)
    }

    /// Articles of a class, in document order.
    pub fn articles_with(&self, class: Class) -> Vec<NodeId> {
        self.articles
            .iter()
            .copied()
            .filter(|&a| self.has_class(a, class))
            .collect()
    }

    /// The international cooperation chapters (or sections), outermost.
    pub fn cooperation_groupings(&self) -> Vec<NodeId> {
        self.coop_groupings.clone()
    }

    /// Whether a node lies in a cooperation chapter, or is an article about cooperation.
    pub fn in_cooperation(&self, node: NodeId) -> bool {
        match self.doc.enclosing(node, NodeKind::Article) {
            Some(a) => self
                .coop_articles
                .binary_search_by_key(&self.doc.node(a).span.start, |&x| {
                    self.doc.node(x).span.start
                })
                .is_ok(),
            None => self.compute_in_cooperation(node),
        }
    }

    fn compute_in_cooperation(&self, node: NodeId) -> bool {
        let range = self.doc.node(node).range();
        self.coop_groupings
            .iter()
            .any(|&g| self.doc.node(g).range().contains(range))
            || self
                .doc
                .enclosing(node, NodeKind::Article)
                .is_some_and(|a| {
                    [
                        Class::MutualLegalAssistance,
                        Class::Extradition,
                        Class::SpontaneousInformation,
                        Class::LawEnforcementCooperation,
                        Class::ContactPoint,
                        Class::DirectRequest,
                    ]
                    .iter()
                    .any(|&c| self.has_class(a, c))
                })
    }

    /// The cooperation articles, in order.
    pub fn cooperation_articles(&self) -> Vec<NodeId> {
        self.coop_articles.clone()
    }

    /// Articles that reference (directly) any of `targets`.
    pub fn refers_to(&self, from: NodeId, targets: &[NodeId]) -> bool {
        self.model.references_from(self.doc, from).any(|r| {
            r.targets.iter().any(|t| {
                targets
                    .iter()
                    .any(|&x| x == *t || self.doc.enclosing(*t, NodeKind::Article) == Some(x))
            })
        })
    }

    /// The deepest node containing an offset.
    pub fn node_at(&self, offset: usize) -> NodeId {
        let mut cur = Document::ROOT;
        loop {
            // Children are in document order and do not overlap: binary search for the last
            // one starting at or before the offset, then step back over empty ones.
            let children = &self.doc.node(cur).children;
            let contains = |c: NodeId| {
                let r = self.doc.node(c).range();
                r.start <= offset && offset < r.end.max(r.start + 1)
            };
            let upto = children.partition_point(|&c| self.doc.node(c).range().start <= offset);
            let next = children[..upto]
                .iter()
                .rev()
                .take_while(|&&c| {
                    let r = self.doc.node(c).range();
                    r.end > offset || r.start == r.end
                })
                .copied()
                .find(|&c| contains(c));
            match next {
                Some(n) => cur = n,
                None => return cur,
            }
        }
    }
}

/// Where a node is: article and paragraph as printed, and a readable path.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Location {
    pub article: Option<String>,
    pub paragraph: Option<String>,
    pub path: String,
}

pub fn location(doc: &Document, node: NodeId) -> Location {
    let mut parts = Vec::new();
    let mut loc = Location::default();
    let mut ids: Vec<NodeId> = std::iter::once(node).chain(doc.ancestors(node)).collect();
    ids.reverse();
    for id in ids {
        let n = doc.node(id);
        let num = doc.number(id);
        let part = match n.kind {
            NodeKind::Part => format!("Part {}", num.unwrap_or("")),
            NodeKind::Chapter => format!("Chapter {}", num.unwrap_or("")),
            NodeKind::Section => format!("Section {}", num.unwrap_or("")),
            NodeKind::Title => format!("Title {}", num.unwrap_or("")),
            NodeKind::Subsection => format!("Subsection {}", num.unwrap_or("")),
            NodeKind::Annex => format!("Annex {}", num.unwrap_or(""))
                .trim_end()
                .to_string(),
            NodeKind::Preamble => "Preamble".to_string(),
            NodeKind::Article => {
                loc.article = num.map(str::to_string);
                format!("Article {}", num.unwrap_or(""))
            }
            NodeKind::Paragraph => match num {
                Some(n) => {
                    loc.paragraph = Some(n.to_string());
                    format!("paragraph {n}")
                }
                None => continue,
            },
            NodeKind::Subparagraph => format!("subparagraph ({})", num.unwrap_or("")),
            NodeKind::Item => format!("item ({})", num.unwrap_or("")),
            _ => continue,
        };
        parts.push(part);
    }
    loc.path = parts.join(" > ");
    loc
}

impl Cx<'_> {
    /// The instrument a node belongs to.
    pub fn instrument_of(&self, node: NodeId) -> Option<NodeId> {
        self.doc.enclosing(node, NodeKind::Instrument)
    }

    /// Instruments of the document.
    pub fn instruments(&self) -> Vec<NodeId> {
        self.doc
            .node(Document::ROOT)
            .children
            .iter()
            .copied()
            .filter(|&c| self.doc.node(c).kind == NodeKind::Instrument)
            .collect()
    }

    /// Whether the article's own provisions carry a class.
    pub fn article_has(&self, article: NodeId, class: Class) -> bool {
        self.has_class(article, class)
            || self
                .provisions(article)
                .any(|p| self.has_class(self.model.provision(p).node, class))
    }

    /// The power classes of an article's provisions.
    pub fn powers(&self, article: NodeId) -> &[crate::model::classify::PowerKind] {
        self.powers.get(&article).map_or(&[], Vec::as_slice)
    }

    /// The first match of a pattern in an article's provisions: provision and source range.
    pub fn find_in(
        &self,
        article: NodeId,
        re: &crate::pattern::Pattern,
    ) -> Option<(ProvisionId, TextRange)> {
        self.provisions(article)
            .find_map(|p| re.find(self.hay(p)).map(|m| (p, self.source(p, m.range()))))
    }

    /// Every match of a pattern in an article's provisions.
    pub fn find_all_in(
        &self,
        article: NodeId,
        re: &crate::pattern::Pattern,
    ) -> Vec<(ProvisionId, TextRange)> {
        self.provisions(article)
            .flat_map(|p| {
                re.find_iter(self.hay(p))
                    .map(move |m| (p, m.range()))
                    .collect::<Vec<_>>()
            })
            .map(|(p, r)| (p, self.source(p, r)))
            .collect()
    }

    /// Whether an instrument is a criminal-justice instrument: it creates offences, or its
    /// cooperation concerns criminal matters (not assistance between data-protection
    /// authorities).
    pub fn criminal_instrument(&self, inst: NodeId) -> bool {
        static CRIMINAL: std::sync::LazyLock<crate::pattern::Pattern> =
            std::sync::LazyLock::new(|| {
                crate::pattern::Pattern::fixed(r"(?i)\bcriminal\b|\boffences?\b|\bprosecution")
            });
        // Rules ask per instrument, several times: answered once for every instrument.
        let criminal = self.criminal.get_or_init(|| {
            self.by_instrument
                .iter()
                .map(|(&i, articles)| {
                    let yes = articles.iter().any(|&a| {
                        self.has_class(a, Class::Criminalization)
                            || ((self.in_cooperation(a) || !self.powers(a).is_empty())
                                && self.find_in(a, &CRIMINAL).is_some())
                    });
                    (i, yes)
                })
                .collect()
        });
        criminal.get(&inst).copied().unwrap_or(false)
    }

    /// The provision node of a provision id.
    pub fn node_of(&self, p: ProvisionId) -> NodeId {
        self.model.provision(p).node
    }
}

impl Cx<'_> {
    /// Criminal-justice instruments of the document that create powers or organise mutual
    /// assistance: where instrument-level safeguards are expected.
    pub fn instruments_with_powers(&self) -> Vec<NodeId> {
        self.instruments()
            .into_iter()
            .filter(|&i| self.criminal_instrument(i))
            .filter(|&i| {
                self.by_instrument.get(&i).is_some_and(|articles| {
                    articles.iter().any(|&a| {
                        !self.powers(a).is_empty()
                            || self.has_class(a, Class::MutualLegalAssistance)
                    })
                })
            })
            .collect()
    }

    /// The articles of an instrument, in document order.
    pub fn articles_of(&self, inst: NodeId) -> Vec<NodeId> {
        self.by_instrument.get(&inst).cloned().unwrap_or_default()
    }

    /// Where an instrument-level finding goes: the conditions-and-safeguards article, else
    /// the cooperation chapter's heading, else the first power or mutual assistance article,
    /// else the title.
    pub fn instrument_anchor(&self, inst: NodeId) -> (NodeId, TextRange) {
        let arts = self.articles_of(inst);
        if let Some(&a) = arts
            .iter()
            .find(|&&a| self.has_class(a, Class::ConditionsSafeguards))
        {
            return (a, self.article_anchor(a));
        }
        if let Some(g) = self
            .cooperation_groupings()
            .into_iter()
            .find(|&g| self.instrument_of(g) == Some(inst))
            && let Some(h) = self.doc.node(g).heading
        {
            return (g, h);
        }
        if let Some(&a) = arts.iter().find(|&&a| {
            !self.powers(a).is_empty() || self.has_class(a, Class::MutualLegalAssistance)
        }) {
            return (a, self.article_anchor(a));
        }
        (
            inst,
            self.doc
                .node(inst)
                .heading
                .unwrap_or_else(|| self.doc.node(inst).range()),
        )
    }

    /// The refusal grounds of the mutual assistance articles: the list of grounds rather than
    /// the dual-criminality refusal; with the words that make it one.
    pub fn refusal_anchor(&self, mla: &[NodeId]) -> Option<(NodeId, TextRange)> {
        mla.iter().find_map(|&a| {
            let refusals: Vec<ProvisionId> = self
                .provisions(a)
                .filter(|&p| self.has_class(self.node_of(p), Class::RefusalGround))
                .collect();
            let p = refusals
                .iter()
                .copied()
                .find(|&p| !self.has_class(self.node_of(p), Class::DualCriminality))
                .or(refusals.first().copied())?;
            let node = self.node_of(p);
            let words = self
                .model
                .classes_of(node)
                .find(|c| c.class == Class::RefusalGround)
                .and_then(|c| c.evidence.first().map(|e| e.range));
            Some((node, words.unwrap_or(self.doc.node(node).range())))
        })
    }

    /// Forwards the model's structural findings of some codes as a rule's findings.
    pub fn forward(
        &self,
        meta: &'static RuleMeta,
        codes: &[crate::model::StructuralCode],
        out: &mut Vec<Finding>,
    ) {
        for f in self
            .model
            .findings
            .iter()
            .filter(|f| codes.contains(&f.code))
        {
            out.push(self.finding(meta, f.node, f.range, f.message.clone()));
        }
    }

    /// Whether a pattern occurs in any of the articles.
    pub fn any_in(&self, articles: &[NodeId], re: &crate::pattern::Pattern) -> bool {
        articles.iter().any(|&a| self.find_in(a, re).is_some())
    }
}
