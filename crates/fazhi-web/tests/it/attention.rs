//! The dashboard's to-do list and escalation ladder over plain HTTP: the
//! same list as `fazhi todo`, and steps taken through the Checks service
//! (forward only, audited with the web's origin).

use reqwest::StatusCode;

use crate::helpers::{self, DISTRICT, OFFICE, UNIT_A, UNIT_B};
use crate::http::{csrf, signed_in};

async fn dashboard(app: &helpers::App, c: &reqwest::Client) -> String {
    let r = c
        .get(format!(
            "{}/dashboard?district={DISTRICT}&year=2023",
            app.url
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    r.text().await.unwrap()
}

async fn escalate(
    app: &helpers::App,
    c: &reqwest::Client,
    token: &str,
    unit: &str,
    step: &str,
) -> (StatusCode, String) {
    let r = c
        .post(format!("{}/escalations", app.url))
        .form(&[
            ("csrf", token),
            ("district", DISTRICT),
            ("year", "2023"),
            ("agency_code", unit),
            ("step", step),
            ("note", "电话催报，承诺三日内报送"),
        ])
        .send()
        .await
        .unwrap();
    (r.status(), r.text().await.unwrap())
}

#[tokio::test]
async fn the_dashboard_lists_todays_work_and_the_ladder_only_goes_forward() {
    let app = helpers::spawn().await;
    let id = app
        .submit_as_office(UNIT_B.1, 2023, "003_cb32341b71933a80.txt")
        .await;
    let office = signed_in(&app, OFFICE).await;
    let html = dashboard(&app, &office).await;
    // The 2023 deadline is long past: the unit that reported waits for
    // review, the one that did not is missing, each as `fazhi todo` says.
    let today = fazhi_season::beijing_date(fazhi_store::now_ms()).unwrap();
    let todo = app.store.todo(DISTRICT, 2023, today).await.unwrap();
    assert!(
        html.contains(&format!("今日待办（{}项）", todo.len())),
        "{html}"
    );
    assert!(html.contains(&format!("href=\"/reports/{id}\"")));
    assert!(
        todo.iter()
            .any(|t| t.agency_code == UNIT_A.1 && t.kind.as_str() == "missing")
    );
    assert!(html.contains("data-kind=\"awaiting_review\""));
    assert!(html.contains("data-kind=\"missing\""));
    assert!(html.contains("本年度尚未催报或督办任何单位"));

    let token = csrf(&html);
    let (status, _) = escalate(&app, &office, "x", UNIT_A.1, "urge").await;
    assert_eq!(status, StatusCode::FORBIDDEN, "no CSRF token, no step");
    let (status, _) = escalate(&app, &office, &token, UNIT_A.1, "urge").await;
    assert_eq!(status, StatusCode::SEE_OTHER, "back to the dashboard");
    let html = dashboard(&app, &office).await;
    assert!(
        html.contains(&format!("data-unit=\"{}\"", UNIT_A.1)),
        "{html}"
    );
    assert!(html.contains("data-step=\"urge\""));
    assert!(html.contains("电话催报，承诺三日内报送"));

    // Back down the ladder is refused with the service's sentence.
    let (status, body) = escalate(&app, &office, &token, UNIT_A.1, "remind").await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    let steps = app.store.escalations(DISTRICT, 2023).await.unwrap();
    assert_eq!(steps.len(), 1);
    let audit = app
        .store
        .audit_entries(&fazhi_store::AuditFilter {
            target: Some(UNIT_A.1.into()),
            action: Some("escalation.add".into()),
            limit: 10,
        })
        .await
        .unwrap();
    assert_eq!(audit.len(), 1, "{audit:?}");
    assert!(audit[0].origin.starts_with("web "), "{}", audit[0].origin);

    // Another unit's text filed under UNIT_A is held, and the row says so.
    let held = app
        .submit_as_office(UNIT_A.1, 2023, "003_cb32341b71933a80.txt")
        .await;
    assert!(
        app.store
            .held_in(DISTRICT, 2023)
            .await
            .unwrap()
            .contains(&held)
    );
    let html = dashboard(&app, &office).await;
    assert!(html.contains("待核实，暂不计入"), "{html}");

    // A unit takes no step: no form, and a forged post is refused.
    let unit = signed_in(&app, UNIT_B.0).await;
    let r = unit
        .get(format!(
            "{}/dashboard?district={DISTRICT}&year=2023",
            app.url
        ))
        .send()
        .await
        .unwrap();
    let html = r.text().await.unwrap();
    assert!(!html.contains("id=\"escalate\""));
    let upload = unit
        .get(format!("{}/upload", app.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let (status, _) = escalate(&app, &unit, &csrf(&upload), UNIT_A.1, "notify").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.store.escalations(DISTRICT, 2023).await.unwrap().len(),
        1
    );
}
