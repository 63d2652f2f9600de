//! The `attribution` member of the record: quotations, speakers, sources and
//! marked terms. The field names and enum spellings are a public contract read
//! by downstream code and by the evaluation; change them only with a schema
//! version bump.

use serde::{Deserialize, Serialize};

/// Who said what, and on whose authority, for one dispatch.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    /// The trailing credit line as written ("وكالات", "(AFP)"), if any.
    pub credit_line: Option<String>,
    /// Every quotation found, in text order.
    pub quotes: Vec<Quote>,
    /// Every agency or outlet the text leans on, in text order.
    pub sources: Vec<Source>,
    /// Quote-marked spans that are not quotations (scare quotes, names, titles).
    pub marked_terms: Vec<MarkedTerm>,
}

/// A span of the normalized body: `text == body[start..end]` in code points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// One quotation (direct, partial or indirect).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted content, without the enclosing quote marks.
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub kind: QuoteKind,
    /// The speech verb or phrase that introduces the quotation.
    pub cue: Option<Span>,
    /// Who said it; `None` when no speaker could be found.
    pub speaker: Option<Speaker>,
    /// Canonical outlet id the speaker talked to ("told AFP" -> `afp`).
    pub medium: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// A whole quoted utterance between quote marks.
    Direct,
    /// A quoted fragment inside reported speech.
    Partial,
    /// Reported speech without quote marks ("said that ...").
    Indirect,
}

/// The speaker of a quotation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    /// The person's name, when given ("ديمتري بيسكوف").
    pub name: Option<String>,
    /// The role or title, when given ("المتحدث باسم الكرملين").
    pub role: Option<String>,
    pub kind: SpeakerKind,
    /// The words in the text that name the speaker for this quotation.
    pub mention: Span,
    pub resolved_by: ResolvedBy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerKind {
    Person,
    Anonymous,
    Organization,
    Document,
}

/// How the speaker of a quotation was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ResolvedBy {
    /// Named right next to the cue.
    Explicit,
    /// A bare follow-on cue ("he added", "وأضاف") took the previous speaker.
    Previous,
    /// A surname alone referred back to a full name given earlier.
    Surname,
    /// A pronoun took the nearest compatible speaker.
    Pronoun,
}

/// An agency or outlet the dispatch relies on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// Canonical lowercase id from the outlet gazetteer (`afp`, `reuters`).
    pub id: String,
    /// Canonical display name ("Agence France-Presse").
    pub name: String,
    /// The words used in the text ("وكالة الصحافة الفرنسية").
    pub mention: String,
    pub role: SourceRole,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceRole {
    /// Supplied the copy (credit line or dateline agency).
    Credit,
    /// Cited as the origin of a piece of information ("according to").
    Cited,
    /// The outlet a speaker talked to ("told AFP").
    Interviewed,
    /// A statement or communiqué issued by a body.
    Statement,
}

/// A quote-marked span that is not a quotation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkedTerm {
    pub text: String,
    pub start: usize,
    pub end: usize,
}
