import Foundation
import LiaisonCore
import Testing

/// A comment's own rules: text required, bounded and free of control characters; line ends made one.
@Suite struct CommentRulesTests {
    @Test func aCommentIsTrimmedAndItsLineEndsMadeOne() throws {
        let input = CommentInput(reportId: 3, body: "\r\n  Complementing:\r\nQingdao followed online.  \n\n")
            .normalized()
        #expect(input.body == "Complementing:\nQingdao followed online.")
        try input.validate()
    }

    @Test func anEmptyOrBlankCommentIsRefusedNamingTheField() {
        for body in ["", "   \n\t  "] {
            let error = #expect(throws: ValidationError.self) {
                try CommentInput(reportId: 3, body: body).normalized().validate()
            }
            #expect(error?.errors.map(\.field) == ["body"])
            #expect(error?.errors.map(\.rule) == ["required"])
        }
    }

    @Test func aCommentTooLongOrWithControlCharactersIsRefused() {
        let long = #expect(throws: ValidationError.self) {
            try CommentInput(reportId: 3, body: String(repeating: "a", count: CommentInput.maxBody + 1)).validate()
        }
        #expect(long?.errors.map(\.rule) == ["max_length"])
        #expect(long?.errors.first?.message == "Comment must be at most 20000 characters.")
        for body in ["bell \u{7}", "flipped \u{202E}txet"] {
            let error = #expect(throws: ValidationError.self) { try CommentInput(reportId: 3, body: body).validate() }
            #expect(error?.errors.map(\.rule) == ["control_characters"])
        }
        // Line breaks and tabs are text.
        #expect(throws: Never.self) { try CommentInput(reportId: 3, body: "a\n\tb").validate() }
    }

    @Test func aCommentNeedsAReport() {
        let error = #expect(throws: ValidationError.self) { try CommentInput(reportId: 0, body: "Yes").validate() }
        #expect(error?.errors.map(\.field) == ["reportId"])
    }

    @Test func onlyItsAuthorWroteIt() {
        let comment = ReportComment(
            id: 1, input: CommentInput(reportId: 3, body: "Yes", authorAccountId: 7), authorName: "Agnès Bickart",
            reportTitle: "Mission", version: 1, createdAt: .now, updatedAt: .now)
        #expect(comment.isWritten(by: 7))
        #expect(!comment.isWritten(by: 8))
        #expect(!comment.isWritten(by: nil))
        var orphan = comment
        orphan.input.authorAccountId = nil
        #expect(!orphan.isWritten(by: nil))
    }
}
