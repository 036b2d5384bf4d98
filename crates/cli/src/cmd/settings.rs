//! `stratus settings`: show the settings, or change some of them.

use std::io::Write;

use stratus_engine::{Library, Theme, UiLanguage, UiSettings};

use crate::args::{LangArg, ThemeArg};
use crate::output::Output;

/// The options given on the command line; `None` keeps the current value.
pub struct Change {
    pub language: Option<LangArg>,
    pub theme: Option<ThemeArg>,
    pub content_language: Option<LangArg>,
}

pub fn run(library: &mut Library, out: &mut Output, change: Change) -> anyhow::Result<()> {
    let current = library.ui_settings()?;
    let wanted = UiSettings {
        language: change.language.map(lang).unwrap_or(current.language),
        theme: change.theme.map(theme).unwrap_or(current.theme),
        content_language: change
            .content_language
            .map(lang)
            .unwrap_or(current.content_language),
    };
    let settings = if wanted == current {
        current
    } else {
        library.set_ui_settings(wanted)?
    };
    out.render(&settings, render_text)
}

fn lang(arg: LangArg) -> UiLanguage {
    match arg {
        LangArg::Ko => UiLanguage::Ko,
        LangArg::En => UiLanguage::En,
    }
}

fn theme(arg: ThemeArg) -> Theme {
    match arg {
        ThemeArg::System => Theme::System,
        ThemeArg::Light => Theme::Light,
        ThemeArg::Dark => Theme::Dark,
    }
}

fn render_text(s: &UiSettings, w: &mut dyn Write) -> std::io::Result<()> {
    writeln!(w, "language:          {}", s.language.code())?;
    let theme = match s.theme {
        Theme::System => "system",
        Theme::Light => "light",
        Theme::Dark => "dark",
    };
    writeln!(w, "theme:             {theme}")?;
    writeln!(w, "content language:  {}", s.content_language.code())
}
