import Testing

@testable import LiaisonMail

/// The `--smtp` URL: its three kinds, percent-decoding, and what is refused.
@Suite struct SMTPServerTests {
    @Test func theThreeKindsOfServer() throws {
        let submission = try SMTPServer.parse("smtp://liaison%40example.org:p%3Ass%2Fw%25rd@mail.example.org")
        #expect(submission.security == .startTLS && submission.port == 587 && submission.host == "mail.example.org")
        #expect(submission.username == "liaison@example.org" && submission.password == "p:ss/w%rd")
        #expect(!submission.description.contains("p:ss"))
        let implicit = try SMTPServer.parse("smtps://u:p@mail.example.org")
        #expect(implicit.security == .implicitTLS && implicit.port == 465)
        let local = try SMTPServer.parse("smtp://localhost:2525?tls=none")
        #expect(local.security == .none && local.port == 2525 && local.username == nil)
        #expect(try SMTPServer.parse("smtp://[::1]?tls=none").host == "::1")
        #expect(try SMTPServer.parse("smtp://127.0.0.2?tls=none").port == 25)
    }

    @Test(arguments: [
        "http://mail.example.org", "mail.example.org", "smtp://", "smtp://mail.example.org?tls=none",
        "smtp://10.0.0.1:25?tls=none", "smtps://localhost?tls=none", "smtp://mail.example.org?auth=none",
        "smtp://mail.example.org/path", "smtp://:secret@mail.example.org", "smtp://mail.example.org:0",
        "smtp://127.0.0.1.example.org?tls=none",
    ])
    func refused(url: String) {
        #expect(throws: SMTPURLError.self) { try SMTPServer.parse(url) }
    }

    @Test func loopbackIsDecidedWithoutLookingANameUp() {
        #expect(SMTPServer.isLoopback("localhost") && SMTPServer.isLoopback("127.0.0.1"))
        #expect(SMTPServer.isLoopback("::1") && SMTPServer.isLoopback("127.1.2.3"))
        #expect(!SMTPServer.isLoopback("127.0.0.1.nip.io") && !SMTPServer.isLoopback("192.168.1.1"))
    }
}
