import Foundation
import HTTPTypes
import HummingbirdTesting
import LiaisonCore
import LiaisonStore
import LiaisonTestSupport
import Testing

@testable import LiaisonWeb

/// Working groups, interests and the members not engaged through their pages: forms with bad input, stale
/// versions, viewers who may only read.
@Suite struct GroupRoutesTests {
    @Test func aGroupIsMadeWithMembersByNameEditedAndDeleted() async throws {
        try await withTestApp { app in
            let guangzhou = try await app.store.createOrganization(
                OrganizationInput(name: "Guangzhou", country: "CN", region: "asia-pacific", membershipStatus: .member))
            let lyon = try await app.store.createOrganization(
                OrganizationInput(name: "Lyon", country: "FR", region: "europe", membershipStatus: .member))
            #expect(try await app.get("/groups", as: .viewer).status == .ok)
            #expect(try await app.get("/groups/new", as: .viewer).status == .forbidden)
            #expect(try await app.get("/groups/new").status == .ok)

            let unknown = try await app.submit(
                "/groups", [("name", "Solid waste"), ("theme", "Solid waste"), ("addOrganizations", "Atlantis")])
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.text.contains("Atlantis"))
            #expect(
                try await app.submit("/groups", [("name", ""), ("theme", "")]).status == .unprocessableContent)
            #expect(
                try await app.submit("/groups", [("name", "Solid waste"), ("theme", "Solid waste")], as: .viewer)
                    .status == .forbidden)

            let created = try await app.submit(
                "/groups",
                [
                    ("name", "Solid waste"), ("theme", "Solid waste"), ("description", "Recycling"),
                    ("addOrganizations", "Guangzhou\nLyon"), ("addRole", "member"),
                ])
            #expect(created.status == .seeOther)
            let location = try #require(created.headers[.location])
            let id = try #require(Int(location.dropFirst("/groups/".count).prefix { $0.isNumber }))
            let group = try #require(try await app.store.workingGroup(id: Int64(id)))
            #expect(group.input.members.map(\.organizationId) == [guangzhou.id, lyon.id])

            let shown = try await app.get("/groups/\(id)", as: .viewer)
            #expect(shown.text.contains("Guangzhou"))
            #expect(shown.text.contains("/groups/\(id)/edit") == false)
            #expect(try await app.get("/groups/\(id)/edit").status == .ok)

            // Guangzhou leads; Lyon leaves; a day that is no date is named beside its row.
            let badDay = try await app.submit(
                "/groups/\(id)",
                [
                    ("name", "Solid waste"), ("theme", "Solid waste"), ("version", "1"),
                    ("memberIds", "\(guangzhou.id)"), ("memberName.0", "Guangzhou"), ("memberRole.0", "lead"),
                    ("memberJoined.0", "spring"), ("memberIds", "\(lyon.id)"), ("memberName.1", "Lyon"),
                    ("memberRole.1", "member"), ("memberRemove.1", "1"),
                ])
            #expect(badDay.status == .unprocessableContent)
            #expect(badDay.text.contains("YYYY-MM-DD"))
            let edited = try await app.submit(
                "/groups/\(id)",
                [
                    ("name", "Solid waste"), ("theme", "Solid waste"), ("version", "1"),
                    ("memberIds", "\(guangzhou.id)"), ("memberName.0", "Guangzhou"), ("memberRole.0", "lead"),
                    ("memberJoined.0", "2025-06-01"), ("memberIds", "\(lyon.id)"), ("memberName.1", "Lyon"),
                    ("memberRole.1", "member"), ("memberRemove.1", "1"),
                ])
            #expect(edited.status == .seeOther)
            let after = try #require(try await app.store.workingGroup(id: Int64(id)))
            #expect(after.input.members.map(\.role) == [.lead])
            #expect(
                try await app.submit("/groups/\(id)", [("name", "x"), ("theme", "x"), ("version", "1")]).status
                    == .conflict)
            #expect(try await app.get("/groups", as: .viewer).text.contains("Guangzhou"))

            #expect(try await app.get("/groups/\(id)/delete").status == .ok)
            #expect(try await app.submit("/groups/\(id)/delete", [("version", "2")], as: .viewer).status == .forbidden)
            #expect(try await app.submit("/groups/\(id)/delete", [("version", "2")]).status == .seeOther)
            #expect(try await app.get("/groups/\(id)").status == .notFound)
        }
    }

    @Test func interestsAreRecordedFromAnOrganizationFilteredAndTheUnengagedListed() async throws {
        try await withTestApp { app in
            let foshan = try await app.store.createOrganization(
                OrganizationInput(name: "Foshan", country: "CN", region: "asia-pacific", membershipStatus: .prospect))
            let quiet = try await app.store.createOrganization(
                OrganizationInput(name: "Quietville", country: "FR", region: "europe", membershipStatus: .member))
            #expect(try await app.get("/organizations/\(quiet.id)").text.contains("Not engaged"))
            #expect(try await app.get("/organizations/\(foshan.id)").text.contains("/interests/new?organization="))
            #expect(try await app.get("/interests/new").status == .badRequest)
            #expect(try await app.get("/interests/new?organization=\(foshan.id)", as: .viewer).status == .forbidden)
            #expect(try await app.get("/interests/new?organization=\(foshan.id)").status == .ok)

            let bad = try await app.submit(
                "/interests", [("organizationId", "\(foshan.id)"), ("theme", ""), ("expressedOn", "soon")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("error-summary"))
            let created = try await app.submit(
                "/interests",
                [
                    ("organizationId", "\(foshan.id)"), ("organizationName", "Foshan"), ("theme", "Solid waste"),
                    ("expressedOn", "2026-11-10"), ("note", "Asked about recycling"),
                ])
            #expect(created.status == .seeOther)
            let location = try #require(created.headers[.location])
            let id = try #require(Int(location.dropFirst("/interests/".count).prefix { $0.isNumber }))

            let chinese = try await app.get("/interests?theme=solid%20WASTE&country=CN", as: .viewer)
            #expect(chinese.text.contains("Asked about recycling"))
            #expect(try await app.get("/interests?theme=solid%20waste&country=FR").text.contains("Foshan") == false)
            #expect(try await app.get("/interests?country=XX").status == .badRequest)
            #expect(try await app.get("/interests?region=atlantis").status == .badRequest)
            #expect(try await app.get("/interests/\(id)", as: .viewer).status == .ok)
            #expect(try await app.get("/organizations/\(foshan.id)").text.contains("Asked about recycling"))

            let unengaged = try await app.get("/engagement", as: .viewer)
            #expect(unengaged.text.contains("Quietville"))
            #expect(try await app.get("/engagement?country=CN").text.contains("Quietville") == false)
            #expect(try await app.get("/engagement?region=atlantis").status == .badRequest)

            #expect(try await app.get("/interests/\(id)/edit").status == .ok)
            #expect(
                try await app.submit("/interests/\(id)", [("version", "1"), ("theme", "Recycling")], as: .viewer)
                    .status == .forbidden)
            #expect(
                try await app.submit("/interests/\(id)", [("version", "1"), ("theme", "Recycling")]).status == .seeOther
            )
            #expect(try await app.submit("/interests/\(id)", [("version", "1"), ("theme", "x")]).status == .conflict)
            #expect(try await app.store.interest(id: Int64(id))?.input.theme == "Recycling")
            #expect(try await app.get("/interests/\(id)/delete").status == .ok)
            #expect(try await app.submit("/interests/\(id)/delete", [("version", "2")]).status == .seeOther)
            #expect(try await app.get("/interests/\(id)").status == .notFound)
        }
    }
}
