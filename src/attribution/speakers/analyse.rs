//! Splitting a speaker mention into role and name and deciding its kind
//! (person, anonymous, organization, document), with appositions on
//! either side.
//!
//! Owns: the words of one mention once its extent is known.
//! Must not touch: finding the mention (`super::find`).

use super::*;

/// "selon le président du conseil, Michel Spiro, ...": a role mention
/// without a name takes the short run of capitalized words in apposition
/// right after it.
pub fn forward_apposition(t: &Text, m: Mention, hi: usize) -> Mention {
    // "le secrétaire général du syndicat CGSP-Cheminots, Marc Delvaux": a
    // lone capitalised word right after a French organisation noun names
    // the organisation, part of the role; the person is in the apposition
    let apposition_next = {
        let mut j = m.end;
        while j < hi && t.chars[j] == ' ' {
            j += 1;
        }
        j < hi && matches!(t.chars[j], ',' | '،') && {
            let n = t.token_at_or_after(j);
            n < t.tokens.len() && t.tokens[n].start < hi && is_capitalized(t, n)
        }
    };
    let orgs = &crate::attribution::lexicon::lexicon()
        .words(Lang::Fr)
        .organizations;
    let org_name = m.name.filter(|&(s, e)| {
        let k = t.token_at_or_after(s);
        apposition_next
            && t.tokens.get(k).is_some_and(|tok| tok.end == e)
            && k > 0
            && m.role.is_some_and(|(rs, _)| rs <= t.tokens[k - 1].start)
            && orgs.contains(t.fold_of(&t.tokens[k - 1]))
    });
    let m = match (org_name, m.role) {
        (Some((_, e)), Some((rs, _))) => Mention {
            name: None,
            role: Some((rs, e)),
            ..m
        },
        _ => m,
    };
    if m.name.is_some() || m.kind != SpeakerKind::Person {
        return m;
    }
    let mut j = m.end;
    while j < hi && t.chars[j] == ' ' {
        j += 1;
    }
    if j >= hi || !matches!(t.chars[j], ',' | '،') {
        return m;
    }
    let a = t.token_at_or_after(j);
    let mut b = a;
    let mut prev = j + 1;
    while b < t.tokens.len() && b - a < 4 {
        let tok = &t.tokens[b];
        if tok.start >= hi || !gap_is_space(t, prev, tok.start) || !is_capitalized(t, b) {
            break;
        }
        prev = tok.end;
        b += 1;
    }
    // closed by a comma, a colon, or the end of the sentence ("a réagi la
    // maire de Bordeaux, Claire Morin.")
    let closes = t
        .chars
        .get(prev)
        .is_some_and(|&c| matches!(c, ',' | '،' | ':' | '.'));
    if b == a || !closes {
        return m;
    }
    let name = (t.tokens[a].start, t.tokens[b - 1].end);
    Mention {
        end: name.1,
        name: Some(name),
        role: m.role.or(Some((m.start, m.end))),
        ..m
    }
}

pub(super) fn trim_leading_connectors(t: &Text, v: &mut Vec<usize>) {
    while let Some(&first) = v.first() {
        if matches!(
            t.fold_of(&t.tokens[first]),
            "and" | "et" | "but" | "mais" | "of" | "de"
        ) {
            v.remove(0);
        } else {
            break;
        }
    }
}

