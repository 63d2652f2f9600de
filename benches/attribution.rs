//! Throughput of the attribution stage alone (dispatches/s and MB/s) and of
//! the whole enrich path, on synthetic dispatches in Arabic, English and
//! French built from wire-copy-like paragraphs full of quotations.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newswire::model::{Hints, NormalizedDispatch};
use newswire::normalize::{normalize, Limits};
use newswire::{Origin, Pipeline};

const AR: &[&str] = &[
    "دمشق (أ ف ب) - وقال المتحدث باسم الكرملين ديمتري بيسكوف للصحافيين: «لا نرى أي أساس لهذه الاتهامات التي تشبه «الأسطوانة المشروخة»».",
    "وأضاف أن «الحوار هو السبيل الوحيد»، مشدداً على ضرورة «مواصلة المحادثات» بين الأطراف.",
    "من جانبه، أكد وزير الخارجية الأميركي جون كيري أن بلاده تدعم فصائل «المعتدلين» في الشمال، بحسب وكالة سبوتنيك.",
    "وقال مسؤول أميركي رفيع المستوى طلب عدم الكشف عن اسمه لوكالة الصحافة الفرنسية إن الهجوم كان متوقعا.",
    "وجاء في البيان أن «الوضع تحت السيطرة»، نقلاً عن «روسيا اليوم».",
];
const EN: &[&str] = &[
    "DAMASCUS, Oct 21 (Reuters) - \"We will not accept this,\" Kremlin spokesman Dmitry Peskov told reporters on Monday.",
    "\"There is no military solution,\" he added, according to Sputnik.",
    "A senior official, who asked not to be named, said the so-called \"moderate\" rebels had lost ground.",
    "The ministry said in a statement that \"all options remain open\" for now.",
    "\"This is the first point.\n\n\"And this is the second,\" said U.S. Secretary of State John Kerry.",
];
const FR: &[&str] = &[
    "PARIS (AFP) - « Nous ne céderons pas », a déclaré le ministre de l'Intérieur Gérald Darmanin.",
    "« La situation est grave », a-t-il ajouté, selon l'AFP.",
    "Le porte-parole du gouvernement a affirmé que la réforme serait maintenue, a indiqué un responsable sous couvert d'anonymat.",
    "Selon le président du conseil, Michel Spiro, le boson « va permettre de poursuivre les recherches ».",
];

fn dispatch(paras: &[&str], n: usize, credit: &str) -> String {
    let mut body = String::from("Headline\n\n");
    for i in 0..n {
        body.push_str(paras[i % paras.len()]);
        body.push_str("\n\n");
    }
    body.push_str(credit);
    body
}

fn corpus() -> Vec<(String, NormalizedDispatch)> {
    let raw = vec![
        dispatch(AR, 12, "وكالات"),
        dispatch(AR, 30, "(أ ف ب)"),
        dispatch(EN, 12, "(Reporting by Reuters)"),
        dispatch(EN, 30, "AFP"),
        dispatch(FR, 12, "AFP"),
        dispatch(FR, 30, "Reuters"),
    ];
    raw.into_iter()
        .filter_map(|r| {
            let d = normalize(r.as_bytes(), &Hints::default(), &Limits::default()).ok()?;
            Some((r, d))
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let docs = corpus();
    let bytes: usize = docs.iter().map(|(_, d)| d.body.len()).sum();

    let mut g = c.benchmark_group("attribution");
    g.throughput(Throughput::Elements(docs.len() as u64));
    g.bench_function("dispatches", |b| {
        b.iter(|| {
            for (_, d) in &docs {
                black_box(newswire::attribution::attribute(black_box(d)));
            }
        })
    });
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("bytes", |b| {
        b.iter(|| {
            for (_, d) in &docs {
                black_box(newswire::attribution::attribute(black_box(d)));
            }
        })
    });
    g.finish();

    let pipeline = Pipeline::default();
    let origin = Origin::default();
    let raw_bytes: usize = docs.iter().map(|(r, _)| r.len()).sum();
    let mut g = c.benchmark_group("enrich");
    g.throughput(Throughput::Elements(docs.len() as u64));
    g.bench_function("dispatches", |b| {
        b.iter(|| {
            for (r, _) in &docs {
                let _ = black_box(pipeline.enrich(black_box(r.as_bytes()), &origin));
            }
        })
    });
    g.throughput(Throughput::Bytes(raw_bytes as u64));
    g.bench_function("bytes", |b| {
        b.iter(|| {
            for (r, _) in &docs {
                let _ = black_box(pipeline.enrich(black_box(r.as_bytes()), &origin));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
