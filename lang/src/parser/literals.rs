//! Decoding of literal tokens: integers with `_` separators, floats, and
//! strings with their four escapes.

/// An integer literal as a u64 (`1_000` is 1000); `None` on overflow.
pub(crate) fn parse_u64(text: &str) -> Option<u64> {
    let mut value: u64 = 0;
    for b in text.bytes() {
        if b == b'_' {
            continue;
        }
        let digit = u64::from(b.checked_sub(b'0')?);
        value = value.checked_mul(10)?.checked_add(digit)?;
    }
    Some(value)
}

/// An integer literal as an `int`. `9223372036854775808` is accepted and
/// wraps to `i64::MIN`, so that `-9223372036854775808` means what it says.
pub(crate) fn parse_int(text: &str) -> Option<i64> {
    let value = parse_u64(text)?;
    if value > 1u64 << 63 {
        return None;
    }
    Some(value as i64)
}

/// A float literal's IEEE-754 bits; `None` when it is malformed or too
/// large for a double (`1e400`), which javac rejects ("floating-point
/// number too large") and rustc denies, as integers that overflow are.
pub(crate) fn parse_float(text: &str) -> Option<u64> {
    let cleaned: String = text.chars().filter(|&c| c != '_').collect();
    cleaned
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(f64::to_bits)
}

/// The value of a string literal (quotes included in `text`). The lexer has
/// already reported unknown escapes; they are kept as written.
pub(crate) fn decode_string(text: &str) -> String {
    let inner = text
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .unwrap_or(text);
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}
