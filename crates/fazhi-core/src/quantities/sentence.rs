//! The sentence each quantity sits in, filled in one forward pass per line.

use super::RawQuantity;

/// Sentence stops: a quantity's sentence runs from after the previous one
/// (or the line start) through the next one (or the line end).
fn is_stop(c: char) -> bool {
    matches!(c, '。' | '!' | '?')
}

/// Fill the sentence spans of `qs` (in text order, all on `line`) in one
/// forward pass over the line.
pub(super) fn set_sentences(line: &[char], base: usize, qs: &mut [RawQuantity]) {
    let mut sent_start = 0;
    let mut qi = 0;
    let mut i = 0;
    while qi < qs.len() {
        let at = qs[qi].start.saturating_sub(base);
        // Advance sentence starts up to the quantity.
        while i < at.min(line.len()) {
            if is_stop(line[i]) {
                sent_start = i + 1;
            }
            i += 1;
        }
        let mut e = i.max(qs[qi].end.saturating_sub(base));
        while e < line.len() && !is_stop(line[e]) {
            e += 1;
        }
        let sent_end = (e + 1).min(line.len());
        // Every quantity up to this sentence's end shares it.
        while qi < qs.len() && qs[qi].start.saturating_sub(base) < sent_end {
            qs[qi].sentence_start = base + sent_start;
            qs[qi].sentence_end = base + sent_end;
            qi += 1;
        }
        i = sent_end;
        sent_start = sent_end;
    }
}
