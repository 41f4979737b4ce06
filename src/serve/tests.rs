//! Unit tests of the dev server: paths, request heads, responses, the bound address.

use super::*;

#[test]
fn traversal_is_refused() {
    let out = Path::new("/tmp/site-out");
    for bad in [
        "/../etc/passwd",
        "/a/../../etc",
        "/%2e%2e/etc/passwd",
        "/..%2fetc",
        "/a%5c..%5c..",
        "/%00",
        "/..\\etc\\passwd",
        "/%2E%2E/etc/passwd",
        "/a/%2e%2e/%2e%2e/etc",
        "/%c0%ae%c0%ae/etc/passwd",
        "/%ff",
        "http://localhost/../etc/passwd",
    ] {
        assert_eq!(resolve(out, bad), None, "{bad}");
    }
    assert_eq!(resolve(out, "/practices/a/"), Some(out.join("practices/a")));
    // Decoded once: a folder literally named `%2e%2e` inside the output.
    assert_eq!(
        resolve(out, "/%252e%252e/x"),
        Some(out.join("%2e%2e").join("x"))
    );
    // Leading slashes never make a path absolute.
    assert_eq!(resolve(out, "//etc/passwd"), Some(out.join("etc/passwd")));
    assert_eq!(
        resolve(out, "/%D0%BF%D0%BB%D0%B0%D0%BD/"),
        Some(out.join("план"))
    );
}

fn parse(raw: &str) -> Option<Result<Request, u16>> {
    let mut reader = std::io::Cursor::new(raw.as_bytes().to_vec());
    read_request(&mut reader)
        .expect("read from memory")
        .map(|r| r.map_err(|resp| resp.status))
}

#[test]
fn request_heads_are_read_and_keep_alive_decided() {
    let ok = |raw: &str| {
        parse(raw)
            .expect("a request")
            .unwrap_or_else(|s| panic!("{s}"))
    };
    let r = ok("GET /a/?q=1 HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_eq!((r.method.as_str(), r.target.as_str()), ("GET", "/a/?q=1"));
    assert!(r.keep_alive, "HTTP/1.1 keeps the connection by default");
    assert!(!ok("GET / HTTP/1.1\r\nConnection: Close\r\n\r\n").keep_alive);
    assert!(!ok("GET / HTTP/1.0\r\n\r\n").keep_alive);
    assert!(ok("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").keep_alive);
    assert!(!ok("POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc").keep_alive);
    // Bare LF line ends and blank lines before the request line are accepted.
    assert_eq!(ok("\r\n\nHEAD /x HTTP/1.1\nHost: x\n\n").method, "HEAD");
    // The connection ended between requests.
    assert!(parse("").is_none());
    assert!(parse("\r\n").is_none());
    for (raw, status) in [
        ("GET /\r\n\r\n", 400),
        ("GET / HTTP/1.1 x\r\n\r\n", 400),
        ("GET / HTTP/2\r\n\r\n", 505),
        ("GET / HTTP/1.1\r\nno colon\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: x\r\n", 400),
    ] {
        assert_eq!(parse(raw).unwrap().err(), Some(status), "{raw:?}");
    }
    let long = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(MAX_HEAD as usize));
    assert_eq!(parse(&long).unwrap().err(), Some(431));
}

#[test]
fn responses_carry_length_and_connection() {
    let mut out = Vec::new();
    let resp = Response::text(404, "нет");
    resp.write(&mut out, true, false).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("HTTP/1.1 404 Not Found\r\n"), "{text}");
    assert!(text.contains("\r\nContent-Length: 6\r\n"), "{text}");
    assert!(
        text.ends_with("Connection: keep-alive\r\n\r\nнет"),
        "{text}"
    );
    let mut out = Vec::new();
    resp.write(&mut out, false, true).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.ends_with("Content-Length: 6\r\nConnection: close\r\n\r\n"),
        "{text}"
    );
}

#[test]
fn the_server_binds_to_loopback() {
    let dir = std::env::temp_dir();
    let server = start(dir, 0, Arc::new(State::default())).expect("start");
    assert_eq!(
        server.addr.ip(),
        std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST)
    );
}
