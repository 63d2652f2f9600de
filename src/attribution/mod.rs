//! The attribution stage: who said what, and on whose authority.
//!
//! Owns: quote-mark scanning (`marks`), sentence bounds (`sentences`), the
//! cue lexicons (`lexicon`, `data/cues.toml`) and their matching (`cues`),
//! quotation-or-term decisions (`classify`), reported speech (`indirect`),
//! speaker mentions (`speakers`) and their resolution across sentences
//! (`resolve`), and source roles (`sources`, over the outlet gazetteer in
//! `crate::outlets`).
//!
//! Must not touch: Kafka, HTTP, clocks, files at run time (lexicons are
//! compiled in). It reads a [`NormalizedDispatch`] and never changes it; every
//! span it reports is a code-point offset into `NormalizedDispatch::body`.
//!
//! The pass is linear: one scan for quote marks, one aho-corasick pass for
//! cues, one for outlet names, then local work around each quotation.

mod classify;
mod colon_ar;
mod cues;
mod groups;
mod indirect;
mod lexicon;
mod marks;
mod resolve;
mod sentences;
mod sources;
mod speakers;
mod text;

use crate::model::{Attribution, MarkedTerm, NormalizedDispatch, Quote, QuoteKind};

use classify::Class;
use lexicon::Lang;
use sentences::sentence_index;
use speakers::Found;
use text::Text;

/// A quotation before speaker resolution.
struct Pending {
    start: usize,
    end: usize,
    kind: QuoteKind,
    cue: Option<usize>,
    /// Sentence bounds of the quotation.
    sentence: (usize, usize),
    /// No cue, but the quotation opens its sentence: continues the
    /// previous speaker.
    continues: bool,
}

