//! User settings kept in the library, so the CLI and the desktop app share them and they
//! survive a reinstall of the app's web view. Stored as JSON under one key per group.

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::storage::{Library, kv};

/// Language of the interface.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum UiLanguage {
    /// Korean, the default.
    #[default]
    Ko,
    /// English.
    En,
}

/// Colour theme of the interface.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    /// Follow the operating system's light or dark preference.
    #[default]
    System,
    Light,
    Dark,
}

/// Interface settings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct UiSettings {
    /// Language of the interface.
    pub language: UiLanguage,
    pub theme: Theme,
    /// Language of the built-in course (Korean notes or English notes); only that
    /// language's notes are in the library, so search, cards and progress follow it.
    pub content_language: UiLanguage,
}

impl UiLanguage {
    /// The folder of `content/` that holds this language's notes.
    pub fn code(self) -> &'static str {
        match self {
            UiLanguage::Ko => "ko",
            UiLanguage::En => "en",
        }
    }
}

const UI_KEY: &str = "ui";

impl Library {
    /// The interface settings; defaults (Korean, system theme) when never saved or when the
    /// stored value cannot be read.
    pub fn ui_settings(&self) -> Result<UiSettings> {
        Ok(kv::read(self.conn(), UI_KEY)?.unwrap_or_default())
    }

    /// Saves the interface settings and returns them as stored. A new content language
    /// swaps the built-in course for the other language's notes; cards of the notes
    /// removed keep their history and come back if the language is switched back.
    pub fn set_ui_settings(&mut self, settings: UiSettings) -> Result<UiSettings> {
        let previous = self.ui_settings()?;
        self.transact(|tx| kv::write(tx, UI_KEY, &settings))?;
        if previous.content_language != settings.content_language {
            self.sync_course()?;
        }
        self.ui_settings()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::LibraryOptions;

    #[test]
    fn defaults_to_korean_and_system_theme_and_remembers_changes() {
        let mut lib = Library::open_in_memory(LibraryOptions::default()).unwrap();
        assert_eq!(
            lib.ui_settings().unwrap(),
            UiSettings {
                language: UiLanguage::Ko,
                theme: Theme::System,
                content_language: UiLanguage::Ko,
            }
        );
        let saved = lib
            .set_ui_settings(UiSettings {
                language: UiLanguage::En,
                theme: Theme::Dark,
                content_language: UiLanguage::Ko,
            })
            .unwrap();
        assert_eq!(saved.language, UiLanguage::En);
        assert_eq!(lib.ui_settings().unwrap(), saved);
    }

    #[test]
    fn unreadable_stored_value_falls_back_to_defaults() {
        let mut lib = Library::open_in_memory(LibraryOptions::default()).unwrap();
        lib.transact(|tx| {
            tx.execute(
                "INSERT INTO settings (key, value_json) VALUES ('ui', '{\"language\": 7')",
                [],
            )?;
            Ok(())
        })
        .unwrap();
        assert_eq!(lib.ui_settings().unwrap(), UiSettings::default());
    }
}
