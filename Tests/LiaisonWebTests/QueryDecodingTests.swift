import Foundation
import HTTPTypes
import HummingbirdTesting
import LiaisonCore
import LiaisonStore
import LiaisonTestSupport
import Testing

@testable import LiaisonWeb

/// A query string as browsers send a form: `+` is a space, `%2B` a plus sign.
@Suite struct QueryDecodingTests {
    @Test func aPlusInTheQueryIsASpaceOnEveryListAndSearch() async throws {
        try await withTestApp(demo: true) { app in
            let search = try await app.get("/search?q=chen+guo").text
            #expect(search.contains("value=\"chen guo\""))
            #expect(search.contains(">CHEN Guo</a>"))
            let people = try await app.get("/people?q=chen+guo").text
            #expect(people.contains("value=\"chen guo\""))
            #expect(people.contains(">CHEN Guo</a>"))
            let directory = try await app.get("/organizations?q=hong+kong").text
            #expect(directory.contains("value=\"hong kong\""))
            #expect(directory.contains(">Hong Kong</a>"))
            let calendar = try await app.get("/calendar?view=agenda&date=2026-11-01&org=Hong+Kong")
            #expect(calendar.status == .ok)
            #expect(calendar.text.contains("value=\"Hong Kong\""))
        }
    }

    @Test func anEncodedPlusStaysAPlus() async throws {
        try await withTestApp { app in
            let search = try await app.get("/search?q=c%2B%2B+guide&q=second").text
            #expect(search.contains("value=\"c++ guide\""))
        }
    }
}
