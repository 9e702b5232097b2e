//! The retention policy: how long a record is kept after a written storage consent, how many
//! days of grace follow a contact without consent, and the version every decision records.

use std::borrow::Cow;

use krisesenter_core::{IdError, validate_id};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The default number of years a record is kept after the latest written storage consent:
/// Romerike Krisesenter's published practice (platform §5).
pub const DEFAULT_CONSENT_RETENTION_YEARS: u32 = 10;
/// The default number of grace days after a contact without consent ends: none (Sortland's
/// practice: documents are handed to the user or destroyed once the contact has ended).
pub const DEFAULT_NO_CONSENT_GRACE_DAYS: u32 = 0;
/// The longest consent period a policy may set, in years.
pub const MAX_CONSENT_RETENTION_YEARS: u32 = 100;
/// The longest grace a policy may set, in days (ten years).
pub const MAX_NO_CONSENT_GRACE_DAYS: u32 = 3650;

/// Why a retention policy is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum PolicyError {
    /// The consent period is zero or longer than [`MAX_CONSENT_RETENTION_YEARS`].
    #[error("consent_retention_years must be 1 to {max}")]
    RetentionYears {
        /// The rejected number of years.
        years: u32,
        /// The largest accepted number.
        max: u32,
    },
    /// The grace is longer than [`MAX_NO_CONSENT_GRACE_DAYS`].
    #[error("no_consent_grace_days must be 0 to {max}")]
    GraceDays {
        /// The rejected number of days.
        days: u32,
        /// The largest accepted number.
        max: u32,
    },
    /// The version is not a valid token.
    #[error("policy version: {0}")]
    Version(#[from] IdError),
}

/// The version id of a retention policy: an opaque token of 1 to 64 characters from
/// `[A-Za-z0-9_.:-]`, recorded in every decision and every disposal certificate.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PolicyVersion(String);

impl PolicyVersion {
    /// Makes a version id from a token, validating it.
    ///
    /// # Errors
    ///
    /// [`IdError`] when the token is empty, too long or holds a character outside the alphabet.
    ///
    /// # Example
    ///
    /// ```
    /// use krisesenter_consent::PolicyVersion;
    /// assert_eq!(PolicyVersion::try_new("2026-1")?.as_str(), "2026-1");
    /// assert!(PolicyVersion::try_new("the new one").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn try_new(raw: impl Into<String>) -> Result<Self, IdError> {
        let raw = raw.into();
        validate_id(&raw)?;
        Ok(Self(raw))
    }

    /// The version id derived from the parameters, used when a policy names no version:
    /// `consent-{years}y-grace-{days}d`. Two policies with the same rules get the same id.
    pub fn derived(consent_retention_years: u32, no_consent_grace_days: u32) -> Self {
        Self(format!("consent-{consent_retention_years}y-grace-{no_consent_grace_days}d"))
    }

    /// The version as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for PolicyVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PolicyVersion({:?})", self.0)
    }
}

impl std::fmt::Display for PolicyVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for PolicyVersion {
    type Error = IdError;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        Self::try_new(raw)
    }
}

impl From<PolicyVersion> for String {
    fn from(version: PolicyVersion) -> String {
        version.0
    }
}

impl JsonSchema for PolicyVersion {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("PolicyVersion")
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "minLength": 1,
            "maxLength": 64,
            "pattern": "^[A-Za-z0-9_.:-]+$"
        })
    }
}

/// A retention policy (docs/contract.md `policy`): years kept after the latest written storage
/// consent, grace days after a contact without consent ends, and a version id.
///
/// The default is the shelter practice in the seeds: 10 years, 0 grace days, version
/// `consent-10y-grace-0d`.
///
/// # Example
///
/// ```
/// use krisesenter_consent::{PolicyError, PolicyVersion, RetentionPolicy};
///
/// let default = RetentionPolicy::default();
/// assert_eq!((default.consent_retention_years(), default.no_consent_grace_days()), (10, 0));
/// assert_eq!(default.version().as_str(), "consent-10y-grace-0d");
///
/// let local = RetentionPolicy::try_new(5, 30, Some(PolicyVersion::try_new("nittedal-2026")?))?;
/// assert_eq!(local.version().as_str(), "nittedal-2026");
/// // A consent period of zero years is refused.
/// assert!(matches!(RetentionPolicy::try_new(0, 0, None), Err(PolicyError::RetentionYears { .. })));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "PolicyInput")]
#[non_exhaustive]
pub struct RetentionPolicy {
    consent_retention_years: u32,
    no_consent_grace_days: u32,
    version: PolicyVersion,
}

/// The wire form of a policy, before validation.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "RetentionPolicy")]
struct PolicyInput {
    /// Years a record is kept after the latest written storage consent (1 to 100).
    #[schemars(range(min = 1, max = MAX_CONSENT_RETENTION_YEARS))]
    consent_retention_years: u32,
    /// Days a record is kept after a contact without consent ends (0 to 3650).
    #[schemars(range(max = MAX_NO_CONSENT_GRACE_DAYS))]
    no_consent_grace_days: u32,
    /// The policy's version id; derived from the two numbers when absent.
    #[serde(default)]
    version: Option<PolicyVersion>,
}

