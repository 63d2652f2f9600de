//! Fingerprints of the normalized body: an exact `content_hash` and a 64-bit
//! SimHash for near-duplicate detection.
//!
//! Owns: [`content_hash`], [`simhash`], [`hamming`] and the documented
//! [`NEAR_DUPLICATE_MAX_DISTANCE`].
//!
//! Must not touch: the text. The SimHash is computed over the folded
//! `search_text`, so diacritics, letter variants, case and quote styles do
//! not count as differences.
//!
//! SimHash (Charikar 2002; Manku et al. 2007): every feature hashes to 64
//! bits; each bit position sums +1 for features with the bit set and -1
//! otherwise; the fingerprint keeps the sign of each sum. Features here are
//! overlapping word 3-shingles, so a one-word change touches only three
//! features out of hundreds and moves only a few bits, while unrelated texts
//! differ in about half of the 64 bits (32 ± 4).

use sha2::{Digest, Sha256};

/// Two bodies whose SimHashes differ in at most this many bits are near
/// duplicates. Unrelated stories differ in about 32 bits (binomial, sd 4), so
/// 10 is six standard deviations away from chance; a re-sent dispatch with a
/// corrected typo or a changed figure, or light agency re-editing of a
/// story of a hundred words or more, stays well below it (tested).
pub const NEAR_DUPLICATE_MAX_DISTANCE: u32 = 10;

/// Words per shingle.
const SHINGLE: usize = 3;

/// Lowercase hex SHA-256 of the normalized body's UTF-8 bytes.
pub fn content_hash(body: &str) -> String {
    let digest = Sha256::digest(body.as_bytes());
    let mut hex = String::with_capacity(64);
    for b in digest {
        hex.push(char::from_digit(u32::from(b >> 4), 16).unwrap_or('0'));
        hex.push(char::from_digit(u32::from(b & 15), 16).unwrap_or('0'));
    }
    hex
}

/// 64-bit FNV-1a followed by the SplitMix64 finalizer, which spreads FNV's
/// weak high bits; stable across platforms and releases (unlike std's
/// `DefaultHasher`), so fingerprints can be stored and compared later.
fn hash64(words: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            h ^= 0x20;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        for b in w.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// SimHash of a folded text (`search_text`). Words are runs of letters and
/// digits; texts shorter than a shingle use the words themselves. An empty
/// text hashes to 0.
pub fn simhash(folded: &str) -> u64 {
    let words = words(folded);
    if words.is_empty() {
        return 0;
    }
    // Per bit, count the features that set it; the SimHash sum of a bit is
    // then `2 * count - features`. Counting is bit-sliced: byte `k` of
    // `lanes[j]` counts bit `8 * k + j`, eight bits per addition, and the
    // byte counters are flushed to `counts` before they can overflow.
    const LOW_BITS: u64 = 0x0101_0101_0101_0101;
    let mut counts = [0u64; 64];
    let mut lanes = [0u64; 8];
    let mut in_lanes = 0u32;
    let mut features = 0u64;
    let mut flush = |lanes: &mut [u64; 8]| {
        for (j, lane) in lanes.iter_mut().enumerate() {
            for k in 0..8 {
                counts[8 * k + j] += *lane >> (8 * k) & 0xFF;
            }
            *lane = 0;
        }
    };
    let add = |h: u64, lanes: &mut [u64; 8]| {
        for (j, lane) in lanes.iter_mut().enumerate() {
            *lane += h >> j & LOW_BITS;
        }
    };
    let mut feature = |h: u64| {
        add(h, &mut lanes);
        features += 1;
        in_lanes += 1;
        if in_lanes == 255 {
            flush(&mut lanes);
            in_lanes = 0;
        }
    };
    if words.len() < SHINGLE {
        for w in &words {
            feature(hash64(std::slice::from_ref(w)));
        }
    } else {
        for window in words.windows(SHINGLE) {
            feature(hash64(window));
        }
    }
    flush(&mut lanes);
    counts.iter().enumerate().fold(0u64, |acc, (bit, &c)| {
        if 2 * c > features {
            acc | 1 << bit
        } else {
            acc
        }
    })
}

/// The words of `folded`: exactly
/// `folded.split(|c| !is_word_char(c)).filter(|w| !w.is_empty())`, with
/// ASCII (most of the search text, and its spaces) classified by a byte
/// test instead of decoding each char (`is_word_char` of an ASCII char is
/// `is_ascii_alphanumeric`), and the vector presized.
fn words(folded: &str) -> Vec<&str> {
    let bytes = folded.as_bytes();
    let mut words = Vec::with_capacity(bytes.len() / 4);
    let mut start: Option<usize> = None;
    let mut b = 0;
    while b < bytes.len() {
        let (word_char, len) = if bytes[b].is_ascii() {
            (bytes[b].is_ascii_alphanumeric(), 1)
        } else {
            match folded[b..].chars().next() {
                Some(c) => (crate::normalize::text::is_word_char(c), c.len_utf8()),
                None => break,
            }
        };
        match (word_char, start) {
            (true, None) => start = Some(b),
            (false, Some(s)) => {
                words.push(&folded[s..b]);
                start = None;
            }
            _ => {}
        }
        b += len;
    }
    if let Some(s) = start {
        words.push(&folded[s..]);
    }
    words
}

/// Number of differing bits.
pub fn hamming(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

/// True when two SimHashes are within [`NEAR_DUPLICATE_MAX_DISTANCE`].
pub fn is_near_duplicate(a: u64, b: u64) -> bool {
    hamming(a, b) <= NEAR_DUPLICATE_MAX_DISTANCE
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eval_texts() -> Vec<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/eval");
        std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| {
                let p = e.unwrap().path();
                (p.extension()? == "txt").then(|| std::fs::read_to_string(p).unwrap())
            })
            .collect()
    }

    #[test]
    fn words_are_those_of_the_split() {
        for text in [
            "",
            " ",
            "a",
            "ab  cd,ef-1٢ ",
            "قال الوزير ١٢٣ مرة، ete: l'ete à genève",
            "x\u{0640}y\u{064B}z Ωmega ² ½",
        ]
        .into_iter()
        .map(String::from)
        .chain(eval_texts())
        {
            let text = text.as_str();
            let expected: Vec<&str> = text
                .split(|c: char| !crate::normalize::text::is_word_char(c))
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(words(text), expected, "{text:?}");
        }
    }

    #[test]
    fn content_hash_is_sha256() {
        assert_eq!(
            content_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn simhash_empty_and_stable() {
        assert_eq!(simhash(""), 0);
        assert_eq!(simhash("a b c d"), simhash("a b c d"));
    }
}
