//! The workbench over plain HTTP: sessions, CSRF, lock-out, refusals,
//! uploads and the dashboard's numbers, as a browser without script sees them.

use reqwest::StatusCode;
use reqwest::redirect::Policy;

use crate::helpers::{self, App, OFFICE, PASSWORD, UNIT_A, UNIT_B};

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .build()
        .unwrap()
}

/// The value of the first hidden `csrf` field of a page.
pub fn csrf(html: &str) -> String {
    let at = html.find("name=\"csrf\" value=\"").expect("a csrf field") + 19;
    html[at..].split('"').next().unwrap().to_owned()
}

pub async fn sign_in_attempt(
    app: &App,
    c: &reqwest::Client,
    login: &str,
    pw: &str,
) -> reqwest::Response {
    let page = c.get(format!("{}/login", app.url)).send().await.unwrap();
    let token = csrf(&page.text().await.unwrap());
    c.post(format!("{}/login", app.url))
        .form(&[("csrf", token.as_str()), ("login", login), ("password", pw)])
        .send()
        .await
        .unwrap()
}

pub async fn signed_in(app: &App, login: &str) -> reqwest::Client {
    let c = client();
    let r = sign_in_attempt(app, &c, login, PASSWORD).await;
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "{login} could not sign in"
    );
    c
}

#[tokio::test]
async fn signing_in_sets_a_strict_http_only_cookie_and_signing_out_ends_the_session() {
    let app = helpers::spawn().await;
    let c = client();
    let anonymous = c
        .get(format!("{}/dashboard", app.url))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::SEE_OTHER);
    assert_eq!(anonymous.headers()["location"], "/login");

    let r = sign_in_attempt(&app, &c, OFFICE, PASSWORD).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|v| v.starts_with("fz_session="))
        .expect("a session cookie");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );

    let dash = c
        .get(format!("{}/dashboard", app.url))
        .send()
        .await
        .unwrap();
    assert_eq!(dash.status(), StatusCode::OK);
    let html = dash.text().await.unwrap();
    assert!(html.contains("示例区"), "the office sees its district");

    let out = c
        .post(format!("{}/logout", app.url))
        .form(&[("csrf", csrf(&html))])
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
    let after = c
        .get(format!("{}/dashboard", app.url))
        .send()
        .await
        .unwrap();
    assert_eq!(
        after.status(),
        StatusCode::SEE_OTHER,
        "signed out means signed out"
    );
}

