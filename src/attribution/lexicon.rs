//! The attribution lexicons: `data/cues.toml` compiled in, inflections
//! generated, folded, and built once into one aho-corasick automaton plus
//! word sets for speaker analysis.
//!
//! Owns: loading and expanding the lexicon data.
//! Must not touch: the text being analysed (matching is in `cues.rs`).

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use rustc_hash::FxHashSet;
use serde::Deserialize;

use super::text::fold_str;

const CUES_TOML: &str = include_str!("../../data/cues.toml");

/// Languages with a lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Ar,
    En,
    Fr,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Ar, Lang::En, Lang::Fr];

    pub fn from_tag(tag: &str) -> Option<Lang> {
        let base = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match base.as_str() {
            "ar" => Some(Lang::Ar),
            "en" => Some(Lang::En),
            "fr" => Some(Lang::Fr),
            _ => None,
        }
    }

    fn idx(self) -> usize {
        match self {
            Lang::Ar => 0,
            Lang::En => 1,
            Lang::Fr => 2,
        }
    }
}

/// Grammatical gender a cue agrees with (Arabic verb agreement).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Gender {
    #[default]
    Unknown,
    Masculine,
    Feminine,
}

/// What a lexicon entry signals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    /// A verb of saying ("قال", "said", "a déclaré").
    Speech,
    /// A circumstantial or participle form continuing the subject's speech
    /// ("مضيفاً", "adding", "ajoutant").
    Circumstantial,
    /// "according to", "بحسب", "selon".
    According,
    /// "told", "في تصريح لـ", "interrogé par".
    Told,
    /// A complementizer opening reported content ("إن", "that", "que").
    That,
}

