import Foundation

/// What a colleague writes under a report: Markdown, whose `@name`s notify the colleagues they name.
public struct CommentInput: Sendable, Hashable, Codable {
    public static let maxBody = 20_000
    /// A report's thread holds at most this many comments: the page shows them all.
    public static let maxPerReport = 1_000

    public var reportId: Int64
    public var body: String
    /// Who wrote it: the one who saved it first, kept through every edit.
    public var authorAccountId: Int64?
    /// The colleagues its `@handles` name, as the store resolved them when saving; neither stored nor sent.
    public var mentionedAccountIds: [Int64] = []

    public init(reportId: Int64, body: String, authorAccountId: Int64? = nil) {
        self.reportId = reportId
        self.body = body
        self.authorAccountId = authorAccountId
    }

    enum CodingKeys: String, CodingKey { case reportId, body, authorAccountId }

    /// The input with line ends as `\n` and no blank lines or spaces around the text.
    public func normalized() -> CommentInput {
        var copy = self
        copy.body = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return copy
    }

    /// Every rule that needs no database, all broken ones at once. Call it on a `normalized()` input.
    public func validate() throws(ValidationError) {
        var report = ValidationReport()
        report.text(body, field: "body", label: "Comment", required: true, max: Self.maxBody, multiline: true)
        if reportId <= 0 { report.add("reportId", "positive", "Report ids are positive numbers.") }
        try report.finish()
    }
}

/// A colleague's comment under a report, as stored.
public struct ReportComment: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var input: CommentInput
    /// The author's name now; nil once their account is gone.
    public var authorName: String?
    /// The title of the report it is under.
    public var reportTitle: String
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: Int64, input: CommentInput, authorName: String?, reportTitle: String, version: Int, createdAt: Date,
        updatedAt: Date
    ) {
        self.id = id
        self.input = input
        self.authorName = authorName
        self.reportTitle = reportTitle
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Whether an account may change it: its author only.
    public func isWritten(by accountId: Int64?) -> Bool {
        accountId != nil && input.authorAccountId == accountId
    }
}

extension ReportComment: Codable {
    enum CodingKeys: String, CodingKey {
        case id, reportId, body, authorAccountId, authorName, reportTitle, version, createdAt, updatedAt
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(input.reportId, forKey: .reportId)
        try c.encode(input.body, forKey: .body)
        try c.encode(input.authorAccountId, forKey: .authorAccountId)
        try c.encode(authorName, forKey: .authorName)
        try c.encode(reportTitle, forKey: .reportTitle)
        try c.encode(version, forKey: .version)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(updatedAt, forKey: .updatedAt)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(Int64.self, forKey: .id),
            input: CommentInput(
                reportId: try c.decode(Int64.self, forKey: .reportId), body: try c.decode(String.self, forKey: .body),
                authorAccountId: try c.decodeIfPresent(Int64.self, forKey: .authorAccountId)),
            authorName: try c.decodeIfPresent(String.self, forKey: .authorName),
            reportTitle: try c.decode(String.self, forKey: .reportTitle),
            version: try c.decode(Int.self, forKey: .version),
            createdAt: try c.decode(Date.self, forKey: .createdAt),
            updatedAt: try c.decode(Date.self, forKey: .updatedAt))
    }
}
