//! The `near_copy` check: a report's text against the other units' reports
//! of its year and its own last year, from the district's copied-text
//! analysis (`fazhi_analysis::copying`, computed with the stored analysis).

use fazhi_analysis::copying::{CopyAnalysis, CopySource, ReportCopying};

use super::*;

/// The near-copy check of one report: `None` below the share that calls
/// for a look.
fn near_copy_check(mine: &ReportCopying) -> Option<NewCheck> {
    if mine.copied_share < DEFAULT_COPY_SHARE {
        return None;
    }
    let first = mine.passages.first()?;
    let whom = match first.source {
        CopySource::OtherUnit => format!("{}单位同年度报告", first.other_agency.code),
        CopySource::OwnLastYear => "本单位上一年度报告".to_owned(),
    };
    Some(NewCheck {
        kind: CheckKind::NearCopy,
        code: "near_copy".to_owned(),
        severity: Severity::Warning,
        span: Some((first.start, first.end)),
        excerpt: first.text.chars().take(80).collect(),
        message: format!(
            "报告{:.0}%的句子与其他报告雷同（{}句中{}句），首段雷同来自{}（{}）",
            mine.copied_share * 100.0,
            mine.sentences,
            mine.copied_sentences,
            whom,
            first.other_submission_id
        ),
    })
}

/// Bring the district's near-copy checks in line with a new copied-text
/// analysis: a report now over the share gets one (unless it has one, open
/// or decided), one no longer over it loses its open one. Run where the
/// analysis is computed, after the worker's commit and never inside it: it
/// reads the whole district, which a report's own transaction must not.
pub(crate) async fn sync_near_copies<C: ConnectionTrait>(
    db: &C,
    district: &str,
    year: i32,
    copying: &CopyAnalysis,
) -> Result<(), StoreError> {
    let existing: HashSet<String> = check::Entity::find()
        .select_only()
        .column(check::Column::SubmissionId)
        .filter(check::Column::District.eq(district))
        .filter(check::Column::ReportingYear.eq(year))
        .filter(check::Column::Kind.eq(CheckKind::NearCopy))
        .into_tuple::<String>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mut lapsed = Vec::new();
    for report in &copying.reports {
        let Some(new) = near_copy_check(report) else {
            lapsed.push(report.submission_id.clone());
            continue;
        };
        if existing.contains(&report.submission_id) {
            continue;
        }
        let owner = Owner {
            submission_id: &report.submission_id,
            district,
            agency_code: &report.agency.code,
            year,
        };
        insert(db, &owner, vec![new]).await?;
    }
    if !lapsed.is_empty() {
        check::Entity::delete_many()
            .filter(check::Column::SubmissionId.is_in(lapsed))
            .filter(check::Column::Kind.eq(CheckKind::NearCopy))
            .filter(check::Column::State.eq(CheckState::Open))
            .exec(db)
            .await?;
    }
    Ok(())
}
