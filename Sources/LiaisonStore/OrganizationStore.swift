import Foundation
import LiaisonCore

/// Reads and writes the directory of organizations. Every write is one transaction, with its audit entry
/// (who, when, what changed field by field): it is stored whole or not at all. Engines check the rules that need the database (an affiliation names a network that
/// exists); the rules that need none are checked by `OrganizationInput.validate` before any write.
public protocol OrganizationStore: Sendable {
    /// One page of the directory matching the query, with the total count and counts by status.
    func listOrganizations(_ query: OrganizationQuery) async throws -> OrganizationPage

    /// The organization with this id, or nil when there is none.
    func organization(id: Int64) async throws -> Organization?

    /// The country (ISO 3166-1 alpha-2) of each of these organizations that has one, read alone: what a
    /// person's intake needs to dial national phone numbers.
    func countries(ofOrganizations ids: [Int64]) async throws -> [Int64: String]

    /// Stores a new organization at version 1 and returns it as stored.
    /// Throws `ValidationError` when an affiliation does not name a network.
    func createOrganization(_ input: OrganizationInput, by actor: AuditActor) async throws -> Organization
    /// Creates all of `inputs` in one transaction, or none of them: an import. A row that breaks a rule stops
    /// the whole batch with `BatchRowError`, naming its index. Returns the new ids in order.
    func createOrganizations(_ inputs: [OrganizationInput], by actor: AuditActor) async throws -> [Int64]

    /// Replaces the organization's fields when `expectedVersion` is its current version and returns it at
    /// the next version. Throws `StoreError.notFound` when there is no such organization and
    /// `StoreError.versionConflict` (changing nothing) when the version is older.
    func updateOrganization(id: Int64, expectedVersion: Int, _ input: OrganizationInput, by actor: AuditActor)
        async throws -> Organization

    /// Deletes the organization; when `expectedVersion` is given it must be the current one.
    /// Throws `StoreError.notFound` when there is no such organization.
    func deleteOrganization(id: Int64, expectedVersion: Int?, by actor: AuditActor) async throws

    /// Every organization of kind network, by name, for choosing affiliations.
    func networks() async throws -> [OrganizationSummary]
}

/// What a directory page asks for. Limits are bounded so no request reads a whole table.
public struct OrganizationQuery: Sendable, Hashable {
    public var text: String?
    public var status: MembershipStatus?
    public var kind: OrganizationKind?
    public var country: String?
    public var region: String?
    public var paying: Bool?
    /// Organizations this staff account is the focal point of.
    public var focalPointAccountId: Int64?
    /// Only these organizations (ticked rows of a list); empty for no such limit. At most `maxIds`.
    public var ids: [Int64] = []
    public var sort: OrganizationSort
    public var page: Int
    public var perPage: Int

    public static let maxPerPage = 200
    public static let maxIds = 200
    public static let maxPage = 1_000_000
    /// Pages that start beyond this offset come back empty (with their counts), so no request makes the
    /// database skip more rows than this; narrower filters or search reach deeper records.
    public static let maxOffset = 100_000

    public init(
        text: String? = nil, status: MembershipStatus? = nil, kind: OrganizationKind? = nil,
        country: String? = nil, region: String? = nil, paying: Bool? = nil, sort: OrganizationSort = .name,
        page: Int = 1, perPage: Int = 50
    ) {
        self.text = text
        self.status = status
        self.kind = kind
        self.country = country
        self.region = region
        self.paying = paying
        self.sort = sort
        self.page = page
        self.perPage = perPage
    }

    /// The normalized search terms, empty when there is no text to search.
    public var searchTerms: [String] { text.map(SearchText.queryTerms) ?? [] }

    public var offset: Int { (page - 1) * perPage }
}

/// The orders the directory offers; each has an index.
public enum OrganizationSort: String, Sendable, Hashable, CaseIterable {
    case name
    case nameDescending = "-name"
    case population = "-population"
    case memberSince = "memberSince"
    case recentlyUpdated = "-updatedAt"
}

