import Foundation
import LiaisonMail
import LiaisonWeb
import Testing

@testable import LiaisonCLI

/// The mail settings together: what `serve` and `liaison mail` refuse at start, naming the setting.
@Suite struct MailSettingsTests {
    @Test func withoutAMailServerNothingIsSent() throws {
        #expect(try Configuration.resolve(environment: [:]).mail() == nil)
    }

    @Test func aMailServerWithoutASenderStopsTheStartNamingIt() throws {
        let configuration = try Configuration.resolve(
            flags: ["smtp": "smtps://mail.example.org"], environment: [:])
        #expect {
            try configuration.mail()
        } throws: { error in
            "\(error)".hasPrefix("--smtp-from (LIAISON_SMTP_FROM) is required with --smtp")
        }
    }

    @Test func anUnreadableCAFileStopsTheStartNamingIt() throws {
        let configuration = try Configuration.resolve(
            environment: [
                "LIAISON_SMTP": "smtps://mail.example.org", "LIAISON_SMTP_FROM": "liaison@example.org",
                "LIAISON_SMTP_CA_FILE": "/nonexistent/ca.pem",
            ])
        #expect {
            try configuration.mail()
        } throws: { error in
            "\(error)".hasPrefix("--smtp-ca-file (LIAISON_SMTP_CA_FILE) must be a readable PEM file")
        }
    }

    @Test func theSettingsReachTheMailService() throws {
        let configuration = try Configuration.resolve(
            flags: [
                "smtp": "smtp://liaison%40example.org:p%40ss@mail.example.org",
                "smtp-from": "Liaison <liaison@example.org>",
                "public-url": "https://liaison.example.org/", "smtp-digest-hour": "off",
            ], environment: [:])
        let mail = try #require(try configuration.mail())
        #expect(mail.transport.settings.server.username == "liaison@example.org")
        #expect(mail.transport.settings.server.password == "p@ss")
        #expect(mail.transport.settings.server.port == 587)
        #expect(mail.transport.settings.clientName == "liaison.example.org")
        #expect(mail.settings.from.name == "Liaison")
        #expect(mail.settings.publicURL == "https://liaison.example.org")
        #expect(mail.settings.digestHour == nil)
    }
}
