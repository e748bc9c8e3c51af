import Foundation
import LiaisonCore
import LiaisonStore
import Testing

@testable import LiaisonWeb

/// The interface's words live in one file per language and are asked for by typed key. The compiler checks the
/// code's keys; these tests check that every language file has a word for every key, no key the code does not
/// know, and a word for each value of every choice the pages name.
@Suite struct StringsTests {
    static let stringsFolder = WebSettings.bundledResources.appendingPathComponent("strings")

    static func languageFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: stringsFolder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
    }

    @Test func everyLanguageFileHasEveryKeyAndNoOther() throws {
        let files = try Self.languageFiles()
        #expect(files.map(\.lastPathComponent).contains("en.json"))
        for file in files {
            let entries = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: file))
            let missing = StringKey.allCases.filter { entries[$0.rawValue] == nil }.map(\.rawValue)
            #expect(missing.isEmpty, "\(file.lastPathComponent) lacks \(missing)")
            let unknown = entries.keys.filter { StringKey(rawValue: $0) == nil }.sorted()
            #expect(unknown.isEmpty, "\(file.lastPathComponent) has keys the code does not know: \(unknown)")
            let empty = entries.filter { $0.value.trimmingCharacters(in: .whitespaces).isEmpty }.keys.sorted()
            #expect(empty.isEmpty, "\(file.lastPathComponent) has empty words: \(empty)")
        }
    }

    @Test func formatFillsEveryPlaceholderAsStringFormatDoes() throws {
        let t = try Strings(file: Self.stringsFolder.appendingPathComponent("en.json"))
        for key in StringKey.allCases {
            let text = t[key]
            let placeholders =
                text.components(separatedBy: "%@").count - 1 + text.components(separatedBy: "%d").count - 1
            guard placeholders > 0, placeholders <= 2 else { continue }
            // "%@" takes a string and "%d" a number: the same number as text fills both.
            let numbers = text.contains("%d") && !text.contains("%@")
            let expected =
                numbers
                ? String(format: text, 7, 12)
                : String(format: text.replacingOccurrences(of: "%d", with: "%@"), "7", "12")
            #expect(t.format(key, "7", "12") == expected, "\(key.rawValue)")
        }
        #expect(t.format(.bulkTickOne, "Guangzhou 100% <b>") == "Tick Guangzhou 100% <b>")
    }

    @Test func aFileWithAKeyTheCodeDoesNotKnowStopsStartUp() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("strings-\(UUID()).json")
        try Data(#"{"app_name": "Liaison", "directory_titel": "Directory"}"#.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect {
            try Strings(file: file)
        } throws: {
            "\($0)".contains("directory_titel") && "\($0)".contains(file.lastPathComponent)
        }
    }

    @Test func everyValueOfEveryNamedChoiceHasAWord() throws {
        let t = try Strings(file: Self.stringsFolder.appendingPathComponent("en.json"))
        func missing<Value: Labelled>(_ type: Value.Type) -> [String] {
            Value.allCases.map { Value.labelPrefix + $0.rawValue }
                .filter { StringKey(rawValue: $0).map(t.has) != true }
        }
        let all =
            missing(OrganizationKind.self) + missing(MembershipStatus.self) + missing(ParticipationStatus.self)
            + missing(NameOrder.self) + missing(PersonRole.self) + missing(ChannelKind.self)
            + missing(ActivityKind.self) + missing(ActivityVisibility.self) + missing(AttendanceMode.self)
            + missing(DelegateRole.self) + missing(OrganizationSort.self) + missing(CalendarMode.self)
            + missing(CalendarFeedScope.self) + missing(StaffRole.self) + missing(SearchKind.self)
            + missing(RecordKind.self) + missing(AuditAction.self) + missing(FollowUpStatus.self)
            + missing(FollowUpPriority.self) + missing(NotificationReason.self)
        #expect(all.isEmpty, "no word for \(all)")
        #expect(AttendanceMode.allCases.allSatisfy { t.groupHeading($0) != "mode_group_\($0.rawValue)" })
        #expect(t.label(OrganizationKind.city) == "City")
    }
}
