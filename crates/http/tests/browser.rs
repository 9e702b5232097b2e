//! The reference front end in a real browser: headless Chromium driven by chromedriver over
//! the W3C WebDriver protocol (a tiny blocking HTTP/1.1 client below, no WebDriver crate).
//! A person's steps: type, choose, tick, submit, read the outcome and a reason; the same on
//! the room board; and on the record page, against a server started with a temporary
//! register, a member of staff reads a record's consents, holds and disclosure log with her
//! own token and records a consent, while another role's token and an unknown one are refused. Screenshots go to `target/browser-screenshots/`.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them when missing
//! and sets `KRISESENTER_BROWSER_TEST=1`). With that variable set, a missing browser fails
//! the test; without it (a developer's machine with only Rust), the test says so on standard
//! error and passes, so `cargo test --workspace` needs nothing beyond a Rust toolchain.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, reason = "test code")]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

// ------------------------------------------------------------------ a tiny HTTP/1.1 client

fn http(addr: SocketAddr, method: &str, path: &str, body: Option<&Value>) -> (u16, Value) {
    let body = body.map(Value::to_string).unwrap_or_default();
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).unwrap();
    // Read the head, then exactly the body it announces (a server may keep the connection open).
    let mut raw = Vec::new();
    let mut buf = [0u8; 64 * 1024];
    let split = loop {
        if let Some(split) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break split;
        }
        let n = stream.read(&mut buf).unwrap();
        assert!(n > 0, "the connection closed before the response head");
        raw.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
    let mut payload = raw[split + 4..].to_vec();
    let length =
        head.lines().find_map(|l| l.strip_prefix("content-length:")).and_then(|v| v.trim().parse::<usize>().ok());
    let chunked = head.contains("transfer-encoding: chunked");
    loop {
        let complete = match length {
            Some(length) => payload.len() >= length,
            None if chunked => payload.ends_with(b"0\r\n\r\n"),
            None => false,
        };
        if complete {
            break;
        }
        let n = stream.read(&mut buf).unwrap();
        if n == 0 {
            break;
        }
        payload.extend_from_slice(&buf[..n]);
    }
    if chunked {
        payload = dechunk(&payload);
    }
    let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let value = serde_json::from_slice(&payload).unwrap_or(Value::Null);
    (status, value)
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(line_end) = data.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&data[..line_end]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        out.extend_from_slice(&data[line_end + 2..line_end + 2 + size]);
        data = &data[line_end + 2 + size + 2..];
    }
    out
}

fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let sextets: Vec<u8> = text.bytes().filter_map(value).collect();
    let mut out = Vec::with_capacity(sextets.len() * 3 / 4);
    for chunk in sextets.chunks(4) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, s)| n | (u32::from(*s) << (18 - 6 * i)));
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..chunk.len().saturating_sub(1)]);
    }
    out
}

#[test]
fn base64_decodes_padded_and_unpadded_text() {
    assert_eq!(base64_decode("aGVsbG8="), b"hello");
    assert_eq!(base64_decode("aGVsbG8h"), b"hello!");
    assert_eq!(base64_decode("aGk="), b"hi");
}

// ------------------------------------------------------------------ WebDriver

struct Driver {
    addr: SocketAddr,
    session: String,
    process: Child,
}