/// Metadata of one automaton pattern.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    pub kind: CueKind,
    pub lang: Lang,
    /// A bare use continues the previous speaker ("وأضاف", "added").
    pub followon: bool,
    /// The cue carries its own pronoun subject ("a-t-il déclaré").
    pub pronoun: bool,
    /// Proclitics allowed before the entry (Arabic).
    pub proclitics: &'static str,
    /// The pattern must end at a word boundary.
    pub end_boundary: bool,
    /// The subject gender the form agrees with ("قالت": feminine).
    pub gender: Gender,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct LangFile {
    past: Vec<String>,
    followon_past: Vec<String>,
    present: Vec<String>,
    followon_present: Vec<String>,
    circumstantial: Vec<String>,
    verbs: Vec<String>,
    followon: Vec<String>,
    participles: Vec<String>,
    followon_participles: Vec<String>,
    according: Vec<String>,
    told: Vec<String>,
    that: Vec<String>,
    roles: Vec<String>,
    anonymous: Vec<String>,
    documents: Vec<String>,
    organizations: Vec<String>,
    pronouns: Vec<String>,
    stop: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct CuesFile {
    ar: LangFile,
    en: LangFile,
    fr: LangFile,
}

/// A set of folded lexicon words, only ever asked `contains`.
///
/// Hashed with FxHash (`rustc-hash`: a rotate, xor and multiply per
/// word of input) instead of std's SipHash, which was a tenth of the cost
/// of the speaker analysis (every capitalized word and every mention asks
/// the role and stop-word sets). SipHash resists hash flooding, which
/// needs an attacker to choose the keys *inserted*; these sets are built
/// once from the compiled-in lexicon and never change, and a dispatch's
/// words are only looked up. The sets are never iterated, so the order a
/// hasher gives them is never observed: `contains` answers the same.
pub type WordSet = FxHashSet<String>;

/// A lexicon list of folded phrases (one word or several, joined by single
/// spaces), kept as a set: the speaker rules only ask whether a mention
/// *is* one of the phrases, or *starts* (or ends) with one on a word
/// boundary.
///
/// They used to walk the list for that, comparing the mention with every
/// entry, up to four ways, on every mention (`speakers::analyse` asks
/// lists of 17-61 entries). The same answers come from looking up the
/// mention's few word prefixes (or suffixes) in the set: a phrase `p`
/// starts `s` on a word boundary exactly when `p == s[..k]` for a `k` with
/// `s[k] == ' '` (a space is one byte, so `k` is a char boundary), so those
/// prefixes are the only candidates. Like [`WordSet`], never iterated for
/// an answer (once when built, for the longest length).
///
/// No phrase is longer than the longest one (`longest`, in bytes), so a
/// longer string, prefix or suffix is not looked up at all: a mention is
/// often longer than every phrase, and its long prefixes were each hashed
/// for nothing.
#[derive(Debug, Default)]
pub struct Phrases {
    set: WordSet,
    /// The length in bytes of the longest phrase (0 when there is none).
    longest: usize,
}

impl Phrases {
    /// Whether `s` is one of the phrases.
    pub fn contains(&self, s: &str) -> bool {
        s.len() <= self.longest && self.set.contains(s)
    }

    /// Whether `s` is one of the phrases or starts with one followed by a
    /// space; the list scan it replaces:
    /// `list.iter().any(|p| s == p || s.strip_prefix(p).is_some_and(|r| r.starts_with(' ')))`.
    pub fn starts_words(&self, s: &str) -> bool {
        // the prefixes grow with `k`: none after the first too long
        self.contains(s)
            || s.match_indices(' ')
                .take_while(|&(k, _)| k <= self.longest)
                .any(|(k, _)| self.set.contains(&s[..k]))
    }

    /// Whether `s` ends with a space and one of the phrases (the phrase
    /// alone does not count); the list scan it replaces:
    /// `list.iter().any(|p| s.strip_suffix(p).is_some_and(|r| r.ends_with(' ')))`.
    pub fn ends_words(&self, s: &str) -> bool {
        // the suffixes grow as `k` goes back: none after the first too long
        s.rmatch_indices(' ')
            .take_while(|&(k, _)| s.len() - (k + 1) <= self.longest)
            .any(|(k, _)| self.set.contains(&s[k + 1..]))
    }
}

impl FromIterator<String> for Phrases {
    fn from_iter<I: IntoIterator<Item = String>>(iter: I) -> Self {
        let set: WordSet = iter.into_iter().collect();
        let longest = set.iter().map(String::len).max().unwrap_or(0);
        Phrases { set, longest }
    }
}

/// Word lists for one language, folded.
#[derive(Debug, Default)]
pub struct Words {
    pub roles: WordSet,
    /// Anonymous heads / phrases (folded, may be multi-word).
    pub anonymous: Phrases,
    /// The entries of `anonymous` of three words or more, which
    /// `speakers::analyse` looks for anywhere in the sentence (picked out
    /// once here instead of on every mention).
    pub anonymous_phrases: Vec<String>,
    pub documents: Phrases,
    pub organizations: Phrases,
    pub pronouns: WordSet,
    pub stop: WordSet,
}

/// The compiled lexicon.
pub struct Lexicon {
    pub automaton: Option<AhoCorasick>,
    pub entries: Vec<Entry>,
    words: [Words; 3],
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("entries", &self.entries.len())
            .finish()
    }
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    // Compiled in and checked by the tests; a parse failure is a build
    // defect, and an empty lexicon the safe fallback.
    let file = toml::from_str::<CuesFile>(CUES_TOML).unwrap_or_default();
    Lexicon::build(&file)
});

/// The lexicon compiled from `data/cues.toml`.
pub fn lexicon() -> &'static Lexicon {
    &LEXICON
}

fn drop_last(s: &str) -> String {
    let mut c: Vec<char> = s.chars().collect();
    c.pop();
    c.into_iter().collect()
}

fn ar_past_forms(stem: &str) -> Vec<String> {
    let base = if stem.ends_with('ى') || stem.ends_with('ا') {
        drop_last(stem)
    } else {
        stem.to_string()
    };
    vec![
        stem.to_string(),
        format!("{base}ت"),
        format!("{base}وا"),
        format!("{stem}ا"),
    ]
}

