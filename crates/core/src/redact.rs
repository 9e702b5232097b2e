//! A wrapper that keeps personal data out of `Debug` output, logs and error messages.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Personal data (a name, a birth date, an address, free text) that must never be printed.
///
/// `Debug` prints `<redacted>`; there is deliberately no `Display`. Serialisation is
/// transparent, so the value still reaches the JSON documents that need it. Read the value
/// with [`Redacted::expose`], and only where the caller has a right to it.
///
/// # Example
///
/// ```
/// use krisesenter_core::Redacted;
/// let name = Redacted::new(String::from("Kari Nordmann"));
/// assert_eq!(format!("{name:?}"), "<redacted>");
/// assert_eq!(name.expose(), "Kari Nordmann");
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
#[schemars(transparent)]
pub struct Redacted<T>(T);

impl<T> Redacted<T> {
    /// Wraps a personal value.
    pub const fn new(value: T) -> Self {
        Self(value)
    }

    /// The personal value itself. Every call site is a place where personal data is read.
    pub const fn expose(&self) -> &T {
        &self.0
    }

    /// Unwraps the personal value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::fmt::Debug for Redacted<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}

impl<T> From<T> for Redacted<T> {
    fn from(value: T) -> Self {
        Self(value)
    }
}
