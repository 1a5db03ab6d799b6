//! The scores as the plain-text table the corpus test and the CLI print.

use std::fmt;

use super::Scores;

impl fmt::Display for Scores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "files: {}", self.files)?;
        writeln!(
            f,
            "{:<22} {:>9} {:>9} {:>9}   tp/fp/fn",
            "category", "precision", "recall", "F1"
        )?;
        for (name, p) in [
            ("parts", self.parts),
            ("quantities", self.quantities),
            ("quantities+kind", self.quantities_with_kind),
            ("items", self.items),
        ] {
            writeln!(
                f,
                "{name:<22} {:>9.3} {:>9.3} {:>9.3}   {}/{}/{}",
                p.precision(),
                p.recall(),
                p.f1(),
                p.tp,
                p.fp,
                p.fn_
            )?;
        }
        for (name, a) in [
            ("year", self.year),
            ("agency (gold named)", self.agency),
            ("agency (gold null)", self.agency_null),
            ("title", self.title),
            ("headings (exact)", self.headings),
        ] {
            writeln!(
                f,
                "{name:<22} accuracy {:>6.3}   {}/{}",
                a.value(),
                a.correct,
                a.total
            )?;
        }
        for fs in &self.per_file {
            if !fs.missed_quantities.is_empty() || !fs.extra_quantities.is_empty() {
                writeln!(
                    f,
                    "  {}: missed {:?} extra {:?}",
                    fs.file, fs.missed_quantities, fs.extra_quantities
                )?;
            }
        }
        Ok(())
    }
}
