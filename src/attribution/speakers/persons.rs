//! Persons named in running text whether they speak or not (a name with a
//! role next to it, a role noun before a single name), kept as antecedents
//! for later pronouns, role nouns and surnames.
//!
//! Owns: the name scans over a stretch of text.
//! Must not touch: resolution across sentences (`resolve.rs`).

use super::*;

/// Persons named in running text between `lo` and `hi`, whether they speak
/// or not: a run of two to four capitalized name words with a role next
/// to it ("la ministre du Commerce, Sophie Béranger", "Martine Rochas,
/// boulangère à Villeurbanne,", "Mme Claire Roy"). Later role nouns and
/// demonstratives ("la ministre", "celle-ci") refer back to them. Latin
/// scripts only; in reading order.
pub fn named_persons(t: &Text, lo: usize, hi: usize, lang: Lang) -> Vec<Mention> {
    if lang == Lang::Ar {
        return Vec::new();
    }
    let scan = NameScan {
        t,
        words: lexicon().words(lang),
    };
    let mut out = Vec::new();
    scan.run(t.token_at_or_after(lo), lo, hi, &mut out);
    out
}

/// The scan of [`named_persons`], one run of name words at a time.
pub(super) struct NameScan<'a> {
    t: &'a Text,
    words: &'a Words,
}

impl NameScan<'_> {
    /// Token `j` may be part of a name: capitalized, and not a role noun,
    /// stop word, determiner, title, article or organization word.
    ///
    /// The scans below test [`is_capitalized`] themselves before calling
    /// this (the same first test, so the same answer): it rejects most
    /// tokens of a text, and inlined it costs a few instructions where the
    /// call cost some forty.
    fn name_word(&self, j: usize) -> bool {
        let (t, words) = (self.t, self.words);
        let f = t.fold_of(&t.tokens[j]);
        is_capitalized(t, j)
            && !words.roles.contains(f)
            && !words.stop.contains(f)
            && !DETERMINERS.contains(&f)
            && !TITLES.contains(&f)
            && !ARTICLES.contains(&f)
            && !words.organizations.contains(f)
    }

    /// The scan from token `k` (the left-to-right state of the scan is
    /// only `k`), mentions appended to `out`.
    fn run(&self, mut k: usize, lo: usize, hi: usize, out: &mut Vec<Mention>) {
        let t = self.t;
        while k < t.tokens.len() && t.tokens[k].end <= hi {
            if !is_capitalized(t, k) || !self.name_word(k) {
                k += 1;
                continue;
            }
            let (e, mention) = self.group(k, lo, hi);
            out.extend(mention);
            k = e;
        }
    }

    /// The run of name words opened by the name word at token `k`: one
    /// past its last token, and the person it names when it has a role.
    fn group(&self, k: usize, lo: usize, hi: usize) -> (usize, Option<Mention>) {
        let (t, words) = (self.t, self.words);
        // a capitalized particle inside a surname: "Gwenaëlle Le Goff"
        let particle = |j: usize| {
            is_capitalized(t, j)
                && matches!(
                    t.fold_of(&t.tokens[j]),
                    "le" | "la" | "de" | "du" | "van" | "von" | "da" | "di" | "ben" | "al" | "el"
                )
                && j + 1 < t.tokens.len()
                && t.tokens[j + 1].end <= hi
                && gap_is_space(t, t.tokens[j].end, t.tokens[j + 1].start)
                && self.name_word(j + 1)
        };
        let mut e = k + 1;
        while e < t.tokens.len()
            && e - k < 4
            && t.tokens[e].end <= hi
            && gap_is_space(t, t.tokens[e - 1].end, t.tokens[e].start)
            && (self.name_word(e) || particle(e))
        {
            e += 1;
        }
        let (ns, ne) = (t.tokens[k].start, t.tokens[e - 1].end);
        // "pour M. Rakotomalala, ...": a lone surname counts only after a
        // courtesy title (tested before the gazetteer, which is dearer)
        let title = (e - k == 1 && k > 0).then(|| &t.tokens[k - 1]).filter(|p| {
            p.start >= lo
                && TITLES.contains(&t.fold_of(p))
                && gap_is_space(t, p.end, t.tokens[k].start)
        });
        if e - k < 2 && title.is_none() {
            return (e, None);
        }
        if fronted_time_phrase(t, k, e) {
            return (e, None);
        }
        // not an outlet ("Jeune Afrique")
        if !crate::outlets::gazetteer()
            .find_all(t.str(ns, ne))
            .is_empty()
        {
            return (e, None);
        }
        if let Some(p) = title {
            let mention = Mention {
                start: p.start,
                end: ne,
                name: Some((ns, ne)),
                role: Some((p.start, p.end)),
                kind: SpeakerKind::Person,
            };
            return (e, Some(mention));
        }
        let role = role_before(t, k, lo, words).or_else(|| role_after(t, e, hi, words));
        let mention = match role {
            Some((rs, re)) => Some(Mention {
                start: rs.min(ns),
                end: re.max(ne),
                name: Some((ns, ne)),
                role: Some((rs, re)),
                kind: SpeakerKind::Person,
            }),
            None => person_without_role(t, k, e, lo, hi, words).then_some(Mention {
                start: ns,
                end: ne,
                name: Some((ns, ne)),
                role: None,
                kind: SpeakerKind::Person,
            }),
        };
        (e, mention)
    }
}

