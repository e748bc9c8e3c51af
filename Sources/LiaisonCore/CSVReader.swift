/// Reads comma-separated values as spreadsheets write them (RFC 4180): quoted cells may hold commas, quotes
/// (doubled) and line breaks; lines end in CRLF or LF; a UTF-8 byte order mark is skipped. The reverse of
/// `CSVWriter`, including its guard against formulas: a leading apostrophe before "=", "+", "-", "@", a tab
/// or a carriage return is dropped again.
public enum CSVReader {
    /// One record and the line of the file it starts on (1 for the header).
    public struct Record: Sendable, Hashable {
        public var line: Int
        public var cells: [String]
    }

    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }

        public init(line: Int, message: String) {
            self.line = line
            self.message = message
        }
    }

    /// Every record of `text`; blank lines are skipped. Fails on a quote left open or text after a closing
    /// quote, naming the line.
    public static func records(_ text: String) throws(Failure) -> [Record] {
        var records: [Record] = []
        var cells: [String] = []
        var cell: [UInt8] = []
        var line = 1
        var recordLine = 1
        var quoted = false
        var afterClosingQuote = false
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }

        func endCell() {
            var value = String(decoding: cell, as: UTF8.self)
            if value.hasPrefix("'"), let next = value.unicodeScalars.dropFirst().first,
                ["=", "+", "-", "@", "\t", "\r"].contains(next)
            {
                value.removeFirst()
            }
            cells.append(value)
            cell.removeAll(keepingCapacity: true)
            afterClosingQuote = false
        }
        func endRecord() {
            endCell()
            if !(cells.count == 1 && cells[0].isEmpty) { records.append(Record(line: recordLine, cells: cells)) }
            cells.removeAll(keepingCapacity: true)
        }

        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if quoted {
                if byte == 0x22 {
                    if index + 1 < bytes.count, bytes[index + 1] == 0x22 {
                        cell.append(0x22)
                        index += 1
                    } else {
                        quoted = false
                        afterClosingQuote = true
                    }
                } else {
                    if byte == 0x0A { line += 1 }
                    cell.append(byte)
                }
            } else {
                switch byte {
                case 0x2C:
                    endCell()
                case 0x0A, 0x0D:
                    if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                    endRecord()
                    line += 1
                    recordLine = line
                case 0x22 where cell.isEmpty && !afterClosingQuote:
                    quoted = true
                default:
                    if afterClosingQuote {
                        throw Failure(
                            line: line, message: "text after a closing quote; a quote inside a cell is doubled (\"\").")
                    }
                    cell.append(byte)
                }
            }
            index += 1
        }
        if quoted { throw Failure(line: recordLine, message: "a quoted cell is never closed.") }
        if !cell.isEmpty || !cells.isEmpty || afterClosingQuote { endRecord() }
        return records
    }
}
