//! The outlet gazetteer: news agencies and outlets, their canonical ids and
//! every way they are written in Arabic, English and French.
//!
//! Owns: loading `data/outlets.toml` (compiled in) and finding outlet names in
//! text. Used by normalization (agency of origin from dateline and credit
//! line) and attribution (cited, interviewed and credited sources).
//!
//! Must not touch: anything but text. Matching is one aho-corasick pass over
//! a folded copy of the text whose characters map one-to-one to the
//! original's, so match positions are valid code-point offsets of the input.
//! The case-sensitive names ("AFP", "Le Monde") are searched in the original
//! text, from the few bytes that can begin one (see `ExactNames`).

use std::cell::Cell;
use std::sync::LazyLock;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::{dfa, AhoCorasick, AhoCorasickKind, Anchored, MatchKind, StartKind};
use serde::Deserialize;

const OUTLETS_TOML: &str = include_str!("../data/outlets.toml");

/// One agency or outlet.
#[derive(Debug, Clone, Deserialize)]
pub struct Outlet {
    /// Canonical lowercase id (`afp`).
    pub id: String,
    /// Canonical display name ("Agence France-Presse").
    pub name: String,
    /// `agency` or `outlet`.
    pub kind: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Aliases matched case-sensitively (short abbreviations).
    #[serde(default)]
    pub exact: Vec<String>,
    /// Aliases that are also ordinary words; see [`OutletMatch::guarded`].
    #[serde(default)]
    pub guarded: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct OutletsFile {
    outlet: Vec<Outlet>,
}

/// An outlet name found in a text.
#[derive(Debug, Clone, Copy)]
pub struct OutletMatch<'g> {
    pub outlet: &'g Outlet,
    /// Code-point offsets of the name in the searched text (end exclusive).
    pub start: usize,
    pub end: usize,
    /// The alias is also an ordinary word: the caller must confirm it from
    /// context (quote marks around it, an outlet noun before it).
    pub guarded: bool,
}

/// The compiled gazetteer.
pub struct Gazetteer {
    outlets: Vec<Outlet>,
    /// Folded patterns -> (outlet index, guarded, "لل" written for "ال").
    folded: Option<AhoCorasick>,
    folded_meta: Vec<(usize, bool, bool)>,
    /// Case-sensitive patterns -> outlet index.
    exact: Option<ExactNames>,
    exact_meta: Vec<usize>,
    /// The longest pattern (folded or case-sensitive), in code points.
    max_pattern_chars: usize,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("outlets", &self.outlets.len())
            .finish()
    }
}

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    // The file is compiled in and checked by the tests below; a parse failure
    // here is a build defect, and an empty gazetteer is the safe fallback.
    let outlets = toml::from_str::<OutletsFile>(OUTLETS_TOML)
        .map(|f| f.outlet)
        .unwrap_or_default();
    Gazetteer::new(outlets)
});

/// The gazetteer compiled from `data/outlets.toml`.
pub fn gazetteer() -> &'static Gazetteer {
    &GAZETTEER
}

/// Fold one character for matching, always to exactly one character: Latin
/// lowercased, Arabic alef variants to bare alef, alef maksura to yeh, teh
/// marbuta to heh, typographic hyphens and dots to ASCII.
pub fn fold_char(c: char) -> char {
    match c {
        c if c.is_ascii() => c.to_ascii_lowercase(),
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' => 'ي',
        'ة' => 'ه',
        '\u{2010}'..='\u{2015}' => '-',
        // caseless scripts: no table lookup
        '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FEFF}' => c,
        c => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        }
    }
}

/// Arabic diacritics and tatweel: ignored when matching names.
pub fn is_ignorable(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
}

fn fold(s: &str) -> String {
    s.chars()
        .filter(|&c| !is_ignorable(c))
        .map(fold_char)
        .collect()
}

