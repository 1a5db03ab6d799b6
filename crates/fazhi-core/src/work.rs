//! Work counter behind the linearity test: the scanning primitives every
//! stage uses (`markers::starts_with`/`find`/`leading_marker`, the
//! normalizer's per-character and per-line steps, the quantity scanner's
//! positions, the item scanners' lines, the year count) add the characters
//! they examine. Outside `cfg(test)` it compiles to nothing, so production
//! pays nothing.

#[cfg(test)]
thread_local! {
    static WORK: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Count `n` characters examined.
#[inline(always)]
pub(crate) fn add(n: usize) {
    #[cfg(test)]
    WORK.with(|w| w.set(w.get().saturating_add(n as u64)));
    #[cfg(not(test))]
    let _ = n;
}

/// Work counted on this thread since the last call.
#[cfg(test)]
pub(crate) fn take() -> u64 {
    WORK.with(|w| w.replace(0))
}

#[cfg(test)]
mod tests {
    use crate::adversarial::{SHAPES, repeat_to};
    use crate::{ParseOptions, parse_text};

    fn work_per_byte(unit: &str, size: usize) -> f64 {
        let text = repeat_to(unit, size);
        super::take();
        std::hint::black_box(parse_text(&text, &ParseOptions::default()));
        super::take() as f64 / text.len().max(1) as f64
    }

    /// Work per byte must not grow with size: a quadratic step (such as
    /// rescanning the pending paragraph on every joined line) makes it grow
    /// with the paragraph, i.e. 16x from 16 KB to 256 KB.
    #[test]
    fn work_grows_linearly_on_every_hostile_shape() {
        let seed = include_str!("../../../samples/reports/004_f20b88b3a1d009b5.txt");
        let one_line: String = seed.chars().filter(|&c| c != '\n').collect();
        let mut shapes: Vec<(&str, &str)> = vec![("seed", seed), ("seed_one_line", &one_line)];
        shapes.extend(SHAPES.iter().copied());
        for (name, unit) in shapes {
            let small = work_per_byte(unit, 16_000);
            let large = work_per_byte(unit, 256_000);
            assert!(small > 0.0, "{name}: no work counted");
            assert!(
                large <= small * 1.5 + 1.0,
                "{name}: {small:.2} work/byte at 16 KB, {large:.2} at 256 KB"
            );
        }
    }

    /// The counter sees the old quadratic pattern: a scan over a growing
    /// prefix, done once per line.
    #[test]
    fn the_counter_catches_a_rescan_of_a_growing_prefix() {
        let measure = |lines: usize| {
            super::take();
            let line: Vec<char> = "依法行政,".chars().collect();
            let mut pending: Vec<char> = Vec::new();
            for _ in 0..lines {
                pending.extend_from_slice(&line);
                let _ = crate::markers::contains(&pending, "。");
            }
            super::take() as f64 / (lines * line.len()) as f64
        };
        assert!(measure(1_600) > 8.0 * measure(100));
    }
}
