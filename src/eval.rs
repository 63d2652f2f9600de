//! Scoring the pipeline against an annotated evaluation set (`tests/eval/`).
//!
//! Owns: the gold-annotation format ([`Gold`]), loading an evaluation set
//! from a directory, matching predicted against gold quotations, speakers,
//! sources and marked terms, and the per-language score table ([`Report`]).
//!
//! Must not touch: the stages themselves. It only calls
//! [`crate::Pipeline::enrich`] on raw bytes and reads `record.attribution`
//! and `record.ninjs.bodies[0].value`; it never tunes or inspects stage
//! internals. No Kafka, no HTTP; file reads happen only in [`load_set`].
//!
//! # The evaluation set on disk
//!
//! A directory holding, for each dispatch `NAME`, the raw dispatch bytes in
//! `NAME.<ext>` (any extension except `.json`, usually `.txt`; `.xml` or
//! `.ninjs` for other formats) and its gold annotation in `NAME.gold.json`.
//! Other files (`README.md`, `floor.json`) are ignored. The format of the gold
//! file is [`Gold`]; `tests/eval/README.md` documents it for annotators.
//!
//! # Matching rules
//!
//! Gold is anchored by **text**, never by offsets, because offsets point into
//! the *normalized* body, which the normalization stage produces.
//!
//! * **Locating gold text.** Both the gold text and the record body are
//!   folded ([`fold_for_search`]: NFKC, lowercase, Arabic diacritics and
//!   tatweel removed, alef/yeh/teh-marbuta variants unified, Arabic-Indic
//!   digits to ASCII, single quote marks and apostrophes to `'`, double
//!   quote marks of every script (“ ” „ « » ‹ ›) to `"`, dashes unified,
//!   whitespace runs collapsed to one space and dropped next to a double
//!   quote mark, so that `« x »` and `“x”` fold alike)
//!   and the folded gold text is searched in the folded body. Gold quotes are
//!   searched in order: the first occurrence at or after the start of the
//!   previous gold quote is taken, else the first occurrence anywhere. A gold
//!   quote whose text cannot be found counts as missed and produces a warning.
//! * **Quotations.** A predicted quote `p` (its `start..end` in the body;
//!   when that slice is not `p.text`, an `offset_mismatch` finding is
//!   reported and `p.text` is located in the body instead) and
//!   a located gold quote `g` overlap by `o` code points; they can match when
//!   `o > 0` and `o >= min(len(g), len(p)) / 2`. Pairs are matched one to one,
//!   greedily by decreasing overlap. Precision = matched / predicted, recall =
//!   matched / gold. The quote kind is not required to match; kind accuracy
//!   is reported separately over matched pairs.
//! * **Speakers** are scored over matched pairs only ([`speaker_matches`]).
//!   Gold `speaker: null` is correct only when the prediction has no speaker
//!   (or one with neither name nor role). Otherwise the prediction's `name`
//!   and `role` are each compared with the gold `speaker` and every
//!   `speaker_alts` entry: after [`fold_name`] (case, Arabic letter folding,
//!   punctuation dropped, articles "the/a/an/le/la/les/l'/un/une" dropped,
//!   the Arabic article "ال" stripped from words longer than three letters),
//!   one token sequence must contain the other as a contiguous run. So a
//!   surname alone ("تونر") matches the full name ("مارك تونر"), and
//!   "Foreign Ministry" matches "the Russian Foreign Ministry". When the gold
//!   `speaker_kind` is `person`, two names of two tokens or more that end in
//!   the same surname (three letters or more) also match, which absorbs
//!   transliteration variants of first names ("ديميتري"/"ديمتري بيسكوف").
//!   A role alone does not match a named gold speaker unless the annotator
//!   listed it in `speaker_alts`.
//! * **Sources** are compared per dispatch as *sets* of `(id, role)` pairs
//!   (several mentions of the same outlet in the same role count once), and
//!   again as sets of ids alone.
//! * **Marked terms** are compared per dispatch as multisets of folded texts.
//! * **Credit line**: correct when both are absent, or both present and equal
//!   after folding and dropping brackets, parentheses and dashes.
//!
//! Precision with no predictions is 1.0 when there is no gold either, else
//! 0.0; recall with no gold is 1.0. F1 is 0.0 when precision + recall is 0.
//! An accuracy over zero items is 0.0.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::model::{Attribution, EnrichedRecord, QuoteKind, ResolvedBy, SourceRole, SpeakerKind};
use crate::pipeline::{Origin, Pipeline};

/// Everything that can go wrong while loading an evaluation set.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A file or directory could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A gold file is not valid JSON of the documented shape.
    #[error("invalid gold file {path}: {source}")]
    Gold {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
    /// A gold file has no raw dispatch beside it (or more than one).
    #[error("gold file {path}: {problem}")]
    Dispatch { path: PathBuf, problem: String },
    /// The directory holds no gold files at all.
    #[error("no `*.gold.json` files in {0}")]
    Empty(PathBuf),
}

/// The gold annotation of one dispatch (`NAME.gold.json`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gold {
    /// Language of the dispatch: `ar`, `en` or `fr` (the score table groups by it).
    pub lang: String,
    /// The trailing credit line as written ("وكالات", "(AFP)"), or null.
    #[serde(default)]
    pub credit_line: Option<String>,
    /// Every quotation, in text order.
    #[serde(default)]
    pub quotes: Vec<GoldQuote>,
    /// Every agency or outlet the dispatch leans on, one entry per (id, role).
    #[serde(default)]
    pub sources: Vec<GoldSource>,
    /// Quote-marked texts that are not quotations, without the marks.
    #[serde(default)]
    pub marked_terms: Vec<String>,
    /// Free-form annotator notes (what the dispatch tests); not scored.
    #[serde(default)]
    pub notes: Option<String>,
}

/// One gold quotation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldQuote {
    /// The quoted content exactly as in the raw text, without quote marks.
    pub text: String,
    pub kind: QuoteKind,
    /// Canonical speaker: the person's full name when the text gives one,
    /// else the role or description ("a senior official"), else null.
    pub speaker: Option<String>,
    /// Other acceptable spellings of the speaker (not the role of a named person).
    #[serde(default)]
    pub speaker_alts: Vec<String>,
    /// The speaker's role or title when the text gives one; informational.
    #[serde(default)]
    pub speaker_role: Option<String>,
    #[serde(default)]
    pub speaker_kind: Option<SpeakerKind>,
    /// How a careful reader finds the speaker; informational.
    #[serde(default)]
    pub resolved_by: Option<ResolvedBy>,
}

