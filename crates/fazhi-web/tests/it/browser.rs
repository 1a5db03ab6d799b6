//! Real headless Chromium (Debian's `chromium` + `chromium-driver`) against
//! the real server: the season as people click through it. Skips on a
//! machine without chromedriver, fails under `CI=true`. Saves a screenshot
//! of every main page into `docs/screenshots/` at 1366×768.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};

use crate::helpers::{self, App, OFFICE, PASSWORD, UNIT_A, UNIT_B};

struct Driver {
    child: Child,
    url: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// chromedriver on a free port, or `None` (skip) outside CI.
async fn driver() -> Option<(Driver, PathBuf)> {
    let (Some(driver), Some(browser)) = (
        on_path("chromedriver"),
        on_path("chromium").or_else(|| on_path("chromium-browser")),
    ) else {
        if helpers::in_ci() {
            panic!(
                "chromium and chromedriver are required under CI=true (apt-get install chromium chromium-driver)"
            );
        }
        eprintln!("SKIP: no chromium/chromedriver on PATH");
        return None;
    };
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(driver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let d = Driver {
        child,
        url: format!("http://127.0.0.1:{port}"),
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Some((d, browser))
}

async fn browser(d: &Driver, binary: &Path) -> Client {
    let caps = serde_json::json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": binary,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1366,768", "--lang=zh-CN"],
        }
    });
    let serde_json::Value::Object(caps) = caps else {
        unreachable!()
    };
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&d.url)
        .await
        .expect("a browser session")
}

