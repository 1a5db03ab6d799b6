//! The office's review on the report page over plain HTTP: the same steps,
//! rules, messages and audit entries as gRPC's Season and Checks services.

use reqwest::StatusCode;

use crate::helpers::{self, App, OFFICE, UNIT_B};
use crate::http::{csrf, signed_in};

async fn page(app: &App, c: &reqwest::Client, id: &str) -> String {
    let r = c
        .get(format!("{}/reports/{id}", app.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    r.text().await.unwrap()
}

async fn post(
    app: &App,
    c: &reqwest::Client,
    path: &str,
    form: &[(&str, &str)],
) -> (StatusCode, String) {
    let r = c
        .post(format!("{}{path}", app.url))
        .form(form)
        .send()
        .await
        .unwrap();
    (r.status(), r.text().await.unwrap())
}

async fn audited(app: &App, target: &str, action: &str) -> Vec<String> {
    app.store
        .audit_entries(&fazhi_store::AuditFilter {
            target: Some(target.into()),
            action: Some(action.into()),
            limit: 10,
        })
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.origin)
        .collect()
}

#[tokio::test]
async fn the_office_returns_with_a_reason_and_an_illegal_step_gets_the_state_machines_message() {
    let app = helpers::spawn().await;
    let id = app
        .submit_as_office(UNIT_B.1, 2023, "003_cb32341b71933a80.txt")
        .await;
    let office = signed_in(&app, OFFICE).await;
    let html = page(&app, &office, &id).await;
    assert!(html.contains("data-state=\"pending\""), "待审核 at first");
    let token = csrf(&html);
    let review = format!("/reports/{id}/review");

    // No CSRF token, no reason: refused, nothing changes.
    let (status, _) = post(
        &app,
        &office,
        &review,
        &[("csrf", "x"), ("action", "accept")],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, body) = post(
        &app,
        &office,
        &review,
        &[("csrf", &token), ("action", "return")],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("退回时必须写明原因"), "{body}");
    assert!(
        page(&app, &office, &id)
            .await
            .contains("data-state=\"pending\"")
    );

    let reason = "第三部分缺少具体数字，请补充后重新报送";
    let (status, _) = post(
        &app,
        &office,
        &review,
        &[("csrf", &token), ("action", "return"), ("reason", reason)],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(audited(&app, &id, "review.return").await.len(), 1);
    assert!(audited(&app, &id, "review.return").await[0].starts_with("web "));

    // A stale page's accept: the state machine's sentence, as FAILED_PRECONDITION says it.
    let (status, body) = post(
        &app,
        &office,
        &review,
        &[("csrf", &token), ("action", "accept")],
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(body.contains("不能接收：该版本已退回"), "{body}");
    assert!(
        body.contains(&format!("/reports/{id}#review-actions")),
        "a way back"
    );

    // The unit reads the reason; it may not review its own report.
    let unit = signed_in(&app, UNIT_B.0).await;
    let html = page(&app, &unit, &id).await;
    assert!(html.contains(reason), "the unit sees why");
    assert!(html.contains("id=\"resubmit\""));
    assert!(
        !html.contains("id=\"reopen\""),
        "no office buttons for the unit"
    );
    let unit_token = csrf(&html);
    let (status, _) = post(
        &app,
        &unit,
        &review,
        &[("csrf", &unit_token), ("action", "reopen")],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // Reopen, then accept: the report counts as accepted.
    for action in ["reopen", "accept"] {
        let (status, body) = post(
            &app,
            &office,
            &review,
            &[("csrf", &token), ("action", action)],
        )
        .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{action}: {body}");
    }
    let html = page(&app, &office, &id).await;
    assert!(html.contains("data-state=\"accepted\""));
    assert!(html.contains("id=\"reopen\"") && !html.contains("id=\"accept\""));
    assert_eq!(audited(&app, &id, "review.accept").await.len(), 1);
}

#[tokio::test]
async fn a_privacy_flag_is_cleared_with_a_note_and_the_unit_enters_its_publication() {
    let app = helpers::spawn().await;
    let mut text = std::fs::read_to_string(helpers::repo_file(
        "samples/reports/003_cb32341b71933a80.txt",
    ))
    .unwrap();
    text.push_str("\n当事人张某身份证号11010519491231002X。\n");
    let id = app
        .submit_bytes_as_office(UNIT_B.1, 2023, "报告.txt", text.into_bytes())
        .await;
    let checks = app.store.checks_of_submission(&id).await.unwrap();
    let flag = checks
        .iter()
        .find(|c| c.kind == fazhi_store::checks::CheckKind::Privacy)
        .expect("the ID number is flagged");
    let office = signed_in(&app, OFFICE).await;
    let html = page(&app, &office, &id).await;
    assert!(html.contains(&format!("/checks/{}/clear", flag.id)));
    let token = csrf(&html);
    let clear = format!("/checks/{}/clear", flag.id);
    let (status, body) = post(&app, &office, &clear, &[("csrf", &token), ("note", " ")]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("请写明处理说明"), "{body}");
    let note = "已要求提供脱敏公开版本";
    let (status, _) = post(&app, &office, &clear, &[("csrf", &token), ("note", note)]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let html = page(&app, &office, &id).await;
    assert!(html.contains(note) && html.contains("已处理"));
    let (status, body) = post(&app, &office, &clear, &[("csrf", &token), ("note", note)]).await;
    assert_eq!(status, StatusCode::CONFLICT, "cleared twice: {body}");
    assert_eq!(audited(&app, &id, "check.clear").await.len(), 1);

    // The unit enters where and when it published; a date before the year ends is refused.
    let unit = signed_in(&app, UNIT_B.0).await;
    let token = csrf(&page(&app, &unit, &id).await);
    let publication = format!("/reports/{id}/publication");
    let url = "https://www.example.gov.cn/fzzf/2024/report.html";
    let (status, body) = post(
        &app,
        &unit,
        &publication,
        &[
            ("csrf", &token),
            ("url", url),
            ("published_on", "2023-06-01"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("应在2024年或以后公开"), "{body}");
    let (status, _) = post(
        &app,
        &unit,
        &publication,
        &[
            ("csrf", &token),
            ("url", url),
            ("published_on", "2024-03-28"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let html = page(&app, &office, &id).await;
    assert!(html.contains(url) && html.contains("2024-03-28"));
    assert_eq!(audited(&app, UNIT_B.1, "publication.set").await.len(), 1);
    // The dashboard's row for the unit says it published, and when.
    let dashboard = office
        .get(format!("{}/dashboard?year=2023", app.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(dashboard.contains("已公开（2024-03-28）"), "{dashboard}");
}