impl Gazetteer {
    fn new(outlets: Vec<Outlet>) -> Self {
        let mut folded_patterns = Vec::new();
        let mut folded_meta = Vec::new();
        let mut exact_patterns = Vec::new();
        let mut exact_meta = Vec::new();
        for (i, outlet) in outlets.iter().enumerate() {
            let names = outlet.aliases.iter().map(|a| (a, false));
            for (alias, guarded) in names.chain(outlet.guarded.iter().map(|a| (a, true))) {
                let f = fold(alias);
                // "للمدينة", "وللصحيفة": the preposition ل before the
                // article ال drops its alef (ل + المدينة = للمدينة), so the
                // name is matched with "لل" in place of "ال"; the match
                // starts at the second ل (see `find_all_folded`)
                if let Some(rest) = f.strip_prefix("ال") {
                    folded_patterns.push(format!("لل{rest}"));
                    folded_meta.push((i, guarded, true));
                }
                folded_patterns.push(f);
                folded_meta.push((i, guarded, false));
            }
            for alias in &outlet.exact {
                exact_patterns.push(alias.clone());
                exact_meta.push(i);
            }
        }
        // Building only fails on absurd pattern sizes; then nothing matches.
        let build = |patterns: &[String]| {
            // A full DFA: a few hundred short patterns make a small table,
            // and its search costs a fraction of the default NFA's. Should
            // it ever fail to build, the default kind finds the same matches.
            [Some(AhoCorasickKind::DFA), None]
                .into_iter()
                .find_map(|kind| {
                    AhoCorasick::builder()
                        .match_kind(MatchKind::LeftmostLongest)
                        .kind(kind)
                        .build(patterns)
                        .ok()
                })
        };
        let max_pattern_chars = folded_patterns
            .iter()
            .chain(&exact_patterns)
            .map(|p| p.chars().count())
            .max()
            .unwrap_or(0);
        Gazetteer {
            max_pattern_chars,
            folded: build(&folded_patterns),
            exact: ExactNames::build(&exact_patterns),
            outlets,
            folded_meta,
            exact_meta,
        }
    }

    /// The longest name pattern, in code points. A match of
    /// [`Gazetteer::find_all`] spans exactly this many characters or fewer,
    /// not counting the Arabic diacritics and tatweel it skips.
    pub fn max_pattern_chars(&self) -> usize {
        self.max_pattern_chars
    }

    /// All outlets, in file order.
    pub fn outlets(&self) -> &[Outlet] {
        &self.outlets
    }

    /// The outlet with this canonical id.
    pub fn get(&self, id: &str) -> Option<&Outlet> {
        self.outlets.iter().find(|o| o.id == id)
    }

    /// The canonical id of a name or abbreviation written on its own
    /// ("Reuters", "أ ف ب", "(AFP)"), ignoring surrounding punctuation.
    pub fn canonical_id(&self, name: &str) -> Option<&str> {
        let trimmed = name.trim_matches(|c: char| !c.is_alphanumeric());
        let m = self.find_all(trimmed).into_iter().next()?;
        (m.start == 0 && m.end == trimmed.chars().count()).then_some(m.outlet.id.as_str())
    }

