import Foundation
import LiaisonCore
import LiaisonStore

/// Works out again the search text of every organization, activity and report from the rows themselves: after a
/// migration that changes what is indexed, and after an import (a copy or a backup made by an earlier
/// Liaison carries the text it indexed then). Changed rows are written in batches of a statement each.
enum SearchReindex {
    static func run(_ db: Connection) async throws {
        var practices: [Int64: [Practice]] = [:]
        for row in try await db.rows(
            "SELECT organization_id, title, description FROM organization_practice ORDER BY 1, position")
        {
            practices[try row["organization_id"], default: []].append(
                Practice(title: try row["title"], description: try row["description"]))
        }
        var changed: [(Int64, String)] = []
        for row in try await db.rows(
            "SELECT id, name, native_name, aliases::text AS aliases, metro_area, search_text FROM organization")
        {
            let id: Int64 = try row["id"]
            let aliases = (try? JSONDecoder().decode([String].self, from: Data((try row["aliases"] as String).utf8)))
            let document = OrganizationInput.searchDocument(
                name: try row["name"], nativeName: try row["native_name"], aliases: aliases ?? [],
                metroArea: try row["metro_area"], practices: practices[id] ?? [])
            if document != (try row["search_text"] as String) { changed.append((id, document)) }
        }
        try await write(changed, table: "organization", db)
        changed = []
        for row in try await db.rows("SELECT id, title, place_name, venue, summary, search_text FROM activity") {
            let document = ActivityInput.searchDocument(
                title: try row["title"], placeName: try row["place_name"], venue: try row["venue"],
                summary: try row["summary"])
            if document != (try row["search_text"] as String) { changed.append((try row["id"], document)) }
        }
        try await write(changed, table: "activity", db)
        // An earlier migration reindexes before reports exist.
        guard try await db.value(Bool.self, "SELECT to_regclass('report') IS NOT NULL") == true else { return }
        changed = []
        for row in try await db.rows("SELECT id, title, body, search_text FROM report") {
            let document = ReportRow.searchDocument(ReportInput(title: try row["title"], body: try row["body"]))
            if document != (try row["search_text"] as String) { changed.append((try row["id"], document)) }
        }
        try await write(changed, table: "report", db)
    }

    private static func write(_ changed: [(Int64, String)], table: String, _ db: Connection) async throws {
        for start in stride(from: 0, to: changed.count, by: 5_000) {
            let batch = changed[start..<min(start + 5_000, changed.count)]
            try await db.execute(
                """
                UPDATE \(table) t SET search_text = c.search_text
                FROM unnest(?::bigint[], ?::text[]) AS c (id, search_text) WHERE t.id = c.id
                """, batch.map(\.0), TextArray(values: batch.map(\.1)))
        }
    }
}
