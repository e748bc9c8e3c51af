import Foundation

extension ReportInput {
    public static let maxBody = 200_000
    public static let maxAuthors = 20
    public static let maxReviewers = 20
    public static let maxLinks = 500

    /// The input with its title trimmed, line ends as `\n`, and each account and link named once.
    public func normalized() -> ReportInput {
        var copy = self
        copy.title = title.trimmed
        copy.body = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        copy.authorAccountIds = authorAccountIds.uniqued()
        copy.reviewerAccountIds = reviewerAccountIds.uniqued()
        copy.linksAdded = linksAdded.uniqued()
        copy.linksRemoved = linksRemoved.uniqued()
        return copy
    }

    /// Every rule that needs no database, all broken ones at once. Call it on a `normalized()` input.
    public func validate() throws(ValidationError) {
        var report = ValidationReport()
        report.text(title, field: "title", label: "Title", required: true)
        report.text(body, field: "body", label: "Text", max: Self.maxBody, multiline: true)
        report.count(authorAccountIds.count, max: Self.maxAuthors, field: "authorAccountIds", noun: "authors")
        report.count(reviewerAccountIds.count, max: Self.maxReviewers, field: "reviewerAccountIds", noun: "reviewers")
        report.count(linksAdded.count, max: Self.maxLinks, field: "linksAdded", noun: "links")
        report.count(linksRemoved.count, max: Self.maxLinks, field: "linksRemoved", noun: "links")
        for (field, ids) in [("authorAccountIds", authorAccountIds), ("reviewerAccountIds", reviewerAccountIds)]
        where ids.contains(where: { $0 <= 0 }) {
            report.add(field, "positive", "Account ids are positive numbers.")
        }
        if Set(linksAdded).intersection(linksRemoved).isEmpty == false {
            report.add("linksAdded", "conflict", "A link cannot be both added and removed.")
        }
        try report.finish()
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each kept the first time it appears.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