    /// Every outlet name in `text`, leftmost-longest, not overlapping, in
    /// text order, at word boundaries. Arabic proclitics (و ف ب ل ك, up to
    /// two) may be attached before a name: "لوكالة", "وبحسب".
    pub fn find_all(&self, text: &str) -> Vec<OutletMatch<'_>> {
        with_scratch(text.len(), |s| {
            if text.is_ascii() {
                // What `fold_into` builds for ASCII, in bulk: `fold_char`
                // lowercases every byte and none is ignorable, so the fold
                // is the lowercased bytes and byte `i` is code point `i`.
                s.folded.clear();
                s.folded.extend_from_slice(text.as_bytes());
                s.folded.make_ascii_lowercase();
                s.cp_at.clear();
                s.cp_at.extend(0..=text.len());
            } else {
                fold_into(text.chars(), &mut s.folded, &mut s.cp_at);
            }
            // `find_all_folded` only reads the code points to place and
            // check a match, and finds one only where an automaton
            // matches: most short texts name no outlet, and for them the
            // answer is empty without collecting the code points.
            let any = self
                .folded
                .as_ref()
                .is_some_and(|ac| ac.is_match(&s.folded))
                || self
                    .exact
                    .as_ref()
                    .is_some_and(|x| x.find_iter(text).next().is_some());
            if !any {
                return Vec::new();
            }
            s.chars.clear();
            s.chars.extend(text.chars());
            self.find_all_folded(text, &s.chars, &s.folded, &s.cp_at)
        })
    }

    /// [`Gazetteer::find_all`] for a caller that already holds the code
    /// points of `text`; `chars` must be exactly `text.chars()`.
    pub fn find_all_in(&self, text: &str, chars: &[char]) -> Vec<OutletMatch<'_>> {
        with_scratch(text.len(), |s| {
            fold_into(chars.iter().copied(), &mut s.folded, &mut s.cp_at);
            self.find_all_folded(text, chars, &s.folded, &s.cp_at)
        })
    }

    /// The search of [`Gazetteer::find_all_in`] over a folded copy built
    /// by the caller: `folded` and `cp_at` must be exactly what
    /// `find_all_in` builds from `text` and `chars` (`attribution::Text`
    /// builds them in its own pass over the body).
    pub fn find_all_folded<I: CodePointIndex>(
        &self,
        text: &str,
        chars: &[char],
        folded: &[u8],
        cp_at: &[I],
    ) -> Vec<OutletMatch<'_>> {
        let end_at = |b: usize| {
            b.checked_sub(1)
                .and_then(|l| cp_at.get(l))
                .map_or(0, |&i| i.to_usize() + 1)
        };

        let mut found: Vec<OutletMatch<'_>> = Vec::new();
        for m in self.folded.iter().flat_map(|ac| ac.find_iter(folded)) {
            let (idx, guarded, contracted) = self.folded_meta[m.pattern().as_usize()];
            let mut start = cp_at[m.start()].to_usize();
            // "للمدينة": the first ل is the preposition, left outside the
            // mention like the ل of "لوكالة"
            if contracted {
                start += 1;
            }
            let mut end = end_at(m.end());
            while end < chars.len() && is_ignorable(chars[end]) {
                end += 1;
            }
            if at_word_boundary(chars, start, end) {
                found.push(OutletMatch {
                    outlet: &self.outlets[idx],
                    start,
                    end,
                    guarded,
                });
            }
        }
        // Byte to code-point offsets of `text`, counted from the previous
        // match on: the matches come in text order, so the text before the
        // last one is read once (a table of every offset cost more than
        // the search when, as in most bodies, some abbreviation matches).
        let mut cp = CodePointCounter::default();
        for (pattern, start, end) in self.exact.iter().flat_map(|x| x.find_iter(text)) {
            let idx = self.exact_meta[pattern];
            let start = cp.at(text, start);
            let end = cp.at(text, end);
            let overlaps = found.iter().any(|f| f.start < end && start < f.end);
            if !overlaps && at_word_boundary(chars, start, end) {
                found.push(OutletMatch {
                    outlet: &self.outlets[idx],
                    start,
                    end,
                    guarded: false,
                });
            }
        }
        found.sort_by_key(|m| m.start);
        found
    }
}

/// The case-sensitive patterns ("AFP", "Le Monde"), searched without an
/// unanchored pass over the whole text.
///
/// An unanchored automaton reads every byte of the text through its
/// transition table (about ten instructions a byte). But these patterns
/// begin with few distinct bytes (capitals, and the "d" of "dpa", the "l"
/// of "le Monde"), so the search looks only at the bytes that can begin a
/// pattern and walks the automaton, anchored, from each of them: most
/// walks die on the second byte. The iteration is the one of
/// `AhoCorasick::find_iter` with `MatchKind::LeftmostLongest`: the first
/// position with a match, the longest match there, then on from its end
/// (so a match hides the ones overlapping it).
struct ExactNames {
    dfa: dfa::DFA,
    /// The automaton's anchored start state.
    start: StateID,
    /// `begins[b]`: some pattern begins with byte `b`.
    begins: [bool; 256],
}

impl ExactNames {
    /// `None` when the automaton cannot be built (only on absurd pattern
    /// sizes); then no case-sensitive pattern matches.
    fn build(patterns: &[String]) -> Option<Self> {
        let dfa = dfa::DFA::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(patterns)
            .ok()?;
        let start = dfa.start_state(Anchored::Yes).ok()?;
        let mut begins = [false; 256];
        for (b, begins) in (0..=u8::MAX).zip(begins.iter_mut()) {
            *begins = !dfa.is_dead(dfa.next_state(Anchored::Yes, start, b));
        }
        Some(ExactNames { dfa, start, begins })
    }

