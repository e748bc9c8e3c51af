import LiaisonCore
import Testing

/// Every list and every text of an input is bounded, and no text may hold characters that reorder what is
/// shown around them; each rule is checked where every entrance (API, form, CSV import, demo) calls it.
@Suite struct InputBoundsTests {
    func rules(_ check: () throws(ValidationError) -> Void) -> [String: String] {
        do {
            try check()
            return [:]
        } catch {
            return Dictionary(error.errors.map { ($0.field, $0.rule) }, uniquingKeysWith: { first, _ in first })
        }
    }

    func errors(_ check: () throws(ValidationError) -> Void) -> [FieldError] {
        do {
            try check()
            return []
        } catch {
            return error.errors
        }
    }

    func organization(_ change: (inout OrganizationInput) -> Void) -> [String: String] {
        var input = OrganizationInput.fixture()
        change(&input)
        return rules { () throws(ValidationError) in
            try input.normalized().validate(regions: .standard, currentYear: 2026)
        }
    }

    func person(_ change: (inout PersonInput) -> Void) -> [String: String] {
        var input = PersonInput.chenGuo
        change(&input)
        return rules { () throws(ValidationError) in try input.normalized().validate(currentYear: 2026) }
    }

    func activity(_ change: (inout ActivityInput) -> Void) -> [String: String] {
        var input = ActivityInput(
            kind: .bilateralMeeting, title: "Bilateral meeting with Guangzhou Municipality", start: "2026-03-10T10:00",
            end: "2026-03-10T11:30", timeZone: "Asia/Shanghai")
        change(&input)
        return rules { () throws(ValidationError) in try input.normalized().validate() }
    }

    // MARK: Lists

    @Test func anOrganizationsListsAreCapped() {
        #expect(organization { $0.aliases = (1...50).map { "Alias \($0)" } }.isEmpty)
        #expect(organization { $0.aliases = (1...51).map { "Alias \($0)" } } == ["aliases": "max_count"])
        let roles = (1...101).map { GovernanceRole(title: "Role \($0)") }
        #expect(organization { $0.governanceRoles = Array(roles.prefix(100)) }.isEmpty)
        #expect(organization { $0.governanceRoles = roles } == ["governanceRoles": "max_count"])
        let practices = (1...101).map { Practice(title: "Practice \($0)") }
        #expect(organization { $0.practices = Array(practices.prefix(100)) }.isEmpty)
        #expect(organization { $0.practices = practices } == ["practices": "max_count"])
        let affiliations = (1...101).map { Affiliation(networkId: Int64($0)) }
        #expect(organization { $0.affiliations = Array(affiliations.prefix(100)) }.isEmpty)
        #expect(organization { $0.affiliations = affiliations } == ["affiliations": "max_count"])
    }

    @Test func entriesPastTheCapAreNotCheckedOneByOne() {
        var input = OrganizationInput.fixture()
        input.practices = Array(repeating: Practice(title: ""), count: 16_000)
        let found = errors { () throws(ValidationError) in
            try input.normalized().validate(regions: .standard, currentYear: 2026)
        }
        // The list is refused as a whole; only the entries up to the cap get errors of their own.
        #expect(found.first { $0.field == "practices" }?.message == "At most 100 practices.")
        #expect(found.count == 101)
        #expect(!found.contains { $0.field == "practices[100].title" })
    }

    @Test func aPersonsListsAreCapped() {
        let codes = Array(Language.allCodes.prefix(21))
        #expect(person { $0.languages = Array(codes.prefix(20)) }.isEmpty)
        #expect(person { $0.languages = codes } == ["languages": "max_count"])
        let positions = (1...101).map { Position(organizationId: 1, title: "Title \($0)") }
        #expect(person { $0.positions = Array(positions.prefix(100)) }.isEmpty)
        #expect(person { $0.positions = positions } == ["positions": "max_count"])
        let channels = (1...51).map { Channel(kind: .email, value: "chen\($0)@gz.example.cn") }
        #expect(person { $0.channels = Array(channels.prefix(50)) }.isEmpty)
        #expect(person { $0.channels = channels } == ["channels": "max_count"])
    }

    @Test func anActivitysParticipantsAreCapped() {
        let organizations = (1...501).map { ActivityOrganization(organizationId: Int64($0)) }
        #expect(activity { $0.organizations = Array(organizations.prefix(500)) }.isEmpty)
        #expect(activity { $0.organizations = organizations } == ["organizations": "max_count"])
        let people = (1...1_001).map { ActivityPerson(personId: Int64($0)) }
        #expect(activity { $0.people = Array(people.prefix(1_000)) }.isEmpty)
        #expect(activity { $0.people = people } == ["people": "max_count"])
        let staff = (1...101).map { Int64($0) }
        #expect(activity { $0.staffAccountIds = Array(staff.prefix(100)) }.isEmpty)
        #expect(activity { $0.staffAccountIds = staff } == ["staffAccountIds": "max_count"])
    }