/// Arabic persons named in running text between `lo` and `hi`, whether
/// they speak or not: a role noun phrase before a name ("استقبل وزير
/// الخارجية أيمن الصفدي ...") or a name with its role in apposition
/// ("يوسف البنيان، نائب رئيس مجلس الإدارة،"). Arabic has no capitals, so
/// a name is two to four words that are not function words, role nouns or
/// body words, its first word not definite, closed by punctuation, a
/// function word, a role noun or a prepositional ل; anything looser is
/// left out (precision first). In reading order.
pub fn arabic_named_persons(t: &Text, lo: usize, hi: usize) -> Vec<Mention> {
    let words = lexicon().words(Lang::Ar);
    let mut out = Vec::new();
    let mut k = t.token_at_or_after(lo);
    while k < t.tokens.len() && t.tokens[k].end <= hi {
        let found = arabic_role_then_name(t, k, lo, hi, words)
            .or_else(|| arabic_name_then_role(t, k, lo, hi, words));
        match found {
            Some((e, m)) => {
                out.push(m);
                k = e;
            }
            None => k += 1,
        }
    }
    out
}

/// Token `j` may be a word of an Arabic personal name: Arabic letters,
/// and not a function word, role noun or body word.
fn arabic_name_word(t: &Text, j: usize, words: &Words) -> bool {
    let tok = &t.tokens[j];
    let f = t.fold_of(tok);
    t.chars[tok.start..tok.end]
        .iter()
        .all(|&c| is_arabic_letter(c))
        && f.chars().count() >= 2
        && !words.stop.contains(f)
        && !words.stop.contains(strip_proclitics(f))
        && !words.roles.contains(f)
        && !words.roles.contains(strip_al(f))
        && !words.organizations.contains(f)
        && !words.organizations.contains(strip_al(f))
        && !words.pronouns.contains(f)
}

/// Token `j` is an Arabic role noun (with or without و / ف, the article).
fn arabic_role_word(t: &Text, j: usize, words: &Words) -> bool {
    let f = t.fold_of(&t.tokens[j]);
    words.roles.contains(f) || words.roles.contains(strip_al(f))
}

/// The end (exclusive token index) of the run of at most `max` name words
/// from token `first`, ending before `hi` and joined by single spaces.
fn arabic_name_run(t: &Text, first: usize, max: usize, hi: usize, words: &Words) -> usize {
    let mut e = first;
    while e < first + max
        && t.tokens.get(e).is_some_and(|n| n.end <= hi)
        && (e == first || gap_is_space(t, t.tokens[e - 1].end, t.tokens[e].start))
        && arabic_name_word(t, e, words)
    {
        e += 1;
    }
    e
}

/// What may close an Arabic name ending at token `e - 1`: the end of the
/// stretch or of its clause (punctuation), a function word, a role noun,
/// or a word with the preposition ل.
fn arabic_name_closed(t: &Text, e: usize, hi: usize, words: &Words) -> bool {
    let Some(next) = t.tokens.get(e).filter(|n| n.end <= hi) else {
        return true;
    };
    if !gap_is_space(t, t.tokens[e - 1].end, next.start) {
        return true;
    }
    let f = t.fold_of(next);
    words.stop.contains(f)
        || words.stop.contains(strip_proclitics(f))
        || arabic_role_word(t, e, words)
        || f.starts_with('ل')
}