/// One gold source: an outlet id from `data/outlets.toml` and its role.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldSource {
    pub id: String,
    pub role: SourceRoleName,
}

/// [`SourceRole`] with an ordering, so sets of pairs can be compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceRoleName {
    Credit,
    Cited,
    Interviewed,
    Statement,
}

impl From<SourceRole> for SourceRoleName {
    fn from(role: SourceRole) -> Self {
        match role {
            SourceRole::Credit => SourceRoleName::Credit,
            SourceRole::Cited => SourceRoleName::Cited,
            SourceRole::Interviewed => SourceRoleName::Interviewed,
            SourceRole::Statement => SourceRoleName::Statement,
        }
    }
}

/// One dispatch of an evaluation set: raw bytes plus gold.
#[derive(Debug, Clone)]
pub struct Case {
    /// `NAME` (file stem).
    pub name: String,
    pub raw_path: PathBuf,
    pub bytes: Vec<u8>,
    pub gold: Gold,
}

/// Load every `NAME.gold.json` in `dir` with its raw dispatch `NAME.<ext>`,
/// sorted by name.
pub fn load_set(dir: &Path) -> Result<Vec<Case>, EvalError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| EvalError::Io { path, source }
    };
    let mut files: Vec<PathBuf> = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io(dir))? {
        let entry = entry.map_err(io(dir))?;
        files.push(entry.path());
    }
    files.sort();
    let mut cases = Vec::new();
    for gold_path in &files {
        let Some(file_name) = gold_path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(name) = file_name.strip_suffix(".gold.json") else {
            continue;
        };
        let raws: Vec<&PathBuf> = files
            .iter()
            .filter(|p| {
                p.file_stem().and_then(|s| s.to_str()) == Some(name)
                    && p.extension().and_then(|e| e.to_str()) != Some("json")
            })
            .collect();
        let raw_path = match raws.as_slice() {
            [one] => (*one).clone(),
            [] => {
                return Err(EvalError::Dispatch {
                    path: gold_path.clone(),
                    problem: format!("no raw dispatch `{name}.<ext>` beside it"),
                })
            }
            _ => {
                return Err(EvalError::Dispatch {
                    path: gold_path.clone(),
                    problem: format!("more than one raw dispatch named `{name}.*`"),
                })
            }
        };
        let text = std::fs::read_to_string(gold_path).map_err(io(gold_path))?;
        let gold: Gold = serde_json::from_str(&text).map_err(|source| EvalError::Gold {
            path: gold_path.clone(),
            source,
        })?;
        let bytes = std::fs::read(&raw_path).map_err(io(&raw_path))?;
        cases.push(Case {
            name: name.to_string(),
            raw_path,
            bytes,
            gold,
        });
    }
    if cases.is_empty() {
        return Err(EvalError::Empty(dir.to_path_buf()));
    }
    Ok(cases)
}

/// Raw counts for one group of dispatches; scores are derived from them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub dispatches: usize,
    /// Dispatches the pipeline rejected (all their gold counts as missed).
    pub failed: usize,
    pub quotes_gold: usize,
    pub quotes_predicted: usize,
    pub quotes_matched: usize,
    /// Gold quotes whose text could not be found in the body.
    pub quotes_unlocated: usize,
    pub speakers_correct: usize,
    pub kinds_correct: usize,
    pub sources_gold: usize,
    pub sources_predicted: usize,
    pub sources_matched: usize,
    pub source_ids_gold: usize,
    pub source_ids_predicted: usize,
    pub source_ids_matched: usize,
    pub marked_gold: usize,
    pub marked_predicted: usize,
    pub marked_matched: usize,
    pub credit_correct: usize,
    /// Gold quotes by kind (`direct`, `partial`, `indirect`).
    pub direct: Tally,
    pub partial: Tally,
    pub indirect: Tally,
    /// Gold quotes by how a reader finds the speaker (gold `resolved_by`).
    pub explicit: Tally,
    pub previous: Tally,
    pub surname: Tally,
    pub pronoun: Tally,
}

/// Counts for one slice of the gold quotes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// Gold quotes in the slice.
    pub gold: usize,
    /// Of those, matched by a predicted quote.
    pub matched: usize,
    /// Of the matched, with an acceptable speaker.
    pub speakers_correct: usize,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.gold += o.gold;
        self.matched += o.matched;
        self.speakers_correct += o.speakers_correct;
    }
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.dispatches += o.dispatches;
        self.failed += o.failed;
        self.quotes_gold += o.quotes_gold;
        self.quotes_predicted += o.quotes_predicted;
        self.quotes_matched += o.quotes_matched;
        self.quotes_unlocated += o.quotes_unlocated;
        self.speakers_correct += o.speakers_correct;
        self.kinds_correct += o.kinds_correct;
        self.sources_gold += o.sources_gold;
        self.sources_predicted += o.sources_predicted;
        self.sources_matched += o.sources_matched;
        self.source_ids_gold += o.source_ids_gold;
        self.source_ids_predicted += o.source_ids_predicted;
        self.source_ids_matched += o.source_ids_matched;
        self.marked_gold += o.marked_gold;
        self.marked_predicted += o.marked_predicted;
        self.marked_matched += o.marked_matched;
        self.credit_correct += o.credit_correct;
        for (a, b) in [
            (&mut self.direct, &o.direct),
            (&mut self.partial, &o.partial),
            (&mut self.indirect, &o.indirect),
            (&mut self.explicit, &o.explicit),
            (&mut self.previous, &o.previous),
            (&mut self.surname, &o.surname),
            (&mut self.pronoun, &o.pronoun),
        ] {
            a.add(b);
        }
    }

    /// Derive the scores.
    pub fn scores(&self) -> Scores {
        let (qp, qr, qf) = prf(self.quotes_matched, self.quotes_predicted, self.quotes_gold);
        let (sp, sr, sf) = prf(
            self.sources_matched,
            self.sources_predicted,
            self.sources_gold,
        );
        let (ip, ir, i_f) = prf(
            self.source_ids_matched,
            self.source_ids_predicted,
            self.source_ids_gold,
        );
        let (mp, mr, mf) = prf(self.marked_matched, self.marked_predicted, self.marked_gold);
        Scores {
            quote_precision: qp,
            quote_recall: qr,
            quote_f1: qf,
            speaker_accuracy: ratio(self.speakers_correct, self.quotes_matched),
            kind_accuracy: ratio(self.kinds_correct, self.quotes_matched),
            source_precision: sp,
            source_recall: sr,
            source_f1: sf,
            source_id_precision: ip,
            source_id_recall: ir,
            source_id_f1: i_f,
            marked_precision: mp,
            marked_recall: mr,
            marked_f1: mf,
            credit_accuracy: ratio(self.credit_correct, self.dispatches),
            direct_recall: ratio(self.direct.matched, self.direct.gold),
            partial_recall: ratio(self.partial.matched, self.partial.gold),
            indirect_recall: ratio(self.indirect.matched, self.indirect.gold),
            speaker_explicit: ratio(self.explicit.speakers_correct, self.explicit.matched),
            speaker_previous: ratio(self.previous.speakers_correct, self.previous.matched),
            speaker_surname: ratio(self.surname.speakers_correct, self.surname.matched),
            speaker_pronoun: ratio(self.pronoun.speakers_correct, self.pronoun.matched),
            counts: *self,
        }
    }
}

