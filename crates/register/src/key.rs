//! The SQLCipher key, read from a file (feature `encryption`): never an argument, never the
//! environment, so it appears in no process listing, shell history or crash dump of the
//! environment.

use std::path::Path;

use crate::error::OpenError;

/// The key: the file's first line, without its line end. Kept only until `PRAGMA key` has
/// read it. Compiled without the feature too, so the default build tests it.
#[cfg_attr(not(feature = "encryption"), allow(dead_code))]
pub(crate) fn read_key(path: &Path) -> Result<String, OpenError> {
    let text = std::fs::read_to_string(path).map_err(|_| OpenError::KeyFile)?;
    let key = text.lines().next().unwrap_or_default().trim_end_matches('\r').to_owned();
    if key.is_empty() {
        return Err(OpenError::KeyFile);
    }
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_the_first_line_and_an_empty_or_missing_file_is_refused() {
        let dir = std::env::temp_dir().join(format!("register-key-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("key");
        std::fs::write(&file, "correct horse battery\r\nsecond line\n").unwrap();
        assert_eq!(read_key(&file), Ok("correct horse battery".to_owned()));
        std::fs::write(&file, "\nkey on the second line\n").unwrap();
        assert_eq!(read_key(&file), Err(OpenError::KeyFile));
        std::fs::write(&file, "").unwrap();
        assert_eq!(read_key(&file), Err(OpenError::KeyFile));
        assert_eq!(read_key(&dir.join("missing")), Err(OpenError::KeyFile));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
