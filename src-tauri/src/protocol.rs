//! The `stratus-img` protocol: serves the images of a note that the reader's HTML points at
//! (`stratus-img://localhost/<document id>/<percent-encoded path>`, or
//! `http://stratus-img.localhost/…` where the web view serves custom schemes over http). The
//! engine decides what may be served; this adapter maps its answer to an HTTP response. The
//! handler is asynchronous and reads on its own thread, so the UI thread never waits for the
//! library lock.

use tauri::http::{Method, Request, Response, StatusCode, header};
use tauri::{Manager, Runtime, UriSchemeContext, UriSchemeResponder};

use stratus_engine::{Error, ImageProblem, Library, percent_decode};

use crate::state::AppState;

/// The scheme the reader's image URLs use.
pub const SCHEME: &str = stratus_engine::IMAGE_URL_SCHEME;

/// Answers one request on its own thread.
pub fn handle<R: Runtime>(
    ctx: UriSchemeContext<'_, R>,
    request: Request<Vec<u8>>,
    responder: UriSchemeResponder,
) {
    let app = ctx.app_handle().clone();
    let spawned = std::thread::Builder::new()
        .name("stratus-img".into())
        .spawn(move || {
            let state = app.state::<AppState>();
            let response = match state.library() {
                Ok(library) => respond(Some(&library), request.method(), request.uri().path()),
                Err(_) => respond(None, request.method(), request.uri().path()),
            };
            responder.respond(response);
        });
    if let Err(e) = spawned {
        eprintln!("stratus: could not start a thread to serve an image: {e}");
    }
}

fn status(code: StatusCode) -> Response<Vec<u8>> {
    let mut response = Response::new(Vec::new());
    *response.status_mut() = code;
    response.headers_mut().insert(
        header::X_CONTENT_TYPE_OPTIONS,
        header::HeaderValue::from_static("nosniff"),
    );
    response
}

/// The response to `method` on URL path `path` (`/<document id>/<percent-encoded path>`):
/// the image with its type, 404 when the document or file does not exist, 403 when the
/// engine refuses the image, 400 for a malformed URL, 405 for anything but GET, and 503 when
/// the library is not open.
pub fn respond(library: Option<&Library>, method: &Method, path: &str) -> Response<Vec<u8>> {
    if method != Method::GET {
        return status(StatusCode::METHOD_NOT_ALLOWED);
    }
    let Some(library) = library else {
        return status(StatusCode::SERVICE_UNAVAILABLE);
    };
    let parsed = path
        .trim_start_matches('/')
        .split_once('/')
        .and_then(|(id, rest)| {
            let id = id.parse::<u32>().ok()?;
            Some((stratus_engine::DocumentId(id), percent_decode(rest)?))
        });
    let Some((document, relative)) = parsed else {
        return status(StatusCode::BAD_REQUEST);
    };
    match library.document_image(document, &relative) {
        Ok(image) => {
            let mut response = status(StatusCode::OK);
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                header::HeaderValue::from_static(image.format.mime()),
            );
            headers.insert(
                header::CACHE_CONTROL,
                header::HeaderValue::from_static("no-cache"),
            );
            *response.body_mut() = image.bytes;
            response
        }
        Err(Error::NotFound { .. })
        | Err(Error::ImageRefused {
            problem: ImageProblem::Missing,
            ..
        }) => status(StatusCode::NOT_FOUND),
        Err(Error::ImageRefused { .. }) => status(StatusCode::FORBIDDEN),
        Err(e) => {
            eprintln!("stratus: an image could not be read: {e}");
            status(StatusCode::INTERNAL_SERVER_ERROR)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use stratus_engine::LibraryOptions;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

    fn library() -> (Library, u32, tempfile::TempDir) {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("note.md"), "# Note\n\n![a](a b.png)\n").expect("note");
        std::fs::write(dir.path().join("a b.png"), PNG).expect("image");
        std::fs::write(dir.path().join("x.svg"), "<svg></svg>").expect("svg");
        let mut lib = Library::open_in_memory(LibraryOptions::default()).expect("library");
        lib.import_path(dir.path()).expect("import");
        let id = lib.documents().expect("documents")[0].id.0;
        (lib, id, dir)
    }

    #[test]
    fn an_image_is_served_with_its_type_and_nosniff() {
        let (lib, id, _dir) = library();
        let response = respond(Some(&lib), &Method::GET, &format!("/{id}/a%20b.png"));
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()[header::CONTENT_TYPE], "image/png");
        assert_eq!(
            response.headers()[header::X_CONTENT_TYPE_OPTIONS],
            "nosniff"
        );
        assert_eq!(response.body(), PNG);
    }

    #[test]
    fn refusals_missing_files_and_bad_urls_get_their_status() {
        let (lib, id, _dir) = library();
        for (path, code) in [
            (format!("/{id}/..%2Fsecret.png"), StatusCode::FORBIDDEN),
            (format!("/{id}/x.svg"), StatusCode::FORBIDDEN),
            (format!("/{id}/none.png"), StatusCode::NOT_FOUND),
            ("/4242/a%20b.png".to_string(), StatusCode::NOT_FOUND),
            ("/abc/a.png".to_string(), StatusCode::BAD_REQUEST),
            (format!("/{id}/a%zz.png"), StatusCode::BAD_REQUEST),
        ] {
            let response = respond(Some(&lib), &Method::GET, &path);
            assert_eq!(response.status(), code, "{path}");
            assert!(response.body().is_empty(), "{path}");
            assert_eq!(
                response.headers()[header::X_CONTENT_TYPE_OPTIONS],
                "nosniff"
            );
        }
        let post = respond(Some(&lib), &Method::POST, &format!("/{id}/a%20b.png"));
        assert_eq!(post.status(), StatusCode::METHOD_NOT_ALLOWED);
        let closed = respond(None, &Method::GET, &format!("/{id}/a%20b.png"));
        assert_eq!(closed.status(), StatusCode::SERVICE_UNAVAILABLE);
    }
}
