//! The consolidated draft, laid out as the DOCX reads: headings, paragraphs,
//! tables, footnote markers. Every number and note links to its source
//! sentence, highlighted in the unit's report; the verifier's verdict is on
//! top; DOCX and Markdown downloads are the same renderings as the CLI's.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use fazhi_summary::{Block, Citation, DistrictSummary, Inline, Op};
use maud::{Markup, html};

use crate::AppState;
use crate::auth::Signed;
use crate::dashboard::attachment;
use crate::error::WebError;
use crate::layout;
use crate::scope::{SeasonQuery, season};

/// Where a citation's sentence is shown: the report page, sentence marked.
pub fn source_link(c: &Citation) -> String {
    let (a, b) = if c.sentence_end > c.sentence_start {
        (c.sentence_start, c.sentence_end)
    } else {
        (c.start, c.end)
    };
    format!("/reports/{}?hl={a}-{b}#target", c.submission_id)
}

fn op_zh(op: Op) -> &'static str {
    match op {
        Op::Sum => "各单位数字相加",
        Op::Rate => "由分子分母重新计算",
        Op::Units => "单位个数",
        Op::Items => "事项个数",
        Op::Coverage => "由报送情况计算",
        Op::Year => "年度",
        Op::Quote => "原文引用",
    }
}

fn inline(i: &Inline, cites: &HashMap<usize, &Citation>) -> Markup {
    match i {
        Inline::Text { text } => html! { (text) },
        Inline::Cite { id } => match cites.get(id) {
            Some(c) => html! {
                sup { a.cite href=(source_link(c)) title={(c.short_name) "：" (c.text)} data-cite=(id) { "[" (id) "]" } }
            },
            None => html! { sup { "[" (id) "]" } },
        },
        Inline::Number { text, derivation } => {
            let first = derivation.cites.iter().find_map(|id| cites.get(id));
            let title = format!(
                "{}，共 {} 处来源",
                op_zh(derivation.op),
                derivation.cites.len()
            );
            match first {
                Some(c) => html! {
                    a.num href=(source_link(c)) title=(title)
                        data-op=(format!("{:?}", derivation.op).to_lowercase())
                        data-sources=(derivation.cites.len()) { (text) }
                },
                None => html! { span.num title=(title) { (text) } },
            }
        }
    }
}

pub fn render_blocks(summary: &DistrictSummary) -> Markup {
    let cites: HashMap<usize, &Citation> = summary.citations.iter().map(|c| (c.id, c)).collect();
    html! {
        @for b in &summary.draft {
            @match b {
                Block::Title { text } => h2.doc-title { (text) },
                Block::Heading { level, text } => @match *level {
                    1 => h3.h1 { (text) },
                    2 => h4.h2 { (text) },
                    _ => h5.h3 { (text) },
                },
                Block::Paragraph { inlines } => p { @for i in inlines { (inline(i, &cites)) } },
                Block::Table { header, rows } => table.doc {
                    thead { tr { @for h in header { th scope="col" { (h) } } } }
                    tbody { @for r in rows { tr { @for c in r { td { (c) } } } } }
                },
            }
        }
        @if !summary.citations.is_empty() {
            section.notes aria-label="注释" {
                h3 { "注释" }
                ol {
                    @for c in &summary.citations {
                        li value=(c.id) id={"note-" (c.id)} {
                            a href=(source_link(c)) { (c.short_name) } "：" (c.text)
                        }
                    }
                }
            }
        }
    }
}

fn verification(summary: &DistrictSummary) -> Markup {
    let v = &summary.verification;
    html! {
        @if v.passed {
            p.flash.ok id="verify" data-passed="true" { "核验通过：稿中 " (v.checked) " 个数字均可由各单位报告原文重新算出。" }
        } @else {
            div.flash.bad id="verify" data-passed="false" {
                p { "核验未通过：" (v.failures.len()) " 处数字与原文不符（共核验 " (v.checked) " 个）。" }
                ul { @for f in &v.failures { li { strong { (f.number) } "：" (f.reason) "（" (f.context) "）" } } }
            }
        }
    }
}

async fn load(
    state: &AppState,
    signed: &Signed,
    q: &SeasonQuery,
) -> Result<DistrictSummary, WebError> {
    let s = season(&state.store, &signed.session.principal, q).await?;
    state
        .store
        .district_summary(&s.district, s.year)
        .await?
        .ok_or_else(|| {
            WebError::NotFound(format!("名录中没有“{}”的单位，也没有它的汇总", s.district))
        })
}

fn query_string(summary: &DistrictSummary) -> String {
    format!(
        "district={}&year={}",
        crate::dashboard::urlenc(&summary.district),
        summary.year
    )
}

pub async fn page(
    State(state): State<AppState>,
    signed: Signed,
    Query(q): Query<SeasonQuery>,
) -> Result<Markup, WebError> {
    let summary = load(&state, &signed, &q).await?;
    let qs = query_string(&summary);
    let title = format!(
        "{} {}年度法治政府建设情况汇总稿",
        summary.district, summary.year
    );
    Ok(layout::page(
        &title,
        &signed.session,
        "/draft",
        html! {
            (verification(&summary))
            p.actions {
                a.button id="docx" href={"/draft.docx?" (qs)} { "下载 DOCX" }
                " "
                a.button id="markdown" href={"/draft.md?" (qs)} { "下载 Markdown" }
            }
            p.hint { "点击稿中的数字或注释号，可打开该单位报告并标出来源句。" }
            article.page id="draft" { (render_blocks(&summary)) }
        },
    ))
}

pub async fn docx(
    State(state): State<AppState>,
    signed: Signed,
    Query(q): Query<SeasonQuery>,
) -> Result<Response, WebError> {
    let summary = load(&state, &signed, &q).await?;
    let body = fazhi_summary::render_docx(&summary);
    Ok(download(
        &summary,
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        body,
    ))
}

pub async fn markdown(
    State(state): State<AppState>,
    signed: Signed,
    Query(q): Query<SeasonQuery>,
) -> Result<Response, WebError> {
    let summary = load(&state, &signed, &q).await?;
    let body = if summary.draft_markdown.is_empty() {
        fazhi_summary::draft::render_markdown(&summary.draft, &summary.citations)
    } else {
        summary.draft_markdown.clone()
    };
    Ok(download(
        &summary,
        "md",
        "text/markdown; charset=utf-8",
        body.into_bytes(),
    ))
}

/// The draft as a file named after its district and year.
fn download(summary: &DistrictSummary, ext: &str, content_type: &str, body: Vec<u8>) -> Response {
    let name = format!(
        "{}{}年度法治政府建设情况汇总稿.{ext}",
        summary.district, summary.year
    );
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, attachment(&name)),
        ],
        body,
    )
        .into_response()
}
