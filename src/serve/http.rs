//! The little HTTP/1.1 the server needs: read one bounded GET request, write one response,
//! close. Nothing here allocates more than the bounds allow, whatever a client sends.

use std::io::{BufRead, BufReader, Read, Write};

/// Longest request line (method, target, version) accepted.
pub const MAX_REQUEST_LINE: usize = 8 * 1024;
/// Most bytes of headers (all lines together) accepted.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;

/// A parsed request: only what routing needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub method: String,
    /// The decoded path, without the query.
    pub path: String,
    /// The decoded query parameters, in order.
    pub query: Vec<(String, String)>,
}

/// A response to write.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
}

impl Response {
    pub fn json(status: u16, value: &serde_json::Value) -> Response {
        Response {
            status,
            content_type: "application/json",
            body: serde_json::to_vec(value).unwrap_or_default(),
        }
    }

    /// A JSON error `{"error": message}`.
    pub fn error(status: u16, message: &str) -> Response {
        Response::json(status, &serde_json::json!({ "error": message }))
    }
}

/// Why a request could not be read; each maps to a status (or to silence on a dead client).
#[derive(Debug, PartialEq)]
pub enum ReadError {
    /// The client went away or timed out before a whole request: no answer.
    Gone,
    /// Not HTTP as we take it: 400.
    Malformed(String),
    /// Request line too long: 414.
    LineTooLong,
    /// Headers too large: 431.
    HeadersTooLarge,
    /// A request with a body: 413 (the API takes none).
    BodyNotAllowed,
}

impl ReadError {
    pub fn response(&self) -> Option<Response> {
        match self {
            ReadError::Gone => None,
            ReadError::Malformed(m) => Some(Response::error(400, m)),
            ReadError::LineTooLong => Some(Response::error(414, "request line too long")),
            ReadError::HeadersTooLarge => Some(Response::error(431, "request headers too large")),
            ReadError::BodyNotAllowed => {
                Some(Response::error(413, "request bodies are not accepted"))
            }
        }
    }
}

/// Read one line of at most `max` bytes (without its CRLF); `Err(None)` when it is longer.
fn read_line(r: &mut impl BufRead, max: usize) -> Result<Option<Vec<u8>>, Option<()>> {
    let mut line = Vec::new();
    let n = r
        .take(max as u64 + 2)
        .read_until(b'\n', &mut line)
        .map_err(|_| Some(()))?;
    if n == 0 {
        return Ok(None);
    }
    if line.last() != Some(&b'\n') {
        // Either the limit was hit or the client closed mid-line.
        return if n > max { Err(None) } else { Err(Some(())) };
    }
    line.pop();
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    Ok(Some(line))
}

/// Read one request from `stream` within the bounds.
pub fn read_request(stream: impl Read) -> Result<Request, ReadError> {
    let mut r = BufReader::with_capacity(4096, stream);
    let line = match read_line(&mut r, MAX_REQUEST_LINE) {
        Ok(Some(l)) => l,
        Ok(None) | Err(Some(())) => return Err(ReadError::Gone),
        Err(None) => return Err(ReadError::LineTooLong),
    };
    let line = String::from_utf8(line)
        .map_err(|_| ReadError::Malformed("request line is not UTF-8".into()))?;
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(ReadError::Malformed(format!("bad request line {line:?}")));
    };
    if !version.starts_with("HTTP/1.") {
        return Err(ReadError::Malformed(format!(
            "unsupported version {version:?}"
        )));
    }
    let mut header_bytes = 0;
    loop {
        let budget = MAX_HEADER_BYTES.saturating_sub(header_bytes);
        let h = match read_line(&mut r, budget) {
            Ok(Some(h)) => h,
            Ok(None) | Err(Some(())) => return Err(ReadError::Gone),
            Err(None) => return Err(ReadError::HeadersTooLarge),
        };
        if h.is_empty() {
            break;
        }
        header_bytes += h.len() + 2;
        let h = String::from_utf8_lossy(&h);
        if let Some((name, value)) = h.split_once(':') {
            let name = name.trim();
            let value = value.trim();
            if (name.eq_ignore_ascii_case("content-length") && value != "0")
                || name.eq_ignore_ascii_case("transfer-encoding")
            {
                return Err(ReadError::BodyNotAllowed);
            }
        }
    }
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    Ok(Request {
        method: method.to_string(),
        path: percent_decode(path, false)
            .ok_or_else(|| ReadError::Malformed(format!("bad path {path:?}")))?,
        query: parse_query(query)
            .ok_or_else(|| ReadError::Malformed(format!("bad query string {query:?}")))?,
    })
}

/// `a=1&b=x%20y` into pairs; `None` on a bad escape or non-UTF-8.
pub fn parse_query(q: &str) -> Option<Vec<(String, String)>> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            Some((percent_decode(k, true)?, percent_decode(v, true)?))
        })
        .collect()
}

/// Decode `%XX` escapes (and `+` as a space in a query); `None` on a bad escape or non-UTF-8.
pub fn percent_decode(s: &str, plus_is_space: bool) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                let hex = s.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' if plus_is_space => {
                out.push(b' ');
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        413 => "Payload Too Large",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// Write `resp` and announce the connection's close.
pub fn write_response(mut w: impl Write, resp: &Response) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\
         X-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\n\r\n",
        resp.status,
        reason(resp.status),
        resp.content_type,
        resp.body.len()
    );
    // One write: head and body leave in the same segments (the socket has no Nagle delay).
    let mut out = Vec::with_capacity(head.len() + resp.body.len());
    out.extend_from_slice(head.as_bytes());
    out.extend_from_slice(&resp.body);
    w.write_all(&out)?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_get_with_query() {
        let r = read_request(
            &b"GET /api/events?actor=USA&q=tariff%20talks+now HTTP/1.1\r\nHost: x\r\n\r\n"[..],
        )
        .unwrap();
        assert_eq!(r.method, "GET");
        assert_eq!(r.path, "/api/events");
        assert_eq!(
            r.query,
            vec![
                ("actor".into(), "USA".into()),
                ("q".into(), "tariff talks now".into())
            ]
        );
    }

    #[test]
    fn bounds_and_bad_input() {
        let long = format!(
            "GET /{} HTTP/1.1\r\n\r\n",
            "a".repeat(MAX_REQUEST_LINE + 10)
        );
        assert_eq!(read_request(long.as_bytes()), Err(ReadError::LineTooLong));
        let big = format!(
            "GET / HTTP/1.1\r\nX: {}\r\n\r\n",
            "b".repeat(MAX_HEADER_BYTES)
        );
        assert_eq!(
            read_request(big.as_bytes()),
            Err(ReadError::HeadersTooLarge)
        );
        let body = "POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello";
        assert_eq!(
            read_request(body.as_bytes()),
            Err(ReadError::BodyNotAllowed)
        );
        assert!(matches!(
            read_request(&b"GET /%zz HTTP/1.1\r\n\r\n"[..]),
            Err(ReadError::Malformed(_))
        ));
        assert!(matches!(
            read_request(&b"HELLO\r\n\r\n"[..]),
            Err(ReadError::Malformed(_))
        ));
        assert_eq!(
            read_request(&b"GET / HTTP/1.1\r\nHost"[..]),
            Err(ReadError::Gone)
        );
        assert_eq!(read_request(&b""[..]), Err(ReadError::Gone));
    }
}
