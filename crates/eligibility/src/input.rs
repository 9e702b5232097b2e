//! The assessment input, exactly as docs/contract.md `assess` spells it: who is in contact, what
//! they tell of violence and protection, what staff observe, any children, the needs for
//! adaptation, and the alternatives the municipality has configured.

use std::collections::BTreeSet;

use crate::AlternativeId;
use krisesenter_core::{ADULT_AGE, Age, Gender, Redacted, Relation, ViolenceType};
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};
use thiserror::Error;

/// Why an assessment input is not acceptable. Messages never repeat free text from the input.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum AssessInputError {
    /// A child accompanying the applicant is 18 or older.
    #[error("a child must be under {ADULT_AGE} years")]
    ChildNotAMinor {
        /// The rejected age.
        age: u16,
    },
    /// An alternative accepts no gender at all, so it could never be offered.
    #[error("an alternative must accept at least one gender")]
    AcceptsNoGender,
    /// Two alternatives share an id, so an offer could not say which one it means.
    #[error("an alternative id is configured twice")]
    DuplicateAlternative {
        /// The id given twice (a configuration id, never personal data).
        id: AlternativeId,
        /// Zero-based position of the first.
        first: usize,
        /// Zero-based position of the second.
        second: usize,
    },
}

krisesenter_core::wire_enum!(
    /// Who is in contact with the shelter.
    pub enum Role {
        /// A person exposed to violence or threats (a user of every service).
        Victim => "victim",
        /// A relative of a person exposed to violence (conversations and the phone).
        Relative => "relative",
        /// Staff of another service (conversations and the phone).
        Professional => "professional",
    }
);

/// Characteristics the offer must be equal regardless of (Romerike platform §2): they never
/// change an outcome. They are free text and personal data, so `Debug` redacts them; the
/// library never reads them.
///
/// Gender and age, also protected, are fields of [`Applicant`] because the contract puts them
/// there; age decides only whether the applicant is a child.
///
/// # Example
///
/// ```
/// use krisesenter_core::Redacted;
/// use krisesenter_eligibility::ProtectedAttributes;
/// let mut protected = ProtectedAttributes::default();
/// protected.language = Some(Redacted::new(String::from("nordsamisk")));
/// assert!(!format!("{protected:?}").contains("nordsamisk"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
#[schemars(
    description = "Characteristics the offer must be equal regardless of (Romerike platform §2): they never change an outcome. Free text; redacted in Debug."
)]
pub struct ProtectedAttributes {
    /// Gender identity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender_identity: Option<Redacted<String>>,
    /// Sexual orientation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sexual_orientation: Option<Redacted<String>>,
    /// Language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Redacted<String>>,
    /// Religion or belief.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub religion: Option<Redacted<String>>,
    /// Disability.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disability: Option<Redacted<String>>,
    /// Cultural background.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cultural_background: Option<Redacted<String>>,
}

impl ProtectedAttributes {
    /// Whether no attribute is given.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// The person in contact: age, gender, role and the protected attributes.
///
/// # Example
///
/// ```
/// use krisesenter_core::{Age, Gender};
/// use krisesenter_eligibility::{Applicant, Role};
/// let a = Applicant::new(Age::try_new(34)?, Gender::Female, Role::Victim);
/// assert!(a.age().is_adult());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "The person in contact: age, gender, role and the protected attributes.")]
pub struct Applicant {
    age: Age,
    gender: Gender,
    role: Role,
    #[serde(default, skip_serializing_if = "ProtectedAttributes::is_empty")]
    protected: ProtectedAttributes,
}

impl Applicant {
    /// An applicant without protected attributes given.
    pub fn new(age: Age, gender: Gender, role: Role) -> Self {
        Self { age, gender, role, protected: ProtectedAttributes::default() }
    }

    /// The same applicant with these protected attributes.
    #[must_use]
    pub fn with_protected(mut self, protected: ProtectedAttributes) -> Self {
        self.protected = protected;
        self
    }

    /// The same applicant with another age.
    #[must_use]
    pub fn with_age(mut self, age: Age) -> Self {
        self.age = age;
        self
    }

    /// The same applicant with another gender.
    #[must_use]
    pub fn with_gender(mut self, gender: Gender) -> Self {
        self.gender = gender;
        self
    }

    /// Age in whole years.
    pub const fn age(&self) -> Age {
        self.age
    }

