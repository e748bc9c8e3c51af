import ArgumentParser
import Foundation
import LiaisonCore
import LiaisonMail
import LiaisonStore
import LiaisonWeb
import Logging

extension Configuration {
    /// The SMTP client and the mail settings, or nil when no mail server is set. Stops start-up, naming the
    /// setting, when the server is set without a sender or the CA file cannot be read.
    func mail() throws -> (transport: SMTPClient, settings: MailSettings)? {
        guard let smtp else { return nil }
        guard let smtpFrom else {
            throw CommandFailure(
                "\(Setting.smtpFrom.longFlag) (\(Setting.smtpFrom.variable)) is required with \(Setting.smtp.longFlag): the sender of Liaison's mail, such as liaison@example.org."
            )
        }
        var settings = SMTPSettings(server: smtp, from: smtpFrom, caFile: smtpCAFile)
        settings.clientName = publicURL.flatMap { URLComponents(string: $0)?.host } ?? "liaison.invalid"
        let client: SMTPClient
        do {
            client = try SMTPClient(settings: settings)
        } catch {
            throw CommandFailure(
                "\(Setting.smtpCAFile.longFlag) (\(Setting.smtpCAFile.variable)) must be a readable PEM file of certificates; \(smtpCAFile ?? ""): \(error)"
            )
        }
        return (client, MailSettings(from: smtpFrom, publicURL: publicURL, digestHour: smtpDigestHour))
    }

    /// The mail service on `store`, or nil when no mail server is set.
    func mailService(store: any LiaisonStore, logger: Logger) throws -> MailService? {
        guard let mail = try mail() else { return nil }
        return try MailService(store: store, transport: mail.transport, settings: mail.settings, logger: logger)
    }

    /// The mail service, or the message that says none is set.
    func requireMailService(store: any LiaisonStore, logger: Logger) throws -> MailService {
        guard let service = try mailService(store: store, logger: logger) else {
            throw CommandFailure(
                "\(Setting.smtp.longFlag) (\(Setting.smtp.variable)) is not set: Liaison has no mail server to send through."
            )
        }
        return service
    }
}

extension Liaison {
    struct Mail: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send Liaison's mail now: the daily digests, or a test message.",
            subcommands: [Digest.self, Test.self])

        struct Digest: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Send each member of staff the digest of their follow-ups due and overdue on a day.",
                discussion: """
                    Someone whose digest of that day was already sent (by a server or by this command) does not get \
                    it again; someone with nothing due gets nothing.
                    """)

            @OptionGroup var settings: MailOptions
            @Option(help: "The day, YYYY-MM-DD (default: today in the server's zone).") var date: String?

            func validate() throws {
                if let date, ActivityTime.dayParts(date) == nil {
                    throw ValidationError("--date must be a day written YYYY-MM-DD; got \"\(date)\".")
                }
            }

            func run() async throws {
                try await settings.withStore { store, configuration in
                    let service = try configuration.requireMailService(store: store, logger: configuration.logger)
                    let day = date ?? MailService.today(zone: .current)
                    let outcome = try await service.sendDigests(day: day)
                    print(
                        "Digests of \(day): \(outcome.sent.count) sent, \(outcome.failed.count) failed, \(outcome.already) already sent or with nothing due."
                    )
                    if !outcome.failed.isEmpty {
                        throw CommandFailure("Not sent to: \(outcome.failed.joined(separator: ", ")).")
                    }
                }
            }
        }

        struct Test: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Send a test message, to check the mail settings.")

            @OptionGroup var settings: MailOptions
            @Option(help: "The address to send it to.") var to: String

            func validate() throws {
                if MailAddress.parse(to) == nil {
                    throw ValidationError("--to must be an address such as agnes@example.org; got \"\(to)\".")
                }
            }

            func run() async throws {
                let configuration = try settings.configuration()
                guard let mail = try configuration.mail(), let address = MailAddress.parse(to) else {
                    throw CommandFailure(
                        "\(Setting.smtp.longFlag) (\(Setting.smtp.variable)) is not set: Liaison has no mail server to send through."
                    )
                }
                do {
                    try await MailService.sendTest(
                        to: address, transport: mail.transport, settings: mail.settings, logger: configuration.logger)
                } catch {
                    throw CommandFailure("The test message was not sent: \(error)")
                }
                print("Sent a test message to \(address.address) through \(mail.transport.destination).")
            }
        }
    }
}
