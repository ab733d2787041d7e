//! The stdio transport: LSP base-protocol framing over standard input and output.
//!
//! Unlike a transport that stops at the first bad message, a body that is not JSON-RPC gets a
//! parse-error response (id null) and the server reads on; a broken header ends the session,
//! since the stream can no longer be framed.

use std::io::{self, BufRead, Read, Write};
use std::thread;

use crossbeam_channel::{Receiver, Sender, bounded};
use lsp_server::{Connection, Message};

/// The largest message body accepted: a document at the default file-size limit, escaped
/// into JSON, fits with room to spare. A larger Content-Length ends the session with an
/// error instead of an allocation of whatever size the header claims.
pub const MAX_BODY: usize = 256 * 1024 * 1024;

/// Reads one framed body. `Ok(None)` at the end of the input.
pub fn read_body(input: &mut impl BufRead) -> io::Result<Option<String>> {
    let mut length = None;
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':').ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("malformed header {header:?}"),
            )
        })?;
        if name.trim().eq_ignore_ascii_case("Content-Length") {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let length =
        length.ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "no Content-Length"))?;
    if length > MAX_BODY {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("Content-Length {length} is over the limit of {MAX_BODY} bytes"),
        ));
    }
    // Read what arrives rather than allocating the claimed length up front.
    let mut body = Vec::new();
    input.take(length as u64).read_to_end(&mut body)?;
    if body.len() < length {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            format!(
                "the input ended {} bytes into a {length}-byte message",
                body.len()
            ),
        ));
    }
    Ok(Some(String::from_utf8_lossy(&body).into_owned()))
}

/// Writes one framed body, holding the stdout lock for the whole message.
fn write_body(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    write!(out, "Content-Length: {}\r\n\r\n{text}", text.len())?;
    out.flush()
}

/// A connection over stdio, and the threads that serve it.
pub struct Transport {
    pub reader: thread::JoinHandle<io::Result<()>>,
    pub writer: thread::JoinHandle<io::Result<()>>,
}

pub fn stdio() -> (Connection, Transport) {
    let (to_server, from_client): (Sender<Message>, Receiver<Message>) = bounded(0);
    let (to_client, outgoing): (Sender<Message>, Receiver<Message>) = bounded(0);
    let writer = thread::spawn(move || {
        for msg in outgoing {
            let mut buf = Vec::new();
            msg.write(&mut buf)?;
            // Message::write frames the body itself.
            let mut out = io::stdout().lock();
            out.write_all(&buf)?;
            out.flush()?;
        }
        Ok(())
    });
    let reader = thread::spawn(move || {
        let stdin = io::stdin();
        let mut input = stdin.lock();
        while let Some(body) = read_body(&mut input)? {
            match serde_json::from_str::<Message>(&body) {
                Ok(msg) => {
                    let exit = matches!(&msg, Message::Notification(n) if n.method == "exit");
                    if to_server.send(msg).is_err() || exit {
                        break;
                    }
                }
                Err(e) => {
                    let error = serde_json::json!({
                        "jsonrpc": "2.0",
                        "id": null,
                        "error": { "code": -32700, "message": format!("parse error: {e}") },
                    });
                    write_body(&error.to_string())?;
                }
            }
        }
        Ok(())
    });
    (
        Connection {
            sender: to_client,
            receiver: from_client,
        },
        Transport { reader, writer },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_huge_or_short_body_is_an_error_not_an_allocation() {
        let mut huge = io::Cursor::new(b"Content-Length: 99999999999999\r\n\r\n{}".to_vec());
        let e = read_body(&mut huge).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidData);
        assert!(e.to_string().contains("over the limit"), "{e}");
        let mut short = io::Cursor::new(b"Content-Length: 10\r\n\r\n{}".to_vec());
        let e = read_body(&mut short).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::UnexpectedEof);
        let mut good = io::Cursor::new(b"Content-Length: 2\r\n\r\n{}".to_vec());
        assert_eq!(read_body(&mut good).unwrap().as_deref(), Some("{}"));
        assert_eq!(read_body(&mut good).unwrap(), None);
    }
}