    /// Gender.
    pub const fn gender(&self) -> Gender {
        self.gender
    }

    /// Role.
    pub const fn role(&self) -> Role {
        self.role
    }

    /// The protected attributes (personal data).
    pub fn protected(&self) -> &ProtectedAttributes {
        &self.protected
    }
}

/// What the offer must be adapted to (krisesenterlova §3). Each need gives one adaptation
/// reason; a need is never inferred from a protected attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct AdaptationNeeds {
    /// An interpreter is needed.
    pub interpreter: bool,
    /// An accessible room is needed.
    pub accessible_room: bool,
    /// The person is a Sami user whose rights must be safeguarded (a right from 2026-01-01).
    pub sami: bool,
    /// The person brings a pet.
    pub pet: bool,
}

/// A child who comes with the applicant (under 18).
///
/// # Example
///
/// ```
/// use krisesenter_eligibility::AccompanyingChild;
/// assert_eq!(AccompanyingChild::try_new(5)?.age().years(), 5);
/// assert!(AccompanyingChild::try_new(18).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Child", description = "A child who comes with the applicant (under 18).")]
pub struct AccompanyingChild {
    age: ChildAge,
}

/// An age under 18, validated when deserialised (so an error names the `age` field).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "u16", into = "u8")]
struct ChildAge(Age);

impl TryFrom<u16> for ChildAge {
    type Error = AssessInputError;
    fn try_from(years: u16) -> Result<Self, Self::Error> {
        match Age::try_new(years) {
            Ok(age) if !age.is_adult() => Ok(Self(age)),
            _ => Err(AssessInputError::ChildNotAMinor { age: years }),
        }
    }
}

impl From<ChildAge> for u8 {
    fn from(age: ChildAge) -> u8 {
        age.0.years()
    }
}

impl JsonSchema for ChildAge {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("ChildAge")
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "integer", "minimum": 0, "maximum": ADULT_AGE - 1})
    }
}

impl AccompanyingChild {
    /// A child of `years` years.
    ///
    /// # Errors
    ///
    /// [`AssessInputError::ChildNotAMinor`] at 18 or older.
    pub fn try_new(years: u16) -> Result<Self, AssessInputError> {
        Ok(Self { age: ChildAge::try_from(years)? })
    }

    /// The child's age.
    pub const fn age(&self) -> Age {
        self.age.0
    }
}

/// The violence the person tells of: its types and the relation to the perpetrator.
///
/// # Example
///
/// ```
/// use krisesenter_core::{Relation, ViolenceType};
/// use krisesenter_eligibility::Violence;
/// let v = Violence::new([ViolenceType::Physical], Relation::FormerPartner);
/// assert!(v.in_close_relation());
/// let street = Violence::new([ViolenceType::Physical], Relation::None);
/// assert!(!street.in_close_relation());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "The violence the person tells of: its types and the relation to the perpetrator.")]
pub struct Violence {
    #[serde(deserialize_with = "krisesenter_core::wire::set")]
    types: BTreeSet<ViolenceType>,
    relation: Relation,
}

impl Violence {
    /// Violence of `types` by someone in `relation` to the person.
    pub fn new(types: impl IntoIterator<Item = ViolenceType>, relation: Relation) -> Self {
        Self { types: types.into_iter().collect(), relation }
    }

    /// The types told of.
    pub fn types(&self) -> &BTreeSet<ViolenceType> {
        &self.types
    }

    /// The relation to the perpetrator.
    pub const fn relation(&self) -> Relation {
        self.relation
    }

    /// Whether the person tells of human trafficking.
    pub fn includes_trafficking(&self) -> bool {
        self.types.contains(&ViolenceType::HumanTrafficking)
    }

    /// Whether the person tells of violence or threats (other than trafficking) in a close
    /// relationship (krisesenterlova §1).
    pub fn in_close_relation(&self) -> bool {
        self.relation.is_close() && self.types.iter().any(|t| *t != ViolenceType::HumanTrafficking)
    }

    /// Whether the violence puts the person in the target group of krisesenterlova §1:
    /// violence in a close relationship, or human trafficking whatever the relation.
    pub fn in_target_group(&self) -> bool {
        self.in_close_relation() || self.includes_trafficking()
    }
}

