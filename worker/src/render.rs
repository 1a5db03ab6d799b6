//! Renders district summaries after commit, in the background. The worker's
//! transaction updates a piece (constant cost); the summary (linear in the
//! district) is rendered here, so a burst of N reports costs N pieces and a
//! few renders:
//! - at most one render per district at a time: changes that arrive while
//!   one runs are picked up by one more render, not one each;
//! - one render at a time in this process, and after each a rest of twice
//!   its time before the next of any district: however many districts
//!   change at once (a city's rush), renders take at most a third of a core
//!   away from the reports themselves. A summary may so lag its pieces for a
//!   while; a reader that finds it behind renders it itself, so nobody reads
//!   a stale summary.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use fazhi_store::Store;
use tokio::sync::Semaphore;

#[derive(Clone)]
pub(crate) struct Renderer {
    /// District and year → changed again since its running render began.
    running: Arc<Mutex<HashMap<(String, i32), bool>>>,
    /// The one turn to render (fair: districts take it in arrival order).
    turn: Arc<Semaphore>,
}

impl Default for Renderer {
    fn default() -> Self {
        Self {
            running: Arc::default(),
            turn: Arc::new(Semaphore::new(1)),
        }
    }
}

impl Renderer {
    /// The district's pieces changed: render it soon (in the background).
    pub(crate) fn changed(&self, store: &Store, district: &str, year: i32) {
        let key = (district.to_owned(), year);
        {
            let mut running = self.running.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(again) = running.get_mut(&key) {
                *again = true;
                return;
            }
            running.insert(key.clone(), false);
        }
        let (store, running, turn) = (store.clone(), self.running.clone(), self.turn.clone());
        tokio::spawn(async move {
            loop {
                // Never closed; if it were, rendering without the turn is
                // still correct, only less polite.
                let permit = turn.acquire().await.ok();
                let started = Instant::now();
                match store.render_if_stale(&key.0, key.1).await {
                    // Only a real render is timed: a current summary is two
                    // small reads and would hide the cost in the histogram.
                    Ok(Some(_)) => metrics::histogram!("fazhi_summary_render_seconds")
                        .record(started.elapsed().as_secs_f64()),
                    Ok(None) => {}
                    Err(e) => {
                        // Not lost: the next change or the next reader renders it.
                        tracing::warn!(district = %key.0, year = key.1, error = %e, "summary render failed");
                    }
                }
                let again = {
                    let mut running = running.lock().unwrap_or_else(|e| e.into_inner());
                    match running.get_mut(&key) {
                        Some(again) if *again => {
                            *again = false;
                            true
                        }
                        _ => {
                            running.remove(&key);
                            false
                        }
                    }
                };
                tokio::time::sleep(rest_after(started.elapsed())).await;
                drop(permit);
                if !again {
                    return;
                }
            }
        });
    }
}

/// How long the turn rests after a render that took `took`: twice that, at
/// most two seconds.
fn rest_after(took: Duration) -> Duration {
    (took * 2).min(Duration::from_secs(2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_render_rests_twice_its_time_and_never_more_than_two_seconds() {
        assert_eq!(
            rest_after(Duration::from_millis(5)),
            Duration::from_millis(10)
        );
        assert_eq!(
            rest_after(Duration::from_millis(300)),
            Duration::from_millis(600)
        );
        assert_eq!(rest_after(Duration::from_secs(5)), Duration::from_secs(2));
    }
}
