import Foundation
import HummingbirdTesting
import LiaisonCore
import LiaisonStore
import Testing

@testable import LiaisonWeb

/// Menus a person reads down: each choice once, countries by name.
@Suite struct MenuOrderTests {
    func count(_ text: String, in page: String) -> Int { page.components(separatedBy: text).count - 1 }

    @Test func theDirectorySortMenuListsEachOrderOnce() async throws {
        try await withTestApp { app in
            let page = try await app.get("/organizations").text
            #expect(count(">Name (A–Z)</option>", in: page) == 1)
            let sorted = try await app.get("/organizations?sort=-population").text
            #expect(sorted.contains("<option value=\"-population\" selected>"))
        }
    }

    @Test func countryMenusAreInTheOrderOfTheCountriesNames() async throws {
        try await withTestApp { app in
            for uri in ["/organizations", "/people", "/organizations/new"] {
                let page = try await app.get(uri).text
                // By code Switzerland (CH) comes before China (CN); by name after it.
                let china = try #require(page.range(of: "<option value=\"CN\""), "\(uri)")
                let switzerland = try #require(page.range(of: "<option value=\"CH\""), "\(uri)")
                #expect(china.lowerBound < switzerland.lowerBound, "\(uri)")
            }
        }
    }
}