async fn shot(c: &Client, name: &str) {
    let dir = helpers::repo_file("docs/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    let png = c.screenshot().await.unwrap();
    assert!(png.starts_with(b"\x89PNG"));
    std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
}

async fn text(c: &Client, css: &str) -> String {
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .text()
        .await
        .unwrap()
}

async fn sign_in(c: &Client, app: &App, login: &str) {
    c.goto(&format!("{}/login", app.url)).await.unwrap();
    c.find(Locator::Id("login"))
        .await
        .unwrap()
        .send_keys(login)
        .await
        .unwrap();
    c.find(Locator::Id("password"))
        .await
        .unwrap()
        .send_keys(PASSWORD)
        .await
        .unwrap();
    c.find(Locator::Id("sign-in"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Id("logout"))
        .await
        .unwrap_or_else(|_| panic!("{login} is not signed in"));
}

async fn sign_out(c: &Client) {
    c.find(Locator::Id("logout"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Id("sign-in"))
        .await
        .expect("back on the sign-in page");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_season_in_the_browser_from_upload_to_the_draft() {
    let Some((d, binary)) = driver().await else {
        return;
    };
    let app = helpers::spawn().await;
    let other = app
        .submit_as_office(UNIT_B.1, 2023, "003_cb32341b71933a80.txt")
        .await;
    let c = browser(&d, &binary).await;

    // Wrong password: the form again, with the message.
    c.goto(&format!("{}/login", app.url)).await.unwrap();
    shot(&c, "login").await;
    c.find(Locator::Id("login"))
        .await
        .unwrap()
        .send_keys(UNIT_A.0)
        .await
        .unwrap();
    c.find(Locator::Id("password"))
        .await
        .unwrap()
        .send_keys("nope")
        .await
        .unwrap();
    c.find(Locator::Id("sign-in"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert!(text(&c, "#login-error").await.contains("不正确"));

    // The unit uploads its DOCX and waits until it is processed.
    sign_in(&c, &app, UNIT_A.0).await;
    assert!(c.current_url().await.unwrap().path().ends_with("/upload"));
    c.find(Locator::Id("year"))
        .await
        .unwrap()
        .clear()
        .await
        .unwrap();
    c.find(Locator::Id("year"))
        .await
        .unwrap()
        .send_keys("2023")
        .await
        .unwrap();
    let docx = helpers::repo_file("crates/fazhi-extract/tests/fixtures/word_001.docx");
    c.find(Locator::Id("file"))
        .await
        .unwrap()
        .send_keys(&docx.canonicalize().unwrap().display().to_string())
        .await
        .unwrap();
    shot(&c, "upload").await;
    c.find(Locator::Id("submit"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Id("status"))
        .await
        .expect("the report page after upload");
    let report_url = c.current_url().await.unwrap();
    assert!(report_url.path().starts_with("/reports/"));
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let status = c.find(Locator::Id("status")).await.unwrap();
        if status.attr("data-status").await.unwrap().as_deref() == Some("processed") {
            break;
        }
        assert!(Instant::now() < deadline, "the DOCX was not processed");
        tokio::time::sleep(Duration::from_millis(300)).await;
        c.refresh().await.unwrap();
    }
    let quantities: usize = text(&c, "#qty-count").await.parse().unwrap();
    assert!(quantities > 0, "numbers of the DOCX are found and marked");
    assert!(
        !c.find_all(Locator::Css("#report-text .qty"))
            .await
            .unwrap()
            .is_empty()
    );
    shot(&c, "report").await;

    // Another unit's report: the 403 page.
    c.goto(&format!("{}/reports/{other}", app.url))
        .await
        .unwrap();
    assert!(text(&c, "section.error h1").await.contains("403"));
    shot(&c, "forbidden").await;
    c.goto(&format!("{}/upload", app.url)).await.unwrap();
    sign_out(&c).await;
    c.goto(&format!("{}/upload", app.url)).await.unwrap();
    assert!(
        c.find(Locator::Id("sign-in")).await.is_ok(),
        "signed out: back to sign-in"
    );

    // The office: two of the roster have reported (both late, in 2026).
    sign_in(&c, &app, OFFICE).await;
    c.goto(&format!("{}/dashboard?year=2023", app.url))
        .await
        .unwrap();
    let expected: usize = text(&c, "#expected").await.parse().unwrap();
    assert_eq!(text(&c, "#actual").await, "2");
    assert_eq!(
        text(&c, "#rate").await,
        format!("{:.1}%", 200.0 / expected as f64)
    );
    assert_eq!(text(&c, "#on-time").await, "0");
    let rows = c
        .find_all(Locator::Css("#units tbody tr[data-state=missing]"))
        .await
        .unwrap();
    assert_eq!(rows.len(), expected - 2);
    shot(&c, "dashboard").await;

    // The draft: a number opens its source sentence, marked, in the report.
    c.goto(&format!("{}/draft?year=2023", app.url))
        .await
        .unwrap();
    assert!(c.find(Locator::Id("verify")).await.is_ok());
    shot(&c, "draft").await;
    // A number taken from one report is printed as written: its digits are
    // in the source sentence.
    let number = c
        .find(Locator::Css("#draft a.num[data-op=sum][data-sources='1']"))
        .await
        .expect("a number with one source");
    let shown = number.text().await.unwrap();
    number.click().await.unwrap();
    let sentence = text(&c, "#target").await;
    let digits: String = shown.chars().filter(|ch| ch.is_ascii_digit()).collect();
    assert!(!digits.is_empty(), "{shown:?}");
    let source_digits: String = sentence.chars().filter(|ch| ch.is_ascii_digit()).collect();
    assert!(
        source_digits.contains(&digits),
        "the source sentence {sentence:?} bears the number {shown:?}"
    );
    assert!(
        c.current_url()
            .await
            .unwrap()
            .path()
            .starts_with("/reports/")
    );
    shot(&c, "source").await;

    // Download the DOCX with the browser's own session.
    c.goto(&format!("{}/draft?year=2023", app.url))
        .await
        .unwrap();
    let href = c
        .find(Locator::Id("docx"))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    let cookie = c.get_named_cookie("fz_session").await.unwrap();
    let r = reqwest::Client::new()
        .get(format!("{}{href}", app.url))
        .header("cookie", format!("fz_session={}", cookie.value()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains(".docx")
    );
    let bytes = r.bytes().await.unwrap();
    assert!(bytes.starts_with(b"PK"), "a DOCX is a zip");

    for (path, name) in [("/charts?year=2023", "charts"), ("/roster", "roster")] {
        c.goto(&format!("{}{path}", app.url)).await.unwrap();
        c.find(Locator::Css("main h1")).await.unwrap();
        shot(&c, name).await;
    }
    c.close().await.unwrap();
}
