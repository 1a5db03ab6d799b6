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
    let c = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&d.url)
        .await
        .expect("a browser session");
    // The page area itself is 1366×768 (the office screen): grow the window
    // by whatever the browser keeps for itself.
    c.goto("about:blank").await.unwrap();
    let inner = c
        .execute("return [window.innerWidth, window.innerHeight];", vec![])
        .await
        .unwrap();
    let (w, h) = (
        inner[0].as_u64().unwrap_or(1366) as u32,
        inner[1].as_u64().unwrap_or(768) as u32,
    );
    c.set_window_size(1366 + 1366 - w.min(1366), 768 + 768 - h.min(768))
        .await
        .unwrap();
    c
}

async fn shot(c: &Client, name: &str) {
    let dir = helpers::repo_file("docs/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    let png = c.screenshot().await.unwrap();
    assert!(png.starts_with(b"\x89PNG"));
    std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
}

/// Read from the element `css` once it is there; a page that re-renders
/// between the find and the read (a stale element) is read again.
async fn read<T, F, Fut>(c: &Client, css: &str, get: F) -> T
where
    F: Fn(fantoccini::elements::Element) -> Fut,
    Fut: std::future::Future<Output = Result<T, fantoccini::error::CmdError>>,
{
    for _ in 0..20 {
        let element = c
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"));
        match get(element).await {
            Ok(v) => return v,
            Err(e) if e.to_string().contains("stale element") => {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(e) => panic!("{css}: {e}"),
        }
    }
    panic!("{css}: stale after 20 tries")
}

async fn text(c: &Client, css: &str) -> String {
    read(c, css, |e| async move { e.text().await }).await
}

async fn attr(c: &Client, css: &str, name: &str) -> Option<String> {
    read(c, css, |e| async move { e.attr(name).await }).await
}

async fn type_into(c: &Client, id: &str, value: &str) {
    let field = c.find(Locator::Id(id)).await.unwrap();
    field.clear().await.unwrap();
    field.send_keys(value).await.unwrap();
}

async fn click(c: &Client, id: &str) {
    c.find(Locator::Id(id))
        .await
        .unwrap_or_else(|e| panic!("#{id}: {e}"))
        .click()
        .await
        .unwrap();
}

async fn sign_in(c: &Client, app: &App, login: &str) {
    c.goto(&format!("{}/login", app.url)).await.unwrap();
    type_into(c, "login", login).await;
    type_into(c, "password", PASSWORD).await;
    click(c, "sign-in").await;
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Id("logout"))
        .await
        .unwrap_or_else(|_| panic!("{login} is not signed in"));
}

async fn sign_out(c: &Client) {
    click(c, "logout").await;
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Id("sign-in"))
        .await
        .expect("back on the sign-in page");
}

/// On the upload page: pick the year and the file, submit, and wait on the
/// report page until the worker has processed it. Returns its URL.
async fn upload(c: &Client, year: &str, file: &Path, screenshot: Option<&str>) -> String {
    type_into(c, "year", year).await;
    c.find(Locator::Id("file"))
        .await
        .unwrap()
        .send_keys(&file.canonicalize().unwrap().display().to_string())
        .await
        .unwrap();
    if let Some(name) = screenshot {
        shot(c, name).await;
    }
    click(c, "submit").await;
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Id("status"))
        .await
        .expect("the report page after upload");
    let url = c.current_url().await.unwrap();
    assert!(url.path().starts_with("/reports/"), "{url}");
    let deadline = Instant::now() + Duration::from_secs(60);
    while attr(c, "#status", "data-status").await.as_deref() != Some("processed") {
        assert!(Instant::now() < deadline, "the DOCX was not processed");
        tokio::time::sleep(Duration::from_millis(200)).await;
        c.refresh().await.unwrap();
    }
    url.to_string()
}

