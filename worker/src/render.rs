//! Renders district summaries after commit, at most one render per district
//! at a time in this process: changes that arrive while one runs are picked
//! up by one more render, not one each. The worker's transaction updates a
//! piece (constant cost); the summary (linear in the district) is rendered
//! here, so a burst of N reports costs N pieces and a few renders. Between
//! two renders of one district it rests twice as long as the last render
//! took: in a burst the renders then take at most a third of a core away
//! from the reports themselves (a reader that finds the summary behind
//! renders it itself, so nobody waits on the rest).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use fazhi_store::Store;

#[derive(Clone, Default)]
pub(crate) struct Renderer {
    /// District and year → changed again since its running render began.
    running: Arc<Mutex<HashMap<(String, i32), bool>>>,
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
        let (store, running) = (store.clone(), self.running.clone());
        tokio::spawn(async move {
            loop {
                let started = std::time::Instant::now();
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
                {
                    let mut running = running.lock().unwrap_or_else(|e| e.into_inner());
                    match running.get_mut(&key) {
                        Some(again) if *again => *again = false,
                        _ => {
                            running.remove(&key);
                            return;
                        }
                    }
                }
                tokio::time::sleep(rest_after(started.elapsed())).await;
            }
        });
    }
}

/// How long to wait before rendering a district again after a render that
/// took `took`: twice that, at most two seconds.
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
