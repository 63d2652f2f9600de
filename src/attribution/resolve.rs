//! Resolution across sentences: turns what `speakers/` found next to each
//! cue into a [`Speaker`], in text order. A bare follow-on cue ("وأضاف",
//! "he added" without subject) takes the previous speaker; a surname alone
//! ("وأكد تونر") takes the full name given earlier; a pronoun takes the
//! nearest compatible speaker. Records how (`resolved_by`).
//!
//! Owns: the running list of speakers of one dispatch.
//! Must not touch: cue or mention detection.

use crate::model::{ResolvedBy, Span, Speaker, SpeakerKind};

use super::lexicon::{Gender, Lang};
use super::speakers::{Compat, Found, Mention, NarrativePersons};
use super::text::Text;
use rustc_hash::FxHashMap;
use std::cell::{OnceCell, RefCell};
use std::rc::Rc;

/// A speaker for a person named in the narrative, found from a later
/// `mention` of them (their surname, or their role).
fn narrative_person(t: &Text, p: &Mention, mention: Span, resolved_by: ResolvedBy) -> Speaker {
    Speaker {
        name: p.name.map(|(s, e)| t.slice(s, e)),
        role: p.role.map(|(s, e)| t.slice(s, e)),
        kind: SpeakerKind::Person,
        mention,
        resolved_by,
    }
}

/// A later mention (a surname alone, a role alone) of a person named earlier:
/// the earlier name and role, found through `mention`.
fn same_person(full: &Speaker, mention: Span, resolved_by: ResolvedBy) -> Speaker {
    Speaker {
        name: full.name.clone(),
        role: full.role.clone(),
        kind: SpeakerKind::Person,
        mention,
        resolved_by,
    }
}

/// Speakers seen so far, most recent last.
#[derive(Debug, Default)]
pub struct Resolver {
    seen: Vec<Speaker>,
    /// Gender of each seen speaker, as far as known (Arabic verb agreement,
    /// feminine role nouns).
    genders: Vec<Gender>,
    /// What [`Resolver::explicit`] compares each seen speaker with, each
    /// key computed the first time it is asked for and kept (it was
    /// recomputed for every seen speaker at every later mention, then
    /// computed for every speaker when pushed, most never asked for).
    keys: Vec<SeenKeys>,
    /// The dispatch's language when known: persons named in the narrative
    /// are looked for with its role nouns.
    lang: Option<Lang>,
    /// The persons named in the narrative, found in one scan of the text
    /// on first use, for [`Resolver::named_in_narrative`].
    narrative: OnceCell<NarrativePersons>,
    /// Arabic persons named in the whole text (`arabic_named_persons`),
    /// on first use, for [`Resolver::arabic_named_before`].
    /// (With the length of the text scanned, to recognise it.)
    arabic_narrative: OnceCell<(usize, Vec<Mention>)>,
    /// [`role_words`] of each role string met so far. A dispatch has few
    /// roles, met many times: a person mentioned again is pushed again with
    /// the same role, and every definite role ("the minister") is compared
    /// with every earlier person and every person named in the narrative.
    role_words: RefCell<FxHashMap<String, Rc<[String]>>>,
}

/// The comparison keys of one seen speaker, each worked out from the
/// speaker on first use (a seen speaker never changes). Keys are compared
/// only for a later lone surname (persons) or definite role (persons with
/// a name), so a speaker of another kind never has them computed; folding
/// every role when its speaker was pushed was over a quarter of the
/// resolver's instructions. A role that is compared is folded once per
/// dispatch ([`Resolver::role_words_of`]).
#[derive(Debug, Default)]
struct SeenKeys {
    /// `Some(last_word(name))` when the name has more than one word.
    surname: OnceCell<Option<Option<String>>>,
    /// `role_words(role)` when there is a role.
    role_words: OnceCell<Option<Rc<[String]>>>,
}

impl SeenKeys {
    /// The surname key of `sp`, the speaker these keys were made for.
    fn surname(&self, sp: &Speaker) -> &Option<Option<String>> {
        self.surname.get_or_init(|| {
            sp.name
                .as_deref()
                .filter(|pn| pn.split_whitespace().count() > 1)
                .map(last_word)
        })
    }

    /// The role words of `sp`, the speaker these keys were made for, as
    /// `of` gives them for its role.
    fn role_words(&self, sp: &Speaker, of: impl FnOnce(&str) -> Rc<[String]>) -> Option<&[String]> {
        self.role_words
            .get_or_init(|| sp.role.as_deref().map(of))
            .as_deref()
    }
}