/// The fixture DOCX with one more paragraph: the unit's corrected version.
fn revised_docx(original: &[u8], paragraph: &str) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(original)).unwrap();
    let mut zout = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap();
        let name = f.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        if name == "word/document.xml" {
            let xml = String::from_utf8(bytes).unwrap();
            let at = xml
                .rfind("<w:sectPr")
                .or_else(|| xml.rfind("</w:body>"))
                .expect("a document body");
            let p = format!("<w:p><w:r><w:t>{paragraph}</w:t></w:r></w:p>");
            bytes = format!("{}{p}{}", &xml[..at], &xml[at..]).into_bytes();
        }
        zout.start_file(name, options).unwrap();
        zout.write_all(&bytes).unwrap();
    }
    zout.finish().unwrap().into_inner()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_season_in_the_browser_from_upload_through_review_to_the_draft() {
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
    type_into(&c, "login", UNIT_A.0).await;
    type_into(&c, "password", "nope").await;
    click(&c, "sign-in").await;
    assert!(text(&c, "#login-error").await.contains("不正确"));

    // The unit uploads its DOCX; it is processed and waits for review.
    sign_in(&c, &app, UNIT_A.0).await;
    assert!(c.current_url().await.unwrap().path().ends_with("/upload"));
    let docx = helpers::repo_file("crates/fazhi-extract/tests/fixtures/word_001.docx");
    let first = upload(&c, "2023", &docx, Some("upload")).await;
    let quantities: usize = text(&c, "#qty-count").await.parse().unwrap();
    assert!(quantities > 0, "numbers of the DOCX are found and marked");
    assert!(
        !c.find_all(Locator::Css("#report-text .qty"))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        attr(&c, "#review-state", "data-state").await.as_deref(),
        Some("pending")
    );
    assert!(
        c.find(Locator::Id("accept")).await.is_err(),
        "a unit does not review"
    );
    shot(&c, "report").await;

    // Another unit's report: the 403 page. Signed out: back to sign-in.
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

    // The office returns it with a reason.
    let reason = "第三部分缺少具体数字，请补充后重新报送";
    sign_in(&c, &app, OFFICE).await;
    c.goto(&first).await.unwrap();
    type_into(&c, "reason", reason).await;
    click(&c, "return").await;
    assert!(text(&c, "#return-reason").await.contains(reason));
    assert_eq!(
        attr(&c, "#review-state", "data-state").await.as_deref(),
        Some("returned")
    );
    sign_out(&c).await;

    // The unit sees why, resubmits a corrected DOCX and enters its publication.
    sign_in(&c, &app, UNIT_A.0).await;
    assert!(
        text(&c, "#mine").await.contains(reason),
        "the reason in its list"
    );
    c.goto(&first).await.unwrap();
    assert!(text(&c, "#return-reason").await.contains(reason));
    click(&c, "resubmit").await;
    assert_eq!(attr(&c, "#year", "value").await.as_deref(), Some("2023"));
    let revised = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("修改稿.docx");
    std::fs::write(
        &revised,
        revised_docx(
            &std::fs::read(&docx).unwrap(),
            "补充说明：全年办理行政复议案件12件。",
        ),
    )
    .unwrap();
    let second = upload(&c, "2023", &revised, None).await;
    assert_ne!(second, first, "a new version");
    assert_eq!(
        c.find_all(Locator::Css("#versions li"))
            .await
            .unwrap()
            .len(),
        2
    );
    let url = "https://www.example.gov.cn/fzzf/2023/report.html";
    type_into(&c, "pub-url", url).await;
    c.execute(
        "document.getElementById('pub-date').value = arguments[0];",
        vec![serde_json::json!("2024-03-28")],
    )
    .await
    .unwrap();
    click(&c, "save-publication").await;
    assert_eq!(text(&c, "#published-on").await, "2024-03-28");
    sign_out(&c).await;

    // The office accepts the new version.
    sign_in(&c, &app, OFFICE).await;
    c.goto(&second).await.unwrap();
    click(&c, "accept").await;
    assert_eq!(
        attr(&c, "#review-state", "data-state").await.as_deref(),
        Some("accepted")
    );
    assert!(c.find(Locator::Id("reopen")).await.is_ok());
    shot(&c, "review").await;

    // The dashboard: two units reported (both late, in 2026), both count,
    // one accepted, one published.
    c.goto(&format!("{}/dashboard?year=2023", app.url))
        .await
        .unwrap();
    let expected: usize = text(&c, "#expected").await.parse().unwrap();
    assert_eq!(text(&c, "#actual").await, "2");
    assert_eq!(
        text(&c, "#rate").await,
        format!("{:.1}%（2/{expected}）", 200.0 / expected as f64)
    );
    assert_eq!(text(&c, "#on-time").await, "0");
    assert_eq!(text(&c, "#accepted").await, "1");
    assert_eq!(text(&c, "#published").await, "1");
    assert!(
        text(&c, "#publication-rate")
            .await
            .ends_with(&format!("（1/{expected}）"))
    );
    let rows = c
        .find_all(Locator::Css("#units tbody tr[data-state=missing]"))
        .await
        .unwrap();
    assert_eq!(rows.len(), expected - 2);
    assert!(
        text(&c, "#units tbody tr:has(.state.accepted)")
            .await
            .contains(UNIT_A.1)
    );
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
    let href = attr(&c, "#docx", "href").await.unwrap();
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
