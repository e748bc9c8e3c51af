import LiaisonCore
import Testing

@Suite struct ReferenceDataTests {
    @Test func everyAssignedCountryCodeIsKnown() {
        #expect(Country.all.count == 249)
        #expect(Set(Country.all.map(\.code)).count == 249)
        #expect(Country.named(code: " cn ")?.name == "China")
        #expect(Country.named(code: "HK")?.name == "Hong Kong")
        #expect(Country.named(code: "UK") == nil)
    }

    @Test func regionsParseFromASetting() throws {
        let catalog = try RegionCatalog.parse("asia=Asia, europe=Europe")
        #expect(catalog.regions.map(\.key) == ["asia", "europe"])
        #expect(catalog.region(key: "europe")?.name == "Europe")
    }

    @Test func badRegionSettingsAreRefusedWithTheirRule() {
        #expect(throws: ValidationError.self) { try RegionCatalog.parse("asia") }
        do {
            _ = try RegionCatalog.parse("asia=Asia,asia=Asia again")
            Issue.record("duplicate keys were accepted")
        } catch {
            #expect(error.errors.map(\.rule) == ["unique"])
        }
        do {
            _ = try RegionCatalog.parse("Asia Pacific=Asia")
            Issue.record("a key with spaces was accepted")
        } catch {
            #expect(error.errors.map(\.rule) == ["key_format"])
        }
    }
}