fn agrees(want: Gender, have: Gender) -> bool {
    want == Gender::Unknown || have == Gender::Unknown || want == have
}

/// Gender of a speaker from its own words: an Arabic role or body whose
/// head noun ends in ة ("المتحدثة", "نائبة", "وزارة") is feminine, another
/// Arabic role head masculine; unknown otherwise.
fn gender_of(sp: &Speaker) -> Gender {
    let latin = latin_gender(sp);
    if latin != Gender::Unknown {
        return latin;
    }
    arabic_gender(sp)
}

/// English and French: a feminine article, title or role noun opening the
/// mention ("la ministre", "Mme Vidal", "the spokeswoman").
fn latin_gender(sp: &Speaker) -> Gender {
    if !matches!(sp.kind, SpeakerKind::Person | SpeakerKind::Anonymous) {
        return Gender::Unknown;
    }
    text_gender(&sp.mention.text)
}

/// English and French: the gender a mention's first words give away (a
/// feminine or masculine article, title or role noun).
pub fn text_gender(text: &str) -> Gender {
    // Each of the first three words is lowercased, then tested. This runs
    // for most resolved speakers, so it allocates only when a word needs
    // lowercasing, into one buffer shared by the three words.
    let (mut fem, mut masc) = (false, false);
    let mut buf = String::new();
    for w in text.split_whitespace().take(3) {
        // A word in the Arabic block only (no case: lowercasing keeps it in
        // that block) can be none of the Latin words and endings below.
        if w.chars().all(|c| ('\u{0600}'..='\u{06FF}').contains(&c)) {
            continue;
        }
        let w = if !w.is_ascii() {
            // `str::to_lowercase`, not per char: it knows the final sigma
            buf = w.to_lowercase();
            buf.as_str()
        } else if w.bytes().any(|b| b.is_ascii_uppercase()) {
            // for ASCII, exactly what `to_lowercase` gives
            buf.clear();
            buf.push_str(w);
            buf.make_ascii_lowercase();
            buf.as_str()
        } else {
            w
        };
        fem |= is_feminine_word(w);
        masc |= is_masculine_word(w);
    }
    match (fem, masc) {
        (true, false) => Gender::Feminine,
        (false, true) => Gender::Masculine,
        _ => Gender::Unknown,
    }
}

/// A lowercased word that makes a mention feminine ([`text_gender`]).
fn is_feminine_word(w: &str) -> bool {
    matches!(
        w,
        "la" | "une" | "mme" | "madame" | "mlle" | "mrs" | "mrs." | "ms" | "ms." | "miss"
    ) || w.ends_with("woman")
        || w.ends_with("trice")
        || w.ends_with("euse")
        // "boulangère", "pharmacienne"
        || (w.trim_end_matches(',').ends_with("ère") && !matches!(w, "père" | "frère"))
        || w.trim_end_matches(',').ends_with("ienne")
}

/// A lowercased word that makes a mention masculine ([`text_gender`]).
fn is_masculine_word(w: &str) -> bool {
    matches!(w, "le" | "un" | "m." | "monsieur" | "mr" | "mr." | "sir")
        || (w.ends_with("man") && !w.ends_with("woman"))
}

/// The gender a pronoun (or a cue carrying one) asks for.
pub fn pronoun_gender(p: &str) -> Gender {
    let p = p.to_lowercase();
    let last = p.rsplit(['-', ' ']).next().unwrap_or("");
    match last {
        "she" | "elle" | "elles" | "هي" => Gender::Feminine,
        "he" | "il" | "هو" => Gender::Masculine,
        // "celle-ci", "celui-ci"
        _ if p.starts_with("celle") => Gender::Feminine,
        _ if p.starts_with("celui") => Gender::Masculine,
        _ if p.contains("-elle") => Gender::Feminine,
        _ if p.contains("-il") => Gender::Masculine,
        _ => Gender::Unknown,
    }
}

fn arabic_gender(sp: &Speaker) -> Gender {
    let head = sp
        .role
        .as_deref()
        .or(if sp.kind == SpeakerKind::Organization {
            sp.name.as_deref()
        } else {
            None
        })
        .and_then(|r| r.split_whitespace().next());
    match head {
        Some(h) if h.chars().any(super::text::is_arabic_letter) => {
            let h = h.trim_end_matches(|c: char| !super::text::is_arabic_letter(c));
            if h.ends_with('ة') {
                Gender::Feminine
            } else if sp.kind == SpeakerKind::Document {
                Gender::Unknown
            } else {
                Gender::Masculine
            }
        }
        _ => Gender::Unknown,
    }
}