/// Find quotations, speakers and sources in one normalized dispatch.
pub fn attribute(doc: &NormalizedDispatch) -> Attribution {
    let t = Text::new(&doc.body);
    if t.len() == 0 {
        return Attribution {
            credit_line: doc
                .normalization
                .credit_line
                .as_ref()
                .map(|s| s.text.clone()),
            ..Attribution::default()
        };
    }
    let langs: Vec<Lang> = match doc.language().and_then(Lang::from_tag) {
        Some(l) => vec![l],
        None => Lang::ALL.to_vec(),
    };
    let all_cues = cues::find(&t, &langs);
    let found = sources::find(&t, doc, &all_cues);
    let in_credit = |p: usize| found.credit_span.is_some_and(|(s, e)| s <= p && p < e);
    let cues: Vec<cues::Cue> = all_cues
        .into_iter()
        .filter(|c| !in_credit(c.start))
        .collect();
    let marks: Vec<marks::Marked> = marks::scan(&t)
        .into_iter()
        .filter(|m| !in_credit(m.open))
        .map(|m| classify::cut_at_cue(&t, m, &cues))
        .flat_map(|m| classify::split_at_incise(&t, m, &cues))
        .collect();
    let sents = sentences::split(&t, &marks);
    let blocked: Vec<(usize, usize)> = marks.iter().map(|m| (m.open, m.after)).collect();

    let mut pending: Vec<Pending> = Vec::new();
    let mut marked_terms = Vec::new();
    let mut term_open: Vec<usize> = Vec::new();
    for m in &marks {
        let sentence = sentence_index(&sents, m.open)
            .map(|i| sents[i])
            .unwrap_or((m.open, m.after));
        let mut d = classify::classify(&t, m, sentence, &cues, &blocked);
        if d.class != Class::Term && recurring_arabic_name(&t, m, &marks) {
            d.class = Class::Term;
        }
        // "Pour le préfet, Alain Costa, « la décrue sera lente »": a short
        // span after an opinion frame that names a speaker is a quotation
        if d.class == Class::Term && langs.len() == 1 {
            let probe = Pending {
                start: m.start,
                end: m.end,
                kind: QuoteKind::Direct,
                cue: None,
                sentence,
                continues: false,
            };
            if matches!(
                frame_speaker(&t, &probe, langs[0]),
                Some(Found::Mention(_) | Found::Pronoun(..))
            ) {
                d.class = Class::Direct;
            }
        }
        // "Météo France place le Var en vigilance orange pour « vent »": a
        // fragment after the verb of a sentence whose subject is a person
        // or a body is that subject's wording, a partial quotation
        if d.class == Class::Term
            && langs == [Lang::Fr]
            && !classify::names_something(&t, m)
            && clause_subject(&t, m.open, m.start, m.end, sentence).is_some()
        {
            d.class = Class::Partial;
        }
        let kind = match d.class {
            Class::Term => {
                term_open.push(m.open);
                let span = t.span(m.start, m.end);
                marked_terms.push(MarkedTerm {
                    text: span.text,
                    start: span.start,
                    end: span.end,
                });
                continue;
            }
            // "وقالت إن «...»", "a affirmé que « ... »": a whole content in
            // quote marks right after a complementizer is reported speech
            // (tests/eval/README.md, annotation conventions)
            Class::Direct if d.cue.is_some() && after_complementizer(&t, &cues, m) => {
                QuoteKind::Indirect
            }
            // "أكد في تصريح صحافي «أن إغلاق الحدود تم ...»": the marks
            // enclose the complementizer too, the content is still
            // reported speech
            Class::Direct if d.cue.is_some() && opens_with_anna(&t, &cues, m) => {
                QuoteKind::Indirect
            }
            Class::Direct if langs == [Lang::Fr] && embedded_fragment(&t, m, sentence) => {
                QuoteKind::Partial
            }
            Class::Direct => QuoteKind::Direct,
            Class::Partial => QuoteKind::Partial,
        };
        let continues = d.cue.is_none() && {
            let (lo, _) = sentence;
            t.only_ws_or(lo, m.open, &['-', '—', '–'])
        };
        pending.push(Pending {
            start: m.start,
            end: m.end,
            kind,
            cue: d.cue,
            sentence,
            continues,
        });
    }
    let direct: Vec<(usize, usize)> = marks
        .iter()
        .zip(&pending_classes(&pending, &marks))
        // a whole content in marks after a complementizer (taken as
        // reported speech) bounds the reported-speech finder like a direct
        // quotation
        .filter(|(_, k)| matches!(**k, Some(QuoteKind::Direct | QuoteKind::Indirect)))
        .map(|(m, _)| (m.open, m.after))
        .collect();
    for r in indirect::find(&t, &cues, &sents, &direct, &blocked) {
        let sentence = sentence_index(&sents, r.start)
            .map(|i| sents[i])
            .unwrap_or((r.start, r.end));
        pending.push(Pending {
            start: r.start,
            end: r.end,
            kind: QuoteKind::Indirect,
            cue: Some(r.cue),
            sentence,
            continues: false,
        });
    }
    // "وأضاف: نحن مستعدون ...": Arabic words after a colon with no quote
    // marks are a direct quotation of the cue's speaker; reported speech
    // found inside them and names in marks inside them are part of it
    let mut colon = colon_ar::find(&t, &cues, &sents, &blocked);
    // quotations never overlap: one that a colon quotation would cut in
    // two (an unclosed mark running past its sentence) wins
    colon.retain(|q| {
        !pending
            .iter()
            .any(|p| p.start < q.end && q.start < p.end && !(q.start <= p.start && p.end <= q.end))
    });
    if !colon.is_empty() {
        let inside = |s: usize, e: usize| colon.iter().any(|q| q.start <= s && e <= q.end);
        pending.retain(|p| !inside(p.start, p.end));
        let keep: Vec<bool> = marked_terms
            .iter()
            .map(|m| !inside(m.start, m.end))
            .collect();
        let mut k = 0;
        term_open.retain(|_| {
            k += 1;
            keep.get(k - 1).copied().unwrap_or(true)
        });
        let mut k = 0;
        marked_terms.retain(|_| {
            k += 1;
            keep.get(k - 1).copied().unwrap_or(true)
        });
        for q in &colon {
            let sentence = sentence_index(&sents, q.start)
                .map(|i| sents[i])
                .unwrap_or((q.start, q.end));
            pending.push(Pending {
                start: q.start,
                end: q.end,
                kind: QuoteKind::Direct,
                cue: Some(q.cue),
                sentence,
                continues: false,
            });
        }
    }
    // interview answers ("— Très mal. On avait ...", "A: ...") are direct
    // quotations of the interviewee; marks inside them are part of them
    let (answers, intro_end) = dialogue_answers(&t);
    if !answers.is_empty() {
        let inside = |s: usize, e: usize| answers.iter().any(|&(a, b)| s < b && a < e);
        pending.retain(|p| !inside(p.start, p.end));
        marked_terms.retain(|m| !inside(m.start, m.end));
        for &(a, b) in &answers {
            pending.push(Pending {
                start: a,
                end: b,
                kind: QuoteKind::Direct,
                cue: None,
                sentence: t.paragraph_of(a),
                continues: false,
            });
        }
    }
    let interviewee = match langs.as_slice() {
        [lang] if !answers.is_empty() => speakers::named_persons(&t, 0, intro_end, *lang).pop(),
        _ => None,
    };
    // a quoted fragment inside reported content stays inside that one
    // indirect quotation (tests/eval/README.md, annotation conventions)
    let reported: Vec<(usize, usize)> = pending
        .iter()
        .filter(|p| p.kind == QuoteKind::Indirect)
        .map(|p| (p.start, p.end))
        .collect();
    // words of the speaker quoted inside reported content are part of that
    // quotation, not marked terms
    let mut k = 0;
    marked_terms.retain(|m| {
        let open = term_open.get(k).copied().unwrap_or(m.start);
        k += 1;
        !(reported.iter().any(|&(s, e)| s <= m.start && m.end <= e)
            && classify::reported_words(&t, open, m.start))
    });
    pending.retain(|p| {
        let inside = p.kind == QuoteKind::Partial
            && reported
                .iter()
                .any(|&(s, e)| s <= p.start && p.end <= e + 1);
        !inside
    });
    // resolve in reading order of the cue (or quotation)
    pending.sort_by_key(|p| (p.start, p.end));
    let mut order: Vec<usize> = (0..pending.len()).collect();
    order.sort_by_key(|&i| {
        let p = &pending[i];
        let at = p
            .cue
            .and_then(|c| cues.get(c))
            .map(|c| c.start.min(p.start))
            .unwrap_or(p.start);
        (at, p.start)
    });
    let mut resolver = resolve::Resolver::for_lang((langs.len() == 1).then(|| langs[0]));
    let mut quotes: Vec<Option<Quote>> = vec![None; pending.len()];
    let mut cue_speaker: Vec<Option<crate::model::Speaker>> = vec![None; cues.len()];
    // end of the last cue whose speaker was looked for
    let mut resolved_upto = 0;
    let mut last_paragraph_with_speaker: Option<(usize, usize)> = None;
    for i in order {
        let p = &pending[i];
        let (lo, hi) = p.sentence;
        let (speaker, cue_span, medium) = match p.cue.and_then(|c| cues.get(c).map(|cue| (c, cue)))
        {
            Some((ci, cue)) => {
                let speaker = match cue_speaker[ci].clone() {
                    Some(s) => Some(s),
                    None => {
                        let mut f = speakers::find(&t, cue, lo, hi, &cues, &blocked);
                        // a pronoun resolved to a body of the sentence before
                        let mut group_pronoun: Option<(usize, usize)> = None;
                        let gender = match f {
                            Found::Pronoun(ps, pe, _) => {
                                match resolve::pronoun_gender(t.str(ps, pe)) {
                                    lexicon::Gender::Unknown => cue.entry.gender,
                                    g => g,
                                }
                            }
                            _ => cue.entry.gender,
                        };
                        // "he added": a follow-on cue keeps the previous speaker
                        // (English "they concluded" names a group: kept,
                        // see `groups`)
                        if cue.entry.followon
                            && matches!(f, Found::Pronoun(ps, pe, _)
                                if !(cue.entry.lang == Lang::En
                                    && t.str(ps, pe).eq_ignore_ascii_case("they")))
                        {
                            f = Found::Bare;
                        }
                        // "... reçue par la ministre du Commerce, Sophie
                        // Béranger. ..., celle-ci a assuré": a demonstrative
                        // takes the last person named, speaker or not
                        if let Found::Pronoun(ps, _, _) = f {
                            if let Some(m) =
                                demonstrative_antecedent(&t, ps, cue.entry.lang, gender)
                            {
                                f = Found::Mention(m);
                            }
                        }
                        // "أعلن الناطق ... العميد محمد القنيدي السيطرة على
                        // المنفذ، وقال إن ...": a speech verb with its own
                        // subject but no quotation introduces the speaker that
                        // a later bare cue or pronoun refers to
                        // "They concluded ...": a plural pronoun that goes to
                        // a group has no single person for an antecedent; a
                        // person named before it must not become the latest
                        // speaker ("..., he said" later would take them)
                        let to_group = matches!(f, Found::Pronoun(ps, pe, _)
                            if resolver.takes_group(&t, ps, pe));
                        if matches!(f, Found::Bare | Found::Pronoun(..)) {
                            if let Some((pi, pf)) = narrative_speaker(
                                &t,
                                &cues,
                                ci,
                                resolved_upto,
                                p.start.min(cue.start),
                                &sents,
                                &blocked,
                                &|n| resolver.knows_surname(n),
                            ) {
                                if pi == ci {
                                    // the subject of the main clause
                                    f = pf;
                                } else {
                                    cue_speaker[pi] =
                                        resolver.resolve_agreeing(&t, &pf, cues[pi].entry.gender);
                                    resolved_upto = resolved_upto.max(cues[pi].end);
                                }
                            } else if let Some(pf) = (matches!(f, Found::Pronoun(..)) && !to_group)
                                .then(|| {
                                    previous_subject(
                                        &t,
                                        cue,
                                        resolved_upto,
                                        &sents,
                                        &cues,
                                        &blocked,
                                    )
                                })
                                .flatten()
                            {
                                // "Laura Chen declined to confirm. "...," she
                                // said": the named subject of the sentence
                                // before is the preferred antecedent
                                match (&f, &pf) {
                                    // "Le ministère n'a pas confirmé. Il a
                                    // assuré que ...": a body, which the
                                    // resolver's human pronouns would pass
                                    // over, is taken here
                                    (Found::Pronoun(ps, pe, _), Found::Mention(m))
                                        if m.kind == crate::model::SpeakerKind::Organization =>
                                    {
                                        group_pronoun = Some((*ps, *pe));
                                        f = pf;
                                    }
                                    _ => {
                                        resolver.resolve_agreeing(&t, &pf, gender);
                                    }
                                }
                            } else if let Some(m) = (matches!(f, Found::Pronoun(..)) && !to_group)
                                .then(|| narrative_person(&t, cue, resolved_upto, gender))
                                .flatten()
                            {
                                // "Le maire, Pierre Dumas, a reçu les
                                // syndicats. « ... », a-t-il dit": a person
                                // named since the last speaker, of the
                                // pronoun's gender
                                resolver.resolve_agreeing(&t, &Found::Mention(m), gender);
                            }
                        }
                        let mut s = resolver.resolve_agreeing(&t, &f, gender);
                        if let (Some((ps, pe)), Some(sp)) = (group_pronoun, s.as_mut()) {
                            sp.mention = t.span(ps, pe);
                            sp.resolved_by = crate::model::ResolvedBy::Pronoun;
                        }
                        // "The company declined to comment on what it
                        // called ...": a pronoun with no speaker before it
                        // refers to the subject of its own sentence
                        // (Arabic: also a pronoun the cue word itself left
                        // implicit, "إلا أنه أكد")
                        if s.is_none()
                            && (matches!(f, Found::Pronoun(..))
                                || (cue.entry.lang == Lang::Ar && matches!(f, Found::Bare)))
                        {
                            if let Some(m) = own_subject(&t, cue, &sents, &cues, &blocked) {
                                s = resolver.resolve_agreeing(&t, &m, gender);
                            }
                        }
                        // "Maria Gonzalez lost her job in March. ... "...,"
                        // she said": with no speaker before it, a pronoun
                        // refers to the named subject of an earlier sentence
                        if s.is_none() && matches!(f, Found::Pronoun(..)) {
                            if let Some(m) = sentence_subject_name(&t, cue, &sents) {
                                s = resolver.resolve_agreeing(&t, &Found::Mention(m), gender);
                            }
                        }
                        cue_speaker[ci] = s.clone();
                        resolved_upto = resolved_upto.max(cue.end);
                        s
                    }
                };
                let medium = found.interviewed_in(lo, hi).map(str::to_string);
                (speaker, Some(t.span(cue.start, cue.end)), medium)
            }
            None => {
                let near = last_paragraph_with_speaker.is_some_and(|(ps, _)| {
                    let (cur, _) = t.paragraph_of(p.start);
                    // the same or the next paragraph
                    cur == ps
                        || t.paragraphs
                            .iter()
                            .filter(|q| q.0 > ps && q.0 <= cur)
                            .count()
                            <= 1
                });
                let lang = (langs.len() == 1).then(|| langs[0]);
                let answer = answers.contains(&(p.start, p.end));
                let speaker = if answer {
                    interviewee
                        .as_ref()
                        .and_then(|m| resolver.resolve(&t, &Found::Mention(m.clone())))
                } else if let Some(m) = lang.and_then(|l| colon_speaker(&t, p, l)) {
                    // "Le porte-parole du gouvernement, Ousmane Ndiaye :
                    // « ... »"
                    resolver.resolve(&t, &Found::Mention(m))
                } else if let Some(f) = lang
                    .and_then(|l| frame_speaker(&t, p, l))
                    .filter(|f| near || !matches!(f, Found::Bare))
                {
                    // "Pour la sénatrice Anne Lefèvre, « ... »"
                    let g = match f {
                        Found::Pronoun(s, e, _) => resolve::pronoun_gender(t.str(s, e)),
                        _ => lexicon::Gender::Unknown,
                    };
                    resolver.resolve_agreeing(&t, &f, g)
                } else if let Some(m) = (p.kind == QuoteKind::Partial && lang == Some(Lang::Fr))
                    .then(|| clause_subject(&t, p.start, p.start, p.end, p.sentence))
                    .flatten()
                {
                    // "Le groupe souhaite ... que « 750 millions » ..."
                    resolver.resolve(&t, &Found::Mention(m))
                } else if p.continues && near {
                    resolver.resolve(&t, &Found::Bare)
                } else if let Some(m) = lang.and_then(|l| lede_speaker(&t, p, &sents, l)) {
                    resolver.resolve(&t, &Found::Mention(m))
                } else {
                    None
                };
                (speaker, None, None)
            }
        };
        if speaker.is_some() {
            last_paragraph_with_speaker = Some(t.paragraph_of(p.start));
        }
        let span = t.span(p.start, p.end);
        quotes[i] = Some(Quote {
            text: span.text,
            start: span.start,
            end: span.end,
            kind: p.kind,
            cue: cue_span,
            speaker,
            medium,
        });
    }
    Attribution {
        credit_line: found.credit_line.clone(),
        quotes: quotes.into_iter().flatten().collect(),
        sources: found.sources,
        marked_terms,
    }
}

