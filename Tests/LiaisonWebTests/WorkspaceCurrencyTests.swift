import Foundation
import HTTPTypes
import HummingbirdTesting
import LiaisonCore
import LiaisonStore
import LiaisonTestSupport
import Testing

@testable import LiaisonWeb

/// Dues are in the workspace's currency, which an admin sets on the settings page.
@Suite struct WorkspaceCurrencyTests {
    @Test func anAdminSetsTheCurrencyAndDuesShowIt() async throws {
        try await withTestApp { app in
            let page = try await app.get("/admin/accounts", as: .admin).text
            #expect(page.contains("name=\"currency\""))
            #expect(page.contains("value=\"EUR\""))
            let organization = try await app.store.createOrganization(
                OrganizationInput(
                    kind: .city, name: "Guangzhou", country: "CN", membershipStatus: .member, paying: true,
                    duesPerYear: 12_000),
                by: .system)
            #expect(try await app.get("/organizations/\(organization.id)").text.contains("12,000 EUR a year"))

            let saved = try await app.submit("/admin/settings", [("currency", " usd ")], as: .admin)
            #expect(saved.status == .ok)
            #expect(saved.text.contains("Settings saved."))
            #expect(try await app.store.workspaceSettings().currency == "USD")
            #expect(try await app.get("/organizations/\(organization.id)").text.contains("12,000 USD a year"))
            let trail = try await app.store.auditEntries(AuditQuery(entity: .settings))
            #expect(trail.first?.changes.contains(FieldChange(field: "currency", before: "EUR", after: "USD")) == true)
        }
    }

    @Test func aCodeOutsideISO4217IsRefusedNamingTheField() async throws {
        try await withTestApp { app in
            let refused = try await app.submit("/admin/settings", [("currency", "EURO")], as: .admin)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("is not a currency code of ISO 4217"))
            #expect(refused.text.contains("value=\"EURO\""))
            #expect(try await app.store.workspaceSettings().currency == "EUR")
            let viewer = try await app.submit("/admin/settings", [("currency", "USD")], as: .editor)
            #expect(viewer.status == .forbidden)
        }
    }
}