/// "Sadiq Khan, the mayor of London, said" / "the mayor, Sadiq Khan, said":
/// extend a mention over a comma-separated apposition before it.
pub(super) fn with_apposition(
    t: &Text,
    m: Mention,
    first: usize,
    lo: usize,
    lang: Lang,
    words: &Words,
    hi: usize,
) -> Mention {
    // the char before the mention must be a comma
    let mut j = first;
    while j > lo && t.chars[j - 1].is_whitespace() {
        j -= 1;
    }
    if j <= lo || !matches!(t.chars[j - 1], ',' | '،') {
        return m;
    }
    let comma = j - 1;
    let mut v = Vec::new();
    let mut i = t.tokens_before(comma);
    let mut next = comma;
    while i > 0 && v.len() < 8 {
        let tok = &t.tokens[i - 1];
        if tok.end <= lo || !gap_is_space(t, tok.end, next) {
            break;
        }
        v.push(i - 1);
        next = tok.start;
        i -= 1;
    }
    v.reverse();
    if v.is_empty() || t.tokens[v[0]].start != after_space(t, lo, t.tokens[v[0]].start) {
        return m;
    }
    if let (Some(&a), Some(&b)) = (v.first(), v.last()) {
        if fronted_time_phrase(t, a, b + 1) {
            return m;
        }
    }
    let other = analyse(t, &v, lang, words, lo, hi);
    // "Lars Henriksen, a fisheries adviser to the Danish Fishermen's
    // Organisation, said": an apposition opened by an article and a role
    // noun, capitalized words and all, is the role of the name before it
    if lang != Lang::Ar
        && other.kind == SpeakerKind::Person
        && other.name == Some((other.start, other.end))
        && name_like(t, &v)
    {
        let mv: Vec<usize> = (t.token_at_or_after(m.start)..t.token_at_or_after(m.end)).collect();
        let article = mv.first().is_some_and(|&k| {
            matches!(
                t.fold_of(&t.tokens[k]),
                "a" | "an" | "the" | "un" | "une" | "le" | "la" | "l'"
            )
        });
        if article && role_opens(t, &mv, words) {
            return Mention {
                start: other.start,
                end: m.end,
                name: other.name,
                role: Some((m.start, m.end)),
                kind: SpeakerKind::Person,
            };
        }
    }
    if other.kind != SpeakerKind::Person || m.kind != SpeakerKind::Person {
        return m;
    }
    // "Asked about the delay, Harlan said": a participle clause before the
    // name is no apposition
    let opens_clause = lang != Lang::Ar
        && v.first().is_some_and(|&k| {
            let raw = t.str(t.tokens[k].start, t.tokens[k].end).to_lowercase();
            !words.roles.contains(t.fold_of(&t.tokens[k]))
                && raw.chars().count() > 4
                && ["ed", "ing", "é", "ée", "és", "ées", "ant"]
                    .iter()
                    .any(|x| raw.ends_with(x))
        });
    // "Most traders, Reyes said, had ...": words before the comma with no
    // role noun are the start of the reported clause, not an apposition
    let has_role = lang == Lang::Ar
        || v.iter().any(|&k| {
            let f = t.fold_of(&t.tokens[k]);
            words.roles.contains(f) && !ROLE_GLUE.contains(&f)
        });
    let (name, role) = if m.name.is_some() && m.role.is_none() && !opens_clause && has_role {
        (m.name, Some((other.start, other.end)))
    } else if m.name.is_none()
        && m.role.is_some()
        && other.name.is_some()
        && (lang == Lang::Ar || name_like(t, &v))
    {
        (Some((other.start, other.end)), m.role)
    } else if m.role.is_some_and(|(rs, _)| rs == m.start)
        && m.name.is_some()
        && other.role.is_none()
        && other.name == Some((other.start, other.end))
    {
        // "Gérald Karsenti, PDG de HP France, a indiqué": after a full name
        // the whole apposition is the role, capitalized words and all
        (other.name, Some((m.start, m.end)))
    } else {
        return m;
    };
    Mention {
        start: other.start,
        end: m.end,
        name,
        role,
        kind: SpeakerKind::Person,
    }
}

/// Latin tokens that can make up a personal name on their own: capitalized
/// words and the particles inside surnames ("Ursula von der Leyen"), not a
/// participle clause ("Interrogée sur le coût de la réforme, la ministre").
pub(super) fn name_like(t: &Text, v: &[usize]) -> bool {
    v.iter().all(|&k| {
        is_capitalized(t, k)
            || matches!(
                t.fold_of(&t.tokens[k]),
                "de" | "du"
                    | "des"
                    | "d'"
                    | "von"
                    | "van"
                    | "der"
                    | "den"
                    | "da"
                    | "di"
                    | "bin"
                    | "ben"
                    | "ibn"
                    | "al"
                    | "el"
                    | "la"
                    | "le"
            )
    })
}

