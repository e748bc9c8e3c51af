import Foundation
import GRDB
import GRDBSQLite
import LiaisonStore

/// An import into SQLite, fast: imports fill an empty database (copy, restore, a synthetic network), so the
/// secondary indexes and the triggers that keep the search indexes are set aside while rows go in and built
/// once at the end from the finished tables (one sort instead of a B-tree insert per row and index). Rows
/// are bound straight to SQLite. All of it happens inside the import's one transaction: a failed import
/// puts every index and trigger back as it was, with the rows.
struct BulkLoad {
    /// The indexes and triggers set aside, as their CREATE statements.
    private let setAside: [String]

    init(_ db: Database) throws {
        let tables = TransferTable.all.map { "'\($0.name)'" }.joined(separator: ", ")
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT type, name, sql FROM sqlite_master
                WHERE type IN ('index', 'trigger') AND sql IS NOT NULL AND tbl_name IN (\(tables))
                ORDER BY type, name
                """)
        for row in rows {
            let type: String = row["type"]
            let name: String = row["name"]
            try db.execute(sql: "DROP \(type == "index" ? "INDEX" : "TRIGGER") \"\(name)\"")
        }
        setAside = rows.map { $0["sql"] }
    }

    /// Builds the indexes and search indexes over everything imported, puts the triggers back, and raises the
    /// id counters past every id imported or named by the imported audit trail.
    func finish(_ db: Database) throws {
        // Before the triggers are back: the search indexes are rebuilt from the finished text below.
        try SearchReindex.run(db)
        for sql in setAside { try db.execute(sql: sql) }
        try db.execute(sql: Migrations.rebuildSearchIndexes)
        try Migrations.raiseIdCounters(db)
        // The trigger that adds each organization's coverage row was set aside with the others.
        try db.execute(sql: CoverageSchema.addMissingRows)
        try db.execute(sql: Migrations.recount)
    }

    static func insert(_ db: Database, _ table: TransferTable, _ rows: [[TransferValue]]) throws {
        if table.isSingleton { try db.execute(sql: "DELETE FROM \(table.name)") }
        let statement = try db.makeStatement(
            sql: """
                INSERT INTO \(table.name) (\(table.columnNames.joined(separator: ", ")))
                VALUES (\(databaseQuestionMarks(count: table.columns.count)))
                """)
        let handle = statement.sqliteStatement
        for row in rows {
            sqlite3_reset(handle)
            for (index, value) in row.enumerated() {
                bind(value, at: Int32(index + 1), to: handle)
            }
            let code = sqlite3_step(handle)
            guard code == SQLITE_DONE else {
                let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
                sqlite3_reset(handle)
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
            }
        }
        sqlite3_reset(handle)
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private static func bind(_ value: TransferValue, at index: Int32, to handle: OpaquePointer) {
        switch value {
        case .null: sqlite3_bind_null(handle, index)
        case .integer(let number): sqlite3_bind_int64(handle, index, number)
        case .real(let number): sqlite3_bind_double(handle, index, number)
        case .bool(let flag): sqlite3_bind_int64(handle, index, flag ? 1 : 0)
        case .text(let text): bindText(text, at: index, to: handle)
        case .date(let date): bindText(StoredDate.text(date), at: index, to: handle)
        }
    }

    private static func bindText(_ text: String, at index: Int32, to handle: OpaquePointer) {
        var text = text
        text.withUTF8 { bytes in
            guard let address = bytes.baseAddress, bytes.count > 0 else {
                // An empty buffer may have no address, which SQLite would read as NULL.
                sqlite3_bind_text(handle, index, "", 0, transient)
                return
            }
            address.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                _ = sqlite3_bind_text(handle, index, $0, Int32(bytes.count), transient)
            }
        }
    }
}

/// Dates as GRDB stores them ("2026-11-23 18:04:05.123", UTC), written without a date formatter: the
/// formatter was the import's largest cost after SQLite itself.
enum StoredDate {
    static func text(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (days, dayMilliseconds) = milliseconds.quotientAndRemainder(dividingBy: 86_400_000)
        let (day, time) = dayMilliseconds < 0 ? (days - 1, dayMilliseconds + 86_400_000) : (days, dayMilliseconds)
        let (year, month, dayOfMonth) = civil(daysSinceEpoch: day)
        var text = ""
        text.reserveCapacity(23)
        func append(_ value: Int64, digits: Int) {
            let string = String(value)
            if string.count < digits { text += String(repeating: "0", count: digits - string.count) }
            text += string
        }
        append(year, digits: 4)
        text += "-"
        append(month, digits: 2)
        text += "-"
        append(dayOfMonth, digits: 2)
        text += " "
        append(time / 3_600_000, digits: 2)
        text += ":"
        append(time / 60_000 % 60, digits: 2)
        text += ":"
        append(time / 1000 % 60, digits: 2)
        text += "."
        append(time % 1000, digits: 3)
        return text
    }

    /// Year, month and day of a day counted from 1970-01-01 (Howard Hinnant's civil_from_days).
    private static func civil(daysSinceEpoch: Int64) -> (Int64, Int64, Int64) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
