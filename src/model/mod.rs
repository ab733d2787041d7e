//! The semantic model: what each provision obliges, how strongly, with which hedges, what it
//! refers to and which terms it defines; and what kind of provision it is, with evidence.
//!
//! Built once per document from the tree ([`Model::build`]). Every provision's text is
//! normalised once here; rules query the model and never rescan the source.

mod checks;
pub mod classify;
pub mod deontic;
pub mod hedges;
pub mod refs;
mod sentences;
pub mod terms;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use crate::pattern::{Grams, Haystack};
use crate::span::TextRange;
use crate::syntax::text::NormText;
use crate::syntax::{Document, NodeId, NodeKind};

pub use checks::{StructuralCode, StructuralFinding};
pub use classify::{Class, Classification, Evidence};
pub use deontic::{Condition, ConditionKind, Force, Obligation};
pub use hedges::{Hedge, HedgeKind};
pub use refs::{RefKind, Reference};
pub use terms::{DefinedTerm, TermUse};

/// A node whose own text is read: paragraphs, subparagraphs, items, text blocks, preambles.
#[derive(Clone, Debug)]
pub struct Provision {
    pub node: NodeId,
    pub text: NormText,
    /// The trigram sketch of `text`, against which patterns check their gates (shared with
    /// the cache of a document that changes).
    pub grams: Arc<Grams>,
    /// Ranges of `text` (normalised offsets), one per clause, in order.
    pub clauses: Vec<ClauseId>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClauseId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ProvisionId(pub u32);

/// A clause: the unit that carries one obligation (or none).
#[derive(Clone, Debug)]
pub struct Clause {
    pub provision: ProvisionId,
    /// Index of the sentence within the provision.
    pub sentence: u32,
    /// Range in the provision's normalised text.
    pub norm: Range<usize>,
    /// Range in the source.
    pub range: TextRange,
    pub obligation: Option<Obligation>,
    /// A clause without a modal of its own that continues a chapeau ("Each Party shall
    /// ensure that: (a) ...") takes the chapeau's obligation.
    pub inherits: Option<ClauseId>,
    pub hedges: Vec<Hedge>,
    pub conditions: Vec<Condition>,
}

impl Provision {
    /// The provision's text to search, with its sketch: a pattern whose literals are not all
    /// in the text is not run (see [`crate::pattern`]).
    pub fn hay(&self) -> Haystack<'_> {
        Haystack::new(&self.text.text, &self.grams)
    }
}

/// The semantic model of one document.
#[derive(Clone, Debug, Default)]
pub struct Model {
    pub provisions: Vec<Provision>,
    pub clauses: Vec<Clause>,
    pub references: Vec<Reference>,
    pub terms: Vec<DefinedTerm>,
    pub term_uses: Vec<TermUse>,
    pub classifications: Vec<Classification>,
    pub findings: Vec<StructuralFinding>,
    /// Provision id of each node that is a provision, by node index.
    by_node: Vec<Option<ProvisionId>>,
    /// Indices into `classifications`, by node index.
    classes_by_node: Vec<Vec<u32>>,
}

fn is_provision(kind: NodeKind) -> bool {
    kind.is_provision() || kind == NodeKind::Preamble
}

/// What the model reads from a provision's text alone, in the text's own offsets: its
/// sketch, its clauses (obligations, conditions, hedges) and the matches of the classifying
/// patterns. Shared between a document's model and the [`ModelCache`].
#[derive(Clone, Debug)]
struct TextAnalysis {
    grams: Arc<Grams>,
    facts: Arc<classify::TextFacts>,
    clauses: Arc<[Clause]>,
}

impl TextAnalysis {
    fn of(text: &str) -> TextAnalysis {
        let grams = Grams::of(text);
        let hay = Haystack::new(text, &grams);
        let facts = classify::TextFacts::of(hay);
        let clauses = sentences::clauses_of(hay).into();
        TextAnalysis {
            grams: Arc::new(grams),
            facts: Arc::new(facts),
            clauses,
        }
    }
}

/// The analyses of provision texts seen before, by text. Kept between checks of a changing
/// document (the language server), so that after an edit only the provisions whose text
/// changed are analysed again.
#[derive(Debug, Default)]
pub struct ModelCache {
    /// Each text's analysis, and the last build that met it.
    texts: HashMap<Box<str>, (TextAnalysis, u64)>,
    build: u64,
    /// The searcher for the defined terms, while the terms stay the same.
    terms: terms::Searcher,
}

impl ModelCache {
    fn analysis(&mut self, text: &str) -> TextAnalysis {
        let build = self.build;
        if let Some((a, seen)) = self.texts.get_mut(text) {
            *seen = build;
            return a.clone();
        }
        let a = TextAnalysis::of(text);
        self.texts.insert(text.into(), (a.clone(), build));
        a
    }
}

impl Model {
    /// Builds the model of a document.
    pub fn build(doc: &Document) -> Model {
        Model::build_with(doc, None)
    }

    /// [`Model::build`], reading provisions seen before from `cache`. Texts the document no
    /// longer has are dropped once they make up half the cache.
    pub fn build_cached(doc: &Document, cache: &mut ModelCache) -> Model {
        Model::build_with(doc, Some(cache))
    }