/// What staff observe (boevne and health), as docs/contract.md names it. Every field is required
/// on the wire: an unknown observation is not assumed to be fine.
///
/// # Example
///
/// ```
/// use krisesenter_eligibility::Observations;
/// let mut o = Observations::no_concerns();
/// assert!(o.can_care_for_self && !o.active_substance_use);
/// o.active_substance_use = true;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
#[schemars(
    description = "What staff observe (boevne and health). Every field is required: an unknown observation is not assumed to be fine."
)]
pub struct Observations {
    /// In active substance use.
    pub active_substance_use: bool,
    /// Can look after themselves.
    pub can_care_for_self: bool,
    /// Can look after the children they bring (irrelevant without children).
    pub can_care_for_children: bool,
    /// May be a danger to themselves.
    pub danger_to_self: bool,
    /// May be a danger to others.
    pub danger_to_others: bool,
    /// Behaves in a way others experience as frightening.
    pub frightening_behaviour: bool,
    /// Has a serious mental illness.
    pub serious_mental_illness: bool,
    /// Needs follow-up from health personnel.
    pub needs_health_follow_up: bool,
}

impl Observations {
    /// Observations without any concern: the ordinary case.
    pub const fn no_concerns() -> Self {
        Self {
            active_substance_use: false,
            can_care_for_self: true,
            can_care_for_children: true,
            danger_to_self: false,
            danger_to_others: false,
            frightening_behaviour: false,
            serious_mental_illness: false,
            needs_health_follow_up: false,
        }
    }
}

krisesenter_core::wire_enum!(
    /// The models of an equal alternative seen in other shelters (workshop slides 2026).
    pub enum AlternativeModel {
        /// A screened unit of the ordinary shelter with its own routines ("internmodell").
        InternalUnit => "internal_unit",
        /// A specialised shelter, often with emergency housing ("spesialisert modell").
        SpecialisedCentre => "specialised_centre",
        /// Places in staffed housing for substance use or psychiatry, in cooperation with the
        /// shelter ("samhandlingsmodell").
        CooperationHousing => "cooperation_housing",
    }
);

/// Whom an alternative accepts: at least one gender, and each of active substance use,
/// serious mental illness and children only when said so (a builder, so no answer is a
/// bare `true` in a row of them).
///
/// # Example
///
/// ```
/// use krisesenter_core::Gender;
/// use krisesenter_eligibility::Accepts;
/// let women_in_active_use = Accepts::try_new([Gender::Female])?.with_active_substance_use();
/// assert!(women_in_active_use.genders().contains(&Gender::Female));
/// assert!(women_in_active_use.active_substance_use() && !women_in_active_use.children());
/// assert!(Accepts::try_new([]).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "RawAccepts")]
#[schemars(
    description = "Whom an alternative accepts: at least one gender, and whether it takes people in active substance use, with serious mental illness, and children."
)]
pub struct Accepts {
    genders: BTreeSet<Gender>,
    active_substance_use: bool,
    serious_mental_illness: bool,
    children: bool,
}

/// The wire form of [`Accepts`], before validation.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Accepts")]
struct RawAccepts {
    /// The genders accepted (at least one).
    #[serde(deserialize_with = "krisesenter_core::wire::non_empty")]
    #[schemars(length(min = 1))]
    genders: Vec<Gender>,
    active_substance_use: bool,
    serious_mental_illness: bool,
    children: bool,
}

impl TryFrom<RawAccepts> for Accepts {
    type Error = AssessInputError;
    fn try_from(raw: RawAccepts) -> Result<Self, Self::Error> {
        let mut accepts = Accepts::try_new(raw.genders)?;
        accepts.active_substance_use = raw.active_substance_use;
        accepts.serious_mental_illness = raw.serious_mental_illness;
        accepts.children = raw.children;
        Ok(accepts)
    }
}

impl Accepts {
    /// An alternative that accepts people of `genders`, without active substance use or
    /// serious mental illness, and without children (add each with the `with_` methods).
    ///
    /// # Errors
    ///
    /// [`AssessInputError::AcceptsNoGender`] when `genders` is empty.
    pub fn try_new(genders: impl IntoIterator<Item = Gender>) -> Result<Self, AssessInputError> {
        let genders: BTreeSet<Gender> = genders.into_iter().collect();
        if genders.is_empty() {
            return Err(AssessInputError::AcceptsNoGender);
        }
        Ok(Self { genders, active_substance_use: false, serious_mental_illness: false, children: false })
    }

    /// The same, also accepting people in active substance use.
    #[must_use]
    pub fn with_active_substance_use(mut self) -> Self {
        self.active_substance_use = true;
        self
    }

