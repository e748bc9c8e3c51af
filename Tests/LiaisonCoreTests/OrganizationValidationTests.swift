import LiaisonCore
import Testing

@Suite struct OrganizationValidationTests {
    func errors(_ input: OrganizationInput) -> [FieldError] {
        do {
            try input.normalized().validate(regions: .standard, currentYear: 2026)
            return []
        } catch {
            return error.errors
        }
    }

    func rules(_ input: OrganizationInput) -> [String: String] {
        Dictionary(errors(input).map { ($0.field, $0.rule) }, uniquingKeysWith: { first, _ in first })
    }

    @Test func guangzhouAsTheSourcesDescribeItIsValid() {
        let guangzhou = OrganizationInput.fixture()
        #expect(errors(guangzhou).isEmpty)
    }

    @Test func nameIsRequired() {
        #expect(rules(.fixture(name: "   ")) == ["name": "required"])
    }

    @Test func countryMustBeAnAssignedCode() {
        #expect(rules(.fixture(country: "ZZ"))["country"] == "unknown_country")
        #expect(rules(.fixture(country: "XK"))["country"] == "unknown_country")
        #expect(errors(.fixture(country: " cn ")).isEmpty)
    }

    @Test func citiesNeedACountryButNetworksDoNot() {
        #expect(rules(.fixture(country: nil))["country"] == "required")
        var network = OrganizationInput(kind: .network, name: "C40")
        network.country = nil
        #expect(errors(network).isEmpty)
    }

    @Test func coordinatesAreInRangeAndTogether() {
        var input = OrganizationInput.fixture()
        input.latitude = 91
        #expect(rules(input)["latitude"] == "range")
        input.latitude = nil
        #expect(rules(input)["latitude"] == "pair")
        input.latitude = -90
        input.longitude = 180.5
        #expect(rules(input)["longitude"] == "range")
    }

    @Test func regionMustBeConfigured() {
        var input = OrganizationInput.fixture()
        input.region = "atlantis"
        #expect(rules(input)["region"] == "unknown_region")
    }

    @Test func onlyMembersPay() {
        var input = OrganizationInput.fixture()
        input.membershipStatus = .prospect
        #expect(rules(input)["paying"] == "requires_member")
    }

    @Test func rolesNeedATitleAndOrderedYears() {
        var input = OrganizationInput.fixture()
        input.governanceRoles = [GovernanceRole(title: "", fromYear: 2026, toYear: 2023)]
        let found = rules(input)
        #expect(found["governanceRoles[0].title"] == "required")
        #expect(found["governanceRoles[0].toYear"] == "order")
    }

    @Test func websiteMustBeAWebAddress() {
        var input = OrganizationInput.fixture()
        input.website = "javascript:alert(1)"
        #expect(rules(input)["website"] == "url")
        input.website = "https://www.gz.gov.cn"
        #expect(errors(input).isEmpty)
        // The host is a name of letters, digits and hyphens, as the OpenAPI document's pattern says.
        for bad in ["httPs://mMU5X.V*", "https://gz..cn", "https://gz.cn/a b"] {
            input.website = bad
            #expect(rules(input)["website"] == "url", "\(bad)")
        }
        input.website = "HTTPS://www.gz.gov.cn:8443/en/index.html?lang=en#top"
        #expect(errors(input).isEmpty)
    }

    @Test func controlCharactersAreRefusedButLineBreaksInDescriptionsAreNot() {
        var input = OrganizationInput.fixture(name: "\u{0}Guangzhou")
        input.practices = [Practice(title: "Award\u{7}", description: "Line one\nLine two\tend")]
        let found = rules(input)
        #expect(found["name"] == "control_characters")
        #expect(found["practices[0].title"] == "control_characters")
        #expect(found["practices[0].description"] == nil)
    }

    @Test func everyBrokenRuleIsReportedAtOnce() {
        var input = OrganizationInput.fixture(name: "", country: "ZZ")
        input.population = -1
        input.memberSince = 3000
        #expect(Set(errors(input).map(\.field)) == ["name", "country", "population", "memberSince"])
    }

    @Test func normalizingTrimsAndDropsBlanks() {
        var input = OrganizationInput.fixture(name: "  Guangzhou ")
        input.aliases = [" Canton ", "", "  "]
        input.nativeName = "  "
        let normalized = input.normalized()
        #expect(normalized.name == "Guangzhou")
        #expect(normalized.aliases == ["Canton"])
        #expect(normalized.nativeName == nil)
    }
}

extension OrganizationInput {
    /// Guangzhou as the source documents describe it.
    static func fixture(name: String = "Guangzhou", country: String? = "CN") -> OrganizationInput {
        OrganizationInput(
            kind: .city, name: name, nativeName: "广州", aliases: ["Canton"], country: country, region: "asia-pacific",
            metroArea: "Greater Bay Area", population: 18_676_605, latitude: 23.1291, longitude: 113.2644,
            website: nil, membershipStatus: .member, memberSince: 1993, paying: true, duesPerYear: 25_000,
            focalPoint: "Agnès Bickart",
            governanceRoles: [GovernanceRole(title: "Co-presidency", fromYear: 2023, toYear: 2026)],
            practices: [Practice(title: "Institute for Urban Innovation", year: 2012)])
    }
}
