//! `metodist serve`: serves the site on loopback, rebuilds on change, shows build errors
//! in the page and recovers, refuses paths outside the output folder.

use crate::util::{SiteTest, BIN};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Kills the server when the test ends, however it ends.
struct ServerGuard {
    child: Child,
    stderr_path: std::path::PathBuf,
}

impl ServerGuard {
    fn stderr(&self) -> String {
        std::fs::read_to_string(&self.stderr_path).unwrap_or_default()
    }
}

impl Drop for ServerGuard {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A response: status code and body.
struct Response {
    status: u16,
    body: String,
}

/// A minimal HTTP/1.0 GET; `path` is sent exactly as given.
fn get(addr: SocketAddr, path: &str) -> std::io::Result<Response> {
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(5))?;
    s.set_read_timeout(Some(Duration::from_secs(10)))?;
    s.set_write_timeout(Some(Duration::from_secs(5)))?;
    write!(
        s,
        "GET {path} HTTP/1.0\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )?;
    s.flush()?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw)?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("bad response: {head:?}")))?;
    Ok(Response {
        status,
        body: body.to_string(),
    })
}

/// Starts `metodist serve` on a free port and returns it with its address.
fn start(site: &SiteTest) -> (ServerGuard, SocketAddr) {
    let stderr_path = site.root().parent().unwrap().join("serve.stderr");
    let stderr = std::fs::File::create(&stderr_path).unwrap();
    let mut child = Command::new(BIN)
        .arg("serve")
        .arg(site.root())
        .args(["--port", "0", "-o"])
        .arg(site.path("public"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::from(stderr))
        .spawn()
        .expect("spawn metodist serve");
    let stdout = child.stdout.take().unwrap();
    let guard = ServerGuard { child, stderr_path };
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        // Keep reading so the server never blocks on a full pipe.
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(line) => {
                if let Some(rest) = line.strip_prefix("Сайт: http://") {
                    let addr: SocketAddr = rest
                        .trim_end_matches('/')
                        .parse()
                        .unwrap_or_else(|e| panic!("bad address in {line:?}: {e}"));
                    assert!(addr.ip().is_loopback(), "{addr}");
                    assert_ne!(addr.port(), 0);
                    return (guard, addr);
                }
            }
            Err(_) => panic!(
                "serve printed no address\n--- stderr ---\n{}",
                guard.stderr()
            ),
        }
    }
}

fn version(addr: SocketAddr) -> u64 {
    let r = get(addr, "/__metodist/version").expect("GET version");
    assert_eq!(r.status, 200);
    r.body
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("version {:?}", r.body))
}

