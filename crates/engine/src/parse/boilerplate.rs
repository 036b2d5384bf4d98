//! Page furniture that comes along when a web page, a blog post or a slide deck is copied
//! into a note: "top of page", ad sizes ("728x90"), share and subscribe buttons, view
//! counts, cookie notices, "Upgrade to Pro" banners, bylines. Such a line is never a title,
//! a section heading or a card. The test is on one whole line, so a sentence that merely
//! mentions sharing or subscribing ("SNS 구독자에게 전달") is kept.

/// Whole lines (after trimming, bullets removed, case folded) that are page furniture.
const EXACT: &[&str] = &[
    "top of page",
    "back to top",
    "go to top",
    "scroll to top",
    "skip to content",
    "skip to main content",
    "menu",
    "search",
    "share",
    "share this",
    "share this:",
    "share this post",
    "like",
    "like this:",
    "liked by",
    "save",
    "embed",
    "more",
    "download",
    "download pdf",
    "print",
    "subscribe",
    "follow",
    "sign in",
    "sign up",
    "log in",
    "related posts",
    "related articles",
    "leave a comment",
    "leave a reply",
    "comments",
    "facebook",
    "twitter",
    "x",
    "linkedin",
    "reddit",
    "copy link",
    "accept",
    "accept all",
    "accept all cookies",
    "reject all",
    "advertisement",
    "sponsored",
    "반응형",
    "맨 위로",
    "맨위로",
    "공유하기",
    "구독하기",
    "구독",
    "공유",
    "좋아요",
    "댓글",
    "댓글쓰기",
    "댓글 쓰기",
    "게시글 관리",
    "이전 글",
    "다음 글",
    "이전글",
    "다음글",
    "목록",
    "목록보기",
    "전체 보기",
    "검색 결과",
    "로그인",
    "회원가입",
    "신고",
    "신고하기",
    "광고",
    "관련글",
    "관련 글",
];

/// Openings of a line that is page furniture whatever follows.
const OPENINGS: &[&str] = &[
    "upgrade to pro",
    "share on ",
    "share to ",
    "share via ",
    "posted on ",
    "posted by ",
    "published on ",
    "written by ",
    "powered by ",
    "copyright ",
    "© ",
    "more decks by ",
    "more posts by ",
    "follow us",
    "subscribe to ",
    "sign up for ",
    "this site uses cookies",
    "this website uses cookies",
    "we use cookies",
    "by continuing to use",
    "공감 ",
    "조회수 ",
    "조회 ",
    "댓글 ",
    "구독자 ",
    "저작자표시",
    "이 사이트는 쿠키",
    "이 웹사이트는 쿠키",
];

/// Whether `line` is page furniture rather than note text.
pub(crate) fn is_boilerplate(line: &str) -> bool {
    let t = line
        .trim()
        .trim_start_matches(['•', '·', '▪', '◦', '‣', '●', '○', '■', '□', '-', '*'])
        .trim();
    if t.is_empty() {
        return false;
    }
    let lower = t.to_lowercase();
    if EXACT.contains(&lower.as_str()) || OPENINGS.iter().any(|o| lower.starts_with(o)) {
        return true;
    }
    // Ad slot sizes: "728x90", "300 x 250".
    let squeezed: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some((w, h)) = squeezed.split_once(['x', '×'])
        && !w.is_empty()
        && !h.is_empty()
        && w.chars().chain(h.chars()).all(|c| c.is_ascii_digit())
    {
        return true;
    }
    // View and result counters: "1,204 views", "61 results found …", "조회수 12".
    let first_word_is_count = lower
        .split_whitespace()
        .next()
        .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit() || c == ','));
    if first_word_is_count
        && [
            "views",
            "view",
            "results found",
            "comments",
            "likes",
            "shares",
        ]
        .iter()
        .any(|w| lower.contains(w))
        && lower.split_whitespace().count() <= 8
    {
        return true;
    }
    // Footers and cookie notices.
    if lower.contains("all rights reserved") {
        return true;
    }
    // A cookie notice, in the words sites use for one; a note about signed cookies is kept.
    let is_cookie_notice = [
        "we use cookies",
        "uses cookies",
        "use of cookies",
        "accept all cookies",
        "accept cookies",
        "cookie policy",
        "cookie settings",
        "cookie preferences",
        "쿠키를 사용합니다",
        "쿠키를 사용하고",
        "쿠키 사용에 동의",
        "쿠키 설정",
        "쿠키 정책",
    ]
    .iter()
    .any(|w| lower.contains(w));
    is_cookie_notice && t.chars().count() <= 240
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_furniture_is_recognised() {
        for line in [
            "top of page",
            "728x90",
            "300 x 250",
            "반응형",
            "Upgrade to Pro — share decks privately, control downloads, hide ads and more …",
            "Share on X",
            "Share this:",
            "Subscribe",
            "공유하기",
            "구독하기",
            "맨 위로",
            "  • 공감 12",
            "1,204 views",
            "61 results found with an empty search",
            "Copyright 클라우드 공부방 All rights reserved",
            "We use cookies to improve your experience. Accept?",
            "이 사이트는 쿠키를 사용합니다. 동의하시겠습니까?",
            "Posted on 2025-09-20 by someone",
            "Skip to content",
        ] {
            assert!(is_boilerplate(line), "{line}");
        }
    }

    #[test]
    fn note_text_that_mentions_sharing_is_kept() {
        for line in [
            "AWS Organizations",
            "SNS 구독자에게 메시지를 복사해 보낸다",
            "Share a snapshot with another account by adding its account id.",
            "Subscribe an SQS queue to the topic",
            "RI 할인이 다른 계정과 공유됨",
            "  오답: 서명된 쿠키(signed cookie)는 여러 파일에 접근을 허용한다.",
            "Signed cookies accept a custom policy for many files.",
            "S3 Search",
            "3 AZ",
            "1,000 requests per second",
            "",
        ] {
            assert!(!is_boilerplate(line), "{line}");
        }
    }
}