/// Scores of one group of dispatches (a language, or all). Every score is in
/// `0.0..=1.0`; the field names are the metric names used in `floor.json`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Scores {
    pub quote_precision: f64,
    pub quote_recall: f64,
    pub quote_f1: f64,
    /// Correct speakers / matched quotes.
    pub speaker_accuracy: f64,
    /// Matched quotes whose kind (direct/partial/indirect) equals gold.
    pub kind_accuracy: f64,
    pub source_precision: f64,
    pub source_recall: f64,
    pub source_f1: f64,
    pub source_id_precision: f64,
    pub source_id_recall: f64,
    pub source_id_f1: f64,
    pub marked_precision: f64,
    pub marked_recall: f64,
    pub marked_f1: f64,
    pub credit_accuracy: f64,
    /// Recall of gold quotes of each kind.
    pub direct_recall: f64,
    pub partial_recall: f64,
    pub indirect_recall: f64,
    /// Speaker accuracy over matched quotes whose gold `resolved_by` is
    /// `explicit`, `previous`, `surname`, `pronoun`.
    pub speaker_explicit: f64,
    pub speaker_previous: f64,
    pub speaker_surname: f64,
    pub speaker_pronoun: f64,
    pub counts: Counts,
}

impl Scores {
    /// A score by its metric name (the field names above), for floors.
    pub fn metric(&self, name: &str) -> Option<f64> {
        Some(match name {
            "quote_precision" => self.quote_precision,
            "quote_recall" => self.quote_recall,
            "quote_f1" => self.quote_f1,
            "speaker_accuracy" => self.speaker_accuracy,
            "kind_accuracy" => self.kind_accuracy,
            "source_precision" => self.source_precision,
            "source_recall" => self.source_recall,
            "source_f1" => self.source_f1,
            "source_id_precision" => self.source_id_precision,
            "source_id_recall" => self.source_id_recall,
            "source_id_f1" => self.source_id_f1,
            "marked_precision" => self.marked_precision,
            "marked_recall" => self.marked_recall,
            "marked_f1" => self.marked_f1,
            "credit_accuracy" => self.credit_accuracy,
            "direct_recall" => self.direct_recall,
            "partial_recall" => self.partial_recall,
            "indirect_recall" => self.indirect_recall,
            "speaker_explicit" => self.speaker_explicit,
            "speaker_previous" => self.speaker_previous,
            "speaker_surname" => self.speaker_surname,
            "speaker_pronoun" => self.speaker_pronoun,
            _ => return None,
        })
    }
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        n as f64 / d as f64
    }
}

/// Precision, recall, F1 from matched / predicted / gold counts.
fn prf(matched: usize, predicted: usize, gold: usize) -> (f64, f64, f64) {
    let p = if predicted == 0 {
        if gold == 0 {
            1.0
        } else {
            0.0
        }
    } else {
        matched as f64 / predicted as f64
    };
    let r = if gold == 0 {
        1.0
    } else {
        matched as f64 / gold as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

/// What went wrong with one gold or predicted item, for `--verbose` output.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub dispatch: String,
    /// `missed_quote`, `false_quote`, `wrong_speaker`, `unlocated`,
    /// `offset_mismatch` (a predicted quote whose `start..end` slice is not its
    /// `text`; the text is then located instead), `missed_source`,
    /// `false_source`, `missed_marked`, `false_marked`, `credit`, `failed`.
    pub kind: String,
    pub detail: String,
}

/// The result of scoring one dispatch.
#[derive(Debug, Clone, Default)]
pub struct CaseResult {
    pub counts: Counts,
    pub findings: Vec<Finding>,
}

/// The whole evaluation: scores per language and overall, plus findings.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub overall: Scores,
    pub by_language: BTreeMap<String, Scores>,
    /// Problems with the evaluation itself (gold text not found, failures).
    pub warnings: Vec<String>,
    /// Every miss and false alarm, per dispatch.
    pub findings: Vec<Finding>,
    /// Raw counts of each dispatch, in set order (for spotting regressions).
    pub dispatches: Vec<DispatchCounts>,
}

/// The raw counts of one dispatch.
#[derive(Debug, Clone, Serialize)]
pub struct DispatchCounts {
    pub name: String,
    pub lang: String,
    pub counts: Counts,
}