    /// The longest pattern that matches `bytes` at `p`: its index and the
    /// byte offset of its end.
    fn longest_at(&self, bytes: &[u8], p: usize) -> Option<(usize, usize)> {
        let mut sid = self.start;
        let mut found = None;
        for (end, &b) in (p + 1..).zip(bytes.get(p..).unwrap_or_default()) {
            sid = self.dfa.next_state(Anchored::Yes, sid, b);
            if self.dfa.is_dead(sid) {
                break;
            }
            if self.dfa.is_match(sid) {
                // A match state can also carry a pattern that ends here but
                // begins after `p` (copied along a failure transition for
                // unanchored searches): only one beginning at `p` counts,
                // as in the automaton's own anchored search.
                let pattern = self.dfa.match_pattern(sid, 0);
                if end - self.dfa.pattern_len(pattern) == p {
                    found = Some((pattern.as_usize(), end));
                }
            }
        }
        found
    }

    /// The matches in `text`, in text order, not overlapping: (pattern
    /// index, start byte, end byte).
    fn find_iter<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (usize, usize, usize)> + 'a {
        let bytes = text.as_bytes();
        let mut p = 0;
        std::iter::from_fn(move || loop {
            // the next byte that can begin a pattern: eight bytes at a time
            // while none of them can (their look-ups or-ed without a branch
            // each), then the one in the last eight
            let rest = bytes.get(p..).unwrap_or_default();
            let mut skip = 0;
            for eight in rest.chunks_exact(8) {
                let any = eight
                    .iter()
                    .fold(false, |any, &b| any | self.begins[usize::from(b)]);
                if any {
                    break;
                }
                skip += 8;
            }
            let tail = rest.get(skip..).unwrap_or_default();
            let Some(k) = tail.iter().position(|&b| self.begins[usize::from(b)]) else {
                p = bytes.len();
                return None;
            };
            p += skip + k;
            if let Some((pattern, end)) = self.longest_at(bytes, p) {
                let start = p;
                p = end;
                return Some((pattern, start, end));
            }
            p += 1;
        })
    }
}

/// The code-point offset of byte offsets of one text, asked in increasing
/// order: each answer counts the chars from the previous offset on.
#[derive(Debug, Default)]
struct CodePointCounter {
    /// The last byte offset asked and its code-point offset.
    byte: usize,
    cp: usize,
}

impl CodePointCounter {
    /// The number of chars of `text` before byte `b`, a char boundary
    /// (as every match bound of an automaton over `text` is). An offset
    /// before the previous one is counted again from the start.
    fn at(&mut self, text: &str, b: usize) -> usize {
        if b < self.byte {
            *self = CodePointCounter::default();
        }
        let gap = text.as_bytes().get(self.byte..b).unwrap_or_default();
        // chars are counted by their first bytes (not 0b10xx_xxxx)
        self.cp += gap.iter().filter(|&&x| (x as i8) >= -0x40).count();
        self.byte = b;
        self.cp
    }
}

/// A code-point offset in the map of [`Gazetteer::find_all_folded`]:
/// `usize` in the gazetteer's own buffers, `u32` in `attribution::Text`
/// (whose tables are 32-bit to halve their memory traffic).
pub trait CodePointIndex: Copy {
    fn to_usize(self) -> usize;
}

impl CodePointIndex for usize {
    fn to_usize(self) -> usize {
        self
    }
}

impl CodePointIndex for u32 {
    fn to_usize(self) -> usize {
        // Lossless: every target newswire builds for has a usize of at
        // least 32 bits.
        self as usize
    }
}

/// The folded copy that [`Gazetteer::find_all_folded`] searches, built
/// into `folded` and `cp_at` (cleared first) from the code points of a
/// text (all of them: the last entry of `cp_at` is their count).
///
/// The folded copy drops Arabic diacritics; keep, for each byte offset of
/// it, the code-point index in the text of that char, plus one entry at
/// the end. A match ends one past the char of its last byte.
///
/// The folded copy is built as bytes (the automaton searches bytes; every
/// pushed sequence is one whole UTF-8 char, so it is valid UTF-8 all the
/// same), with ASCII, most of the text, pushed directly: `fold_char`
/// lowercases it, and it is never ignorable.
fn fold_into(chars: impl Iterator<Item = char>, folded: &mut Vec<u8>, cp_at: &mut Vec<usize>) {
    folded.clear();
    cp_at.clear();
    let mut n = 0;
    for (i, c) in chars.enumerate() {
        n = i + 1;
        if c.is_ascii() {
            folded.push((c as u8).to_ascii_lowercase());
            cp_at.push(i);
            continue;
        }
        if is_ignorable(c) {
            continue;
        }
        let mut buf = [0u8; 4];
        let f = fold_char(c).encode_utf8(&mut buf).as_bytes();
        folded.extend_from_slice(f);
        for _ in 0..f.len() {
            cp_at.push(i);
        }
    }
    cp_at.push(n);
}

