//! The closed vocabularies of the JSON contract (docs/contract.md, Conventions).
//!
//! Every enum serialises as the lower snake_case string the contract spells, offers `ALL`
//! (every value, in declaration order) and `as_str` (the wire name).

/// Declares a closed vocabulary of the wire: a fieldless enum that serialises as the lower
/// snake_case string given for each value, with `ALL` (every value, in declaration order),
/// `as_str` (the wire name), `Display`, and [`crate::SetMember`] so it fits an
/// [`crate::EnumSet`]. Every crate declares its wire enums with it, so no caller spells a
/// wire name by hand.
///
/// The calling crate depends on `serde` and `schemars`.
///
/// ```
/// krisesenter_core::wire_enum!(
///     /// How a contact was made.
///     pub enum Channel {
///         /// By phone.
///         Phone => "phone",
///         /// In person.
///         InPerson => "in_person",
///     }
/// );
/// assert_eq!(Channel::InPerson.as_str(), "in_person");
/// assert_eq!(serde_json::to_string(&Channel::Phone)?, r#""phone""#);
/// assert_eq!(Channel::ALL.len(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[macro_export]
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident { $( $(#[$vmeta:meta])* $variant:ident => $wire:literal ),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, ::serde::Serialize, ::serde::Deserialize, ::schemars::JsonSchema)]
        $vis enum $name {
            $( $(#[$vmeta])* #[serde(rename = $wire)] $variant ),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The wire name of the value, as the JSON contract spells it.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $wire),+
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        $crate::set_member!($name);
    };
}

macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident { $($body:tt)* }
    ) => {
        $crate::wire_enum!($(#[$meta])* pub enum $name { $($body)* });
    };
}

vocabulary!(
    /// Gender as the national statistics record it: woman, man, other, not registered.
    Gender {
        /// A woman.
        Female => "female",
        /// A man.
        Male => "male",
        /// Another gender.
        Other => "other",
        /// Not registered or not known.
        Unknown => "unknown",
    }
);

vocabulary!(
    /// A form of violence in close relationships (krisesenterlova §1, Romerike platform §2).
    ViolenceType {
        /// Physical violence.
        Physical => "physical",
        /// Psychological violence, threats.
        Psychological => "psychological",
        /// Sexual violence.
        Sexual => "sexual",
        /// Economic violence (control of money).
        Economic => "economic",
        /// Material violence (destroying things).
        Material => "material",
        /// Digital violence (surveillance, sharing images).
        Digital => "digital",
        /// Negative social control.
        NegativeSocialControl => "negative_social_control",
        /// Honour-related violence.
        HonourRelated => "honour_related",
        /// Human trafficking (in the target group whatever the relation).
        HumanTrafficking => "human_trafficking",
    }
);

vocabulary!(
    /// Relation to the perpetrator.
    Relation {
        /// Current spouse, partner, cohabitant, boyfriend or girlfriend.
        Partner => "partner",
        /// Former partner.
        FormerPartner => "former_partner",
        /// Family and relatives.
        Family => "family",
        /// A member of the same household.
        HouseholdMember => "household_member",
        /// A carer.
        Caregiver => "caregiver",
        /// Another relation of trust or dependency.
        OtherTrustRelation => "other_trust_relation",
        /// No close relation.
        None => "none",
    }
);

impl Relation {
    /// Whether the relation is a close relationship in the sense of krisesenterlova §1.
    pub const fn is_close(self) -> bool {
        !matches!(self, Relation::None)
    }
}

vocabulary!(
    /// Who asks for information, who receives it, who is named in a consent.
    Party {
        /// The police.
        Police => "police",
        /// The child welfare service (barnevernstjenesten).
        ChildWelfare => "child_welfare",
        /// The labour and welfare administration (Nav).
        Nav => "nav",
        /// Health services.
        Health => "health",
        /// A lawyer.
        Lawyer => "lawyer",
        /// A school or kindergarten.
        School => "school",
        /// A member of the user's family.
        FamilyMember => "family_member",
        /// The person the user names as the one who used violence.
        AllegedPerpetrator => "alleged_perpetrator",
        /// Another public or private service.
        OtherService => "other_service",
        /// Someone who has not been identified.
        Unknown => "unknown",
    }
);

vocabulary!(
    /// A category of information about a user.
    Information {
        /// That the person is or was a user of the shelter.
        Existence => "existence",
        /// Where the person is.
        Whereabouts => "whereabouts",
        /// How to reach the person.
        ContactDetails => "contact_details",
        /// Notes from conversations and the case.
        CaseNotes => "case_notes",
        /// The history of violence.
        ViolenceHistory => "violence_history",
        /// Information about the children.
        Children => "children",
        /// Health information.
        Health => "health",
    }
);

vocabulary!(
    /// The four services every municipality must provide (krisesenterlova §2).
    ServiceKind {
        /// A safe temporary place to live (botilbud).
        Stay => "stay",
        /// Conversations, advice and guidance by day (dagtilbud).
        Day => "day",
        /// The telephone service, day and night (telefontilbud).
        Phone => "phone",
        /// Follow-up in the re-establishment phase (oppfølging i reetableringsfasen).
        FollowUp => "follow_up",
    }
);

vocabulary!(
    /// Whether a person is an adult or a child (under 18).
    PersonKind {
        /// 18 years or older.
        Adult => "adult",
        /// Under 18 years.
        Child => "child",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_match_the_contract() {
        assert_eq!(serde_json::to_string(&ViolenceType::NegativeSocialControl).unwrap(), "\"negative_social_control\"");
        assert_eq!(serde_json::to_string(&Party::AllegedPerpetrator).unwrap(), "\"alleged_perpetrator\"");
        assert_eq!(serde_json::to_string(&Relation::OtherTrustRelation).unwrap(), "\"other_trust_relation\"");
        assert_eq!(serde_json::to_string(&ServiceKind::FollowUp).unwrap(), "\"follow_up\"");
        for g in Gender::ALL {
            assert_eq!(serde_json::to_string(g).unwrap(), format!("\"{}\"", g.as_str()));
        }
        assert!(serde_json::from_str::<Gender>("\"Female\"").is_err());
    }

    #[test]
    fn counts() {
        assert_eq!(Gender::ALL.len(), 4);
        assert_eq!(ViolenceType::ALL.len(), 9);
        assert_eq!(Relation::ALL.len(), 7);
        assert_eq!(Party::ALL.len(), 10);
        assert_eq!(Information::ALL.len(), 7);
        assert!(!Relation::None.is_close());
        assert!(Relation::Caregiver.is_close());
    }
}
