// The reference front end of krisesenter-http. No build step, no library, nothing fetched
// from elsewhere. Nothing typed is stored: no web storage, no cookies, no browser
// database; the forms live in this page's memory and go only to this server.
'use strict';

(function () {
  // ---------------------------------------------------------------- texts (nb, en)
  const T = {
    nb: {
      'skip': 'Hopp til innholdet',
      'brand': 'Krisesenter · reglene som tjeneste',
      'nav.label': 'Sider',
      'nav.first-contact': 'Første kontakt', 'nav.rooms': 'Romtavle', 'nav.disclosure': 'Taushetsplikt og deling',
      'nav.retention': 'Sletting', 'nav.report': 'Årsrapport', 'nav.record': 'Journal',
      'token.label': 'Tilgangsnøkkel (serveren krever den)',
      'privacy': 'Ingenting du skriver lagres i nettleseren: det sendes bare til denne serveren for en avgjørelse og forsvinner når fanen lukkes.',
      'footer': 'Referansegrensesnitt for krisesenter-reglene. Maskinlesbar beskrivelse:',
      'common.as-of': 'Dato for avgjørelsen', 'common.gender': 'Kjønn', 'common.actions': 'Handlinger',
      'common.remove': 'Fjern', 'common.yes': 'ja', 'common.no': 'nei', 'common.none': 'ingen',
      'common.working': 'Sender til serveren …', 'common.done': 'Svar mottatt.',
      'common.error': 'Serveren avviste forespørselen', 'common.field': 'Felt', 'common.network': 'Fikk ikke kontakt med serveren.',
      'common.unauthorized': 'Serveren krever en tilgangsnøkkel. Skriv den inn øverst på siden og prøv igjen.',
      'common.reasons': 'Grunner', 'common.result': 'Resultat', 'common.from': 'fra',
      'gender.female': 'kvinne', 'gender.male': 'mann', 'gender.other': 'annet', 'gender.unknown': 'ukjent',
      'role.victim': 'utsatt for vold', 'role.relative': 'pårørende', 'role.professional': 'fagperson',
      'fc.title': 'Første kontakt',
      'fc.intro': 'Hvilket tilbud får den som tar kontakt: opphold, dagtilbud og telefon, med grunner og lovhjemler, og det likeverdige alternativet når opphold ikke gis.',
      'fc.applicant': 'Den som tar kontakt', 'fc.age': 'Alder (år)', 'fc.role': 'Rolle',
      'fc.guardian': 'Under 18 år og kommer sammen med foresatt',
      'fc.children': 'Barn som blir med: alder, skilt med komma',
      'fc.children-hint': 'For eksempel 3, 7. Tomt når ingen barn blir med.',
      'fc.violence': 'Vold', 'fc.relation': 'Forhold til den som utøver vold', 'fc.protection': 'Har behov for beskyttelse',
      'fc.observations': 'Det personalet ser (boevne)', 'fc.adaptations': 'Tilpasninger',
      'fc.alternatives': 'Kommunens likeverdige alternativer',
      'fc.use-alternatives': 'Ta med eksempelet fra Romerike: skjermet enhet for kvinner, spesialisert senter, bemannet rusbolig',
      'fc.submit': 'Vurder tilbudet',
      'fc.residential': 'Opphold (bo på krisesenteret)', 'fc.day': 'Dagtilbud', 'fc.phone': 'Telefon',
      'fc.alternative': 'Likeverdig alternativ', 'fc.alt-required': 'Kommunen må gi et likeverdig alternativ',
      'fc.alt-not-required': 'Et likeverdig alternativ kreves ikke', 'fc.alt-offer': 'Tilbudet',
      'fc.alt-none': 'Ingen av kommunens alternativer passer: personalet må følge opp',
      'fc.adapt-title': 'Tilpasninger av tilbudet', 'fc.referrals': 'Henvis til',
      'violence.physical': 'fysisk', 'violence.psychological': 'psykisk', 'violence.sexual': 'seksuell',
      'violence.economic': 'økonomisk', 'violence.material': 'materiell', 'violence.digital': 'digital',
      'violence.negative_social_control': 'negativ sosial kontroll', 'violence.honour_related': 'æresrelatert',
      'violence.human_trafficking': 'menneskehandel',
      'relation.partner': 'partner', 'relation.former_partner': 'tidligere partner', 'relation.family': 'familie',
      'relation.household_member': 'noen i husstanden', 'relation.caregiver': 'omsorgsperson',
      'relation.other_trust_relation': 'annen nær relasjon', 'relation.none': 'ingen nær relasjon',
      'obs.active_substance_use': 'aktiv rus', 'obs.can_care_for_self': 'kan ta vare på seg selv',
      'obs.can_care_for_children': 'kan ta vare på barna', 'obs.danger_to_self': 'fare for seg selv',
      'obs.danger_to_others': 'fare for andre', 'obs.frightening_behaviour': 'skremmende atferd',
      'obs.serious_mental_illness': 'alvorlig psykisk lidelse', 'obs.needs_health_follow_up': 'trenger helseoppfølging',
      'adapt.interpreter': 'trenger tolk', 'adapt.accessible_room': 'trenger tilgjengelig rom',
      'adapt.sami': 'samisk bruker', 'adapt.pet': 'har med hund',
      'outcome.offered': 'tilbys', 'outcome.not_offered': 'tilbys ikke', 'outcome.individual_assessment': 'individuell vurdering',
      'referral.child_welfare': 'barnevernet', 'referral.health': 'helsetjenesten',
      'referral.substance_treatment': 'rusbehandling', 'referral.police': 'politiet',
      'ro.title': 'Romtavle',
      'ro.intro': 'Hvilken husstand får hvilket rom: en husstand per rom, sengeplasser, tilgjengelighet, skjerming, hundeplasser, kvinner og menn hver for seg. Plasseringen er optimal; de som ikke får plass, får grunnen.',
      'ro.separation': 'Kvinner og menn', 'ro.by-unit': 'i hver sin enhet', 'ro.integrated': 'sammen (prøveordning)',
      'ro.kennel': 'Hundeplasser', 'ro.reserve': 'Skjermede rom bare til dem som trenger skjerming',
      'ro.rooms': 'Rom', 'ro.room': 'Rom', 'ro.unit': 'Enhet', 'ro.beds': 'Senger', 'ro.features': 'Egenskaper',
      'ro.add-room': 'Legg til rom', 'ro.room-id': 'Romnummer',
      'ro.households': 'Husstander', 'ro.household': 'Husstand', 'ro.people': 'Personer', 'ro.priority': 'Prioritet',
      'ro.priority-long': 'Prioritet (5 er høyest)', 'ro.needs': 'Behov', 'ro.current': 'Bor nå i',
      'ro.add-household': 'Legg til husstand', 'ro.household-id': 'Husstandens kode', 'ro.household-id-hint': 'En kode, aldri et navn.',
      'ro.women': 'Voksne kvinner', 'ro.men': 'Voksne menn', 'ro.keep-apart': 'Holdes adskilt fra (koder, skilt med komma)',
      'ro.submit': 'Fordel rommene', 'ro.board': 'Rommene', 'ro.free': 'ledig', 'ro.placed': 'Plassert',
      'ro.unplaced': 'Fikk ikke plass', 'ro.all-placed': 'Alle husstandene fikk plass.', 'ro.notes': 'Merknader',
      'ro.objective': 'Prioritet plassert {p}, personer plassert {n}, beboere som må flytte {m}, tomme senger i brukte rom {e}.',
      'ro.woman': 'kvinne', 'ro.man': 'mann', 'ro.child': 'barn', 'ro.new': 'ny', 'ro.moves': 'flytter fra {r}',
      'needs.accessible': 'tilgjengelig (universell utforming)', 'needs.screened': 'skjermet', 'needs.pet': 'har med hund',
      'ro.need-id': 'Skriv en kode for husstanden.', 'ro.need-room-id': 'Skriv et romnummer.',
      'ro.added': 'Husstand {id} er lagt til.', 'ro.room-added': 'Rom {id} er lagt til.', 'ro.removed': '{id} er fjernet.',
      'di.title': 'Taushetsplikt og deling',
      'di.intro': 'Hvem spør, om hva, og hvilke samtykker finnes: hva som kan eller må gis, til hvem, og hva personalet skal gjøre.',
      'di.requester': 'Hvem spør eller skal få vite', 'di.initiative': 'Hvem tar initiativet',
      'initiative.request': 'noen spør krisesenteret', 'initiative.own_initiative': 'krisesenteret vurderer å si fra selv',
      'di.information': 'Hvilke opplysninger', 'di.consents': 'Samtykker brukeren har gitt', 'di.add-consent': 'Legg til samtykke',
      'di.consent-kind': 'Samtykke til', 'kind.sharing': 'deling', 'kind.storage': 'oppbevaring', 'di.recipient': 'Mottaker',
      'di.consent-information': 'Opplysninger samtykket gjelder', 'di.given-on': 'Gitt dato', 'di.written': 'skriftlig',
      'di.withdrawn-on': 'Trukket tilbake dato (tomt hvis ikke)', 'di.duties': 'Plikter som kan gå foran taushetsplikten',
      'di.child-concern': 'Bekymring for et barn', 'di.order': 'Barnevernet har pålagt krisesenteret å gi opplysninger',
      'di.danger': 'Fare for liv eller alvorlig skade på helse', 'di.offence': 'Et alvorlig lovbrudd kan avverges',
      'di.offence-section': 'Straffeloven § (for eksempel 282)', 'di.likelihood': 'Hvor sannsynlig', 'di.submit': 'Hva kan gis?',
      'di.no-consents': 'Ingen samtykker er lagt inn.', 'di.consent-added': 'Samtykket er lagt til.',
      'di.consent-line': '{kind} til {to}: {info}, gitt {given}{written}{withdrawn}',
      'di.oral': ' (muntlig)', 'di.withdrawn': ', trukket tilbake {d}',
      'di.passes': 'Dette kan eller må gis', 'di.to': 'til', 'di.nothing': 'Ingenting gis videre.',
      'di.ncnd': 'Svar verken ja eller nei på om personen er eller har vært her.', 'di.steps': 'Personalet skal',
      'party.police': 'politiet', 'party.child_welfare': 'barnevernet', 'party.nav': 'Nav', 'party.health': 'helsetjenesten',
      'party.lawyer': 'advokat', 'party.school': 'skole', 'party.family_member': 'familie',
      'party.alleged_perpetrator': 'den som er anklaget for volden', 'party.other_service': 'annen tjeneste', 'party.unknown': 'ukjent',
      'info.existence': 'at personen er eller har vært bruker', 'info.whereabouts': 'hvor personen er',
      'info.contact_details': 'kontaktopplysninger', 'info.case_notes': 'journalnotater',
      'info.violence_history': 'voldshistorikk', 'info.children': 'barna', 'info.health': 'helse',
      'concern.none': 'ingen', 'concern.general_worry': 'en generell uro', 'concern.mistreatment': 'mishandling',
      'concern.serious_care_deficiency': 'alvorlig omsorgssvikt', 'concern.other_serious_neglect': 'annen alvorlig forsømmelse',
      'concern.untreated_serious_illness': 'alvorlig sykdom som ikke behandles', 'concern.trafficking': 'menneskehandel',
      'concern.serious_behaviour_problems': 'alvorlige atferdsvansker',
      'likelihood.certain': 'sikkert', 'likelihood.most_likely': 'mest sannsynlig', 'likelihood.possible': 'mulig', 'likelihood.unlikely': 'lite sannsynlig',
      'outcome.refuse': 'Avslå: ingenting gis', 'outcome.share': 'Del det samtykket dekker',
      'outcome.may_share': 'Kan dele (personalet avgjør)', 'outcome.must_report': 'Plikt til å melde',
      'outcome.must_respond': 'Plikt til å svare på pålegget',
      'step.inform_parent_first': 'si fra til forelderen først, når det er trygt for barnet',
      'step.encourage_parent_to_contact_child_welfare': 'oppmuntre forelderen til selv å kontakte barnevernet',
      'step.avert_together_with_user_where_safe': 'avverge sammen med brukeren der det er trygt',
      'step.record_disclosure': 'skrive ned hva som ble gitt, til hvem og hvorfor',
      're.title': 'Sletting: beholde, slette eller holde tilbake',
      're.intro': 'Forhåndsvis hva som skjer med hver journal på en dato: beholdes (til når), slettes, eller holdes tilbake fordi en sak pågår.',
      're.years': 'År etter siste skriftlige samtykke', 're.grace': 'Dager etter avsluttet kontakt uten samtykke',
      're.records': 'Journaler', 're.add-record': 'Legg til journal', 're.record-id': 'Journalens kode',
      're.ended': 'Kontakten avsluttet (tomt hvis den pågår)', 're.consent': 'Skriftlig samtykke til oppbevaring gitt (tomt hvis ingen)',
      're.withdrawn': 'Samtykket trukket tilbake (tomt hvis ikke)', 're.hold': 'Sak som holder journalen tilbake',
      're.hold-on': 'Saken startet', 're.submit': 'Forhåndsvis', 're.no-records': 'Ingen journaler er lagt inn.',
      're.need-id': 'Skriv en kode for journalen.', 're.added': 'Journal {id} er lagt til.',
      're.record-line': '{id}: kontakt {ended}; {consent}; {hold}', 're.ongoing': 'pågår', 're.ended-on': 'avsluttet {d}',
      're.no-consent': 'ikke samtykke', 're.consent-on': 'samtykke {d}', 're.consent-withdrawn': 'samtykke {d}, trukket {w}',
      're.no-hold': 'ingen sak', 're.hold-line': '{r} fra {d}',
      're.record': 'Journal', 're.action': 'Hva skjer', 're.until': 'Slettes fra', 're.until-none': 'avhenger av noe som ikke har skjedd',
      'hold.none': 'ingen', 'hold.police_case': 'politisak', 'hold.court_case': 'rettssak', 'hold.child_welfare_case': 'barnevernssak', 'hold.complaint': 'klage',
      'action.keep': 'beholdes', 'action.delete': 'slettes', 'action.held': 'holdes tilbake',
      'rg.title': 'Journal: samtykker, saker og utleveringslogg',
      'rg.intro': 'Slå opp en journal i krisesenterets register: samtykkene, sakene som holder den tilbake, og hva som er gitt videre. Du ser bare det rollen din har lov til, og hvert oppslag logges.',
      'rg.token': 'Din personlige tilgangsnøkkel', 'rg.record-id': 'Journalens kode', 'rg.submit': 'Vis journalen',
      'rg.need-id': 'Skriv journalens kode.', 'rg.consents': 'Samtykker', 'rg.holds': 'Saker som holder journalen tilbake',
      'rg.disclosures': 'Utleveringslogg', 'rg.none': 'Ingen.', 'rg.hidden': 'Rollen din ser ikke dette.',
      'rg.contact': 'Kontakten: {c}', 'rg.policy': 'Sletteregler: {v}',
      'rg.id': 'Kode', 'rg.kind': 'Til', 'rg.to': 'Mottakere', 'rg.info': 'Opplysninger', 'rg.given': 'Gitt', 'rg.withdrawn': 'Trukket tilbake',
      'rg.reason': 'Sak', 'rg.placed': 'Fra', 'rg.released': 'Avsluttet', 'rg.day': 'Dato', 'rg.outcome': 'Avgjørelse', 'rg.rules': 'Regelversjon',
      'rg.give': 'Registrer et samtykke brukeren har gitt', 'rg.consent-id': 'Samtykkets kode', 'rg.give-submit': 'Registrer samtykket',
      'rg.given-ok': 'Samtykket er registrert.', 'rg.need-consent-id': 'Skriv en kode for samtykket.',
      'rg.forbidden': 'Rollen din har ikke lov til dette.', 'rg.not-found': 'Registeret har ingen slik journal.',
      'rp.title': 'Årsrapport',
      'rp.intro': 'Last opp grunnlaget for en periode (opphold og dagkontakter, samme JSON som kommandoen report). Du får tabellen som kan publiseres: små tall er skjult slik at ingen kan kjennes igjen.',
      'rp.file': 'Rapportgrunnlag (JSON-fil)', 'rp.threshold': 'Skjul tall under', 'rp.submit': 'Lag publiserbar rapport',
      'rp.example': 'Prøv med et lite eksempel', 'rp.need-file': 'Velg en fil først.',
      'rp.table': 'Publiserbar rapport {from} til {to}', 'rp.hidden': 'skjult',
      'rp.hidden-note': 'Et kolon (:) betyr at tallet er skjult: det er mindre enn {t}, eller kunne ha blitt regnet ut fra de andre.',
      'rp.group': 'Gruppe', 'rp.total': 'i alt', 'rp.women': 'kvinner', 'rp.men': 'menn', 'rp.other': 'annet', 'rp.unknown': 'ukjent', 'rp.children': 'barn',
      'rp.stays': 'opphold', 'rp.residents': 'beboere', 'rp.nights': 'Overnattinger: {n} (voksne {a}, barn {c}); beleggsprosent {p}.',
      'rp.day': 'Dagkontakter: {n}.', 'rp.chart': 'Opphold etter gruppe', 'rp.chart-desc': 'Stolpediagram over opphold: kvinner, menn, annet, ukjent og barn. Skjulte tall vises som tomme stolper merket med kolon.',
      'rp.violence': 'Voldsformer (voksne opphold)', 'rp.count': 'Antall'
    },
    en: {
      'skip': 'Skip to the content',
      'brand': 'Crisis shelter · the rules as a service',
      'nav.label': 'Pages',
      'nav.first-contact': 'First contact', 'nav.rooms': 'Room board', 'nav.disclosure': 'Confidentiality and sharing',
      'nav.retention': 'Retention', 'nav.report': 'Annual report', 'nav.record': 'Record',
      'token.label': 'Access token (the server requires it)',
      'privacy': 'Nothing you type is stored in the browser: it goes only to this server for a decision and is gone when the tab closes.',
      'footer': 'Reference front end of the krisesenter rules. Machine-readable description:',
      'common.as-of': 'Date of the decision', 'common.gender': 'Gender', 'common.actions': 'Actions',
      'common.remove': 'Remove', 'common.yes': 'yes', 'common.no': 'no', 'common.none': 'none',
      'common.working': 'Sending to the server …', 'common.done': 'Answer received.',
      'common.error': 'The server refused the request', 'common.field': 'Field', 'common.network': 'Could not reach the server.',
      'common.unauthorized': 'The server requires an access token. Enter it at the top of the page and try again.',
      'common.reasons': 'Reasons', 'common.result': 'Result', 'common.from': 'from',
      'gender.female': 'woman', 'gender.male': 'man', 'gender.other': 'other', 'gender.unknown': 'unknown',
      'role.victim': 'exposed to violence', 'role.relative': 'relative', 'role.professional': 'professional',
      'fc.title': 'First contact',
      'fc.intro': 'What the person who gets in touch is offered: a stay, the day service and the phone, with reasons and the law they rest on, and the equal alternative when a stay is not given.',
      'fc.applicant': 'The person getting in touch', 'fc.age': 'Age (years)', 'fc.role': 'Role',
      'fc.guardian': 'Under 18 and comes with a parent or guardian',
      'fc.children': 'Children coming along: ages, separated by commas',
      'fc.children-hint': 'For example 3, 7. Empty when no children come along.',
      'fc.violence': 'Violence', 'fc.relation': 'Relation to the perpetrator', 'fc.protection': 'Needs protection',
      'fc.observations': 'What staff observe (ability to live at the shelter)', 'fc.adaptations': 'Adaptations',
      'fc.alternatives': 'The municipality\'s equal alternatives',
      'fc.use-alternatives': 'Include the Romerike example: a screened unit for women, a specialised centre, staffed housing for substance use',
      'fc.submit': 'Assess the offer',
      'fc.residential': 'Stay (living at the shelter)', 'fc.day': 'Day service', 'fc.phone': 'Phone',
      'fc.alternative': 'Equal alternative', 'fc.alt-required': 'The municipality must provide an equal alternative',
      'fc.alt-not-required': 'No equal alternative is required', 'fc.alt-offer': 'The offer',
      'fc.alt-none': 'None of the municipality\'s alternatives fits: staff must follow up',
      'fc.adapt-title': 'How the offer is adapted', 'fc.referrals': 'Refer to',
      'violence.physical': 'physical', 'violence.psychological': 'psychological', 'violence.sexual': 'sexual',
      'violence.economic': 'economic', 'violence.material': 'material', 'violence.digital': 'digital',
      'violence.negative_social_control': 'negative social control', 'violence.honour_related': 'honour-related',
      'violence.human_trafficking': 'human trafficking',
      'relation.partner': 'partner', 'relation.former_partner': 'former partner', 'relation.family': 'family',
      'relation.household_member': 'household member', 'relation.caregiver': 'caregiver',
      'relation.other_trust_relation': 'other close relation', 'relation.none': 'no close relation',
      'obs.active_substance_use': 'active substance use', 'obs.can_care_for_self': 'can care for themself',
      'obs.can_care_for_children': 'can care for the children', 'obs.danger_to_self': 'danger to themself',
      'obs.danger_to_others': 'danger to others', 'obs.frightening_behaviour': 'frightening behaviour',
      'obs.serious_mental_illness': 'serious mental illness', 'obs.needs_health_follow_up': 'needs health follow-up',
      'adapt.interpreter': 'needs an interpreter', 'adapt.accessible_room': 'needs an accessible room',
      'adapt.sami': 'Sami user', 'adapt.pet': 'brings a dog',
      'outcome.offered': 'offered', 'outcome.not_offered': 'not offered', 'outcome.individual_assessment': 'individual assessment',
      'referral.child_welfare': 'child welfare', 'referral.health': 'health services',
      'referral.substance_treatment': 'substance treatment', 'referral.police': 'the police',
      'ro.title': 'Room board',
      'ro.intro': 'Which household gets which room: one household per room, beds, accessibility, screening, kennel places, women and men apart. The placement is optimal; those without a place get the reason.',
      'ro.separation': 'Women and men', 'ro.by-unit': 'in separate units', 'ro.integrated': 'together (trial)',
      'ro.kennel': 'Kennel places', 'ro.reserve': 'Screened rooms only for those who need screening',
      'ro.rooms': 'Rooms', 'ro.room': 'Room', 'ro.unit': 'Unit', 'ro.beds': 'Beds', 'ro.features': 'Features',
      'ro.add-room': 'Add a room', 'ro.room-id': 'Room number',
      'ro.households': 'Households', 'ro.household': 'Household', 'ro.people': 'People', 'ro.priority': 'Priority',
      'ro.priority-long': 'Priority (5 is highest)', 'ro.needs': 'Needs', 'ro.current': 'Lives now in',
      'ro.add-household': 'Add a household', 'ro.household-id': 'Household code', 'ro.household-id-hint': 'A code, never a name.',
      'ro.women': 'Adult women', 'ro.men': 'Adult men', 'ro.keep-apart': 'Keep apart from (codes, separated by commas)',
      'ro.submit': 'Allocate the rooms', 'ro.board': 'The rooms', 'ro.free': 'free', 'ro.placed': 'Placed',
      'ro.unplaced': 'Not placed', 'ro.all-placed': 'Every household was placed.', 'ro.notes': 'Notes',
      'ro.objective': 'Priority placed {p}, people placed {n}, residents who must move {m}, empty beds in occupied rooms {e}.',
      'ro.woman': 'woman', 'ro.man': 'man', 'ro.child': 'child', 'ro.new': 'new', 'ro.moves': 'moves from {r}',
      'needs.accessible': 'accessible', 'needs.screened': 'screened', 'needs.pet': 'brings a dog',
      'ro.need-id': 'Enter a code for the household.', 'ro.need-room-id': 'Enter a room number.',
      'ro.added': 'Household {id} was added.', 'ro.room-added': 'Room {id} was added.', 'ro.removed': '{id} was removed.',
      'di.title': 'Confidentiality and sharing',
      'di.intro': 'Who asks, for what, and which consents exist: what may or must be given, to whom, and what staff must do.',
      'di.requester': 'Who asks or is to be told', 'di.initiative': 'Whose initiative',
      'initiative.request': 'someone asks the shelter', 'initiative.own_initiative': 'the shelter considers telling of its own accord',
      'di.information': 'Which information', 'di.consents': 'Consents the user has given', 'di.add-consent': 'Add a consent',
      'di.consent-kind': 'Consent to', 'kind.sharing': 'sharing', 'kind.storage': 'storage', 'di.recipient': 'Recipient',
      'di.consent-information': 'Information the consent covers', 'di.given-on': 'Given on', 'di.written': 'written',
      'di.withdrawn-on': 'Withdrawn on (empty if not)', 'di.duties': 'Duties that can override confidentiality',
      'di.child-concern': 'Concern for a child', 'di.order': 'Child welfare has ordered the shelter to give information',
      'di.danger': 'Danger to life or of serious harm to health', 'di.offence': 'A serious offence can be averted',
      'di.offence-section': 'Penal code § (for example 282)', 'di.likelihood': 'How likely', 'di.submit': 'What may be given?',
      'di.no-consents': 'No consents entered.', 'di.consent-added': 'The consent was added.',
      'di.consent-line': '{kind} to {to}: {info}, given {given}{written}{withdrawn}',
      'di.oral': ' (oral)', 'di.withdrawn': ', withdrawn {d}',
      'di.passes': 'What may or must be given', 'di.to': 'to', 'di.nothing': 'Nothing is passed on.',
      'di.ncnd': 'Answer neither yes nor no to whether the person is or was here.', 'di.steps': 'Staff must',
      'party.police': 'the police', 'party.child_welfare': 'child welfare', 'party.nav': 'Nav', 'party.health': 'health services',
      'party.lawyer': 'a lawyer', 'party.school': 'a school', 'party.family_member': 'family',
      'party.alleged_perpetrator': 'the alleged perpetrator', 'party.other_service': 'another service', 'party.unknown': 'unknown',
      'info.existence': 'that the person is or was a user', 'info.whereabouts': 'where the person is',
      'info.contact_details': 'contact details', 'info.case_notes': 'case notes',
      'info.violence_history': 'violence history', 'info.children': 'the children', 'info.health': 'health',
      'concern.none': 'none', 'concern.general_worry': 'a general worry', 'concern.mistreatment': 'mistreatment',
      'concern.serious_care_deficiency': 'serious care deficiency', 'concern.other_serious_neglect': 'other serious neglect',
      'concern.untreated_serious_illness': 'untreated serious illness', 'concern.trafficking': 'trafficking',
      'concern.serious_behaviour_problems': 'serious behaviour problems',
      'likelihood.certain': 'certain', 'likelihood.most_likely': 'most likely', 'likelihood.possible': 'possible', 'likelihood.unlikely': 'unlikely',
      'outcome.refuse': 'Refuse: nothing is given', 'outcome.share': 'Share what the consent covers',
      'outcome.may_share': 'May share (staff decide)', 'outcome.must_report': 'Duty to report',
      'outcome.must_respond': 'Duty to answer the order',
      'step.inform_parent_first': 'tell the parent first, where that is safe for the child',
      'step.encourage_parent_to_contact_child_welfare': 'encourage the parent to contact child welfare themself',
      'step.avert_together_with_user_where_safe': 'avert together with the user where that is safe',
      'step.record_disclosure': 'record what was given, to whom and why',
      're.title': 'Retention: keep, delete or hold',
      're.intro': 'Preview what happens to each record on a day: kept (until when), deleted, or held because a case is open.',
      're.years': 'Years after the latest written consent', 're.grace': 'Days after a contact without consent ends',
      're.records': 'Records', 're.add-record': 'Add a record', 're.record-id': 'Record code',
      're.ended': 'Contact ended on (empty if ongoing)', 're.consent': 'Written consent to storage given on (empty if none)',
      're.withdrawn': 'Consent withdrawn on (empty if not)', 're.hold': 'A case holding the record',
      're.hold-on': 'The case began on', 're.submit': 'Preview', 're.no-records': 'No records entered.',
      're.need-id': 'Enter a code for the record.', 're.added': 'Record {id} was added.',
      're.record-line': '{id}: contact {ended}; {consent}; {hold}', 're.ongoing': 'ongoing', 're.ended-on': 'ended {d}',
      're.no-consent': 'no consent', 're.consent-on': 'consent {d}', 're.consent-withdrawn': 'consent {d}, withdrawn {w}',
      're.no-hold': 'no case', 're.hold-line': '{r} from {d}',
      're.record': 'Record', 're.action': 'What happens', 're.until': 'Deleted from', 're.until-none': 'depends on something yet to happen',
      'hold.none': 'none', 'hold.police_case': 'police case', 'hold.court_case': 'court case', 'hold.child_welfare_case': 'child welfare case', 'hold.complaint': 'complaint',
      'action.keep': 'kept', 'action.delete': 'deleted', 'action.held': 'held',
      'rg.title': 'Record: consents, holds and disclosure log',
      'rg.intro': "Look up a record in the shelter's register: its consents, the cases that hold it back, and what was disclosed. You see only what your role may see, and every look is logged.",
      'rg.token': 'Your personal access token', 'rg.record-id': "The record's code", 'rg.submit': 'Show the record',
      'rg.need-id': "Type the record's code.", 'rg.consents': 'Consents', 'rg.holds': 'Cases holding the record back',
      'rg.disclosures': 'Disclosure log', 'rg.none': 'None.', 'rg.hidden': 'Your role does not see this.',
      'rg.contact': 'Contact: {c}', 'rg.policy': 'Retention rules: {v}',
      'rg.id': 'Code', 'rg.kind': 'For', 'rg.to': 'Recipients', 'rg.info': 'Information', 'rg.given': 'Given', 'rg.withdrawn': 'Withdrawn',
      'rg.reason': 'Case', 'rg.placed': 'From', 'rg.released': 'Ended', 'rg.day': 'Day', 'rg.outcome': 'Decision', 'rg.rules': 'Rule version',
      'rg.give': 'Record a consent the user gave', 'rg.consent-id': "The consent's code", 'rg.give-submit': 'Record the consent',
      'rg.given-ok': 'The consent is recorded.', 'rg.need-consent-id': 'Type a code for the consent.',
      'rg.forbidden': 'Your role may not do this.', 'rg.not-found': 'The register holds no such record.',
      'rp.title': 'Annual report',
      'rp.intro': 'Upload the records of a period (stays and day contacts, the same JSON as the report command). You get the table that may be published: small counts are hidden so that nobody can be recognised.',
      'rp.file': 'Report records (a JSON file)', 'rp.threshold': 'Hide counts below', 'rp.submit': 'Make the publishable report',
      'rp.example': 'Try a small example', 'rp.need-file': 'Choose a file first.',
      'rp.table': 'Publishable report {from} to {to}', 'rp.hidden': 'hidden',
      'rp.hidden-note': 'A colon (:) means the count is hidden: it is below {t}, or could have been worked out from the others.',
      'rp.group': 'Group', 'rp.total': 'total', 'rp.women': 'women', 'rp.men': 'men', 'rp.other': 'other', 'rp.unknown': 'unknown', 'rp.children': 'children',
      'rp.stays': 'stays', 'rp.residents': 'residents', 'rp.nights': 'Nights: {n} (adults {a}, children {c}); occupancy {p}.',
      'rp.day': 'Day contacts: {n}.', 'rp.chart': 'Stays by group', 'rp.chart-desc': 'Bar chart of stays: women, men, other, unknown and children. Hidden counts show as empty bars marked with a colon.',
      'rp.violence': 'Kinds of violence (adult stays)', 'rp.count': 'Count'
    }
  };

  const VIOLENCE = ['physical', 'psychological', 'sexual', 'economic', 'material', 'digital', 'negative_social_control', 'honour_related', 'human_trafficking'];
  const RELATIONS = ['partner', 'former_partner', 'family', 'household_member', 'caregiver', 'other_trust_relation', 'none'];
  const OBSERVATIONS = ['active_substance_use', 'can_care_for_self', 'can_care_for_children', 'danger_to_self', 'danger_to_others', 'frightening_behaviour', 'serious_mental_illness', 'needs_health_follow_up'];
  const ADAPTATIONS = ['interpreter', 'accessible_room', 'sami', 'pet'];
  const PARTIES = ['police', 'child_welfare', 'nav', 'health', 'lawyer', 'school', 'family_member', 'alleged_perpetrator', 'other_service', 'unknown'];
  const INFORMATION = ['existence', 'whereabouts', 'contact_details', 'case_notes', 'violence_history', 'children', 'health'];
  const CONCERNS = ['none', 'general_worry', 'mistreatment', 'serious_care_deficiency', 'other_serious_neglect', 'untreated_serious_illness', 'trafficking', 'serious_behaviour_problems'];
  const LIKELIHOODS = ['certain', 'most_likely', 'possible', 'unlikely'];
  const HOLDS = ['none', 'police_case', 'court_case', 'child_welfare_case', 'complaint'];
  const STATUTES = {
    krisesenterlova: 'krisesenterlova', barnevernsloven: 'barnevernsloven', barnevernloven_1992: 'barnevernloven (1992)',
    straffeloven: 'straffeloven', forvaltningsloven: 'forvaltningsloven', gdpr: 'GDPR', personopplysningsloven: 'personopplysningsloven'
  };
  // The Romerike example of a municipality's alternatives (as in examples/romerike-year).
  const ALTERNATIVES = [
    { id: 'skjermet-enhet-kvinner', model: 'internal_unit', accepts: { genders: ['female'], active_substance_use: false, serious_mental_illness: true, children: true } },
    { id: 'spesialisert-senter', model: 'specialised_centre', accepts: { genders: ['female'], active_substance_use: true, serious_mental_illness: true, children: false } },
    { id: 'bemannet-rusbolig', model: 'cooperation_housing', accepts: { genders: ['female', 'male'], active_substance_use: true, serious_mental_illness: false, children: false } }
  ];
  // A small report input (docs/examples/report.json) for trying the annual report page.
  const EXAMPLE_REPORT = {
    period: { from: '2025-01-01', to: '2025-12-31' }, beds: 62,
    stays: [
      { id: 's1', person: { kind: 'adult', gender: 'female', age: 34, municipality: '3205' }, check_in: '2025-08-01', check_out: '2025-08-05', first_stay_this_year: true, violence_types: ['physical', 'psychological'], relation: 'former_partner', after_stay: 'new_home', previous_stays: 0 },
      { id: 's2', person: { kind: 'child', gender: 'male', age: 5, municipality: '3205' }, check_in: '2025-08-01', check_out: '2025-08-05', first_stay_this_year: true, violence_types: [], relation: null, after_stay: null, previous_stays: 0 },
      { id: 's3', person: { kind: 'adult', gender: 'male', age: 41, municipality: '3222' }, check_in: '2024-12-20', check_out: '2025-01-20', first_stay_this_year: true, violence_types: ['psychological'], relation: 'partner', after_stay: 'family_or_friends', previous_stays: 1 },
      { id: 's4', person: { kind: 'adult', gender: 'female', age: 29, municipality: '3209' }, check_in: '2025-12-28', check_out: null, first_stay_this_year: true, violence_types: ['physical'], relation: 'partner', after_stay: null, previous_stays: 0 }
    ],
    day_contacts: [
      { date: '2025-03-01', mode: 'phone', interpreter: false },
      { date: '2025-03-02', mode: 'in_person', interpreter: true },
      { date: '2025-04-11', mode: 'outreach', interpreter: false }
    ]
  };

  let lang = 'nb';
  const rendered = {}; // the last answer of each page, to render again in the other language

  function t(key, values) {
    let text = (T[lang] && T[lang][key]) || T.nb[key] || key;
    if (values) {
      for (const [name, value] of Object.entries(values)) {
        text = text.split('{' + name + '}').join(String(value));
      }
    }
    return text;
  }

  const $ = (id) => document.getElementById(id);

  // Builds an element: el('p', {class: 'x'}, 'text', child, …). Text is always set as text.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === false || value === null || value === undefined) continue;
      node.setAttribute(name, value === true ? '' : value);
    }
    fill(node, children, true);
    return node;
  }

  // Sets (or with append, adds) a node's children: nested lists flattened, nothing shown
  // for null, undefined or false, anything else that is not a node shown as text.
  function fill(node, children, append) {
    const nodes = [children].flat(Infinity)
      .filter((c) => c !== null && c !== undefined && c !== false)
      .map((c) => (c instanceof Node ? c : document.createTextNode(String(c))));
    if (append) node.append(...nodes);
    else node.replaceChildren(...nodes);
  }

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
    for (const child of children.flat()) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function today() {
    const d = new Date();
    const pad = (n) => String(n).padStart(2, '0');
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate());
  }

  function ages(text) {
    return text.split(/[,;\s]+/).filter((s) => s !== '').map((s) => ({ age: Number(s) }));
  }

  function ids(text) {
    return text.split(/[,;\s]+/).filter((s) => s !== '');
  }

  // ---------------------------------------------------------------- language
  function applyLanguage() {
    document.documentElement.lang = lang;
    for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
    for (const node of document.querySelectorAll('[data-i18n-label]')) node.setAttribute('aria-label', t(node.dataset.i18nLabel));
    const toggle = $('lang-toggle');
    toggle.textContent = lang === 'nb' ? 'English' : 'Norsk (bokmål)';
    toggle.setAttribute('lang', lang === 'nb' ? 'en' : 'nb');
    setTitle();
    renderAddedLists();
    for (const [page, render] of Object.entries(renderers)) {
      if (rendered[page]) render(rendered[page]);
    }
  }

  // ---------------------------------------------------------------- pages
  const PAGES = ['first-contact', 'rooms', 'disclosure', 'retention', 'report', 'record'];
  let currentPage = null;

  function setTitle() {
    const h1 = currentPage && $('h-' + currentPage);
    document.title = (h1 ? h1.textContent + ' – ' : '') + t('brand');
  }

  function showPage(moveFocus) {
    const wanted = location.hash.replace('#', '');
    const page = PAGES.includes(wanted) ? wanted : 'first-contact';
    currentPage = page;
    for (const name of PAGES) $('page-' + name).hidden = name !== page;
    for (const link of document.querySelectorAll('nav a')) {
      if (link.getAttribute('href') === '#' + page) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    setTitle();
    if (moveFocus) $('h-' + page).focus();
  }

  // ---------------------------------------------------------------- the server
  async function call(command, body) {
    const headers = { 'content-type': 'application/json' };
    const token = $('token').value.trim();
    if (token) headers.authorization = 'Bearer ' + token;
    let response;
    try {
      response = await fetch('/v1/' + command, {
        method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body),
        cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer'
      });
    } catch (e) {
      return { ok: false, error: { kind: 'network', message: t('common.network'), path: null } };
    }
    let json = null;
    try { json = await response.json(); } catch (e) { json = null; }
    if (response.ok && json) return { ok: true, json };
    if (response.status === 401) {
      $('token-box').hidden = false;
      return { ok: false, error: { kind: 'unauthorized', message: t('common.unauthorized'), path: null } };
    }
    const error = (json && json.error) || { kind: 'http_' + response.status, message: '', path: null };
    return { ok: false, error };
  }

  function showError(prefix, error) {
    const box = $(prefix + '-result');
    box.replaceChildren(el('div', { class: 'error', role: 'alert' },
      el('h2', {}, t('common.error')),
      el('p', {}, error.message),
      error.path ? el('p', {}, t('common.field') + ': ', el('code', {}, error.path)) : null,
      el('p', { class: 'muted' }, el('code', {}, error.kind))));
    $(prefix + '-status').textContent = t('common.error');
  }

  async function submit(prefix, command, body, remember) {
    const button = $(prefix + '-submit');
    button.disabled = true;
    $(prefix + '-status').textContent = t('common.working');
    try {
      const answer = await call(command, body);
      if (!answer.ok) { showError(prefix, answer.error); return null; }
      $(prefix + '-status').textContent = t('common.done');
      if (remember) {
        rendered[prefix] = answer.json;
        renderers[prefix](answer.json);
        const heading = $(prefix + '-result-h');
        if (heading) heading.focus();
      }
      return answer.json;
    } finally {
      button.disabled = false;
    }
  }

  // ---------------------------------------------------------------- shared rendering
  function citation(c) {
    const statute = STATUTES[c.statute] || c.statute;
    const section = c.section.startsWith('art-') ? 'art. ' + c.section.slice(4) : '§ ' + c.section;
    return statute + ' ' + section + ' (' + t('common.from') + ' ' + c.in_force_from + ')';
  }

  function reasonList(reasons) {
    if (!reasons || reasons.length === 0) return null;
    return el('ul', { class: 'reasons' }, reasons.map((r) =>
      el('li', { 'data-code': r.code },
        el('span', { class: 'message' }, lang === 'en' ? r.message_en : r.message_nb),
        r.citations && r.citations.length
          ? el('span', { class: 'citations' }, ' ', r.citations.map(citation).join('; '))
          : null)));
  }

  function resultHeading(prefix) {
    return el('h2', { id: prefix + '-result-h', tabindex: '-1' }, t('common.result'));
  }

  function options(select, values, prefix) {
    select.replaceChildren(...values.map((v) => el('option', { value: v, 'data-i18n': prefix + '.' + v }, t(prefix + '.' + v))));
  }

  function checks(container, name, values, prefix, checked) {
    container.replaceChildren(...values.map((v) => {
      const id = container.id + '-' + v;
      return el('div', { class: 'check' },
        el('input', { type: 'checkbox', id, name, value: v, checked: (checked || []).includes(v) }),
        el('label', { for: id, 'data-i18n': prefix + '.' + v }, t(prefix + '.' + v)));
    }));
  }

  const checked = (container) => Array.from($(container).querySelectorAll('input:checked')).map((i) => i.value);

  // ---------------------------------------------------------------- first contact (assess)
  function assessBody() {
    const observations = {};
    for (const o of OBSERVATIONS) observations[o] = $('fc-observations-' + o).checked;
    const adaptation = {};
    for (const a of ADAPTATIONS) adaptation[a] = $('fc-adaptations-' + a).checked;
    return {
      as_of: $('fc-as-of').value,
      applicant: { age: Number($('fc-age').value), gender: $('fc-gender').value, role: $('fc-role').value },
      adaptation_needs: adaptation,
      accompanied_by_guardian: $('fc-guardian').checked,
      children: ages($('fc-children').value),
      violence: { types: checked('fc-violence'), relation: $('fc-relation').value },
      protection_need: $('fc-protection').checked,
      observations,
      alternatives: $('fc-use-alternatives').checked ? ALTERNATIVES : []
    };
  }

  function renderAssess(offer) {
    const service = (key, part) => el('section', { class: 'card', 'aria-labelledby': 'fc-' + key + '-h' },
      el('h3', { id: 'fc-' + key + '-h' }, t('fc.' + key)),
      el('p', { class: 'outcome', id: 'fc-' + key + '-outcome', 'data-outcome': part.outcome }, t('outcome.' + part.outcome)),
      reasonList(part.reasons));
    const alt = offer.alternative;
    const altText = alt.required
      ? (alt.offer ? t('fc.alt-required') + '. ' + t('fc.alt-offer') + ': ' + alt.offer.id + ' (' + alt.offer.model + ')' : t('fc.alt-none'))
      : t('fc.alt-not-required');
    fill($('fc-result'), [
      resultHeading('fc'),
      el('div', { class: 'cards' },
        service('residential', offer.residential), service('day', offer.day), service('phone', offer.phone)),
      el('section', { class: 'card wide', 'aria-labelledby': 'fc-alt-h' },
        el('h3', { id: 'fc-alt-h' }, t('fc.alternative')),
        el('p', { class: 'outcome', id: 'fc-alternative-outcome', 'data-required': String(alt.required) }, altText),
        reasonList(alt.reasons)),
      offer.adaptations && offer.adaptations.length
        ? el('section', { class: 'card wide' }, el('h3', {}, t('fc.adapt-title')), reasonList(offer.adaptations)) : null,
      offer.referrals && offer.referrals.length
        ? el('section', { class: 'card wide' }, el('h3', {}, t('fc.referrals')),
          el('ul', {}, offer.referrals.map((r) => el('li', {}, t('referral.' + r))))) : null]);
  }

  // ---------------------------------------------------------------- room board (allocate)
  const rooms = [
    { id: 'r01', unit: 'a', beds: 4, accessible: true, screened: false },
    { id: 'r02', unit: 'a', beds: 4, accessible: false, screened: false },
    { id: 'r03', unit: 'b', beds: 2, accessible: false, screened: false },
    { id: 'r04', unit: 'b', beds: 3, accessible: false, screened: false },
    { id: 'r15', unit: 's', beds: 3, accessible: false, screened: true }
  ];
  const households = [
    { id: 'h1', adults: [{ gender: 'female' }], children: [{ age: 5 }, { age: 9 }], priority: 3, needs: { accessible: false, screened: false, pet: false }, keep_apart: [], current_room: 'r02' },
    { id: 'h2', adults: [{ gender: 'male' }], children: [], priority: 2, needs: { accessible: false, screened: false, pet: true }, keep_apart: [], current_room: 'r03' },
    { id: 'h3', adults: [{ gender: 'female' }], children: [{ age: 1 }], priority: 5, needs: { accessible: false, screened: true, pet: false }, keep_apart: ['h1'], current_room: null }
  ];

  function features(room) {
    const list = [];
    if (room.accessible) list.push(t('needs.accessible'));
    if (room.screened) list.push(t('needs.screened'));
    return list.join(', ') || '–';
  }

  function needsText(needs) {
    const list = ['accessible', 'screened', 'pet'].filter((n) => needs[n]).map((n) => t('needs.' + n));
    return list.join(', ') || '–';
  }

  function removeButton(label) {
    return el('button', { type: 'button', class: 'secondary small', 'aria-label': t('common.remove') + ' ' + label }, t('common.remove'));
  }

  function renderRoomsList() {
    $('ro-rooms').replaceChildren(...rooms.map((room, i) => {
      const button = removeButton(room.id);
      button.addEventListener('click', () => { rooms.splice(i, 1); renderRoomsList(); $('ro-status').textContent = t('ro.removed', { id: room.id }); $('ro-room-id').focus(); });
      return el('tr', {}, el('th', { scope: 'row' }, room.id), el('td', {}, room.unit), el('td', {}, room.beds), el('td', {}, features(room)), el('td', {}, button));
    }));
    const current = $('ro-hh-current');
    const chosen = current.value;
    current.replaceChildren(el('option', { value: '' }, t('common.none')), ...rooms.map((r) => el('option', { value: r.id }, r.id)));
    current.value = rooms.some((r) => r.id === chosen) ? chosen : '';
  }

  function people(h) {
    const women = h.adults.filter((a) => a.gender === 'female').length;
    const men = h.adults.filter((a) => a.gender === 'male').length;
    const parts = [];
    if (women) parts.push(women + ' ' + t(women === 1 ? 'ro.woman' : 'rp.women'));
    if (men) parts.push(men + ' ' + t(men === 1 ? 'ro.man' : 'rp.men'));
    if (h.children.length) parts.push(h.children.length + ' ' + t(h.children.length === 1 ? 'ro.child' : 'rp.children'));
    return parts.join(', ');
  }

  function renderHouseholdsList() {
    $('ro-households').replaceChildren(...households.map((h, i) => {
      const button = removeButton(h.id);
      button.addEventListener('click', () => { households.splice(i, 1); renderHouseholdsList(); $('ro-status').textContent = t('ro.removed', { id: h.id }); $('ro-hh-id').focus(); });
      return el('tr', {}, el('th', { scope: 'row' }, h.id), el('td', {}, people(h)), el('td', {}, h.priority), el('td', {}, needsText(h.needs)), el('td', {}, h.current_room || '–'), el('td', {}, button));
    }));
  }

  function addRoom() {
    const id = $('ro-room-id').value.trim();
    if (!id) { $('ro-status').textContent = t('ro.need-room-id'); $('ro-room-id').focus(); return; }
    rooms.push({ id, unit: $('ro-room-unit').value.trim() || 'a', beds: Number($('ro-room-beds').value), accessible: $('ro-room-accessible').checked, screened: $('ro-room-screened').checked });
    $('ro-room-id').value = '';
    renderRoomsList();
    $('ro-status').textContent = t('ro.room-added', { id });
  }

  function addHousehold() {
    const id = $('ro-hh-id').value.trim();
    if (!id) { $('ro-status').textContent = t('ro.need-id'); $('ro-hh-id').focus(); return; }
    const adults = [];
    for (let i = 0; i < Number($('ro-hh-women').value); i++) adults.push({ gender: 'female' });
    for (let i = 0; i < Number($('ro-hh-men').value); i++) adults.push({ gender: 'male' });
    households.push({
      id, adults, children: ages($('ro-hh-children').value), priority: Number($('ro-hh-priority').value),
      needs: { accessible: $('ro-hh-accessible').checked, screened: $('ro-hh-screened').checked, pet: $('ro-hh-pet').checked },
      keep_apart: ids($('ro-hh-apart').value), current_room: $('ro-hh-current').value || null
    });
    for (const f of ['ro-hh-id', 'ro-hh-children', 'ro-hh-apart']) $(f).value = '';
    renderHouseholdsList();
    $('ro-status').textContent = t('ro.added', { id });
  }

  function allocateBody() {
    return {
      as_of: $('ro-as-of').value,
      policy: { gender_separation: $('ro-separation').value, reserve_screened_rooms: $('ro-reserve').checked },
      kennel_places: Number($('ro-kennel').value),
      rooms, households
    };
  }

  function renderAllocate(result) {
    const byRoom = {};
    for (const p of result.placements) byRoom[p.room] = households.find((h) => h.id === p.household) || { id: p.household, adults: [], children: [] };
    const board = el('ul', { class: 'room-grid', id: 'ro-board' }, rooms.map((room) => {
      const h = byRoom[room.id];
      const moved = h && h.current_room && h.current_room !== room.id;
      return el('li', { class: 'room' + (h ? ' taken' : ' free'), 'data-room': room.id },
        el('h4', {}, t('ro.room') + ' ' + room.id),
        el('p', { class: 'muted' }, t('ro.unit') + ' ' + room.unit + ' · ' + room.beds + ' ' + t('ro.beds').toLowerCase() + (features(room) !== '–' ? ' · ' + features(room) : '')),
        h
          ? el('p', { class: 'occupant', 'data-household': h.id }, el('strong', {}, h.id), ' – ', people(h), moved ? ' (' + t('ro.moves', { r: h.current_room }) + ')' : '')
          : el('p', { class: 'occupant empty' }, t('ro.free')));
    }));
    const o = result.objective;
    fill($('ro-result'), [
      resultHeading('ro'),
      el('p', {}, t('ro.objective', { p: o.priority_placed, n: o.people_placed, m: o.moved, e: o.empty_beds })),
      el('h3', {}, t('ro.board')), board,
      el('h3', {}, t('ro.unplaced')),
      result.unplaced.length
        ? el('ul', { class: 'unplaced', id: 'ro-unplaced' }, result.unplaced.map((u) =>
          el('li', { 'data-household': u.household }, el('strong', {}, u.household), reasonList(u.reasons))))
        : el('p', { id: 'ro-unplaced' }, t('ro.all-placed')),
      result.notes && result.notes.length ? [el('h3', {}, t('ro.notes')), reasonList(result.notes)] : null]);
  }

  // ---------------------------------------------------------------- disclosure (disclose)
  const consents = [
    { id: 'c1', kind: 'sharing', recipients: ['police'], information: ['violence_history'], given_on: '2026-01-10', written: true, withdrawn_on: null }
  ];

  function renderConsents() {
    const list = $('di-consents');
    if (consents.length === 0) { list.replaceChildren(el('li', { class: 'muted' }, t('di.no-consents'))); return; }
    list.replaceChildren(...consents.map((c, i) => {
      const button = removeButton(c.id);
      button.addEventListener('click', () => { consents.splice(i, 1); renderConsents(); $('di-c-kind').focus(); });
      const line = t('di.consent-line', {
        kind: t('kind.' + c.kind), to: c.recipients.map((p) => t('party.' + p)).join(', ') || '–',
        info: c.information.map((x) => t('info.' + x)).join(', ') || '–', given: c.given_on,
        written: c.written ? '' : t('di.oral'), withdrawn: c.withdrawn_on ? t('di.withdrawn', { d: c.withdrawn_on }) : ''
      });
      return el('li', {}, line, ' ', button);
    }));
  }

  function addConsent() {
    const kind = $('di-c-kind').value;
    consents.push({
      id: 'c' + (consents.length + 1) + '-' + Date.now().toString(36), kind,
      recipients: kind === 'sharing' ? [$('di-c-recipient').value] : [],
      information: kind === 'sharing' ? checked('di-c-information') : [],
      given_on: $('di-c-given').value || $('di-as-of').value, written: $('di-c-written').checked,
      withdrawn_on: $('di-c-withdrawn').value || null
    });
    renderConsents();
    $('di-status').textContent = t('di.consent-added');
  }

  function discloseBody() {
    const body = {
      as_of: $('di-as-of').value, requester: $('di-requester').value,
      initiative: document.querySelector('input[name="di-initiative"]:checked').value,
      information: checked('di-information'), consents,
      child_concern: $('di-child-concern').value, child_welfare_order: $('di-order').checked,
      serious_offence: null, danger_to_life_or_health: $('di-danger').checked
    };
    if ($('di-offence').checked) {
      body.serious_offence = { straffeloven_section: Number($('di-offence-section').value), likelihood: $('di-likelihood').value };
    }
    return body;
  }

  function renderDisclose(d) {
    fill($('di-result'), [
      resultHeading('di'),
      el('p', { class: 'outcome big', id: 'di-outcome', 'data-outcome': d.outcome }, t('outcome.' + d.outcome)),
      d.neither_confirm_nor_deny ? el('p', { class: 'warning' }, t('di.ncnd')) : null,
      el('h3', {}, t('di.passes')),
      d.information.length
        ? el('p', {}, d.information.map((x) => t('info.' + x)).join(', ') + ' ' + t('di.to') + ' ' + d.recipients.map((p) => t('party.' + p)).join(', '))
        : el('p', {}, t('di.nothing')),
      d.steps && d.steps.length ? [el('h3', {}, t('di.steps')), el('ul', {}, d.steps.map((s) => el('li', {}, t('step.' + s))))] : null,
      el('h3', {}, t('common.reasons')), reasonList(d.reasons)]);
  }

  // ---------------------------------------------------------------- retention
  const records = [
    { id: 'k0001', contact_ended_on: '2025-11-30', consents: [{ id: 'c1', kind: 'storage', recipients: [], information: [], given_on: '2024-02-29', written: true, withdrawn_on: null }], holds: [] },
    { id: 'k0002', contact_ended_on: '2026-02-14', consents: [], holds: [] },
    { id: 'k0004', contact_ended_on: '2025-06-01', consents: [], holds: [{ id: 'hold-1', reason: 'police_case', placed_on: '2025-05-20', released_on: null }] }
  ];

  function renderRecords() {
    const list = $('re-records');
    if (records.length === 0) { list.replaceChildren(el('li', { class: 'muted' }, t('re.no-records'))); return; }
    list.replaceChildren(...records.map((r, i) => {
      const button = removeButton(r.id);
      button.addEventListener('click', () => { records.splice(i, 1); renderRecords(); $('re-r-id').focus(); });
      const c = r.consents[0];
      const h = r.holds[0];
      const line = t('re.record-line', {
        id: r.id,
        ended: r.contact_ended_on ? t('re.ended-on', { d: r.contact_ended_on }) : t('re.ongoing'),
        consent: c ? (c.withdrawn_on ? t('re.consent-withdrawn', { d: c.given_on, w: c.withdrawn_on }) : t('re.consent-on', { d: c.given_on })) : t('re.no-consent'),
        hold: h ? t('re.hold-line', { r: t('hold.' + h.reason), d: h.placed_on }) : t('re.no-hold')
      });
      return el('li', {}, line, ' ', button);
    }));
  }

  function addRecord() {
    const id = $('re-r-id').value.trim();
    if (!id) { $('re-status').textContent = t('re.need-id'); $('re-r-id').focus(); return; }
    const given = $('re-r-consent').value;
    const hold = $('re-r-hold').value;
    records.push({
      id, contact_ended_on: $('re-r-ended').value || null,
      consents: given ? [{ id: id + '-c', kind: 'storage', recipients: [], information: [], given_on: given, written: true, withdrawn_on: $('re-r-withdrawn').value || null }] : [],
      holds: hold !== 'none' ? [{ id: id + '-h', reason: hold, placed_on: $('re-r-hold-on').value || $('re-as-of').value, released_on: null }] : []
    });
    for (const f of ['re-r-id', 're-r-ended', 're-r-consent', 're-r-withdrawn', 're-r-hold-on']) $(f).value = '';
    $('re-r-hold').value = 'none';
    renderRecords();
    $('re-status').textContent = t('re.added', { id });
  }

  function retentionBody() {
    return {
      as_of: $('re-as-of').value,
      policy: { consent_retention_years: Number($('re-years').value), no_consent_grace_days: Number($('re-grace').value) },
      records
    };
  }

  function renderRetention(r) {
    fill($('re-result'), [
      resultHeading('re'),
      el('table', { class: 'data', id: 're-table' },
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('re.record')), el('th', { scope: 'col' }, t('re.action')), el('th', { scope: 'col' }, t('re.until')), el('th', { scope: 'col' }, t('common.reasons')))),
        el('tbody', {}, r.decisions.map((d) => el('tr', {},
          el('th', { scope: 'row' }, d.record),
          el('td', { 'data-action': d.action }, t('action.' + d.action)),
          el('td', {}, d.until || t('re.until-none')),
          el('td', {}, reasonList(d.reasons))))))]);
  }

  // ---------------------------------------------------------------- annual report
  async function runReport(text) {
    const report = await submit('rp', 'report', text, false);
    if (!report) return;
    const published = await submit('rp', 'publish', { report, threshold: Number($('rp-threshold').value) }, true);
    return published;
  }

  const cell = (v) => (v === null || v === undefined ? el('abbr', { title: t('rp.hidden') }, ':') : String(v));

  function renderPublish(p) {
    const groups = ['female', 'male', 'other', 'unknown'];
    const row = (key, counts) => el('tr', {},
      el('th', { scope: 'row' }, t('rp.' + key)), el('td', {}, cell(counts.total)),
      groups.map((g) => el('td', {}, cell(counts.adults[g]))), el('td', {}, cell(counts.children)));
    const table = el('table', { class: 'data', id: 'rp-table' },
      el('caption', {}, t('rp.table', { from: p.period.from, to: p.period.to })),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('rp.group')), el('th', { scope: 'col' }, t('rp.total')),
        ['women', 'men', 'other', 'unknown'].map((g) => el('th', { scope: 'col' }, t('rp.' + g))), el('th', { scope: 'col' }, t('rp.children')))),
      el('tbody', {}, row('stays', p.stays), row('residents', p.residents)));
    const rate = p.occupancy_rate === null || p.occupancy_rate === undefined ? ':' : (100 * p.occupancy_rate).toFixed(1) + ' %';
    const violence = Object.entries(p.violence_types || {});
    fill($('rp-result'), [
      resultHeading('rp'),
      table,
      el('p', { class: 'muted' }, t('rp.hidden-note', { t: p.threshold })),
      el('p', {}, t('rp.nights', { n: p.nights.total ?? ':', a: p.nights.adults ?? ':', c: p.nights.children ?? ':', p: rate })),
      el('p', {}, t('rp.day', { n: p.day_contacts.total ?? ':' })),
      chart(p),
      violence.length ? [el('h3', {}, t('rp.violence')), el('table', { class: 'data' },
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('fc.violence')), el('th', { scope: 'col' }, t('rp.count')))),
        el('tbody', {}, violence.map(([k, v]) => el('tr', {}, el('th', { scope: 'row' }, t('violence.' + k)), el('td', {}, cell(v))))))] : null]);
  }

  // A bar chart of stays by group, drawn as SVG with attributes only (no inline style).
  function chart(p) {
    const bars = [
      ['women', p.stays.adults.female], ['men', p.stays.adults.male], ['other', p.stays.adults.other],
      ['unknown', p.stays.adults.unknown], ['children', p.stays.children]
    ];
    const max = Math.max(1, ...bars.map(([, v]) => v || 0));
    const width = 480, height = 220, left = 40, bottom = 30, barWidth = 60, gap = 28;
    const plot = height - bottom - 20;
    const figure = el('figure', { class: 'chart' });
    const titleId = 'rp-chart-title', descId = 'rp-chart-desc';
    const image = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-labelledby': titleId + ' ' + descId, class: 'bars' },
      svg('title', { id: titleId }, t('rp.chart')),
      svg('desc', { id: descId }, t('rp.chart-desc')),
      svg('line', { x1: left, y1: height - bottom, x2: width - 10, y2: height - bottom, class: 'axis' }),
      bars.map(([key, value], i) => {
        const x = left + 10 + i * (barWidth + gap);
        const h = value ? Math.round((value / max) * plot) : 0;
        const hidden = value === null || value === undefined;
        return svg('g', {},
          svg('rect', { x, y: height - bottom - (hidden ? plot / 4 : h), width: barWidth, height: hidden ? plot / 4 : h, class: hidden ? 'bar hidden' : 'bar' }),
          svg('text', { x: x + barWidth / 2, y: height - bottom - (hidden ? plot / 4 : h) - 6, 'text-anchor': 'middle', class: 'value' }, hidden ? ':' : String(value)),
          svg('text', { x: x + barWidth / 2, y: height - bottom + 18, 'text-anchor': 'middle', class: 'label' }, t('rp.' + key)));
      }));
    figure.append(image, el('figcaption', {}, t('rp.chart')));
    return figure;
  }


  // ---------------------------------------------------------------- the register's record
  // Each member of staff has their own token; it stays in this page's memory only.
  async function registerCall(method, path, body) {
    const headers = {};
    const token = $('rg-token').value.trim();
    if (token) headers.authorization = 'Bearer ' + token;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response;
    try {
      response = await fetch('/v1/register/' + path, {
        method, headers, body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer'
      });
    } catch (e) {
      return { ok: false, error: { kind: 'network', message: t('common.network'), path: null } };
    }
    let json = null;
    try { json = await response.json(); } catch (e) { json = null; }
    if (response.ok && json) return { ok: true, json };
    const error = (json && json.error) || { kind: 'http_' + response.status, message: '', path: null };
    const own = { unauthorized: 'common.unauthorized', forbidden: 'rg.forbidden', not_found: 'rg.not-found' }[error.kind];
    return { ok: false, error: own ? { kind: error.kind, message: t(own), path: null } : error };
  }


  async function showRecord() {
    const id = $('rg-id').value.trim();
    if (!id) { $('rg-status').textContent = t('rg.need-id'); $('rg-id').focus(); return; }
    const button = $('rg-submit');
    button.disabled = true;
    $('rg-status').textContent = t('common.working');
    try {
      const path = 'records/' + encodeURIComponent(id);
      const record = await registerCall('GET', path);
      if (!record.ok) { showError('rg', record.error); return; }
      const log = await registerCall('GET', path + '/disclosures');
      const answer = { record: record.json, disclosures: log.ok ? log.json.disclosures : null };
      rendered.rg = answer;
      renderRecord(answer);
      $('rg-status').textContent = t('common.done');
      $('rg-result-h').focus();
    } finally {
      button.disabled = false;
    }
  }

  function table(id, heads, rows) {
    return el('table', { class: 'data', id },
      el('thead', {}, el('tr', {}, heads.map((h) => el('th', { scope: 'col' }, t(h))))),
      el('tbody', {}, rows));
  }

  function renderRecord(answer) {
    const r = answer.record;
    const list = (values, prefix) => (values || []).map((v) => t(prefix + '.' + v)).join(', ');
    const consents = r.consents === null ? el('p', { class: 'muted' }, t('rg.hidden'))
      : r.consents.length === 0 ? el('p', { id: 'rg-consents' }, t('rg.none'))
        : table('rg-consents', ['rg.id', 'rg.kind', 'rg.to', 'rg.info', 'rg.given', 'rg.withdrawn'], r.consents.map((c) =>
          el('tr', { 'data-consent': c.id },
            el('th', { scope: 'row' }, c.id), el('td', {}, t('kind.' + c.kind)), el('td', {}, list(c.recipients, 'party')),
            el('td', {}, list(c.information, 'info')), el('td', {}, c.given_on + (c.written ? '' : t('di.oral'))),
            el('td', {}, c.withdrawn_on || ''))));
    const holds = r.holds === null ? el('p', { class: 'muted' }, t('rg.hidden'))
      : r.holds.length === 0 ? el('p', { id: 'rg-holds' }, t('rg.none'))
        : table('rg-holds', ['rg.id', 'rg.reason', 'rg.placed', 'rg.released'], r.holds.map((h) =>
          el('tr', { 'data-hold': h.id },
            el('th', { scope: 'row' }, h.id), el('td', {}, t('hold.' + h.reason)), el('td', {}, h.placed_on), el('td', {}, h.released_on || ''))));
    const log = answer.disclosures;
    const disclosures = log === null ? el('p', { class: 'muted' }, t('rg.hidden'))
      : log.length === 0 ? el('p', { id: 'rg-disclosures' }, t('rg.none'))
        : table('rg-disclosures', ['rg.day', 'rg.to', 'rg.info', 'rg.outcome', 'rg.rules'], log.map((d) =>
          el('tr', { 'data-outcome': d.outcome || '' },
            el('td', {}, d.decided_on),
            el('td', {}, d.request ? t('party.' + d.request.requester) : ''),
            el('td', {}, d.request ? list(d.request.information, 'info') : ''),
            el('td', {}, d.outcome ? t('outcome.' + d.outcome) : ''),
            el('td', {}, el('code', {}, d.rule_version)))));
    const contact = !r.contact ? null
      : el('p', { id: 'rg-contact' }, t('rg.contact', { c: r.contact.ended_on ? t('re.ended-on', { d: r.contact.ended_on }) : t('re.ongoing') }));
    fill($('rg-result'), [
      el('h2', { id: 'rg-result-h', tabindex: '-1' }, r.id || t('common.result')),
      contact,
      r.policy_version ? el('p', { class: 'muted' }, t('rg.policy', { v: r.policy_version })) : null,
      el('h3', {}, t('rg.consents')), consents,
      el('h3', {}, t('rg.holds')), holds,
      el('h3', {}, t('rg.disclosures')), disclosures]);
  }

  async function giveConsent() {
    const record = $('rg-id').value.trim();
    if (!record) { $('rg-status').textContent = t('rg.need-id'); $('rg-id').focus(); return; }
    const id = $('rg-c-id').value.trim();
    if (!id) { $('rg-status').textContent = t('rg.need-consent-id'); $('rg-c-id').focus(); return; }
    const kind = $('rg-c-kind').value;
    const consent = {
      id, kind,
      recipients: kind === 'sharing' ? [$('rg-c-recipient').value] : [],
      information: kind === 'sharing' ? checked('rg-c-information') : [],
      given_on: $('rg-c-given').value, written: $('rg-c-written').checked
    };
    const button = $('rg-c-submit');
    button.disabled = true;
    $('rg-status').textContent = t('common.working');
    try {
      const answer = await registerCall('POST', 'records/' + encodeURIComponent(record) + '/consents', consent);
      if (!answer.ok) { showError('rg', answer.error); return; }
      $('rg-c-id').value = '';
      await showRecord();
      $('rg-status').textContent = t('rg.given-ok');
    } finally {
      button.disabled = false;
    }
  }

  const renderers = { fc: renderAssess, ro: renderAllocate, di: renderDisclose, re: renderRetention, rp: renderPublish, rg: renderRecord };

  function renderAddedLists() {
    renderRoomsList();
    renderHouseholdsList();
    renderConsents();
    renderRecords();
  }

  // ---------------------------------------------------------------- start
  function start() {
    for (const id of ['fc-as-of', 'ro-as-of', 'di-as-of', 're-as-of', 'rg-c-given']) $(id).value = today();
    checks($('fc-violence'), 'violence', VIOLENCE, 'violence', []);
    options($('fc-relation'), RELATIONS, 'relation');
    checks($('fc-observations'), 'observations', OBSERVATIONS, 'obs', ['can_care_for_self', 'can_care_for_children']);
    checks($('fc-adaptations'), 'adaptations', ADAPTATIONS, 'adapt', []);
    options($('di-requester'), PARTIES, 'party');
    options($('di-c-recipient'), PARTIES, 'party');
    checks($('di-information'), 'information', INFORMATION, 'info', ['whereabouts']);
    checks($('di-c-information'), 'consent-information', INFORMATION, 'info', []);
    options($('di-child-concern'), CONCERNS, 'concern');
    options($('di-likelihood'), LIKELIHOODS, 'likelihood');
    options($('re-r-hold'), HOLDS, 'hold');
    options($('rg-c-recipient'), PARTIES, 'party');
    checks($('rg-c-information'), 'rg-consent-information', INFORMATION, 'info', []);
    renderAddedLists();

    $('lang-toggle').addEventListener('click', () => { lang = lang === 'nb' ? 'en' : 'nb'; applyLanguage(); });
    window.addEventListener('hashchange', () => showPage(true));
    $('fc-form').addEventListener('submit', (e) => { e.preventDefault(); submit('fc', 'assess', assessBody(), true); });
    $('ro-form').addEventListener('submit', (e) => { e.preventDefault(); submit('ro', 'allocate', allocateBody(), true); });
    $('di-form').addEventListener('submit', (e) => { e.preventDefault(); submit('di', 'disclose', discloseBody(), true); });
    $('re-form').addEventListener('submit', (e) => { e.preventDefault(); submit('re', 'retention', retentionBody(), true); });
    $('rp-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const file = $('rp-file').files[0];
      if (!file) { $('rp-status').textContent = t('rp.need-file'); $('rp-file').focus(); return; }
      runReport(await file.text());
    });
    $('rg-form').addEventListener('submit', (e) => { e.preventDefault(); showRecord(); });
    $('rg-consent-form').addEventListener('submit', (e) => { e.preventDefault(); giveConsent(); });
    $('rp-example').addEventListener('click', () => runReport(JSON.stringify(EXAMPLE_REPORT)));
    $('ro-add-room').addEventListener('click', addRoom);
    $('ro-add-household').addEventListener('click', addHousehold);
    $('di-add-consent').addEventListener('click', addConsent);
    $('re-add-record').addEventListener('click', addRecord);
    applyLanguage();
    showPage(false);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
