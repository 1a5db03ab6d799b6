//! The states of one submitted version and the office's review steps.
//! Drawn in `docs/season.md`; this function is the only place a step is
//! allowed or refused.

use serde::{Deserialize, Serialize};

/// Where one version of an agency's report stands. The first four come from
/// the pipeline (the submission's status); the last three are the office's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VersionState {
    /// Received, waiting for the worker.
    Queued,
    /// Not a readable report (the worker's reason is kept).
    Rejected,
    /// Set aside for an operator (dead letter).
    Failed,
    /// Taken back; counts nowhere.
    Withdrawn,
    /// Processed, waiting for the office's review.
    Pending,
    /// Accepted by the office: counts, and is locked until reopened.
    Accepted,
    /// Sent back to the unit with a reason; the unit resubmits.
    Returned,
}

impl VersionState {
    pub fn as_str(self) -> &'static str {
        match self {
            VersionState::Queued => "queued",
            VersionState::Rejected => "rejected",
            VersionState::Failed => "failed",
            VersionState::Withdrawn => "withdrawn",
            VersionState::Pending => "pending",
            VersionState::Accepted => "accepted",
            VersionState::Returned => "returned",
        }
    }

    pub fn parse(s: &str) -> Option<VersionState> {
        use VersionState::*;
        [
            Queued, Rejected, Failed, Withdrawn, Pending, Accepted, Returned,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            VersionState::Queued => "待处理",
            VersionState::Rejected => "无法读取",
            VersionState::Failed => "处理失败",
            VersionState::Withdrawn => "已撤回",
            VersionState::Pending => "待审核",
            VersionState::Accepted => "已接收",
            VersionState::Returned => "已退回",
        }
    }
}

/// What the office (or the unit) asks to do to one version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewAction {
    /// `fazhi submissions accept` / `Season.Accept`.
    Accept,
    /// `fazhi submissions return --reason` / `Season.Return`.
    Return,
    /// `fazhi submissions reopen` / `Season.Reopen`.
    Reopen,
    /// `fazhi submissions make-current` / `Season.MakeCurrent`.
    MakeCurrent,
    /// `fazhi submissions withdraw` / `WithdrawSubmission`.
    Withdraw,
}

impl ReviewAction {
    pub fn label_zh(self) -> &'static str {
        match self {
            ReviewAction::Accept => "接收",
            ReviewAction::Return => "退回",
            ReviewAction::Reopen => "重新打开",
            ReviewAction::MakeCurrent => "设为当前版本",
            ReviewAction::Withdraw => "撤回",
        }
    }
}

/// A step the state machine refuses; the message tells the clerk what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct IllegalTransition {
    pub from: VersionState,
    pub action: ReviewAction,
    pub message: String,
}

/// The one transition function. `Ok(next)` is the state after the step.
pub fn transition(
    from: VersionState,
    action: ReviewAction,
) -> Result<VersionState, IllegalTransition> {
    use ReviewAction as A;
    use VersionState as S;
    let refuse = |why: &str| {
        Err(IllegalTransition {
            from,
            action,
            message: format!(
                "不能{}：该版本{}，{why}",
                action.label_zh(),
                from.label_zh()
            ),
        })
    };
    match (from, action) {
        (S::Pending, A::Accept) => Ok(S::Accepted),
        (S::Pending, A::Return) => Ok(S::Returned),
        (S::Accepted | S::Returned, A::Reopen) => Ok(S::Pending),
        // Pinning a version that counts or may count keeps its state; a
        // withdrawn version is reinstated and reviewed again.
        (S::Pending | S::Accepted, A::MakeCurrent) => Ok(from),
        (S::Withdrawn, A::MakeCurrent) => Ok(S::Pending),
        (S::Queued | S::Pending | S::Returned | S::Rejected | S::Failed, A::Withdraw) => {
            Ok(S::Withdrawn)
        }
        (S::Accepted, A::Accept) => refuse("无需重复接收"),
        (S::Accepted, A::Return | A::Withdraw) => {
            refuse("已锁定，请先重新打开（fazhi submissions reopen）")
        }
        (S::Returned, A::Accept | A::Return) => {
            refuse("请等待单位重新报送，或先重新打开（fazhi submissions reopen）")
        }
        (S::Returned, A::MakeCurrent) => refuse("已退回的版本不能计入，请先重新打开"),
        (S::Pending, A::Reopen) => refuse("尚未审核，无需重新打开"),
        (S::Withdrawn, A::Withdraw) => refuse("无需重复撤回"),
        (S::Withdrawn, _) => refuse("请先设为当前版本（fazhi submissions make-current）"),
        (S::Queued, _) => refuse("尚未处理完，请稍后再试"),
        (S::Rejected | S::Failed, _) => refuse("没有可审核的解析结果，请单位重新报送"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ReviewAction as A;
    use VersionState as S;

    const STATES: [S; 7] = [
        S::Queued,
        S::Rejected,
        S::Failed,
        S::Withdrawn,
        S::Pending,
        S::Accepted,
        S::Returned,
    ];
    const ACTIONS: [A; 5] = [A::Accept, A::Return, A::Reopen, A::MakeCurrent, A::Withdraw];

    #[test]
    fn the_allowed_steps_are_exactly_the_drawn_ones() {
        let allowed: Vec<(S, A, S)> = STATES
            .iter()
            .flat_map(|&s| ACTIONS.iter().map(move |&a| (s, a)))
            .filter_map(|(s, a)| transition(s, a).ok().map(|n| (s, a, n)))
            .collect();
        assert_eq!(
            allowed,
            vec![
                (S::Queued, A::Withdraw, S::Withdrawn),
                (S::Rejected, A::Withdraw, S::Withdrawn),
                (S::Failed, A::Withdraw, S::Withdrawn),
                (S::Withdrawn, A::MakeCurrent, S::Pending),
                (S::Pending, A::Accept, S::Accepted),
                (S::Pending, A::Return, S::Returned),
                (S::Pending, A::MakeCurrent, S::Pending),
                (S::Pending, A::Withdraw, S::Withdrawn),
                (S::Accepted, A::Reopen, S::Pending),
                (S::Accepted, A::MakeCurrent, S::Accepted),
                (S::Returned, A::Reopen, S::Pending),
                (S::Returned, A::Withdraw, S::Withdrawn),
            ]
        );
    }

    #[test]
    fn an_accepted_report_is_locked_until_reopened() {
        let err = transition(S::Accepted, A::Return).unwrap_err();
        assert!(err.message.contains("已锁定"), "{err}");
        assert!(err.message.contains("reopen"), "{err}");
        assert!(transition(S::Accepted, A::Withdraw).is_err());
        let reopened = transition(S::Accepted, A::Reopen).unwrap();
        assert_eq!(transition(reopened, A::Return), Ok(S::Returned));
    }

    #[test]
    fn every_refusal_is_in_chinese_and_names_the_state() {
        for s in STATES {
            for a in ACTIONS {
                if let Err(e) = transition(s, a) {
                    assert!(e.message.starts_with("不能"), "{e}");
                    assert!(e.message.contains(s.label_zh()), "{e}");
                }
            }
        }
    }

    #[test]
    fn states_round_trip_through_their_stored_names() {
        for s in STATES {
            assert_eq!(VersionState::parse(s.as_str()), Some(s));
        }
        assert_eq!(VersionState::parse("approved"), None);
    }
}