/// Labels opening the lines of a question-and-answer interview, folded;
/// the second of each pair marks an answer.
const QA_LABELS: &[(&str, &str)] = &[
    ("q", "a"),
    ("question", "answer"),
    ("question", "reponse"),
    ("q", "r"),
    ("س", "ج"),
    ("سؤال", "جواب"),
];

/// The answers of an interview printed as dialogue: paragraphs opened by a
/// dash ("— Très mal. ...") after a dash paragraph asking a question, or
/// labelled ("A: ...", "Réponse : ...", "ج: ...") after a labelled
/// question. Content spans (dash or label dropped), and where the first
/// dialogue paragraph starts (the introduction that names the interviewee
/// ends there).
fn dialogue_answers(t: &Text) -> (Vec<(usize, usize)>, usize) {
    let mut out = Vec::new();
    let mut first = t.len();
    // a question asked in the same style (dash or label) before
    let mut asked: Option<bool> = None;
    for &(ps, pe) in &t.paragraphs {
        let (s, e) = t.trim(ps, pe);
        if s >= e {
            continue;
        }
        let dash = matches!(t.chars[s], '—' | '–' | '-')
            && t.chars.get(s + 1).is_some_and(|c| c.is_whitespace());
        let label = t
            .tokens
            .get(t.token_at_or_after(s))
            .filter(|tok| tok.end <= e)
            .and_then(|tok| {
                let colon = t.chars[tok.end..e]
                    .iter()
                    .position(|c| !c.is_whitespace())
                    .map(|o| tok.end + o)
                    .filter(|&c| t.chars[c] == ':')?;
                let f = t.fold_of(tok);
                QA_LABELS
                    .iter()
                    .find_map(|&(q, a)| {
                        if f == q {
                            Some(false)
                        } else if f == a {
                            Some(true)
                        } else {
                            None
                        }
                    })
                    .map(|is_answer| (is_answer, colon + 1))
                    .filter(|_| tok.start == s)
            });
        let (is_answer, content) = match (dash, label) {
            (true, _) => {
                let question = t.chars[..e]
                    .iter()
                    .rev()
                    .find(|c| !c.is_whitespace() && !marks::is_open_mark(**c))
                    .is_some_and(|&c| matches!(c, '?' | '؟'));
                (!question, s + 1)
            }
            (false, Some((a, from))) => (a, from),
            _ => {
                asked = None;
                continue;
            }
        };
        first = first.min(s);
        if is_answer {
            let (a, b) = t.trim(content, e);
            if asked == Some(dash) && a < b {
                out.push((a, b));
            }
        } else {
            asked = Some(dash);
        }
    }
    (out, first)
}

/// Where the paragraph before the one holding `at` starts (the start of
/// `at`'s own paragraph when it is the first).
fn previous_paragraph_start(t: &Text, at: usize) -> usize {
    let (para, _) = t.paragraph_of(at);
    t.paragraphs
        .iter()
        .map(|p| p.0)
        .filter(|&s| s < para)
        .max()
        .unwrap_or(para)
}

/// The last person named (with a role: `speakers::named_persons`) between
/// the last speaker found (`upto`) and a Latin pronoun cue, in the same or
/// the previous paragraph, whose gender does not contradict the pronoun's.
fn narrative_person(
    t: &Text,
    cue: &cues::Cue,
    upto: usize,
    gender: lexicon::Gender,
) -> Option<speakers::Mention> {
    let from = upto.max(previous_paragraph_start(t, cue.start));
    speakers::named_persons(t, from, cue.word_start, cue.entry.lang)
        .into_iter()
        .rev()
        .find(|m| {
            let g = resolve::text_gender(&t.slice(m.start, m.end));
            g == gender || g == lexicon::Gender::Unknown || gender == lexicon::Gender::Unknown
        })
}

/// The last sentence of this or the previous paragraph, before a Latin
/// cue, that opens with a personal name (two or three capitalized words)
/// followed by a lowercase word, the verb: that name.
fn sentence_subject_name(
    t: &Text,
    cue: &cues::Cue,
    sents: &[(usize, usize)],
) -> Option<speakers::Mention> {
    let lang = cue.entry.lang;
    if lang == Lang::Ar {
        return None;
    }
    let words = lexicon::lexicon().words(lang);
    let from = previous_paragraph_start(t, cue.start);
    sents
        .iter()
        .rev()
        .filter(|&&(lo, _)| lo >= from && lo < cue.word_start)
        .find_map(|&(lo, hi)| {
            let lo = indirect::dateline_end(t, lo, hi).unwrap_or(lo);
            let a = t.token_at_or_after(lo);
            let name_word = |k: usize| {
                t.tokens.get(k).is_some_and(|tok| {
                    let f = t.fold_of(tok);
                    tok.end <= hi
                        && t.chars[tok.start].is_uppercase()
                        && !words.roles.contains(f)
                        && !words.stop.contains(f)
                        && !words.pronouns.contains(f)
                        && !words.organizations.contains(f)
                        && !matches!(
                            f,
                            "the" | "a" | "an" | "le" | "la" | "les" | "l" | "un" | "une"
                        )
                })
            };
            let mut b = a;
            while b < a + 3 && name_word(b) {
                b += 1;
            }
            // two or three name words (checked first: `b - 1` below)
            if b < a + 2 {
                return None;
            }
            let verb_next = t.tokens.get(b).is_some_and(|tok| {
                tok.end <= hi
                    && t.chars[tok.start].is_lowercase()
                    && t.only_ws_or(t.tokens[b - 1].end, tok.start, &[])
            });
            if !verb_next || !t.only_ws_or(lo, t.tokens[a].start, &['-', '—', '–']) {
                return None;
            }
            let v: Vec<usize> = (a..b).collect();
            let m = speakers::analyse(t, &v, lang, words, lo, hi);
            (m.kind == crate::model::SpeakerKind::Person && m.name.is_some()).then_some(m)
        })
}

