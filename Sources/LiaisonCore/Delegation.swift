import Foundation

/// Where an organization's invitation to an event stands.
public enum DelegationInvitationState: String, Sendable, Hashable, Codable, CaseIterable {
    case notSent = "not_sent"
    case invited, accepted, declined
    case noAnswer = "no_answer"
}

/// Where one person's registration to an event stands; cancelled ones no longer count.
public enum RegistrationState: String, Sendable, Hashable, Codable, CaseIterable {
    case registered, confirmed, cancelled, attended

    public var isActive: Bool { self != .cancelled }
}

/// One named person registered with a delegation: a person of the directory, or a name typed when they are
/// not in it. The name of a directory person is kept with the row, so the registration still names them after
/// they leave the directory.
public struct DelegationRegistration: Sendable, Hashable, Codable {
    public var personId: Int64?
    public var personName: String?
    public var role: DelegateRole
    public var mode: AttendanceMode
    public var state: RegistrationState
    /// They need a letter of invitation for their visa.
    public var visaLetter: Bool
    /// The language they need interpretation into (ISO 639-1), if any.
    public var interpretation: String?

    public init(
        personId: Int64? = nil, personName: String? = nil, role: DelegateRole = .member,
        mode: AttendanceMode = .inPerson, state: RegistrationState = .registered, visaLetter: Bool = false,
        interpretation: String? = nil
    ) {
        self.personId = personId
        self.personName = personName
        self.role = role
        self.mode = mode
        self.state = state
        self.visaLetter = visaLetter
        self.interpretation = interpretation
    }

    enum CodingKeys: String, CodingKey { case personId, personName, role, mode, state, visaLetter, interpretation }

    // Everything but who it is may be left out of a JSON body.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        personId = try c.decodeIfPresent(Int64.self, forKey: .personId)
        personName = try c.decodeIfPresent(String.self, forKey: .personName)
        role = try c.decodeIfPresent(DelegateRole.self, forKey: .role) ?? .member
        mode = try c.decodeIfPresent(AttendanceMode.self, forKey: .mode) ?? .inPerson
        state = try c.decodeIfPresent(RegistrationState.self, forKey: .state) ?? .registered
        visaLetter = try c.decodeIfPresent(Bool.self, forKey: .visaLetter) ?? false
        interpretation = try c.decodeIfPresent(String.self, forKey: .interpretation)
    }
}

/// An organization's delegation to an event (the Congress): the invitation (its state, when and by whom it
/// was sent, in which language), the expected size ("up to five", headed by the mayor or not) and the people
/// registered by name.
///
/// The activity's own participating organizations and people stay what the calendar records of who took part;
/// a delegation is the invitation and registration workflow ahead of an event, kept apart so that neither
/// copies the other and editing an activity never touches its delegations.
public struct DelegationInput: Sendable, Hashable, Codable {
    public var activityId: Int64
    /// Nil only once the organization has left the directory (the delegation keeps its name).
    public var organizationId: Int64?
    public var state: DelegationInvitationState
    /// "YYYY-MM-DD": the day the invitation was sent.
    public var sentOn: String?
    public var sentByAccountId: Int64?
    /// The language of the invitation letter (ISO 639-1).
    public var letterLanguage: String?
    /// How many the organization expects to send, an estimate.
    public var expectedSize: Int?
    public var mayorHeads: Bool
    public var expectedMode: AttendanceMode
    public var note: String?
    public var registrations: [DelegationRegistration]

    public static let maxExpectedSize = 50
    public static let maxRegistrations = 100

    public init(
        activityId: Int64 = 0, organizationId: Int64? = nil, state: DelegationInvitationState = .notSent,
        sentOn: String? = nil, sentByAccountId: Int64? = nil, letterLanguage: String? = nil, expectedSize: Int? = nil,
        mayorHeads: Bool = false, expectedMode: AttendanceMode = .inPerson, note: String? = nil,
        registrations: [DelegationRegistration] = []
    ) {
        self.activityId = activityId
        self.organizationId = organizationId
        self.state = state
        self.sentOn = sentOn
        self.sentByAccountId = sentByAccountId
        self.letterLanguage = letterLanguage
        self.expectedSize = expectedSize
        self.mayorHeads = mayorHeads
        self.expectedMode = expectedMode
        self.note = note
        self.registrations = registrations
    }