/// The working buffers of one search: the code points of the text, its
/// folded copy and the map back (see [`fold_into`]).
#[derive(Default)]
struct Scratch {
    chars: Vec<char>,
    folded: Vec<u8>,
    cp_at: Vec<usize>,
}

/// Texts up to this many bytes are searched in the thread's reused
/// [`Scratch`]; longer ones get fresh buffers, so what a thread keeps
/// stays small (tens of KiB) whatever it once searched.
const SCRATCH_MAX_BYTES: usize = 2048;

thread_local! {
    /// The attribution stage searches short texts (a mention, a run of
    /// name words, a source phrase) some 400 times per 10 KB dispatch;
    /// allocating three buffers each time was a measurable share of it.
    static SCRATCH: Cell<Scratch> = Cell::default();
}

/// Runs `search` with buffers to fill: the thread's [`Scratch`] for a short
/// text (taken out of its cell for the call and put back after, so a
/// nested search would just get fresh ones), new ones otherwise. The
/// answer does not depend on which: `search` clears every buffer before
/// it fills and reads it.
fn with_scratch<R>(text_len: usize, search: impl FnOnce(&mut Scratch) -> R) -> R {
    if text_len > SCRATCH_MAX_BYTES {
        return search(&mut Scratch::default());
    }
    let mut scratch = SCRATCH.try_with(Cell::take).unwrap_or_default();
    let found = search(&mut scratch);
    // Fails only while the thread is being torn down; the buffers are
    // then simply dropped.
    let _ = SCRATCH.try_with(|cell| cell.set(scratch));
    found
}

fn is_arabic_proclitic(c: char) -> bool {
    matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك')
}

fn at_word_boundary(chars: &[char], start: usize, end: usize) -> bool {
    let after_ok = chars.get(end).is_none_or(|c| !c.is_alphanumeric());
    if !after_ok {
        return false;
    }
    // Walk back over attached Arabic proclitics.
    let mut i = start;
    let mut clitics = 0;
    while i > 0 && is_arabic_proclitic(chars[i - 1]) && clitics < 2 {
        i -= 1;
        clitics += 1;
    }
    if clitics > 0 && !chars.get(start).is_some_and(|c| is_arabic_letter(*c)) {
        return false;
    }
    i == 0 || !chars[i - 1].is_alphanumeric()
}

