import Foundation
import GRDB
import LiaisonCore
import LiaisonStore

/// Works out again the search text of every organization, activity and report from the rows themselves: after a
/// migration that changes what is indexed, and after an import (a copy or a backup made by an earlier
/// Liaison carries the text it indexed then). A row whose text is unchanged is not written.
enum SearchReindex {
    static func run(_ db: Database) throws {
        var practices: [Int64: [Practice]] = [:]
        let practiceRows = try Row.fetchCursor(
            db, sql: "SELECT organization_id, title, description FROM organization_practice ORDER BY 1, position")
        while let row = try practiceRows.next() {
            practices[row[0], default: []].append(Practice(title: row[1], description: row[2]))
        }
        // Read whole before writing: a table is not changed under a cursor that reads it.
        let organizations = try Row.fetchAll(
            db, sql: "SELECT id, name, native_name, aliases, metro_area, search_text FROM organization")
        let updateOrganization = try db.makeStatement(sql: "UPDATE organization SET search_text = ? WHERE id = ?")
        for row in organizations {
            let id: Int64 = row[0]
            let aliases = (try? JSONDecoder().decode([String].self, from: Data((row[3] as String).utf8))) ?? []
            let document = OrganizationInput.searchDocument(
                name: row[1], nativeName: row[2], aliases: aliases, metroArea: row[4], practices: practices[id] ?? [])
            if document != row[5] { try updateOrganization.execute(arguments: [document, id]) }
        }
        let activities = try Row.fetchAll(
            db, sql: "SELECT id, title, place_name, venue, summary, search_text FROM activity")
        let updateActivity = try db.makeStatement(sql: "UPDATE activity SET search_text = ? WHERE id = ?")
        for row in activities {
            let document = ActivityInput.searchDocument(
                title: row[1], placeName: row[2], venue: row[3], summary: row[4])
            if document != row[5] { try updateActivity.execute(arguments: [document, row[0] as Int64]) }
        }
        // An earlier migration reindexes before reports exist.
        guard try db.tableExists("report") else { return }
        let reports = try Row.fetchAll(db, sql: "SELECT id, title, body, search_text FROM report")
        let updateReport = try db.makeStatement(sql: "UPDATE report SET search_text = ? WHERE id = ?")
        for row in reports {
            let document = ReportRow.searchDocument(ReportInput(title: row[1], body: row[2]))
            if document != row[3] { try updateReport.execute(arguments: [document, row[0] as Int64]) }
        }
    }
}