/// Whether an Arabic quotation in marks opens with the complementizer أن
/// ("«أن الحكومة ...»", "«أنه ...»"), the marks enclosing it. Only أن,
/// written with its hamza: a direct utterance may open with the emphatic
/// إن ("قال: «إن التصريحات ...»"), and a bare ان could be either.
fn opens_with_anna(t: &Text, cues: &[cues::Cue], m: &marks::Marked) -> bool {
    cues.iter().any(|c| {
        c.kind() == lexicon::CueKind::That
            && c.entry.lang == Lang::Ar
            && c.word_start == c.start
            && t.chars.get(c.start) == Some(&'أ')
            && c.start >= m.start
            && c.end < m.end
            && t.only_ws_or(m.start, c.start, &[])
    })
}

/// A complementizer cue ("إن", "that", "que") ends right before the quote
/// mark `m`, and the marked span ends the clause (only punctuation after it
/// up to the end of the sentence or paragraph).
fn after_complementizer(t: &Text, cues: &[cues::Cue], m: &marks::Marked) -> bool {
    let (_, para_end) = t.paragraph_of(m.open);
    let mut j = m.after;
    while j < para_end && t.chars[j].is_whitespace() {
        j += 1;
    }
    let closes =
        j >= para_end || matches!(t.chars[j], '.' | '!' | '?' | '؟' | ',' | '،' | ';' | '؛');
    closes
        && cues.iter().any(|c| {
            c.kind() == lexicon::CueKind::That
                && c.end <= m.open
                && t.only_ws_or(c.end, m.open, &[])
        })
}

/// "celle-ci" / "celui-ci" at `at`: the last person of the pronoun's
/// gender named in this or the previous paragraph, in the narrative or as
/// a speaker.
fn demonstrative_antecedent(
    t: &Text,
    at: usize,
    lang: Lang,
    gender: lexicon::Gender,
) -> Option<speakers::Mention> {
    let word = t
        .str(at, t.tokens.get(t.token_at_or_after(at))?.end)
        .to_lowercase();
    if !(word.starts_with("celle-") || word.starts_with("celui-")) {
        return None;
    }
    let from = previous_paragraph_start(t, at);
    speakers::named_persons(t, from, at, lang)
        .into_iter()
        .rev()
        .find(|m| {
            let g = resolve::text_gender(&t.slice(m.start, m.end));
            g == gender || g == lexicon::Gender::Unknown
        })
}

/// The index of `punct` when it is the last character before the opening
/// of quotation `p` (spaces and opening marks skipped), inside its sentence.
fn index_of_punct_before(t: &Text, p: &Pending, punct: char) -> Option<usize> {
    let (lo, _) = p.sentence;
    let mut j = p.start;
    while j > lo && (t.chars[j - 1].is_whitespace() || marks::is_open_mark(t.chars[j - 1])) {
        j -= 1;
    }
    (j > lo && t.chars[j - 1] == punct).then(|| j - 1)
}

/// A quotation after a colon that ends a bare noun phrase opening its
/// sentence, with no verb: "Le porte-parole du gouvernement, Ousmane
/// Ndiaye : « ... »", "The minister: "..."". The phrase names the speaker.
fn colon_speaker(t: &Text, p: &Pending, lang: Lang) -> Option<speakers::Mention> {
    if lang == Lang::Ar || p.kind != QuoteKind::Direct {
        return None;
    }
    let (lo, _) = p.sentence;
    let colon = index_of_punct_before(t, p, ':')?;
    let lo = indirect::dateline_end(t, lo, colon).unwrap_or(lo);
    let a = t.token_at_or_after(lo);
    let b = t.tokens_before(colon);
    if a >= b || b - a > 25 || !t.only_ws_or(lo, t.tokens[a].start, &['-', '—', '–']) {
        return None;
    }
    let v: Vec<usize> = (a..b).collect();
    let words = lexicon::lexicon().words(lang);
    // only the words of a name or a role, and at most one comma
    let commas = t.chars[t.tokens[a].start..colon]
        .iter()
        .filter(|&&c| c == ',')
        .count();
    let nominal = v.iter().all(|&k| {
        let f = t.fold_of(&t.tokens[k]);
        t.chars[t.tokens[k].start].is_uppercase()
            || words.roles.contains(f)
            || words.organizations.contains(f)
            || !(f.ends_with('é') || f.ends_with("ed") || words.stop.contains(f))
    });
    if commas > 1 || !nominal || v.len() > 10 {
        // "Sa voisine, Gwenaëlle Le Goff, infirmière, hausse les épaules :
        // « ... »": a clause before the colon; the person it names
        return speakers::named_persons(t, lo, colon, lang)
            .into_iter()
            .next()
            .or_else(|| {
                // "Nathalie Brunet montre ses rangs de tomates. Son constat
                // est sans appel : « ... »": a clause naming nobody; the
                // last person named before it in the paragraph
                let (para, _) = t.paragraph_of(lo);
                speakers::named_persons(t, para, lo, lang).pop()
            });
    }
    let m = speakers::analyse(t, &v, lang, words, lo, colon);
    let definite_role = m.role.is_some_and(|(s, e)| {
        let w = t.slice(s, e).to_lowercase();
        ["le ", "la ", "l'", "the "]
            .iter()
            .any(|a| w.starts_with(a))
    });
    (m.kind == crate::model::SpeakerKind::Person && (m.name.is_some() || definite_role))
        .then_some(m)
}

/// "les Américains « ne gagneront pas la saison »", "a indiqué « vouloir
/// procéder ... »", "se présentait comme « l'entraîneur ... »": in French, a
/// quotation opening in lowercase right after a word of the writer's
/// sentence (no colon, comma or sentence start before the mark) is a
/// fragment inside that sentence, a partial quotation.
fn embedded_fragment(t: &Text, m: &marks::Marked, sentence: (usize, usize)) -> bool {
    let (lo, _) = sentence;
    let lower = t.chars[m.start..m.end]
        .iter()
        .find(|c| !c.is_whitespace())
        .is_some_and(|c| c.is_lowercase());
    let mut j = m.open;
    while j > lo && t.chars[j - 1].is_whitespace() {
        j -= 1;
    }
    lower && j > lo && text::is_word_char(t.chars[j - 1])
}