const ARTICLES: &[&str] = &["the", "le", "la", "les", "l'", "l"];

/// Folded nouns that stand for whichever person was just named ("l'élu a
/// dénoncé", "l'intéressée a démenti"), not for one office.
const GENERIC_PERSON: &[&str] = &["elu", "elue", "interesse", "interessee", "edile"];

/// French nouns that refer back to a person first named with a narrower
/// title: "Le procureur, X, ... Selon le magistrat, ...", "Me X ...
/// l'avocate". Folded; the key, then the role words it stands for.
const FR_ROLE_HYPERNYMS: &[(&str, &[&str])] = &[
    (
        "magistrat",
        &["procureur", "procureure", "juge", "magistrate"],
    ),
    ("magistrate", &["procureure", "juge", "magistrat"]),
    ("avocat", &["me", "batonnier"]),
    ("avocate", &["me", "batonniere"]),
    (
        "diplomate",
        &[
            "ambassadeur",
            "ambassadrice",
            "consul",
            "emissaire",
            "envoye",
        ],
    ),
    (
        "patron",
        &["pdg", "p-dg", "directeur", "president", "ceo", "dg"],
    ),
    (
        "patronne",
        &["pdg", "p-dg", "directrice", "presidente", "ceo", "dg"],
    ),
    (
        "dirigeant",
        &[
            "president",
            "chef",
            "secretaire",
            "leader",
            "pdg",
            "directeur",
        ],
    ),
    (
        "dirigeante",
        &[
            "presidente",
            "cheffe",
            "chef",
            "secretaire",
            "leader",
            "pdg",
            "directrice",
        ],
    ),
    (
        "medecin",
        &["docteur", "dr", "chirurgien", "chirurgienne", "urgentiste"],
    ),
    (
        "scientifique",
        &[
            "chercheur",
            "chercheuse",
            "physicien",
            "physicienne",
            "biologiste",
        ],
    ),
    (
        "chercheur",
        &[
            "physicien",
            "biologiste",
            "historien",
            "economiste",
            "sociologue",
        ],
    ),
    (
        "chercheuse",
        &[
            "physicienne",
            "biologiste",
            "historienne",
            "economiste",
            "sociologue",
        ],
    ),
    (
        "officier",
        &[
            "general",
            "colonel",
            "commandant",
            "capitaine",
            "lieutenant",
        ],
    ),
    ("souverain", &["roi", "emir", "sultan", "monarque"]),
    ("souveraine", &["reine", "monarque"]),
    ("monarque", &["roi", "reine", "emir", "sultan"]),
    ("pontife", &["pape"]),
];

/// Whether the role key `k` stands for one of the role words `have`
/// ([`FR_ROLE_HYPERNYMS`]).
fn hypernym_of(k: &str, have: &[String]) -> bool {
    FR_ROLE_HYPERNYMS
        .iter()
        .filter(|(key, _)| *key == k)
        .any(|(_, narrower)| narrower.iter().any(|n| have.iter().any(|h| h == n)))
}

/// Folded content words of a role, the Arabic article dropped.
fn role_words(r: &str) -> Vec<String> {
    r.split(|c: char| c.is_whitespace() || c == '\'' || c == '’')
        .map(super::text::fold_str)
        .filter(|w| !w.is_empty() && !ARTICLES.contains(&w.as_str()))
        .map(|w| match w.strip_prefix("ال") {
            Some(rest) if rest.chars().count() >= 3 => rest.to_string(),
            _ => w,
        })
        .collect()
}

/// The content words of a definite role ("الوزير", "the minister", "le
/// ministre de l'Intérieur"); `None` for an indefinite one ("مسؤول", "a
/// minister").
fn definite_role_words(r: &str) -> Option<Vec<String>> {
    let first = r.split_whitespace().next()?;
    let f = super::text::fold_str(first);
    let definite = ARTICLES.contains(&f.as_str())
        || f.starts_with("l'")
        || f.starts_with("l’")
        || (f.starts_with("ال") && f.chars().count() > 4);
    if !definite {
        return None;
    }
    let w = role_words(r);
    (!w.is_empty() && w.len() <= 4).then_some(w)
}

