import Foundation
import LiaisonCore
import LiaisonStore
import LiaisonTestSupport
import Testing

/// The workspace's settings on both engines: the currency starts as EUR, is stored and audited.
@Suite struct WorkspaceSettingsContractTests {
    let admin = AuditActor(accountId: 1, name: "Ada Admin", address: "127.0.0.1")

    @Test(arguments: TestEngine.available)
    func theCurrencyIsStoredBesideTheTwoFactorRequirement(engine: TestEngine) async throws {
        try await engine.withStore { store in
            #expect(try await store.workspaceSettings() == WorkspaceSettings(requireTwoFactor: false, currency: "EUR"))
            try await store.updateWorkspaceSettings(
                WorkspaceSettings(requireTwoFactor: true, currency: "CNY"), by: admin)
            #expect(try await store.workspaceSettings() == WorkspaceSettings(requireTwoFactor: true, currency: "CNY"))
            let trail = try await store.auditEntries(AuditQuery(entity: .settings))
            #expect(trail.first?.changes.contains(FieldChange(field: "currency", before: "EUR", after: "CNY")) == true)
        }
    }

    @Test func onlyISO4217CodesAreCurrencies() throws {
        #expect(try Currency.checked(" usd ") == "USD")
        #expect(throws: ValidationError.self) { try Currency.checked("EURO") }
        #expect(throws: ValidationError.self) { try Currency.checked("XXX") }
        #expect(throws: ValidationError.self) { try Currency.checked("") }
    }
}