/// "Météo France place la Corse en vigilance orange pour « orages ... »",
/// "Le groupe souhaite ... que « 750 millions » ...": a French sentence
/// opening with its subject (a capitalised name, or an article and a role
/// or body noun) right before its finite verb, with a short fragment in
/// marks after that verb, opening in lowercase or a digit right after a
/// word of the sentence. The fragment is the subject's wording: the
/// subject, when it is a person or a body. `open` is where the marks
/// start (`start` when unknown), `start..end` the fragment.
fn clause_subject(
    t: &Text,
    open: usize,
    start: usize,
    end: usize,
    sentence: (usize, usize),
) -> Option<speakers::Mention> {
    let (lo, _) = sentence;
    // the fragment: lowercase or a number, short, after a word
    let first = t.chars[start..end].iter().find(|c| !c.is_whitespace())?;
    if first.is_uppercase() || !first.is_alphanumeric() {
        return None;
    }
    let mut j = open;
    while j > lo && (t.chars[j - 1].is_whitespace() || marks::is_open_mark(t.chars[j - 1])) {
        j -= 1;
    }
    if j <= lo || !text::is_word_char(t.chars[j - 1]) {
        return None;
    }
    // "Mitt Romney se présentait comme « l'entraîneur qui ... »": a
    // self-description is the subject's wording, however long
    let self_described = self_description(t, j);
    let words_in = t.token_at_or_after(end) - t.token_at_or_after(start);
    if words_in == 0 || (words_in > 6 && !self_described) {
        return None;
    }
    // "a défendu devant les députés le « bouclier tarifaire »": right after
    // a definite article the span names something
    let kb = t.tokens_before(j);
    let fold_at = |k: Option<usize>| k.and_then(|k| t.tokens.get(k)).map_or("", |p| t.fold_of(p));
    if matches!(fold_at(kb.checked_sub(1)), "le" | "la" | "les" | "l" | "l'") {
        return None;
    }
    // "des pages telles que « suicide » ou « permanganate »": examples,
    // named, not worded
    if classify::example_after_tel_que(t, open, lo) {
        return None;
    }
    // the subject opening the sentence, after a dateline
    let lo = indirect::dateline_end(t, lo, j).unwrap_or(lo);
    let a = t.token_at_or_after(lo);
    if !t.only_ws_or(lo, t.tokens.get(a)?.start, &['-', '—', '–']) {
        return None;
    }
    let words = lexicon::lexicon().words(Lang::Fr);
    let fold = |k: usize| t.tokens.get(k).map_or("", |tok| t.fold_of(tok));
    let upper = |k: usize| {
        t.tokens
            .get(k)
            .is_some_and(|tok| t.chars[tok.start].is_uppercase())
    };
    let article = matches!(fold(a), "le" | "la" | "les" | "l" | "l'");
    let mut b = a;
    if article {
        // "Le groupe", "La préfète": an article and a role or body noun
        let head = fold(a + 1);
        let noun = (words.roles.contains(head) && !FRAME_FUNCTION_WORDS.contains(&head))
            || words.organizations.contains(head);
        if !noun && !upper(a + 1) {
            return None;
        }
        b = a + 2;
        // "L'Oréal", "La Poste": a capitalised name after the article
        while b < a + 5 && upper(b) {
            b += 1;
        }
    } else {
        // "Météo France", "Renault": capitalised words, not a word the
        // sentence opens with as an adverb or preposition ("Depuis")
        if words.stop.contains(fold(a)) || words.pronouns.contains(fold(a)) {
            return None;
        }
        while b < a + 4 && upper(b) {
            b += 1;
        }
        // one capitalised word may be a sentence adverb ("Désormais"):
        // only with an auxiliary after it ("Renault a ...")
        if b == a || (b == a + 1 && !matches!(fold(b), "a" | "ont")) {
            return None;
        }
    }
    // the finite verb right after the subject, lowercase, no comma between;
    // an auxiliary with its adverbs before a participle counts as the verb
    let verb = t.tokens.get(b)?;
    let determiner = matches!(
        fold(b),
        "le" | "la"
            | "les"
            | "l"
            | "l'"
            | "un"
            | "une"
            | "des"
            | "du"
            | "de"
            | "d"
            | "ce"
            | "cette"
            | "ces"
            | "son"
            | "sa"
            | "ses"
            | "leur"
            | "leurs"
            | "et"
            | "ou"
    );
    if verb.start >= j
        || !t.chars[verb.start].is_lowercase()
        || !t.only_ws_or(t.tokens[b - 1].end, verb.start, &[])
        || determiner
        || (words.stop.contains(fold(b))
            && !matches!(fold(b), "a" | "ont" | "est" | "sont")
            && !(self_described && matches!(fold(b), "se" | "s" | "s'")))
    {
        return None;
    }
    let v: Vec<usize> = (a..b).collect();
    let m = speakers::analyse(t, &v, Lang::Fr, words, lo, verb.start);
    matches!(
        m.kind,
        crate::model::SpeakerKind::Person
            | crate::model::SpeakerKind::Anonymous
            | crate::model::SpeakerKind::Organization
    )
    .then_some(m)
}

/// Beginnings of the (folded) French verbs of a self-description after
/// "se": "se présente comme", "se définissait comme", "se décrit comme",
/// "se qualifie de", "se proclame", "se revendique", "se veut", "se dit".
const SELF_DESCRIPTION_VERBS: &[&str] = &[
    "present",
    "defini",
    "decri",
    "qualifi",
    "proclam",
    "revendiqu",
    "veu",
    "dit",
    "disai",
];

/// Whether the words ending at `j` (right before a quote mark) are a
/// reflexive self-description: "se présentait comme", "s'est présenté
/// comme", "se qualifie de", "se dit".
fn self_description(t: &Text, j: usize) -> bool {
    let kb = t.tokens_before(j);
    let fold_at = |k: Option<usize>| k.and_then(|k| t.tokens.get(k)).map_or("", |p| t.fold_of(p));
    let mut k = kb.checked_sub(1);
    // "comme", "de" before the label ("se dit" takes none)
    if matches!(fold_at(k), "comme" | "de" | "d" | "d'") {
        k = k.and_then(|k| k.checked_sub(1));
    }
    let verb = fold_at(k);
    if !SELF_DESCRIPTION_VERBS.iter().any(|v| verb.starts_with(v)) {
        return false;
    }
    k = k.and_then(|k| k.checked_sub(1));
    // "s'est présenté", "s'était défini": the auxiliary
    if matches!(fold_at(k), "est" | "etait" | "sont" | "etaient") {
        k = k.and_then(|k| k.checked_sub(1));
    }
    matches!(fold_at(k), "se" | "s" | "s'")
}

/// Whether the quotation `p` opens in lowercase right after a word of the
/// writer's sentence ("la situation reste « préoccupante »"): a fragment
/// inside a clause, as [`embedded_fragment`] for a pending quotation.
fn fragment_after_word(t: &Text, p: &Pending) -> bool {
    let (lo, _) = p.sentence;
    let lower = t.chars[p.start..p.end]
        .iter()
        .find(|c| !c.is_whitespace())
        .is_some_and(|c| c.is_lowercase());
    let mut j = p.start;
    while j > lo && (t.chars[j - 1].is_whitespace() || marks::is_open_mark(t.chars[j - 1])) {
        j -= 1;
    }
    lower && j > lo && text::is_word_char(t.chars[j - 1])
}

