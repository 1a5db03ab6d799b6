//! The office's files and records: the XLSX export, the sign-in audit
//! page, and two versions of a report compared side by side.

use std::io::Read;

use reqwest::StatusCode;

use crate::helpers::{self, OFFICE, PASSWORD, UNIT_A, UNIT_B};
use crate::http::{client, sign_in_attempt, signed_in};

/// Every file of an XLSX (a zip) as text, by name.
fn xlsx_parts(bytes: &[u8]) -> std::collections::HashMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("an XLSX is a zip");
    let mut out = std::collections::HashMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut s = String::new();
        if f.read_to_string(&mut s).is_ok() {
            out.insert(f.name().unwrap_or_default().to_string(), s);
        }
    }
    out
}

#[tokio::test]
async fn the_xlsx_export_holds_the_rows_shown_and_each_rate_with_its_source() {
    let app = helpers::spawn().await;
    let id = app
        .submit_as_office(UNIT_A.1, 2023, "001_6193ebd917cce1b8.txt")
        .await;
    let office = signed_in(&app, OFFICE).await;
    let page = office
        .get(format!("{}/dashboard?year=2023", app.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("id=\"xlsx\""), "the page offers the export");
    let r = office
        .get(format!(
            "{}/dashboard.xlsx?year=2023&state=processed",
            app.url
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .contains("spreadsheetml")
    );
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains(".xlsx")
    );
    let parts = xlsx_parts(&r.bytes().await.unwrap());
    let book = &parts["xl/workbook.xml"];
    assert!(
        book.contains("name=\"单位\"") && book.contains("name=\"报送率\""),
        "{book}"
    );
    let strings = &parts["xl/sharedStrings.xml"];
    // The processed unit with its report as the source; a missing one is filtered out.
    assert!(strings.contains(UNIT_A.1) && strings.contains(&format!("报送 /reports/{id}")));
    assert!(!strings.contains(UNIT_B.1), "only the rows shown");
    for rate in ["应报单位", "已报单位 ÷ 应报单位", "按时报送 ÷ 应报单位"] {
        assert!(strings.contains(rate), "{rate} missing");
    }
    let roster = helpers::ROSTER
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .count();
    assert!(
        strings.contains(&format!("{:.1}%", 100.0 / roster as f64)),
        "the rate of the whole roster"
    );
    // A unit cannot export the district.
    let unit = signed_in(&app, UNIT_A.0).await;
    let r = unit
        .get(format!("{}/dashboard.xlsx?year=2023", app.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn sign_ins_failures_sign_outs_and_lock_outs_are_on_the_district_audit_page() {
    let app = helpers::spawn().await;
    // Unit A locks itself out; an unknown login tries once.
    let c = client();
    for _ in 0..fazhi_web::LOCKOUT_ATTEMPTS {
        sign_in_attempt(&app, &c, UNIT_A.0, "wrong").await;
    }
    sign_in_attempt(&app, &c, UNIT_A.0, PASSWORD).await;
    sign_in_attempt(&app, &c, "nobody", "x").await;
    // Unit B signs in and out.
    let b = signed_in(&app, UNIT_B.0).await;
    let page = b
        .get(format!("{}/upload", app.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let at = page.find("name=\"csrf\" value=\"").unwrap() + 19;
    let token = page[at..].split('"').next().unwrap().to_owned();
    let out = b
        .post(format!("{}/logout", app.url))
        .form(&[("csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), StatusCode::SEE_OTHER);

    let all = app.store.audit_entries(&Default::default()).await.unwrap();
    let count = |action: &str| all.iter().filter(|e| e.action == action).count();
    assert_eq!(
        count("session.sign_in_failed"),
        fazhi_web::LOCKOUT_ATTEMPTS as usize + 1
    );
    assert_eq!(
        count("session.locked_out"),
        2,
        "the lock, then the refused right password"
    );
    assert_eq!(count("session.sign_out"), 1);
    assert!(
        all.iter()
            .all(|e| !e.detail.contains(PASSWORD) && !e.detail.contains("wrong"))
    );

    let office = signed_in(&app, OFFICE).await;
    let html = office
        .get(format!("{}/audit", app.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let rows = |action: &str| html.matches(&format!("data-action=\"{action}\"")).count();
    // The unknown login belongs to no district: not shown to the office.
    assert_eq!(
        rows("session.sign_in_failed"),
        fazhi_web::LOCKOUT_ATTEMPTS as usize
    );
    assert_eq!(rows("session.locked_out"), 2);
    assert_eq!(rows("session.sign_out"), 1);
    assert_eq!(rows("session.sign_in"), 2, "unit B and the office itself");
    assert!(html.contains(UNIT_A.0) && html.contains("账号锁定") && !html.contains("nobody"));

    let unit = signed_in(&app, UNIT_B.0).await;
    let r = unit.get(format!("{}/audit", app.url)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn two_versions_of_a_report_are_listed_and_compared_side_by_side() {
    let app = helpers::spawn().await;
    let file = "001_6193ebd917cce1b8.txt";
    let first =
        std::fs::read_to_string(helpers::repo_file(&format!("samples/reports/{file}"))).unwrap();
    let v1 = app
        .submit_bytes_as_office(UNIT_A.1, 2023, file, first.clone().into_bytes())
        .await;
    let edited = first.replacen("深入学习", "认真深入学习", 1) + "\n本年度另开展法治讲座12场。\n";
    let v2 = app
        .submit_bytes_as_office(UNIT_A.1, 2023, "修改稿.txt", edited.into_bytes())
        .await;
    let other = app
        .submit_as_office(UNIT_B.1, 2023, "003_cb32341b71933a80.txt")
        .await;

    let unit = signed_in(&app, UNIT_A.0).await;
    let report = unit
        .get(format!("{}/reports/{v2}", app.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        report.contains("id=\"versions\""),
        "the versions are listed"
    );
    let link = format!("/reports/{v2}/compare?with={v1}");
    assert!(report.contains(&link), "a compare link");
    let html = unit
        .get(format!("{}{link}", app.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("id=\"diff\""), "{html}");
    assert!(
        html.contains("<mark>认真</mark>"),
        "the inserted words are marked"
    );
    assert!(html.contains("本年度另开展法治讲座12场"));
    let stats_at = html.find("id=\"diff-stats\"").unwrap();
    let stats: String = html[stats_at..].chars().take(200).collect();
    assert!(stats.contains("新增 <strong>1</strong>"), "{stats}");

    // Another unit's report: refused, as on the report page.
    let r = unit
        .get(format!("{}/reports/{v2}/compare?with={other}", app.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // Two units' reports are not versions of one another.
    let office = signed_in(&app, OFFICE).await;
    let r = office
        .get(format!("{}/reports/{v2}/compare?with={other}", app.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_charts_show_the_season_over_time_and_say_when_no_earlier_year_exists() {
    let app = helpers::spawn().await;
    app.submit_as_office(UNIT_A.1, 2023, "001_6193ebd917cce1b8.txt")
        .await;
    let office = signed_in(&app, OFFICE).await;
    let html = office
        .get(format!("{}/charts?year=2023", app.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("id=\"season-chart\""));
    let roster = helpers::ROSTER
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .count();
    assert!(
        html.contains(&format!("已报 1/{roster}")),
        "the line ends at what the dashboard says"
    );
    assert!(html.contains("id=\"yoy-none\""));
    // With a 2022 report stored, both years are compared.
    // The unit's 2023 report rewritten as its 2022 one: a report naming
    // another year than it is filed for would be held out of the totals.
    let text = std::fs::read_to_string(helpers::repo_file(
        "samples/reports/003_cb32341b71933a80.txt",
    ))
    .unwrap()
    .replace("2023", "2022");
    app.submit_bytes_as_office(UNIT_B.1, 2022, "2022.txt", text.into_bytes())
        .await;
    let html = office
        .get(format!("{}/charts?year=2023", app.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("id=\"yoy\"") && html.contains("2022年度区汇总"),
        "year over year"
    );
}