/// Whether the Arabic role words `want` ("نائب رئيس مجلس اداره سابك")
/// are those of `have` ("نائب رئيس مجلس ادارتها ...") with the possessive
/// suffix (ها / ه) spelled out as a body's name: the words before the
/// suffixed one the same, the suffixed word the same noun (a feminine ت
/// before the suffix is ة alone), then exactly one more word, the body's
/// name, which the text names before `before` (the body the suffix stands
/// for is named earlier: "وبينت «سابك» على لسان ..."). At least three words
/// with the body's name, so a bare "رئيس سابك" is not tied this way.
fn possessive_role_match(want: &[String], have: &[String], t: &Text, before: usize) -> bool {
    let n = want.len();
    if n < 3 || have.len() < n - 1 || want[..n - 2] != have[..n - 2] {
        return false;
    }
    let suffixed = &have[n - 2];
    let Some(base) = suffixed
        .strip_suffix("ها")
        .or_else(|| suffixed.strip_suffix('ه'))
        .filter(|b| b.chars().count() >= 3)
    else {
        return false;
    };
    let noun = &want[n - 2];
    let same = match base.strip_suffix('ت') {
        // "ادارتها": the noun is "اداره" / "إدارة"
        Some(stem) => noun.strip_suffix(['ة', 'ه']).is_some_and(|w| w == stem),
        None => noun == base,
    };
    let body = &want[n - 1];
    same && body.chars().count() >= 2
        && t.folded_str(0, before.min(t.len())).contains(body.as_str())
}

fn last_word(s: &str) -> Option<String> {
    s.split_whitespace()
        .last()
        .map(|w| super::text::fold_str(w.trim_start_matches(['و', 'ف'])))
}

impl Resolver {
    /// A resolver that also looks for persons named in the narrative of a
    /// dispatch in `lang`.
    pub fn for_lang(lang: Option<Lang>) -> Self {
        Resolver {
            lang,
            ..Resolver::default()
        }
    }

    /// [`role_words`] of `role`, each role string folded once per dispatch.
    fn role_words_of(&self, role: &str) -> Rc<[String]> {
        if let Some(words) = self.role_words.borrow().get(role) {
            return Rc::clone(words);
        }
        let words: Rc<[String]> = role_words(role).into();
        self.role_words
            .borrow_mut()
            .insert(role.to_string(), Rc::clone(&words));
        words
    }

    /// Whether the one-word `name` is the surname of a person seen before
    /// (the last word of a name of two words or more): "نتنياهو" after
    /// "بنيامين نتنياهو" spoke.
    pub fn knows_surname(&self, name: &str) -> bool {
        let key = last_word(name);
        key.is_some()
            && self.seen.iter().zip(&self.keys).any(|(p, k)| {
                p.kind == SpeakerKind::Person && k.surname(p).as_ref().is_some_and(|s| *s == key)
            })
    }

    /// Resolve one finding; `None` when no speaker can be given.
    pub fn resolve(&mut self, t: &Text, found: &Found) -> Option<Speaker> {
        self.resolve_agreeing(t, found, Gender::Unknown)
    }