/// "وزير الخارجية أيمن الصفدي": a role noun phrase opening at token `k`
/// (as `analyse` reads it: role nouns, definite words, construct chains)
/// and a name of two to four words after it. One past the last token,
/// and the person.
fn arabic_role_then_name(
    t: &Text,
    k: usize,
    lo: usize,
    hi: usize,
    words: &Words,
) -> Option<(usize, Mention)> {
    if !arabic_role_word(t, k, words) {
        return None;
    }
    // the words of the clause from the role noun on, at most ten
    let mut v = vec![k];
    while v.len() < 10 {
        let j = v[v.len() - 1] + 1;
        match t.tokens.get(j) {
            Some(n) if n.end <= hi && gap_is_space(t, t.tokens[j - 1].end, n.start) => v.push(j),
            _ => break,
        }
    }
    let (cs, ce) = (t.tokens[k].start.max(lo), t.tokens[v[v.len() - 1]].end);
    let m = analyse(t, &v, Lang::Ar, words, cs, ce);
    let ((rs, re), (ns, _)) = (m.role?, m.name?);
    if m.kind != SpeakerKind::Person || rs != t.tokens[k].start || ns < re {
        return None;
    }
    let first = t.token_at_or_after(ns);
    if t.fold_of(&t.tokens[first]).starts_with("ال") {
        return None;
    }
    let e = arabic_name_run(t, first, 4, hi, words);
    if e - first < 2 || !arabic_name_closed(t, e, hi, words) {
        return None;
    }
    let ne = t.tokens[e - 1].end;
    Some((
        e,
        Mention {
            start: rs,
            end: ne,
            name: Some((ns, ne)),
            role: Some((rs, re)),
            kind: SpeakerKind::Person,
        },
    ))
}

/// "يوسف البنيان، نائب رئيس مجلس الإدارة،": a name of two or three words
/// opening at token `k`, a comma, then a role noun phrase closed by a
/// comma (at most eight words). One past the role, and the person.
fn arabic_name_then_role(
    t: &Text,
    k: usize,
    lo: usize,
    hi: usize,
    words: &Words,
) -> Option<(usize, Mention)> {
    if t.tokens[k].start < lo || t.fold_of(&t.tokens[k]).starts_with("ال") {
        return None;
    }
    // the name opens its clause or follows a word that is not a name
    // word (a verb cannot be told from a name; the name is cut short
    // rather than run on over it)
    if k > 0
        && gap_is_space(t, t.tokens[k - 1].end, t.tokens[k].start)
        && arabic_name_word(t, k - 1, words)
        && !t.fold_of(&t.tokens[k - 1]).starts_with('و')
    {
        return None;
    }
    // "وصرح يوسف البنيان،": a first word with و before two more is
    // likely a verb; the name is tried from the next word
    if t.fold_of(&t.tokens[k]).starts_with('و')
        && (k + 1..k + 3).all(|j| {
            t.tokens.get(j).is_some_and(|n| n.end <= hi)
                && gap_is_space(t, t.tokens[j - 1].end, t.tokens[j].start)
                && arabic_name_word(t, j, words)
        })
    {
        return None;
    }
    let e = arabic_name_run(t, k, 3, hi, words);
    let role_at = t.tokens.get(e).filter(|n| n.end <= hi)?;
    if e - k < 2 {
        return None;
    }
    let gap: String = t.chars[t.tokens[e - 1].end..role_at.start].iter().collect();
    if gap.trim() != "،" && gap.trim() != "," {
        return None;
    }
    if !arabic_role_word(t, e, words) {
        return None;
    }
    // the role runs to the next comma, within eight words
    let mut r = e + 1;
    loop {
        let n = t.tokens.get(r).filter(|n| n.end <= hi)?;
        if r - e >= 8 {
            return None;
        }
        if !gap_is_space(t, t.tokens[r - 1].end, n.start) {
            let gap: String = t.chars[t.tokens[r - 1].end..n.start].iter().collect();
            if gap.trim() != "،" && gap.trim() != "," {
                return None;
            }
            break;
        }
        r += 1;
    }
    // "شارك هشام الخطيب، رئيس ...": nothing tells a verb opening the
    // clause from a given name, so three words are a name only when they
    // hold a compound ("عبد الله", "أبو", "بن"); otherwise the last two
    let compound = (k..e).any(|j| {
        matches!(
            strip_proclitics(t.fold_of(&t.tokens[j])),
            "عبد" | "ابو" | "بن" | "ابن" | "بنت"
        )
    });
    let k = if e - k == 3 && !compound { k + 1 } else { k };
    let (ns, ne) = (t.tokens[k].start, t.tokens[e - 1].end);
    let (rs, re) = (role_at.start, t.tokens[r - 1].end);
    Some((
        r,
        Mention {
            start: ns,
            end: re,
            name: Some((ns, ne)),
            role: Some((rs, re)),
            kind: SpeakerKind::Person,
        },
    ))
}