/// "Pour la sénatrice Anne Lefèvre, « le compte n'y est pas »", "Aux yeux
/// du syndicat, « ... »", "Pour lui, « ... »": a French opinion frame
/// opening the sentence of a quotation names its speaker; also of a
/// fragment quoted further on in the clause after the frame ("Pour le
/// ministre, la réforme est « une erreur »").
fn frame_speaker(t: &Text, p: &Pending, lang: Lang) -> Option<Found> {
    if lang != Lang::Fr {
        return None;
    }
    let (lo, _) = p.sentence;
    // "Pour B. Obama, avec un tel coach, les Américains « ne gagneront
    // pas ... »", "Pour la préfète, X, la situation reste « préoccupante »":
    // a fragment inside the writer's clause after the frame; the frame
    // still opens the sentence and ends at a comma before the fragment
    let comma = index_of_punct_before(t, p, ',').or_else(|| {
        fragment_after_word(t, p)
            .then(|| (lo..p.start).rev().find(|&i| t.chars[i] == ','))
            .flatten()
    })?;
    let lo = indirect::dateline_end(t, lo, comma).unwrap_or(lo);
    let a = t.token_at_or_after(lo);
    let b = t.tokens_before(comma);
    if a >= b || !t.only_ws_or(lo, t.tokens[a].start, &['-', '—', '–']) {
        return None;
    }
    let fold = |k: usize| t.tokens.get(k).map_or("", |tok| t.fold_of(tok));
    let first = match (fold(a), fold(a + 1), fold(a + 2)) {
        ("pour", _, _) => a + 1,
        ("aux", "yeux", "de" | "d" | "d'" | "du" | "des") => a + 3,
        // "Mais pour Obama, « ... »", "Et pour la CGT, « ... »": a
        // coordinating conjunction opening the sentence before the frame
        ("mais" | "et" | "or", "pour", _) => a + 2,
        _ => return None,
    };
    // "Pour Hélène Garnier, économiste à l'OFCE, « ... »": the name before
    // an apposition
    let b = match t.chars[t.tokens.get(first)?.start..comma]
        .iter()
        .position(|&c| c == ',')
    {
        Some(off) => t.tokens_before(t.tokens[first].start + off),
        None => b,
    };
    // a short noun phrase
    if first >= b || b - first > 8 {
        return None;
    }
    if b - first == 1 && matches!(fold(first), "lui" | "elle" | "eux" | "elles") {
        let tok = &t.tokens[first];
        return Some(Found::Pronoun(tok.start, tok.end, speakers::Compat::Human));
    }
    let v: Vec<usize> = (first..b).collect();
    let words = lexicon::lexicon().words(lang);
    // "le préfet du Nord, Alain Costa,": the name in apposition after a role
    let (_, hi) = p.sentence;
    let m = speakers::forward_apposition(t, speakers::analyse(t, &v, lang, words, lo, comma), hi);
    // a person named or described, or a body; not "pour l'instant", nor
    // "pour la dernière période" (the articles and prepositions the role
    // lexicon lists, to glue role phrases, name nobody on their own)
    let named = m
        .name
        .is_some_and(|(s, e)| t.chars[s].is_uppercase() && e > s)
        || m.role.is_some_and(|(s, e)| {
            t.slice(s, e).split_whitespace().any(|w| {
                let f = text::fold_str(w);
                words.roles.contains(f.as_str()) && !FRAME_FUNCTION_WORDS.contains(&f.as_str())
            })
        });
    if named {
        return Some(Found::Mention(m));
    }
    // "Et pour la dernière période, « il veut ... »": a frame naming no one
    // before a whole utterance; the speaker goes on (the caller checks that
    // one was quoted nearby)
    let whole = index_of_punct_before(t, p, ',') == Some(comma) && p.kind == QuoteKind::Direct;
    whole.then_some(Found::Bare)
}

/// Folded articles and prepositions that the French role lexicon lists (to
/// glue role phrases together) but that name no one on their own.
const FRAME_FUNCTION_WORDS: &[&str] = &[
    "le", "la", "les", "l'", "l", "du", "de", "des", "d'", "d", "et", "en", "a", "au", "aux",
];

/// "« Si ça continue, je ferme en mars. » Devant son four éteint, Martine
/// Rochas, boulangère ..., ne cache pas ...": a quotation opening its
/// paragraph with no cue, followed in the same paragraph by a sentence that
/// names a person: that person.
fn lede_speaker(
    t: &Text,
    p: &Pending,
    sents: &[(usize, usize)],
    lang: Lang,
) -> Option<speakers::Mention> {
    if p.kind != QuoteKind::Direct {
        return None;
    }
    let (para, para_end) = t.paragraph_of(p.start);
    let mut open = p.start;
    while open > para
        && (t.chars[open - 1].is_whitespace() || marks::is_open_mark(t.chars[open - 1]))
    {
        open -= 1;
    }
    let from = indirect::dateline_end(t, para, open.max(para + 1)).unwrap_or(para);
    if !t.only_ws_or(from, open, &['-', '—', '–']) {
        return None;
    }
    // the quotation is a sentence of its own: the next sentence starts
    // after its end, in the same paragraph
    let si = sentence_index(sents, p.end)?;
    let (_, qhi) = sents[si];
    let &(nlo, nhi) = sents.get(si + 1)?;
    if nlo < qhi || nhi > para_end {
        return None;
    }
    speakers::named_persons(t, nlo, nhi, lang)
        .into_iter()
        .next()
}

/// The nearest speech cue before cue `ci`, after `upto`, in the same or
/// the previous paragraph (of the quotation's start), that names its own
/// subject though it governs no quotation ("announced the closure", "أعلن
/// السيطرة على"). An Arabic subject needs a role ("أعلن الوزير فلان"), a
/// name of two words or more ("وقد دعا بنيامين نتنياهو ..."), or one word
/// that `known_surname` holds for (the surname of an earlier speaker, "وقد
/// دعا نتنياهو ..."): a lone word after a verb whose subject is implicit
/// is as often its object.
#[allow(clippy::too_many_arguments)]
fn narrative_speaker(
    t: &Text,
    cues: &[cues::Cue],
    ci: usize,
    upto: usize,
    quote_start: usize,
    sents: &[(usize, usize)],
    blocked: &[(usize, usize)],
    known_surname: &dyn Fn(&str) -> bool,
) -> Option<(usize, Found)> {
    let cue = cues.get(ci)?;
    // a quotation over several paragraphs counts from its first one
    let prev_para = previous_paragraph_start(t, quote_start);
    let inside = |p: usize| blocked.iter().any(|&(s, e)| s <= p && p < e);
    let earlier = cues[..ci].iter().enumerate().rev().find(|(_, c)| {
        c.start >= upto
            && c.start >= prev_para
            && c.kind() == lexicon::CueKind::Speech
            && !c.entry.followon
            && !c.entry.pronoun
            && !inside(c.start)
    });
    let (pi, pc) = match earlier {
        Some((pi, pc)) => (pi, *pc),
        None => {
            // a speech verb earlier in the sentence already gave the
            // previous speaker
            let (lo, _) = sentence_index(sents, cue.start).map(|i| sents[i])?;
            if cues[..ci]
                .iter()
                .any(|c| c.start >= lo && c.kind() == lexicon::CueKind::Speech)
            {
                return None;
            }
            (ci, main_verb(t, cue, sents)?)
        }
    };
    let (lo, hi) = sentence_index(sents, pc.start).map(|i| sents[i])?;
    // only a person named with a role (Arabic: the words after a verb are
    // often its object when the subject is left implicit)
    // a Latin verb that governs no quotation follows its subject: words
    // after it are its object ("a annoncé son retrait"); the noun phrase
    // opening the sentence is the subject then
    let latin = pc.entry.lang != Lang::Ar;
    let mut opening = false;
    let found = match speakers::find(t, &pc, lo, hi, cues, blocked) {
        Found::Mention(m) if latin && m.start >= pc.start => {
            opening = true;
            opening_subject(t, lo, pc.word_start, pc.entry.lang).map_or(Found::None, Found::Mention)
        }
        Found::Bare | Found::None if latin && pi == ci => {
            opening = true;
            opening_subject(t, lo, pc.word_start, pc.entry.lang).map_or(Found::None, Found::Mention)
        }
        f => f,
    };
    match found {
        Found::Mention(m)
            if (matches!(
                m.kind,
                crate::model::SpeakerKind::Person | crate::model::SpeakerKind::Anonymous
            ) || ((pi == ci || opening)
                && pc.entry.lang != Lang::Ar
                && m.kind == crate::model::SpeakerKind::Organization))
                && (pc.entry.lang != Lang::Ar || m.role.is_some()) =>
        {
            Some((pi, Found::Mention(m)))
        }
        Found::Mention(m) if pc.entry.lang == Lang::Ar => {
            arabic_named_subject(t, &m, known_surname).map(|m| (pi, Found::Mention(m)))
        }
        _ => None,
    }
}

/// A person named without a role as the subject of an Arabic verb-first
/// sentence, or `None`: a name of two to four words, or one that starts
/// with the surname of someone seen before. An Arabic name has no capitals
/// to end it, so the words after a known surname ("نتنياهو الجالية
/// اليهودية", the verb's object) are cut off.
fn arabic_named_subject(
    t: &Text,
    m: &speakers::Mention,
    known_surname: &dyn Fn(&str) -> bool,
) -> Option<speakers::Mention> {
    if m.kind != crate::model::SpeakerKind::Person || m.role.is_some() {
        return None;
    }
    let (s, e) = m.name?;
    let first = t.token_at_or_after(s);
    let last = t.tokens_before(e);
    // the shortest run of name words ending in a known surname
    if let Some(j) = (first..last.min(first + 4))
        .find(|&j| known_surname(t.str(t.tokens[j].start, t.tokens[j].end)))
    {
        let end = t.tokens[j].end;
        return Some(speakers::Mention {
            end,
            name: Some((s, end)),
            ..m.clone()
        });
    }
    (2..=4).contains(&(last - first)).then(|| m.clone())
}