    /// The same, also accepting people with serious mental illness.
    #[must_use]
    pub fn with_serious_mental_illness(mut self) -> Self {
        self.serious_mental_illness = true;
        self
    }

    /// The same, also accepting children who come along.
    #[must_use]
    pub fn with_children(mut self) -> Self {
        self.children = true;
        self
    }

    /// The genders accepted.
    pub fn genders(&self) -> &BTreeSet<Gender> {
        &self.genders
    }

    /// Whether people in active substance use are accepted.
    pub const fn active_substance_use(&self) -> bool {
        self.active_substance_use
    }

    /// Whether people with serious mental illness are accepted.
    pub const fn serious_mental_illness(&self) -> bool {
        self.serious_mental_illness
    }

    /// Whether children may come along.
    pub const fn children(&self) -> bool {
        self.children
    }
}

/// An alternative crisis-shelter offer the municipality has configured.
///
/// # Example
///
/// ```
/// use krisesenter_core::Gender;
/// use krisesenter_eligibility::AlternativeId;
/// use krisesenter_eligibility::{Accepts, Alternative, AlternativeModel};
/// let alt = Alternative::new(
///     AlternativeId::try_new("rus-kvinner")?,
///     AlternativeModel::CooperationHousing,
///     Accepts::try_new([Gender::Female])?.with_active_substance_use(),
/// );
/// assert_eq!(alt.model(), AlternativeModel::CooperationHousing);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "An alternative crisis-shelter offer the municipality has configured (internal unit, specialised centre or cooperation housing)."
)]
pub struct Alternative {
    id: AlternativeId,
    model: AlternativeModel,
    accepts: Accepts,
}

impl Alternative {
    /// Makes an alternative.
    pub fn new(id: AlternativeId, model: AlternativeModel, accepts: Accepts) -> Self {
        Self { id, model, accepts }
    }

    /// The id.
    pub fn id(&self) -> &AlternativeId {
        &self.id
    }

    /// The model.
    pub const fn model(&self) -> AlternativeModel {
        self.model
    }

    /// Whom it accepts.
    pub fn accepts(&self) -> &Accepts {
        &self.accepts
    }
}

impl Alternative {
    /// Checks that no two of a municipality's alternatives share an id (so an offer can say
    /// which one it means).
    ///
    /// # Errors
    ///
    /// [`AssessInputError::DuplicateAlternative`] for the first id given twice.
    ///
    /// # Example
    ///
    /// ```
    /// use krisesenter_core::Gender;
    /// use krisesenter_eligibility::AlternativeId;
    /// use krisesenter_eligibility::{Accepts, Alternative, AlternativeModel};
    /// let id = AlternativeId::try_new("a")?;
    /// let alt = Alternative::new(id, AlternativeModel::InternalUnit, Accepts::try_new([Gender::Male])?);
    /// assert!(Alternative::check_unique(std::slice::from_ref(&alt)).is_ok());
    /// assert!(Alternative::check_unique(&[alt.clone(), alt]).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check_unique(alternatives: &[Alternative]) -> Result<(), AssessInputError> {
        // One pass with the positions seen so far: linear in the number of alternatives
        // (100,000 alternatives took 13.8 s with the pairwise scan this replaces).
        let mut seen = std::collections::BTreeMap::new();
        for (second, alt) in alternatives.iter().enumerate() {
            if let Some(&first) = seen.get(&alt.id) {
                return Err(AssessInputError::DuplicateAlternative { id: alt.id.clone(), first, second });
            }
            seen.insert(&alt.id, second);
        }
        Ok(())
    }
}

fn unique_alternatives<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Alternative>, D::Error> {
    let alternatives = Vec::<Alternative>::deserialize(deserializer)?;
    Alternative::check_unique(&alternatives)
        .map_err(|err| serde::de::Error::custom(krisesenter_core::wire::Rejected(err)))?;
    Ok(alternatives)
}

