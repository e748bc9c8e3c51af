import PostgresNIO
import Testing

@testable import LiaisonPostgres

/// The translation of `?` placeholders to PostgreSQL's numbered ones; no database needed.
@Suite struct PostgresStatementTests {
    @Test func placeholdersAreNumberedOutsideQuotedLiterals() throws {
        let query = try statement("SELECT id FROM person WHERE name = ? AND note <> 'why?' AND id > ?", ["Agnès", 7])
        #expect(query.sql == "SELECT id FROM person WHERE name = $1 AND note <> 'why?' AND id > $2")
        #expect(query.binds.count == 2)
    }

    @Test(arguments: [
        // A quote in a comment hides the placeholder after it.
        ("SELECT id FROM person -- the person's id\nWHERE id = ?", 1),
        // jsonb's ? operator reads as a placeholder.
        ("SELECT id FROM organization WHERE data ? 'region' AND id = ?", 1),
        ("SELECT 1", 2),
    ])
    func aMiscountThrowsInsteadOfStoppingTheServer(sql: String, values: Int) {
        #expect {
            try statement(sql, Array(repeating: 1, count: values))
        } throws: { error in
            "\(error)".contains("placeholders for \(values) values")
        }
    }
}