impl Driver {
    fn start(profile: &Path) -> Self {
        let port = free_port();
        let process = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        // Owned from here on, so that a failure below still stops chromedriver (Drop).
        let mut driver = Self { addr, session: String::new(), process };
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(addr).is_err() || http(addr, "GET", "/status", None).1["value"]["ready"] != true {
            assert!(Instant::now() < deadline, "chromedriver did not become ready in 20 s");
            std::thread::sleep(Duration::from_millis(100));
        }
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync",
                         "--disable-dev-shm-usage", "--window-size=1280,2200", "--lang=nb",
                         format!("--user-data-dir={}", profile.display())]
            }
        }}});
        let (status, answer) = http(addr, "POST", "/session", Some(&capabilities));
        assert_eq!(status, 200, "no WebDriver session: {answer}");
        driver.session = answer["value"]["sessionId"].as_str().expect("session id").to_owned();
        driver
    }

    fn command(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let path = format!("/session/{}{path}", self.session);
        let (status, answer) = http(self.addr, method, &path, body.as_ref());
        assert_eq!(status, 200, "{method} {path}: {answer}");
        answer["value"].clone()
    }

    fn go(&self, url: &str) {
        self.command("POST", "/url", Some(json!({"url": url})));
    }

    fn find(&self, css: &str) -> String {
        let value = self.command("POST", "/element", Some(json!({"using": "css selector", "value": css})));
        value[ELEMENT].as_str().unwrap_or_else(|| panic!("no element {css}")).to_owned()
    }

    /// Waits (up to 15 s) for an element to appear, as a person waits for the answer.
    fn wait_for(&self, css: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let path = format!("/session/{}/element", self.session);
            let (status, answer) =
                http(self.addr, "POST", &path, Some(&json!({"using": "css selector", "value": css})));
            if status == 200 {
                return answer["value"][ELEMENT].as_str().unwrap().to_owned();
            }
            assert!(Instant::now() < deadline, "{css} did not appear in 15 s");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn type_into(&self, css: &str, text: &str) {
        let id = self.find(css);
        self.command("POST", &format!("/element/{id}/clear"), Some(json!({})));
        self.command("POST", &format!("/element/{id}/value"), Some(json!({"text": text})));
    }

    fn click(&self, css: &str) {
        let id = self.find(css);
        self.command("POST", &format!("/element/{id}/click"), Some(json!({})));
    }

    fn text(&self, css: &str) -> String {
        let id = self.find(css);
        self.command("GET", &format!("/element/{id}/text"), None).as_str().unwrap_or_default().to_owned()
    }

    fn attribute(&self, css: &str, name: &str) -> String {
        let id = self.find(css);
        self.command("GET", &format!("/element/{id}/attribute/{name}"), None).as_str().unwrap_or_default().to_owned()
    }

    fn script(&self, script: &str) -> Value {
        self.command("POST", "/execute/sync", Some(json!({"script": script, "args": []})))
    }

    fn screenshot(&self, path: &Path) {
        let png = self.command("GET", "/screenshot", None);
        std::fs::write(path, base64_decode(png.as_str().unwrap())).unwrap();
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = http(self.addr, "DELETE", &format!("/session/{}", self.session), None);
        }
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// The server on a free loopback port, in a thread of its own for the rest of the test run.
fn start_server(config: krisesenter_http::Config) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    listener.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            krisesenter_http::serve(listener, &config, std::future::pending()).await;
        });
    });
    addr
}

