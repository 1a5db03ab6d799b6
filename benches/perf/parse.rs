//! Goal 6, the parser's cost in plain passes: one `parse_text` of a 1 MB
//! report against one plain pass over the same text (every character
//! decoded and looked at once), same thread, same run.

use super::*;

/// One plain pass: decode every character and count line breaks and CJK
/// characters (a branch per character, as any real pass has).
fn plain_pass(text: &str) -> usize {
    text.chars()
        .filter(|&c| c == '\n' || ('\u{4e00}'..='\u{9fff}').contains(&c))
        .count()
}

fn median_secs<F: FnMut()>(reps: usize, mut f: F) -> f64 {
    let mut v: Vec<f64> = (0..reps)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .collect();
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

pub(crate) fn run(ctx: &Ctx, goals: &mut Vec<Goal>) {
    let corpus: String = ctx
        .seeds
        .iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let size = if ctx.quick { 100_000 } else { 1_000_000 };
    let text = fazhi_core::adversarial::repeat_to(&corpus, size);
    let options = fazhi_core::ParseOptions::default();
    let reps = if ctx.quick { 3 } else { 7 };
    let parse = median_secs(reps, || {
        std::hint::black_box(fazhi_core::parse_text(
            std::hint::black_box(&text),
            &options,
        ));
    });
    let pass = median_secs(reps * 5, || {
        std::hint::black_box(plain_pass(std::hint::black_box(&text)));
    });
    let passes = parse / pass.max(1e-12);
    eprintln!(
        "  parse: {:.1} ms, plain pass {:.3} ms",
        parse * 1e3,
        pass * 1e3
    );
    let met = Met::of(passes <= 20.0);
    goals.push(Goal {
        figure: "parser cost in plain passes".into(),
        system: "parser alone (one thread)".into(),
        measured: format!("{:.1} ms per parse", parse * 1e3),
        limit: format!("{:.2} ms per plain pass", pass * 1e3),
        ratio: format!("{passes:.1} passes"),
        goal: "≤ 20 passes".into(),
        met,
        method: format!(
            "median of {reps} `parse_text` of the samples repeated to {} KB, against the median \
             of {} plain passes (decode every char, count line breaks and CJK) over the same text",
            text.len() / 1000,
            reps * 5
        ),
        obstacle: if met == Met::Yes {
            String::new()
        } else {
            "see `cargo bench -p fazhi-core --bench parse` for where it grows".into()
        },
    });
}
