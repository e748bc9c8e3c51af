import Foundation
import Testing

@testable import LiaisonWeb

/// The interface's words live in one file per language. A key the code or a template asks for but the file
/// lacks would show as the key itself ("sign_in_expired") on the page: none may be missing.
@Suite struct StringsTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/LiaisonWeb").standardized

    @Test func everyKeyTheCodeUsesIsInEnglish() throws {
        let strings = try Strings(file: WebSettings.bundledResources.appendingPathComponent("strings/en.json"))
        var used: Set<String> = []
        let files = FileManager.default.enumerator(at: Self.sources, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            guard file.pathExtension == "swift" else { continue }
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in text.matches(of: /\b(?:t|strings)\["([a-z0-9_]+)"\]/) { used.insert(String(match.1)) }
        }
        #expect(used.count > 100, "the scan found too few keys to be looking in the right place")
        let missing = used.filter { strings.all[$0] == nil }.sorted()
        #expect(missing.isEmpty, "missing from en.json: \(missing)")
    }
}