    // MARK: Lengths

    @Test func everyTextHasAMaximumLength() {
        let long = { (count: Int) in String(repeating: "字", count: count) }
        #expect(organization { $0.name = long(200) }.isEmpty)
        #expect(organization { $0.name = long(201) } == ["name": "max_length"])
        #expect(organization { $0.aliases = [long(201)] } == ["aliases[0]": "max_length"])
        #expect(organization { $0.metroArea = long(201) } == ["metroArea": "max_length"])
        #expect(organization { $0.focalPoint = long(201) } == ["focalPoint": "max_length"])
        #expect(
            organization { $0.governanceRoles = [GovernanceRole(title: long(201))] } == [
                "governanceRoles[0].title": "max_length"
            ])
        #expect(organization { $0.practices = [Practice(title: "Award", description: long(10_000))] }.isEmpty)
        #expect(
            organization { $0.practices = [Practice(title: "Award", description: long(10_001))] }
                == ["practices[0].description": "max_length"])
        #expect(person { $0.givenName = long(201) } == ["givenName": "max_length"])
        #expect(person { $0.honorific = long(51) } == ["honorific": "max_length"])
        #expect(person { $0.notes = long(10_001) } == ["notes": "max_length"])
        #expect(person { $0.consentNote = long(1_001) } == ["consentNote": "max_length"])
        #expect(person { $0.positions[0].department = long(201) } == ["positions[0].department": "max_length"])
        #expect(person { $0.channels[1].label = long(51) } == ["channels[1].label": "max_length"])
        #expect(activity { $0.title = long(201) } == ["title": "max_length"])
        #expect(activity { $0.summary = long(20_001) } == ["summary": "max_length"])
        #expect(activity { $0.venue = long(201) } == ["venue": "max_length"])
        #expect(
            activity { $0.organizations = [ActivityOrganization(organizationName: long(201))] }
                == ["organizations[0].organizationName": "max_length"])
    }

    @Test func aLongValueIsNotRepeatedBackInTheMessage() {
        var input = OrganizationInput.fixture(country: String(repeating: "Z", count: 100_000))
        input.region = String(repeating: "r", count: 100_000)
        let found = errors { () throws(ValidationError) in
            try input.normalized().validate(regions: .standard, currentYear: 2026)
        }
        #expect(found.map(\.field).sorted() == ["country", "region"])
        #expect(found.allSatisfy { $0.message.count < 400 })
        #expect(found.first { $0.field == "country" }?.message.hasPrefix("\"ZZZZ") == true)
    }

    // MARK: Bidirectional controls

    /// U+202E RIGHT-TO-LEFT OVERRIDE makes "Guangzhou‮gnp.exe" show as "Guangzhouexe.png".
    @Test(arguments: [
        "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}", "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}",
    ])
    func bidirectionalOverridesAndIsolatesAreRefusedInEveryText(mark: String) {
        #expect(organization { $0.name = "Guangzhou\(mark)" } == ["name": "control_characters"])
        #expect(organization { $0.aliases = ["Can\(mark)ton"] } == ["aliases[0]": "control_characters"])
        #expect(
            organization { $0.practices = [Practice(title: "Award", description: "Line\n\(mark)two")] }
                == ["practices[0].description": "control_characters"])
        #expect(person { $0.familyName = "\(mark)Chen" } == ["familyName": "control_characters"])
        #expect(person { $0.notes = "Met in\n\(mark)Guangzhou" } == ["notes": "control_characters"])
        #expect(person { $0.channels[1].label = "work\(mark)" } == ["channels[1].label": "control_characters"])
        #expect(activity { $0.title = "Meeting \(mark)" } == ["title": "control_characters"])
        #expect(activity { $0.summary = "Notes \(mark)" } == ["summary": "control_characters"])
    }

    @Test func theMessageSaysWhichCharactersAreRefused() {
        var input = OrganizationInput.fixture(name: "Guangzhou\u{202E}")
        input.nativeName = "广州\u{7}"
        let found = errors { () throws(ValidationError) in
            try input.normalized().validate(regions: .standard, currentYear: 2026)
        }
        #expect(found.first { $0.field == "name" }?.message.contains("bidirectional") == true)
        #expect(
            found.first { $0.field == "nativeName" }?.message == "Native-script name cannot contain control characters."
        )
    }

    @Test func directionMarksStayAllowed() {
        // U+200F RIGHT-TO-LEFT MARK and U+200E LEFT-TO-RIGHT MARK only say how neutral characters run.
        #expect(organization { $0.nativeName = "دبي\u{200F}" }.isEmpty)
        #expect(person { $0.givenName = "Guo\u{200E}" }.isEmpty)
    }

    @Test func staffNamesFollowTheSameRule() {
        let input = StaffAccountInput(email: "agnes@example.org", name: "Agn\u{202E}ès", role: .editor).normalized()
        #expect(throws: ValidationError.self) { try input.validate() }
    }
}