/// `pos` if only spaces (or the sentence start) precede it back to `lo` or
/// to a punctuation mark; else `usize::MAX`.
pub(super) fn after_space(t: &Text, lo: usize, pos: usize) -> usize {
    let mut j = pos;
    while j > lo && t.chars[j - 1].is_whitespace() {
        j -= 1;
    }
    // a spaced hyphen ends a dateline: "DAKAR, 4 juin (Reuters) - Amadou
    // Diallo, ministre ..., a affirmé"
    let dateline_dash =
        j > lo + 1 && t.chars[j - 1] == '-' && t.chars[j - 2].is_whitespace() && j < pos;
    if j == lo || is_boundary_punct(t.chars[j - 1]) || dateline_dash {
        pos
    } else {
        usize::MAX
    }
}

/// Arabic "لل..." or "ل" + outlet attached: a prepositional phrase.
/// Media and audience nouns after "لل": an addressee ("للصحيفة"), never
/// part of a role.
pub(super) const ADDRESSEES: &[&str] = &[
    "صحيفه",
    "صحف",
    "اذاعه",
    "تلفزيون",
    "قناه",
    "وكاله",
    "موقع",
    "صحافيين",
    "صحفيين",
    "صحافه",
    "اعلام",
    "مراسلين",
    "صحفي",
    "صحافي",
    "جريده",
    "مجله",
    "تلفزه",
    "شبكه",
    "منصه",
];

/// "المنسقة الوطنية للتنسيقية نزهة الإدريسي", "الأمين العام للأمم المتحدة":
/// a definite genitive with "لل" continuing a role that opened the mention,
/// when the mention goes on after it (a name or more of the role).
pub(super) fn role_genitive(t: &Text, v: &[usize], i: usize, hi: usize, words: &Words) -> bool {
    let Some(&k0) = v.first() else { return false };
    // "وزيرة": a role noun may itself start with و, so try the raw word too
    let raw = t.fold_of(&t.tokens[k0]);
    let head = strip_proclitics(raw);
    if ![raw, head]
        .iter()
        .any(|h| words.roles.contains(*h) || words.roles.contains(strip_al(h)))
    {
        return false;
    }
    let f = t.fold_of(&t.tokens[i]);
    let Some(rest) = f.strip_prefix("لل") else {
        return false;
    };
    if ADDRESSEES.contains(&rest) {
        return false;
    }
    if crate::outlets::gazetteer()
        .find_all(t.str(t.tokens[i].start + 1, t.tokens[i].end))
        .first()
        .is_some_and(|m| m.start == 0)
    {
        return false;
    }
    t.tokens.get(i + 1).is_some_and(|n| {
        n.start < hi
            && gap_is_space(t, t.tokens[i].end, n.start)
            && !words.stop.contains(t.fold_of(n))
            && !t.fold_of(n).starts_with('ل')
    })
}

pub(super) fn span_of(t: &Text, v: &[usize]) -> Option<(usize, usize)> {
    Some((t.tokens[*v.first()?].start, t.tokens[*v.last()?].end))
}