#[tokio::test]
async fn a_form_without_the_session_csrf_token_is_refused() {
    let app = helpers::spawn().await;
    let c = signed_in(&app, OFFICE).await;
    let r = c
        .post(format!("{}/logout", app.url))
        .form(&[("csrf", "forged")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let still = c
        .get(format!("{}/dashboard", app.url))
        .send()
        .await
        .unwrap();
    assert_eq!(
        still.status(),
        StatusCode::OK,
        "a forged sign-out changed nothing"
    );

    let fresh = client();
    let forged_login = fresh
        .post(format!("{}/login", app.url))
        .form(&[("csrf", "x"), ("login", OFFICE), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(forged_login.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn repeated_wrong_passwords_lock_the_login_even_against_the_right_one() {
    let app = helpers::spawn().await;
    let c = client();
    for _ in 0..fazhi_web::LOCKOUT_ATTEMPTS {
        let r = sign_in_attempt(&app, &c, UNIT_A.0, "wrong").await;
        assert_eq!(r.status(), StatusCode::OK, "the form again, not a session");
    }
    let r = sign_in_attempt(&app, &c, UNIT_A.0, PASSWORD).await;
    assert_eq!(
        r.status(),
        StatusCode::OK,
        "locked: the right password no longer works"
    );
    assert!(r.text().await.unwrap().contains("已被锁定"));
    // Another person is not affected.
    signed_in(&app, UNIT_B.0).await;
}

#[tokio::test]
async fn a_unit_sees_only_its_own_reports_and_no_district_pages() {
    let app = helpers::spawn().await;
    let other = app
        .submit_as_office(UNIT_B.1, 2023, "003_cb32341b71933a80.txt")
        .await;
    let unit = signed_in(&app, UNIT_A.0).await;
    for path in [
        format!("/reports/{other}"),
        format!("/reports/{other}/original"),
        "/dashboard".to_owned(),
        "/draft.docx".to_owned(),
    ] {
        let r = unit.get(format!("{}{path}", app.url)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{path}");
        assert!(
            r.text().await.unwrap().contains("无权"),
            "{path}: a Chinese refusal"
        );
    }
    let owner = signed_in(&app, UNIT_B.0).await;
    let r = owner
        .get(format!("{}/reports/{other}", app.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.text().await.unwrap().contains("class=\"qty\""),
        "quantities marked"
    );
}

/// The start of a legacy Word (.doc, OLE2) file: refused at the edge.
const LEGACY_DOC: &[u8] = &[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0];

#[tokio::test]
async fn an_unreadable_upload_gets_submit_reports_message_and_nothing_is_queued() {
    let app = helpers::spawn().await;
    let unit = signed_in(&app, UNIT_A.0).await;
    let page = unit
        .get(format!("{}/upload", app.url))
        .send()
        .await
        .unwrap();
    let token = csrf(&page.text().await.unwrap());
    let form = reqwest::multipart::Form::new()
        .text("csrf", token)
        .text("reporting_year", "2023")
        .part(
            "document",
            reqwest::multipart::Part::bytes(vec![
                0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0,
            ])
            .file_name("报告.doc")
            .mime_str("application/msword")
            .unwrap(),
        );
    let r = unit
        .post(format!("{}/upload", app.url))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let html = r.text().await.unwrap();
    assert!(html.contains("id=\"upload-error\""), "{html}");
    // Word for word what SubmitReport answers for the same file.
    let ingest =
        fazhi_services::ingest::Ingest::new(app.store.clone(), app.queue.clone(), 10 << 20);
    let unit_a = fazhi_store::Principal {
        credential_id: "t".into(),
        login: UNIT_A.0.into(),
        role: fazhi_store::Role::Unit,
        scope: vec![UNIT_A.1.into()],
    };
    let grpc = ingest
        .submit(
            &unit_a,
            "test".into(),
            fazhi_proto::v1::SubmitReportRequest {
                agency_code: String::new(),
                reporting_year: 2023,
                document: Some(fazhi_proto::v1::Document {
                    content: LEGACY_DOC.to_vec(),
                    media_type: "application/msword".into(),
                    file_name: "报告.doc".into(),
                }),
                idempotency_key: None,
            },
        )
        .await
        .expect_err("refused by SubmitReport too")
        .to_string();
    assert!(!grpc.is_empty() && html.contains(&grpc), "{grpc} in {html}");
    let (_, total) = app
        .store
        .list_submissions(helpers::DISTRICT, 2023, 0, 10)
        .await
        .unwrap();
    assert_eq!(total, 0);
}

#[tokio::test]
async fn the_dashboard_counts_reports_and_exports_the_rows_it_shows() {
    let app = helpers::spawn().await;
    app.submit_as_office(UNIT_B.1, 2023, "003_cb32341b71933a80.txt")
        .await;
    app.submit_as_office(UNIT_A.1, 2023, "001_6193ebd917cce1b8.txt")
        .await;
    let office = signed_in(&app, OFFICE).await;
    let html = office
        .get(format!("{}/dashboard?year=2023", app.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let roster = helpers::ROSTER
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .count();
    assert!(html.contains(&format!("id=\"expected\">{roster}<")));
    assert!(html.contains("id=\"actual\">2<"));
    let rate = format!("{:.1}%（2/{roster}）", 200.0 / roster as f64);
    assert!(html.contains(&format!("id=\"rate\">{rate}<")), "{rate}");
    // Submitted now, long after 1 March 2024: late.
    assert!(html.contains("id=\"on-time\">0<"));

    let csv = office
        .get(format!("{}/dashboard.csv?year=2023&state=missing", app.url))
        .send()
        .await
        .unwrap();
    assert!(
        csv.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let body = csv.text().await.unwrap();
    assert_eq!(
        body.lines().count(),
        1 + roster - 2,
        "header + the missing units: {body}"
    );
    assert!(!body.contains(UNIT_A.1) && !body.contains(UNIT_B.1));
}