fn ar_present_forms(stem: &str) -> Vec<String> {
    let mut out = vec![stem.to_string()];
    if let Some(rest) = stem.strip_prefix('ي') {
        out.push(format!("ت{rest}"));
    }
    let base = if stem.ends_with('ى') || stem.ends_with('و') || stem.ends_with('ي') {
        drop_last(stem)
    } else {
        stem.to_string()
    };
    out.push(format!("{base}ون"));
    out
}

fn ar_circ_forms(stem: &str) -> Vec<String> {
    vec![format!("{stem}ا"), format!("{stem}ة"), format!("{stem}ين")]
}

fn fr_participle_forms(p: &str) -> Vec<String> {
    let mut out = vec![p.to_string()];
    for aux in [
        "a",
        "avait",
        "ont",
        "aurait",
        "avaient",
        "a-t-il",
        "a-t-elle",
        "ont-ils",
        "ont-elles",
        "avait-il",
        "avait-elle",
        // reflexive compounds: "s'est-il interrogé", "se sont-elles indignées"
        "s'est-il",
        "s'est-elle",
        "se sont-ils",
        "se sont-elles",
    ] {
        out.push(format!("{aux} {p}"));
    }
    out
}

fn fr_present_forms(p: &str) -> Vec<String> {
    let mut out = vec![p.to_string()];
    let (first, rest) = match p.split_once(' ') {
        Some((a, b)) => (a, format!(" {b}")),
        None => (p, String::new()),
    };
    let link = if first.ends_with('t') || first.ends_with('d') {
        "-"
    } else {
        "-t-"
    };
    out.push(format!("{first}{link}il{rest}"));
    out.push(format!("{first}{link}elle{rest}"));
    if first.ends_with('e') {
        out.push(format!("{first}nt{rest}"));
        out.push(format!("{first}nt-ils{rest}"));
    }
    out
}

/// Generated Arabic forms come masculine, feminine, then plural/dual;
/// `no_feminine` when the generator made no feminine form.
fn gendered(forms: Vec<String>, no_feminine: bool) -> Vec<(String, Gender)> {
    forms
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            let g = match (i, no_feminine) {
                (0, _) => Gender::Masculine,
                (1, false) => Gender::Feminine,
                _ => Gender::Unknown,
            };
            (f, g)
        })
        .collect()
}

fn carries_pronoun(p: &str) -> bool {
    ["-il", "-elle", "-ils", "-elles"]
        .iter()
        .any(|x| p.contains(x))
}