fn screenshots() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().unwrap().join("browser-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Whether the browser is there; fails when CI asked for the test and it is not.
fn browser_present() -> bool {
    let present = Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists();
    if !present {
        assert!(
            std::env::var_os("KRISESENTER_BROWSER_TEST").is_none(),
            "{CHROMIUM} or {CHROMEDRIVER} is missing: run the install step of .ci/run \
             (apt-get install -y chromium chromium-driver)"
        );
        eprintln!(
            "browser test not run: {CHROMIUM} or {CHROMEDRIVER} is missing \
             (apt-get install -y chromium chromium-driver, as .ci/run does)"
        );
    }
    present
}

#[test]
fn a_person_assesses_a_first_contact_and_allocates_rooms_in_the_browser() {
    if !browser_present() {
        return;
    }
    let register_dir = std::env::temp_dir().join(format!("krisesenter-browser-register-{}", std::process::id()));
    let server = start_server(config_with_register(&register_dir));
    let profile = std::env::temp_dir().join(format!("krisesenter-browser-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&profile);
    let shots = screenshots();
    let driver = Driver::start(&profile);
    let base = format!("http://{server}");

    // First contact: a woman of 34, physical violence from a former partner, in active
    // substance use.
    driver.go(&format!("{base}/#first-contact"));
    driver.wait_for("#fc-form");
    assert_eq!(driver.script("return document.documentElement.lang"), "nb");
    driver.type_into("#fc-age", "34");
    driver.click("#fc-gender option[value='female']");
    driver.click("label[for='fc-violence-physical']");
    driver.click("#fc-relation option[value='former_partner']");
    driver.click("label[for='fc-observations-active_substance_use']");
    driver.click("#fc-submit");

    driver.wait_for("#fc-residential-outcome");
    assert_eq!(driver.attribute("#fc-residential-outcome", "data-outcome"), "not_offered");
    assert_eq!(driver.text("#fc-residential-outcome"), "tilbys ikke");
    let reasons = driver.text("#fc-result");
    assert!(reasons.contains("Aktiv rus"), "the reason is shown: {reasons}");
    assert!(reasons.contains("krisesenterlova § 3"), "with its citation: {reasons}");
    assert!(!reasons.contains("null"), "nothing empty is shown as text: {reasons}");
    assert_eq!(driver.text("#fc-phone-outcome"), "tilbys");
    let alternative = driver.text("#fc-alternative-outcome");
    assert!(alternative.contains("spesialisert-senter"), "the equal alternative is named: {alternative}");
    // Focus moved to the result, so a screen reader reads it next.
    assert_eq!(driver.script("return document.activeElement.id"), "fc-result-h");
    driver.screenshot(&shots.join("first-contact-nb.png"));

    // The same answer in English, without asking the server again.
    driver.click("#lang-toggle");
    assert_eq!(driver.script("return document.documentElement.lang"), "en");
    assert_eq!(driver.text("#fc-residential-outcome"), "not offered");
    assert!(driver.text("#fc-result").contains("Active substance use"));
    driver.screenshot(&shots.join("first-contact-en.png"));
    driver.click("#lang-toggle");

    // Room board: add a household of two women and three children with top priority.
    driver.click("nav a[href='#rooms']");
    driver.wait_for("#page-rooms:not([hidden])");
    driver.type_into("#ro-hh-id", "h9");
    driver.type_into("#ro-hh-women", "2");
    driver.type_into("#ro-hh-children", "3, 6, 9");
    driver.click("#ro-hh-priority option[value='5']");
    driver.click("#ro-add-household");
    assert!(driver.text("#ro-households").contains("h9"));
    driver.click("#ro-submit");

    driver.wait_for("#ro-board");
    assert!(driver.text("li[data-room='r02']").contains("h1"), "h1 keeps its room r02");
    assert!(driver.text("li[data-room='r15']").contains("h3"), "h3 needs screening and gets r15");
    let unplaced = driver.text("#ro-unplaced li[data-household='h9']");
    assert!(unplaced.contains("større enn antall senger"), "h9 is unplaced with the reason: {unplaced}");
    driver.screenshot(&shots.join("room-board.png"));

    // Disclosure: the police ask where she is and for the violence history; she consented in
    // writing to sharing the violence history with the police.
    driver.click("nav a[href='#disclosure']");
    driver.wait_for("#page-disclosure:not([hidden])");
    driver.click("#di-requester option[value='police']");
    driver.click("label[for='di-information-violence_history']");
    driver.click("#di-submit");
    driver.wait_for("#di-outcome");
    assert_eq!(driver.attribute("#di-outcome", "data-outcome"), "share");
    assert!(driver.text("#di-result").contains("voldshistorikk til politiet"));
    driver.screenshot(&shots.join("disclosure.png"));

    // Retention: the example records, previewed today.
    driver.click("nav a[href='#retention']");
    driver.wait_for("#page-retention:not([hidden])");
    driver.click("#re-submit");
    driver.wait_for("#re-table");
    assert!(driver.text("#re-table").contains("holdes tilbake"), "the record under a police case is held");
    driver.screenshot(&shots.join("retention.png"));

    // Annual report: the small example, published with threshold 5: every small count hidden.
    driver.click("nav a[href='#report']");
    driver.wait_for("#page-report:not([hidden])");
    driver.click("#rp-example");
    driver.wait_for("#rp-table");
    assert!(driver.text("#rp-table").contains(':'), "small counts are hidden");
    assert_eq!(driver.script("return document.querySelectorAll('#rp-result svg rect.bar').length"), 5);
    driver.screenshot(&shots.join("annual-report.png"));

    // The register: a member of staff looks up record k0042 with her own token, sees its
    // consent, its hold and the disclosure logged, and records a new consent.
    driver.click("nav a[href='#record']");
    driver.wait_for("#page-record:not([hidden])");
    driver.type_into("#rg-token", STAFF_TOKEN);
    driver.type_into("#rg-id", "k0042");
    driver.click("#rg-submit");
    driver.wait_for("#rg-consents");
    assert!(driver.text("#rg-consents tr[data-consent='c1']").contains("politiet"), "the stored consent is shown");
    assert!(driver.text("#rg-holds tr[data-hold='h1']").contains("politisak"), "the hold is shown");
    assert_eq!(driver.attribute("#rg-disclosures tbody tr", "data-outcome"), "share");
    assert!(driver.text("#rg-contact").contains("pågår"), "the contact goes on");
    assert_eq!(driver.script("return document.activeElement.id"), "rg-result-h");
    driver.type_into("#rg-c-id", "c2");
    driver.click("#rg-c-kind option[value='storage']");
    driver.script("document.getElementById('rg-c-given').value = '2026-03-02'; return null");
    driver.click("#rg-c-submit");
    let added = driver.wait_for("#rg-consents tr[data-consent='c2']");
    assert!(!added.is_empty());
    assert!(driver.text("#rg-consents tr[data-consent='c2']").contains("2026-03-02"));
    driver.screenshot(&shots.join("record.png"));
    // The statistics officer's token reads no record: the page says the role may not.
    driver.type_into("#rg-token", OFFICER_TOKEN);
    driver.click("#rg-submit");
    driver.wait_for("#rg-result .error");
    assert!(driver.text("#rg-result").contains("forbidden"), "{}", driver.text("#rg-result"));
    // A token nobody has: the page says a token is needed.
    driver.type_into("#rg-token", "nobody-has-this-token-0123");
    driver.click("#rg-submit");
    driver.wait_for("#rg-result .error code");
    let refused = driver.text("#rg-result");
    assert!(refused.contains("unauthorized"), "{refused}");

    // Nothing typed was kept in the browser.
    let kept = driver.script("return [localStorage.length, sessionStorage.length, document.cookie]");
    assert_eq!(kept, json!([0, 0, ""]));
    drop(driver);
    let _ = std::fs::remove_dir_all(&profile);
    let _ = std::fs::remove_dir_all(&register_dir);
}

const STAFF_TOKEN: &str = "staff-on-duty-token-0123456789";
const OFFICER_TOKEN: &str = "statistics-officer-token-0123456789";

/// The server's configuration with a temporary register: record k0042 with a written consent
/// to share the violence history with the police, a police case hold and one disclosure
/// decided; a member of staff on duty and a statistics officer.
fn config_with_register(dir: &Path) -> krisesenter_http::Config {
    use krisesenter_register::{ActorId, Caller, RecordId, Register, RetentionPolicy, Role};
    fn noon() -> chrono::DateTime<chrono::Utc> {
        chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 3, 1, 12, 0, 0).single().unwrap()
    }
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap();
    let mut register = Register::open(&dir.join("shelter.db"), RetentionPolicy::default()).unwrap();
    let leader = Caller::new(ActorId::try_new("leader-1").unwrap(), Role::Leader, noon());
    let record = RecordId::try_new("k0042").unwrap();
    register.open_record(&leader, &record).unwrap();
    let consent = json!({"id": "c1", "kind": "sharing", "recipients": ["police"], "information": ["violence_history"],
                         "given_on": "2026-01-10", "written": true});
    register.give_consent(&leader, &record, &serde_json::from_value(consent).unwrap()).unwrap();
    let hold = json!({"id": "h1", "reason": "police_case", "placed_on": "2026-02-01"});
    register.place_hold(&leader, &record, &serde_json::from_value(hold).unwrap()).unwrap();
    let request =
        json!({"requester": "police", "initiative": "request", "information": ["violence_history"], "consents": []});
    let decided = register.disclose(&leader, &record, &serde_json::from_value(request).unwrap(), noon().date_naive());
    assert_eq!(serde_json::to_value(decided.unwrap()).unwrap()["outcome"], "share");
    let mut staff = krisesenter_http::Staff::new();
    let token = |text: &str| krisesenter_http::Token::new(text).unwrap();
    staff.add(ActorId::try_new("staff-7").unwrap(), Role::StaffOnDuty, token(STAFF_TOKEN)).unwrap();
    staff.add(ActorId::try_new("stat-1").unwrap(), Role::StatisticsOfficer, token(OFFICER_TOKEN)).unwrap();
    let mut config = krisesenter_http::Config::default();
    config.register = Some(krisesenter_http::RegisterMount::new(register, staff, noon));
    config
}
