//! Who may do what: roles, operations and fields, and the one table that joins them.
//!
//! Access is denied by default: a role may perform an operation, or see a field of what it
//! reads, only when [`PERMISSIONS`] lists it. The table is data, so a reviewer reads the whole
//! policy in one place and a test walks every cell of it.

use chrono::{DateTime, Utc};

krisesenter_core::id_type!(
    /// Identifies a member of staff (or an auditor or statistics officer) who uses the
    /// register: the name the access log records, never a person's name.
    ActorId
);

krisesenter_core::wire_enum!(
    /// A role a member of staff acts in.
    pub enum Role {
        /// Staff on duty: keep the records of the users they work with.
        StaffOnDuty => "staff_on_duty",
        /// The shelter's leader: everything staff do, and holds, sweeps, certificates and
        /// statistics.
        Leader => "leader",
        /// The statistics officer: the anonymous figures only, never an id.
        StatisticsOfficer => "statistics_officer",
        /// An auditor: the access log, the disclosure log and the certificates, and of a record
        /// only what retention turns on (its id, contact period, holds and policy version).
        Auditor => "auditor",
    }
);

krisesenter_core::wire_enum!(
    /// An operation of the register.
    pub enum Operation {
        /// Open a new case record.
        OpenRecord => "open_record",
        /// Record the end of a contact (or reopen it) and the statistics opt-out.
        UpdateRecord => "update_record",
        /// Read a case record.
        ReadRecord => "read_record",
        /// Store a consent given by the user.
        GiveConsent => "give_consent",
        /// Record that a consent was withdrawn.
        WithdrawConsent => "withdraw_consent",
        /// Place a legal hold on a record.
        PlaceHold => "place_hold",
        /// Release a legal hold.
        ReleaseHold => "release_hold",
        /// Append a casework event to a record.
        AppendEvent => "append_event",
        /// Read a record's casework events.
        ReadEvents => "read_events",
        /// Record a stay or a day contact as a statistical record of the case.
        RecordStatistics => "record_statistics",
        /// Decide a disclosure and log it.
        Disclose => "disclose",
        /// Read the disclosure log.
        ReadDisclosureLog => "read_disclosure_log",
        /// Run the retention sweep.
        Sweep => "sweep",
        /// Read the disposal certificates.
        ReadCertificates => "read_certificates",
        /// Read the anonymous statistics of a year.
        ReadStatistics => "read_statistics",
        /// Read and verify the access log.
        ReadAccessLog => "read_access_log",
    }
);

krisesenter_core::wire_enum!(
    /// A field of what the register gives back. A role sees only the fields the table lists
    /// for it; the others come back empty (`None`).
    pub enum Field {
        /// A record's id, anywhere it appears (records, certificates, logs).
        RecordId => "record_id",
        /// The day a contact ended.
        ContactPeriod => "contact_period",
        /// The consents, with their scope and dates.
        Consents => "consents",
        /// The legal holds.
        Holds => "holds",
        /// The retention policy version a record was opened under.
        PolicyVersion => "policy_version",
        /// The statistics opt-out.
        StatisticsOptOut => "statistics_opt_out",
        /// The casework events.
        Events => "events",
        /// The disclosure log's requests and decisions.
        Disclosures => "disclosures",
        /// What a disposal certificate says besides the record id (rule, day, policy,
        /// statistics kept).
        Certificates => "certificates",
        /// The anonymous statistics.
        Statistics => "statistics",
        /// The access log's entries (who, role, operation, time).
        AccessLog => "access_log",
    }
);

/// One row of the permission table: a role, the operations it may perform and the fields it
/// may see.
#[derive(Debug, Clone, Copy)]
pub struct Permission {
    /// The role.
    pub role: Role,
    /// The operations it may perform.
    pub operations: &'static [Operation],
    /// The fields it may see in what it reads.
    pub fields: &'static [Field],
}

use Field as F;
use Operation as O;

