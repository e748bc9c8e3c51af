import Foundation
import LiaisonCore

/// The index behind the one search box: organizations and people by any form of their names, and people
/// by email, phone and WeChat ID. Engines find candidates; `search` ranks them the same way for both.
public protocol SearchStore: Sendable {
    /// Records whose indexed text has a word starting with each term, at most `limit` of each kind, plus
    /// those whose name is exactly `exactKey` (a sort key). Empty when nothing matches.
    func searchCandidates(terms: [String], exactKey: String, limit: Int) async throws -> [SearchCandidate]

    /// Activities whose title, place, venue or summary has a word starting with each term, at most `limit`,
    /// latest first.
    func activitySearchCandidates(terms: [String], limit: Int) async throws -> [SearchCandidate]

    /// Reports whose title or text has a word starting with each term, at most `limit`, latest written first.
    func reportSearchCandidates(terms: [String], limit: Int) async throws -> [SearchCandidate]
}

/// What kind of record a search result is.
public enum SearchKind: String, Sendable, Hashable, Codable, CaseIterable {
    case organization, person, activity, report

    /// Where the record's page is.
    var pathPrefix: String {
        switch self {
        case .organization: "/organizations/"
        case .person: "/people/"
        case .activity: "/activities/"
        case .report: "/reports/"
        }
    }
}

/// A record an engine found for a search, with what ranking needs.
public struct SearchCandidate: Sendable, Hashable {
    public var kind: SearchKind
    public var id: Int64
    public var name: String
    public var nativeName: String?
    /// More names to match exactly: aliases, the other name order.
    public var otherNames: [String]
    /// The indexed search text.
    public var document: String
    /// A line under the name: the country of an organization, the title and organization of a person.
    public var detail: String?
    /// The organization's status, or the status of a person's current organization.
    public var membershipStatus: MembershipStatus?

    public init(
        kind: SearchKind, id: Int64, name: String, nativeName: String?, otherNames: [String], document: String,
        detail: String?, membershipStatus: MembershipStatus?
    ) {
        self.kind = kind
        self.id = id
        self.name = name
        self.nativeName = nativeName
        self.otherNames = otherNames
        self.document = document
        self.detail = detail
        self.membershipStatus = membershipStatus
    }
}

extension SearchCandidate {
    /// An activity found by the search box: its day and place under the title.
    public init(activityId: Int64, title: String, document: String, start: String, placeName: String?) {
        self.init(
            kind: .activity, id: activityId, name: title, nativeName: nil, otherNames: [], document: document,
            detail: ([String(start.prefix(10))] + [placeName].compactMap { $0 }).joined(separator: " · "),
            membershipStatus: nil)
    }
}

/// One result of the search box.
public struct SearchHit: Sendable, Hashable, Codable {
    public var kind: SearchKind
    public var id: Int64
    public var name: String
    public var nativeName: String?
    public var detail: String?
    public var match: MatchQuality
    public var isMember: Bool
    /// The page of the record.
    public var url: String
}

extension SearchStore {
    /// The best `limit` records for the query: exact before prefix before fuzzy, at equal match those whose
    /// names answer before those found by other words (an email, a metropolitan area, a practice), members
    /// first, then by name. Near misses are looked for only when the exact and prefix matches are too few.
    public func search(_ text: String, limit: Int = 10) async throws -> [SearchHit] {
        let terms = SearchText.queryTerms(text)
        guard !terms.isEmpty else { return [] }
        let exactKey = SearchText.sortKey(text)
        // A bounded candidate set per kind keeps a common prefix cheap on a large network.
        let pool = max(limit * 5, 50)
        var candidates =
            try await searchCandidates(terms: terms, exactKey: exactKey, limit: pool)
            + activitySearchCandidates(terms: terms, limit: pool)
            + reportSearchCandidates(terms: terms, limit: pool)
        var hits = rank(candidates, terms: terms)
        var seen = Set(candidates.map { "\($0.kind)\($0.id)" })
        for prefixes in SearchRanking.fuzzyPrefixSets(terms) where hits.count < limit {
            candidates = try await searchCandidates(terms: prefixes, exactKey: exactKey, limit: pool * 4)
                .filter { seen.insert("\($0.kind)\($0.id)").inserted }
            hits += rank(candidates, terms: terms)
        }
        // Each hit's sort key is folded once, not at every comparison of the sort.
        return
            hits.map { (hit: $0.hit, byName: $0.byName ? 0 : 1, key: SearchText.sortKey($0.hit.name)) }
            .sorted {
                ($0.hit.match, $0.byName, $0.hit.isMember ? 0 : 1, $0.key, $0.hit.kind.rawValue, $0.hit.id)
                    < ($1.hit.match, $1.byName, $1.hit.isMember ? 0 : 1, $1.key, $1.hit.kind.rawValue, $1.hit.id)
            }
            .prefix(limit).map(\.hit)
    }

    /// The organization known exactly by this name (in any script, or an alias), or nil; no near misses.
    public func organization(named name: String) async throws -> SearchHit? {
        let terms = SearchText.queryTerms(name)
        guard !terms.isEmpty else { return nil }
        let candidates = try await searchCandidates(terms: terms, exactKey: SearchText.sortKey(name), limit: 20)
        return rank(candidates.filter { $0.kind == .organization }, terms: terms).map(\.hit)
            .first { $0.match == .exact }
    }

    /// The one person known exactly by this name (either order, or the native-script name), or nil when no
    /// one or several people are.
    public func person(named name: String) async throws -> SearchHit? {
        let exact = try await people(named: name)
        return exact.count == 1 ? exact[0] : nil
    }

    /// Everyone known exactly by this name (either order, or the native-script name), each with the title and
    /// organization of their position as `detail`, so that a page can ask which one is meant.
    public func people(named name: String) async throws -> [SearchHit] {
        let terms = SearchText.queryTerms(name)
        guard !terms.isEmpty else { return [] }
        let candidates = try await searchCandidates(terms: terms, exactKey: SearchText.sortKey(name), limit: 20)
        return rank(candidates.filter { $0.kind == .person }, terms: terms).map(\.hit)
            .filter { $0.match == .exact }
            .sorted { ($0.detail ?? "", $0.id) < ($1.detail ?? "", $1.id) }
    }

    private func rank(_ candidates: [SearchCandidate], terms: [String]) -> [(hit: SearchHit, byName: Bool)] {
        candidates.compactMap { candidate in
            let names = [candidate.name] + [candidate.nativeName].compactMap { $0 } + candidate.otherNames
            guard let (match, byName) = SearchRanking.match(terms: terms, names: names, document: candidate.document)
            else { return nil }
            let hit = SearchHit(
                kind: candidate.kind, id: candidate.id, name: candidate.name, nativeName: candidate.nativeName,
                detail: candidate.detail, match: match, isMember: candidate.membershipStatus == .member,
                url: candidate.kind.pathPrefix + String(candidate.id))
            return (hit, byName)
        }
    }
}
