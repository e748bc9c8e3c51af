import Foundation

/// A full backup as JSON, one object a line so that any size streams: a header, one line per row
/// (`{"table": "person", "row": {...}}`, parents before the rows that refer to them), and a last line with
/// the count of every table, without which a restore refuses the file as cut short.
public enum JSONBackup {
    public static let format = "liaison-backup"
    public static let version = 1

    /// Writes every table of `store` through `write`, a batch of lines at a time; returns the counts written.
    public static func write(
        from store: any TransferStore, createdAt: Date = Date(), _ write: (Data) throws -> Void
    ) async throws -> TransferReport {
        var chunks = Chunks(store: store, createdAt: createdAt).makeAsyncIterator()
        while let chunk = try await chunks.next() { try write(chunk) }
        return TransferReport(counts: chunks.counts)
    }

    /// The backup as a sequence of chunks (the header, each batch of rows, the last line), read from the
    /// store only as fast as they are consumed: for a download that streams to a slow client.
    public struct Chunks: AsyncSequence, Sendable {
        public typealias Element = Data
        let store: any TransferStore
        let createdAt: Date

        public init(store: any TransferStore, createdAt: Date = Date()) {
            self.store = store
            self.createdAt = createdAt
        }

        public func makeAsyncIterator() -> Iterator { Iterator(store: store, createdAt: createdAt) }

        public struct Iterator: AsyncIteratorProtocol {
            let store: any TransferStore
            let createdAt: Date
            var started = false
            var tableIndex = 0
            var after: [TransferValue]?
            var written = 0
            var finished = false
            /// Rows written per table so far.
            public private(set) var counts: [(table: String, rows: Int)] = []

            init(store: any TransferStore, createdAt: Date) {
                self.store = store
                self.createdAt = createdAt
            }

            public mutating func next() async throws -> Data? {
                if !started {
                    started = true
                    return try line(
                        Line(
                            format: format, version: version, createdAt: createdAt.formatted(dateStyle),
                            tables: TransferTable.all.map(\.name)))
                }
                while tableIndex < TransferTable.all.count {
                    let table = TransferTable.all[tableIndex]
                    let rows = try await store.exportRows(table, after: after, limit: DataTransfer.batchSize)
                    written += rows.count
                    if rows.count < DataTransfer.batchSize {
                        counts.append((table.name, written))
                        tableIndex += 1
                        after = nil
                        written = 0
                    } else {
                        after = table.position(after: rows[rows.count - 1])
                    }
                    if rows.isEmpty { continue }
                    var chunk = Data()
                    for row in rows {
                        var object: [String: JSONValue] = [:]
                        for (column, value) in zip(table.columns, row) { object[column.name] = json(value) }
                        chunk.append(try line(Line(table: table.name, row: object)))
                    }
                    return chunk
                }
                guard !finished else { return nil }
                finished = true
                return try line(
                    Line(end: true, counts: Dictionary(uniqueKeysWithValues: counts.map { ($0.table, $0.rows) })))
            }
        }
    }

    /// Restores a backup read line by line from `lines` into the empty `target`, in one transaction:
    /// a file that is cut short or has a bad line changes nothing, and the error names the line.
    public static func restore<Lines: AsyncSequence>(
        _ lines: Lines, into target: any TransferStore, targetName: String
    ) async throws -> TransferReport where Lines.Element == String {
        try await DataTransfer.requireEmpty(target, named: targetName)
        var counts: [String: Int] = [:]
        try await target.importRows { sink in
            var number = 0
            var header = false
            var trailer: [String: Int]?
            var pendingTable: TransferTable?
            var pendingRows: [[TransferValue]] = []
            let decoder = JSONDecoder()
            func flush() async throws {
                if let table = pendingTable, !pendingRows.isEmpty {
                    do {
                        try await sink.insert(table, pendingRows)
                    } catch {
                        throw TransferError(
                            "The rows of \(table.name) before line \(number) were refused: \(error)")
                    }
                }
                pendingTable = nil
                pendingRows.removeAll(keepingCapacity: true)
            }
            for try await text in lines {
                number += 1
                if text.isEmpty { continue }
                guard trailer == nil else { throw TransferError("Line \(number): nothing may follow the last line.") }
                guard let object = try? decoder.decode(Line.self, from: Data(text.utf8)) else {
                    throw TransferError("Line \(number) is not a line of a Liaison backup (a JSON object).")
                }
                if !header {
                    guard object.format == format, let version = object.version else {
                        throw TransferError("Line 1 does not start a Liaison backup (\"format\": \"\(format)\").")
                    }
                    guard version == Self.version else {
                        throw TransferError(
                            "The backup has format version \(version); this Liaison reads version \(Self.version).")
                    }
                    header = true
                    continue
                }
                if object.end == true {
                    try await flush()
                    trailer = object.counts ?? [:]
                    continue
                }
                let (table, row) = try parseRow(object, line: number)
                if pendingTable != table { try await flush() }
                pendingTable = table
                pendingRows.append(row)
                if pendingRows.count >= DataTransfer.batchSize { try await flush() }
                counts[table.name, default: 0] += 1
            }
            guard header else { throw TransferError("The backup is empty.") }
            guard let trailer else {
                throw TransferError("The backup is cut short: its last line (with the counts) is missing.")
            }
            for table in TransferTable.all where trailer[table.name, default: 0] != counts[table.name, default: 0] {
                throw TransferError(
                    "The backup says \(trailer[table.name, default: 0]) \(table.name) rows but holds \(counts[table.name, default: 0])."
                )
            }
        }
        return TransferReport(counts: TransferTable.all.map { ($0.name, counts[$0.name, default: 0]) })
    }

