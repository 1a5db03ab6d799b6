//! What to do after a failed attempt, as a pure decision (tested alone).

use std::time::Duration;

use crate::classify::Class;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    /// Set it aside for an operator and mark the submission `failed`.
    DeadLetter,
    /// Hand it back to the queue, counted, to be tried after its delay.
    Retry,
    /// Keep holding it and try again after this wait (outage).
    Wait(Duration),
    /// Hand it back uncounted: held as long as a delivery may be.
    Release,
}

/// `attempt`: deliveries so far (1 on the first); `held`: how long this
/// delivery has been held; `wait`: the next back-off step.
pub(crate) fn after_failure(
    class: Class,
    attempt: u32,
    max_attempts: u32,
    held: Duration,
    hold_limit: Duration,
    wait: Duration,
) -> Action {
    match class {
        Class::Poison => Action::DeadLetter,
        Class::Unknown if attempt >= max_attempts => Action::DeadLetter,
        Class::Unknown => Action::Retry,
        // Never dead-lettered for an outage, however long: the attempt
        // counter is not even looked at.
        Class::Outage if held + wait > hold_limit => Action::Release,
        Class::Outage => Action::Wait(wait),
    }
}

/// Exponential back-off: `initial`, doubled each step, capped at `max`.
#[derive(Debug, Clone)]
pub(crate) struct Backoff {
    next: Duration,
    max: Duration,
}

impl Backoff {
    pub(crate) fn new(initial: Duration, max: Duration) -> Self {
        let initial = initial.max(Duration::from_millis(1));
        Backoff {
            next: initial.min(max.max(initial)),
            max: max.max(initial),
        }
    }

    /// The wait to use now; the following one is twice as long (capped).
    pub(crate) fn step(&mut self) -> Duration {
        let now = self.next;
        self.next = (self.next * 2).min(self.max);
        now
    }

    pub(crate) fn peek(&self) -> Duration {
        self.next
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOLD: Duration = Duration::from_secs(600);
    const S: Duration = Duration::from_secs(1);

    #[test]
    fn poison_is_dead_lettered_on_the_first_attempt() {
        assert_eq!(
            after_failure(Class::Poison, 1, 5, Duration::ZERO, HOLD, S),
            Action::DeadLetter
        );
    }

    #[test]
    fn an_outage_is_waited_out_whatever_the_attempt_count() {
        for attempt in [1, 5, 50, 10_000] {
            assert_eq!(
                after_failure(Class::Outage, attempt, 5, Duration::from_secs(30), HOLD, S),
                Action::Wait(S)
            );
        }
        assert_eq!(
            after_failure(Class::Outage, 9, 5, HOLD, HOLD, S),
            Action::Release,
            "handed back uncounted, never dead-lettered"
        );
    }

    #[test]
    fn an_unknown_failure_is_retried_until_max_attempts() {
        assert_eq!(
            after_failure(Class::Unknown, 4, 5, Duration::ZERO, HOLD, S),
            Action::Retry
        );
        assert_eq!(
            after_failure(Class::Unknown, 5, 5, Duration::ZERO, HOLD, S),
            Action::DeadLetter
        );
    }

    #[test]
    fn backoff_doubles_up_to_its_cap() {
        let mut b = Backoff::new(S, Duration::from_secs(60));
        let steps: Vec<u64> = (0..9).map(|_| b.step().as_secs()).collect();
        assert_eq!(steps, [1, 2, 4, 8, 16, 32, 60, 60, 60]);
    }
}