/// [`named_persons`] from the start of the text (`lo = 0`) up to many
/// bounds `hi`, as the resolver asks for it at every surname or role
/// mentioned alone (it rescanned the text up to the mention each time:
/// quadratic in the length of the dispatch).
///
/// The whole text is scanned once (`hi = t.len()`), each run of name
/// words kept with its start token, its result and its *reach*: an upper
/// bound of every code-point offset the run's computation compares with
/// `hi` or reads (the name tokens, the particle look-ahead one token
/// further, `role_after`'s space skip and at most 12 tokens after the
/// name, `person_without_role`'s two tokens after it; the end of the text
/// when fewer tokens follow). A run whose reach is at most `hi` is computed exactly the same under bound `hi`
/// (every comparison with `hi` gives the same answer as with `t.len()`),
/// and the scan's only state is the next token, so the scan up to `hi`
/// yields the cached runs in order until the first one that reaches past
/// `hi`; from that run's start token on, the scan is run again with bound
/// `hi` (the tokens between runs are not name words whatever the bound,
/// so they produce nothing either way). `role_before`, the courtesy title
/// before a lone surname and `person_without_role`'s look back to the
/// start of the sentence depend on `lo` only, fixed at 0.
#[derive(Debug)]
pub struct NarrativePersons {
    /// Code points of the text scanned (to recognise it).
    len: usize,
    /// `(start token, reach, person)` per run of name words, in order.
    runs: Vec<(usize, usize, Option<Mention>)>,
}

impl NarrativePersons {
    pub fn new(t: &Text, lang: Lang) -> Self {
        let mut runs = Vec::new();
        if lang != Lang::Ar {
            let scan = NameScan {
                t,
                words: lexicon().words(lang),
            };
            let hi = t.len();
            let mut k = 0;
            while k < t.tokens.len() && t.tokens[k].end <= hi {
                if !is_capitalized(t, k) || !scan.name_word(k) {
                    k += 1;
                    continue;
                }
                let (e, mention) = scan.group(k, 0, hi);
                let reach = t.tokens.get(e + 12).map_or(t.len(), |x| x.end);
                runs.push((k, reach, mention));
                k = e;
            }
        }
        NarrativePersons { len: t.len(), runs }
    }

    /// Whether this was built for `t` (same length: the resolver keeps
    /// one text per dispatch).
    pub fn is_for(&self, t: &Text) -> bool {
        self.len == t.len()
    }

    /// Exactly `named_persons(t, 0, hi, lang)`.
    pub fn before(&self, t: &Text, hi: usize, lang: Lang) -> Vec<Mention> {
        if lang == Lang::Ar || hi > self.len {
            return named_persons(t, 0, hi, lang);
        }
        let mut out = Vec::new();
        for (k, reach, mention) in &self.runs {
            if *reach > hi {
                let scan = NameScan {
                    t,
                    words: lexicon().words(lang),
                };
                scan.run(*k, 0, hi, &mut out);
                return out;
            }
            out.extend(mention.iter().cloned());
        }
        out
    }
}