/// Polls `path` until `ok` holds for the page and the version is above `after`, for at
/// most 20 seconds; returns the page and the version.
fn wait_for(
    server: &ServerGuard,
    addr: SocketAddr,
    path: &str,
    after: u64,
    what: &str,
    ok: impl Fn(&Response) -> bool,
) -> (Response, u64) {
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut last = None;
    while Instant::now() < deadline {
        if let Ok(r) = get(addr, path) {
            let v = version(addr);
            if v > after && ok(&r) {
                return (r, v);
            }
            last = Some((r.status, r.body, v));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!(
        "timed out waiting for {what} at {path}; last response: {last:?}\n--- server stderr ---\n{}",
        server.stderr()
    );
}

const NEWS: &str = "content/news/novost.md";
const PAGE: &str = "/news/novost/index.html";

fn news(title: &str) -> String {
    format!("---\nkind: news\ntitle: {title}\ndate: 2025-01-20\n---\nЗаявки принимаются до 1 февраля.\n")
}

#[test]
fn serve_rebuilds_shows_errors_and_recovers() {
    let site = SiteTest::fixture("basic");
    let (server, addr) = start(&site);

    let r = get(addr, PAGE).unwrap();
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(
        r.body.contains("<h1>Открыт приём заявок на конкурс</h1>"),
        "{}",
        r.body
    );
    assert!(!r.body.contains("metodist-errors"));
    // The folder URL serves its index.html.
    let r = get(addr, "/news/novost/").unwrap();
    assert_eq!(r.status, 200);
    assert!(r.body.contains("Открыт приём заявок на конкурс"));
    // Pages get the reload script that polls the version.
    assert!(r.body.contains("/__metodist/version"));
    // A missing page is a 404.
    assert_eq!(get(addr, "/net-takoy-stranitsy/").unwrap().status, 404);

    let v0 = version(addr);
    assert!(v0 >= 1, "the first build counts: {v0}");

    // 1. A new title appears without a restart.
    site.create(NEWS, &news("Приём заявок продлён"));
    let (_, v1) = wait_for(&server, addr, PAGE, v0, "the new title", |r| {
        r.body.contains("<h1>Приём заявок продлён</h1>")
    });

    // 2. Broken front matter: the errors are shown over the previous version.
    site.create(
        NEWS,
        "---\nkind: news\ntitle: Сломано\nТекст без закрытого заголовка.\n",
    );
    let (r, v2) = wait_for(&server, addr, PAGE, v1, "the error overlay", |r| {
        r.body.contains("metodist-errors")
    });
    assert!(
        r.body.contains("<h1>Приём заявок продлён</h1>"),
        "previous version kept: {}",
        r.body
    );
    assert!(r.body.contains("content/news/novost.md:1:1"), "{}", r.body);
    assert!(r.body.contains("не закрыт"), "{}", r.body);
    // Every page shows the overlay, not just the broken one.
    assert!(get(addr, "/index.html")
        .unwrap()
        .body
        .contains("metodist-errors"));

    // 3. Fixed: the overlay is gone and the page is current.
    site.create(NEWS, &news("Приём заявок завершён"));
    wait_for(&server, addr, PAGE, v2, "recovery", |r| {
        r.body.contains("<h1>Приём заявок завершён</h1>") && !r.body.contains("metodist-errors")
    });
}

#[test]
fn serve_refuses_paths_outside_the_output() {
    let site = SiteTest::fixture("basic");
    // A file just outside the output folder that a traversal would reach.
    site.create("secret.txt", "root:x:0:0:секрет\n");
    let (_server, addr) = start(&site);
    assert_eq!(get(addr, "/robots.txt").unwrap().status, 200);
    // A symbolic link inside the output that leads out of it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        symlink(site.path("secret.txt"), site.path("public/leak.txt")).unwrap();
        // The page of a folder, and the page shown for every missing address.
        std::fs::create_dir_all(site.path("public/x")).unwrap();
        symlink(site.path("secret.txt"), site.path("public/x/index.html")).unwrap();
        std::fs::remove_file(site.path("public/404.html")).unwrap();
        symlink(site.path("secret.txt"), site.path("public/404.html")).unwrap();
    }
    for path in [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/news/../../secret.txt",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "/%5c..%5csecret.txt",
        "/./../secret.txt",
        "/news/%2e%2e/%2e%2e/secret.txt",
        "/%2e%2e%2f%2e%2e%2fsecret.txt",
        // Double encoding is decoded once: a folder literally named `%2e%2e`, not found.
        "/%252e%252e/secret.txt",
        // Overlong UTF-8 for `.`: not UTF-8, refused.
        "/%c0%ae%c0%ae/secret.txt",
        "/%00/../secret.txt",
        "//etc/passwd",
        "/C:/Windows/win.ini",
        "http://127.0.0.1/../secret.txt",
        "/leak.txt",
        "/x/",
        "/x",
        "/no-such-page/",
    ] {
        let r = get(addr, path).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(
            r.status == 403 || r.status == 404,
            "{path}: status {} body {}",
            r.status,
            r.body
        );
        assert!(
            !r.body.contains("root:"),
            "{path} leaked a file: {}",
            r.body
        );
    }
}

/// The server listens on 127.0.0.1 only: not on other loopback addresses, not on IPv6,
/// not on the machine's network address (if it has one).
#[test]
fn serve_binds_to_loopback_only() {
    let site = SiteTest::fixture("basic");
    let (_server, addr) = start(&site);
    assert_eq!(
        addr.ip(),
        std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST),
        "{addr}"
    );
    assert_eq!(get(addr, "/robots.txt").unwrap().status, 200);
    let port = addr.port();
    let mut others: Vec<std::net::IpAddr> = vec![
        "127.0.0.2".parse().unwrap(),
        std::net::Ipv6Addr::LOCALHOST.into(),
    ];
    // The address this machine would use to reach the network (no packet is sent).
    let lan = std::net::UdpSocket::bind("0.0.0.0:0")
        .and_then(|s| s.connect("192.0.2.1:9").and_then(|()| s.local_addr()))
        .map(|a| a.ip())
        .ok()
        .filter(|ip| !ip.is_loopback() && !ip.is_unspecified());
    match lan {
        Some(ip) => others.push(ip),
        None => eprintln!("no non-loopback address on this machine; checked loopback only"),
    }
    for ip in others {
        let target = SocketAddr::new(ip, port);
        let reached = TcpStream::connect_timeout(&target, Duration::from_secs(2)).is_ok();
        assert!(!reached, "the dev server answers on {target}");
    }
}

