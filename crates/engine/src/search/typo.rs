//! Spelling tolerance for Latin words: a word that starts no indexed term is compared with the
//! indexed terms of the same first letter and similar length (from the fts5vocab table), and
//! the closest ones by optimal-string-alignment distance — which counts a swap of two
//! neighbouring letters, the most common typo, as one edit — are searched as well.

/// The largest distance accepted for a word of `len` characters.
pub(crate) fn max_distance(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=6 => 1,
        _ => 2,
    }
}

/// Optimal string alignment distance (Levenshtein plus adjacent transpositions), or `None`
/// as soon as it must exceed `limit`.
pub(crate) fn osa_distance(a: &[char], b: &[char], limit: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let width = b.len() + 1;
    let mut rows = vec![vec![0usize; width]; 3];
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        let (cur, prev, prev2) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        rows[cur][0] = i;
        let mut row_min = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (rows[prev][j] + 1)
                .min(rows[cur][j - 1] + 1)
                .min(rows[prev][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(rows[prev2][j - 2] + 1);
            }
            rows[cur][j] = v;
            row_min = row_min.min(v);
        }
        if row_min > limit {
            return None;
        }
    }
    let d = rows[a.len() % 3][b.len()];
    (d <= limit).then_some(d)
}

/// Whether a word is a candidate for correction: Latin letters and digits, long enough.
pub(crate) fn is_correctable(word: &str) -> bool {
    word.chars().count() >= 4 && word.chars().all(|c| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(a: &str, b: &str) -> Option<usize> {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        osa_distance(&a, &b, 3)
    }

    #[test]
    fn swaps_count_once() {
        assert_eq!(d("cloudfrnot", "cloudfront"), Some(1));
        assert_eq!(d("lamdba", "lambda"), Some(1));
        assert_eq!(d("kinesis", "kinesis"), Some(0));
        assert_eq!(d("dynamo", "dynamodb"), Some(2));
        assert_eq!(d("abc", "xyzuvw"), None);
    }

    #[test]
    fn limits_follow_length() {
        assert_eq!(max_distance(3), 0);
        assert_eq!(max_distance(5), 1);
        assert_eq!(max_distance(10), 2);
        assert!(is_correctable("cloudfrnot"));
        assert!(!is_correctable("요금요금"));
        assert!(!is_correctable("ec2"));
    }
}