fn is_arabic_letter(c: char) -> bool {
    ('\u{0621}'..='\u{064A}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ids of the outlets the gazetteer finds in `text`, in order.
    fn ids(text: &str) -> Vec<String> {
        gazetteer()
            .find_all(text)
            .iter()
            .map(|m| m.outlet.id.clone())
            .collect()
    }

    /// Both searchers fall back to "no match" if their automaton cannot be
    /// built, which only absurd pattern sets cause: the compiled-in list must
    /// never be one, or outlet names would silently stop being found.
    #[test]
    fn the_compiled_in_names_build_both_searchers() {
        let g = gazetteer();
        assert!(
            g.folded.is_some(),
            "the folded-name automaton failed to build"
        );
        assert!(
            g.exact.is_some(),
            "the case-sensitive-name automaton failed to build"
        );
        assert_eq!(g.find_all("told AFP and Le Monde").len(), 2);
    }

    #[test]
    fn the_data_file_parses_and_ids_are_unique_lowercase() {
        let file: OutletsFile = toml::from_str(OUTLETS_TOML).expect("outlets.toml parses");
        assert!(file.outlet.len() >= 25);
        let mut ids: Vec<&str> = file.outlet.iter().map(|o| o.id.as_str()).collect();
        assert!(ids.iter().all(|id| id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())));
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), file.outlet.len());
        assert_eq!(gazetteer().outlets().len(), file.outlet.len());
    }

    #[test]
    fn canonical_ids_across_languages() {
        let g = gazetteer();
        for (name, id) in [
            ("AFP", "afp"),
            ("(أ ف ب)", "afp"),
            ("وكالة الصحافة الفرنسية", "afp"),
            ("Agence France-Presse", "afp"),
            ("Reuters", "reuters"),
            ("(رويترز)", "reuters"),
            ("روسيا اليوم", "rt"),
            ("سانا", "sana"),
        ] {
            assert_eq!(g.canonical_id(name), Some(id), "{name}");
        }
        assert_eq!(g.canonical_id("the minister"), None);
    }

    #[test]
    fn finds_names_with_arabic_proclitics_and_code_point_offsets() {
        let text = "وقال لوكالة الصحافة الفرنسية إن";
        let m = gazetteer().find_all(text);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].outlet.id, "afp");
        let found: String = text
            .chars()
            .skip(m[0].start)
            .take(m[0].end - m[0].start)
            .collect();
        assert_eq!(found, "وكالة الصحافة الفرنسية");
    }

    #[test]
    fn the_contracted_preposition_lam_matches_a_name_with_the_article() {
        // ل + الأناضول = للأناضول; و + ل + الوكالة الفرنسية = وللوكالة الفرنسية
        for (text, id, mention) in [
            ("في حديث خاص للأناضول", "anadolu", "لأناضول"),
            ("وقال وللوكالة الفرنسية أيضا", "afp", "لوكالة الفرنسية"),
            ("قال بالوكالة الفرنسية", "afp", "الوكالة الفرنسية"),
        ] {
            let m = gazetteer().find_all(text);
            assert_eq!(m.len(), 1, "{text}");
            assert_eq!(m[0].outlet.id, id, "{text}");
            let found: String = text
                .chars()
                .skip(m[0].start)
                .take(m[0].end - m[0].start)
                .collect();
            assert_eq!(found, mention, "{text}");
        }
        // no contraction without the preposition's own ل
        assert!(gazetteer().find_all("لأناضول").is_empty());
    }

    #[test]
    fn abbreviations_are_case_sensitive_and_whole_words() {
        let g = gazetteer();
        assert!(g.find_all("the map shows a gap").is_empty());
        assert_eq!(g.find_all("he told AP on Monday")[0].outlet.id, "ap");
        assert!(g.find_all("APPLE").is_empty());
    }

    #[test]
    fn diacritics_and_tatweel_are_ignored() {
        let text = "قالت وكالةُ الأنباءِ السعودية (واس) إن";
        let m = gazetteer().find_all(text);
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].outlet.id, "spa");
        let found: String = text
            .chars()
            .skip(m[0].start)
            .take(m[0].end - m[0].start)
            .collect();
        assert_eq!(found, "وكالةُ الأنباءِ السعودية");
    }

    /// The reused buffers are refilled from empty: a search answers the
    /// same after a longer one (nothing stale is read), and a text too
    /// long for the scratch answers as a short one does.
    #[test]
    fn searches_do_not_depend_on_earlier_ones() {
        let g = gazetteer();
        let ids = |text: &str| -> Vec<(&str, usize, usize)> {
            g.find_all(text)
                .iter()
                .map(|m| (m.outlet.id.as_str(), m.start, m.end))
                .collect()
        };
        let short = "he told AP";
        let first = ids(short);
        assert_eq!(first, vec![("ap", 8, 10)]);
        ids("وقال لوكالة الصحافة الفرنسية إن مسؤولاً أبلغ رويترز و AFP");
        assert_eq!(ids(short), first);
        assert!(ids("he told").is_empty());
        assert!(ids("").is_empty());
        // The bulk fold of an ASCII text is the per-char fold.
        for text in [
            short,
            "Reuters and AFP said",
            "",
            "(AFP) - THE MAP",
            "Sky News, AP.",
        ] {
            let chars: Vec<char> = text.chars().collect();
            let via_chars: Vec<_> = g
                .find_all_in(text, &chars)
                .iter()
                .map(|m| (m.outlet.id.as_str(), m.start, m.end))
                .collect();
            assert_eq!(ids(text), via_chars, "{text}");
        }
        let long = format!("{}{short}", " ".repeat(SCRATCH_MAX_BYTES));
        let shift = SCRATCH_MAX_BYTES;
        assert_eq!(ids(&long), vec![("ap", 8 + shift, 10 + shift)]);
    }

    #[test]
    fn ordinary_words_are_guarded() {
        let m = gazetteer().find_all("في شبه الجزيرة");
        assert_eq!(m.len(), 1);
        assert!(m[0].guarded);
    }

    /// French outlet names that are also common phrases ("tout le monde",
    /// "la libération des otages", "le sud-est") count only with their
    /// capitals.
    #[test]
    fn french_names_that_are_common_phrases_need_their_capitals() {
        assert!(
            ids("Tout le monde attend la libération des otages et les échos du sommet.").is_empty()
        );
        assert!(ids("Le point de vue du monde rural.").is_empty());
        assert_eq!(ids("a-t-il déclaré au journal Le Monde"), vec!["lemonde"]);
        assert_eq!(
            ids("selon Libération et Les Echos"),
            vec!["liberation", "lesechos"]
        );
        assert_eq!(
            ids("dans un entretien au Point, repris par Le Point"),
            vec!["lepoint"]
        );
        assert_eq!(
            ids("selon des informations du Figaro et des Echos"),
            vec!["lefigaro", "lesechos"]
        );
        assert_eq!(ids("Le soir, il lit Le Soir."), vec!["lesoir"]);
    }

    /// Regional and francophone outlets whose names are also ordinary
    /// phrases ("pendant 20 minutes", "le devoir de", "la presse", "la
    /// libre circulation", "le Sud-Ouest") count only as the newspaper
    /// writes itself: with its capitals, and Sud Ouest without the hyphen
    /// of the region.
    #[test]
    fn regional_french_outlets_need_their_capitals() {
        assert!(ids(
            "Pendant 20 minutes, la presse a évoqué le devoir de mémoire et la libre \
             circulation dans le Sud-Ouest, selon une dépêche reçue par la voix du maire."
        )
        .is_empty());
        assert_eq!(
            ids("a-t-il déclaré à 20 Minutes, puis au Devoir et à La Presse"),
            vec!["20minutes", "ledevoir", "lapresse"]
        );
        assert_eq!(
            ids("selon Sud Ouest, La Dépêche du Midi et La Voix du Nord"),
            vec!["sudouest", "ladepeche", "lavoixdunord"]
        );
        assert_eq!(
            ids("cité par Nice-Matin, Le Dauphiné libéré, La Libre et la RTS"),
            vec!["nicematin", "ledauphine", "lalibre", "rts"]
        );
        // the agency is the longer name, not the Montreal daily
        assert_eq!(
            ids("selon La Presse canadienne et Mediapart"),
            vec!["lapressecanadienne", "mediapart"]
        );
    }

    /// The case-sensitive patterns of the gazetteer, in its order.
    fn exact_patterns() -> Vec<String> {
        gazetteer()
            .outlets()
            .iter()
            .flat_map(|o| o.exact.iter().cloned())
            .collect()
    }

    /// The matches of `ExactNames` and of the unanchored leftmost-longest
    /// automaton `find_all_folded` iterated before it, for `patterns`.
    /// Matches of `ExactNames`: (pattern index, start byte, end byte).
    type Found = Vec<(usize, usize, usize)>;

    fn exact_both(patterns: &[String], text: &str) -> (Found, Found) {
        let old = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(patterns)
            .unwrap();
        let old = old
            .find_iter(text)
            .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
            .collect();
        let new = ExactNames::build(patterns)
            .unwrap()
            .find_iter(text)
            .collect();
        (new, old)
    }

    /// A match hides the ones that overlap it, whether or not the caller
    /// keeps it: "AP" inside "APS" is not found, "Le Monde" wins over a
    /// "Monde" begun inside it, and "dpa"/"le Monde" begin with lowercase
    /// letters the search must look at.
    #[test]
    fn exact_names_iterate_as_the_unanchored_automaton() {
        let patterns = exact_patterns();
        let text = "AFP, APS et AP; selon le Monde (dpa) et Les Échos, TASSTass RTBF \
                    Libération Libé L’Express ARDAP APAPS";
        let (new, old) = exact_both(&patterns, text);
        assert_eq!(new, old);
        let name = |(p, s, e): (usize, usize, usize)| (patterns[p].as_str(), &text[s..e]);
        let found: Vec<_> = new.iter().map(|&m| name(m).0).collect();
        assert_eq!(
            found,
            vec![
                "AFP",
                "APS",
                "AP",
                "le Monde",
                "dpa",
                "Les Échos",
                "TASS",
                "Tass",
                "RTBF",
                "Libération",
                "Libé",
                "L’Express",
                "ARD",
                "AP",
                "AP",
                "APS"
            ]
        );
        // overlapping patterns of a made-up set: "ab" hides "bc", and the
        // longest of "b", "bcd" is taken
        let made_up = ["ab", "bc", "b", "bcd"].map(String::from);
        let (new, old) = exact_both(&made_up, "abc bcd bc");
        assert_eq!(new, old);
        assert_eq!(new, vec![(0, 0, 2), (3, 4, 7), (1, 8, 10)]);
    }

    /// The code-point offsets of every char boundary of `text`, by the
    /// table `find_all_folded` built before `CodePointCounter`.
    fn cp_table(text: &str) -> Vec<usize> {
        let mut table = vec![0usize; text.len() + 1];
        let mut n = 0;
        for (b, _) in text.char_indices() {
            table[b] = n;
            n += 1;
        }
        table[text.len()] = n;
        table
    }

    /// Every char boundary asked in increasing order (repeats included, as
    /// a match end followed by a match at the same offset), and again
    /// after going back to the start, answers as the table.
    fn counter_answers_as_table(text: &str) {
        let table = cp_table(text);
        let boundaries: Vec<usize> = (0..=text.len())
            .filter(|&b| text.is_char_boundary(b))
            .collect();
        let mut cp = CodePointCounter::default();
        for &b in &boundaries {
            assert_eq!(cp.at(text, b), table[b], "{text:?} at {b}");
            assert_eq!(cp.at(text, b), table[b], "{text:?} again at {b}");
        }
        for &b in boundaries.iter().rev().step_by(2) {
            assert_eq!(cp.at(text, b), table[b], "{text:?} back at {b}");
        }
    }

    #[test]
    fn code_point_counter_answers_as_the_offset_table() {
        for text in [
            "",
            "AFP",
            "é",
            "قالت وكالة الأنباء (AFP) إن",
            "a\u{10348}b€c",
            "Libération, L’Express et Le Monde",
        ] {
            counter_answers_as_table(text);
        }
    }

    proptest::proptest! {
        /// `ExactNames` finds what the unanchored automaton finds, in any
        /// mix of the gazetteer's patterns, their pieces and other text.
        #[test]
        fn exact_names_iterate_as_the_unanchored_automaton_for_any_text(
            pieces in proptest::collection::vec(
                (0usize..200, proptest::sample::select(vec![
                    " ", "-", "e", "é", "É", "M", "d", "A", "ال", "\u{064E}", "l", "L",
                ])),
                0..40,
            ),
        ) {
            let patterns = exact_patterns();
            let mut text = String::new();
            for (i, other) in pieces {
                // a whole pattern, its first half, or some other text
                match patterns.get(i / 2) {
                    Some(p) if i % 2 == 0 => text.push_str(p),
                    Some(p) => text.extend(p.chars().take(p.chars().count() / 2 + 1)),
                    None => text.push_str(other),
                }
            }
            let (new, old) = exact_both(&patterns, &text);
            proptest::prop_assert_eq!(new, old);
        }

        /// The same for made-up pattern sets over a small alphabet, where
        /// patterns overlap and nest in every way.
        #[test]
        fn exact_names_iterate_as_the_unanchored_automaton_for_any_patterns(
            patterns in proptest::collection::vec("[abA]{1,4}", 1..8),
            text in "[abA ]{0,40}",
        ) {
            let (new, old) = exact_both(&patterns, &text);
            proptest::prop_assert_eq!(new, old);
        }


        /// Any text, of one- to four-byte chars.
        #[test]
        fn code_point_counter_answers_as_the_offset_table_for_any_text(
            text in "[a-zA-Z \u{e9}\u{0627}-\u{0649}\u{2019}\u{10348}]{0,40}",
        ) {
            counter_answers_as_table(&text);
        }
    }
}