/// Run the pipeline on every case and score it.
pub fn evaluate(cases: &[Case], pipeline: &Pipeline) -> Report {
    let mut overall = Counts::default();
    let mut by_lang: BTreeMap<String, Counts> = BTreeMap::new();
    let mut warnings = Vec::new();
    let mut findings = Vec::new();
    let mut dispatches = Vec::new();
    for case in cases {
        let result = match pipeline.enrich(&case.bytes, &Origin::default()) {
            Ok(record) => score_record(&case.name, &case.gold, &record),
            Err(e) => {
                warnings.push(format!(
                    "{}: the pipeline rejected the dispatch: {e}",
                    case.name
                ));
                score_failure(&case.name, &case.gold)
            }
        };
        for f in &result.findings {
            let what = match f.kind.as_str() {
                "unlocated" => "gold quote not found in the body",
                "offset_mismatch" => "predicted offsets do not slice the quote text",
                _ => continue,
            };
            warnings.push(format!("{}: {what}: {}", f.dispatch, f.detail));
        }
        overall.add(&result.counts);
        by_lang
            .entry(case.gold.lang.clone())
            .or_default()
            .add(&result.counts);
        findings.extend(result.findings);
        dispatches.push(DispatchCounts {
            name: case.name.clone(),
            lang: case.gold.lang.clone(),
            counts: result.counts,
        });
    }
    Report {
        overall: overall.scores(),
        by_language: by_lang
            .iter()
            .map(|(k, v)| (k.clone(), v.scores()))
            .collect(),
        warnings,
        findings,
        dispatches,
    }
}

/// Counts for a dispatch the pipeline rejected: every gold item is missed.
fn score_failure(name: &str, gold: &Gold) -> CaseResult {
    let gold_sources = gold_source_set(gold);
    let gold_ids: std::collections::BTreeSet<&str> =
        gold_sources.iter().map(|s| s.0.as_str()).collect();
    let mut counts = Counts::default();
    for q in &gold.quotes {
        for t in tallies(&mut counts, q) {
            t.gold += 1;
        }
    }
    CaseResult {
        counts: Counts {
            dispatches: 1,
            failed: 1,
            quotes_gold: gold.quotes.len(),
            sources_gold: gold_sources.len(),
            source_ids_gold: gold_ids.len(),
            marked_gold: gold.marked_terms.len(),
            ..counts
        },
        findings: vec![Finding {
            dispatch: name.to_string(),
            kind: "failed".into(),
            detail: "the pipeline rejected the dispatch".into(),
        }],
    }
}

fn gold_source_set(gold: &Gold) -> std::collections::BTreeSet<(String, SourceRoleName)> {
    gold.sources
        .iter()
        .map(|s| (s.id.clone(), s.role))
        .collect()
}

/// Score one record against its gold annotation.
pub fn score_record(name: &str, gold: &Gold, record: &EnrichedRecord) -> CaseResult {
    let body = record
        .ninjs
        .bodies
        .first()
        .map(|b| b.value.as_str())
        .unwrap_or("");
    score_attribution(name, gold, body, &record.attribution)
}

/// Score one attribution (with the body its offsets point into) against gold.
pub fn score_attribution(
    name: &str,
    gold: &Gold,
    body: &str,
    predicted: &Attribution,
) -> CaseResult {
    let mut counts = Counts {
        dispatches: 1,
        ..Counts::default()
    };
    let mut findings = Vec::new();
    let mut finding = |kind: &str, detail: String| {
        findings.push(Finding {
            dispatch: name.to_string(),
            kind: kind.to_string(),
            detail,
        })
    };
    let folded = FoldedText::new(body);
    let body_len = body.chars().count();

    // Locate gold quotes.
    let gold_spans = locate_in(&folded, gold);
    for (q, span) in gold.quotes.iter().zip(&gold_spans) {
        if span.is_none() {
            counts.quotes_unlocated += 1;
            finding("unlocated", q.text.clone());
        }
    }
    // Predicted spans: the offsets, when they are in range and their slice
    // is the quote's text (after folding); else the text located in the body
    // (reported as an offset mismatch, a contract violation of the stage).
    let body_chars: Vec<char> = body.chars().collect();
    let mut pred_spans: Vec<Option<(usize, usize)>> = Vec::new();
    for p in &predicted.quotes {
        let slice_ok = p.start < p.end
            && p.end <= body_len
            && fold_for_search(&body_chars[p.start..p.end].iter().collect::<String>())
                == fold_for_search(&p.text);
        if slice_ok {
            pred_spans.push(Some((p.start, p.end)));
            continue;
        }
        finding(
            "offset_mismatch",
            format!("{}..{} for {:?}", p.start, p.end, short(&p.text)),
        );
        let located = folded.find(&p.text, 0);
        let in_range = (p.start < p.end && p.end <= body_len).then_some((p.start, p.end));
        pred_spans.push(located.or(in_range));
    }
    counts.quotes_gold = gold.quotes.len();
    counts.quotes_predicted = predicted.quotes.len();

    for q in &gold.quotes {
        for t in tallies(&mut counts, q) {
            t.gold += 1;
        }
    }
    let pairs = match_spans(&gold_spans, &pred_spans);
    let mut gold_used = vec![false; gold.quotes.len()];
    let mut pred_used = vec![false; predicted.quotes.len()];
    for &(gi, pi) in &pairs {
        gold_used[gi] = true;
        pred_used[pi] = true;
        counts.quotes_matched += 1;
        let (g, p) = (&gold.quotes[gi], &predicted.quotes[pi]);
        if g.kind == p.kind {
            counts.kinds_correct += 1;
        }
        let speaker_ok = speaker_matches(g, p.speaker.as_ref());
        for t in tallies(&mut counts, g) {
            t.matched += 1;
            if speaker_ok {
                t.speakers_correct += 1;
            }
        }
        if speaker_ok {
            counts.speakers_correct += 1;
        } else {
            let got = p
                .speaker
                .as_ref()
                .map(|s| {
                    format!(
                        "name={:?} role={:?}",
                        s.name.as_deref().unwrap_or(""),
                        s.role.as_deref().unwrap_or("")
                    )
                })
                .unwrap_or_else(|| "none".into());
            finding(
                "wrong_speaker",
                format!(
                    "{:?}: gold {:?}, got {got}",
                    short(&g.text),
                    g.speaker.as_deref().unwrap_or("null")
                ),
            );
        }
    }
    for (gi, used) in gold_used.iter().enumerate() {
        if !used && gold_spans[gi].is_some() {
            finding("missed_quote", short(&gold.quotes[gi].text));
        }
    }
    for (pi, used) in pred_used.iter().enumerate() {
        if !used {
            finding("false_quote", short(&predicted.quotes[pi].text));
        }
    }

    // Sources: sets of (id, role), and of ids.
    let gold_sources = gold_source_set(gold);
    let pred_sources: std::collections::BTreeSet<(String, SourceRoleName)> = predicted
        .sources
        .iter()
        .map(|s| (s.id.clone(), s.role.into()))
        .collect();
    counts.sources_gold = gold_sources.len();
    counts.sources_predicted = pred_sources.len();
    counts.sources_matched = gold_sources.intersection(&pred_sources).count();
    for s in gold_sources.difference(&pred_sources) {
        finding("missed_source", format!("{} ({:?})", s.0, s.1));
    }
    for s in pred_sources.difference(&gold_sources) {
        finding("false_source", format!("{} ({:?})", s.0, s.1));
    }
    let gold_ids: std::collections::BTreeSet<&str> =
        gold_sources.iter().map(|s| s.0.as_str()).collect();
    let pred_ids: std::collections::BTreeSet<&str> =
        pred_sources.iter().map(|s| s.0.as_str()).collect();
    counts.source_ids_gold = gold_ids.len();
    counts.source_ids_predicted = pred_ids.len();
    counts.source_ids_matched = gold_ids.intersection(&pred_ids).count();

    // Marked terms: multisets of folded texts.
    let mut pred_marked: Vec<String> = predicted
        .marked_terms
        .iter()
        .map(|m| fold_for_search(&m.text))
        .collect();
    counts.marked_gold = gold.marked_terms.len();
    counts.marked_predicted = pred_marked.len();
    for m in &gold.marked_terms {
        let key = fold_for_search(m);
        if let Some(i) = pred_marked.iter().position(|p| *p == key) {
            pred_marked.swap_remove(i);
            counts.marked_matched += 1;
        } else {
            finding("missed_marked", m.clone());
        }
    }
    for m in pred_marked {
        finding("false_marked", m);
    }

    // Credit line.
    let credit_key = |s: &str| -> String {
        fold_for_search(s)
            .chars()
            .filter(|c| !matches!(c, '(' | ')' | '[' | ']' | '-' | ' '))
            .collect()
    };
    let credit_ok = match (&gold.credit_line, &predicted.credit_line) {
        (None, None) => true,
        (Some(g), Some(p)) => credit_key(g) == credit_key(p),
        _ => false,
    };
    if credit_ok {
        counts.credit_correct += 1;
    } else {
        finding(
            "credit",
            format!(
                "gold {:?}, got {:?}",
                gold.credit_line.as_deref().unwrap_or("null"),
                predicted.credit_line.as_deref().unwrap_or("null")
            ),
        );
    }
    CaseResult { counts, findings }
}

