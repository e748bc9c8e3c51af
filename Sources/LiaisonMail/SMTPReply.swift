/// One reply of an SMTP server: its three-digit code and its lines of text.
public struct SMTPReply: Sendable, Hashable, CustomStringConvertible {
    public var code: Int
    public var lines: [String]

    public var isPositive: Bool { (200..<400).contains(code) }
    /// 5xx: the server will refuse it again; 4xx: worth another try later.
    public var isPermanentFailure: Bool { code >= 500 }

    public var description: String { "\(code) \(lines.joined(separator: " / "))" }

    /// Reads the replies whole in `buffer`, leaving an unfinished one there. A line is `250-text` while more
    /// follow and `250 text` (or `250`) when it is the last.
    static func take(from buffer: inout [UInt8]) throws(SMTPError) -> [SMTPReply] {
        var replies: [SMTPReply] = []
        var pending: [String] = []
        var consumed = 0
        var start = 0
        while let end = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
            var line = buffer[start..<end]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            start = end + 1
            let text = String(decoding: line, as: UTF8.self)
            let digits = text.prefix(3)
            guard digits.count == 3, digits.allSatisfy(\.isASCII), let code = Int(digits), code >= 100,
                text.count == 3 || [" ", "-"].contains(text.dropFirst(3).first)
            else { throw .protocolViolation("the server sent a line that is not a reply: \(text.prefix(80))") }
            pending.append(text.count > 4 ? String(text.dropFirst(4)) : "")
            guard pending.count <= 200 else { throw .protocolViolation("the server sent a reply of over 200 lines") }
            if text.count == 3 || text.dropFirst(3).first == " " {
                replies.append(SMTPReply(code: code, lines: pending))
                pending = []
                consumed = start
            }
        }
        guard buffer.count - consumed <= 64 * 1024 else {
            throw .protocolViolation("the server sent a reply of over 64 KB")
        }
        buffer.removeFirst(consumed)
        return replies
    }
}