/// The facts of one assessment (docs/contract.md `assess`, without `as_of`, which [`crate::assess`]
/// takes as its own argument).
///
/// Built from the three facts every assessment needs; the rest is added with the `with_`
/// methods. A fact not given is the one that grants nothing: no protection need, no
/// guardian, no children, no adaptation needs, no alternatives.
///
/// # Example
///
/// ```
/// use krisesenter_core::{Age, Gender, Relation, ViolenceType};
/// use krisesenter_eligibility::{AccompanyingChild, Applicant, AssessInput, Observations, Role, Violence};
/// let a = AssessInput::new(
///     Applicant::new(Age::try_new(34)?, Gender::Female, Role::Victim),
///     Violence::new([ViolenceType::Physical], Relation::FormerPartner),
///     Observations::no_concerns(),
/// )
/// .in_need_of_protection()
/// .with_children([AccompanyingChild::try_new(5)?]);
/// assert_eq!(a.children().len(), 1);
/// assert!(a.protection_need() && !a.accompanied_by_guardian());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "The facts of one assessment.")]
pub struct AssessInput {
    applicant: Applicant,
    #[serde(default)]
    adaptation_needs: AdaptationNeeds,
    #[serde(default)]
    accompanied_by_guardian: bool,
    children: Vec<AccompanyingChild>,
    violence: Violence,
    protection_need: bool,
    observations: Observations,
    /// The municipality's configured alternatives, in order of preference; ids are unique.
    #[serde(deserialize_with = "unique_alternatives")]
    alternatives: Vec<Alternative>,
}

impl AssessInput {
    /// An assessment of `applicant`, who tells of `violence`, with what staff observe:
    /// without a protection need, guardian, children, adaptation needs or alternatives.
    pub fn new(applicant: Applicant, violence: Violence, observations: Observations) -> Self {
        Self {
            applicant,
            adaptation_needs: AdaptationNeeds::default(),
            accompanied_by_guardian: false,
            children: Vec::new(),
            violence,
            protection_need: false,
            observations,
            alternatives: Vec::new(),
        }
    }

    /// The same assessment, where the risk and safety situation shows a need of protection.
    #[must_use]
    pub fn in_need_of_protection(mut self) -> Self {
        self.protection_need = true;
        self
    }

    /// The same assessment, with a guardian accompanying the applicant (decides only for a child).
    #[must_use]
    pub fn with_guardian(mut self) -> Self {
        self.accompanied_by_guardian = true;
        self
    }

    /// The same assessment with these children.
    #[must_use]
    pub fn with_children(mut self, children: impl IntoIterator<Item = AccompanyingChild>) -> Self {
        self.children = children.into_iter().collect();
        self
    }

    /// The same assessment with these adaptation needs.
    #[must_use]
    pub fn with_adaptation_needs(mut self, needs: AdaptationNeeds) -> Self {
        self.adaptation_needs = needs;
        self
    }

    /// The same assessment with another applicant.
    #[must_use]
    pub fn with_applicant(mut self, applicant: Applicant) -> Self {
        self.applicant = applicant;
        self
    }

    /// The same assessment with other violence.
    #[must_use]
    pub fn with_violence(mut self, violence: Violence) -> Self {
        self.violence = violence;
        self
    }

    /// The same assessment with other observations.
    #[must_use]
    pub fn with_observations(mut self, observations: Observations) -> Self {
        self.observations = observations;
        self
    }

    /// The same assessment with these alternatives, in order of preference.
    ///
    /// # Errors
    ///
    /// [`AssessInputError::DuplicateAlternative`] when two alternatives share an id.
    pub fn with_alternatives(
        mut self,
        alternatives: impl IntoIterator<Item = Alternative>,
    ) -> Result<Self, AssessInputError> {
        let alternatives: Vec<Alternative> = alternatives.into_iter().collect();
        Alternative::check_unique(&alternatives)?;
        self.alternatives = alternatives;
        Ok(self)
    }

    /// The person in contact.
    pub fn applicant(&self) -> &Applicant {
        &self.applicant
    }

    /// The needs for adaptation.
    pub const fn adaptation_needs(&self) -> AdaptationNeeds {
        self.adaptation_needs
    }

    /// Whether a guardian accompanies the applicant (decides only for a child).
    pub const fn accompanied_by_guardian(&self) -> bool {
        self.accompanied_by_guardian
    }

    /// The children who come along.
    pub fn children(&self) -> &[AccompanyingChild] {
        &self.children
    }

    /// The violence told of.
    pub fn violence(&self) -> &Violence {
        &self.violence
    }

    /// Whether the person needs protection (risk and safety situation).
    pub const fn protection_need(&self) -> bool {
        self.protection_need
    }

    /// What staff observe.
    pub const fn observations(&self) -> Observations {
        self.observations
    }