pub fn analyse(t: &Text, v: &[usize], lang: Lang, words: &Words, lo: usize, hi: usize) -> Mention {
    let (start, end) = span_of(t, v).unwrap_or((lo, lo));
    let folded: Vec<&str> = v.iter().map(|&i| t.fold_of(&t.tokens[i])).collect();
    let joined = folded.join(" ");
    let joined_bare = folded
        .iter()
        .map(|f| {
            if lang == Lang::Ar {
                strip_proclitics(f)
            } else {
                f
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    // one of the list's phrases, alone or as the mention's first words
    let starts = |list: &Phrases| list.starts_words(&joined_bare) || list.starts_words(&joined);
    let sentence = t.folded_str(lo, hi);
    let mention = Mention {
        start,
        end,
        name: None,
        role: None,
        kind: SpeakerKind::Person,
    };
    let text = t.str(start, end);
    if let Some(m) = crate::outlets::gazetteer()
        .find_all(text)
        .into_iter()
        .find(|m| !m.guarded)
    {
        // "Michael Bloomberg": a given name before the outlet's name
        let surname =
            lang == Lang::En && crate::attribution::sources::given_name_before(t, start + m.start);
        if m.end == text.chars().count() && !surname {
            return Mention {
                name: Some((start + m.start, end)),
                kind: SpeakerKind::Organization,
                ..mention
            };
        }
    }
    if starts(&words.documents) || (lang == Lang::En && english_document(&folded)) {
        // the document's own words ("the statement", "البيان المشترك")
        // describe it, like the description of an unnamed source
        return Mention {
            role: Some((start, end)),
            kind: SpeakerKind::Document,
            ..mention
        };
    }
    // (A closure: the substring searches run only when the answer counts.)
    let anon_phrase = || {
        words
            .anonymous_phrases
            .iter()
            .any(|p| sentence.contains(p.as_str()))
    };
    let has_cap_name = lang != Lang::Ar
        && v.iter()
            .skip(1)
            .any(|&i| is_capitalized(t, i) && !words.roles.contains(t.fold_of(&t.tokens[i])));
    if !has_cap_name && (starts(&words.anonymous) || anon_phrase()) {
        return Mention {
            role: Some((start, end)),
            kind: SpeakerKind::Anonymous,
            ..mention
        };
    }
    match lang {
        Lang::Ar => {
            let head_raw = folded.first().copied().unwrap_or("");
            let head = strip_proclitics(head_raw);
            let is_org = words.organizations.starts_words(&joined)
                || words.organizations.starts_words(&joined_bare)
                || words.organizations.contains(head)
                || words.organizations.contains(head_raw);
            let first_is_role = [head_raw, head]
                .iter()
                .any(|h| words.roles.contains(*h) || words.roles.contains(strip_al(h)))
                || v.first().is_some_and(|&k| relation_with_pronoun(t, k));
            if is_org && !first_is_role {
                return Mention {
                    name: Some((start, end)),
                    kind: SpeakerKind::Organization,
                    ..mention
                };
            }
            if !first_is_role && v.len() <= 3 && words.anonymous.contains(strip_al(head)) {
                return Mention {
                    role: Some((start, end)),
                    kind: SpeakerKind::Anonymous,
                    ..mention
                };
            }
            if !first_is_role {
                // "ميلود الزوي المتحدث الرسمي": name, then a role
                let split = (1..v.len()).find(|&j| {
                    let f = t.fold_of(&t.tokens[v[j]]);
                    words.roles.contains(f)
                        && (f.starts_with("ال")
                            || v.get(j + 1)
                                .is_some_and(|&x| t.fold_of(&t.tokens[x]).starts_with("ال")))
                });
                return match split {
                    Some(j) => Mention {
                        name: span_of(t, &v[..j]),
                        role: span_of(t, &v[j..]),
                        ..mention
                    },
                    None => Mention {
                        name: Some((start, end)),
                        ..mention
                    },
                };
            }
            // role runs while words are role nouns, definite, or follow a
            // preposition; the name starts at the first other word
            let mut name_at = None;
            let mut lam_at: Option<usize> = None;
            let mut after_prep = false;
            // the word before was a body noun in the construct state
            // ("مجلس إدارة الشركة"): this word is its complement
            let mut construct = false;
            for (k, &i) in v.iter().enumerate() {
                let f = t.fold_of(&t.tokens[i]);
                if k == 0 {
                    construct = CONSTRUCT_NOUNS.contains(&f);
                    continue;
                }
                let is_role_word = words.roles.contains(f) || words.roles.contains(strip_al(f));
                let definite = f.starts_with("ال")
                    || f.starts_with("بال")
                    || f.starts_with("لل")
                    || f.starts_with("وال");
                // "نائب رئيس مجلس إدارة الشركة يوسف العلي", "رئيس هيئة
                // الأركان العامة": an indefinite body noun needs a
                // complement, so the chain of them, and the word closing
                // it (definite, or a body's own name: "مجلس إدارة سابك"),
                // belong to the role
                if construct || (CONSTRUCT_NOUNS.contains(&f) && v.len() > k + 1) {
                    construct = CONSTRUCT_NOUNS.contains(&f);
                    after_prep = false;
                    continue;
                }
                if after_prep {
                    after_prep = false;
                    continue;
                }
                if matches!(
                    f,
                    "في" | "لدى" | "لدي" | "عن" | "من" | "باسم" | "ب" | "الى" | "مع"
                ) {
                    after_prep = true;
                    continue;
                }
                if is_role_word || definite {
                    continue;
                }
                // "لغرفة عمليات": an attached preposition continues the role
                if f.starts_with('ل') && f.chars().count() > 3 {
                    lam_at.get_or_insert(k);
                    after_prep = true;
                    continue;
                }
                name_at = Some(k);
                break;
            }
            // "وزيرة البيئة ليلى الشابي": no name after the role, so the
            // word taken for ل + noun was the name itself
            // (a short run at the end, without a further preposition)
            if name_at.is_none()
                && lam_at.is_some_and(|k| {
                    v.len() - k <= 3
                        && !t.fold_of(&t.tokens[v[k]]).starts_with("لل")
                        && v[k + 1..].iter().all(|&x| {
                            let f = t.fold_of(&t.tokens[x]);
                            !f.starts_with("بال") && !f.starts_with("لل")
                        })
                })
            {
                name_at = lam_at;
            }
            match name_at {
                Some(k) => {
                    // the name ends where a role word resumes:
                    // "العقيد ميلود الزوي المتحدث الرسمي"
                    let name_end = (k + 1..v.len())
                        .find(|&j| {
                            let f = t.fold_of(&t.tokens[v[j]]);
                            words.roles.contains(f)
                                && (f.starts_with("ال")
                                    || v.get(j + 1).is_some_and(|&x| {
                                        t.fold_of(&t.tokens[x]).starts_with("ال")
                                    }))
                        })
                        .unwrap_or(v.len());
                    // "المسؤول الإعلامي لغرفة عمليات عمر المختار التابعة
                    // للجيش الليبي عبدالكريم صبرا": a personal name holds no
                    // preposition; an undefined word before one names a body
                    // inside the role, and the name is the undefined word
                    // after the last preposition's phrase
                    let k = (k + 1..name_end)
                        .rev()
                        .find(|&j| {
                            let f = t.fold_of(&t.tokens[v[j]]);
                            f.starts_with("لل")
                                || f.starts_with("بال")
                                || matches!(f, "في" | "لدى" | "لدي" | "عن" | "من" | "الى" | "مع")
                        })
                        .and_then(|p| {
                            (p + 1..name_end).find(|&j| {
                                let f = t.fold_of(&t.tokens[v[j]]);
                                !f.starts_with("ال") && !words.roles.contains(f)
                            })
                        })
                        .unwrap_or(k);
                    let role = if k > 0 {
                        span_of(t, &v[..k])
                    } else {
                        span_of(t, &v[name_end..])
                    };
                    Mention {
                        role,
                        name: span_of(t, &v[k..name_end]),
                        ..mention
                    }
                }
                None => {
                    // "المصدر", "المسؤول": an unnamed source
                    let unnamed = v.len() <= 3 && words.anonymous.contains(strip_al(head));
                    Mention {
                        role: Some((start, end)),
                        kind: if unnamed {
                            SpeakerKind::Anonymous
                        } else {
                            SpeakerKind::Person
                        },
                        ..mention
                    }
                }
            }
        }
        _ => {
            let last = folded.last().copied().unwrap_or("");
            let head = folded
                .iter()
                .copied()
                .find(|f| !ARTICLES.contains(f))
                .unwrap_or("");
            let head_is_role = words.roles.contains(head) && !words.organizations.contains(head);
            // "the Turkish Ministry of Foreign Affairs", "le ministère de
            // l'Intérieur": a strong institution noun near the head, and no
            // person role anywhere
            let inst_at = folded.iter().take(3).position(|f| {
                matches!(
                    *f,
                    "ministry"
                        | "ministere"
                        | "department"
                        | "government"
                        | "gouvernement"
                        | "embassy"
                        | "ambassade"
                        | "commission"
                        | "committee"
                        | "comite"
                        | "council"
                        | "conseil"
                        | "court"
                        | "tribunal"
                        | "agency"
                        | "agence"
                )
            });
            let institution = inst_at.is_some_and(|at| {
                !folded[..at]
                    .iter()
                    .any(|f| words.roles.contains(*f) && !ARTICLES.contains(f))
                    // "Council member Rosa Delgado", "Commission President
                    // X", "le président du conseil": a person noun after the
                    // institution
                    && !folded[at + 1..].iter().any(|f| PERSON_HEADS.contains(f))
                    && !folded
                        .iter()
                        .any(|f| matches!(*f, "spokesman" | "spokeswoman" | "porte-parole"))
            });
            let org = !head_is_role
                && (institution
                    || words.organizations.contains(last)
                    || words.organizations.ends_words(&joined)
                    || words.organizations.contains(&joined));
            if org && institution {
                return Mention {
                    name: Some((start, end)),
                    kind: SpeakerKind::Organization,
                    ..mention
                };
            }
            let name_word = |x: usize| {
                is_capitalized(t, v[x])
                    && !words.roles.contains(folded[x])
                    && !ARTICLES.contains(&folded[x])
                    && !DETERMINERS.contains(&folded[x])
                    && !TITLES.contains(&folded[x])
            };
            // "Ursula Becker of consumer group BEUC": a name of two or more
            // words opening the mention, then its affiliation
            let lead = (0..v.len()).take_while(|&x| name_word(x)).count();
            if lead >= 2
                && lead + 1 < v.len()
                && matches!(folded[lead], "of" | "at" | "from")
                && v.len() > lead + 1
            {
                return Mention {
                    name: span_of(t, &v[..lead]),
                    role: span_of(t, &v[lead..]),
                    ..mention
                };
            }
            // trailing run of capitalized non-role words = the name; a
            // courtesy title ("M. Garnier", "Pr Lenoir") is not part of it
            let mut k = v.len();
            while k > 0
                && is_capitalized(t, v[k - 1])
                && !words.roles.contains(folded[k - 1])
                && !(k < v.len() && TITLES.contains(&folded[k - 1]))
            {
                k -= 1;
            }
            // a lowercase particle inside a surname: "Kim van Sparrentak",
            // "Ursula von der Leyen"
            while k >= 2
                && k < v.len()
                && matches!(
                    folded[k - 1],
                    "van" | "von" | "der" | "den" | "de" | "da" | "di"
                )
                && !is_capitalized(t, v[k - 1])
                && name_word(k - 2)
            {
                k -= 1;
                while k >= 2
                    && matches!(folded[k - 1], "van" | "von" | "der" | "den" | "de")
                    && !is_capitalized(t, v[k - 1])
                {
                    k -= 1;
                }
                while k > 0 && name_word(k - 1) {
                    k -= 1;
                }
            }
            // a capitalized particle inside a surname ("Mme Le Bihan",
            // "Ursula von der Leyen" is lowercase): "Le", "La", "De", "Du",
            // "Van", "Von", "Da", "Di" between a capitalized word and the name
            while k >= 2
                && k < v.len()
                && matches!(
                    folded[k - 1],
                    "le" | "la" | "de" | "du" | "van" | "von" | "da" | "di" | "del" | "al" | "el"
                )
                && is_capitalized(t, v[k - 1])
                && is_capitalized(t, v[k - 2])
                && !ARTICLES.contains(&folded[k - 2])
            {
                // "Mme Le Bihan": the title stays the role
                k -= 1;
                if !words.roles.contains(folded[k - 1]) && !TITLES.contains(&folded[k - 1]) {
                    while k > 0
                        && is_capitalized(t, v[k - 1])
                        && !words.roles.contains(folded[k - 1])
                        && !TITLES.contains(&folded[k - 1])
                    {
                        k -= 1;
                    }
                }
            }
            // "minister of the Interior Gerald X": the first capitalized word
            // after a connector completes the role
            if k > 0
                && k < v.len()
                && matches!(
                    folded[k - 1],
                    "of" | "de"
                        | "du"
                        | "des"
                        | "d'"
                        | "for"
                        | "at"
                        | "in"
                        | "au"
                        | "la"
                        | "l"
                        | "l'"
                        | "from"
                        | "on"
                        | "with"
                        | "to"
                        | "the"
                )
            {
                // an earlier run of two or more capitalized words is the
                // name and the rest an affiliation: "Cardinal Marc Ouellet
                // of the Holy See", "Joechen Zaumseil, vice-président de L'Oréal"
                let name_word =
                    |x: usize| is_capitalized(t, v[x]) && !words.roles.contains(folded[x]);
                let mut a = 0;
                let mut run = None;
                while a + 1 < k {
                    if name_word(a) {
                        let mut b = a;
                        while b + 1 < k && name_word(b) {
                            b += 1;
                        }
                        if b - a >= 2 {
                            run = Some((a, b));
                            break;
                        }
                        a = b.max(a + 1);
                    } else {
                        a += 1;
                    }
                }
                if let Some((a, b)) = run {
                    let role = if a > 0 {
                        span_of(t, &v[..a])
                    } else {
                        span_of(t, &v[b..])
                    };
                    return Mention {
                        name: span_of(t, &v[a..b]),
                        role,
                        ..mention
                    };
                }
                k += 1;
            }
            if org {
                return Mention {
                    name: Some((start, end)),
                    kind: SpeakerKind::Organization,
                    ..mention
                };
            }
            if k == v.len() {
                // no trailing name: maybe "Sadiq Khan, the mayor" handled by
                // apposition; a leading capitalized run is a name
                let mut j = 0;
                while j < v.len()
                    && is_capitalized(t, v[j])
                    && !words.roles.contains(folded[j])
                    && !DETERMINERS.contains(&folded[j])
                    && !ARTICLES.contains(&folded[j])
                {
                    j += 1;
                }
                if j > 0 && j < v.len() {
                    return Mention {
                        name: span_of(t, &v[..j]),
                        role: span_of(t, &v[j..]),
                        ..mention
                    };
                }
                if j == v.len() {
                    return Mention {
                        name: Some((start, end)),
                        ..mention
                    };
                }
                let anonymous = folded.iter().any(|f| words.anonymous.contains(f));
                return Mention {
                    role: Some((start, end)),
                    kind: if anonymous {
                        SpeakerKind::Anonymous
                    } else {
                        SpeakerKind::Person
                    },
                    ..mention
                };
            }
            // honorifics belong to neither side: "Mr Tong" -> name "Tong"
            let mut role_v = &v[..k];
            while let Some(&l) = role_v.last() {
                if matches!(
                    t.fold_of(&t.tokens[l]),
                    "mr" | "mrs" | "ms" | "dr" | "m" | "mme"
                ) {
                    role_v = &role_v[..role_v.len() - 1];
                } else {
                    break;
                }
            }
            let _ = is_arabic_letter;
            Mention {
                role: span_of(t, role_v),
                name: span_of(t, &v[k..]),
                ..mention
            }
        }
    }
}