impl TryFrom<PolicyInput> for RetentionPolicy {
    type Error = PolicyError;
    fn try_from(raw: PolicyInput) -> Result<Self, Self::Error> {
        RetentionPolicy::try_new(raw.consent_retention_years, raw.no_consent_grace_days, raw.version)
    }
}

impl Default for RetentionPolicy {
    fn default() -> Self {
        Self {
            consent_retention_years: DEFAULT_CONSENT_RETENTION_YEARS,
            no_consent_grace_days: DEFAULT_NO_CONSENT_GRACE_DAYS,
            version: PolicyVersion::derived(DEFAULT_CONSENT_RETENTION_YEARS, DEFAULT_NO_CONSENT_GRACE_DAYS),
        }
    }
}

impl RetentionPolicy {
    /// Makes a policy; without a version, the version is [`PolicyVersion::derived`].
    ///
    /// # Errors
    ///
    /// [`PolicyError::RetentionYears`] when the years are 0 or more than 100;
    /// [`PolicyError::GraceDays`] when the grace is more than 3650 days.
    ///
    /// # Example
    ///
    /// ```
    /// use krisesenter_consent::{PolicyError, RetentionPolicy};
    /// let p = RetentionPolicy::try_new(10, 14, None)?;
    /// assert_eq!(p.version().as_str(), "consent-10y-grace-14d");
    /// assert!(matches!(RetentionPolicy::try_new(10, 4000, None), Err(PolicyError::GraceDays { .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn try_new(
        consent_retention_years: u32,
        no_consent_grace_days: u32,
        version: Option<PolicyVersion>,
    ) -> Result<Self, PolicyError> {
        if !(1..=MAX_CONSENT_RETENTION_YEARS).contains(&consent_retention_years) {
            return Err(PolicyError::RetentionYears {
                years: consent_retention_years,
                max: MAX_CONSENT_RETENTION_YEARS,
            });
        }
        if no_consent_grace_days > MAX_NO_CONSENT_GRACE_DAYS {
            return Err(PolicyError::GraceDays { days: no_consent_grace_days, max: MAX_NO_CONSENT_GRACE_DAYS });
        }
        let version = version.unwrap_or_else(|| PolicyVersion::derived(consent_retention_years, no_consent_grace_days));
        Ok(Self { consent_retention_years, no_consent_grace_days, version })
    }

    /// Years a record is kept after the latest written storage consent was given.
    pub fn consent_retention_years(&self) -> u32 {
        self.consent_retention_years
    }

    /// Days a record is kept after a contact without consent ends.
    pub fn no_consent_grace_days(&self) -> u32 {
        self.no_consent_grace_days
    }

    /// The version id every decision records.
    pub fn version(&self) -> &PolicyVersion {
        &self.version
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_form_is_validated_and_version_derived() {
        let p: RetentionPolicy =
            serde_json::from_str(r#"{"consent_retention_years":10,"no_consent_grace_days":0}"#).unwrap();
        assert_eq!(p, RetentionPolicy::default());
        let v: RetentionPolicy =
            serde_json::from_str(r#"{"consent_retention_years":3,"no_consent_grace_days":7,"version":"v2"}"#).unwrap();
        assert_eq!(v.version().as_str(), "v2");
        for bad in [
            r#"{"consent_retention_years":0,"no_consent_grace_days":0}"#,
            r#"{"consent_retention_years":101,"no_consent_grace_days":0}"#,
            r#"{"consent_retention_years":10,"no_consent_grace_days":3651}"#,
            r#"{"consent_retention_years":10,"no_consent_grace_days":0,"version":"a b"}"#,
            r#"{"consent_retention_years":10}"#,
            r#"{"consent_retention_years":10,"no_consent_grace_days":0,"x":1}"#,
        ] {
            assert!(serde_json::from_str::<RetentionPolicy>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn limits_are_inclusive() {
        assert!(RetentionPolicy::try_new(1, 0, None).is_ok());
        assert!(RetentionPolicy::try_new(100, 3650, None).is_ok());
        assert_eq!(RetentionPolicy::try_new(101, 0, None), Err(PolicyError::RetentionYears { years: 101, max: 100 }));
    }

    /// A version shows as itself, in `Display` and in `Debug`, and its schema is the token
    /// the contract names `PolicyVersion`.
    ///
    /// Kills `Debug`/`Display::fmt` of `PolicyVersion` replaced by `Ok(())`, and
    /// `JsonSchema::schema_name`/`json_schema` replaced by constants (policy.rs).
    #[test]
    fn version_displays_itself_and_has_the_contract_schema() {
        let v = PolicyVersion::try_new("romerike-2026").unwrap();
        assert_eq!(v.to_string(), "romerike-2026");
        assert_eq!(format!("{v:?}"), r#"PolicyVersion("romerike-2026")"#);
        assert_eq!(<PolicyVersion as JsonSchema>::schema_name(), "PolicyVersion");
        let schema = serde_json::to_value(schemars::schema_for!(PolicyVersion)).unwrap();
        assert_eq!(schema["type"], "string");
        assert_eq!((schema["minLength"].as_u64(), schema["maxLength"].as_u64()), (Some(1), Some(64)));
        assert_eq!(schema["pattern"], "^[A-Za-z0-9_.:-]+$");
    }
}