/// "Le parti « Renouveau », deuxième formation de la coalition, a annoncé
/// ...": the short noun phrase opening a Latin sentence (after a dateline),
/// up to its first comma, before the main verb at `verb`: an article and at
/// most five more words, a name in marks included.
fn opening_subject(t: &Text, lo: usize, verb: usize, lang: Lang) -> Option<speakers::Mention> {
    let lo = indirect::dateline_end(t, lo, verb).unwrap_or(lo);
    let comma = (lo..verb).find(|&i| t.chars[i] == ',')?;
    let a = t.token_at_or_after(lo);
    let b = t.tokens_before(comma);
    if a >= b || b - a > 6 || !t.only_ws_or(lo, t.tokens[a].start, &['-', '—', '–']) {
        return None;
    }
    let first = t.fold_of(&t.tokens[a]);
    if !matches!(first, "le" | "la" | "les" | "l'" | "l" | "the") {
        return None;
    }
    let v: Vec<usize> = (a..b).collect();
    let words = lexicon::lexicon().words(lang);
    // "Le parti « Renouveau »", "le collectif « X »": a body named after
    // its noun
    let body_noun = t.tokens.get(a + 1).is_some_and(|n| {
        let f = t.fold_of(n);
        words.organizations.contains(f)
            || matches!(
                f,
                "collectif" | "mouvement" | "coalition" | "group" | "movement"
            )
    });
    if body_noun && b > a + 2 {
        let (s, e) = (t.tokens[a + 1].start, t.tokens[b - 1].end);
        let mut close = e;
        while t
            .chars
            .get(close)
            .is_some_and(|c| *c == ' ' || *c == '\u{a0}')
        {
            close += 1;
        }
        let e = if close < comma && matches!(t.chars[close], '»' | '"' | '”') {
            close + 1
        } else {
            e
        };
        return Some(speakers::Mention {
            start: t.tokens[a].start,
            end: e,
            name: Some((s, e)),
            role: None,
            kind: crate::model::SpeakerKind::Organization,
        });
    }
    Some(speakers::analyse(t, &v, lang, words, lo, comma))
}

/// A narrative verb token read as a speech cue of `cue`'s language, so that
/// [`speakers::find`] looks for that verb's subject.
fn verb_as_cue(verb: &text::Token, cue: &cues::Cue) -> cues::Cue {
    cues::Cue {
        start: verb.start,
        end: verb.end,
        word_start: verb.start,
        entry: lexicon::Entry {
            kind: lexicon::CueKind::Speech,
            followon: false,
            ..cue.entry
        },
    }
}

/// "دافعت وزيرة البيئة ليلى الشابي عن القرار، معتبرة أن ...": an Arabic
/// circumstantial participle shares the subject of its verb-first main
/// clause; the sentence's first word (after a dateline) taken as that verb.
fn main_verb(t: &Text, cue: &cues::Cue, sents: &[(usize, usize)]) -> Option<cues::Cue> {
    if cue.kind() != lexicon::CueKind::Circumstantial {
        return None;
    }
    let (lo, _) = sentence_index(sents, cue.start).map(|i| sents[i])?;
    let lo = indirect::dateline_end(t, lo, cue.word_start).unwrap_or(lo);
    if cue.entry.lang != Lang::Ar {
        return latin_main_verb(t, cue, lo);
    }
    let verb = t.tokens.get(t.token_at_or_after(lo))?;
    // a verb is not definite and lies before the participle, not inside
    // a quotation or after a comma
    if verb.end >= cue.word_start
        || t.fold_of(verb).starts_with("ال")
        || !t.only_ws_or(lo, verb.start, &['-', '—', '–'])
    {
        return None;
    }
    Some(verb_as_cue(verb, cue))
}

/// The subject of the main verb opening the sentence of a Latin cue,
/// before that cue.
fn own_subject(
    t: &Text,
    cue: &cues::Cue,
    sents: &[(usize, usize)],
    cues: &[cues::Cue],
    blocked: &[(usize, usize)],
) -> Option<Found> {
    let (lo, hi) = sentence_index(sents, cue.start).map(|i| sents[i])?;
    let lo = indirect::dateline_end(t, lo, cue.word_start).unwrap_or(lo);
    if cue.entry.lang == Lang::Ar {
        return arabic_contrast_subject(t, cue, lo, hi, cues, blocked);
    }
    let verb = latin_main_verb(t, cue, lo)?;
    match speakers::find(t, &verb, lo, hi, cues, blocked) {
        Found::Mention(m) => Some(Found::Mention(m)),
        _ => None,
    }
}

/// "وبينما رفض ناطق باسم الشرطة إعطاء التفاصيل، إلا أنه أكد أن ...": a
/// pronoun on a contrastive particle (`إلا أنه`, `غير أنه`, `لكنه`) refers
/// to the subject of the verb-first clause opening the same sentence (after
/// an optional `بينما` / `فيما` / `رغم`); a person or an anonymous
/// source named there, with a role or a name.
fn arabic_contrast_subject(
    t: &Text,
    cue: &cues::Cue,
    lo: usize,
    hi: usize,
    cues: &[cues::Cue],
    blocked: &[(usize, usize)],
) -> Option<Found> {
    let ci = t.tokens_before(cue.word_start);
    let pron = t.tokens.get(ci.checked_sub(1)?)?;
    let contrast = match t.fold_of(pron) {
        "لكنه" | "لكنها" | "ولكنه" | "ولكنها" => true,
        "انه" | "انها" => ci >= 2 && matches!(t.fold_of(&t.tokens[ci - 2]), "الا" | "غير"),
        _ => false,
    };
    if !contrast {
        return None;
    }
    let mut vi = t.token_at_or_after(lo);
    if t.tokens.get(vi).is_some_and(|w| {
        matches!(
            t.fold_of(w),
            "بينما" | "وبينما" | "فيما" | "وفيما" | "رغم" | "ورغم" | "ومع"
        )
    }) {
        vi += 1;
    }
    let verb = t.tokens.get(vi)?;
    if verb.end >= pron.start || t.fold_of(verb).starts_with("ال") {
        return None;
    }
    let vc = verb_as_cue(verb, cue);
    match speakers::find(t, &vc, lo, hi, cues, blocked) {
        Found::Mention(m)
            if matches!(
                m.kind,
                crate::model::SpeakerKind::Person | crate::model::SpeakerKind::Anonymous
            ) && (m.role.is_some() || m.name.is_some())
                && m.end <= pron.start =>
        {
            Some(Found::Mention(m))
        }
        _ => None,
    }
}

/// "Le Hezbollah a rejeté le plan, le qualifiant de « ... »", "The union
/// rejected the offer, calling it "...": the participle after a comma shares
/// the subject of the main verb (a participle after an auxiliary, or an
/// English past form) that follows the sentence's opening subject.
fn latin_main_verb(t: &Text, cue: &cues::Cue, lo: usize) -> Option<cues::Cue> {
    latin_main_verb_before(t, cue, lo, cue.word_start)
}