    enum CodingKeys: String, CodingKey {
        case activityId, organizationId, state, sentOn, sentByAccountId, letterLanguage, expectedSize, mayorHeads
        case expectedMode, note, registrations
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        activityId = try c.decodeIfPresent(Int64.self, forKey: .activityId) ?? 0
        organizationId = try c.decodeIfPresent(Int64.self, forKey: .organizationId)
        state = try c.decodeIfPresent(DelegationInvitationState.self, forKey: .state) ?? .notSent
        sentOn = try c.decodeIfPresent(String.self, forKey: .sentOn)
        sentByAccountId = try c.decodeIfPresent(Int64.self, forKey: .sentByAccountId)
        letterLanguage = try c.decodeIfPresent(String.self, forKey: .letterLanguage)
        expectedSize = try c.decodeIfPresent(Int.self, forKey: .expectedSize)
        mayorHeads = try c.decodeIfPresent(Bool.self, forKey: .mayorHeads) ?? false
        expectedMode = try c.decodeIfPresent(AttendanceMode.self, forKey: .expectedMode) ?? .inPerson
        note = try c.decodeIfPresent(String.self, forKey: .note)
        registrations = try c.decodeIfPresent([DelegationRegistration].self, forKey: .registrations) ?? []
    }

    public func normalized() -> DelegationInput {
        var copy = self
        copy.sentOn = sentOn?.trimmed.nilIfEmpty
        copy.letterLanguage = letterLanguage?.trimmed.lowercased().nilIfEmpty
        copy.note = note?.trimmed.nilIfEmpty
        copy.registrations = registrations.map { registration in
            var registration = registration
            registration.personName = registration.personName?.trimmed.nilIfEmpty
            registration.interpretation = registration.interpretation?.trimmed.lowercased().nilIfEmpty
            return registration
        }
        return copy
    }

    /// Every rule that needs no database, all broken ones at once. Call it on a `normalized()` input.
    public func validate() throws(ValidationError) {
        var report = ValidationReport()
        if activityId <= 0 { report.add("activityId", "required", "Event is required.") }
        if let organizationId, organizationId <= 0 {
            report.add("organizationId", "exists", "There is no organization \(organizationId).")
        }
        if let sentOn, ICalendar.day(sentOn) == nil {
            report.add("sentOn", "date", "Sent on must be a date written YYYY-MM-DD.")
        }
        if let letterLanguage, Language.name(code: letterLanguage) == nil {
            report.add(
                "letterLanguage", "unknown_language", "\(letterLanguage.quoted) is not an ISO 639-1 language code.")
        }
        report.range(expectedSize, 0...Self.maxExpectedSize, field: "expectedSize", label: "Expected size")
        report.text(note, field: "note", label: "Note", max: 2_000, multiline: true)
        report.count(registrations.count, max: Self.maxRegistrations, field: "registrations", noun: "registrations")
        for (index, registration) in registrations.prefix(Self.maxRegistrations).enumerated() {
            let field = "registrations[\(index)]"
            if registration.personId == nil && registration.personName == nil {
                report.add("\(field).personName", "required", "A registration names a person or gives a name.")
            }
            report.text(registration.personName, field: "\(field).personName", label: "Name")
            if let language = registration.interpretation, Language.name(code: language) == nil {
                report.add(
                    "\(field).interpretation", "unknown_language",
                    "\(language.quoted) is not an ISO 639-1 language code.")
            }
        }
        let people = registrations.compactMap(\.personId)
        if Set(people).count != people.count {
            report.add("registrations", "unique", "A person is registered once.")
        }
        try report.finish()
    }

    /// The active registrations in person and virtually.
    public var registered: (inPerson: Int, virtual: Int) {
        let active = registrations.filter(\.state.isActive)
        let inPerson = active.filter { $0.mode == .inPerson }.count
        return (inPerson, active.count - inPerson)
    }
}

/// A delegation as stored, with the names it is shown with.
public struct Delegation: FlatRecord, Sendable, Hashable, Identifiable {
    public var stamp: RecordStamp
    public var input: DelegationInput
    public var extras: Extras

    public init(stamp: RecordStamp, input: DelegationInput, extras: Extras) {
        self.stamp = stamp
        self.input = input
        self.extras = extras
    }

    public init(
        id: Int64, input: DelegationInput, organizationName: String, activityTitle: String, sentByName: String?,
        version: Int, createdAt: Date, updatedAt: Date
    ) {
        self.init(
            stamp: RecordStamp(id: id, version: version, createdAt: createdAt, updatedAt: updatedAt), input: input,
            extras: Extras(organizationName: organizationName, activityTitle: activityTitle, sentByName: sentByName))
    }

    public var organizationName: String { extras.organizationName }
    public var activityTitle: String { extras.activityTitle }
    public var sentByName: String? { extras.sentByName }

    /// What the forecast counts for it.
    public var figures: DelegationFigures {
        let registered = input.registered
        return DelegationFigures(
            state: input.state, expectedSize: input.expectedSize, expectedMode: input.expectedMode,
            registeredInPerson: registered.inPerson, registeredVirtual: registered.virtual)
    }

    /// What the store fills in on reading.
    public struct Extras: Sendable, Hashable, Codable {
        /// The organization's name as it was when last written, kept after it leaves the directory.
        public var organizationName: String
        public var activityTitle: String
        public var sentByName: String?

        public init(organizationName: String, activityTitle: String, sentByName: String?) {
            self.organizationName = organizationName
            self.activityTitle = activityTitle
            self.sentByName = sentByName
        }
    }
}
