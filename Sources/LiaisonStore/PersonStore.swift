import Foundation
import LiaisonCore

/// Reads and writes people, their positions and channels. Every write is one transaction with its audit
/// entry. Engines check the rules that need the database (a position names an organization that exists,
/// a channel's holder is a staff account); the rest are checked by `PersonInput.validate` before any write.
public protocol PersonStore: Sendable {
    /// One page of people matching the query, with the total count.
    func listPeople(_ query: PersonQuery) async throws -> PersonPage

    /// The person with this id, or nil when there is none.
    func person(id: Int64) async throws -> Person?

    /// The people with these ids, in the order given; ids with no person are left out.
    func people(ids: [Int64]) async throws -> [Person]

    /// Stores a new person at version 1 and returns them as stored.
    /// Throws `ValidationError` when a position or a channel names a record that does not exist.
    func createPerson(_ input: PersonInput, by actor: AuditActor) async throws -> Person
    /// Creates all of `inputs` in one transaction, or none of them (see `createOrganizations`).
    func createPeople(_ inputs: [PersonInput], by actor: AuditActor) async throws -> [Int64]

    /// Replaces the person's fields when `expectedVersion` is current and returns them at the next version.
    /// Throws `StoreError.notFound` and `StoreError.versionConflict` (changing nothing).
    func updatePerson(id: Int64, expectedVersion: Int, _ input: PersonInput, by actor: AuditActor) async throws
        -> Person

    /// Deletes the person; when `expectedVersion` is given it must be the current one.
    /// Throws `StoreError.notFound` when there is no such person.
    func deletePerson(id: Int64, expectedVersion: Int?, by actor: AuditActor) async throws

    /// People who are probably the same as `input`: one of its email addresses, or the same name at one
    /// of its organizations. `excluding` leaves out the person being edited. Empty when there are none.
    func likelyDuplicates(of input: PersonInput, excluding: Int64?) async throws -> [PersonSummary]

    /// Folds `remove` into `keep` in one transaction: every position, channel and language of both, the
    /// fields `keep` lacks taken from `remove`; then `remove` is deleted. Both versions must be current.
    /// Throws `StoreError.notFound`, `StoreError.versionConflict`, and `ValidationError` for merging a
    /// person with themselves.
    func mergePeople(keep: Int64, keepVersion: Int, remove: Int64, removeVersion: Int, by actor: AuditActor)
        async throws -> Person

    /// Everyone who holds or held a position at the organization: current positions first, then past
    /// ones by when they ended. Empty when there are none.
    func peopleAt(organizationId: Int64) async throws -> [PersonAtOrganization]
}

/// What a people list asks for. Limits are bounded so no request reads a whole table.
public struct PersonQuery: Sendable, Hashable {
    public var text: String?
    /// People with a current position at this organization.
    public var organizationId: Int64?
    /// People with a current position at an organization in this country.
    public var country: String?
    /// People whose current position's title or department contains this text.
    public var position: String?
    /// People who speak this language (ISO 639-1).
    public var language: String?
    /// People with at least one channel of this kind.
    public var channelKind: ChannelKind?
    /// People with a channel this staff account holds ("who has Agnès's WeChat contacts").
    public var heldByAccountId: Int64?
    public var page: Int
    public var perPage: Int

    public static let maxPerPage = 200
    public static let maxPage = 1_000_000
    /// As for organizations: no request makes the database skip more rows than this.
    public static let maxOffset = 100_000
    /// Lists count matching people up to this many and then say "more than".
    public static let countLimit = 10_000

    public init(
        text: String? = nil, organizationId: Int64? = nil, country: String? = nil, position: String? = nil,
        language: String? = nil, channelKind: ChannelKind? = nil, heldByAccountId: Int64? = nil, page: Int = 1,
        perPage: Int = 50
    ) {
        self.text = text
        self.organizationId = organizationId
        self.country = country
        self.position = position
        self.language = language
        self.channelKind = channelKind
        self.heldByAccountId = heldByAccountId
        self.page = page
        self.perPage = perPage
    }

    public var searchTerms: [String] { text.map(SearchText.queryTerms) ?? [] }
    public var offset: Int { (page - 1) * perPage }
}

/// The fields a people list row shows.
public struct PersonSummary: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var displayName: String
    public var nativeName: String?
    public var role: PersonRole
    /// The first current position's title and organization.
    public var title: String?
    public var organizationId: Int64?
    public var organizationName: String?
    public var country: String?
    public var preferredChannel: Channel?
    public var updatedAt: Date

    public init(
        id: Int64, displayName: String, nativeName: String?, role: PersonRole, title: String?,
        organizationId: Int64?, organizationName: String?, country: String?, preferredChannel: Channel?,
        updatedAt: Date
    ) {
        self.id = id
        self.displayName = displayName
        self.nativeName = nativeName
        self.role = role
        self.title = title
        self.organizationId = organizationId
        self.organizationName = organizationName
        self.country = country
        self.preferredChannel = preferredChannel
        self.updatedAt = updatedAt
    }
}

/// One page of people.
public struct PersonPage: Sendable, Hashable {
    public var items: [PersonSummary]
    /// The people matching, counted up to `PersonQuery.countLimit`.
    public var total: Int
    /// More people match than `total` says: counting every one of a million costs more than the page.
    public var totalIsLowerBound: Bool

    public init(items: [PersonSummary], total: Int) {
        self.items = items
        self.total = min(total, PersonQuery.countLimit)
        self.totalIsLowerBound = total > PersonQuery.countLimit
    }

    /// Whether `query`'s page lies within the people counted, or beyond a count that stopped early.
    public static func mayHaveRows(_ query: PersonQuery, counted: Int) -> Bool {
        query.offset <= PersonQuery.maxOffset && (query.offset < counted || counted > PersonQuery.countLimit)
    }
}

/// A person as an organization's page lists them: with the position they hold or held there.
public struct PersonAtOrganization: Sendable, Hashable, Codable {
    public var personId: Int64
    public var displayName: String
    public var nativeName: String?
    public var position: Position

    public init(personId: Int64, displayName: String, nativeName: String?, position: Position) {
        self.personId = personId
        self.displayName = displayName
        self.nativeName = nativeName
        self.position = position
    }
}

extension PersonSummary {
    /// The columns a list row reads, from `person p` with the engine's joins of the current position (`cp`,
    /// its organization `co`) and the preferred channel (`ch`).
    public static let columns = """
        p.id, p.display_name, p.native_name, p.role, p.updated_at, cp.title, cp.organization_id,
        coalesce(co.name, cp.organization_name) AS organization_name, co.country, ch.kind AS channel_kind,
        ch.value AS channel_value, ch.label AS channel_label, ch.preferred AS channel_preferred
        """
}