    fn build_with(doc: &Document, mut cache: Option<&mut ModelCache>) -> Model {
        let mut model = Model {
            by_node: vec![None; doc.nodes.len()],
            ..Model::default()
        };
        if let Some(c) = cache.as_deref_mut() {
            c.build += 1;
        }
        // What the patterns found in each provision's text, by provision: read by the
        // stages below, then dropped (or kept by the cache).
        let mut facts: Vec<Arc<classify::TextFacts>> = Vec::new();
        for id in doc.preorder() {
            let node = doc.node(id);
            if !is_provision(node.kind) || node.text.is_empty() {
                continue;
            }
            let pid = ProvisionId(model.provisions.len() as u32);
            model.by_node[id.index()] = Some(pid);
            let text = doc.node_text(id);
            let a = match cache.as_deref_mut() {
                Some(c) => c.analysis(&text.text),
                None => TextAnalysis::of(&text.text),
            };
            facts.push(a.facts);
            let mut p = Provision {
                node: id,
                grams: a.grams,
                text,
                clauses: Vec::with_capacity(a.clauses.len()),
            };
            for c in a.clauses.iter() {
                p.clauses.push(ClauseId(model.clauses.len() as u32));
                model.clauses.push(sentences::relocate(c, pid, &p));
            }
            model.provisions.push(p);
        }
        if let Some(c) = cache.as_deref_mut()
            && c.texts.len() > 2 * model.provisions.len() + 64
        {
            let build = c.build;
            c.texts.retain(|_, (_, seen)| *seen == build);
        }
        deontic::inherit_chapeaus(doc, &mut model);
        model.references = refs::resolve_all(doc, &model);
        let (terms, uses) = terms::collect(doc, &model, &facts, cache.map(|c| &mut c.terms));
        model.terms = terms;
        model.term_uses = uses;
        model.classifications = classify::classify(doc, &model, &facts);
        model.classes_by_node = vec![Vec::new(); doc.nodes.len()];
        for (i, c) in model.classifications.iter().enumerate() {
            model.classes_by_node[c.node.index()].push(i as u32);
        }
        model.findings = checks::run(doc, &model, &facts);
        model
    }

    pub fn provision(&self, id: ProvisionId) -> &Provision {
        &self.provisions[id.0 as usize]
    }

    pub fn clause(&self, id: ClauseId) -> &Clause {
        &self.clauses[id.0 as usize]
    }

    /// The provision reading a node's own text, if the node has text.
    pub fn provision_of(&self, node: NodeId) -> Option<ProvisionId> {
        self.by_node.get(node.index()).copied().flatten()
    }

    /// The normalised text of a clause.
    pub fn clause_text(&self, id: ClauseId) -> &str {
        let c = self.clause(id);
        &self.provision(c.provision).text.text[c.norm.clone()]
    }

    /// The clause's own obligation, or the chapeau's it continues.
    pub fn effective_obligation(&self, id: ClauseId) -> Option<&Obligation> {
        let c = self.clause(id);
        c.obligation
            .as_ref()
            .or_else(|| c.inherits.and_then(|p| self.clause(p).obligation.as_ref()))
    }

    /// Clauses of the provisions under `node` (itself included), in document order.
    pub fn clauses_under<'a>(
        &'a self,
        doc: &'a Document,
        node: NodeId,
    ) -> impl Iterator<Item = ClauseId> + 'a {
        // Provisions are in document order: a binary search finds the first inside the node.
        let range = doc.node(node).range();
        let first = self
            .provisions
            .partition_point(|p| doc.node(p.node).span.start < range.start);
        self.provisions[first..]
            .iter()
            .take_while(move |p| doc.node(p.node).span.start < range.end)
            .filter(move |p| range.contains(doc.node(p.node).range()))
            .flat_map(|p| p.clauses.iter().copied())
    }

    /// Classifications of a node.
    pub fn classes_of(&self, node: NodeId) -> impl Iterator<Item = &Classification> {
        self.classes_by_node
            .get(node.index())
            .into_iter()
            .flatten()
            .map(|&i| &self.classifications[i as usize])
    }

    pub fn has_class(&self, node: NodeId, class: Class) -> bool {
        self.classes_of(node).any(|c| c.class == class)
    }

    /// Nodes with a class, in document order.
    pub fn nodes_with(&self, class: Class) -> impl Iterator<Item = NodeId> + '_ {
        self.classifications
            .iter()
            .filter(move |c| c.class == class)
            .map(|c| c.node)
    }

    /// References made from within a node (its own text or its descendants').
    pub fn references_from<'a>(
        &'a self,
        doc: &'a Document,
        node: NodeId,
    ) -> impl Iterator<Item = &'a Reference> + 'a {
        // References are sorted by position: a binary search finds the first inside the node.
        let range = doc.node(node).range();
        let first = self
            .references
            .partition_point(|r| r.range.start < range.start);
        self.references[first..]
            .iter()
            .take_while(move |r| r.range.start < range.end)
            .filter(move |r| range.contains(r.range))
    }
}

/// Maps a normalised range of a provision to the source.
pub(crate) fn source_range(p: &Provision, r: Range<usize>) -> TextRange {
    p.text.source_range(TextRange::new(r.start, r.end))
}