/// "Turkish president Erdoğan called for ...", "opposition leader Ruiz
/// met ...": English persons named by a lowercase role noun directly
/// before a single capitalised name, as the subject of a lowercase verb.
/// [`named_persons`] wants two to four name words, so such a person is
/// not kept there, and a later "he said" had no antecedent. The role
/// takes one capitalised or role word before it ("Turkish", "deputy").
/// In text order, between `lo` and `hi`.
pub fn role_name_subjects(t: &Text, lo: usize, hi: usize) -> Vec<Mention> {
    let words = lexicon().words(Lang::En);
    let mut out = Vec::new();
    let end = t.tokens_before(hi);
    let first = t.token_at_or_after(lo);
    for k in first.max(1)..end.saturating_sub(1) {
        let name = &t.tokens[k];
        let role = &t.tokens[k - 1];
        let Some(next) = t.tokens.get(k + 1) else {
            break;
        };
        let rf = t.fold_of(role);
        let nf = t.fold_of(next);
        if role.start < lo
            || next.end > hi
            || !is_capitalized(t, k)
            || is_capitalized(t, k - 1)
            || !words.roles.contains(rf)
            || ROLE_GLUE.contains(&rf)
            || !gap_is_space(t, role.end, name.start)
            || !gap_is_space(t, name.end, next.start)
            || !t.chars[next.start].is_lowercase()
            || words.stop.contains(nf)
            || words.roles.contains(nf)
        {
            continue;
        }
        let mut a = k - 1;
        if let Some(adj) = a.checked_sub(1).and_then(|i| t.tokens.get(i)) {
            let af = t.fold_of(adj);
            if adj.start >= lo
                && gap_is_space(t, adj.end, role.start)
                && !ROLE_GLUE.contains(&af)
                && (is_capitalized(t, a - 1) || words.roles.contains(af))
                && !words.stop.contains(af)
            {
                a -= 1;
            }
        }
        out.push(Mention {
            start: t.tokens[a].start,
            end: name.end,
            name: Some((name.start, name.end)),
            role: Some((t.tokens[a].start, role.end)),
            kind: SpeakerKind::Person,
        });
    }
    out
}

/// A name of tokens `k..e` without a role that still marks a person: a
/// relative clause or an age after it ("Karen Whitfield, who grows corn",
/// "Ana Souza, 34,"), or the subject opening its sentence (after an
/// opening phrase and its comma) right before a lowercase verb ("Sur son
/// exploitation, Nathalie Brunet montre ...").
pub(super) fn person_without_role(
    t: &Text,
    k: usize,
    e: usize,
    lo: usize,
    hi: usize,
    words: &Words,
) -> bool {
    let name_end = t.tokens[e - 1].end;
    let Some(next) = t.tokens.get(e).filter(|n| n.end <= hi) else {
        return false;
    };
    let between = t.str(name_end, next.start);
    let f = t.fold_of(next);
    if between.trim() == "," {
        // "Ana Souza, 34,", "Jean-Marc Lacoste, 56 ans,"
        let unit = t
            .tokens
            .get(e + 1)
            .is_some_and(|n| matches!(t.fold_of(n), "ans" | "years" | "year-old"));
        let after_age = if unit { e + 2 } else { e + 1 };
        let age_end = if unit { t.tokens[e + 1].end } else { next.end };
        let age = f.chars().all(|c| c.is_ascii_digit())
            && t.tokens
                .get(after_age)
                .is_some_and(|n| n.end <= hi && t.str(age_end, n.start).trim() == ",");
        return matches!(f, "who" | "qui") || age;
    }
    // "Ahmed Salem was asleep": an auxiliary is a verb here
    let aux = matches!(
        f,
        "was" | "is" | "had" | "has" | "would" | "will" | "est" | "a" | "avait"
    );
    if !gap_is_space(t, name_end, next.start)
        || !t.chars[next.start].is_lowercase()
        || (words.stop.contains(f) && !aux)
        || words.roles.contains(f)
        || words.organizations.contains(f)
        || matches!(f, "and" | "et" | "of" | "de" | "du" | "des" | "d'" | "d")
    {
        return false;
    }
    // the name opens its sentence, or follows the comma closing an opening
    // phrase
    let mut j = t.tokens[k].start;
    while j > lo && t.chars[j - 1] == ' ' {
        j -= 1;
    }
    j == lo
        || matches!(t.chars[j - 1], '\n' | '.' | '!' | '?' | ',' | '—' | '–')
            && !(t.chars[j - 1] == '.' && after_abbreviation(t, j - 1))
}

