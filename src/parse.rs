//! Entry points that run a `serde_json` deserializer with a [`Track`].

use crate::de::Track;
use crate::error::Error;

/// Runs `f` over the whole input, then checks that nothing but whitespace
/// follows, converting errors with their path and position.
pub(crate) fn with_deserializer<'de, R, T, F>(read: R, t: &Track, f: F) -> Result<T, Error>
where
    R: serde_json::de::Read<'de>,
    F: FnOnce(&mut serde_json::Deserializer<R>, &Track) -> Result<T, serde_json::Error>,
{
    let mut de = serde_json::Deserializer::new(read);
    let value = f(&mut de, t).map_err(|e| Error::from_json(e, t))?;
    de.end().map_err(|e| Error::from_json(e, t))?;
    Ok(value)
}