/// The fields a directory row shows.
public struct OrganizationSummary: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var kind: OrganizationKind
    public var name: String
    public var nativeName: String?
    public var country: String?
    public var region: String?
    public var population: Int?
    public var membershipStatus: MembershipStatus
    public var memberSince: Int?
    public var paying: Bool
    public var focalPoint: String?
    public var updatedAt: Date

    public init(
        id: Int64, kind: OrganizationKind, name: String, nativeName: String?, country: String?, region: String?,
        population: Int?, membershipStatus: MembershipStatus, memberSince: Int?, paying: Bool,
        focalPoint: String?, updatedAt: Date
    ) {
        self.id = id
        self.kind = kind
        self.name = name
        self.nativeName = nativeName
        self.country = country
        self.region = region
        self.population = population
        self.membershipStatus = membershipStatus
        self.memberSince = memberSince
        self.paying = paying
        self.focalPoint = focalPoint
        self.updatedAt = updatedAt
    }
}

/// One page of the directory.
public struct OrganizationPage: Sendable, Hashable {
    public var items: [OrganizationSummary]
    /// How many organizations match the whole query.
    public var total: Int
    /// How many match the query with any status, by status: the counts beside the status filter.
    public var countsByStatus: [MembershipStatus: Int]

    public init(items: [OrganizationSummary], total: Int, countsByStatus: [MembershipStatus: Int]) {
        self.items = items
        self.total = total
        self.countsByStatus = countsByStatus
    }
}

/// Failures every engine reports the same way, so callers never depend on the engine.
/// The row of a batch that stopped it, and why.
public struct BatchRowError: Error, Sendable {
    public var index: Int
    public var error: any Error

    public init(index: Int, error: any Error) {
        self.index = index
        self.error = error
    }

    /// Runs `body` for each item, wrapping the first failure with the item's index.
    public static func each<Item, Result>(_ items: [Item], _ body: (Item) async throws -> Result) async throws
        -> [Result]
    {
        var results: [Result] = []
        results.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            do {
                results.append(try await body(item))
            } catch {
                throw BatchRowError(index: index, error: error)
            }
        }
        return results
    }

    /// As `each`, for synchronous work inside a SQLite transaction.
    public static func each<Item, Result>(_ items: [Item], _ body: (Item) throws -> Result) throws -> [Result] {
        var results: [Result] = []
        results.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            do {
                results.append(try body(item))
            } catch {
                throw BatchRowError(index: index, error: error)
            }
        }
        return results
    }
}

public enum StoreError: Error, Sendable, Equatable {
    /// No record of this kind has this id.
    case notFound(entity: RecordKind, id: Int64)
    /// The record has moved on since the caller read it; `currentVersion` is what it is now.
    case versionConflict(entity: RecordKind, id: Int64, currentVersion: Int)

    /// Refuses a write made from a stale read: `version` is the record's now, `expected` the caller's (nil
    /// when the caller did not say, as a delete may not).
    public static func check(_ entity: RecordKind, id: Int64, version: Int, expected: Int?) throws(StoreError) {
        if let expected, expected != version {
            throw .versionConflict(entity: entity, id: id, currentVersion: version)
        }
    }
}

/// Everything Liaison stores; each engine (SQLite, PostgreSQL) implements all of it.
public protocol LiaisonStore:
    OrganizationStore, PersonStore, ActivityStore, SearchStore, AccountStore, TransferStore, RecordStore,
    MentionStore, SharedRows
{
    /// Brings the schema up to date; safe to run on every start.
    func migrate() async throws

    /// The names of the migrations applied, oldest first.
    func appliedMigrations() async throws -> [String]

    /// Where the data lives, as an admin may be shown it (never with a password).
    var location: String { get }
}

extension OrganizationSummary {
    /// The columns a directory row reads, from `organization o`.
    public static let columns =
        "o.id, o.kind, o.name, o.native_name, o.country, o.region, o.population, o.membership_status, "
        + "o.member_since, o.paying, o.focal_point, o.updated_at"
}
