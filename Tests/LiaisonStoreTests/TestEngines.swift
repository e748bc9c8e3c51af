import Foundation
import LiaisonSQLite
import LiaisonStore
import LiaisonTestSupport
import Testing

/// The engines the storage contract runs against: SQLite always; others when configured.
enum TestEngine: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite

    static var available: [TestEngine] { [.sqlite] }

    var testDescription: String { rawValue }

    /// Runs `body` with a fresh, empty store of this engine and removes it afterwards.
    func withStore(_ body: (any LiaisonStore) async throws -> Void) async throws {
        switch self {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "liaison-test-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let store = try SQLiteStore.open(path: directory.appendingPathComponent("test.sqlite").path)
            try await body(store)
        }
    }
}