impl Lexicon {
    fn build(file: &CuesFile) -> Lexicon {
        let mut patterns: Vec<String> = Vec::new();
        let mut entries: Vec<Entry> = Vec::new();
        let mut add_g =
            |forms: Vec<(String, Gender)>, kind: CueKind, lang: Lang, followon: bool| {
                let proclitics = match (lang, kind) {
                    (Lang::Ar, CueKind::Speech | CueKind::Circumstantial) => "وف",
                    (Lang::Ar, CueKind::That) => "بوف",
                    (Lang::Ar, CueKind::According) => "وفب",
                    (Lang::Ar, CueKind::Told) => "و",
                    _ => "",
                };
                for (f, gender) in forms {
                    let folded = fold_str(f.trim());
                    if folded.is_empty() {
                        continue;
                    }
                    let last_word = folded.rsplit(' ').next().unwrap_or("");
                    let end_boundary = last_word != "ل"
                        && folded.chars().last().is_some_and(|c| c.is_alphanumeric());
                    entries.push(Entry {
                        kind,
                        lang,
                        followon,
                        pronoun: carries_pronoun(&folded),
                        proclitics,
                        end_boundary,
                        gender,
                    });
                    patterns.push(folded);
                }
            };
        let ar = &file.ar;
        for v in &ar.past {
            let fo = ar.followon_past.contains(v);
            let mut forms = gendered(ar_past_forms(v), false);
            // a feminine form listed as a stem ("قالت")
            if v.ends_with('ت') && ar.past.contains(&drop_last(v)) {
                forms.truncate(1);
                forms[0].1 = Gender::Feminine;
            }
            add_g(forms, CueKind::Speech, Lang::Ar, fo);
        }
        for v in &ar.present {
            let fo = ar.followon_present.contains(v);
            let forms = gendered(ar_present_forms(v), !v.starts_with('ي'));
            add_g(forms, CueKind::Speech, Lang::Ar, fo);
        }
        for v in &ar.circumstantial {
            add_g(
                gendered(ar_circ_forms(v), false),
                CueKind::Circumstantial,
                Lang::Ar,
                true,
            );
        }
        let mut add = |forms: Vec<String>, kind: CueKind, lang: Lang, followon: bool| {
            add_g(
                forms.into_iter().map(|f| (f, Gender::Unknown)).collect(),
                kind,
                lang,
                followon,
            )
        };
        add(ar.according.clone(), CueKind::According, Lang::Ar, false);
        add(ar.told.clone(), CueKind::Told, Lang::Ar, false);
        add(ar.that.clone(), CueKind::That, Lang::Ar, false);

        let en = &file.en;
        for v in &en.verbs {
            add(
                vec![v.clone()],
                CueKind::Speech,
                Lang::En,
                en.followon.contains(v),
            );
        }
        add(
            en.circumstantial.clone(),
            CueKind::Circumstantial,
            Lang::En,
            true,
        );
        add(en.according.clone(), CueKind::According, Lang::En, false);
        add(en.told.clone(), CueKind::Told, Lang::En, false);
        add(en.that.clone(), CueKind::That, Lang::En, false);

        let fr = &file.fr;
        for v in &fr.participles {
            let fo = fr.followon_participles.contains(v);
            add(fr_participle_forms(v), CueKind::Speech, Lang::Fr, fo);
        }
        for v in &fr.present {
            let fo = fr.followon_present.contains(v);
            add(fr_present_forms(v), CueKind::Speech, Lang::Fr, fo);
        }
        add(
            fr.circumstantial.clone(),
            CueKind::Circumstantial,
            Lang::Fr,
            true,
        );
        add(fr.according.clone(), CueKind::According, Lang::Fr, false);
        add(fr.told.clone(), CueKind::Told, Lang::Fr, false);
        add(fr.that.clone(), CueKind::That, Lang::Fr, false);

        // A full DFA: a few hundred short patterns make a small table, and
        // its search costs a fraction of the default NFA's. Should it ever
        // fail to build, the default kind finds the same matches.
        let automaton = [Some(AhoCorasickKind::DFA), None]
            .into_iter()
            .find_map(|kind| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .kind(kind)
                    // Every Arabic letter starts some pattern: a start-byte
                    // prefilter would fire at nearly every position.
                    .prefilter(false)
                    .build(&patterns)
                    .ok()
            });
        let words = |l: &LangFile| Words {
            // Arabic role nouns also in the feminine ("منسق" -> "منسقة")
            roles: l
                .roles
                .iter()
                .map(|w| fold_str(w))
                .flat_map(|w| {
                    let fem = (w.chars().next().is_some_and(super::text::is_arabic_letter)
                        && !w.contains(' ')
                        && !w.ends_with('ه'))
                    .then(|| format!("{w}ه"));
                    std::iter::once(w).chain(fem)
                })
                .collect(),
            anonymous: l.anonymous.iter().map(|w| fold_str(w)).collect(),
            anonymous_phrases: l
                .anonymous
                .iter()
                .map(|w| fold_str(w))
                .filter(|p| p.contains(' ') && p.split(' ').count() >= 3)
                .collect(),
            documents: l.documents.iter().map(|w| fold_str(w)).collect(),
            organizations: l.organizations.iter().map(|w| fold_str(w)).collect(),
            pronouns: l.pronouns.iter().map(|w| fold_str(w)).collect(),
            stop: l.stop.iter().map(|w| fold_str(w)).collect(),
        };
        Lexicon {
            automaton,
            entries,
            words: [words(ar), words(en), words(fr)],
        }
    }

    pub fn words(&self, lang: Lang) -> &Words {
        &self.words[lang.idx()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The list scans that [`Phrases::starts_words`] and
    /// [`Phrases::ends_words`] replace, as the speaker rules wrote them.
    fn starts_scan(list: &[String], s: &str) -> bool {
        list.iter().any(|p| {
            s == p
                || s.strip_prefix(p.as_str())
                    .is_some_and(|r| r.starts_with(' '))
        })
    }

    fn ends_scan(list: &[String], s: &str) -> bool {
        list.iter()
            .any(|p| s.strip_suffix(p.as_str()).is_some_and(|r| r.ends_with(' ')))
    }

    fn check_phrases(list: &[String], s: &str) {
        let set: Phrases = list.iter().cloned().collect();
        assert_eq!(
            set.contains(s),
            list.iter().any(|p| p == s),
            "contains {s:?}"
        );
        assert_eq!(set.starts_words(s), starts_scan(list, s), "starts {s:?}");
        assert_eq!(set.ends_words(s), ends_scan(list, s), "ends {s:?}");
    }

    /// The compiled-in lists, against mentions made of their own words:
    /// each phrase alone, cut short, before and after other words, and
    /// every pair of phrases joined.
    #[test]
    fn phrases_answer_as_the_list_scans_on_the_lexicon() {
        let file: CuesFile = toml::from_str(CUES_TOML).expect("cues.toml parses");
        for l in [&file.ar, &file.en, &file.fr] {
            for list in [&l.anonymous, &l.documents, &l.organizations] {
                let list: Vec<String> = list.iter().map(|w| fold_str(w)).collect();
                let mut mentions = vec![String::new(), " ".to_string(), "x".to_string()];
                for p in &list {
                    let words: Vec<&str> = p.split(' ').collect();
                    mentions.extend([
                        p.clone(),
                        format!("{p} x"),
                        format!("x {p}"),
                        format!("x {p} y"),
                        format!("{p}x"),
                        format!("x{p}"),
                        format!(" {p}"),
                        format!("{p} "),
                        words[..words.len() - 1].join(" "),
                        words[1..].join(" "),
                    ]);
                }
                for a in list.iter().take(12) {
                    for b in &list {
                        mentions.push(format!("{a} {b}"));
                    }
                }
                for s in &mentions {
                    check_phrases(&list, s);
                }
            }
        }
    }

    proptest! {
        /// Any lists and mentions over a small alphabet (so that phrases
        /// overlap, repeat, are empty, or hold several spaces), and a few
        /// non-ASCII chars (the prefixes must end on char boundaries).
        #[test]
        fn phrases_answer_as_the_list_scans(
            list in prop::collection::vec("[ab é ق]{0,5}", 0..6),
            s in "[ab é ق]{0,9}",
        ) {
            check_phrases(&list, &s);
        }
    }

    #[test]
    fn the_data_file_parses_and_expands() {
        let file: CuesFile = toml::from_str(CUES_TOML).expect("cues.toml parses");
        assert!(file.ar.past.len() > 40);
        let lex = lexicon();
        assert!(lex.automaton.is_some());
        assert!(lex.entries.len() > 500);
        assert!(ar_past_forms("رأى").contains(&"رأت".to_string()));
        assert!(ar_present_forms("يقول").contains(&"تقول".to_string()));
        assert!(fr_present_forms("dit").contains(&"dit-il".to_string()));
        assert!(fr_present_forms("ajoute").contains(&"ajoute-t-elle".to_string()));
    }
}