/// The role right before the name at token `k`: a courtesy title ("Mme"),
/// or a phrase opened by a role noun and closed by a comma ("le président
/// de la Confédération, Dominique Anselme").
pub(super) fn role_before(t: &Text, k: usize, lo: usize, words: &Words) -> Option<(usize, usize)> {
    let prev = t.tokens.get(k.checked_sub(1)?)?;
    if prev.start < lo {
        return None;
    }
    if TITLES.contains(&t.fold_of(prev)) && gap_is_space(t, prev.end, t.tokens[k].start) {
        return Some((prev.start, prev.end));
    }
    // "Finance Minister Tomás Urrutia", "le ministre Paul Girard": role
    // nouns right before the name, with their article
    let pf = t.fold_of(prev);
    if words.roles.contains(pf)
        && !ROLE_GLUE.contains(&pf)
        && gap_is_space(t, prev.end, t.tokens[k].start)
    {
        let mut a = k - 1;
        while a > 0 && k - a < 6 {
            let tok = &t.tokens[a - 1];
            let f = t.fold_of(tok);
            if tok.start < lo
                || !gap_is_space(t, tok.end, t.tokens[a].start)
                || !(words.roles.contains(f) || is_capitalized(t, a - 1))
            {
                break;
            }
            a -= 1;
        }
        return Some((t.tokens[a].start, prev.end));
    }
    // ", " right before the name
    let mut j = t.tokens[k].start;
    while j > lo && t.chars[j - 1] == ' ' {
        j -= 1;
    }
    if j <= lo || t.chars[j - 1] != ',' {
        return None;
    }
    let comma = j - 1;
    let mut i = t.tokens_before(comma);
    let mut next = comma;
    let mut opener = None;
    while i > 0 && t.tokens_before(comma) - i < 10 {
        let tok = &t.tokens[i - 1];
        if tok.start < lo || !gap_is_space(t, tok.end, next) {
            break;
        }
        let f = t.fold_of(tok);
        if words.roles.contains(f) && !ROLE_GLUE.contains(&f) {
            // with its article
            let a = i - 1;
            let with_article = a
                .checked_sub(1)
                .filter(|&b| {
                    t.tokens[b].start >= lo
                        && ARTICLES.contains(&t.fold_of(&t.tokens[b]))
                        && gap_is_space(t, t.tokens[b].end, tok.start)
                })
                .unwrap_or(a);
            opener = Some(t.tokens[with_article].start);
        }
        next = tok.start;
        i -= 1;
    }
    let end = t.tokens[t.tokens_before(comma).checked_sub(1)?].end;
    opener.map(|s| (s, end))
}

/// The apposition right after the name ending before token `e`: ", role
/// words," opened by a role noun or another lowercase noun ("boulangère à
/// Villeurbanne"), not by a relative pronoun or a verb form.
pub(super) fn role_after(t: &Text, e: usize, hi: usize, words: &Words) -> Option<(usize, usize)> {
    let name_end = t.tokens[e - 1].end;
    let mut j = name_end;
    while j < hi && t.chars[j] == ' ' {
        j += 1;
    }
    if j >= hi || t.chars[j] != ',' {
        return None;
    }
    let first = t.tokens.get(e)?;
    if first.end > hi || !gap_is_space(t, j + 1, first.start) {
        return None;
    }
    let f = t.fold_of(first);
    let head = if ARTICLES.contains(&f) {
        t.tokens.get(e + 1).map(|n| t.fold_of(n))?
    } else {
        f
    };
    let lower_noun = t.chars[first.start].is_lowercase()
        && !words.stop.contains(head)
        && !matches!(head, "qui" | "who" | "which" | "dont")
        && !head.ends_with("ant")
        && !head.ends_with("ing");
    let role_noun = words.roles.contains(head) && !ROLE_GLUE.contains(&head);
    if !role_noun && !lower_noun {
        return None;
    }
    let mut end = first.end;
    let mut x = e + 1;
    while let Some(tok) = t.tokens.get(x) {
        if tok.end > hi || x - e >= 12 || !gap_is_space(t, end, tok.start) {
            break;
        }
        end = tok.end;
        x += 1;
    }
    Some((first.start, end))
}

/// The apposition `seg` opens with a role noun, after an optional article
/// ("ministre de ...", "an economist at ...").
pub(super) fn role_opens(t: &Text, seg: &[usize], words: &Words) -> bool {
    // "a semiconductor analyst at ...", "a senior economist at ...": the
    // role noun may follow one or two lowercase modifiers
    seg.iter()
        .map(|&k| (k, t.fold_of(&t.tokens[k])))
        .filter(|(_, f)| !ARTICLES.contains(f))
        .take(3)
        .take_while(|&(k, f)| {
            k == seg[0] || !t.chars[t.tokens[k].start].is_uppercase() || words.roles.contains(f)
        })
        .any(|(_, f)| words.roles.contains(f) && !TITLES.contains(&f) && !ROLE_GLUE.contains(&f))
}