    /// The municipality's alternatives, in order of preference.
    pub fn alternatives(&self) -> &[Alternative] {
        &self.alternatives
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> serde_json::Value {
        serde_json::json!({
            "applicant": {"age": 34, "gender": "female", "role": "victim",
                          "protected": {"language": "Zq-språk"}},
            "children": [],
            "violence": {"types": ["physical"], "relation": "partner"},
            "protection_need": true,
            "observations": {
                "active_substance_use": false, "can_care_for_self": true, "can_care_for_children": true,
                "danger_to_self": false, "danger_to_others": false, "frightening_behaviour": false,
                "serious_mental_illness": false, "needs_health_follow_up": false
            },
            "alternatives": [
                {"id": "a", "model": "internal_unit",
                 "accepts": {"genders": ["female"], "active_substance_use": true,
                             "serious_mental_illness": false, "children": false}}
            ]
        })
    }

    #[test]
    fn an_assessment_reads_the_contract_shape_and_round_trips() {
        let a: AssessInput = serde_json::from_value(facts()).unwrap();
        assert_eq!(a.violence().types().len(), 1);
        let mut twice = facts();
        twice["violence"]["types"] = serde_json::json!(["physical", "physical"]);
        assert!(serde_json::from_value::<AssessInput>(twice).is_err(), "a set names each type once");
        assert!(!a.accompanied_by_guardian() && a.adaptation_needs() == AdaptationNeeds::default());
        assert!(!format!("{a:?}").contains("Zq"));
        let back: AssessInput = serde_json::from_value(serde_json::to_value(&a).unwrap()).unwrap();
        assert_eq!(back, a);
    }

    /// The duplicate check is one pass over the list: 200,000 generated alternatives, with
    /// and without a repeated id at the end, are checked (the pairwise scan it replaces took
    /// 13.8 s at 100,000; no wall-clock assertion, a quadratic check would time the suite out).
    #[test]
    fn a_long_list_of_alternatives_is_checked_in_one_pass() {
        let alt = |i: usize| {
            Alternative::new(
                AlternativeId::try_new(format!("alt{i}")).unwrap(),
                AlternativeModel::SpecialisedCentre,
                Accepts::try_new([Gender::Male]).unwrap(),
            )
        };
        let mut many: Vec<Alternative> = (0..200_000).map(alt).collect();
        assert_eq!(Alternative::check_unique(&many), Ok(()));
        many.push(alt(123_456));
        assert!(matches!(
            Alternative::check_unique(&many),
            Err(AssessInputError::DuplicateAlternative { first: 123_456, second: 200_000, .. })
        ));
    }

    #[test]
    fn an_assessment_rejects_what_the_rules_cannot_use() {
        let mut twice = facts();
        let alt = twice["alternatives"][0].clone();
        twice["alternatives"].as_array_mut().unwrap().push(alt);
        let err = serde_json::from_value::<AssessInput>(twice).unwrap_err().to_string();
        assert!(err.contains("rejected by the rules: an alternative id is configured twice"), "{err}");

        let mut no_gender = facts();
        no_gender["alternatives"][0]["accepts"]["genders"] = serde_json::json!([]);
        assert!(serde_json::from_value::<AssessInput>(no_gender).is_err());

        let mut unknown = facts();
        unknown["applicant"]["protected"]["shoe_size"] = serde_json::json!("44");
        assert!(serde_json::from_value::<AssessInput>(unknown).is_err());

        let mut missing = facts();
        missing["observations"].as_object_mut().unwrap().remove("can_care_for_self");
        assert!(serde_json::from_value::<AssessInput>(missing).is_err(), "an unknown observation is not assumed fine");

        assert_eq!(AccompanyingChild::try_new(18), Err(AssessInputError::ChildNotAMinor { age: 18 }));
        assert_eq!(AccompanyingChild::try_new(400), Err(AssessInputError::ChildNotAMinor { age: 400 }));
        let dup = Alternative::new(
            AlternativeId::try_new("x").unwrap(),
            AlternativeModel::SpecialisedCentre,
            Accepts::try_new([Gender::Male]).unwrap(),
        );
        assert!(matches!(
            AssessInput::new(
                Applicant::new(Age::try_new(30).unwrap(), Gender::Male, Role::Victim),
                Violence::new([], Relation::None),
                Observations::no_concerns(),
            )
            .with_alternatives([dup.clone(), dup]),
            Err(AssessInputError::DuplicateAlternative { first: 0, second: 1, .. })
        ));
    }
}