/// Locate every gold quote in `body` (see the module docs): the code-point
/// span of its text, or `None` when it cannot be found.
pub fn locate_quotes(gold: &Gold, body: &str) -> Vec<Option<(usize, usize)>> {
    locate_in(&FoldedText::new(body), gold)
}

fn locate_in(folded: &FoldedText, gold: &Gold) -> Vec<Option<(usize, usize)>> {
    let mut from = 0usize;
    gold.quotes
        .iter()
        .map(|q| {
            let span = folded
                .find(&q.text, from)
                .or_else(|| folded.find(&q.text, 0));
            if let Some((s, _)) = span {
                from = s;
            }
            span
        })
        .collect()
}

/// The slices a gold quote belongs to: its kind, and its `resolved_by`.
fn tallies<'c>(counts: &'c mut Counts, q: &GoldQuote) -> Vec<&'c mut Tally> {
    let Counts {
        direct,
        partial,
        indirect,
        explicit,
        previous,
        surname,
        pronoun,
        ..
    } = counts;
    let mut out = vec![match q.kind {
        QuoteKind::Direct => direct,
        QuoteKind::Partial => partial,
        QuoteKind::Indirect => indirect,
    }];
    match q.resolved_by {
        Some(ResolvedBy::Explicit) => out.push(explicit),
        Some(ResolvedBy::Previous) => out.push(previous),
        Some(ResolvedBy::Surname) => out.push(surname),
        Some(ResolvedBy::Pronoun) => out.push(pronoun),
        None => {}
    }
    out
}

fn short(s: &str) -> String {
    let n = s.chars().count();
    if n <= 60 {
        s.to_string()
    } else {
        let head: String = s.chars().take(57).collect();
        format!("{head}...")
    }
}

/// The overlap of two half-open spans, in code points.
fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

/// Whether two spans overlap by at least half of the shorter one (and by at
/// least one code point).
pub fn spans_match(a: (usize, usize), b: (usize, usize)) -> bool {
    let o = overlap(a, b);
    let shorter = (a.1.saturating_sub(a.0)).min(b.1.saturating_sub(b.0));
    o > 0 && 2 * o >= shorter
}

