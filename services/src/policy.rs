//! Authorization: the one place that decides who may do what. The README's
//! table "Who may call what" is this match, and `tests/it/authz.rs` covers
//! every cell of it.

use fazhi_store::{Principal, Role};

use crate::error::ServiceError;

/// What a caller wants to do, with the facts the decision needs.
#[derive(Debug, Clone, Copy)]
pub enum Action<'a> {
    /// SubmitReport for this agency (of this district).
    Submit { agency: &'a str, district: &'a str },
    /// GetSubmission of a submission by this agency.
    ReadSubmission { agency: &'a str, district: &'a str },
    /// WithdrawSubmission of a submission by this agency.
    Withdraw { agency: &'a str, district: &'a str },
    /// GetDistrictSummary / ListSubmissions of a district (and its checks,
    /// escalations).
    ReadDistrict { district: &'a str },
    /// The office's season work in a district: roster, deadlines, review,
    /// received dates (Season service).
    ManageSeason { district: &'a str },
    /// Enter where and when this agency published its report.
    Publish { agency: &'a str, district: &'a str },
    /// Clear a check, confirm or correct a filing, escalate, export 督办
    /// notices in a district: the district office's review work.
    ReviewChecks { district: &'a str },
    /// An analysis of a district (year over year, plans, 问题池, 雷同,
    /// quality, rollup); `agency` when only one unit's part is asked for.
    ReadAnalysis {
        district: &'a str,
        agency: Option<&'a str>,
    },
    /// SetRectification / RefreshAnalysis in a district.
    Rectify { district: &'a str },
}

fn scoped(p: &Principal, what: &str) -> bool {
    p.scope.iter().any(|s| s == what)
}

pub fn allowed(p: &Principal, action: Action<'_>) -> bool {
    use Action::*;
    match (p.role, action) {
        // The administrator may do everything (entering a report for a unit
        // included: on a single machine's installation it is the clerk's own
        // credential); every such act is in the audit trail.
        (Role::Admin, _) => true,
        // A city office reads its districts and changes nothing.
        (Role::City, ReadSubmission { district, .. } | ReadDistrict { district }) => {
            scoped(p, district)
        }
        (Role::City, ReadAnalysis { district, .. }) => scoped(p, district),
        (
            Role::City,
            Submit { .. }
            | Withdraw { .. }
            | ManageSeason { .. }
            | Publish { .. }
            | ReviewChecks { .. }
            | Rectify { .. },
        ) => false,
        // The district office does everything within its district, including
        // entering reports that reached it by mail.
        (
            Role::District,
            Submit { district, .. }
            | ReadSubmission { district, .. }
            | Withdraw { district, .. }
            | ReadDistrict { district }
            | ManageSeason { district }
            | Publish { district, .. }
            | ReviewChecks { district }
            | ReadAnalysis { district, .. }
            | Rectify { district },
        ) => scoped(p, district),
        // A unit submits, reads and takes back its own reports only.
        (
            Role::Unit,
            Submit { agency, .. }
            | ReadSubmission { agency, .. }
            | Withdraw { agency, .. }
            | Publish { agency, .. },
        ) => scoped(p, agency),
        // A unit sees its own analysis items and its rank, nothing of the district's.
        (Role::Unit, ReadAnalysis { agency, .. }) => agency.is_some_and(|a| scoped(p, a)),
        // Reviewing is the office's, never the unit's own.
        (
            Role::Unit,
            ReadDistrict { .. } | ManageSeason { .. } | ReviewChecks { .. } | Rectify { .. },
        ) => false,
    }
}

/// `Ok` or `PERMISSION_DENIED` with a message a clerk understands.
pub fn authorize(p: &Principal, action: Action<'_>) -> Result<(), ServiceError> {
    if allowed(p, action) {
        return Ok(());
    }
    tracing::info!(actor = %p.actor(), ?action, "permission denied");
    Err(ServiceError::PermissionDenied(match action {
        Action::Submit { agency, .. } => {
            format!("当前凭证无权代“{agency}”报送报告")
        }
        Action::ReadSubmission { .. } => "当前凭证无权查看该报送".to_owned(),
        Action::Withdraw { .. } => "当前凭证无权撤回该报送".to_owned(),
        Action::ReadDistrict { district } => format!("当前凭证无权查看“{district}”的汇总和报送"),
        Action::ManageSeason { district } => {
            format!("当前凭证无权管理“{district}”的名录、期限和审核（仅限该区依法治区办）")
        }
        Action::Publish { agency, .. } => format!("当前凭证无权登记“{agency}”的公开情况"),
        Action::ReviewChecks { district } => {
            format!("当前凭证无权处理“{district}”的检查项和催办")
        }
        Action::ReadAnalysis {
            district,
            agency: None,
        } => format!("当前凭证无权查看“{district}”的分析结果"),
        Action::ReadAnalysis {
            agency: Some(agency),
            ..
        } => format!("当前凭证无权查看“{agency}”的分析结果"),
        Action::Rectify { district } => format!("当前凭证无权登记或刷新“{district}”的整改和分析"),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who(role: Role, scope: &[&str]) -> Principal {
        Principal {
            credential_id: "id".into(),
            login: "t".into(),
            role,
            scope: scope.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn a_unit_acts_only_for_itself() {
        let unit = who(Role::Unit, &["a1"]);
        let own = Action::Submit {
            agency: "a1",
            district: "甲区",
        };
        let other = Action::Submit {
            agency: "a2",
            district: "甲区",
        };
        assert!(allowed(&unit, own));
        assert!(!allowed(&unit, other));
        assert!(!allowed(&unit, Action::ReadDistrict { district: "甲区" }));
        let mine = Action::ReadAnalysis {
            district: "甲区",
            agency: Some("a1"),
        };
        let whole = Action::ReadAnalysis {
            district: "甲区",
            agency: None,
        };
        assert!(allowed(&unit, mine));
        assert!(!allowed(&unit, whole));
        assert!(!allowed(&unit, Action::Rectify { district: "甲区" }));
    }

    #[test]
    fn only_the_district_office_records_rectification_and_a_city_reads_analyses() {
        let office = who(Role::District, &["甲区"]);
        let city = who(Role::City, &["甲区", "乙区"]);
        assert!(allowed(&office, Action::Rectify { district: "甲区" }));
        assert!(!allowed(&office, Action::Rectify { district: "乙区" }));
        assert!(!allowed(&city, Action::Rectify { district: "甲区" }));
        let read = |d| Action::ReadAnalysis {
            district: d,
            agency: None,
        };
        assert!(allowed(&city, read("乙区")));
        assert!(!allowed(&city, read("丙区")));
    }

    #[test]
    fn a_district_office_stays_in_its_district_and_a_city_only_reads() {
        let office = who(Role::District, &["甲区"]);
        assert!(allowed(
            &office,
            Action::Withdraw {
                agency: "x",
                district: "甲区"
            }
        ));
        assert!(!allowed(&office, Action::ReadDistrict { district: "乙区" }));
        let city = who(Role::City, &["甲区", "乙区"]);
        assert!(allowed(&city, Action::ReadDistrict { district: "乙区" }));
        assert!(!allowed(&city, Action::ReadDistrict { district: "丙区" }));
        assert!(!allowed(
            &city,
            Action::Withdraw {
                agency: "x",
                district: "甲区"
            }
        ));
    }

    #[test]
    fn only_the_districts_office_reviews_and_a_unit_enters_its_own_publication() {
        let office = who(Role::District, &["甲区"]);
        assert!(allowed(&office, Action::ManageSeason { district: "甲区" }));
        assert!(!allowed(&office, Action::ManageSeason { district: "乙区" }));
        let unit = who(Role::Unit, &["a1"]);
        assert!(!allowed(&unit, Action::ManageSeason { district: "甲区" }));
        let own = Action::Publish {
            agency: "a1",
            district: "甲区",
        };
        assert!(allowed(&unit, own));
        assert!(!allowed(
            &unit,
            Action::Publish {
                agency: "a2",
                district: "甲区"
            }
        ));
        let city = who(Role::City, &["甲区"]);
        assert!(!allowed(&city, Action::ManageSeason { district: "甲区" }));
        assert!(!allowed(&city, own));
    }
}