/// 50 clients × 20 requests at once on loopback: every request is answered, in bounded
/// time, and the server is still there afterwards.
#[test]
fn serve_survives_a_burst_of_1000_requests() {
    let site = SiteTest::fixture("basic");
    site.create("secret.txt", "root:x:0:0\n");
    let (server, addr) = start(&site);
    const CLIENTS: usize = 50;
    const EACH: usize = 20;
    let paths = [
        ("/news/novost/index.html", 200),
        ("/", 200),
        ("/css/style.css", 200),
        ("/__metodist/version", 200),
        ("/net-takoy-stranitsy/", 404),
        ("/../secret.txt", 403),
        ("/%2e%2e/secret.txt", 403),
    ];
    let (tx, rx) = mpsc::channel();
    let started = Instant::now();
    for c in 0..CLIENTS {
        let tx = tx.clone();
        std::thread::spawn(move || {
            for r in 0..EACH {
                let (path, want) = paths[(c + r) % paths.len()];
                let got = get(addr, path).map(|resp| resp.status);
                let _ = tx.send((path, want, got.map_err(|e| e.to_string())));
            }
        });
    }
    drop(tx);
    let deadline = started + Duration::from_secs(120);
    let mut answered = 0;
    let mut wrong = Vec::new();
    while answered < CLIENTS * EACH {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok((path, want, got)) => {
                answered += 1;
                if got.as_ref().ok() != Some(&want) {
                    wrong.push(format!("{path}: expected {want}, got {got:?}"));
                }
            }
            Err(e) => panic!(
                "{answered} of {} answered when the burst stopped ({e:?}) after {:?}\n--- server stderr ---\n{}",
                CLIENTS * EACH,
                started.elapsed(),
                server.stderr()
            ),
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} requests went wrong:\n{}",
        wrong.len(),
        CLIENTS * EACH,
        wrong[..wrong.len().min(20)].join("\n")
    );
    eprintln!("{} requests in {:?}", CLIENTS * EACH, started.elapsed());
    // Still serving.
    let r = get(addr, PAGE).unwrap();
    assert_eq!(r.status, 200);
    assert!(r.body.contains("Открыт приём заявок на конкурс"));
}

/// One HTTP/1.1 exchange on a kept-alive connection: sends a GET for `path` and reads the
/// response (by `Content-Length`, or chunked); returns the status.
fn get_kept_alive(reader: &mut BufReader<TcpStream>, path: &str) -> std::io::Result<u16> {
    let addr = reader.get_ref().peer_addr()?;
    write!(
        reader.get_mut(),
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: keep-alive\r\n\r\n"
    )?;
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let status = line
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("bad status line {line:?}")))?;
    let (mut length, mut chunked) = (None, false);
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Err(std::io::Error::other("connection closed in the headers"));
        }
        let Some((name, value)) = line.trim_end().split_once(':') else {
            break;
        };
        let value = value.trim().to_ascii_lowercase();
        match name.to_ascii_lowercase().as_str() {
            "content-length" => length = value.parse::<usize>().ok(),
            "transfer-encoding" => chunked = value.contains("chunked"),
            _ => {}
        }
    }
    if chunked {
        loop {
            line.clear();
            reader.read_line(&mut line)?;
            let size = usize::from_str_radix(line.trim(), 16).map_err(std::io::Error::other)?;
            let mut chunk = vec![0; size + 2];
            reader.read_exact(&mut chunk)?;
            if size == 0 {
                break;
            }
        }
    } else {
        let length = length.ok_or_else(|| std::io::Error::other("no Content-Length"))?;
        reader.read_exact(&mut vec![0; length])?;
    }
    Ok(status)
}