/// One-to-one matching of gold to predicted spans, greedy by decreasing
/// overlap; returns `(gold index, predicted index)` pairs.
fn match_spans(
    gold: &[Option<(usize, usize)>],
    pred: &[Option<(usize, usize)>],
) -> Vec<(usize, usize)> {
    let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        let Some(g) = *g else { continue };
        for (pi, p) in pred.iter().enumerate() {
            let Some(p) = *p else { continue };
            if spans_match(g, p) {
                candidates.push((overlap(g, p), gi, pi));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut gold_used = vec![false; gold.len()];
    let mut pred_used = vec![false; pred.len()];
    let mut pairs = Vec::new();
    for (_, gi, pi) in candidates {
        if !gold_used[gi] && !pred_used[pi] {
            gold_used[gi] = true;
            pred_used[pi] = true;
            pairs.push((gi, pi));
        }
    }
    pairs.sort_unstable();
    pairs
}

/// Whether a predicted speaker is acceptable for a gold quote (see the
/// module docs for the rule).
pub fn speaker_matches(gold: &GoldQuote, predicted: Option<&crate::model::Speaker>) -> bool {
    let predicted: Vec<&str> = predicted
        .map(|s| {
            s.name
                .iter()
                .chain(s.role.iter())
                .map(String::as_str)
                .collect()
        })
        .unwrap_or_default();
    let Some(gold_name) = gold.speaker.as_deref() else {
        return predicted.is_empty();
    };
    let golds: Vec<Vec<String>> = std::iter::once(gold_name)
        .chain(gold.speaker_alts.iter().map(String::as_str))
        .map(fold_name)
        .filter(|t| !t.is_empty())
        .collect();
    let person = gold.speaker_kind == Some(SpeakerKind::Person);
    predicted.iter().any(|p| {
        let p = fold_name(p);
        !p.is_empty()
            && golds.iter().any(|g| {
                contains_run(g, &p) || contains_run(&p, g) || (person && same_surname(g, &p))
            })
    })
}

/// Both multi-token names end in the same token of three letters or more.
fn same_surname(a: &[String], b: &[String]) -> bool {
    match (a.last(), b.last()) {
        (Some(x), Some(y)) => a.len() > 1 && b.len() > 1 && x == y && x.chars().count() >= 3,
        _ => false,
    }
}

/// Whether `needle` occurs in `hay` as a contiguous run of tokens.
fn contains_run(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty()
        && needle.len() <= hay.len()
        && hay.windows(needle.len()).any(|w| w == needle)
}

/// Fold a speaker name or role into comparable tokens (see module docs).
pub fn fold_name(s: &str) -> Vec<String> {
    const ARTICLES: &[&str] = &["the", "a", "an", "le", "la", "les", "l", "un", "une"];
    let folded = fold_for_search(s);
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty() && !ARTICLES.contains(t))
        .map(|t| {
            let n = t.chars().count();
            match t.strip_prefix("ال") {
                Some(rest) if n > 3 + 2 => rest.to_string(),
                _ => t.to_string(),
            }
        })
        .collect()
}

/// Fold one character for searching; `None` drops it.
fn fold_char(c: char) -> Option<char> {
    match c {
        // Arabic harakat, superscript alef, tatweel.
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => None,
        // Bidi and zero-width controls, soft hyphen.
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{00AD}'
        | '\u{FEFF}' => None,
        'أ' | 'إ' | 'آ' | 'ٱ' => Some('ا'),
        'ى' | 'ی' => Some('ي'),
        'ة' => Some('ه'),
        'ک' => Some('ك'),
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{02BC}' | '`' | '\u{00B4}' => {
            Some('\'')
        }
        // Double quote marks of every script fold to one: the normalization
        // stage may straighten or curl them.
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
        | '\u{2039}' | '\u{203A}' | '\u{FF02}' => Some('"'),
        // Arabic-Indic and extended (Persian) digits.
        '\u{0660}'..='\u{0669}' => char::from_digit(c as u32 - 0x0660, 10),
        '\u{06F0}'..='\u{06F9}' => char::from_digit(c as u32 - 0x06F0, 10),
        '\u{2010}'..='\u{2015}' | '\u{2212}' => Some('-'),
        c if c.is_whitespace() => Some(' '),
        c => Some(c),
    }
}

/// Fold a text for searching: NFKC, lowercase, Arabic diacritics and tatweel
/// dropped, letter variants and digits unified, quote marks, apostrophes and
/// dashes unified, whitespace collapsed and trimmed (see the module docs).
pub fn fold_for_search(s: &str) -> String {
    FoldedText::new(s).chars.into_iter().collect()
}

/// A folded copy of a text with, for each folded character, the code-point
/// offset of the original character it came from.
struct FoldedText {
    chars: Vec<char>,
    origin: Vec<usize>,
}

impl FoldedText {
    fn new(text: &str) -> Self {
        let mut chars = Vec::with_capacity(text.len());
        let mut origin = Vec::with_capacity(text.len());
        for (i, c) in text.chars().enumerate() {
            let mut buf = [0u8; 4];
            for n in c.encode_utf8(&mut buf).nfkc() {
                for l in n.to_lowercase() {
                    let Some(f) = fold_char(l) else { continue };
                    // No space at the start, none doubled, none next to a
                    // double quote mark (« x » and “x” fold alike).
                    if f == ' ' && matches!(chars.last(), None | Some(' ') | Some('"')) {
                        continue;
                    }
                    if f == '"' && chars.last() == Some(&' ') {
                        chars.pop();
                        origin.pop();
                    }
                    chars.push(f);
                    origin.push(i);
                }
            }
        }
        if chars.last() == Some(&' ') {
            chars.pop();
            origin.pop();
        }
        FoldedText { chars, origin }
    }

    /// Find `needle` (folded here) at or after original offset `from`;
    /// returns the original code-point span it covers.
    fn find(&self, needle: &str, from: usize) -> Option<(usize, usize)> {
        let needle = FoldedText::new(needle).chars;
        if needle.is_empty() || needle.len() > self.chars.len() {
            return None;
        }
        let first = self.origin.partition_point(|&o| o < from);
        (first..=self.chars.len() - needle.len())
            .find(|&i| self.chars[i..i + needle.len()] == needle[..])
            .map(|i| (self.origin[i], self.origin[i + needle.len() - 1] + 1))
    }
}

impl Report {
    /// The human-readable table (and warnings; findings when `verbose`).
    pub fn to_table(&self, verbose: bool) -> String {
        let mut out = String::new();
        let header = format!(
            "{:<8} {:>4} {:>5} {:>5} | {:>6} {:>6} {:>6} | {:>6} {:>6} | {:>6} {:>6} {:>6} {:>6} | {:>6} {:>6}",
            "lang", "docs", "gold", "pred", "Q-P", "Q-R", "Q-F1", "spkr", "kind", "S-P", "S-R", "S-F1",
            "id-F1", "mark", "credit"
        );
        let _ = writeln!(out, "{header}");
        let _ = writeln!(out, "{}", "-".repeat(header.chars().count()));
        let row = |out: &mut String, name: &str, s: &Scores| {
            let _ = writeln!(
                out,
                "{:<8} {:>4} {:>5} {:>5} | {:>6.3} {:>6.3} {:>6.3} | {:>6.3} {:>6.3} | {:>6.3} {:>6.3} {:>6.3} {:>6.3} | {:>6.3} {:>6.3}",
                name,
                s.counts.dispatches,
                s.counts.quotes_gold,
                s.counts.quotes_predicted,
                s.quote_precision,
                s.quote_recall,
                s.quote_f1,
                s.speaker_accuracy,
                s.kind_accuracy,
                s.source_precision,
                s.source_recall,
                s.source_f1,
                s.source_id_f1,
                s.marked_f1,
                s.credit_accuracy
            );
        };
        for (lang, s) in &self.by_language {
            row(&mut out, lang, s);
        }
        row(&mut out, "overall", &self.overall);
        let header2 = format!(
            "\n{:<8} | {:>9} {:>9} {:>9} | {:>9} {:>9} {:>9} {:>9}",
            "lang",
            "direct-R",
            "partial-R",
            "indir-R",
            "spk:expl",
            "spk:prev",
            "spk:surn",
            "spk:pron"
        );
        let _ = writeln!(out, "{header2}");
        let _ = writeln!(out, "{}", "-".repeat(header2.chars().count() - 1));
        let row2 = |out: &mut String, name: &str, s: &Scores| {
            let _ = writeln!(
                out,
                "{:<8} | {:>9.3} {:>9.3} {:>9.3} | {:>9.3} {:>9.3} {:>9.3} {:>9.3}",
                name,
                s.direct_recall,
                s.partial_recall,
                s.indirect_recall,
                s.speaker_explicit,
                s.speaker_previous,
                s.speaker_surname,
                s.speaker_pronoun
            );
        };
        for (lang, s) in &self.by_language {
            row2(&mut out, lang, s);
        }
        row2(&mut out, "overall", &self.overall);
        let _ = writeln!(
            out,
            "\nQ = quotations (span overlap >= half the shorter), spkr = speaker accuracy over matched quotes,\n\
             kind = quote-kind accuracy over matched quotes, S = sources as (id, role), id-F1 = sources by id only,\n\
             mark = marked-terms F1, credit = credit-line accuracy; X-R = recall of gold quotes of kind X,\n\
             spk:X = speaker accuracy over matched quotes whose gold speaker is found by X (explicit,\n\
             previous speaker, surname, pronoun)."
        );
        if !self.warnings.is_empty() {
            let _ = writeln!(out, "\nwarnings:");
            for w in &self.warnings {
                let _ = writeln!(out, "  {w}");
            }
        }
        if verbose && !self.findings.is_empty() {
            let _ = writeln!(out, "\nfindings:");
            for f in &self.findings {
                let _ = writeln!(out, "  {:<16} {:<14} {}", f.dispatch, f.kind, f.detail);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MarkedTerm, Quote, Source, Span, Speaker};

    const BODY: &str = "وقال المتحدث باسم الكرملين ديمتري بيسكوف: «لن نقبل بذلك أبدا». \
                        وأضاف أن المحادثات «بناءة». (أ ف ب)";

    fn gold() -> Gold {
        Gold {
            lang: "ar".into(),
            credit_line: Some("(أ ف ب)".into()),
            quotes: vec![
                GoldQuote {
                    text: "لن نقبل بذلك أبدا".into(),
                    kind: QuoteKind::Direct,
                    speaker: Some("ديمتري بيسكوف".into()),
                    speaker_alts: vec![],
                    speaker_role: Some("المتحدث باسم الكرملين".into()),
                    speaker_kind: Some(SpeakerKind::Person),
                    resolved_by: Some(ResolvedBy::Explicit),
                },
                GoldQuote {
                    text: "بناءة".into(),
                    kind: QuoteKind::Partial,
                    speaker: Some("ديمتري بيسكوف".into()),
                    speaker_alts: vec![],
                    speaker_role: None,
                    speaker_kind: Some(SpeakerKind::Person),
                    resolved_by: Some(ResolvedBy::Previous),
                },
            ],
            sources: vec![GoldSource {
                id: "afp".into(),
                role: SourceRoleName::Credit,
            }],
            marked_terms: vec![],
            notes: None,
        }
    }

    fn span_of(body: &str, text: &str) -> (usize, usize) {
        let byte = body.find(text).unwrap_or(0);
        let start = body[..byte].chars().count();
        (start, start + text.chars().count())
    }

    fn quote(body: &str, text: &str, kind: QuoteKind, name: Option<&str>) -> Quote {
        let (start, end) = span_of(body, text);
        Quote {
            text: text.into(),
            start,
            end,
            kind,
            cue: None,
            speaker: name.map(|n| Speaker {
                name: Some(n.into()),
                role: None,
                kind: SpeakerKind::Person,
                mention: Span {
                    text: n.into(),
                    start: 0,
                    end: 0,
                },
                resolved_by: ResolvedBy::Explicit,
            }),
            medium: None,
        }
    }

    fn perfect() -> Attribution {
        let (s, e) = span_of(BODY, "أ ف ب");
        Attribution {
            credit_line: Some("(أ ف ب)".into()),
            quotes: vec![
                quote(
                    BODY,
                    "لن نقبل بذلك أبدا",
                    QuoteKind::Direct,
                    Some("ديمتري بيسكوف"),
                ),
                quote(BODY, "بناءة", QuoteKind::Partial, Some("بيسكوف")),
            ],
            sources: vec![Source {
                id: "afp".into(),
                name: "Agence France-Presse".into(),
                mention: "أ ف ب".into(),
                role: SourceRole::Credit,
                start: s,
                end: e,
            }],
            marked_terms: vec![],
        }
    }

    #[test]
    fn perfect_prediction_scores_one() {
        let r = score_attribution("t", &gold(), BODY, &perfect());
        let s = r.counts.scores();
        assert_eq!(s.quote_precision, 1.0);
        assert_eq!(s.quote_recall, 1.0);
        assert_eq!(s.quote_f1, 1.0);
        assert_eq!(s.speaker_accuracy, 1.0);
        assert_eq!(s.kind_accuracy, 1.0);
        assert_eq!(s.source_f1, 1.0);
        assert_eq!(s.source_id_f1, 1.0);
        assert_eq!(s.marked_f1, 1.0);
        assert_eq!(s.credit_accuracy, 1.0);
    }

    #[test]
    fn missed_quote_lowers_recall_only() {
        let mut p = perfect();
        p.quotes.pop();
        let s = score_attribution("t", &gold(), BODY, &p).counts.scores();
        assert_eq!(s.quote_precision, 1.0);
        assert_eq!(s.quote_recall, 0.5);
        assert!((s.quote_f1 - 2.0 / 3.0).abs() < 1e-9);
        // The missed quote was the partial one, resolved by "previous".
        assert_eq!(s.direct_recall, 1.0);
        assert_eq!(s.partial_recall, 0.0);
        assert_eq!(s.counts.previous.gold, 1);
        assert_eq!(s.counts.previous.matched, 0);
        assert_eq!(s.speaker_explicit, 1.0);
    }

    #[test]
    fn empty_prediction_scores_zero() {
        let s = score_attribution("t", &gold(), BODY, &Attribution::default())
            .counts
            .scores();
        assert_eq!(s.quote_recall, 0.0);
        assert_eq!(s.quote_f1, 0.0);
        assert_eq!(s.speaker_accuracy, 0.0);
        assert_eq!(s.source_recall, 0.0);
        assert_eq!(s.credit_accuracy, 0.0);
    }

    #[test]
    fn wrong_offsets_are_reported_and_the_text_located() {
        let mut p = perfect();
        p.quotes[0].start += 3;
        p.quotes[0].end += 3;
        let r = score_attribution("t", &gold(), BODY, &p);
        assert!(r.findings.iter().any(|f| f.kind == "offset_mismatch"));
        assert_eq!(r.counts.quotes_matched, 2);
    }

    #[test]
    fn overlap_rule_is_half_of_the_shorter() {
        assert!(spans_match((0, 10), (5, 10)));
        assert!(spans_match((0, 10), (0, 100)));
        assert!(spans_match((0, 10), (5, 30)));
        assert!(!spans_match((0, 10), (6, 30)));
        assert!(!spans_match((0, 10), (10, 20)));
        assert!(!spans_match((0, 0), (0, 0)));
    }

    #[test]
    fn a_quote_swallowing_the_text_matches_at_most_one_gold() {
        let mut p = perfect();
        let n = BODY.chars().count();
        p.quotes = vec![Quote {
            text: BODY.into(),
            start: 0,
            end: n,
            ..p.quotes[0].clone()
        }];
        let s = score_attribution("t", &gold(), BODY, &p).counts.scores();
        assert_eq!(s.counts.quotes_matched, 1);
        assert_eq!(s.quote_recall, 0.5);
    }

    #[test]
    fn speaker_rule() {
        let g = &gold().quotes[0];
        let sp = |name: Option<&str>, role: Option<&str>| Speaker {
            name: name.map(Into::into),
            role: role.map(Into::into),
            kind: SpeakerKind::Person,
            mention: Span {
                text: String::new(),
                start: 0,
                end: 0,
            },
            resolved_by: ResolvedBy::Explicit,
        };
        assert!(speaker_matches(g, Some(&sp(Some("بيسكوف"), None))));
        // Same surname, variant spelling of the first name: accepted for persons.
        assert!(speaker_matches(g, Some(&sp(Some("ديميتري بيسكوف"), None))));
        assert!(!speaker_matches(
            g,
            Some(&sp(Some("ديمتري ميدفيديف"), None))
        ));
        assert!(speaker_matches(g, Some(&sp(Some("دِيمتري بيسكوف"), None))));
        assert!(!speaker_matches(
            g,
            Some(&sp(None, Some("المتحدث باسم الكرملين")))
        ));
        assert!(!speaker_matches(g, None));
        let mut null = g.clone();
        null.speaker = None;
        assert!(speaker_matches(&null, None));
        assert!(!speaker_matches(&null, Some(&sp(Some("x"), None))));
        let mut org = g.clone();
        org.speaker = Some("the Russian Foreign Ministry".into());
        assert!(speaker_matches(
            &org,
            Some(&sp(None, Some("Foreign Ministry")))
        ));
        assert!(speaker_matches(
            &org,
            Some(&sp(None, Some("russian foreign ministry")))
        ));
    }

    #[test]
    fn gold_text_is_found_across_whitespace_and_letter_variants() {
        let f = FoldedText::new("قال  إن\n\nالمحادثات ـ«بناءة»");
        assert_eq!(f.find("قال ان المحادثات", 0), Some((0, 18)));
        let f = FoldedText::new("He said: \u{201C}It\u{2019}s over.\u{201D}");
        assert_eq!(f.find("It's over.", 0), Some((10, 20)));
    }

    #[test]
    fn gold_text_survives_quote_mark_and_digit_rewrites() {
        // A normalization stage may curl or straighten marks, turn no-break
        // spaces into spaces, or Arabic-Indic digits into ASCII.
        let f = FoldedText::new("قال إن الاتفاق بات “قريباً جداً” بنسبة 90٪");
        assert!(f.find("الاتفاق بات «قريباً جداً» بنسبة ٩٠٪", 0).is_some());
        let f = FoldedText::new("la mobilisation serait \"historique\"");
        assert!(f
            .find("la mobilisation serait «\u{202F}historique\u{202F}»", 0)
            .is_some());
        assert!(f
            .find("la mobilisation serait \u{00A0}\"historique\"", 0)
            .is_some());
    }

    #[test]
    fn unlocated_gold_counts_as_missed() {
        let mut g = gold();
        g.quotes[0].text = "نص غير موجود".into();
        let r = score_attribution("t", &g, BODY, &perfect());
        assert_eq!(r.counts.quotes_unlocated, 1);
        assert_eq!(r.counts.quotes_matched, 1);
        assert_eq!(r.counts.scores().quote_recall, 0.5);
    }

    #[test]
    fn sources_are_sets_of_id_role_pairs() {
        let mut p = perfect();
        let dup = p.sources[0].clone();
        p.sources.push(dup);
        let mut cited = p.sources[0].clone();
        cited.role = SourceRole::Cited;
        p.sources.push(cited);
        let s = score_attribution("t", &gold(), BODY, &p).counts.scores();
        assert_eq!(s.source_recall, 1.0);
        assert_eq!(s.source_precision, 0.5);
        assert_eq!(s.source_id_f1, 1.0);
    }

    #[test]
    fn marked_terms_compare_folded_text() {
        let mut g = gold();
        g.marked_terms = vec!["جبهة النصرة".into()];
        let mut p = perfect();
        p.marked_terms = vec![MarkedTerm {
            text: "جبهة  النصره".into(),
            start: 0,
            end: 0,
        }];
        let s = score_attribution("t", &g, BODY, &p).counts.scores();
        assert_eq!(s.marked_f1, 1.0);
    }
}