    // MARK: - Values

    private static let dateStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let secondsStyle = Date.ISO8601FormatStyle()

    /// "2026-11-23T10:00:00.123Z" from whole milliseconds: formatting a `Date` with fractions truncates
    /// its binary value, which would turn .985 into .984 on every backup and restore.
    static func text(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let seconds = milliseconds.quotientAndRemainder(dividingBy: 1000)
        let (whole, fraction) = seconds.remainder < 0 ? (seconds.quotient - 1, seconds.remainder + 1000) : seconds
        let base = Date(timeIntervalSince1970: Double(whole)).formatted(secondsStyle)
        return base.dropLast() + "." + String(String(fraction + 1000).dropFirst()) + "Z"
    }

    /// The date `text` writes, exact to the millisecond; nil when the text is not such a date.
    static func date(_ text: String) -> Date? {
        guard let parsed = try? dateStyle.parse(text) else { return nil }
        return Date(timeIntervalSince1970: (parsed.timeIntervalSince1970 * 1000).rounded() / 1000)
    }

    fileprivate static func json(_ value: TransferValue) -> JSONValue {
        switch value {
        case .null: .null
        case .integer(let number): .integer(number)
        case .real(let number): .real(number)
        case .text(let text): .text(text)
        case .bool(let flag): .bool(flag)
        case .date(let date): .text(text(date))
        }
    }

    private static func parseRow(_ object: Line, line: Int) throws -> (TransferTable, [TransferValue]) {
        guard let name = object.table, let row = object.row else {
            throw TransferError("Line \(line) is neither a row ({\"table\": ..., \"row\": {...}}) nor the last line.")
        }
        guard let table = TransferTable.named(name) else {
            throw TransferError("Line \(line): unknown table \"\(name)\".")
        }
        if let unknown = row.keys.first(where: { !table.columnNames.contains($0) }) {
            throw TransferError("Line \(line): \(name) has no column \"\(unknown)\".")
        }
        let values = try table.columns.map { column -> TransferValue in
            guard let raw = row[column.name] else {
                if let standing = TransferTable.addedLater["\(name).\(column.name)"] { return standing }
                throw TransferError("Line \(line): the \(name) row has no \"\(column.name)\".")
            }
            guard let value = value(raw, column.type) else {
                throw TransferError("Line \(line): \(name).\(column.name) must be \(describe(column.type)).")
            }
            return value
        }
        return (table, values)
    }

    private static func value(_ raw: JSONValue, _ type: TransferColumnType) -> TransferValue? {
        switch (raw, type) {
        case (.null, _): .null
        case (.integer(let number), .integer): .integer(number)
        case (.integer(let number), .real): .real(Double(number))
        case (.real(let number), .real): .real(number)
        case (.text(let text), .text): .text(text)
        case (.text(let text), .json):
            (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed)) == nil
                ? nil : .text(text)
        case (.bool(let flag), .bool): .bool(flag)
        case (.text(let text), .date): date(text).map(TransferValue.date)
        default: nil
        }
    }

    private static func describe(_ type: TransferColumnType) -> String {
        switch type {
        case .integer: "a whole number or null"
        case .real: "a number or null"
        case .text: "a string or null"
        case .json: "a string holding JSON, or null"
        case .bool: "true, false or null"
        case .date: "a date like 2026-11-23T10:00:00.000Z, or null"
        }
    }

    fileprivate static func line(_ line: Line) throws -> Data {
        var data = try encoder.encode(line)
        data.append(0x0A)
        return data
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// Every kind of line in one shape: the header, a row, or the last line.
    struct Line: Codable {
        var format: String?
        var version: Int?
        var createdAt: String?
        var tables: [String]?
        var table: String?
        var row: [String: JSONValue]?
        var end: Bool?
        var counts: [String: Int]?
    }

    /// A JSON value as a row holds it; booleans and numbers stay apart.
    enum JSONValue: Codable {
        case null, bool(Bool), integer(Int64), real(Double), text(String)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            // Most values are text or null: those are tried first, since every failed attempt costs a thrown error.
            if container.decodeNil() {
                self = .null
            } else if let text = try? container.decode(String.self) {
                self = .text(text)
            } else if let flag = try? container.decode(Bool.self) {
                self = .bool(flag)
            } else if let number = try? container.decode(Int64.self) {
                self = .integer(number)
            } else {
                self = .real(try container.decode(Double.self))
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .null: try container.encodeNil()
            case .bool(let flag): try container.encode(flag)
            case .integer(let number): try container.encode(number)
            case .real(let number): try container.encode(number)
            case .text(let text): try container.encode(text)
            }
        }
    }
}
