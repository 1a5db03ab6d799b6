//! The district's ranking of quality scores and their distribution, so a unit
//! sees where it stands. The distribution is a mergeable aggregate (counts
//! per band, sum, min, max): a city's is the sum of its districts'.

use serde::{Deserialize, Serialize};

use crate::quality::QualityScore;
use fazhi_summary::model::AgencyRef;

/// Lower bounds of the bands: below 60, 60–70, 70–80, 80–90, 90 and above.
pub const BANDS: [f64; 5] = [0.0, 60.0, 70.0, 80.0, 90.0];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ranked {
    pub agency: AgencyRef,
    pub submission_id: String,
    pub score: f64,
    /// 1 = best; equal scores share a rank (1, 2, 2, 4).
    pub rank: usize,
    /// Share of the other units scoring strictly below, in percent (0.1).
    pub above_share: f64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Distribution {
    pub count: usize,
    /// Reports per band of [`BANDS`].
    pub bands: [usize; 5],
    pub sum: f64,
    pub min: Option<f64>,
    pub max: Option<f64>,
}

impl Distribution {
    pub fn of(scores: impl IntoIterator<Item = f64>) -> Self {
        let mut d = Distribution::default();
        for s in scores {
            d.add(s);
        }
        d
    }

    pub fn add(&mut self, s: f64) {
        if !s.is_finite() {
            return;
        }
        self.count += 1;
        let band = BANDS.iter().rposition(|b| s >= *b).unwrap_or(0);
        self.bands[band] += 1;
        self.sum += s;
        self.min = Some(self.min.map_or(s, |m| m.min(s)));
        self.max = Some(self.max.map_or(s, |m| m.max(s)));
    }

    /// Both together (a city from its districts).
    pub fn merge(&mut self, other: &Distribution) {
        self.count += other.count;
        for (a, b) in self.bands.iter_mut().zip(other.bands) {
            *a += b;
        }
        self.sum += other.sum;
        self.min = match (self.min, other.min) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.max = match (self.max, other.max) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
    }

    pub fn mean(&self) -> Option<f64> {
        (self.count > 0).then(|| (self.sum / self.count as f64 * 10.0).round() / 10.0)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Ranking {
    pub units: Vec<Ranked>,
    pub distribution: Distribution,
    pub median: Option<f64>,
}

/// Rank the district's reports, best first (ties in input order).
pub fn rank(scores: &[QualityScore]) -> Ranking {
    let mut order: Vec<&QualityScore> = scores.iter().collect();
    order.sort_by(|a, b| b.score.total_cmp(&a.score));
    let n = order.len();
    // Sorted best first: the number of better scores is the index of the
    // first equal one, the number below is what follows the last equal one.
    let mut units = Vec::with_capacity(n);
    let mut first = 0;
    while first < n {
        let mut last = first;
        while last + 1 < n && order[last + 1].score == order[first].score {
            last += 1;
        }
        let below = n - 1 - last;
        for s in &order[first..=last] {
            units.push(Ranked {
                agency: s.agency.clone(),
                submission_id: s.submission_id.clone(),
                score: s.score,
                rank: first + 1,
                above_share: if n > 1 {
                    (below as f64 * 1000.0 / (n - 1) as f64).round() / 10.0
                } else {
                    0.0
                },
            });
        }
        first = last + 1;
    }
    let median = match n {
        0 => None,
        _ if n % 2 == 1 => Some(order[n / 2].score),
        _ => Some(((order[n / 2 - 1].score + order[n / 2].score) / 2.0 * 10.0).round() / 10.0),
    };
    Ranking {
        units,
        distribution: Distribution::of(scores.iter().map(|s| s.score)),
        median,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_distributions_equal_the_distribution_of_all_scores() {
        let (a, b) = ([55.0, 72.5, 90.0], [60.0, 88.0]);
        let mut m = Distribution::of(a);
        m.merge(&Distribution::of(b));
        assert_eq!(m, Distribution::of(a.into_iter().chain(b)));
        assert_eq!(m.bands, [1, 1, 1, 1, 1]);
        assert_eq!(m.mean(), Some(73.1));
        let mut empty = Distribution::default();
        empty.merge(&Distribution::default());
        assert_eq!(empty.mean(), None);
    }
}
