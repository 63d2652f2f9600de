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
mod cues;
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
        let d = classify::classify(&t, m, sentence, &cues, &blocked);
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
        .filter(|(_, k)| **k == Some(QuoteKind::Direct))
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
    let mut resolver = resolve::Resolver::new();
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
                        if cue.entry.followon && matches!(f, Found::Pronoun(..)) {
                            f = Found::Bare;
                        }
                        // "أعلن الناطق ... العميد محمد القنيدي السيطرة على
                        // المنفذ، وقال إن ...": a speech verb with its own
                        // subject but no quotation introduces the speaker that
                        // a later bare cue or pronoun refers to
                        if matches!(f, Found::Bare | Found::Pronoun(..)) {
                            if let Some((pi, pf)) = narrative_speaker(
                                &t,
                                &cues,
                                ci,
                                resolved_upto,
                                p.start.min(cue.start),
                                &sents,
                                &blocked,
                            ) {
                                if pi == ci {
                                    // the subject of the main clause
                                    f = pf;
                                } else {
                                    cue_speaker[pi] =
                                        resolver.resolve_agreeing(&t, &pf, cues[pi].entry.gender);
                                    resolved_upto = resolved_upto.max(cues[pi].end);
                                }
                            } else if let Some(pf) = matches!(f, Found::Pronoun(..))
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
                                resolver.resolve_agreeing(&t, &pf, gender);
                            }
                        }
                        let mut s = resolver.resolve_agreeing(&t, &f, gender);
                        // "The company declined to comment on what it
                        // called ...": a pronoun with no speaker before it
                        // refers to the subject of its own sentence
                        if s.is_none() && matches!(f, Found::Pronoun(..)) {
                            if let Some(m) = own_subject(&t, cue, &sents, &cues, &blocked) {
                                s = resolver.resolve_agreeing(&t, &m, gender);
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
                let speaker = if p.continues && near {
                    resolver.resolve(&t, &Found::Bare)
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

/// The nearest speech cue before cue `ci`, after `upto`, in the same or
/// the previous paragraph (of the quotation's start), that names its own
/// subject though it governs no quotation ("announced the closure", "أعلن
/// السيطرة على").
fn narrative_speaker(
    t: &Text,
    cues: &[cues::Cue],
    ci: usize,
    upto: usize,
    quote_start: usize,
    sents: &[(usize, usize)],
    blocked: &[(usize, usize)],
) -> Option<(usize, Found)> {
    let cue = cues.get(ci)?;
    // a quotation over several paragraphs counts from its first one
    let (para, _) = t.paragraph_of(quote_start);
    let prev_para = t
        .paragraphs
        .iter()
        .map(|p| p.0)
        .filter(|&s| s < para)
        .max()
        .unwrap_or(para);
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
    match speakers::find(t, &pc, lo, hi, cues, blocked) {
        Found::Mention(m)
            if (matches!(
                m.kind,
                crate::model::SpeakerKind::Person | crate::model::SpeakerKind::Anonymous
            ) || (pi == ci
                && pc.entry.lang != Lang::Ar
                && m.kind == crate::model::SpeakerKind::Organization))
                && (pc.entry.lang != Lang::Ar || m.role.is_some()) =>
        {
            Some((pi, Found::Mention(m)))
        }
        _ => None,
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
    Some(cues::Cue {
        start: verb.start,
        end: verb.end,
        word_start: verb.start,
        entry: lexicon::Entry {
            kind: lexicon::CueKind::Speech,
            followon: false,
            ..cue.entry
        },
    })
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
    if cue.entry.lang == Lang::Ar {
        return None;
    }
    let (lo, hi) = sentence_index(sents, cue.start).map(|i| sents[i])?;
    let lo = indirect::dateline_end(t, lo, cue.word_start).unwrap_or(lo);
    let verb = latin_main_verb(t, cue, lo)?;
    match speakers::find(t, &verb, lo, hi, cues, blocked) {
        Found::Mention(m) => Some(Found::Mention(m)),
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
    let verb = latin_main_verb_before(t, cue, plo, phi)?;
    match speakers::find(t, &verb, plo, phi, cues, blocked) {
        Found::Mention(m) if m.kind == crate::model::SpeakerKind::Person && m.name.is_some() => {
            Some(Found::Mention(m))
        }
        _ => None,
    }
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
            Lang::Fr => matches!(f, "a" | "ont" | "avait" | "avaient"),
            _ => matches!(f, "has" | "have" | "had"),
        };
        if aux && lower(k + 1) && k + 1 < last {
            Some(k + 1)
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

#[cfg(test)]
mod tests;