    /// Resolve one finding whose cue agrees with `gender` ("وأضافت" takes
    /// the last feminine speaker).
    pub fn resolve_agreeing(&mut self, t: &Text, found: &Found, gender: Gender) -> Option<Speaker> {
        let genders = &self.genders;
        let ok = |i: usize| agrees(gender, genders.get(i).copied().unwrap_or_default());
        let sp = match found {
            Found::Mention(m) => self.explicit(t, m),
            Found::Pronoun(s, e, compat) => {
                // "They concluded that ...": a group, never one person
                if let Some(group) = self.plural_antecedent(t, *s, *e) {
                    let sp = Speaker {
                        mention: t.span(*s, *e),
                        resolved_by: ResolvedBy::Pronoun,
                        ..group
                    };
                    self.keys.push(SeenKeys::default());
                    self.seen.push(sp.clone());
                    self.genders.push(Gender::Unknown);
                    return Some(sp);
                }
                // "he" / "she" never refer back to a group ("They
                // concluded ..." then "..., he said")
                let singular = self.lang == Some(Lang::En)
                    && matches!(t.str(*s, *e).to_lowercase().as_str(), "he" | "she");
                let found = self
                    .seen
                    .iter()
                    .enumerate()
                    .rev()
                    .filter(|(i, _)| ok(*i))
                    .map(|(_, p)| p)
                    .filter(|p| !(singular && super::groups::is_group_speaker(p)))
                    .find(|p| match compat {
                        Compat::Human => {
                            matches!(p.kind, SpeakerKind::Person | SpeakerKind::Anonymous)
                        }
                        Compat::Thing => {
                            matches!(p.kind, SpeakerKind::Organization | SpeakerKind::Document)
                        }
                        Compat::Any => true,
                    })
                    .cloned();
                let prev = match found {
                    Some(p) => p,
                    None => self.pronoun_from_narrative(t, *s, *e, *compat, gender)?,
                };
                Speaker {
                    mention: t.span(*s, *e),
                    resolved_by: ResolvedBy::Pronoun,
                    ..prev
                }
            }
            Found::Bare => {
                let prev = self
                    .seen
                    .iter()
                    .enumerate()
                    .rev()
                    .find(|(i, _)| ok(*i))?
                    .1
                    .clone();
                Speaker {
                    resolved_by: ResolvedBy::Previous,
                    ..prev
                }
            }
            Found::None => return None,
        };
        let g = match (gender, found) {
            // a resolved speaker keeps what was known of it
            (_, Found::Bare | Found::Pronoun(..)) => self
                .seen
                .iter()
                .zip(&self.genders)
                .rev()
                .find(|(p, _)| p.name == sp.name && p.role == sp.role)
                .map(|(_, g)| *g)
                .filter(|g| *g != Gender::Unknown)
                .unwrap_or(gender),
            // (only here is the speaker's own gender needed)
            (Gender::Unknown, _) => gender_of(&sp),
            (g, _) => g,
        };
        // what was learnt of this speaker before ("She said ..." then
        // "Janssens said")
        let g = if g == Gender::Unknown && sp.name.is_some() {
            self.seen
                .iter()
                .zip(&self.genders)
                .rev()
                .find(|(p, g)| p.name == sp.name && **g != Gender::Unknown)
                .map_or(g, |(_, g)| *g)
        } else {
            g
        };
        // and what is learnt now holds for its earlier mentions too
        if g != Gender::Unknown && (sp.name.is_some() || sp.role.is_some()) {
            for (p, pg) in self.seen.iter().zip(self.genders.iter_mut()) {
                if *pg == Gender::Unknown && p.name == sp.name && p.role == sp.role {
                    *pg = g;
                }
            }
        }
        self.keys.push(SeenKeys::default());
        self.seen.push(sp.clone());
        self.genders.push(g);
        Some(sp)
    }

    /// The last person named in the narrative before `before` (who need not
    /// have spoken) for whom `matches` holds; none when the language is
    /// unknown.
    fn named_in_narrative(
        &self,
        t: &Text,
        before: usize,
        matches: impl Fn(&Mention) -> bool,
    ) -> Option<Mention> {
        let lang = self.lang?;
        let cached = self
            .narrative
            .get_or_init(|| NarrativePersons::new(t, lang));
        let persons = if cached.is_for(t) {
            cached.before(t, before, lang)
        } else {
            super::speakers::named_persons(t, 0, before, lang)
        };
        persons.into_iter().rev().find(|p| matches(p))
    }

    /// The last Arabic person named in the narrative (a role and a name of
    /// two to four words, `arabic_named_persons`) whose mention ends before
    /// `before` and for whom `matches` holds. The text is scanned once.
    fn arabic_named_before(
        &self,
        t: &Text,
        before: usize,
        matches: impl Fn(&Mention) -> bool,
    ) -> Option<Mention> {
        let (len, all) = self.arabic_narrative.get_or_init(|| {
            (
                t.len(),
                super::speakers::arabic_named_persons(t, 0, t.len()),
            )
        });
        if *len != t.len() {
            return super::speakers::arabic_named_persons(t, 0, before)
                .into_iter()
                .rev()
                .find(|p| matches(p));
        }
        all.iter()
            .rev()
            .filter(|p| p.end <= before)
            .find(|p| matches(p))
            .cloned()
    }

    /// "Turkish president Erdoğan called for ... \"...\", he said": a
    /// pronoun whose referent has not spoken yet but was named in the
    /// narrative before it takes the last named person there; English
    /// only, a human pronoun only, and only when no earlier speaker fits
    /// (a seen speaker is the safer referent in wire copy).
    fn pronoun_from_narrative(
        &self,
        t: &Text,
        s: usize,
        e: usize,
        compat: Compat,
        gender: Gender,
    ) -> Option<Speaker> {
        if self.lang != Some(Lang::En) || matches!(compat, Compat::Thing) {
            return None;
        }
        if !matches!(t.str(s, e).to_lowercase().as_str(), "he" | "she") {
            return None;
        }
        let fits =
            |p: &Mention| p.name.is_some() && agrees(gender, text_gender(&t.slice(p.start, p.end)));
        let named = self.named_in_narrative(t, s, fits);
        // a person named by a lowercase role and one name word, when later
        let bare = super::speakers::role_name_subjects(t, 0, s)
            .into_iter()
            .rev()
            .find(|p| fits(p));
        let p = match (named, bare) {
            (Some(n), Some(b)) if b.start > n.start => b,
            (Some(n), _) => n,
            (None, b) => b?,
        };
        Some(narrative_person(t, &p, t.span(s, e), ResolvedBy::Pronoun))
    }

