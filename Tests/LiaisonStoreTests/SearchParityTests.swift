import Foundation
import LiaisonCore
import LiaisonDemo
import LiaisonStore
import LiaisonTestSupport
import Testing

/// Both engines index the same normalized text, so every query finds the same records, ranked the same.
@Suite(.enabled(if: TestEngine.available.count > 1))
struct SearchParityTests {
    static let queries = [
        "广州", "guangzhou", "guang", "canton", "chen guo", "陈国", "CHEN", "bogota", "Bogotá", "guangzou", "agnes",
        "+86 20", "20 8330", "interpreter", "gz", "a", "metro", "ucl", "東京", "seoul", "서울", "москва", "xyzzy",
    ]

    @Test func everyQueryFindsTheSameOnSQLiteAndPostgreSQL() async throws {
        let answers = try await TestEngine.available.asyncMap { engine in
            try await engine.withStore { store in
                _ = try await DemoNetwork.seed(into: store, regions: .standard, currentYear: 2026)
                var lines: [String] = []
                for query in Self.queries {
                    lines.append("search \(query): \(try await store.search(query, limit: 20))")
                    let organizations = try await store.listOrganizations(OrganizationQuery(text: query, perPage: 200))
                    lines.append("directory \(query): \(organizations.total) \(organizations.items.map(\.id))")
                    let people = try await store.listPeople(PersonQuery(text: query, perPage: 200))
                    lines.append("people \(query): \(people.total) \(people.items.map(\.id))")
                }
                let positions = try await store.listPeople(PersonQuery(position: "mayor"))
                lines.append("position mayor: \(positions.items.map(\.id))")
                return lines
            }
        }
        #expect(answers[0].contains { $0.hasPrefix("search 陈国:") && $0.contains("CHEN Guo") })
        #expect(answers[0].contains { $0.hasPrefix("search guangzou:") && $0.contains("fuzzy") })
        for (sqlite, other) in zip(answers[0], answers[1]) {
            #expect(sqlite == other)
        }
    }
}