/// A browser opens several connections to the server at once, keeps them open and sends
/// request after request on each. Rounds of 16 connections that connect together, each
/// fetching 6 files and then staying open: every request is answered. (tiny_http's
/// connection pool could take in a connection and never read it when connections
/// arrived together; in the browser suite a page then waited forever for one file.)
#[test]
fn serve_answers_parallel_keep_alive_connections() {
    let site = SiteTest::fixture("basic");
    let (server, addr) = start(&site);
    const ROUNDS: usize = 6;
    const CONNECTIONS: usize = 16;
    const EACH: usize = 6;
    let paths = [
        (PAGE, 200),
        ("/robots.txt", 200),
        ("/css/style.css", 200),
        ("/__metodist/version", 200),
        ("/net-takoy-stranitsy/", 404),
        ("/", 200),
    ];
    let started = Instant::now();
    let mut open = Vec::new();
    let mut wrong = Vec::new();
    for round in 0..ROUNDS {
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(CONNECTIONS));
        let clients: Vec<_> = (0..CONNECTIONS)
            .map(|c| {
                let barrier = barrier.clone();
                std::thread::spawn(move || {
                    barrier.wait();
                    let stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5))
                        .map_err(|e| format!("connect: {e}"))?;
                    stream
                        .set_read_timeout(Some(Duration::from_secs(10)))
                        .unwrap();
                    let mut reader = BufReader::new(stream);
                    let mut errors = Vec::new();
                    for r in 0..EACH {
                        let (path, want) = paths[(c + r) % paths.len()];
                        match get_kept_alive(&mut reader, path) {
                            Ok(got) if got == want => {}
                            Ok(got) => errors.push(format!("{path}: {got}, expected {want}")),
                            Err(e) => {
                                errors.push(format!("{path}: request {r} unanswered: {e}"));
                                break;
                            }
                        }
                    }
                    Ok::<_, String>((reader, errors))
                })
            })
            .collect();
        for (c, client) in clients.into_iter().enumerate() {
            match client.join().expect("client thread") {
                Ok((reader, errors)) => {
                    wrong.extend(errors.into_iter().map(|e| format!("{round}.{c} {e}")));
                    // Kept open, as a browser keeps its idle connections.
                    open.push(reader);
                }
                Err(e) => wrong.push(format!("{round}.{c} {e}")),
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} problems in {:?}:\n{}\n--- server stderr ---\n{}",
        wrong.len(),
        started.elapsed(),
        wrong.join("\n"),
        server.stderr()
    );
    // Still answering new connections while all those stay open.
    assert_eq!(get(addr, PAGE).unwrap().status, 200);
    drop(open);
}

/// `/api/search` answers what `metodist search --json` answers, and follows edits: the
/// engine it keeps between requests is opened again when the index changes.
#[test]
fn serve_search_api_matches_the_cli_and_follows_edits() {
    let site = SiteTest::fixture("basic");
    let (server, addr) = start(&site);
    let public = site.path("public");
    let cli = |q: &str| -> serde_json::Value {
        let out = site.run(&[
            "search",
            q,
            "--json",
            "--site",
            "{site}",
            "-o",
            public.to_str().unwrap(),
        ]);
        out.assert_code(0);
        serde_json::from_str(&out.stdout).unwrap()
    };
    let api = |q: &str| -> serde_json::Value {
        let encoded: String =
            percent_encoding::utf8_percent_encode(q, percent_encoding::NON_ALPHANUMERIC)
                .to_string();
        let r = get(addr, &format!("/api/search?q={encoded}")).unwrap();
        assert_eq!(r.status, 200, "{}", r.body);
        serde_json::from_str(&r.body).unwrap()
    };
    let found = api("конкурс");
    assert!(found["total"].as_u64().unwrap() > 0, "{found}");
    assert_eq!(found, cli("конкурс"));

    // A word no page has yet: nothing; then a page gets it and the API finds it.
    let word = "звездолётостроение";
    assert_eq!(api(word)["total"], 0);
    let v0 = version(addr);
    site.create(
        NEWS,
        &format!("---\nkind: news\ntitle: Кружок\ndate: 2025-01-20\n---\nОткрыт кружок: {word}.\n"),
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let r = api(word);
        if version(addr) > v0 && r["total"].as_u64() == Some(1) {
            assert_eq!(r["hits"][0]["url"], "news/novost/", "{r}");
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the API never found the new word: {r}\n--- stderr ---\n{}",
            server.stderr()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn serve_on_a_busy_port_says_so_in_russian() {
    let site = SiteTest::fixture("basic");
    // Held for the whole test: the port stays busy.
    let busy = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let port = busy.local_addr().unwrap().port();
    let mut child = Command::new(BIN)
        .arg("serve")
        .arg(site.root())
        .args(["--port", &port.to_string(), "-o"])
        .arg(site.path("public"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn metodist serve");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success(), "{stderr}");
    let expected = format!("порт {port} занят: запустите с --port 0 или другим номером");
    assert!(stderr.contains(&expected), "{stderr}");
    assert!(!stderr.contains("Address already in use"), "{stderr}");
    drop(busy);
}

#[test]
fn serve_on_a_busy_port_leaves_no_folder_behind() {
    let site = SiteTest::fixture("basic");
    let tmp = site.path("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let busy = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let port = busy.local_addr().unwrap().port();
    // No -o: serve makes its own folder in TMPDIR before it learns the port is busy.
    let out = Command::new(BIN)
        .arg("serve")
        .arg(site.root())
        .args(["--port", &port.to_string()])
        .env("TMPDIR", &tmp)
        .stdin(Stdio::null())
        .output()
        .expect("run metodist serve");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(&format!("порт {port} занят")), "{stderr}");
    let left: Vec<_> = std::fs::read_dir(&tmp)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        left.is_empty(),
        "serve left {left:?} in its temporary folder"
    );
    drop(busy);
}
