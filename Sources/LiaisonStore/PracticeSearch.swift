import Foundation
import LiaisonCore

/// What the practices search asks for: words of a theme ("waste", "innovation award"), a region, a country.
public struct PracticeQuery: Sendable, Hashable {
    public var text: String?
    public var region: String?
    public var country: String?
    public var limit: Int

    public static let maxLimit = 500

    public init(text: String? = nil, region: String? = nil, country: String? = nil, limit: Int = 100) {
        self.text = text
        self.region = region
        self.country = country
        self.limit = min(max(limit, 1), Self.maxLimit)
    }

    /// The normalized words, each to start a word of the practice's title or description.
    public var terms: [String] { text.map(SearchText.queryTerms) ?? [] }
}

/// A practice found, with the city that runs it.
public struct PracticeHit: Sendable, Hashable, Codable {
    public var organizationId: Int64
    public var organizationName: String
    public var nativeName: String?
    public var country: String?
    public var region: String?
    public var title: String
    public var year: Int?
    public var description: String?
}

extension LiaisonStore {
    /// The practices whose title or description has a word starting with each term, the newest first, then by
    /// city; at most `query.limit`.
    public func searchPractices(_ query: PracticeQuery, now: Date = Date()) async throws -> [PracticeHit] {
        try await refreshCoverage(now: now)
        let terms = query.terms
        var conditions = SQLConditions()
        conditions.add("c.practice_text <> ''")
        // The organization's practices together hold each word: a cheap first cut, checked practice by
        // practice below.
        for term in terms { conditions.add("c.practice_text LIKE ? ESCAPE '\\'", .text("% " + likePrefix(term) + "%")) }
        if let region = query.region { conditions.add("o.region = ?", .text(region)) }
        if let country = query.country { conditions.add("o.country = ?", .text(country)) }
        let hits = try await fetch(
            SQLFragment(
                """
                SELECT o.id, o.name, o.native_name, o.country, o.region, p.title, p.year, p.description
                FROM organization_coverage c JOIN organization o ON o.id = c.organization_id
                JOIN organization_practice p ON p.organization_id = o.id
                \(conditions.whereClause)
                ORDER BY p.year IS NULL, p.year DESC, o.sort_key, o.id, p.position LIMIT ?
                """, conditions.binds + [.integer(PracticeQuery.maxLimit * 4)])
        ) { row in
            PracticeHit(
                organizationId: try row.integer("id") ?? 0, organizationName: try row.string("name"),
                nativeName: try row.text("native_name"), country: try row.text("country"),
                region: try row.text("region"), title: try row.string("title"), year: try row.int("year"),
                description: try row.text("description"))
        }
        return Array(
            hits.filter {
                PracticeText.matches(
                    PracticeText.normalized(title: $0.title, description: $0.description), terms: terms)
            }
            .prefix(query.limit))
    }

    private func likePrefix(_ term: String) -> String {
        term.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}
