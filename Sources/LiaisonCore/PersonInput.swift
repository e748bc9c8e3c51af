import Foundation

/// The fields a person or a script sets on a person; the store adds id, version and timestamps.
public struct PersonInput: Sendable, Hashable, Codable {
    public var givenName: String
    public var familyName: String
    public var nameOrder: NameOrder
    /// The name in its own script ("陈国").
    public var nativeName: String?
    /// "Mr.", "H.E.", "Dr." ...
    public var honorific: String?
    /// ISO 639-1 codes of the languages the person speaks ("zh", "en").
    public var languages: [String]
    public var role: PersonRole
    public var notes: String?
    /// Where the secretariat met the person, as a note.
    public var metAt: String?
    /// The activity where the secretariat met the person, when it is on the calendar.
    public var metAtActivityId: Int64?
    /// The lawful basis or consent for keeping the person's details, and when it was given.
    public var consentNote: String?
    /// "YYYY-MM-DD".
    public var consentDate: String?
    public var positions: [Position]
    public var channels: [Channel]

    public init(
        givenName: String = "", familyName: String = "", nameOrder: NameOrder = .givenFirst,
        nativeName: String? = nil, honorific: String? = nil, languages: [String] = [], role: PersonRole = .none,
        notes: String? = nil, metAt: String? = nil, metAtActivityId: Int64? = nil, consentNote: String? = nil,
        consentDate: String? = nil,
        positions: [Position] = [], channels: [Channel] = []
    ) {
        self.givenName = givenName
        self.familyName = familyName
        self.nameOrder = nameOrder
        self.nativeName = nativeName
        self.honorific = honorific
        self.languages = languages
        self.role = role
        self.notes = notes
        self.metAt = metAt
        self.metAtActivityId = metAtActivityId
        self.consentNote = consentNote
        self.consentDate = consentDate
        self.positions = positions
        self.channels = channels
    }

    enum CodingKeys: String, CodingKey {
        case givenName, familyName, nameOrder, nativeName, honorific, languages, role, notes, metAt, metAtActivityId
        case consentNote
        case consentDate, positions, channels
    }

    // Lists, the order and the role may be left out of a JSON body; optional text may be null or absent.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        givenName = try c.decodeIfPresent(String.self, forKey: .givenName) ?? ""
        familyName = try c.decodeIfPresent(String.self, forKey: .familyName) ?? ""
        nameOrder = try c.decodeIfPresent(NameOrder.self, forKey: .nameOrder) ?? .givenFirst
        nativeName = try c.decodeIfPresent(String.self, forKey: .nativeName)
        honorific = try c.decodeIfPresent(String.self, forKey: .honorific)
        languages = try c.decodeIfPresent([String].self, forKey: .languages) ?? []
        role = try c.decodeIfPresent(PersonRole.self, forKey: .role) ?? .none
        notes = try c.decodeIfPresent(String.self, forKey: .notes)
        metAt = try c.decodeIfPresent(String.self, forKey: .metAt)
        metAtActivityId = try c.decodeIfPresent(Int64.self, forKey: .metAtActivityId)
        consentNote = try c.decodeIfPresent(String.self, forKey: .consentNote)
        consentDate = try c.decodeIfPresent(String.self, forKey: .consentDate)
        positions = try c.decodeIfPresent([Position].self, forKey: .positions) ?? []
        channels = try c.decodeIfPresent([Channel].self, forKey: .channels) ?? []
    }

    /// The name as pages show it: "Agnès Bickart", or family name first in capitals, "CHEN Guo".
    public var displayName: String {
        switch nameOrder {
        case .givenFirst: [givenName, familyName].filter { !$0.isEmpty }.joined(separator: " ")
        case .familyFirst: [familyName.uppercased(), givenName].filter { !$0.isEmpty }.joined(separator: " ")
        }
    }

    /// Family name then given name, folded for sorting and for matching the same name twice.
    public var sortKey: String {
        SearchText.sortKey([familyName, givenName].filter { !$0.isEmpty }.joined(separator: " "))
    }

    /// Every name the person is known by, for search: both orders, and the native-script name.
    public var searchableNames: [String] {
        [displayName, "\(givenName) \(familyName)", nativeName].compactMap { $0 }
    }

    /// The search document: the names, and the email addresses, phone numbers and messaging ids, so that
    /// one box finds a person by any of them.
    public var searchDocument: String {
        searchDocument(names: SearchText.document(names: searchableNames))
    }

    /// The search document with its names' part already made (`SearchText.document(names:
    /// searchableNames)`): a bulk loader reuses that part for the many people who share a name.
    public func searchDocument(names: String) -> String {
        var terms = [names]
        for channel in channels {
            switch channel.kind {
            case .email, .wechat:
                terms.append(SearchText.normalize(channel.value))
            case .phone, .whatsapp:
                terms.append(SearchText.phoneTerms(channel.value).joined(separator: " "))
            case .linkedin, .postal:
                continue
            }
        }
        return terms.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The preferred channel, or else the first one.
    public var preferredChannel: Channel? {
        channels.first(where: \.preferred) ?? channels.first
    }
}
