//! Sends a signed test delivery to a webhook receiver, the way Qlik Cloud
//! would, and prints the answer: the role `stripe trigger` plays for Stripe
//! webhooks.
//!
//! ```text
//! QLIK_WEBHOOK_SECRET=my-webhook-secret cargo run --example send -- http://127.0.0.1:8080/ com.qlik.v1.license.lease.created
//! QLIK_WEBHOOK_SECRET=my-webhook-secret cargo run --example send -- http://127.0.0.1:8080/ --file event.json
//! cargo run --example send -- --list
//! ```
//!
//! The body is the vendor's published example of the event type
//! (`qlik_events::samples::json`), or the bytes of a file, sent unchanged.
//! The `Qlik-Signature` header is the HMAC-SHA256 of the body under
//! `QLIK_WEBHOOK_SECRET`; when the variable is unset the request is sent
//! unsigned. Prints the status line and the response body. Exit status 0
//! for a 2xx answer, 1 for any other answer or a network error, 2 for a
//! usage error.
//!
//! A minimal HTTP/1.1 client over `std::net::TcpStream`: `http://` URLs
//! only (no TLS; put a receiver on the internet behind HTTPS and test it
//! locally with this), one request per connection, 10 s timeouts.

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::process::ExitCode;
use std::time::Duration;

use qlik_events::EventType;
use qlik_events::webhook::{SIGNATURE_HEADER, sign};

const TIMEOUT: Duration = Duration::from_secs(10);
/// The most of a response kept; a receiver answers in a few bytes.
const MAX_RESPONSE: u64 = 64 * 1024;

const USAGE: &str =
    "usage: send <http://host:port/path> (<event type> | --file <path>)\n       send --list";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["--list"] => {
            for ty in EventType::KNOWN {
                println!("{ty}");
            }
            ExitCode::SUCCESS
        }
        [url, "--file", path] => match std::fs::read(path) {
            Ok(body) => send(url, &body),
            Err(e) => usage(&format!("cannot read {path}: {e}")),
        },
        [url, ty] => match qlik_events::samples::json(&EventType::from(*ty)) {
            Some(body) => send(url, body.as_bytes()),
            None => usage(&format!(
                "no published example of {ty:?}; `send --list` lists the known types"
            )),
        },
        _ => usage(""),
    }
}

fn usage(message: &str) -> ExitCode {
    if !message.is_empty() {
        eprintln!("error: {message}");
    }
    eprintln!("{USAGE}");
    ExitCode::from(2)
}

fn send(url: &str, body: &[u8]) -> ExitCode {
    let Some((host, path)) = parse_url(url) else {
        return usage(&format!("not an http:// URL: {url}"));
    };
    let signature = match std::env::var("QLIK_WEBHOOK_SECRET") {
        Ok(secret) if !secret.is_empty() => Some(sign(body, secret)),
        _ => {
            eprintln!("warning: QLIK_WEBHOOK_SECRET is not set; sending unsigned");
            None
        }
    };
    match post(host, path, body, signature.as_deref()) {
        Ok((status_line, status, response_body)) => {
            println!("{status_line}");
            if !response_body.is_empty() {
                println!("{}", String::from_utf8_lossy(&response_body));
            }
            if (200..300).contains(&status) {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!("error: {url}: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `http://host[:port][/path]` as (`host:port`, `/path`).
fn parse_url(url: &str) -> Option<(&str, &str)> {
    let rest = url.strip_prefix("http://")?;
    let (host, path) = match rest.find('/') {
        Some(at) => rest.split_at(at),
        None => (rest, "/"),
    };
    (!host.is_empty()).then_some((host, path))
}

/// POSTs `body` and returns the status line, the status code and the
/// response body.
fn post(
    host: &str,
    path: &str,
    body: &[u8],
    signature: Option<&str>,
) -> std::io::Result<(String, u16, Vec<u8>)> {
    let authority = if host.contains(':') && !host.ends_with(']') {
        host.to_owned()
    } else {
        format!("{host}:80")
    };
    let addr = authority
        .to_socket_addrs()?
        .next()
        .ok_or_else(|| std::io::Error::other("host has no address"))?;
    let mut stream = TcpStream::connect_timeout(&addr, TIMEOUT)?;
    stream.set_read_timeout(Some(TIMEOUT))?;
    stream.set_write_timeout(Some(TIMEOUT))?;

    let mut head = format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: qlik-events-send\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    if let Some(signature) = signature {
        head.push_str(&format!("{SIGNATURE_HEADER}: {signature}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;

    // `Connection: close`: the response ends where the stream does.
    let mut response = Vec::new();
    stream.take(MAX_RESPONSE).read_to_end(&mut response)?;
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| std::io::Error::other("incomplete HTTP response"))?;
    let head = String::from_utf8_lossy(&response[..split]).into_owned();
    let status_line = head.lines().next().unwrap_or_default().to_owned();
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("bad status line {status_line:?}")))?;
    let mut response_body = response.split_off(split + 4);
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        response_body = dechunk(&response_body);
    }
    Ok((status_line, status, response_body))
}

/// The data of a chunked body (extensions and trailers ignored).
fn dechunk(mut input: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = input.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&input[..end])
            .ok()
            .and_then(|line| usize::from_str_radix(line.split(';').next()?.trim(), 16).ok());
        let Some(size) = size.filter(|&size| size > 0) else {
            break;
        };
        let start = end + 2;
        let Some(chunk) = input.get(start..start + size) else {
            break;
        };
        out.extend_from_slice(chunk);
        input = input.get(start + size + 2..).unwrap_or_default();
    }
    out
}
