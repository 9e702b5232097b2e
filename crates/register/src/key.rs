//! The SQLCipher key, read from a file (feature `encryption`): never an argument, never the
//! environment, so it appears in no process listing, shell history or crash dump of the
//! environment.

use std::path::Path;

use crate::error::OpenError;

/// The key: the file's first line, without its line end. Kept only until `PRAGMA key` has
/// read it.
pub(crate) fn read_key(path: &Path) -> Result<String, OpenError> {
    let text = std::fs::read_to_string(path).map_err(|_| OpenError::KeyFile)?;
    let key = text.lines().next().unwrap_or_default().trim_end_matches('\r').to_owned();
    if key.is_empty() {
        return Err(OpenError::KeyFile);
    }
    Ok(key)
}
