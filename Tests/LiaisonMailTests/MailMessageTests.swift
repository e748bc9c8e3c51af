import Foundation
import Testing

@testable import LiaisonMail

/// The message writer: headers as RFC 5322 and 2047 want them, the body as quoted-printable UTF-8, line lengths,
/// line endings and dot-stuffing.
@Suite struct MailMessageTests {
    let from = MailAddress("liaison@example.org", name: "Liaison")!
    let agnes = MailAddress("agnes@example.org", name: "Agnès Bickart")!
    let date = Date(timeIntervalSince1970: 1_797_318_000)  // 2026-12-15 07:00 UTC

    /// Reverses RFC 2047 `B` words, as a mail reader would (the space between two encoded words goes).
    func decodeWords(_ value: String) -> String {
        let unfolded = value.replacingOccurrences(of: "\r\n ", with: " ").replacingOccurrences(
            of: "?= =?UTF-8?B?", with: "?==?UTF-8?B?")
        return unfolded.replacing(/=\?UTF-8\?B\?([A-Za-z0-9+\/=]*)\?=/) { match in
            String(decoding: Data(base64Encoded: String(match.output.1)) ?? Data(), as: UTF8.self)
        }
    }

    /// Reverses quoted-printable.
    func decodeQuotedPrintable(_ text: String) -> String {
        var bytes: [UInt8] = []
        let lines = text.components(separatedBy: "\r\n")
        for (index, line) in lines.enumerated() {
            var chars = Array(line.utf8)
            let soft = chars.last == UInt8(ascii: "=")
            if soft { chars.removeLast() }
            var i = 0
            while i < chars.count {
                if chars[i] == UInt8(ascii: "="), i + 2 < chars.count,
                    let byte = UInt8(String(decoding: chars[(i + 1)...(i + 2)], as: UTF8.self), radix: 16)
                {
                    bytes.append(byte)
                    i += 3
                } else {
                    bytes.append(chars[i])
                    i += 1
                }
            }
            if !soft && index < lines.count - 1 { bytes.append(UInt8(ascii: "\n")) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    func parts(_ rendered: String) -> (headers: [String: String], body: String) {
        let split = rendered.components(separatedBy: "\r\n\r\n")
        var headers: [String: String] = [:]
        let unfolded = split[0].replacingOccurrences(of: "\r\n ", with: "\u{0}")
        for line in unfolded.components(separatedBy: "\r\n") {
            let pair = line.split(separator: ":", maxSplits: 1)
            headers[String(pair[0])] = String(pair[1].dropFirst()).replacingOccurrences(of: "\u{0}", with: "\r\n ")
        }
        return (headers, split.dropFirst().joined(separator: "\r\n\r\n"))
    }

    @Test func aMessageHasTheHeadersOfRFC5322AndMIME() throws {
        let message = MailMessage(from: from, to: agnes, subject: "Your follow-ups", text: "Hello", date: date)
        let (headers, body) = parts(message.rendered())
        #expect(headers["Date"] == "Tue, 15 Dec 2026 07:00:00 +0000")
        #expect(headers["From"] == "Liaison <liaison@example.org>")
        #expect(decodeWords(headers["To"] ?? "") == "Agnès Bickart <agnes@example.org>")
        #expect(headers["To"]?.hasPrefix("=?UTF-8?B?") == true)
        #expect(headers["Subject"] == "Your follow-ups")
        let id = try #require(headers["Message-ID"])
        #expect(id.hasPrefix("<") && id.hasSuffix("@example.org>"))
        #expect(headers["MIME-Version"] == "1.0")
        #expect(headers["Content-Type"] == "text/plain; charset=UTF-8")
        #expect(headers["Content-Transfer-Encoding"] == "quoted-printable")
        #expect(headers["Auto-Submitted"] == "auto-generated")
        #expect(body == "Hello\r\n")
        #expect(MailMessage(from: from, to: agnes, subject: "", text: "").messageId != message.messageId)
    }

    @Test func aSubjectOutsideASCIIIsEncodedInWordsOfWholeCharacters() {
        let subject = "陈国 mentioned you in “广州 mission report: Foshan, Dongguan and Zhuhai on membership”"
        let rendered = MailMessage(from: from, to: agnes, subject: subject, text: "", date: date).rendered()
        let header = parts(rendered).headers["Subject"] ?? ""
        #expect(header.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(decodeWords(header) == subject)
        for line in rendered.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 78, "\(line)")
        }
        for word in MailHeader.encodedWords(subject) { #expect(word.count <= 75) }
    }

    @Test func aLongASCIISubjectIsFoldedAtSpaces() {
        let subject = Array(repeating: "Foshan", count: 30).joined(separator: " ")
        let header = parts(MailMessage(from: from, to: agnes, subject: subject, text: "").rendered()).headers["Subject"]
        #expect(header?.contains("\r\n ") == true)
        #expect(header?.replacingOccurrences(of: "\r\n ", with: " ") == subject)
    }

    @Test func nothingTypedCanAddAHeaderOrALine() {
        let sneaky = MailAddress("agnes@example.org", name: "Agnès\r\nBcc: everyone@example.org")!
        let rendered = MailMessage(
            from: from, to: sneaky, subject: "Hi\r\nBcc: everyone@example.org\n.", text: "x", date: date
        ).rendered()
        let headerBlock = rendered.components(separatedBy: "\r\n\r\n")[0]
        #expect(!headerBlock.contains("\r\nBcc:"))
        #expect(!headerBlock.contains("\n.") && !headerBlock.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(MailAddress("agnes@example.org>\r\nRCPT TO:<x@example.org") == nil)
        #expect(MailAddress("two words@example.org") == nil)
        #expect(MailAddress("agnes@example") == nil)
        #expect(MailAddress.parse("\"Bickart, Agnès\" <agnes@example.org>")?.name == "Bickart, Agnès")
        let quoted = MailHeader.mailbox(MailAddress("a@example.org", name: "Bickart, \"A\"")!, nameLength: 2)
        #expect(quoted == #""Bickart, \"A\"" <a@example.org>"#)
    }

    @Test func theBodyIsQuotedPrintableUTF8WithShortCRLFLines() {
        let text = """
            Hello Agnès,

            \(String(repeating: "广州 Guangzhou ", count: 40))
            A line with a trailing space 
            = signs = and tabs\there
            .a line starting with a dot
            """
        let rendered = MailMessage(from: from, to: agnes, subject: "x", text: text, date: date).rendered()
        let body = parts(rendered).body
        #expect(body.unicodeScalars.allSatisfy { $0.isASCII })
        for line in body.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 76, "\(line)")
            #expect(!line.hasSuffix(" "))
        }
        #expect(!rendered.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(!rendered.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
        // The body ends with a line break, "\r\n", which is one Character.
        #expect(decodeQuotedPrintable(String(body.dropLast())) == text)
    }

    @Test func dataIsDotStuffedAndEndsWithALoneDot() {
        let block = SMTPClient.dataBlock("Subject: x\r\n\r\n.hidden\r\n..two\r\nplain\n.\r\n")
        #expect(block == "Subject: x\r\n\r\n..hidden\r\n...two\r\nplain\r\n..\r\n.\r\n")
    }
}
