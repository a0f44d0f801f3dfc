//! Hand-written HTTP/1.1 over a raw socket, for the receiver tests (raw, so
//! that heads and bodies can stall or be cut short). Each binary uses a
//! subset, hence `dead_code`.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Read;
use std::net::TcpStream;

use qlik_events::webhook::SIGNATURE_HEADER;

/// Whether a request asks the server to close the connection after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Connection {
    KeepAlive,
    Close,
}

/// The head of a JSON `POST /` of `length` bytes, signed if `signature`.
pub fn request_head(length: usize, signature: Option<&str>, connection: Connection) -> Vec<u8> {
    let mut head = format!(
        "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n\
         Content-Length: {length}\r\n"
    );
    if connection == Connection::Close {
        head.push_str("Connection: close\r\n");
    }
    if let Some(signature) = signature {
        head.push_str(&format!("{SIGNATURE_HEADER}: {signature}\r\n"));
    }
    head.push_str("\r\n");
    head.into_bytes()
}

/// `head` with `Expect: 100-continue` added: the server then answers
/// `100 Continue` once its handler starts reading the body, a sign the
/// tests can wait for instead of sleeping.
pub fn expecting_continue(head: Vec<u8>) -> Vec<u8> {
    let mut head = head;
    let end = head.len() - 2;
    head.splice(end..end, b"Expect: 100-continue\r\n".iter().copied());
    head
}

/// Waits for the interim `100 Continue` response, and reads only it.
pub fn read_continue(stream: &mut TcpStream) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        let n = stream.read(&mut byte).expect("no 100 Continue in time");
        assert!(n > 0, "connection closed before 100 Continue");
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head);
    assert!(
        head.starts_with("HTTP/1.1 100 "),
        "not 100 Continue: {head:?}"
    );
}

/// One response.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    /// The response head, lowercased.
    pub head: String,
    pub body: String,
}

impl Reply {
    /// The value of the header `name` (lowercase).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            (key == name).then(|| value.trim())
        })
    }
}

/// Reads one response (head, then `Content-Length` bytes of body), leaving
/// the connection as it is.
pub fn read_reply(stream: &mut TcpStream) -> Reply {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let split = loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        let n = stream.read(&mut chunk).expect("no response in time");
        assert!(
            n > 0,
            "connection closed before a response: {:?}",
            String::from_utf8_lossy(&buffer)
        );
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8(buffer[..split].to_vec())
        .unwrap()
        .to_ascii_lowercase();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("bad status line in {head:?}"));
    let length: usize = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
        .map_or(0, |value| value.trim().parse().unwrap());
    let mut body = buffer[split + 4..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut chunk).expect("body not read in time");
        assert!(n > 0, "connection closed in the middle of a body");
        body.extend_from_slice(&chunk[..n]);
    }
    Reply {
        status,
        head,
        body: String::from_utf8(body).unwrap(),
    }
}
