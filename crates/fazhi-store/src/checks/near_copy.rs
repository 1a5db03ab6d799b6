//! The `near_copy` check: a report's text against the other units' reports
//! of its year and its own last year.

use super::*;

/// Near-duplicate text against another unit's report of the same year or
/// the unit's own last year, through `fazhi_analysis::copying` (pure).
pub(super) async fn near_copy<C: ConnectionTrait>(
    db: &C,
    record: &SubmissionRecord,
    text: &str,
    parsed: &ParsedReport,
) -> Result<Option<NewCheck>, StoreError> {
    use fazhi_analysis::copying::{CopyConfig, CopyInput, CopySource, detect};
    use fazhi_summary::model::AgencyRef;
    let year = record.reporting_year;
    // The other reports that count now: the latest processed per unit and year.
    let rows: Vec<parsed_report::Model> = parsed_report::Entity::find()
        .filter(parsed_report::Column::District.eq(record.district.as_str()))
        .filter(parsed_report::Column::ReportingYear.is_in([year, year - 1]))
        .filter(parsed_report::Column::SubmissionId.ne(record.submission_id.as_str()))
        .all(db)
        .await?;
    let live: HashSet<String> = submission::Entity::find()
        .filter(submission::Column::District.eq(record.district.as_str()))
        .filter(submission::Column::Status.eq(SubmissionStatus::Processed.as_str()))
        .filter(submission::Column::ReportingYear.is_in([year, year - 1]))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    let parses: Vec<(parsed_report::Model, ParsedReport)> = rows
        .into_iter()
        .filter(|r| live.contains(&r.submission_id))
        // Another unit's this year, or our own last year.
        .filter(|r| {
            (r.reporting_year == year && r.agency_code != record.agency_code)
                || (r.reporting_year == year - 1 && r.agency_code == record.agency_code)
        })
        .filter_map(|r| {
            let p = serde_json::from_str::<ParsedReport>(&r.parsed).ok()?;
            Some((r, p))
        })
        .collect();
    if parses.is_empty() {
        return Ok(None);
    }
    let agency = |code: &str| AgencyRef {
        code: code.to_owned(),
        name: code.to_owned(),
    };
    let mut inputs = vec![CopyInput {
        agency: agency(&record.agency_code),
        submission_id: record.submission_id.clone(),
        year,
        text,
        parsed,
    }];
    inputs.extend(parses.iter().map(|(r, p)| CopyInput {
        agency: agency(&r.agency_code),
        submission_id: r.submission_id.clone(),
        year: r.reporting_year,
        text: &r.text,
        parsed: p,
    }));
    let analysis = detect(year, &inputs, &CopyConfig::default());
    let Some(mine) = analysis
        .reports
        .iter()
        .find(|r| r.submission_id == record.submission_id)
    else {
        return Ok(None);
    };
    if mine.copied_share < DEFAULT_COPY_SHARE || mine.passages.is_empty() {
        return Ok(None);
    }
    let first = &mine.passages[0];
    let whom = match first.source {
        CopySource::OtherUnit => format!("{}单位同年度报告", first.other_agency.code),
        CopySource::OwnLastYear => "本单位上一年度报告".to_owned(),
    };
    Ok(Some(NewCheck {
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
    }))
}
