import Foundation

/// One plain-text message as RFC 5322 and MIME want it: Date, Message-ID, From, To and Subject, the text as
/// quoted-printable UTF-8, CRLF line endings, no line over 78 characters in the headers or 76 in the body.
public struct MailMessage: Sendable, Hashable {
    public var from: MailAddress
    public var to: MailAddress
    public var subject: String
    /// The body, plain text; any line breaks.
    public var text: String
    public var date: Date
    /// The id without its angle brackets, unique to this message.
    public var messageId: String

    public init(from: MailAddress, to: MailAddress, subject: String, text: String, date: Date = Date()) {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.date = date
        messageId = UUID().uuidString.lowercased() + "@" + from.domain
    }

    /// The message as it goes after DATA (before dot-stuffing), ending with a line break.
    public func rendered() -> String {
        let headers = [
            "Date: " + MailHeader.date(date),
            "From: " + MailHeader.mailbox(from, nameLength: 4),
            "To: " + MailHeader.mailbox(to, nameLength: 2),
            "Subject: " + MailHeader.unstructured(subject, nameLength: 7),
            "Message-ID: <\(messageId)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: quoted-printable",
            // RFC 3834: written by a program, so that vacation responders stay quiet.
            "Auto-Submitted: auto-generated",
        ]
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + QuotedPrintable.encode(text) + "\r\n"
    }
}