    /// Whether the pronoun at `s..e` will resolve to a group (English
    /// "they" with a group in reach, see `plural_antecedent`).
    pub fn takes_group(&self, t: &Text, s: usize, e: usize) -> bool {
        self.plural_antecedent(t, s, e).is_some()
    }

    /// English "they" as the subject of a cue: the nearest group, either
    /// one that already spoke ("the researchers said ... They added") or
    /// one named in the narrative of this or the two paragraphs before
    /// ("an assembly of several foreign ministers ... They concluded"),
    /// whichever comes later. `None` when the pronoun is not "they" or no
    /// group is in reach: the usual pronoun rules then apply.
    fn plural_antecedent(&self, t: &Text, s: usize, e: usize) -> Option<Speaker> {
        if self.lang != Some(Lang::En) || !t.str(s, e).eq_ignore_ascii_case("they") {
            return None;
        }
        let seen = self
            .seen
            .iter()
            .rev()
            .find(|p| super::groups::is_group_speaker(p));
        let (para, _) = t.paragraph_of(s);
        let from = t
            .paragraphs
            .iter()
            .map(|p| p.0)
            .filter(|&ps| ps < para)
            .rev()
            .nth(1)
            .or_else(|| t.paragraphs.iter().map(|p| p.0).find(|&ps| ps < para))
            .unwrap_or(para);
        let named = super::groups::last_group_before(t, from, s);
        match (seen, named) {
            (Some(sp), Some(m)) if sp.mention.start >= m.start => Some(sp.clone()),
            (_, Some(m)) => Some(Speaker {
                name: None,
                role: m.role.map(|(a, b)| t.slice(a, b)),
                kind: SpeakerKind::Anonymous,
                mention: t.span(s, e),
                resolved_by: ResolvedBy::Pronoun,
            }),
            (Some(sp), None) => Some(sp.clone()),
            (None, None) => None,
        }
    }

