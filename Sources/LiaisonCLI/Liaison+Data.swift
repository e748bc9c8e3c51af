import ArgumentParser
import Foundation
import LiaisonStore
import Logging

extension Liaison {
    struct Copy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy everything from one database to an empty one, either engine to either engine.",
            discussion: """
                Organizations, people, staff accounts and their API tokens, settings and the audit trail move; \
                sessions do not, so everyone signs in again. The target is filled in one transaction and the \
                counts of every table are compared afterwards. Stop the servers writing to the source first.
                """)

        @Option(help: "The database to copy: a SQLite file path or a postgres:// URL.") var from: String
        @Option(help: "The empty database to fill: a SQLite file path or a postgres:// URL.") var to: String
        @Option(Setting.logLevel) var logLevel: String?

        func validate() throws {
            _ = try logger()
        }

        /// The logger at the level of the flag or the variable; the other settings do not apply to a copy.
        private func logger() throws -> Logger {
            do {
                return try Configuration.resolve(
                    flags: logLevel.map { [Setting.logLevel.flag: $0] } ?? [:], settings: [Setting.logLevel]
                ).logger
            } catch {
                throw ValidationError(error.description)
            }
        }

        func run() async throws {
            let source = try location(from, "--from")
            let target = try location(to, "--to")
            if source.description == target.description {
                throw ValidationError("--from and --to name the same database (\(source)).")
            }
            if case .sqlite(let path) = source, !FileManager.default.fileExists(atPath: path) {
                throw ValidationError("--from: there is no SQLite database at \(path).")
            }
            let logger = try logger()
            let report = try await source.withStore(logger: logger) { sourceStore in
                try await target.withStore(logger: logger) { targetStore in
                    do {
                        return try await DataTransfer.copy(
                            from: sourceStore, to: targetStore, targetName: target.description)
                    } catch let error as TransferError {
                        throw CommandFailure(error.description)
                    }
                }
            }
            print("Copied \(source) to \(target): \(report.summary); every table's count matches.")
        }
    }

    struct Backup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a full JSON backup (one JSON object a line) that restores on either engine.")

        @OptionGroup var store: StoreOptions
        @Option(help: "The file to write; - for standard output.") var output: String

        func run() async throws {
            let handle: FileHandle
            if output == "-" {
                handle = .standardOutput
            } else {
                guard FileManager.default.createFile(atPath: output, contents: nil) else {
                    throw ValidationError("--output: cannot create the file \(output).")
                }
                handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
            }
            let report = try await store.withStore { database, _ in
                try await JSONBackup.write(from: database) { try handle.write(contentsOf: $0) }
            }
            try handle.synchronize()
            if output != "-" {
                try handle.close()
                print("Backed up \(report.summary) to \(output).")
            }
        }
    }

    struct Restore: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Restore a JSON backup into an empty database; a bad or cut-short file changes nothing.")

        @OptionGroup var store: StoreOptions
        @Option(help: "The backup file to read.") var input: String

        func run() async throws {
            guard let handle = FileHandle(forReadingAtPath: input) else {
                throw ValidationError("--input: cannot read the file \(input).")
            }
            defer { try? handle.close() }
            let report = try await store.withStore { database, configuration in
                do {
                    return try await JSONBackup.restore(
                        FileLines(handle: handle), into: database, targetName: configuration.database.description)
                } catch let error as TransferError {
                    throw CommandFailure("\(input): \(error.description)")
                }
            }
            print("Restored \(report.summary) from \(input).")
        }
    }
}

private func location(_ text: String, _ flag: String) throws -> DatabaseLocation {
    do {
        return try DatabaseLocation.parse(text, source: flag)
    } catch {
        throw ValidationError(error.description)
    }
}

/// The lines of a file, read in large chunks so that a backup of any size streams.
struct FileLines: AsyncSequence, Sendable {
    typealias Element = String
    let handle: FileHandle

    struct AsyncIterator: AsyncIteratorProtocol {
        let handle: FileHandle
        var buffer = [UInt8]()
        /// Where the next line starts in `buffer`; the consumed part is dropped only when refilling.
        var start = 0
        var finished = false

        mutating func next() async throws -> String? {
            while true {
                if let newline = buffer[start...].firstIndex(of: 0x0A) {
                    defer { start = newline + 1 }
                    return String(decoding: buffer[start..<newline], as: UTF8.self)
                }
                if finished {
                    guard start < buffer.count else { return nil }
                    defer { start = buffer.count }
                    return String(decoding: buffer[start...], as: UTF8.self)
                }
                buffer.removeFirst(start)
                start = 0
                let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
                if chunk.isEmpty { finished = true } else { buffer.append(contentsOf: chunk) }
            }
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(handle: handle) }
}