/// The whole access policy. Anything not listed is refused.
pub const PERMISSIONS: &[Permission] = &[
    Permission {
        role: Role::StaffOnDuty,
        operations: &[
            O::OpenRecord,
            O::UpdateRecord,
            O::ReadRecord,
            O::GiveConsent,
            O::WithdrawConsent,
            O::AppendEvent,
            O::ReadEvents,
            O::RecordStatistics,
            O::Disclose,
            O::ReadDisclosureLog,
        ],
        fields: &[
            F::RecordId,
            F::ContactPeriod,
            F::Consents,
            F::Holds,
            F::PolicyVersion,
            F::StatisticsOptOut,
            F::Events,
            F::Disclosures,
        ],
    },
    Permission {
        role: Role::Leader,
        operations: &[
            O::OpenRecord,
            O::UpdateRecord,
            O::ReadRecord,
            O::GiveConsent,
            O::WithdrawConsent,
            O::PlaceHold,
            O::ReleaseHold,
            O::AppendEvent,
            O::ReadEvents,
            O::RecordStatistics,
            O::Disclose,
            O::ReadDisclosureLog,
            O::Sweep,
            O::ReadCertificates,
            O::ReadStatistics,
        ],
        fields: &[
            F::RecordId,
            F::ContactPeriod,
            F::Consents,
            F::Holds,
            F::PolicyVersion,
            F::StatisticsOptOut,
            F::Events,
            F::Disclosures,
            F::Certificates,
            F::Statistics,
        ],
    },
    Permission {
        role: Role::StatisticsOfficer,
        operations: &[O::ReadStatistics, O::ReadCertificates],
        fields: &[F::Statistics, F::Certificates],
    },
    Permission {
        role: Role::Auditor,
        operations: &[O::ReadRecord, O::ReadDisclosureLog, O::ReadCertificates, O::ReadAccessLog],
        fields: &[
            F::RecordId,
            F::ContactPeriod,
            F::Holds,
            F::PolicyVersion,
            F::Disclosures,
            F::Certificates,
            F::AccessLog,
        ],
    },
];

/// Whether `role` may perform `operation` (default deny).
///
/// ```
/// use krisesenter_register::{may, Operation, Role};
/// assert!(may(Role::Leader, Operation::Sweep));
/// assert!(!may(Role::StaffOnDuty, Operation::Sweep));
/// assert!(!may(Role::StatisticsOfficer, Operation::ReadRecord));
/// ```
pub fn may(role: Role, operation: Operation) -> bool {
    PERMISSIONS.iter().any(|p| p.role == role && p.operations.contains(&operation))
}

/// Whether `role` may see `field` in what it reads (default deny).
///
/// ```
/// use krisesenter_register::{sees, Field, Role};
/// assert!(sees(Role::StaffOnDuty, Field::Consents));
/// assert!(!sees(Role::StatisticsOfficer, Field::RecordId));
/// assert!(!sees(Role::Auditor, Field::Consents));
/// ```
pub fn sees(role: Role, field: Field) -> bool {
    PERMISSIONS.iter().any(|p| p.role == role && p.fields.contains(&field))
}

/// Who acts, in which role, and when: every operation takes one, and the access log records
/// exactly this with the operation and the record's id. The register reads no clock: the
/// shell gives the time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    actor: ActorId,
    role: Role,
    at: DateTime<Utc>,
}

impl Caller {
    /// `actor` acting as `role` at `at`.
    pub fn new(actor: ActorId, role: Role, at: DateTime<Utc>) -> Self {
        Self { actor, role, at }
    }

    /// Who acts.
    pub fn actor(&self) -> &ActorId {
        &self.actor
    }

    /// The role they act in.
    pub fn role(&self) -> Role {
        self.role
    }

    /// When.
    pub fn at(&self) -> DateTime<Utc> {
        self.at
    }

    /// Whether this caller may see `field`.
    pub fn sees(&self, field: Field) -> bool {
        sees(self.role, field)
    }

    /// `value` when this caller may see `field`, else `None`.
    pub(crate) fn show<T>(&self, field: Field, value: T) -> Option<T> {
        self.sees(field).then_some(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_has_one_row() {
        for role in Role::ALL {
            assert_eq!(PERMISSIONS.iter().filter(|p| p.role == *role).count(), 1, "{role}");
        }
    }

    #[test]
    fn the_statistics_officer_never_sees_an_id_or_a_record() {
        assert!(!sees(Role::StatisticsOfficer, Field::RecordId));
        for op in Operation::ALL {
            let allowed = matches!(op, Operation::ReadStatistics | Operation::ReadCertificates);
            assert_eq!(may(Role::StatisticsOfficer, *op), allowed, "{op}");
        }
    }

    #[test]
    fn only_the_leader_sweeps_and_holds_and_only_the_auditor_reads_the_access_log() {
        for role in Role::ALL {
            let leader = *role == Role::Leader;
            assert_eq!(may(*role, Operation::Sweep), leader);
            assert_eq!(may(*role, Operation::PlaceHold), leader);
            assert_eq!(may(*role, Operation::ReleaseHold), leader);
            assert_eq!(may(*role, Operation::ReadAccessLog), *role == Role::Auditor);
        }
    }
}