/// The named person opening the sentence before a Latin pronoun cue, in
/// the same paragraph and after the last speaker found.
fn previous_subject(
    t: &Text,
    cue: &cues::Cue,
    upto: usize,
    sents: &[(usize, usize)],
    cues: &[cues::Cue],
    blocked: &[(usize, usize)],
) -> Option<Found> {
    if cue.entry.lang == Lang::Ar {
        return None;
    }
    let si = sentence_index(sents, cue.start)?;
    let (plo, phi) = *sents.get(si.checked_sub(1)?)?;
    if plo < upto || t.paragraph_of(plo) != t.paragraph_of(cue.start) {
        return None;
    }
    let verb = latin_main_verb_before(t, cue, plo, phi)
        .or_else(|| named_subject_after_fronted_phrase(t, cue, plo, phi))?;
    match speakers::find(t, &verb, plo, phi, cues, blocked) {
        Found::Mention(m) if m.kind == crate::model::SpeakerKind::Person && m.name.is_some() => {
            Some(Found::Mention(m))
        }
        // "Le ministère n'a pas confirmé. Il a cependant assuré que ...":
        // French il/elle/ils/elles also stand for a body; the body opening
        // the sentence before is the antecedent when it agrees
        Found::Mention(m)
            if cue.entry.lang == Lang::Fr
                && m.kind == crate::model::SpeakerKind::Organization
                && group_agrees(t, cue, &m) =>
        {
            Some(Found::Mention(m))
        }
        _ => None,
    }
}

/// Whether the French subject pronoun of `cue` ("il", "elle", "ils",
/// "elles", alone before the cue or inside it: "a-t-elle") can stand for
/// the body `m`: its article gives gender and number ("le ministère" for
/// il, "la fédération" for elle, "les autorités" for ils/elles); an elided
/// "l'" or none gives only the singular.
fn group_agrees(t: &Text, cue: &cues::Cue, m: &speakers::Mention) -> bool {
    // the pronoun: inside the cue ("a-t-elle précisé") or the word before
    let inside = t.folded_str(cue.start, cue.end);
    let pronoun = ["-elles", "-ils", "-elle", "-il"]
        .iter()
        .find(|p| inside.contains(*p))
        .map(|p| p.trim_start_matches('-').to_string())
        .or_else(|| {
            let k = t.tokens_before(cue.start).checked_sub(1)?;
            let mut k = k;
            // "Il a cependant déclaré": adverbs and auxiliaries between
            while k > 0 && speakers::is_auxiliary(t, k) {
                k -= 1;
            }
            Some(t.fold_of(t.tokens.get(k)?).to_string())
        });
    let Some(pronoun) = pronoun else {
        return false;
    };
    let first = t
        .tokens
        .get(t.token_at_or_after(m.start))
        .map_or("", |tok| t.fold_of(tok));
    match (pronoun.as_str(), first) {
        ("il", "le") | ("elle", "la") => true,
        ("il" | "elle", "l" | "l'") => true,
        ("ils" | "elles", "les") => true,
        // no article: a capitalised name of a body ("Renault", "l'ONU"
        // aside), singular
        ("il" | "elle", f) => !matches!(f, "les" | "des" | "le" | "la"),
        _ => false,
    }
}

/// "Wednesday, the day he withdrew, Halvorsen backed his rival. "...," he
/// said": in English, a capitalised name right after a comma and right
/// before a lowercase past-tense verb is the subject of a sentence that
/// opens with a fronted phrase. [`latin_main_verb_before`] wants no comma
/// before the verb (and takes a verb inside the fronted phrase), so such a
/// subject was missed as the antecedent of the pronoun after it. The verb,
/// as a cue for [`speakers::find`].
fn named_subject_after_fronted_phrase(
    t: &Text,
    cue: &cues::Cue,
    lo: usize,
    limit: usize,
) -> Option<cues::Cue> {
    if cue.entry.lang != Lang::En {
        return None;
    }
    let first = t.token_at_or_after(lo);
    let last = t.tokens_before(limit);
    let upper = |k: usize| {
        t.tokens
            .get(k)
            .is_some_and(|tok| t.chars[tok.start].is_uppercase())
    };
    let verb = (first + 2..last).find(|&k| {
        let tok = &t.tokens[k];
        let f = t.fold_of(tok);
        if !t.chars[tok.start].is_lowercase() || f.len() <= 3 || !f.ends_with("ed") {
            return false;
        }
        // one to three capitalised words, a comma before them
        let mut j = k;
        while j > first
            && k - j < 3
            && upper(j - 1)
            && t.only_ws_or(t.tokens[j - 1].end, t.tokens[j].start, &[])
        {
            j -= 1;
        }
        j < k && j > first && t.str(t.tokens[j - 1].end, t.tokens[j].start).trim() == ","
    })?;
    let tok = &t.tokens[verb];
    Some(cues::Cue {
        start: tok.start,
        end: tok.end,
        word_start: tok.start,
        entry: lexicon::Entry {
            kind: lexicon::CueKind::Speech,
            followon: false,
            pronoun: false,
            ..cue.entry
        },
    })
}

fn latin_main_verb_before(t: &Text, cue: &cues::Cue, lo: usize, limit: usize) -> Option<cues::Cue> {
    let first = t.token_at_or_after(lo);
    let last = t.tokens_before(limit);
    let lower = |k: usize| {
        t.tokens
            .get(k)
            .is_some_and(|tok| t.chars[tok.start].is_lowercase())
    };
    let verb = (first + 1..last).find_map(|k| {
        let f = t.fold_of(&t.tokens[k]);
        let aux = match cue.entry.lang {
            // "M. Lemaire s'est montré plus réservé": the reflexive
            // auxiliary too
            Lang::Fr => matches!(f, "a" | "ont" | "avait" | "avaient" | "est" | "sont"),
            _ => matches!(f, "has" | "have" | "had"),
        };
        // "Le ministère n'a pas confirmé", "a cependant annoncé": French
        // negation and adverbs between the auxiliary and the participle
        let mut v = k + 1;
        while aux && cue.entry.lang == Lang::Fr && v + 1 < last && speakers::is_auxiliary(t, v) {
            v += 1;
        }
        if aux && lower(v) && v < last {
            Some(v)
        } else if cue.entry.lang == Lang::En && lower(k) && f.len() > 3 && f.ends_with("ed") {
            Some(k)
        } else {
            None
        }
    })?;
    let tok = &t.tokens[verb];
    // the subject opens the sentence: no comma before the verb
    if t.chars[lo..tok.start]
        .iter()
        .any(|&c| matches!(c, ',' | ';' | ':'))
    {
        return None;
    }
    Some(cues::Cue {
        start: tok.start,
        end: tok.end,
        word_start: tok.start,
        entry: lexicon::Entry {
            kind: lexicon::CueKind::Speech,
            followon: false,
            pronoun: false,
            ..cue.entry
        },
    })
}

/// The quote kind each mark got (`None` for marked terms), in mark order.
fn pending_classes(pending: &[Pending], marks: &[marks::Marked]) -> Vec<Option<QuoteKind>> {
    marks
        .iter()
        .map(|m| {
            pending
                .iter()
                .find(|p| p.start == m.start && p.end == m.end)
                .map(|p| p.kind)
        })
        .collect()
}

/// Whether a short Arabic span in quote marks is a name because the same
/// words stand in marks elsewhere in the dispatch: newspaper copy marks a
/// company, group or event name at every mention («نخيل», «داعش»,
/// «مهرجان الربيع»), also inside reported speech, where a lone fragment would pass
/// for the speaker's words; a speaker's fragment is rarely quoted twice.
fn recurring_arabic_name(t: &Text, m: &marks::Marked, marks: &[marks::Marked]) -> bool {
    let key = |x: &marks::Marked| t.folded_str(x.start, x.end).trim().to_string();
    let own = key(m);
    let arabic = t.chars[m.start..m.end]
        .iter()
        .any(|&c| text::is_arabic_letter(c));
    let words = t.token_at_or_after(m.end) - t.token_at_or_after(m.start);
    let punct = t.chars[m.start..m.end]
        .iter()
        .any(|c| matches!(c, '.' | '!' | '?' | '؟' | '،' | ',' | ':' | ';' | '\n'));
    if !arabic || punct || words == 0 || words > 4 || own.is_empty() {
        return false;
    }
    marks.iter().any(|x| x.open != m.open && key(x) == own)
}

#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;
/// Arabic newspaper constructions (docs/arabic-newspaper-attribution.md).
#[cfg(test)]
mod tests_ar_press;
/// English constructions of real Wikinews copy (tests/eval-real, round 2).
#[cfg(test)]
mod tests_en_real;
/// French constructions of real Wikinews copy (tests/eval-real, session 5).
#[cfg(test)]
mod tests_fr;
