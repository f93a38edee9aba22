//! "Did you mean …?" suggestions: the closest candidate by edit distance,
//! if it is close enough to be a plausible typo.

/// Beyond this many candidates no suggestion is searched for.
pub const MAX_CANDIDATES: usize = 1_000;

/// The candidate closest to `name`, if its edit distance is at most a third
/// of the name's length (at least 1), as rustc does. Ties go to the earlier
/// candidate, so the answer is deterministic. Names shorter than three
/// characters get no suggestion: any other short name is one edit away, and
/// `x` → "did you mean `y`?" is noise.
///
/// The search gives up (no suggestion) past [`MAX_CANDIDATES`] names, so a
/// program with tens of thousands of classes and as many typos stays
/// linear instead of comparing every typo with every class.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    // Identifiers are ASCII (LANGUAGE.md §2), so bytes are characters.
    let length = name.len();
    if length < 3 {
        return None;
    }
    let limit = (length / 3).max(1);
    let mut best: Option<(usize, &'a str)> = None;
    for (seen, candidate) in candidates.into_iter().enumerate() {
        if seen >= MAX_CANDIDATES {
            return None;
        }
        // The distance is at least the difference in length.
        if candidate == name || candidate.len().abs_diff(length) > limit {
            continue;
        }
        let distance = edit_distance(name, candidate);
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// Edit distance over chars where an insertion, a deletion, a substitution
/// or a swap of two neighbours costs 1 (optimal string alignment): `valeu`
/// is one typo away from `value`.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    // d[i * width + j]: distance between a[..i] and b[..j].
    let mut d = vec![0usize; (a.len() + 1) * width];
    let at = |i: usize, j: usize| i * width + j;
    for i in 0..=a.len() {
        for j in 0..=b.len() {
            let value = match (i, j) {
                (0, j) => j,
                (i, 0) => i,
                (i, j) => {
                    let get = |i, j| d.get(at(i, j)).copied().unwrap_or(usize::MAX - 1);
                    let same = a.get(i - 1) == b.get(j - 1);
                    let mut best = (get(i - 1, j) + 1)
                        .min(get(i, j - 1) + 1)
                        .min(get(i - 1, j - 1) + usize::from(!same));
                    let swapped = i > 1
                        && j > 1
                        && a.get(i - 1) == b.get(j - 2)
                        && a.get(i - 2) == b.get(j - 1);
                    if swapped {
                        best = best.min(get(i - 2, j - 2) + 1);
                    }
                    best
                }
            };
            if let Some(cell) = d.get_mut(at(i, j)) {
                *cell = value;
            }
        }
    }
    d.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_counts_edits() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("abc", "abc"), 0);
        assert_eq!(edit_distance("Stack", "Stak"), 1);
        assert_eq!(edit_distance("valeu", "value"), 1);
    }

    #[test]
    fn suggests_only_close_names() {
        assert_eq!(closest("Stak", ["Node", "Stack"]), Some("Stack"));
        assert_eq!(closest("x", ["y"]), None);
        assert_eq!(closest("nxt", ["next"]), Some("next"));
        assert_eq!(closest("Frobnicate", ["Node", "Stack"]), None);
    }
}