    fn explicit(&self, t: &Text, m: &Mention) -> Speaker {
        let name = m.name.map(|(s, e)| t.slice(s, e));
        let role = m.role.map(|(s, e)| t.slice(s, e));
        let mention: Span = t.span(m.start, m.end);
        // a single-word name (or a name without role) that ends an earlier
        // full name: the surname alone
        if m.kind == SpeakerKind::Person && role.is_none() {
            // "وأوضح أبو السعود": a compound surname ending an earlier full
            // name counts as the surname alone
            if let Some(n) = name
                .as_deref()
                .filter(|n| n.split_whitespace().count() == 2)
            {
                let tail = format!(" {}", super::text::fold_str(n));
                let full = self.seen.iter().rev().find(|p| {
                    p.kind == SpeakerKind::Person
                        && p.name.as_deref().is_some_and(|pn| {
                            pn.split_whitespace().count() > 2
                                && super::text::fold_str(pn).ends_with(&tail)
                        })
                });
                if let Some(full) = full {
                    return same_person(full, mention, ResolvedBy::Surname);
                }
            }
            if let Some(n) = name
                .as_deref()
                .filter(|n| n.split_whitespace().count() == 1)
            {
                let key = last_word(n);
                let full = self.seen.iter().zip(&self.keys).rev().find(|(p, k)| {
                    p.kind == SpeakerKind::Person
                        && k.surname(p).as_ref().is_some_and(|s| *s == key)
                });
                if let Some((full, _)) = full {
                    return same_person(full, mention, ResolvedBy::Surname);
                }
                // "Le président de l'ordre, Paul Ravel, ... M. Ravel a
                // déclaré": the full name given in the narrative
                let hit = self.named_in_narrative(t, m.start, |p| {
                    p.name.is_some_and(|(s, e)| {
                        let pn = t.str(s, e);
                        pn.split_whitespace().count() > 1 && last_word(pn) == key
                    })
                });
                if let Some(p) = hit {
                    return narrative_person(t, &p, mention, ResolvedBy::Surname);
                }
                // "استقبل وزير الخارجية أيمن الصفدي ... وقال الصفدي": an
                // Arabic full name given with its role in the narrative
                if self.lang == Some(Lang::Ar) {
                    let hit = self.arabic_named_before(t, m.start, |p| {
                        p.name.is_some_and(|(s, e)| {
                            let pn = t.str(s, e);
                            pn.split_whitespace().count() > 1 && last_word(pn) == key
                        })
                    });
                    if let Some(p) = hit {
                        return narrative_person(t, &p, mention, ResolvedBy::Surname);
                    }
                }
            }
        }
        // "وأشار نائب رئيس مجلس إدارة سابك" after "يوسف البنيان، نائب رئيس
        // مجلس إدارتها،": a role closed by a body's name, the same role
        // as a person's given with a possessive suffix standing for it
        if name.is_none() && self.lang == Some(Lang::Ar) && m.kind == SpeakerKind::Person {
            if let Some(r) = role.as_deref() {
                let have = role_words(r);
                let seen = self.seen.iter().rev().find(|p| {
                    p.kind == SpeakerKind::Person
                        && p.name.is_some()
                        && p.role.as_deref().is_some_and(|pr| {
                            possessive_role_match(&have, &role_words(pr), t, m.start)
                        })
                });
                if let Some(full) = seen {
                    return same_person(full, mention, ResolvedBy::Previous);
                }
                let hit = self.arabic_named_before(t, m.start, |p| {
                    p.role.is_some_and(|(s, e)| {
                        possessive_role_match(&have, &role_words(t.str(s, e)), t, m.start)
                    })
                });
                if let Some(p) = hit {
                    return narrative_person(t, &p, mention, ResolvedBy::Previous);
                }
            }
        }
        // a definite role alone ("قال الوزير", "le ministre a ajouté", "the
        // minister said") refers back to the person named with that role
        if name.is_none() && matches!(m.kind, SpeakerKind::Person | SpeakerKind::Anonymous) {
            if let Some(keys) = role.as_deref().and_then(definite_role_words) {
                let full = self.seen.iter().zip(&self.keys).rev().find(|(p, k)| {
                    p.kind == SpeakerKind::Person
                        && p.name.is_some()
                        && k.role_words(p, |r| self.role_words_of(r))
                            .is_some_and(|have| {
                                keys.iter()
                                    .all(|k| have.contains(k) || hypernym_of(k, have))
                            })
                });
                if let Some((full, _)) = full {
                    return same_person(full, mention, ResolvedBy::Previous);
                }
                // "La ministre de l'Éducation, Nathalie Verhaegen, et ... ont
                // signé ... « ... », a souligné la ministre": a person named
                // with that role in the narrative, who has not spoken yet
                let hit = self.named_in_narrative(t, m.start, |p| {
                    p.role.is_some_and(|(s, e)| {
                        let have = self.role_words_of(t.str(s, e));
                        keys.iter()
                            .all(|k| have.contains(k) || hypernym_of(k, &have))
                    })
                });
                if let Some(p) = hit {
                    return narrative_person(t, &p, mention, ResolvedBy::Previous);
                }
                // "l'élu", "l'intéressée": a noun that stands for any person
                // just named refers to the last one, speaker or not
                // "the 38-year-old teacher said": an epithet with an age
                // refers to the person just named too
                let epithet = keys.iter().any(|k| k.ends_with("-year-old"));
                if (keys.len() == 1 && GENERIC_PERSON.contains(&keys[0].as_str())) || epithet {
                    let last_seen = self
                        .seen
                        .iter()
                        .rev()
                        .find(|p| p.kind == SpeakerKind::Person && p.name.is_some());
                    let last_named = self.named_in_narrative(t, m.start, |_| true);
                    let speaker = match (last_seen, last_named) {
                        (Some(sp), Some(nm)) if sp.mention.start >= nm.start => Some(sp.clone()),
                        (_, Some(nm)) => Some(narrative_person(
                            t,
                            &nm,
                            mention.clone(),
                            ResolvedBy::Previous,
                        )),
                        (Some(sp), None) => Some(sp.clone()),
                        (None, None) => None,
                    };
                    if let Some(sp) = speaker {
                        return same_person(&sp, mention, ResolvedBy::Previous);
                    }
                }
            }
        }
        Speaker {
            name,
            role,
            kind: m.kind,
            mention,
            resolved_by: ResolvedBy::Explicit,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// [`text_gender`] as it was first written: every word lowercased with
    /// `to_lowercase` into a `Vec<String>`, then the two tests over it.
    fn text_gender_reference(text: &str) -> Gender {
        let words: Vec<String> = text
            .split_whitespace()
            .take(3)
            .filter(|w| !w.chars().all(|c| ('\u{0600}'..='\u{06FF}').contains(&c)))
            .map(|w| w.to_lowercase())
            .collect();
        let fem = words.iter().any(|w| is_feminine_word(w));
        let masc = words.iter().any(|w| is_masculine_word(w));
        match (fem, masc) {
            (true, false) => Gender::Feminine,
            (false, true) => Gender::Masculine,
            _ => Gender::Unknown,
        }
    }

    #[test]
    fn text_gender_reads_the_first_three_words() {
        for (text, want) in [
            ("Mrs. Janssens", Gender::Feminine),
            ("THE SPOKESWOMAN said", Gender::Feminine),
            ("la Ministre", Gender::Feminine),
            ("La BOULANGÈRE", Gender::Feminine),
            ("le père", Gender::Masculine),
            ("Mr Smith", Gender::Masculine),
            ("the chairman", Gender::Masculine),
            ("spokeswoman chairman said", Gender::Unknown),
            // only the first three words count
            ("the spokeswoman and the chairman", Gender::Feminine),
            ("a senior official told reporters madame", Gender::Unknown),
            ("الوزير la", Gender::Feminine),
            ("", Gender::Unknown),
        ] {
            assert_eq!(text_gender(text), want, "{text:?}");
            assert_eq!(text_gender_reference(text), want, "{text:?}");
        }
    }

    /// The keys a seen speaker is compared with, computed on first use,
    /// are what they were when computed for every speaker when pushed.
    #[test]
    fn seen_keys_are_computed_on_first_use() {
        let speaker = |name: Option<&str>, role: Option<&str>| Speaker {
            name: name.map(str::to_string),
            role: role.map(str::to_string),
            kind: SpeakerKind::Person,
            mention: Span {
                text: String::new(),
                start: 0,
                end: 0,
            },
            resolved_by: ResolvedBy::Explicit,
        };
        let words = |ws: &[&str]| ws.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        for (sp, surname, role) in [
            (
                speaker(Some("Paul Ravel"), Some("le président de l'Ordre")),
                Some(Some("ravel".to_string())),
                Some(words(&["president", "de", "ordre"])),
            ),
            (speaker(Some("Ravel"), None), None, None),
            (
                speaker(Some("محمد أبو السعود"), Some("وزير الخارجية")),
                Some(Some("السعود".to_string())),
                Some(words(&["وزير", "خارجيه"])),
            ),
            (
                speaker(None, Some("The Finance Minister")),
                None,
                Some(words(&["finance", "minister"])),
            ),
        ] {
            let k = SeenKeys::default();
            let resolver = Resolver::default();
            assert_eq!(k.surname(&sp), &surname, "{sp:?}");
            assert_eq!(
                k.role_words(&sp, |r| resolver.role_words_of(r)),
                role.as_deref(),
                "{sp:?}"
            );
            // asked again: the kept answer, not worked out again
            assert_eq!(k.surname(&sp), &surname);
            assert_eq!(k.role_words(&sp, |_| unreachable!("kept")), role.as_deref());
        }
    }

    /// The role words kept per role string are [`role_words`] of it, the
    /// same the first time and after.
    #[test]
    fn role_words_of_keeps_role_words_per_role() {
        let resolver = Resolver::default();
        for role in [
            "le président de l'Ordre",
            "the Finance Minister",
            "وزير الخارجية",
            "",
            "le président de l'Ordre",
            "Le Président de l'Ordre",
        ] {
            let first = resolver.role_words_of(role);
            assert_eq!(&*first, role_words(role).as_slice(), "{role:?}");
            let again = resolver.role_words_of(role);
            assert!(Rc::ptr_eq(&first, &again), "{role:?}");
        }
        // one entry per distinct role string
        assert_eq!(resolver.role_words.borrow().len(), 5);
    }

    proptest! {
        /// Any mix of the words and endings it looks for, in any case, with
        /// Arabic, accented and final-sigma words and odd whitespace.
        #[test]
        fn text_gender_answers_as_the_reference(
            words in prop::collection::vec(
                prop::sample::select(vec![
                    "la", "LA", "Mme", "MRS.", "ms", "Miss", "Le", "UN", "m.", "M.",
                    "Monsieur", "SIR", "spokeswoman", "SPOKESMAN", "Chairman",
                    "directrice", "vendeuse", "Boulangère,", "PÈRE", "frère",
                    "pharmacienne", "Pharmacienne,", "الوزير", "المتحدثة", "ΟΔΟΣ",
                    "ΚΑΛΩΣ", "said", "X", "é", "ÉLUE", "İstanbul", "K",
                ]),
                0..5,
            ),
            sep in prop::sample::select(vec![" ", "  ", "\n", "\t", " \u{a0}"]),
        ) {
            let text = words.join(sep);
            prop_assert_eq!(text_gender(&text), text_gender_reference(&text));
        }
    }
}
