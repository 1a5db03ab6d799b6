//! Every version a unit filed for one year, and two of them side by side
//! with their differences. Both versions need the reader's permission
//! (the same `ReadSubmission` rule as the report page); the texts compared
//! are the extracted texts the parser read, so a DOCX and its resubmitted
//! PDF compare by what they say.

use axum::extract::{Path, Query, State};
use fazhi_store::entity::submission;
use fazhi_store::review::VersionView;
use maud::{Markup, html};
use serde::Deserialize;

use crate::AppState;
use crate::auth::Signed;
use crate::dashboard::when;
use crate::diff;
use crate::error::WebError;
use crate::layout;
use crate::report::readable;

/// The unit's versions for the year with their review state, oldest
/// first (withdrawn included: they are part of the history).
pub async fn of(state: &AppState, row: &submission::Model) -> Result<Vec<VersionView>, WebError> {
    Ok(state
        .store
        .versions_of(&row.agency_code, row.reporting_year)
        .await?)
}

/// The side panel's list: each version, this one marked, the others with
/// a link to compare.
pub fn list(current: &str, versions: &[VersionView]) -> Markup {
    html! {
        @if versions.len() > 1 {
            h2 { "版本（" (versions.len()) "）" }
            ol.versions id="versions" {
                @for (i, v) in versions.iter().enumerate() {
                    li {
                        @if v.submission_id == current {
                            strong aria-current="true" { "第 " (i + 1) " 版（本页）" }
                        } @else {
                            a href={"/reports/" (v.submission_id)} { "第 " (i + 1) " 版" }
                            " · "
                            a.compare href={"/reports/" (current) "/compare?with=" (v.submission_id)} { "对比" }
                        }
                        br;
                        span.hint { (v.file_name) " · " (when(v.submitted_at)) " · " (v.state.label_zh()) }
                    }
                }
            }
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct CompareQuery {
    pub with: String,
}

async fn text_of(state: &AppState, row: &submission::Model) -> Result<String, WebError> {
    state
        .store
        .parsed_report(&row.id)
        .await?
        .map(|p| p.text)
        .ok_or_else(|| {
            WebError::BadRequest(format!(
                "{} 提交的版本尚未处理完成（或无法读取），无法对比",
                when(row.submitted_at)
            ))
        })
}

/// `/reports/{id}/compare?with={other}`: the earlier one on the left.
pub async fn compare(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<String>,
    Query(q): Query<CompareQuery>,
) -> Result<Markup, WebError> {
    let a = readable(&state, &signed, &id).await?;
    let b = readable(&state, &signed, &q.with).await?;
    if a.agency_code != b.agency_code || a.reporting_year != b.reporting_year {
        return Err(WebError::BadRequest(
            "只能对比同一单位同一年度的两份报送".into(),
        ));
    }
    let (old, new) = if (a.submitted_at, &a.id) <= (b.submitted_at, &b.id) {
        (a, b)
    } else {
        (b, a)
    };
    let (old_text, new_text) = (text_of(&state, &old).await?, text_of(&state, &new).await?);
    let rows = diff::side_by_side(&old_text, &new_text);
    let s = diff::stats(&rows);
    let name = state
        .store
        .agency(&old.agency_code)
        .await?
        .map_or_else(|| old.agency_code.clone(), |a| a.name);
    let title = format!("{name} {}年度报告 · 版本对比", old.reporting_year);
    Ok(layout::page(
        &title,
        &signed.session,
        "",
        html! {
            p {
                "左："
                a href={"/reports/" (old.id)} { (old.file_name) } "（" (when(old.submitted_at)) "）"
                "　右："
                a href={"/reports/" (new.id)} { (new.file_name) } "（" (when(new.submitted_at)) "）"
            }
            p.hint id="diff-stats" {
                "比较的是解析时提取的正文，按段落对齐：改动 " strong { (s.changed) } " 段，新增 " strong { (s.added) }
                " 段，删去 " strong { (s.removed) } " 段，相同 " (s.same) " 段。改动处以底色标出。"
            }
            (diff::render(&rows, 2))
        },
    ))
}
